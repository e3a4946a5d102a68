import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBouncesHandler, problemAddresses } from '../../shared/handlers/bounces.js';
import { productLogs } from '../support/log-sink.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const snsEvent = (message: unknown): SNSEvent =>
  ({
    Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(message) } }],
  }) as unknown as SNSEvent;

describe('Function: bounces', () => {
  it('reads permanent bounces and complaints from SES events, and ignores transient bounces', () => {
    const bounce = {
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'A@Example.org' }] },
    };
    expect(problemAddresses(bounce)).toEqual(['a@example.org']);
    expect(problemAddresses({ ...bounce, bounce: { ...bounce.bounce, bounceType: 'Transient' } })).toEqual(
      [],
    );
    expect(
      problemAddresses({
        notificationType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'b@example.org' }] },
      }),
    ).toEqual(['b@example.org']);
  });

  it('marks the party with that address as bouncing in the directory', async () => {
    const handler = createBouncesHandler({
      store: stack.app.runtime.clients.store,
      logger: stack.app.runtime.logger,
      metrics: new Metrics({ namespace: 'Test', serviceName: 'bounces' }),
    });
    await handler(
      snsEvent({
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bouncedRecipients: [{ emailAddress: 'wijkagent.west@politie.example.org' }],
        },
      }),
    );
    expect((await stack.app.runtime.clients.store.getParty('wijkagent-west'))?.bouncing).toBe(true);
    expect((await stack.app.runtime.clients.store.getParty('wijkagent-oost'))?.bouncing).toBeUndefined();
    // The operator is told in the logs which party to fix, without the address itself.
    const told = productLogs.filter((l) => l.level === 'ERROR' && l.partyId === 'wijkagent-west');
    expect(told.map((l) => l.message)).toEqual([
      'directory address bounces: fix it with npm run admin -- import',
    ]);
    expect(JSON.stringify(told)).not.toContain('wijkagent.west@politie.example.org');
  });
});
