import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../local/emulators.js';
import { createLocalServer } from '../../local/server.js';
import { actiesFromRuntime } from '../../shared/handlers/acties.js';
import { healthFromRuntime } from '../../shared/handlers/health.js';
import { intakeFromRuntime } from '../../shared/handlers/intake.js';
import { pagesFromRuntime } from '../../shared/handlers/pages.js';
import { createRuntime } from '../../shared/handlers/runtime.js';
import { validMelding } from '../support/bodies.js';
import { type Outage, startProxy } from '../support/proxy.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ retryAttempts: 12, retryBaseDelayMs: 100 });
});

afterAll(async () => {
  await stack?.stop();
});

const melding = (school: string, n: number) =>
  validMelding(stack.keyOf(school), stack.now(), {
    subcategory: 'vernieling',
    location: 'schoolterrein',
    description: `Vernieling aan het hek van het schoolplein, melding ${n}.`,
  });

describe('Nothing doubled', () => {
  it('50 concurrent posts with one Idempotency-Key and body make one submission and one set of emails', async () => {
    const body = melding('vso-het-kompas-demo', 0);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        postJson(`${stack.url}/api/meldingen`, body, { 'Idempotency-Key': 'gelijktijdig-0001' }),
      ),
    );
    // A refusal shows its body, so a failure under load says which error it was.
    expect(answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${JSON.stringify(a.body)}`))).toEqual(
      Array(50).fill(201),
    );
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    await stack.waitForEmails((e) => e.subject.includes(String(id)), 2);
    await stack.drain();
    expect((await stack.emails()).filter((e) => e.subject.includes(String(id)))).toHaveLength(2);
  });
});

describe('Nothing lost', () => {
  it('delivers every email of 100 meldingen exactly once after the SES emulator was down while they arrived', async () => {
    await stack.stopSes();
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await postJson(
        `${stack.url}/api/meldingen`,
        melding(i % 2 ? 'het-voorbeeldcollege' : 'lyceum-de-proefhoek', i),
      );
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Sends were tried and failed while SES was away: nothing delivered, attempts counted, all pending.
    await waitFor('a failed send attempt while SES is down', async () =>
      (await stack.app.runtime.clients.store.listPendingOutbox()).some((i) => i.attempts >= 1),
    );
    expect((await stack.app.runtime.clients.store.listPendingOutbox()).length).toBeGreaterThan(0);
    await stack.restartSes();
    const mine = (e: StoredEmail) => ids.some((id) => e.subject.includes(id));
    await stack.waitForEmails(mine, 200, 120_000);
    await stack.drain();
    const emails = (await stack.emails()).filter(mine);
    expect(emails).toHaveLength(200);
    const pairs = new Set(emails.map((e) => `${e.destination.to[0]}|${e.subject}`));
    expect(pairs.size).toBe(200);
    expect(stack.app.poller.deadLetters).toEqual([]);
  }, 180_000);
});

describe('When DynamoDB goes away and comes back', () => {
  let proxy: Outage;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    proxy = await startProxy(Number(new URL(inject('ddbEndpoint')).port));
    const runtime = createRuntime(
      {
        ...process.env,
        TABLE_NAME: stack.app.runtime.config.TABLE_NAME,
        DDB_ENDPOINT: proxy.endpoint,
        SES_ENDPOINT: stack.ses.endpoint,
        SENDER_EMAIL: 'meldpunt@veiligschool.example.org',
        ACTION_LINK_SECRET: 'reliability-secret-reliability-secret-01',
        RATE_LIMIT_PER_KEY_PER_MINUTE: '10000',
        RATE_LIMIT_PER_SOURCE_PER_MINUTE: '100000',
      },
      'test',
      stack.now,
    );
    server = createLocalServer({
      intake: intakeFromRuntime(runtime),
      pages: pagesFromRuntime(runtime),
      health: healthFromRuntime(runtime),
      acties: actiesFromRuntime(runtime),
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await proxy.stop();
  });

  it('answers 503 in Dutch, stores nothing half, and the same request succeeds once it is back', async () => {
    const body = melding('demo-mavo-overvecht', 1);
    const key = { 'Idempotency-Key': 'storing-en-herstel-0001' };
    await proxy.down();
    const during = await postJson(`${url}/api/meldingen`, body, key);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.body.detail).toMatch(/tijdelijk niet bereikbaar.*niets opgeslagen/);
    expect((await fetch(`${url}/api/health`)).status).toBe(503);
    const stored = await stack.app.runtime.clients.store.getIdempotency(
      'demo-mavo-overvecht',
      'storing-en-herstel-0001',
    );
    expect(stored).toBeUndefined();

    await proxy.up();
    const after = await postJson(`${url}/api/meldingen`, body, key);
    expect(after.status).toBe(201);
    const again = await postJson(`${url}/api/meldingen`, body, key);
    expect(again.body.id).toBe(after.body.id);
    const emails = await stack.waitForEmails((e) => e.subject.includes(after.body.id), 2);
    expect(emails).toHaveLength(2);
  });
});
