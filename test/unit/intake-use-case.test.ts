import { describe, expect, it } from 'vitest';
import type { IntakeDeps } from '../../shared/app/intake.js';
import { submitMelding } from '../../shared/app/meldingen.js';
import { RateLimitedError } from '../../shared/app/ports.js';
import { requestCounters } from '../../shared/app/rate-limit.js';
import { IdempotencyConflictError, UnauthorizedError } from '../../shared/domain/errors.js';
import { parseDateTime } from '../../shared/domain/time.js';
import { validMelding } from '../support/bodies.js';
import { TODAY } from '../support/clock.js';
import { memoryWorld } from '../support/memory-ports.js';

const start = parseDateTime(`${TODAY}T10:00`) as Date;
const SCHOOL = 'lyceum-de-proefhoek';

function intake(extra: Partial<IntakeDeps> = {}) {
  const world = memoryWorld(start);
  const deps: IntakeDeps = { store: world.store, now: world.now, retention: world.retention, ...extra };
  const body = (overrides: Record<string, unknown> = {}) =>
    validMelding(world.keyOf(SCHOOL), start, overrides);
  return { ...world, deps, body };
}

describe('intake against the in-memory ports', () => {
  it('stores a melding once: the submission, one outbox item per recipient and the confirmation', async () => {
    const { deps, store, body } = intake();
    const first = await submitMelding(deps, body(), 'melding-0001');
    expect(first.replayed).toBe(false);
    expect(store.submissions.size).toBe(1);
    const outbox = store.outboxItems();
    expect(outbox.map((o) => o.recipientId).sort()).toEqual([...first.response.notified, SCHOOL].sort());
    expect(outbox.every((o) => o.status === 'pending' && o.attempts === 0)).toBe(true);
    expect(store.inbox.filter((e) => e.submitter).map((e) => e.partyId)).toEqual([SCHOOL]);
  });

  it('replays the same key and body with the first answer, and writes nothing new', async () => {
    const { deps, store, body } = intake();
    const first = await submitMelding(deps, body(), 'melding-0002');
    const again = await submitMelding(deps, body(), 'melding-0002');
    expect(again).toEqual({ response: first.response, replayed: true });
    expect(store.submissions.size).toBe(1);
    expect(store.outboxItems()).toHaveLength(first.response.notified.length + 1);
  });

  it('refuses the same key with another body (422) and stores nothing for it', async () => {
    const { deps, store, body } = intake();
    await submitMelding(deps, body(), 'melding-0003');
    await expect(
      submitMelding(deps, body({ description: 'Een ander voorval bij de fietsenstalling.' }), 'melding-0003'),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(store.submissions.size).toBe(1);
  });

  it('refuses a request over the rate limit inside the write, and stores nothing for it', async () => {
    const world = intake();
    const counted = requestCounters(
      { perKeyPerMinute: 1, perSourcePerMinute: 100 },
      { formKey: world.keyOf(SCHOOL), sourceIp: '192.0.2.7' },
      start,
    );
    const deps = { ...world.deps, counters: counted.counters };
    await submitMelding(deps, world.body(), 'melding-0004');
    const refused = submitMelding(deps, world.body({ description: 'Nog een voorval.' }), 'melding-0005');
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ counter: 1 });
    expect(world.store.submissions.size).toBe(1);
  });

  it('refuses a key that was rotated away (401)', async () => {
    const { deps, store, body } = intake();
    await store.rotateFormKey(SCHOOL, 'another-hash');
    await expect(submitMelding(deps, body(), 'melding-0006')).rejects.toBeInstanceOf(UnauthorizedError);
    expect(store.submissions.size).toBe(0);
  });
});
