import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable, freePort, type RunningService, startSesEmulator } from '../../local/emulators.js';
import { createLocalServer } from '../../local/server.js';
import { EXAMPLE_DIRECTORY } from '../../local/stack.js';
import { loadDirectory, readDirectoryFile } from '../../shared/app/directory.js';
import { actiesFromRuntime } from '../../shared/handlers/acties.js';
import { healthFromRuntime } from '../../shared/handlers/health.js';
import { intakeFromRuntime } from '../../shared/handlers/intake.js';
import { notifyFromRuntime } from '../../shared/handlers/notify.js';
import { pagesFromRuntime } from '../../shared/handlers/pages.js';
import { createRuntime, type Runtime } from '../../shared/handlers/runtime.js';
import type { StoredEmail } from '../support/stack.js';

/**
 * notify on its own, without the poller: records are handed in the way Lambda hands them in, so
 * redelivery and failures are under the test's control.
 */
let ses: RunningService;
/**
 * A service that is down: nothing listens on port 1, so a connection is refused at once. (A port from
 * freePort() may be taken by another test file's emulator before this test uses it.)
 */
const DEAD_ENDPOINT = 'http://127.0.0.1:1';
let tableName: string;
let live: Runtime;
let keys: Map<string, string>;

const env = (overrides: Record<string, string>) => ({
  ...process.env,
  TABLE_NAME: tableName,
  DDB_ENDPOINT: inject('ddbEndpoint'),
  SES_ENDPOINT: ses.endpoint,
  SENDER_EMAIL: 'meldpunt@veiligschool.example.org',
  ACTION_LINK_SECRET: 'test-secret-test-secret-test-secret-0001',
  ...overrides,
});

beforeAll(async () => {
  ses = await startSesEmulator(await freePort());
  tableName = `notify-${randomUUID()}`;
  await createTable(inject('ddbEndpoint'), tableName);
  live = createRuntime(env({}), 'test');
  const loaded = await loadDirectory(live.clients.store, readDirectoryFile(EXAMPLE_DIRECTORY));
  keys = new Map(loaded.map((l) => [l.party.id, l.formKey]));
});

afterAll(async () => {
  await ses?.stop();
});

const inbox = async (): Promise<StoredEmail[]> =>
  ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: StoredEmail[] }).emails;

let sequence = 1000;
let meldingCount = 0;
const recordFor = (pk: string, sk: string): DynamoDBStreamEvent['Records'][number] => ({
  eventID: randomUUID(),
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  eventVersion: '1.1',
  awsRegion: 'eu-west-1',
  dynamodb: {
    Keys: { pk: { S: pk }, sk: { S: sk } },
    SequenceNumber: String(sequence++),
    StreamViewType: 'NEW_IMAGE',
  },
});

/** Stores a melding through intake (in process) and returns its outbox keys; no poller runs here. */
async function storeMelding(): Promise<{ id: string; outbox: Array<{ pk: string; sk: string }> }> {
  const intake = intakeFromRuntime(live);
  const response = await intake(
    {
      version: '2.0',
      routeKey: 'POST /api/meldingen',
      rawPath: '/api/meldingen',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      requestContext: { http: { method: 'POST', path: '/api/meldingen', sourceIp: '127.0.0.1' } },
      isBase64Encoded: false,
      body: JSON.stringify({
        formKey: keys.get('het-voorbeeldcollege'),
        category: 'overlast-omgeving',
        location: 'directe-omgeving',
        occurredAt: '2026-11-20T12:00:00Z',
        // Each call its own text: an identical body from the same party is the same submission.
        description: `Elke middagpauze wordt er afval rond het winkelcentrum gegooid (${++meldingCount}e keer).`,
      }),
    } as never,
    {} as never,
  );
  expect(response.statusCode).toBe(201);
  const { id, notified } = JSON.parse(response.body ?? '{}') as { id: string; notified: string[] };
  return {
    id,
    outbox: [...notified, 'het-voorbeeldcollege'].map((party) => ({ pk: `SUB#${id}`, sk: `OUT#${party}` })),
  };
}

describe('Function: notify', () => {
  it('sends one email per outbox item and nothing when the same records are delivered again', async () => {
    const { id, outbox } = await storeMelding();
    const notify = notifyFromRuntime(live);
    const event = { Records: outbox.map((o) => recordFor(o.pk, o.sk)) };

    const first = await notify(event);
    const again = await notify(event);
    const concurrent = await Promise.all([notify(event), notify(event)]);

    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect(concurrent.flatMap((r) => r.batchItemFailures)).toEqual([]);
    const sent = (await inbox()).filter((e) => e.subject.includes(id));
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((e) => e.destination.to[0])).size).toBe(4);
  });

  it('reports a failed send as a batch item failure and leaves the item pending, so a retry sends it once', async () => {
    const { id, outbox } = await storeMelding();
    const deadSes = createRuntime(env({ SES_ENDPOINT: DEAD_ENDPOINT }), 'test');
    const event = { Records: outbox.map((o) => recordFor(o.pk, o.sk)) };

    const failed = await notifyFromRuntime(deadSes)(event);

    expect(failed.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      event.Records.map((r) => r.dynamodb?.SequenceNumber).sort(),
    );
    for (const key of outbox) {
      const item = await live.clients.store.getItem(key);
      expect(item?.status).toBe('pending');
      expect(item?.attempts).toBe(1);
    }
    expect((await inbox()).filter((e) => e.subject.includes(id))).toHaveLength(0);

    const retried = await notifyFromRuntime(live)(event);

    expect(retried.batchItemFailures).toEqual([]);
    expect((await inbox()).filter((e) => e.subject.includes(id))).toHaveLength(4);
    for (const key of outbox) expect((await live.clients.store.getItem(key))?.status).toBe('sent');
  });

  it('fails only the record it cannot deliver and delivers the rest of the batch', async () => {
    const { id, outbox } = await storeMelding();
    // An outbox item whose submission does not exist: it can never be rendered.
    const ghost = { pk: 'SUB#M-20261120-GH0STGH0', sk: 'OUT#het-voorbeeldcollege' };
    await live.clients.store.put({
      ...ghost,
      type: 'outbox',
      template: 'submission-confirmation',
      subjectId: 'M-20261120-GH0STGH0',
      recipientId: 'het-voorbeeldcollege',
      status: 'pending',
      attempts: 0,
    });
    const poison = recordFor(ghost.pk, ghost.sk);
    const event = { Records: [poison, ...outbox.map((o) => recordFor(o.pk, o.sk))] };

    const result = await notifyFromRuntime(live)(event);

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: poison.dynamodb?.SequenceNumber }]);
    expect((await inbox()).filter((e) => e.subject.includes(id))).toHaveLength(4);
    expect((await live.clients.store.getItem(ghost))?.status).toBe('pending');
  });
});

describe('When DynamoDB is unavailable', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const dead = createRuntime(env({ DDB_ENDPOINT: DEAD_ENDPOINT }), 'test');
    server = createLocalServer({
      intake: intakeFromRuntime(dead),
      pages: pagesFromRuntime(dead),
      health: healthFromRuntime(dead),
      acties: actiesFromRuntime(dead),
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('intake answers 503 with a Dutch message and Retry-After, and health answers 503', async () => {
    const res = await fetch(`${url}/api/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'storing-0001' },
      body: JSON.stringify({ formKey: keys.get('het-voorbeeldcollege'), category: 'zorgsignaal' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { status: number; detail: string };
    expect(body.status).toBe(503);
    expect(body.detail).toMatch(/tijdelijk niet bereikbaar/);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    expect((await fetch(`${url}/api/health`)).status).toBe(503);
  });

  it('the melding form says the service is temporarily unavailable instead of failing', async () => {
    const res = await fetch(`${url}/formulieren/melding?sleutel=${keys.get('het-voorbeeldcollege')}`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Tijdelijk niet bereikbaar');
  });
});
