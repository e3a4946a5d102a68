import { describe, expect, it } from 'vitest';
import { type ActionDeps, answerLink, LinkError } from '../../shared/app/actions.js';
import { submitBeeindiging } from '../../shared/app/beeindigingen.js';
import { submitMelding } from '../../shared/app/meldingen.js';
import { LinkUsedError } from '../../shared/app/ports.js';
import type { SubmissionEvent } from '../../shared/domain/actions.js';
import { MEETING_MESSAGES } from '../../shared/domain/overleg.js';
import { isSignatory } from '../../shared/domain/parties.js';
import { parseDateTime } from '../../shared/domain/time.js';
import { addDays, nextSchoolDay } from '../../shared/domain/working-days.js';
import { validBeeindiging, validMelding } from '../support/bodies.js';
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

/** A termination announced by a Buurtteam, and the coordinator's links to plan the meeting and record the outcome. */
async function announced() {
  const world = memoryWorld(start);
  const deps: ActionDeps = {
    store: world.store,
    links: world.links,
    now: world.now,
    retention: world.retention,
  };
  const beeindiging = await submitBeeindiging(
    { store: world.store, now: world.now, retention: world.retention },
    validBeeindiging(world.keyOf('buurtteam-vo')),
    'beeindiging-link-0001',
  );
  const id = beeindiging.response.id;
  const directory = () => world.store.listDirectory();
  const post = async (action: 'overleg-plannen' | 'beeindiging-uitkomst', fields: Record<string, unknown>) =>
    answerLink(deps, await world.links.token(action, id, COORDINATOR), fields, directory);
  const invitations = () =>
    world.store.outboxItems().filter((o) => o.template === 'meeting-invitation' && o.subjectId === id);
  const signatories = (await world.store.listDirectory()).filter((p) => p.active && isSignatory(p));
  return { ...world, id, post, invitations, signatories };
}

const COORDINATOR = 'gemeente-convenant';

describe('the meeting about a termination (art. 22b) against the in-memory ports', () => {
  const meetingOn = nextSchoolDay(addDays(TODAY, 8));

  it('queues one invitation per signatory, none on a repeat from another link, and a new set per change', async () => {
    const { post, invitations, signatories } = await announced();
    const first = await post('overleg-plannen', { meetingOn, time: '9.30' });
    expect(first).toMatchObject({ replayed: false, linkStillOpen: true });
    expect(
      invitations()
        .map((o) => o.recipientId)
        .sort(),
    ).toEqual(signatories.map((p) => p.id).sort());
    expect(invitations().map((o) => o.recipientId)).not.toContain('ggd-volksgezondheid');
    // Each post signs a new link (another nonce): the same meeting is still the same event.
    expect(await post('overleg-plannen', { meetingOn, time: '09:30' })).toMatchObject({
      replayed: true,
      eventId: first.eventId,
    });
    expect(invitations()).toHaveLength(signatories.length);
    const moved = nextSchoolDay(addDays(meetingOn, 1));
    await post('overleg-plannen', { meetingOn: moved });
    // Set back to the first date: that is a change too, told to everyone again.
    const back = await post('overleg-plannen', { meetingOn, time: '09:30' });
    expect(back.replayed).toBe(false);
    expect(back.eventId).not.toBe(first.eventId);
    expect(invitations()).toHaveLength(3 * signatories.length);
  });

  it('refuses an outcome dated before the planned meeting, and a new date after the outcome', async () => {
    const { post, clock, store, id } = await announced();
    await post('overleg-plannen', { meetingOn });
    await expect(
      post('beeindiging-uitkomst', { outcome: 'ingetrokken', meetingOn: TODAY }),
    ).rejects.toMatchObject({
      statusCode: 400,
      errors: [{ path: 'meetingOn', message: MEETING_MESSAGES.outcomeBeforeMeeting(meetingOn) }],
    });
    clock.advance((parseDateTime(`${meetingOn}T15:00`) as Date).getTime() - clock.now().getTime());
    expect((await post('beeindiging-uitkomst', { outcome: 'ingetrokken', meetingOn })).replayed).toBe(false);
    await expect(
      post('overleg-plannen', { meetingOn: nextSchoolDay(addDays(meetingOn, 1)) }),
    ).rejects.toMatchObject({ statusCode: 409, errors: [{ message: MEETING_MESSAGES.closed }] });
    expect((await store.listEvents<SubmissionEvent>(id)).map((e) => e.action).sort()).toEqual([
      'beeindiging-uitkomst',
      'overleg-plannen',
    ]);
  });
});
