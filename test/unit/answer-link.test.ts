import { describe, expect, it } from 'vitest';
import { type ActionDeps, answerLink, LinkError } from '../../shared/app/actions.js';
import { submitMelding } from '../../shared/app/meldingen.js';
import { LinkUsedError } from '../../shared/app/ports.js';
import { parseDateTime } from '../../shared/domain/time.js';
import { validMelding } from '../support/bodies.js';
import { TODAY } from '../support/clock.js';
import { memoryWorld } from '../support/memory-ports.js';

const start = parseDateTime(`${TODAY}T10:00`) as Date;
const SCHOOL = 'lyceum-de-proefhoek';
const WIJKAGENT = 'wijkagent-oost';
const DAY_MS = 86_400_000;

/** A melding of a school in Oost (it reaches the wijkagent there) and the wijkagent's answer link. */
async function answered(action: 'gezien' | 'terugkoppeling' = 'terugkoppeling') {
  const world = memoryWorld(start);
  const deps: ActionDeps = {
    store: world.store,
    links: world.links,
    now: world.now,
    retention: world.retention,
  };
  const melding = await submitMelding(
    { store: world.store, now: world.now, retention: world.retention },
    validMelding(world.keyOf(SCHOOL), start),
    'melding-link-0001',
  );
  expect(melding.response.notified).toContain(WIJKAGENT);
  const token = await world.links.token(action, melding.response.id, WIJKAGENT);
  const directory = () => world.store.listDirectory();
  const answer = (fields: Record<string, unknown>) => answerLink(deps, token, fields, directory);
  return { ...world, id: melding.response.id, answer };
}

const closing = { handling: 'afgehandeld', text: 'Met de school besproken en afgerond.' };

describe('answerLink against the in-memory ports', () => {
  it('records an answer once with an email to the school; a repeated post is a no-op', async () => {
    const { store, id, answer } = await answered();
    const before = store.outboxItems().length;
    const first = await answer(closing);
    expect(first).toMatchObject({ replayed: false, linkStillOpen: false });
    const toSchool = store.outboxItems().filter((o) => o.template === 'answer-to-school');
    expect(toSchool).toMatchObject([{ recipientId: SCHOOL, subjectId: id, status: 'pending' }]);
    const again = await answer(closing);
    expect(again).toMatchObject({ replayed: true, eventId: first.eventId });
    expect(store.outboxItems()).toHaveLength(before + 1);
    expect(await store.listEvents(id)).toHaveLength(1);
  });

  it('refuses another answer through a link that was used (409 in the handler), and records nothing', async () => {
    const { store, id, answer } = await answered();
    await answer(closing);
    const outbox = store.outboxItems().length;
    await expect(answer({ handling: 'geseponeerd', text: 'Toch anders besloten.' })).rejects.toBeInstanceOf(
      LinkUsedError,
    );
    expect(await store.listEvents(id)).toHaveLength(1);
    expect(store.outboxItems()).toHaveLength(outbox);
  });

  it('keeps the link open for an answer that does not close it', async () => {
    const { answer } = await answered();
    const first = await answer({ handling: 'in-behandeling', text: 'We zoeken het uit.' });
    expect(first.linkStillOpen).toBe(true);
    expect((await answer(closing)).replayed).toBe(false);
  });

  it('refuses an expired link with 410 and records nothing', async () => {
    const { store, id, answer, clock } = await answered('gezien');
    clock.advance(31 * DAY_MS);
    const refused = answer({});
    await expect(refused).rejects.toBeInstanceOf(LinkError);
    await expect(refused).rejects.toMatchObject({ problem: 'expired', statusCode: 410 });
    expect(await store.listEvents(id)).toHaveLength(0);
  });
});
