import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { deployedDelivery, scaledDelivery } from '../../infra/delivery.js';
import { freePort } from '../../local/emulators.js';
import { type DeadLetter, invokeWithDeadline } from '../../local/stream.js';
import { PENDING_OUTBOX_INDEX_PK } from '../../shared/adapters/table.js';
import { runDaily } from '../../shared/app/daily.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { nextSchoolDay } from '../../shared/domain/working-days.js';
import {
  postJson,
  type StoredEmail,
  startTestStack,
  TEST_TIME_SCALE,
  type TestStack,
} from '../support/stack.js';

/**
 * Delivery as Lambda runs it, at the deployed send rate and timeout shortened in proportion (ten
 * times the rate, a tenth of the timeout, lease and sweep delay shortened the same way): each
 * invocation is abandoned at its deadline, a claim is only finished when the email is out, and the
 * sweeper delivers whatever the stream did not.
 */
const delivery = {
  ...scaledDelivery(deployedDelivery(), TEST_TIME_SCALE),
  // The sweeper's delay and period shortened further, so a test waits seconds, not half a minute.
  sweepAfterSeconds: 1,
  sweepEveryMinutes: 1 / 60,
};

let stack: TestStack | undefined;
let gate: SesGate | undefined;
afterEach(async () => {
  await stack?.stop();
  await gate?.stop();
  stack = undefined;
  gate = undefined;
});

/** The yearly contact check of next year: 15 January, or the school day after. */
const nextJanuary15 = (now: Date) => nextSchoolDay(`${Number(amsterdamDate(now).slice(0, 4)) + 1}-01-15`);
// Each test's stack sends from its own address: an emulator of an earlier test cannot blur the count.
let sender = '';
const senderFor = (test: string) => {
  sender = `meldpunt+${test}@veiligschool.example.org`;
  return { SENDER_EMAIL: sender };
};
const isContactReminder = (e: StoredEmail) =>
  e.subject.startsWith('Jaarlijkse controle:') && e.from.includes(sender);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until nothing is left unsent in the table, and the stream is quiet. */
async function drained(s: TestStack): Promise<void> {
  await until('every outbox item sent', async () => {
    const pending = await s.app.runtime.clients.store.listPendingOutbox();
    return pending.length === 0 && !s.app.poller.busy ? true : undefined;
  });
}

const countBy = (emails: StoredEmail[]) => {
  const counts = new Map<string, number>();
  for (const e of emails)
    counts.set(e.destination.to[0] ?? '', (counts.get(e.destination.to[0] ?? '') ?? 0) + 1);
  return counts;
};

interface SesGate {
  endpoint: string;
  target: string;
  /** The send with this number (1-based) is held until its caller gives up, then dropped. */
  holdSend: number;
  forwarded: number;
  dropped: number;
  stop(): Promise<void>;
}

/**
 * An HTTP hop in front of the SES emulator that can hold one SendEmail request: it is never passed
 * on, so the invocation making it hangs until its deadline, as a send to a stalled SES would.
 */
async function startSesGate(): Promise<SesGate> {
  const port = await freePort();
  let sends = 0;
  const state: SesGate = {
    endpoint: `http://127.0.0.1:${port}`,
    target: '',
    holdSend: 0,
    forwarded: 0,
    dropped: 0,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (body.toString('utf8').includes('Action=SendEmail')) {
      sends++;
      if (sends === state.holdSend) {
        res.on('close', () => {
          state.dropped++;
        });
        return;
      }
      state.forwarded++;
    }
    const upstream = await fetch(`${state.target}${req.url}`, {
      method: req.method ?? 'POST',
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>,
      body: req.method === 'GET' ? undefined : body,
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return state;
}

describe('Delivery at the deployed pace, as Lambda runs it', { timeout: 120_000 }, () => {
  it('an invocation that does not finish before its deadline is abandoned: what it starts later never happens', async () => {
    let late = false;
    const handler = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      late = true;
      return { batchItemFailures: [] };
    };
    await expect(invokeWithDeadline(handler, { Records: [] }, 100)).rejects.toThrow('Task timed out');
    await until('the abandoned handler to wake', async () => (late ? true : undefined));
  });

  it('sends a reminder to every party exactly once, even when a batch of all of them outlasts the timeout', async () => {
    // The case: one stream batch of every party's item (batch size 100), more sends than
    // fit in one invocation at the send rate. The deadline makes each invocation stop in time.
    stack = await startTestStack({
      delivery: { ...delivery, streamBatchSize: 100 },
      env: senderFor('alle-partijen'),
    });
    const parties = stack.app.parties.filter(({ party }) => party.active && !party.leavesOn);
    const deps = { store: stack.app.runtime.clients.store, now: stack.app.runtime.now };
    const result = await runDaily(deps, nextJanuary15(stack.now()));
    expect(result.written.some((k) => k.startsWith('contact-bevestigen'))).toBe(true);
    await stack.waitForEmails(isContactReminder, parties.length, 60_000);
    await drained(stack);
    const counts = countBy((await stack.emails()).filter(isContactReminder));
    expect(counts.size).toBe(parties.length);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    for (const { party } of parties) expect(counts.get(party.email)).toBe(1);
  });

  it('after an invocation abandoned after its third send, every email of the batch goes out exactly once', async () => {
    gate = await startSesGate();
    gate.holdSend = 4;
    stack = await startTestStack({ delivery, sesEndpoint: gate.endpoint, env: senderFor('afgebroken') });
    gate.target = stack.ses.endpoint;
    const parties = stack.app.parties.filter(({ party }) => party.active && !party.leavesOn);
    const deps = { store: stack.app.runtime.clients.store, now: stack.app.runtime.now };
    await runDaily(deps, nextJanuary15(stack.now()));
    await until('the held send to be given up', async () => (gate?.dropped ? true : undefined));
    await stack.waitForEmails(isContactReminder, parties.length, 60_000);
    await drained(stack);
    const counts = countBy((await stack.emails()).filter(isContactReminder));
    expect(counts.size).toBe(parties.length);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // The abandoned invocation's fourth send never reached SES; it was sent later, once.
    expect(gate.dropped).toBe(1);
  });

  it('sends an email whose claim a crashed invocation left behind once, after the lease', async () => {
    stack = await startTestStack({ delivery });
    const school = 'lyceum-de-proefhoek';
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf(school),
      category: 'onveilige-situatie',
      location: 'directe-omgeving',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      subcategory: 'overig',
      description: 'Auto’s rijden hard langs de schooluitgang bij het fietspad.',
    });
    expect(res.status).toBe(201);
    const mine = (e: StoredEmail) => e.subject.includes(res.body.id);
    await stack.waitForEmails(mine, 2);
    await drained(stack);
    // A crashed invocation's claim: an item in `sending` with a live lease, and nobody to finish it.
    const store = stack.app.runtime.clients.store;
    const createdAt = stack.now().toISOString();
    const leaseUntil = stack.now().getTime() + delivery.leaseSeconds * 1000;
    const key = { pk: `SUB#${res.body.id}`, sk: 'OUT#crashed-claim' };
    await store.put({
      ...key,
      type: 'outbox',
      template: 'submission-confirmation',
      subjectId: res.body.id,
      recipientId: school,
      status: 'sending',
      attempts: 1,
      createdAt,
      leaseUntil,
      ttl: Math.floor(Date.now() / 1000) + 86_400,
      gsi1pk: PENDING_OUTBOX_INDEX_PK,
      gsi1sk: `${createdAt}#${key.pk}#${key.sk}`,
    });
    // The stream's delivery finds the live claim: that is not a success, so the record fails.
    await until('the stream to give up on the claimed record', async () =>
      stack?.app.poller.deadLetters.length ? true : undefined,
    );
    const item = await until('the item to be sent after its lease', async () => {
      const found = await store.getItem(key);
      return found?.status === 'sent' ? found : undefined;
    });
    expect(Date.parse(String(item.sentAt))).toBeGreaterThanOrEqual(leaseUntil);
    await drained(stack);
    expect((await stack.emails()).filter(mine)).toHaveLength(3);
  });

  it('loses nothing and doubles nothing when SES is down for longer than the retries, without an operator', async () => {
    const letters: DeadLetter[] = [];
    stack = await startTestStack({ delivery, onDeadLetter: (l) => letters.push(l) });
    await stack.stopSes();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await postJson(`${stack.url}/api/meldingen`, {
        formKey: stack.keyOf('scholengemeenschap-rijnveld'),
        category: 'strafbaar-feit',
        subcategory: 'vuurwerk',
        location: 'schoolterrein',
        occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
        description: `Vuurwerk afgestoken op het plein, melding nummer ${i + 1}.`,
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // The stream's retries run out while SES is away: the failure destination hears of it.
    await until('the stream retries to run out', async () => (letters.length ? true : undefined));
    expect(letters[0]?.DDBStreamBatchInfo.batchSize).toBeGreaterThan(0);
    await stack.restartSes();
    const mine = (e: StoredEmail) => ids.some((id) => e.subject.includes(id));
    await stack.waitForEmails(mine, 20, 60_000);
    await drained(stack);
    const all = (await stack.emails()).filter(mine);
    expect(all).toHaveLength(20);
    for (const id of ids) {
      expect(
        all
          .filter((e) => e.subject.includes(id))
          .map((e) => e.destination.to[0])
          .sort(),
      ).toEqual([
        'veiligheid@scholengemeenschap-rijnveld.example.org',
        'wijkagent.leidsche-rijn@politie.example.org',
      ]);
    }
  });
});
