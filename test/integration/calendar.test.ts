import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DailyDeps, readCalendarState, runDaily } from '../../shared/app/daily.js';
import {
  evaluatieRoundDates,
  evaluatieRoundId,
  planReminders,
  summerTableWarning,
} from '../../shared/domain/calendar.js';
import {
  beeindigingEffectiveDate,
  COVENANT,
  currentTerm,
  lastTerm,
  nextTerm,
  verlengingReminderDates,
} from '../../shared/domain/covenant.js';
import { formatDutchDate } from '../../shared/domain/time.js';
import { WIJKEN } from '../../shared/domain/wijken.js';
import { addDays, addWorkingDays, nextSchoolDay } from '../../shared/domain/working-days.js';
import { validMelding, validVoorlichting } from '../support/bodies.js';
import { SIMULATED_DAYS, TODAY, testClock } from '../support/clock.js';
import {
  postJson,
  type StoredEmail,
  startTestStack,
  TEST_DELIVERY,
  type TestStack,
} from '../support/stack.js';

/**
 * A covenant year through the daily job against DynamoDB Local, with a renewal and a termination in
 * it. Every email is checked: the right ones, to the right parties, once each, on the school day it
 * is due (nextSchoolDay: no weekend, holiday or school holiday of region Midden).
 */
let stack: TestStack;
/**
 * The suite's today (test/support/clock.ts): `npm test` runs this file over a year from its default
 * today and over half a year from the second season's (SIMULATED_DAYS).
 */
const today = TODAY;
const START = addDays(today, 1);
const END = addDays(today, SIMULATED_DAYS);
/** The yearly reminder to confirm contacts is due on 15 January (or the school day after); the job does not run that day. */
const SKIPPED = [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1]
  .map((y) => nextSchoolDay(`${y}-${COVENANT.yearlyReminders.contactBevestigen}`))
  .find((d) => d > START && d <= END) as string;
if (!SKIPPED)
  throw new Error(`the simulated days (${START} to ${END}) must hold 15 January: its catch-up is checked`);

/**
 * The day the job writes a reminder due on `due`: that day, or the day after when it is the
 * skipped day, or the first day of the simulation when it fell due in the catch-up window before
 * it; never when it is due after the year.
 */
const writtenFor = (due: string): string[] => {
  if (due > END || due <= addDays(START, -COVENANT.catchUpDays)) return [];
  if (due <= START) return [START];
  return [due === SKIPPED ? addDays(due, 1) : due];
};
/** Every date with this month-day (MM-DD), moved to a school day, whose reminder the simulated year writes, by year. */
const yearly = (monthDay: string) =>
  [-1, 0, 1, 2]
    .map((n) => Number(today.slice(0, 4)) + n)
    .flatMap((year) => {
      const due = nextSchoolDay(`${year}-${monthDay}`);
      return writtenFor(due).map((on) => ({ year, due, on }));
    });
/**
 * Renewal (art. 21a): the term the year starts in (or the last one, when the covenant has lapsed),
 * and its reminders 6, 3 and 1 months before it ends, with the day the simulated year writes each.
 */
const TERM = currentTerm(COVENANT.terms, START) ?? lastTerm(COVENANT.terms);
const RENEWAL = verlengingReminderDates(TERM)
  .map((r) => ({ ...r, key: `verlenging#T${TERM.number}#${r.months}m`, written: writtenFor(r.date) }))
  .sort((a, b) => a.date.localeCompare(b.date));
/**
 * The gemeente decides at the last renewal reminder the simulated days write: every reminder before
 * it goes out while it has not decided (the 1-month one too, whenever the days reach it). That no
 * reminder follows a decision is the unit test's (test/unit/daily.test.ts); here the decision made
 * through the link is read back by the job.
 */
const DECIDE_AT = RENEWAL.filter((r) => r.written.length).at(-1);
/** Whole weeks from `from` to `to`. */
const weeksBetween = (from: string, to: string) =>
  Math.floor((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000));

/**
 * The next day after `after` on which the daily job has something to do, by the product's own
 * planning (the calendar state as the job reads it, the planner it runs). The job's input changes
 * only by what is written: after a day that wrote something (a first reminder makes its second one
 * plannable, an answer ends a series) the next day runs; otherwise the next day on which a reminder
 * falls due. The job would write nothing on the days between (the rerun of every day at the end
 * proves it), so the simulation skips them. The day after the skipped day catches up.
 */
async function nextRunDay(deps: DailyDeps, after: string, wrote: boolean): Promise<string | undefined> {
  const state = await readCalendarState(deps, after);
  for (let date = addDays(after, 1); date <= END; date = addDays(date, 1)) {
    if (date === SKIPPED) continue;
    if (wrote || date === addDays(SKIPPED, 1) || planReminders(state, date).some((p) => p.dueOn === date))
      return date;
  }
  return undefined;
}

beforeAll(async () => {
  stack = await startTestStack({
    clock: testClock(today),
    // The year's 300 emails at five times the test pace: this test counts what is sent, to whom and
    // how often; the pace has its own tests (delivery, reliability). Sends per invocation and the
    // deadline stay as in every test stack, so a batch only has more room.
    delivery: { ...TEST_DELIVERY, sesSendRatePerSecond: TEST_DELIVERY.sesSendRatePerSecond * 5 },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const linkIn = (email: StoredEmail | undefined, label: RegExp) => {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
};

// The GGD and the directory's other voorlichting providers (kind aanbieder) did not sign.
const signatories = () =>
  stack.app.parties.filter((p) => p.party.kind !== 'ggd' && p.party.kind !== 'aanbieder').length;

describe('Daily job over a simulated year', () => {
  it('sends exactly what the covenant calls for, once, and a rerun of any day sends nothing', async () => {
    const deps: DailyDeps = { store: stack.app.runtime.clients.store, now: stack.app.runtime.now };
    // Before the year: a termination announced today, a melding and a request nobody answers.
    const leaving = 'scholengemeenschap-rijnveld';
    const termination = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf(leaving),
      reason: 'Het bestuur voegt de school samen met een school buiten Utrecht.',
    });
    const melding = await postJson(
      `${stack.url}/api/meldingen`,
      validMelding(stack.keyOf('lyceum-de-proefhoek'), stack.now(), {
        subcategory: 'drugs',
        location: 'schoolterrein',
        description: 'Handel in drugs gezien bij de fietsenstalling.',
      }),
    );
    const request = await postJson(
      `${stack.url}/api/voorlichtingen`,
      validVoorlichting(stack.keyOf('het-voorbeeldcollege'), stack.now(), {
        provider: 'jou',
        theme: 'Groepsvorming en uitgaan',
        preferredDates: [addWorkingDays(today, 15)],
      }),
    );
    expect([termination.status, melding.status, request.status]).toEqual([201, 201, 201]);
    await stack.drain();
    const before = (await stack.emails()).length;

    const writtenOn = new Map<string, string[]>();
    for (
      let date = START as string | undefined, wrote = true;
      date;
      date = await nextRunDay(deps, date, wrote)
    ) {
      // The job runs at six in the morning; links in its emails are made and answered that day.
      stack.clock.set(testClock(date, '06:00').now());
      const result = await runDaily(deps, date);
      wrote = result.written.length > 0;
      if (result.written.length) writtenOn.set(date, result.written);
      // Every email of the day is out before the clock jumps a day: a jump would age a live claim
      // past its lease, which real time never does while its holder still runs.
      if (result.written.length) await stack.drain();

      // The gemeente answers what it is asked, from the email, on the simulated day: at the first
      // weekly reminder three or more weeks after the announcement.
      const overleg = result.written.find((k) => k.startsWith(`beeindiging-overleg#${termination.body.id}#`));
      const weeks = overleg ? weeksBetween(today, overleg.split('#')[2] ?? '') : 0;
      if (weeks >= 3) {
        const [reminder] = await stack.waitForEmails(
          (e) => e.subject.includes('overleg over beëindiging') && e.subject.includes(`week ${weeks}`),
          1,
        );
        const token = linkIn(reminder, /Leg de uitkomst/);
        const outcome = await postJson(`${stack.url}/api/acties/${token}`, {
          outcome: 'bevestigd',
          meetingOn: today,
        });
        expect({
          text: reminder?.body.text,
          token,
          body: outcome.body,
          status: outcome.status,
        }).toMatchObject({ status: 201 });
        await stack.drain();
      }
      if (DECIDE_AT && result.written.includes(DECIDE_AT.key)) {
        const months = `${DECIDE_AT.months} ${DECIDE_AT.months === 1 ? 'maand' : 'maanden'}`;
        const [reminder] = await stack.waitForEmails(
          (e) =>
            e.subject.startsWith(
              `Herinnering: het convenant loopt over ${months} af (${formatDutchDate(TERM.end)})`,
            ) && e.body.text?.includes(`Over ${months}`) === true,
          1,
        );
        const token = linkIn(reminder, /besluit over verlenging/);
        const decision = await postJson(`${stack.url}/api/acties/${token}`, {
          decision: 'verlengd',
          decidedOn: today,
        });
        expect(decision.status).toBe(201);
        // The decision's notice goes to every party: out before the clock jumps (see above).
        await stack.drain();
      }
    }
    const written = [...writtenOn.entries()].flatMap(([date, keys]) => keys.map((key) => ({ date, key })));
    const on = (key: string) => written.filter((w) => w.key === key).map((w) => w.date);

    // Renewal (art. 21a): each reminder of the simulated days on its school day, until the gemeente
    // decided (DECIDE_AT); nothing for another term. The job reads the decision back.
    expect(
      written.filter((w) => w.key.startsWith('verlenging#')).sort((a, b) => a.date.localeCompare(b.date)),
    ).toEqual(
      RENEWAL.flatMap((r) =>
        DECIDE_AT && r.date > DECIDE_AT.date ? [] : r.written.map((date) => ({ date, key: r.key })),
      ),
    );
    expect((await readCalendarState(deps, END)).decidedTerms.has(TERM.number)).toBe(DECIDE_AT !== undefined);
    // Termination (art. 22b): weekly, each on a school day (weeks that move to the same day send
    // once), until the outcome was recorded at the first reminder in week 3 or later.
    const weekly: string[] = [];
    for (let k = 1; !weekly.length || weeksBetween(today, weekly.at(-1) ?? '') < 3; k++) {
      const due = nextSchoolDay(addDays(today, 7 * k));
      if (!weekly.includes(due)) weekly.push(due);
    }
    expect(written.filter((w) => w.key.startsWith('beeindiging-overleg')).map((w) => w.date)).toEqual(weekly);
    // Evaluation (art. 21b): every wijk on its date, with a summary four weeks later.
    const written_ = (prefix: string) =>
      written.filter((w) => w.key.startsWith(prefix)).map((w) => `${w.key}@${w.date}`);
    const rounds = (kind: string, when: 'on' | 'summaryOn') =>
      WIJKEN.flatMap((wijk) =>
        [-1, 0, 1, 2].flatMap((n) => {
          const year = Number(today.slice(0, 4)) + n;
          const due = evaluatieRoundDates(wijk, year)[when];
          return writtenFor(due).map((on) => `${kind}#${evaluatieRoundId(wijk, year)}@${on}`);
        }),
      ).sort();
    expect(written_('evaluatie-uitnodiging#').sort()).toEqual(rounds('evaluatie-uitnodiging', 'on'));
    expect(written_('evaluatie-vragenlijst#').sort()).toEqual(rounds('evaluatie-vragenlijst', 'on'));
    // No round is ever written in a school holiday, a weekend or on a holiday.
    for (const r of written_('evaluatie-')) {
      const on = r.split('@')[1] ?? '';
      if (on !== START) expect(nextSchoolDay(on)).toBe(on);
    }
    // A summary only for a round whose questionnaire went out in the simulated year.
    const questionnaires = new Set(
      written_('evaluatie-vragenlijst#').map((r) => r.split('#')[1]?.split('@')[0]),
    );
    expect(written_('evaluatie-samenvatting#').sort()).toEqual(
      rounds('evaluatie-samenvatting', 'summaryOn').filter((r) =>
        questionnaires.has(r.split('#')[1]?.split('@')[0]),
      ),
    );
    // A year holds every wijk's round; half a year some.
    expect(rounds('evaluatie-uitnodiging', 'on').length).toBeGreaterThanOrEqual(
      SIMULATED_DAYS >= 365 ? WIJKEN.length : 1,
    );
    // Yearly reminders; the skipped day is caught up the day after.
    for (const [kind, monthDay] of [
      ['contact-bevestigen', COVENANT.yearlyReminders.contactBevestigen],
      ['bekendmaking', COVENANT.yearlyReminders.bekendmaking],
      ['leerlingenraad', COVENANT.yearlyReminders.leerlingenraad],
    ] as const) {
      expect(written_(`${kind}#`).sort()).toEqual(yearly(monthDay).map((y) => `${kind}#${y.year}@${y.on}`));
    }
    expect(on(`contact-bevestigen#${SKIPPED.slice(0, 4)}`)).toEqual([addDays(SKIPPED, 1)]);
    // Art. 2b, 21c: nobody answers "gedaan" here, so every school duty sent gets its second reminder.
    for (const kind of ['bekendmaking', 'leerlingenraad'] as const) {
      expect(written_(`schooltaak-herinnering#${kind}#`).sort()).toEqual(
        yearly(COVENANT.yearlyReminders[kind]).flatMap((y) => {
          // It follows the stored first reminder: at the earliest the day after that was written.
          const due = nextSchoolDay(
            addWorkingDays(y.due, COVENANT.yearlyReminders.secondReminderWorkingDays),
          );
          const [first] = writtenFor(due);
          if (!first) return [];
          let on = first > y.on ? first : addDays(y.on, 1);
          if (on === SKIPPED) on = addDays(on, 1);
          return on <= END && due > addDays(on, -COVENANT.catchUpDays)
            ? [`schooltaak-herinnering#${kind}#${y.year}@${on}`]
            : [];
        }),
      );
    }
    // Overdue answers (art. 8, 9): once each, after ten working days.
    expect(on(`terugkoppeling-te-laat#${melding.body.id}`)).toEqual([addWorkingDays(today, 10)]);
    expect(on(`voorlichting-te-laat#${request.body.id}`)).toEqual([addWorkingDays(today, 10)]);
    // Nothing else.
    // Six months before the last summer holiday in the table begins, the coordinator is asked to extend it.
    const warning = summerTableWarning(END);
    const warnDue = warning ? nextSchoolDay(warning.warnFrom) : '';
    expect(written_('vakantietabel#')).toEqual(
      warning && warnDue <= END
        ? [
            `vakantietabel#${warning.lastFirstDay}@${warnDue <= START ? START : warnDue === SKIPPED ? addDays(warnDue, 1) : warnDue}`,
          ]
        : [],
    );
    const expectedKinds = new Set([
      'vakantietabel',
      'verlenging',
      'beeindiging-overleg',
      'evaluatie-uitnodiging',
      'evaluatie-vragenlijst',
      'evaluatie-samenvatting',
      'contact-bevestigen',
      'bekendmaking',
      'leerlingenraad',
      'terugkoppeling-te-laat',
      'voorlichting-te-laat',
      'schooltaak-herinnering',
    ]);
    expect(written.filter((w) => !expectedKinds.has(w.key.split('#')[0] ?? ''))).toEqual([]);

    // The emails: one per recipient per reminder, never two; the leaving school gets nothing after its last day.
    await stack.drain();
    const emails = (await stack.emails()).slice(before);
    const pairs = emails.map((e) => `${e.destination.to[0]}|${e.subject}`);
    expect(pairs.filter((p, i) => pairs.indexOf(p) !== i)).toEqual([]);
    // The termination was confirmed in week 3: the school leaves at the next summer holiday.
    const leavesOn = beeindigingEffectiveDate(addDays(today, 21)).date;
    expect((await stack.app.runtime.clients.store.getParty(leaving))?.leavesOn).toBe(leavesOn);
    const rijnveld = stack.party(leaving).email;
    const schoolYearStarts = yearly(COVENANT.yearlyReminders.bekendmaking).map((y) => y.on);
    expect(
      emails.filter(
        (e) => e.destination.to[0] === rijnveld && e.subject.includes('Begin van het schooljaar'),
      ),
    ).toHaveLength(schoolYearStarts.filter((on) => on < leavesOn).length);
    const leidscheRijn = rounds('evaluatie-vragenlijst', 'on').filter((r) => r.includes('leidsche-rijn'));
    expect(
      emails.filter(
        (e) =>
          e.destination.to[0] === rijnveld &&
          e.subject.includes('Vragenlijst evaluatie convenant, wijk Leidsche Rijn'),
      ),
    ).toHaveLength(leidscheRijn.filter((r) => (r.split('@')[1] ?? '') < leavesOn).length);
    const schools = stack.app.parties.filter((p) => p.party.kind === 'school').length;
    // Renewed at DECIDE_AT: every party still taking part that day is told.
    const renewedOn = DECIDE_AT ? (on(DECIDE_AT.key)[0] ?? '') : '';
    expect(emails.filter((e) => e.subject.includes('Begin van het schooljaar'))).toHaveLength(
      schoolYearStarts.reduce((sum, on) => sum + (on < leavesOn ? schools : schools - 1), 0),
    );
    expect(
      emails.filter(
        (e) =>
          e.subject ===
          `Het convenant is verlengd tot en met ${formatDutchDate(nextTerm(TERM, COVENANT.termYears).end)}`,
      ),
    ).toHaveLength(DECIDE_AT ? signatories() - (renewedOn >= leavesOn ? 1 : 0) : 0);
    // The GGD is a provider, not a signatory: no renewal or termination mail.
    expect(
      emails.filter(
        (e) =>
          e.destination.to[0] === stack.party('ggd-volksgezondheid').email &&
          /verlengd|Beëindiging/.test(e.subject),
      ),
    ).toEqual([]);
    expect(emails.filter((e) => e.subject.startsWith('Beëindiging bevestigd'))).toHaveLength(signatories());
    const summaries = emails.filter((e) =>
      e.subject.startsWith('Samenvatting evaluatie convenant, wijk Oost'),
    );
    const oostSummaries = written_('evaluatie-samenvatting#').filter((r) => r.includes('-oost@'));
    // The gebiedsmanager, and the wijkagent and coordinator too (art. 6 trends, art. 12a).
    expect(summaries.map((e) => e.destination.to[0]).sort()).toEqual(
      oostSummaries
        .flatMap(() => [
          'convenant@gemeente.example.org',
          'veiligheid.oost@gemeente.example.org',
          'wijkagent.oost@politie.example.org',
        ])
        .sort(),
    );
    // Every summary of the simulated days (of any wijk) links to the wijk report.
    const everySummary = emails.filter((e) =>
      e.subject.startsWith('Samenvatting evaluatie convenant, wijk '),
    );
    expect(everySummary.length).toBeGreaterThan(0);
    expect(everySummary.filter((e) => !e.body.text?.includes('Bekijk het wijkrapport'))).toEqual([]);

    // A rerun of every simulated day, skipped or not: nothing new. The reruns write nothing, so
    // they may run side by side, a week at a time.
    const days = Array.from({ length: SIMULATED_DAYS }, (_, i) => addDays(START, i));
    const rerun: Array<{ date: string; written: string[] }> = [];
    for (let i = 0; i < days.length; i += 7) {
      rerun.push(...(await Promise.all(days.slice(i, i + 7).map((date) => runDaily(deps, date)))));
    }
    expect(rerun.filter((r) => r.written.length).map((r) => ({ date: r.date, written: r.written }))).toEqual(
      [],
    );
    await stack.drain();
    expect((await stack.emails()).length).toBe(before + emails.length);
  }, 240_000);
});
