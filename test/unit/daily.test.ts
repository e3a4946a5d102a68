import { describe, expect, it } from 'vitest';
import { answerLink } from '../../shared/app/actions.js';
import { submitBeeindiging } from '../../shared/app/beeindigingen.js';
import { readCalendarState, runDaily } from '../../shared/app/daily.js';
import { planReminders } from '../../shared/domain/calendar.js';
import { COVENANT, lastTerm, verlengingReminderDates } from '../../shared/domain/covenant.js';
import { parseDateTime } from '../../shared/domain/time.js';
import { addDays, nextSchoolDay } from '../../shared/domain/working-days.js';
import { validBeeindiging } from '../support/bodies.js';
import { TODAY } from '../support/clock.js';
import { memoryWorld } from '../support/memory-ports.js';

// Six months before the configured last term ends: the renewal reminder is due (art. 21a).
const DUE = (verlengingReminderDates(lastTerm(COVENANT.terms))[0] as { date: string }).date;

describe("the daily job's planning against the in-memory ports", () => {
  it('writes each plan that is due with one outbox item per recipient, and a rerun writes nothing', async () => {
    const world = memoryWorld(parseDateTime(`${DUE}T06:00`) as Date);
    const deps = { store: world.store, now: world.now };
    const plans = planReminders(await readCalendarState(deps, DUE), DUE);
    expect(plans.some((p) => p.kind === 'verlenging')).toBe(true);

    const first = await runDaily(deps, DUE);
    expect(first).toMatchObject({ date: DUE, planned: plans.length, alreadyDone: 0 });
    expect(first.written.sort()).toEqual(plans.map((p) => p.key).sort());
    const outbox = world.store.outboxItems();
    for (const plan of plans) {
      expect(await world.store.getReminder(plan.key)).toMatchObject({
        kind: plan.kind,
        recipients: plan.recipients,
      });
      expect(
        outbox
          .filter((o) => o.subjectId === plan.key)
          .map((o) => [o.template, o.recipientId])
          .sort(),
      ).toEqual(plan.recipients.map((r) => ['reminder', r]).sort());
    }

    const rerun = await runDaily(deps, DUE);
    expect(rerun).toMatchObject({ planned: plans.length, written: [], alreadyDone: plans.length });
    expect(world.store.outboxItems()).toHaveLength(outbox.length);
  });

  it('sends no renewal reminder once the gemeente decided about the term', async () => {
    const world = memoryWorld(parseDateTime(`${DUE}T06:00`) as Date);
    const term = lastTerm(COVENANT.terms);
    world.store.decisions.set(term.number, {
      term: term.number,
      decision: 'verlengd',
      decidedOn: DUE,
      by: 'gemeente-convenant',
      at: `${DUE}T05:00:00.000Z`,
    });
    const result = await runDaily({ store: world.store, now: world.now }, DUE);
    expect(result.written.filter((key) => key.startsWith('verlenging'))).toEqual([]);
  });

  it('holds the weekly meeting reminder while the meeting is planned for a later day (art. 22b)', async () => {
    const world = memoryWorld(parseDateTime(`${TODAY}T10:00`) as Date);
    const deps = { store: world.store, now: world.now, retention: world.retention };
    const { response } = await submitBeeindiging(
      deps,
      validBeeindiging(world.keyOf('buurtteam-vo')),
      'daily-overleg-1',
    );
    const meetingOn = nextSchoolDay(addDays(TODAY, 20));
    const token = await world.links.token('overleg-plannen', response.id, 'gemeente-convenant');
    await answerLink({ ...deps, links: world.links }, token, { meetingOn }, () =>
      world.store.listDirectory(),
    );
    const reminders = async (date: string) =>
      (await runDaily({ store: world.store, now: world.now }, date)).written.filter((k) =>
        k.startsWith(`beeindiging-overleg#${response.id}#`),
      );
    expect(await reminders(addDays(TODAY, 14))).toEqual([]);
    expect(await reminders(meetingOn)).toHaveLength(1);
  });
});
