import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeContext } from '../../local/server.js';
import { rotateKey } from '../../shared/app/admin.js';
import { IntakeCache } from '../../shared/app/intake-cache.js';
import { formatDutchInput } from '../../shared/domain/time.js';
import { createIntakeHandler, intakeFromRuntime } from '../../shared/handlers/intake.js';
import { createRuntime } from '../../shared/handlers/runtime.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** An intake handler of its own (its own container: own cache, own client) that counts its DynamoDB calls. */
function countedIntake(env: Record<string, string> = {}, perKeyPerMinute?: number) {
  const runtime = createRuntime({ ...stack.app.runtime.config, ...env } as unknown as Record<string, string>);
  const calls: string[] = [];
  const doc = (runtime.clients.store as unknown as { doc: { middlewareStack: any } }).doc;
  doc.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName: string }) => (args: unknown) => {
      calls.push(context.commandName);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  // A fixed clock keeps every request of a test in one rate-limit window.
  const fixed = new Date();
  const handler = perKeyPerMinute
    ? createIntakeHandler({
        store: runtime.clients.store,
        now: () => fixed,
        retention: { submissionDays: 730, outboxDays: 90, idempotencyDays: 7 },
        logger: runtime.logger,
        metrics: runtime.metrics,
        maxBodyBytes: 32_768,
        rateLimits: { perKeyPerMinute, perSourcePerMinute: 1000 },
        cache: new IntakeCache(300_000),
      })
    : intakeFromRuntime(runtime);
  const post = async (body: unknown, idempotencyKey: string, sourceIp = '192.0.2.10') => {
    calls.length = 0;
    const res = await handler(
      {
        version: '2.0',
        routeKey: 'POST /api/v1/meldingen',
        rawPath: '/api/v1/meldingen',
        rawQueryString: '',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        requestContext: { http: { method: 'POST', path: '/api/v1/meldingen', sourceIp } },
        isBase64Encoded: false,
        body: JSON.stringify(body),
      } as unknown as APIGatewayProxyEventV2,
      fakeContext('intake'),
    );
    return { status: res.statusCode, headers: res.headers ?? {}, calls: [...calls] };
  };
  return { post, store: runtime.clients.store };
}

const melding = (formKey: string, description = 'Er is een fiets gestolen bij de ingang.') => ({
  formKey,
  category: 'strafbaar-feit',
  subcategory: 'diefstal',
  location: 'schoolgebouw',
  occurredAt: formatDutchInput(new Date(Date.now() - 3_600_000)),
  description,
});

describe('Intake in one transaction', () => {
  it('stores a warm melding with one TransactWriteItems; replays and conflicts read the record only then', async () => {
    const intake = countedIntake();
    const key = stack.keyOf('lyceum-de-proefhoek');
    const first = await intake.post(melding(key), `warm-${randomUUID()}`);
    expect(first.status).toBe(201);
    const idem = `warm-${randomUUID()}`;
    const warm = await intake.post(melding(key), idem);
    expect(warm.status).toBe(201);
    expect(warm.calls).toEqual(['TransactWriteItemsCommand']);

    const replay = await intake.post(melding(key), idem);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.calls.slice(0, 2)).toEqual(['TransactWriteItemsCommand', 'GetItemCommand']);

    const conflict = await intake.post(melding(key, 'Een andere tekst over een gestolen fiets.'), idem);
    expect(conflict.status).toBe(422);
    expect(conflict.calls.slice(0, 2)).toEqual(['TransactWriteItemsCommand', 'GetItemCommand']);
  });

  it('refuses a rotated key at once, although this container still has it cached', async () => {
    const intake = countedIntake({ INTAKE_CACHE_SECONDS: '300' });
    const oldKey = stack.keyOf('demo-mavo-overvecht');
    expect((await intake.post(melding(oldKey), `rot-${randomUUID()}`)).status).toBe(201);
    const newKey = await rotateKey(stack.app.runtime.clients.store, 'demo-mavo-overvecht');
    const refused = await intake.post(melding(oldKey), `rot-${randomUUID()}`);
    expect(refused.status).toBe(401);
    expect((await intake.post(melding(newKey), `rot-${randomUUID()}`)).status).toBe(201);
  });

  it('refuses a party deactivated after its key was cached', async () => {
    const intake = countedIntake({ INTAKE_CACHE_SECONDS: '300' });
    const key = stack.keyOf('vso-het-kompas-demo');
    expect((await intake.post(melding(key), `deact-${randomUUID()}`)).status).toBe(201);
    const party = await stack.app.runtime.clients.store.getParty('vso-het-kompas-demo');
    if (!party) throw new Error('party missing');
    await stack.app.runtime.clients.store.updateParty({ ...party, active: false });
    try {
      expect((await intake.post(melding(key), `deact-${randomUUID()}`)).status).toBe(401);
    } finally {
      await stack.app.runtime.clients.store.updateParty(party);
    }
  });

  it('answers 429 from the transaction’s cancellation reason, with Retry-After, and stores nothing', async () => {
    const intake = countedIntake({}, 2);
    const key = stack.keyOf('mbo-vakcollege-fictief');
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}`;
    const statuses = [];
    for (let i = 0; i < 2; i++)
      statuses.push((await intake.post(melding(key), `rl-${randomUUID()}`, ip)).status);
    const stored = () =>
      stack.app.runtime.clients.store.listSubmissions(
        `melding#${stack.party('mbo-vakcollege-fictief').wijk}`,
        '0000',
        '9999',
      );
    const before = (await stored()).length;
    const limited = await intake.post(melding(key), `rl-${randomUUID()}`, ip);
    expect(statuses).toEqual([201, 201]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // One cancelled transaction, then the refused request is counted like any refusal (two updates).
    expect(limited.calls).toEqual(['TransactWriteItemsCommand', 'UpdateItemCommand', 'UpdateItemCommand']);
    expect(await stored()).toHaveLength(before);
  });
});
