import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { loadavg } from 'node:os';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deployedDelivery } from '../infra/delivery.js';
import { freePort, localCredentials, localDynamoClient } from '../local/emulators.js';
import { type LocalApp, startLocalApp } from '../local/stack.js';
import { DEFAULT_POLL_INTERVAL_MS, type StreamObserver } from '../local/stream.js';
import { SesMailer } from '../shared/adapters/mailer.js';
import { formatDutchInput } from '../shared/domain/time.js';
import { percentile, round } from './stats.js';

export type Row = [what: string, measured: string, baseline: string, ratio: string];

/** The melding's email the benchmark waits for: the wijkagent of its wijk (the only recipient). */
const RECIPIENT = 'wijkagent.oost@politie.example.org';
const OUTBOX_PREFIX = 'OUT#wijkagent-oost';

/**
 * What the local stream poller did with each melding's outbox record, by submission key: when the
 * record was read from the stream and when notify was invoked with it. Passed to `startLocalApp`.
 */
export function endToEndProbe() {
  const read = new Map<string, number>();
  const invoked = new Map<string, number>();
  /** The wijkagent's record's place in the batch notify got (0: first). */
  const place = new Map<string, number>();
  const note =
    (into: Map<string, number>, withPlace = false) =>
    (records: readonly { dynamodb?: unknown }[], at: number) => {
      for (const [i, r] of records.entries()) {
        const keys = (r.dynamodb as { Keys?: { pk?: { S?: string }; sk?: { S?: string } } } | undefined)
          ?.Keys;
        const pk = keys?.pk?.S;
        if (pk && keys?.sk?.S?.startsWith(OUTBOX_PREFIX) && !into.has(pk)) {
          into.set(pk, at);
          if (withPlace) place.set(pk, i);
        }
      }
    };
  const observer: StreamObserver = { read: note(read), invoked: note(invoked, true) };
  return { observer, read, invoked, place };
}

export interface EndToEndOptions {
  ddbEndpoint: string;
  ses: { endpoint: string; server: Server };
  app: LocalApp;
  tableName: string;
  probe: ReturnType<typeof endToEndProbe>;
  /** A melding's JSON body that routes to the wijkagent of Oost only. */
  body: (n: number) => string;
  samples: number;
  /** Said in the rows' names when the poller does not run at its default. */
  label?: string;
  /** The app's stream poll interval, when not the default. */
  pollIntervalMs?: number;
}

/** The local stack as the end-to-end figures want it: the deployed settings, the send rate raised. */
export const endToEndDelivery = () => ({
  ...deployedDelivery(),
  // End to end measures our code, not the SES account's pace (1 email/s as deployed).
  sesSendRatePerSecond: 500,
  streamBatchSize: 100,
});

/** A melding of Lyceum De Proefhoek (Oost) that goes to Oost's wijkagent only. */
export const endToEndMelding = (formKey: string, n: number) =>
  JSON.stringify({
    formKey,
    category: 'strafbaar-feit',
    subcategory: 'diefstal',
    location: 'schoolgebouw',
    occurredAt: formatDutchInput(new Date(Date.now() - 3_600_000)),
    description: `Benchmarkmelding nummer ${n}: twee laptops weggenomen uit lokaal 2.14.`,
  });

/**
 * The same measurement on a local stack of its own (a table of its own on the same emulators), with
 * the stream poller at `pollIntervalMs` when given: Lambda's pace is 250 ms.
 */
export async function measureEndToEndOnOwnStack(options: {
  ddbEndpoint: string;
  ses: { endpoint: string; server: Server };
  samples: number;
  pollIntervalMs?: number;
}): Promise<{ rows: Row[]; e2e: number[] }> {
  const probe = endToEndProbe();
  const tableName = `bench-e2e-${Date.now()}`;
  const app = await startLocalApp({
    ddbEndpoint: options.ddbEndpoint,
    sesEndpoint: options.ses.endpoint,
    tableName,
    port: await freePort(),
    delivery: endToEndDelivery(),
    env: { RATE_LIMIT_PER_KEY_PER_MINUTE: '10000', RATE_LIMIT_PER_SOURCE_PER_MINUTE: '100000' },
    streamObserver: probe.observer,
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  try {
    const formKey = app.parties.find((p) => p.party.id === 'lyceum-de-proefhoek')?.formKey;
    if (!formKey) throw new Error('example directory changed');
    return await measureEndToEnd({
      ddbEndpoint: options.ddbEndpoint,
      ses: options.ses,
      app,
      tableName,
      probe,
      samples: options.samples,
      body: (n) => endToEndMelding(formKey, n),
      ...(options.pollIntervalMs !== undefined
        ? {
            label: `stream read every ${options.pollIntervalMs} ms as Lambda does`,
            pollIntervalMs: options.pollIntervalMs,
          }
        : {}),
    });
  } finally {
    await app.stop();
  }
}

/**
 * End to end: from POST to the email in the SES store, one melding at a time, at the local stack's
 * defaults. Per melding:
 * - the floor: when its outbox record is first readable from the stream (a reader of our own that
 *   polls every 2 ms, only while a melding is on its way, so it does not load the machine between),
 *   plus one SES send on its own (the median of one per melding);
 * - the breakdown: POST answered (the write is done), record readable, record read by the local
 *   poller, notify invoked, the SES emulator's answer to SendEmail (the email is in its store then;
 *   taken from the emulator's HTTP server, so the benchmark's own polling adds nothing), and the
 *   DynamoDB calls notify made on the way.
 */
export async function measureEndToEnd(options: EndToEndOptions): Promise<{ rows: Row[]; e2e: number[] }> {
  const { app, probe, ses } = options;
  const loadBefore = loadavg()[0] ?? 0;
  // The emulator's answers to SendEmail (POST /) of the wijkagent's emails, by the submission id in
  // the subject: the email is in the store from then on.
  const accepted = new Map<string, number>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/') return;
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    res.on('finish', () => {
      const form = new URLSearchParams(body);
      if (form.get('Destination.ToAddresses.member.1') !== RECIPIENT) return;
      const subject = form.get('Message.Subject.Data') ?? '';
      for (const id of subject.match(/\b[A-Z]-\d{8}-[0-9A-Z]+\b/g) ?? [])
        if (!accepted.has(id)) accepted.set(id, performance.now());
    });
  };
  ses.server.on('request', onRequest);
  // notify's DynamoDB calls, with their times: counted between notify's start and the SES answer.
  const calls: number[] = [];
  const doc = (app.runtime.clients.store as unknown as { doc: DynamoDBDocumentClient }).doc;
  doc.middlewareStack.add(
    (next) => async (args) => {
      calls.push(performance.now());
      return next(args);
    },
    { step: 'initialize', name: 'benchE2eCalls' },
  );

  const raw = localDynamoClient(options.ddbEndpoint);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.ddbEndpoint,
    region: 'eu-west-1',
    credentials: localCredentials,
  });
  const streamArn = (await raw.send(new DescribeTableCommand({ TableName: options.tableName }))).Table
    ?.LatestStreamArn;
  raw.destroy();
  const visibleAt = new Map<string, number>();
  let watching = true;
  let active = false;
  let wake: (() => void) | undefined;
  const watcher = (async () => {
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription
      ?.Shards;
    const open =
      shards?.filter((sh) => !sh.SequenceNumberRange?.EndingSequenceNumber).at(-1) ?? shards?.at(-1);
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: open?.ShardId,
          ShardIteratorType: 'LATEST',
        }),
      )
    ).ShardIterator;
    while (watching && iterator) {
      if (!active) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const now = performance.now();
      for (const r of out.Records ?? []) {
        const pk = r.dynamodb?.Keys?.pk?.S;
        if (r.eventName === 'INSERT' && pk && r.dynamodb?.Keys?.sk?.S?.startsWith(OUTBOX_PREFIX)) {
          if (!visibleAt.has(pk)) visibleAt.set(pk, now);
          active = false;
        }
      }
      iterator = out.NextShardIterator;
      if (!out.Records?.length) await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const floorMailer = new SesMailer(
    new SESClient({ endpoint: ses.endpoint, region: 'eu-west-1', credentials: localCredentials }),
    'meldpunt@veiligschool.example.org',
    undefined,
    500,
  );

  const e2e: number[] = [];
  const visible: number[] = [];
  const sends: number[] = [];
  const parts = {
    post: [] as number[],
    visible: [] as number[],
    read: [] as number[],
    invoked: [] as number[],
    notify: [] as number[],
    calls: [] as number[],
    place: [] as number[],
  };
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  for (let i = 0; i < options.samples; i++) {
    // A melding comes when it comes, not just as the poller has finished the last one: a pause of
    // 30 ms plus a random part of one poll interval puts each POST at a random point of the poller's
    // cycle, as in use (in a closed loop the poller's reads after a batch would catch the next
    // melding at once and hide the interval).
    await new Promise((r) => setTimeout(r, 30 + Math.random() * interval));
    active = true;
    wake?.();
    const t = performance.now();
    const res = await fetch(`${app.url}/api/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: options.body(i),
    });
    const answered = performance.now();
    const { id } = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
    const pk = `SUB#${id}`;
    // Wait for the emulator's answer to notify's SendEmail, then check the store holds that email.
    const waitUntil = Date.now() + 30_000;
    while (!accepted.has(id)) {
      if (Date.now() > waitUntil) throw new Error(`no email for ${id} within 30 s`);
      await new Promise((r) => setTimeout(r, 1));
    }
    const done = accepted.get(id) as number;
    const store = (await (await fetch(`${ses.endpoint}/store`)).json()) as {
      emails: Array<{ subject: string; destination: { to: string[] } }>;
    };
    if (!store.emails.some((e) => e.subject.includes(id) && e.destination.to[0] === RECIPIENT))
      throw new Error(`the SES store has no email about ${id} to ${RECIPIENT}`);
    e2e.push(done - t);
    const seen = visibleAt.get(pk);
    const read = probe.read.get(pk);
    const invoked = probe.invoked.get(pk);
    parts.post.push(answered - t);
    if (seen !== undefined) {
      visible.push(seen - t);
      parts.visible.push(seen - answered);
      if (read !== undefined) parts.read.push(read - seen);
    }
    if (read !== undefined && invoked !== undefined) parts.invoked.push(invoked - read);
    const place = probe.place.get(pk);
    if (place !== undefined) parts.place.push(place);
    if (invoked !== undefined) {
      parts.notify.push(done - invoked);
      parts.calls.push(calls.filter((c) => c >= invoked && c <= done).length);
    }
    // One send on its own, between meldingen: what the SES emulator takes for one email.
    const s = performance.now();
    await floorMailer.send('floor@example.org', { subject: `Vloer ${i}`, text: 'x', html: '<p>x</p>' });
    sends.push(performance.now() - s);
    if (i % 20 === 19) await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });
  }
  watching = false;
  active = true;
  wake?.();
  await watcher;
  streams.destroy();
  ses.server.off('request', onRequest);
  doc.middlewareStack.remove('benchE2eCalls');
  const loadAfter = loadavg()[0] ?? 0;

  const oneSend = percentile(sends, 50);
  const rows: Row[] = [];
  for (const p of [50, 95]) {
    const floor = percentile(visible, p) + oneSend;
    rows.push([
      `end to end p${p} (POST → email in the SES store, ${options.samples} meldingen${options.label ? `, ${options.label}` : ''})${options.label ? '' : ', target p95 ≤ 150 ms'}`,
      `${round(percentile(e2e, p))} ms`,
      `floor: POST + stream visibility p${p} ${round(percentile(visible, p))} ms + one send ${round(oneSend)} ms = ${round(floor)} ms`,
      `${round(percentile(e2e, p) / floor)}×`,
    ]);
  }
  const pp = (values: number[], digits = 1) =>
    `${round(percentile(values, 50), digits)} / ${round(percentile(values, 95), digits)}`;
  if (options.label) return { rows, e2e };
  rows.push([
    'end to end, where the time goes (p50 / p95 ms): POST answered · record readable after the answer · read by the local poller · notify invoked · notify to SES accepted',
    `${pp(parts.post)} · ${pp(parts.visible)} · ${pp(parts.read)} · ${pp(parts.invoked)} · ${pp(parts.notify)}`,
    `poll interval ${DEFAULT_POLL_INTERVAL_MS} ms (Lambda: about 250 ms); DynamoDB calls in notify until the email ${pp(parts.calls, 0)}; the wijkagent's email after ${pp(parts.place, 0)} other(s) in its batch`,
    '–',
  ]);
  rows.push([
    'end to end: machine load (1-minute average, start / end of the run)',
    `${round(loadBefore)} / ${round(loadAfter)}`,
    '2 cores',
    '–',
  ]);
  return { rows, e2e };
}
