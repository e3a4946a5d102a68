import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../shared/app/ids.js';
import { storeOnce } from '../../shared/app/intake.js';
import { type IdempotencyRecord, type Store, TransactionRaceError } from '../../shared/app/ports.js';
import { ClientError, IdempotencyConflictError } from '../../shared/domain/errors.js';

const deps = (store: Partial<Store>) => ({
  store: store as Store,
  now: () => new Date('2026-11-28T10:00:00Z'),
  retention: { submissionDays: 730, outboxDays: 90, idempotencyDays: 7 },
});

const submission = (extra: Record<string, unknown> = {}) => ({
  party: { id: 'lyceum-de-proefhoek' } as never,
  idempotencyKey: 'eenmalig-0001',
  body: { a: 1 },
  build: () => ({
    id: 'M-1',
    submission: { id: 'M-1', kind: 'melding' as const, createdAt: '2026-11-28T10:00:00.000Z' },
    outbox: [],
    response: { id: 'M-1', status: 'ontvangen', notified: [] },
  }),
  ...extra,
});

const record = (body: unknown): IdempotencyRecord => ({
  submissionId: 'M-0',
  bodyHash: sha256(canonicalJson(body)),
  response: { id: 'M-0', status: 'ontvangen', notified: [] },
});

describe('storeOnce: write first, read only on a refusal', () => {
  it('writes without reading; reads the record only when the transaction says it exists', async () => {
    const calls: string[] = [];
    const store = {
      getIdempotency: async () => {
        calls.push('get');
        return record({ a: 1 });
      },
      writeSubmission: async () => {
        calls.push('write');
        if (calls.length > 1) throw new TransactionRaceError(['None', 'ConditionalCheckFailed']);
      },
    };
    expect((await storeOnce(deps(store), submission())).replayed).toBe(false);
    expect(calls).toEqual(['write']);
    const again = await storeOnce(deps(store), submission());
    expect(again).toMatchObject({ replayed: true, response: { id: 'M-0' } });
    expect(calls).toEqual(['write', 'write', 'get']);
    await expect(storeOnce(deps(store), submission({ body: { a: 2 } }))).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
  });

  it('a refusing precondition lets a repeat replay, and refuses a new submission', async () => {
    const refuse = async () => {
      throw new ClientError(409, [{ path: '', message: 'al gemeld' }]);
    };
    const stored = { getIdempotency: async () => record({ a: 1 }), writeSubmission: async () => {} };
    expect((await storeOnce(deps(stored), submission({ precondition: refuse }))).replayed).toBe(true);
    const fresh = { getIdempotency: async () => undefined, writeSubmission: async () => {} };
    await expect(storeOnce(deps(fresh), submission({ precondition: refuse }))).rejects.toMatchObject({
      statusCode: 409,
    });
  });
});
