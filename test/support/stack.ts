import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { deployedDelivery, scaledDelivery } from '../../infra/delivery.js';
import { freePort, type RunningService, startSesEmulator } from '../../local/emulators.js';
import { type LocalApp, type LocalAppOptions, startLocalApp } from '../../local/stack.js';
import type { Party } from '../../shared/domain/parties.js';
import { type TestClock, testClock } from './clock.js';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** The Reply-To addresses, as the SES emulator keeps them. */
  replyTo?: string[];
  at: number;
}

export interface TestStack {
  app: LocalApp;
  ses: RunningService;
  url: string;
  /** The product's clock: starts on the suite's TODAY (test/support/clock.ts), settable. */
  clock: TestClock;
  /** Shorthand for `clock.now()`: derive every date a test sends from it. */
  now(): Date;
  keyOf(partyId: string): string;
  party(partyId: string): Party;
  emails(): Promise<StoredEmail[]>;
  waitForEmails(
    filter: (e: StoredEmail) => boolean,
    count: number,
    timeoutMs?: number,
  ): Promise<StoredEmail[]>;
  drain(timeoutMs?: number): Promise<void>;
  restartSes(): Promise<void>;
  stopSes(): Promise<void>;
  stop(): Promise<void>;
}

/** How much faster than deployed the test stacks run: rate times this, timeouts divided by it. */
export const TEST_TIME_SCALE = 10;

/**
 * The deployed send rate and notify timeout, shortened in proportion (ten times the rate, a tenth of
 * the timeout): the same sends per invocation, the same deadline behaviour.
 */
export const TEST_DELIVERY = scaledDelivery(deployedDelivery(), TEST_TIME_SCALE);

/** The local stack on free ports, with its own table and its own SES emulator. */
export async function startTestStack(
  options: Partial<LocalAppOptions> & { clock?: TestClock } = {},
): Promise<TestStack> {
  const { clock = testClock(), ...rest } = options;
  const now = rest.now ?? clock.now;
  const sesPort = await freePort();
  let ses = await startSesEmulator(sesPort);
  const app = await startLocalApp({
    ddbEndpoint: inject('ddbEndpoint'),
    sesEndpoint: ses.endpoint,
    tableName: `test-${randomUUID()}`,
    port: await freePort(),
    retryBaseDelayMs: 50,
    delivery: TEST_DELIVERY,
    ...rest,
    // A test may hand in its own clock function (`now`); otherwise the suite's clock drives the stack.
    now,
    // Tests post far more than a school would; the limits themselves have their own test.
    env: {
      RATE_LIMIT_PER_KEY_PER_MINUTE: '10000',
      RATE_LIMIT_PER_SOURCE_PER_MINUTE: '100000',
      ...options.env,
    },
  });
  const byId = new Map(app.parties.map((p) => [p.party.id, p]));
  const emails = async (): Promise<StoredEmail[]> => {
    const res = await fetch(`${ses.endpoint}/store`);
    return ((await res.json()) as { emails: StoredEmail[] }).emails;
  };
  const stack: TestStack = {
    app,
    get ses() {
      return ses;
    },
    url: app.url,
    clock,
    now: () => now(),
    keyOf: (id) => {
      const found = byId.get(id);
      if (!found) throw new Error(`no party ${id} in the example directory`);
      return found.formKey;
    },
    party: (id) => {
      const found = byId.get(id);
      if (!found) throw new Error(`no party ${id} in the example directory`);
      return found.party;
    },
    emails,
    async waitForEmails(filter, count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await emails()).filter(filter);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(`waited ${timeoutMs} ms for ${count} email(s), found ${found.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /**
     * Waits until every outbox item is sent and no stream batch is in flight: then every email the
     * product will send for what was written so far is in the SES store. Throws on timeout, naming
     * what is still pending. Not for tests that expect a send to fail for good (dead letters).
     */
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const pending = await app.runtime.clients.store.listPendingOutbox();
        if (pending.length === 0 && !app.poller.busy) return;
        if (Date.now() > deadline)
          throw new Error(
            `stream not drained after ${timeoutMs} ms: ${pending.length} outbox item(s) pending (${pending
              .slice(0, 5)
              .map((i) => `${i.pk} ${i.sk}`)
              .join(', ')})`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stopSes() {
      await ses.stop();
    },
    async restartSes() {
      ses = await startSesEmulator(sesPort);
    },
    async stop() {
      await app.stop();
      await ses.stop().catch(() => undefined);
    },
  };
  return stack;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: res.status, body: parsed, headers: res.headers };
}
