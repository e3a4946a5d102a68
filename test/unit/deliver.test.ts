import { describe, expect, it } from 'vitest';
import { submitMelding } from '../../shared/app/meldingen.js';
import { deliver, type NotifyDeps } from '../../shared/app/notify.js';
import { parseDateTime } from '../../shared/domain/time.js';
import { validMelding } from '../support/bodies.js';
import { TODAY } from '../support/clock.js';
import { memoryWorld } from '../support/memory-ports.js';

const start = parseDateTime(`${TODAY}T10:00`) as Date;
const SCHOOL = 'lyceum-de-proefhoek';

/** A stored melding; its confirmation to the school is the outbox item under test. */
async function queued() {
  const world = memoryWorld(start);
  await submitMelding(
    { store: world.store, now: world.now, retention: world.retention },
    validMelding(world.keyOf(SCHOOL), start),
    'melding-deliver-0001',
  );
  const item = world.store.outboxItems().find((o) => o.template === 'submission-confirmation');
  if (!item) throw new Error('no confirmation queued');
  const deps: NotifyDeps = {
    store: world.store,
    mailer: world.mailer,
    links: world.links,
    now: world.now,
    leaseMs: 60_000,
  };
  const key = { pk: item.pk, sk: item.sk };
  return { ...world, deps, key };
}

describe('deliver against the in-memory ports', () => {
  it('sends once and marks the item sent; a second delivery of the same record sends nothing', async () => {
    const { deps, key, mailer, store } = await queued();
    expect(await deliver(deps, key)).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.to).toBe((await store.getParty(SCHOOL))?.email);
    expect(await store.getOutbox(key)).toMatchObject({ status: 'sent', messageId: 'memory-1', attempts: 1 });
    expect(await deliver(deps, key)).toBe('already-sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('gives the claim back after a failed send, so the retry sends it', async () => {
    const { deps, key, mailer, store } = await queued();
    mailer.failNext = 1;
    await expect(deliver(deps, key)).rejects.toThrow('the mail provider did not answer');
    expect(await store.getOutbox(key)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'ServiceUnavailable',
    });
    expect(mailer.sent).toHaveLength(0);
    expect(await deliver(deps, key)).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(await store.getOutbox(key)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not send while another delivery holds a live claim', async () => {
    const { deps, key, mailer, store, now } = await queued();
    expect(await store.claimOutbox(key, now().getTime(), 60_000)).toMatchObject({ outcome: 'claimed' });
    await expect(deliver(deps, key)).rejects.toMatchObject({ name: 'ClaimedElsewhereError' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('skips a recipient that left the covenant, and marks the item so it is not sent later', async () => {
    const { deps, key, mailer, store } = await queued();
    const school = await store.getParty(SCHOOL);
    await store.updateParty({ ...(school as NonNullable<typeof school>), active: false });
    expect(await deliver(deps, key)).toBe('skipped-inactive');
    expect(mailer.sent).toHaveLength(0);
    expect((await store.getOutbox(key))?.status).toBe('sent');
  });
});
