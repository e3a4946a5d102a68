import {
  addMonths,
  COVENANT,
  type CovenantCalendar,
  currentTerm,
  evaluatieDateIn,
  lastTerm,
  type Term,
  verlengingReminderDates,
} from './covenant.js';
import { byKey } from './order.js';
import { isActiveOn, type Party } from './parties.js';
import { WIJKEN, type Wijk } from './wijken.js';
import { addDays, addWorkingDays, atwDeadline, nextSchoolDay } from './working-days.js';

/**
 * What the covenant asks on a date, as a pure function of the state. The daily job stores each plan
 * under its key; a key that exists was done, so a rerun or a caught-up day sends nothing twice.
 * Level-triggered: everything due in the last `catchUpDays` and not yet done is planned.
 * Calendar mail is due on a school day (nextSchoolDay: never a weekend, a holiday or a school
 * holiday of region Midden); the overdue reminders are due when their deadline in working days
 * (Algemene termijnenwet) has come. See docs/adr/0016-calendar-dates.md.
 */
export const REMINDER_KINDS = [
  'verlenging',
  'beeindiging-overleg',
  'evaluatie-uitnodiging',
  'evaluatie-vragenlijst',
  'evaluatie-samenvatting',
  'leerlingenraad',
  'bekendmaking',
  'contact-bevestigen',
  'terugkoppeling-te-laat',
  'voorlichting-te-laat',
  'vakantietabel',
  'schooltaak-herinnering',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderPlan {
  key: string;
  kind: ReminderKind;
  dueOn: string;
  recipients: string[];
  /** What a signed link in the email points at (a term, a submission, an evaluation round). */
  subjectId: string;
  data: Record<string, unknown>;
}

export interface CalendarState {
  terms: readonly Term[];
  /** Term numbers for which the gemeente recorded a renewal decision. */
  decidedTerms: ReadonlySet<number>;
  directory: readonly Party[];
  openBeeindigingen: ReadonlyArray<{ id: string; announcedOn: string; partyName: string }>;
  /** Meldingen whose wijkagent has not given terugkoppeling yet. */
  awaitingTerugkoppeling: ReadonlyArray<{ id: string; receivedOn: string; wijkagents: string[] }>;
  /** Voorlichting requests the provider has not answered yet. */
  awaitingAnswer: ReadonlyArray<{ id: string; receivedOn: string; providers: string[] }>;
  /** The yearly school duties whose reminder went out: to whom, and which schools answered "gedaan". */
  schoolDuties?: ReadonlyArray<SchoolDutyState>;
}

/** The yearly duties of a school (art. 2b: make the covenant known; art. 21c: discuss it with the pupils' council). */
export const SCHOOL_DUTIES = ['bekendmaking', 'leerlingenraad'] as const;
export type SchoolDuty = (typeof SCHOOL_DUTIES)[number];

/** The subject of a duty's "gedaan" link and of its records: `leerlingenraad-2026`. */
export const dutySubject = (duty: SchoolDuty, year: number) => `${duty}-${year}`;
export function parseDutySubject(subject: string): { duty: SchoolDuty; year: number } | undefined {
  const match = /^(bekendmaking|leerlingenraad)-(\d{4})$/.exec(subject);
  return match ? { duty: match[1] as SchoolDuty, year: Number(match[2]) } : undefined;
}

export interface SchoolDutyState {
  duty: SchoolDuty;
  year: number;
  /** When the first reminder was due. */
  dueOn: string;
  sentTo: readonly string[];
  done: readonly string[];
}

const CITY_WIDE_PARTNERS = new Set(['halt', 'jou', 'buurtteam-vo', 'buurtteam-mbo', 'ggd']);

/** The partners of a wijk for its evaluation: its schools, wijkagent and gebiedsmanager, and the city-wide partners. */
export function wijkPartners(directory: readonly Party[], wijk: Wijk, date: string): Party[] {
  return directory.filter(
    (p) =>
      isActiveOn(p, date) &&
      (p.wijk === wijk ? p.role !== 'convenantcoordinator' : CITY_WIDE_PARTNERS.has(p.role)),
  );
}

export const evaluatieRoundId = (wijk: Wijk, year: number) =>
  `EVAL-${year}-${wijk.toLowerCase().replace(/[^a-z]+/g, '-')}`;

/**
 * The dates of a wijk's evaluation round: the questionnaire goes out on the evaluation date (a
 * school day), answers are due within the weeks before the summary, extended per the Algemene
 * termijnenwet when that period ends on a weekend or holiday, and the summary goes out on the
 * school day after the deadline.
 */
export function evaluatieRoundDates(wijk: Wijk, year: number, config: CovenantCalendar = COVENANT) {
  const on = evaluatieDateIn(config, wijk, year);
  const deadline = atwDeadline(addDays(on, config.evaluatieSummaryAfterDays - 1));
  return { on, deadline, summaryOn: nextSchoolDay(addDays(deadline, 1)) };
}

export function planReminders(
  state: CalendarState,
  date: string,
  config: CovenantCalendar = COVENANT,
): ReminderPlan[] {
  const from = addDays(date, -config.catchUpDays);
  const inWindow = (due: string) => due > from && due <= date;
  const active = state.directory.filter((p) => isActiveOn(p, date));
  const ids = (parties: readonly Party[]) => parties.map((p) => p.id).sort();
  const coordinators = ids(active.filter((p) => p.role === 'convenantcoordinator'));
  const plans: ReminderPlan[] = [];
  const add = (plan: Omit<ReminderPlan, 'key'> & { keyPart: string }) => {
    const { keyPart, ...rest } = plan;
    if (inWindow(rest.dueOn) && rest.recipients.length)
      plans.push({ key: `${rest.kind}#${keyPart}`, ...rest });
  };

  // Art. 21a: 6, 3 and 1 months before the term ends, until the gemeente decided.
  const term = currentTerm(state.terms, date) ?? lastTerm(state.terms);
  if (!state.decidedTerms.has(term.number)) {
    for (const { months, date: dueOn } of verlengingReminderDates(term, config.verlengingReminderMonths)) {
      add({
        kind: 'verlenging',
        keyPart: `T${term.number}#${months}m`,
        dueOn,
        recipients: coordinators,
        subjectId: `TERM-${term.number}`,
        data: { term: term.number, termEnd: term.end, months },
      });
    }
  }

  // Art. 22b: every week after the announcement, until the outcome of the meeting is recorded.
  for (const t of state.openBeeindigingen) {
    const weeksOf = (day: string) =>
      Math.floor((Date.parse(day) - Date.parse(t.announcedOn)) / (7 * 86_400_000));
    if (weeksOf(date) < 1) continue;
    // This week's reminder, moved to a school day: weeks that all move to the same day send once.
    const dueOn = nextSchoolDay(addDays(t.announcedOn, weeksOf(date) * 7));
    const weeks = weeksOf(dueOn);
    add({
      kind: 'beeindiging-overleg',
      keyPart: `${t.id}#${dueOn}`,
      dueOn,
      recipients: coordinators,
      subjectId: t.id,
      data: { partyName: t.partyName, announcedOn: t.announcedOn, weeks },
    });
  }

  // Art. 21b: per wijk, on its date and in the year before (a round that started in December).
  for (const year of [Number(date.slice(0, 4)) - 1, Number(date.slice(0, 4))]) {
    for (const wijk of WIJKEN) {
      const { on: evalOn, deadline, summaryOn } = evaluatieRoundDates(wijk, year, config);
      const round = evaluatieRoundId(wijk, year);
      const managers = ids(active.filter((p) => p.role === 'gebiedsmanager-veiligheid' && p.wijk === wijk));
      add({
        kind: 'evaluatie-uitnodiging',
        keyPart: round,
        dueOn: evalOn,
        recipients: managers,
        subjectId: round,
        data: { wijk, year },
      });
      add({
        kind: 'evaluatie-vragenlijst',
        keyPart: round,
        dueOn: evalOn,
        recipients: ids(wijkPartners(state.directory, wijk, evalOn)),
        subjectId: round,
        data: { wijk, year, deadline },
      });
      add({
        kind: 'evaluatie-samenvatting',
        keyPart: round,
        dueOn: summaryOn,
        // Art. 6 (trends) and 12a: the wijkagent and the coordinator read it too, not only the gebiedsmanager.
        recipients: [
          ...new Set([
            ...managers,
            ...ids(active.filter((p) => p.role === 'wijkagent' && p.wijk === wijk)),
            ...coordinators,
          ]),
        ],
        subjectId: round,
        data: { wijk, year },
      });
    }
  }

  // Art. 21c, 2b (schools) and art. 1, 10, 15 (every contact): once a year.
  const year = Number(date.slice(0, 4));
  for (const y of [year - 1, year]) {
    const schools = ids(active.filter((p) => p.kind === 'school'));
    for (const duty of SCHOOL_DUTIES)
      add({
        kind: duty,
        keyPart: String(y),
        dueOn: nextSchoolDay(`${y}-${config.yearlyReminders[duty]}`),
        recipients: schools,
        // The email's "gedaan" link points at this duty of this year.
        subjectId: dutySubject(duty, y),
        data: { year: y },
      });
    add({
      kind: 'contact-bevestigen',
      keyPart: String(y),
      dueOn: nextSchoolDay(`${y}-${config.yearlyReminders.contactBevestigen}`),
      recipients: ids(active),
      subjectId: `YEAR-${y}`,
      data: { year: y },
    });
  }

  // Art. 2b, 21c: once more to the schools that got the yearly duty and did not answer "gedaan".
  for (const d of state.schoolDuties ?? []) {
    add({
      kind: 'schooltaak-herinnering',
      keyPart: `${d.duty}#${d.year}`,
      dueOn: nextSchoolDay(addWorkingDays(d.dueOn, config.yearlyReminders.secondReminderWorkingDays)),
      recipients: d.sentTo.filter((id) => !d.done.includes(id) && active.some((p) => p.id === id)),
      subjectId: dutySubject(d.duty, d.year),
      data: { duty: d.duty, year: d.year, firstOn: d.dueOn },
    });
  }

  // Art. 8 and 9: an answer that is overdue, after a number of working days, once.
  for (const m of state.awaitingTerugkoppeling) {
    add({
      kind: 'terugkoppeling-te-laat',
      keyPart: m.id,
      dueOn: addWorkingDays(m.receivedOn, config.overdueWorkingDays.terugkoppeling),
      recipients: m.wijkagents.filter((id) => active.some((p) => p.id === id)),
      subjectId: m.id,
      data: { workingDays: config.overdueWorkingDays.terugkoppeling },
    });
  }
  for (const v of state.awaitingAnswer) {
    add({
      kind: 'voorlichting-te-laat',
      keyPart: v.id,
      dueOn: addWorkingDays(v.receivedOn, config.overdueWorkingDays.voorlichtingAntwoord),
      recipients: v.providers.filter((id) => active.some((p) => p.id === id)),
      subjectId: v.id,
      data: { workingDays: config.overdueWorkingDays.voorlichtingAntwoord },
    });
  }

  // Art. 22c needs the next summer holiday: warn the coordinator six months before the last one
  // in the table begins, once, so the next school year is added before a termination needs it.
  const warning = summerTableWarning(date, config);
  if (warning) {
    // The later of the day the warning starts and the first day of the catch-up window.
    const start = [warning.warnFrom, addDays(from, 1)].sort().at(-1) as string;
    add({
      kind: 'vakantietabel',
      keyPart: warning.lastFirstDay,
      dueOn: nextSchoolDay(start),
      recipients: coordinators,
      subjectId: `SUMMER-${warning.lastFirstDay}`,
      data: { lastFirstDay: warning.lastFirstDay, schoolYear: warning.schoolYear },
    });
  }
  return plans;
}

/** Months before the last known summer holiday begins that the coordinator is warned. */
export const SUMMER_TABLE_WARNING_MONTHS = 6;

/**
 * On and after six months before the last summer holiday in the table begins: which one it is.
 * Undefined before that day.
 */
export function summerTableWarning(
  date: string,
  config: CovenantCalendar = COVENANT,
): { lastFirstDay: string; schoolYear: string; warnFrom: string } | undefined {
  const last = [...config.summerHolidaysMidden].sort((a, b) => byKey(a.firstDay, b.firstDay)).at(-1);
  if (!last) return undefined;
  const warnFrom = addMonths(last.firstDay, -SUMMER_TABLE_WARNING_MONTHS);
  return date < warnFrom ? undefined : { lastFirstDay: last.firstDay, schoolYear: last.schoolYear, warnFrom };
}
