import covenantFile from '../../config/covenant.json' with { type: 'json' };
import type { covenantSchema } from './config-schemas.js';
import { byKey } from './order.js';
import { summerHolidays } from './school-holidays.js';
import type { WIJKEN } from './wijken.js';
import { atwDeadline, nextSchoolDay } from './working-days.js';
import type * as z from './zod.js';

/**
 * The covenant calendar (art. 21, 22) as data: the terms, the first days of the VO summer holidays
 * of region Midden (from config/school-holidays-midden.json), and each wijk's evaluation date.
 * Pure functions over it; no clock inside.
 */
/** The calendar as config/covenant.json holds it, with the summer holidays of region Midden. */
export type CovenantCalendar = z.infer<typeof covenantSchema>;
export type Term = CovenantCalendar['terms'][number];

/**
 * Bundled with the code and checked against its schema when the code is built (forms/build.ts,
 * config-schemas.ts), so a broken calendar never deploys and no cold start checks it again.
 */
export const COVENANT: CovenantCalendar = {
  ...covenantFile,
  summerHolidaysMidden: summerHolidays().map(({ schoolYear, firstDay, source }) => ({
    schoolYear,
    firstDay,
    source,
  })),
};

/** A date past the end of the summer holiday table: never guessed, always an error for the operator. */
export class SummerTableExhaustedError extends Error {
  constructor(readonly after: string) {
    super(
      `The VO summer holiday table (region Midden) has no date after ${after}. Add the next school year to config/school-holidays-midden.json.`,
    );
    this.name = 'SummerTableExhaustedError';
  }
}

/** Adds whole months to a date, clamped to the end of a shorter month (31 August + 6 months = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The day before the same date `years` later: a term that starts 15 June ends 14 June. */
export const termEndFrom = (start: string, years: number): string => {
  const next = addMonths(start, years * 12);
  return new Date(Date.parse(`${next}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
};

/** The term that contains `date`, from the configured terms plus renewals recorded later. */
export function currentTerm(terms: readonly Term[], date: string): Term | undefined {
  return [...terms].sort((a, b) => a.number - b.number).find((t) => t.start <= date && date <= t.end);
}

/** The latest term (which may have ended: then the covenant has lapsed unless renewed). */
export const lastTerm = (terms: readonly Term[]): Term =>
  [...terms].sort((a, b) => b.number - a.number)[0] as Term;

/** The term after `term` if the gemeente renews: three years from the day after it ends. */
export function nextTerm(term: Term, years: number): Term {
  const start = new Date(Date.parse(`${term.end}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { number: term.number + 1, start, end: termEndFrom(start, years), note: 'verlengd' };
}

/**
 * Art. 22c: termination takes effect on the first day of the next VO summer holiday after the
 * meeting confirmed it. Throws when the table does not reach that far.
 */
export function beeindigingEffectiveDate(
  confirmedOn: string,
  table: CovenantCalendar['summerHolidaysMidden'] = COVENANT.summerHolidaysMidden,
): { date: string; source: string } {
  const next = [...table].sort((a, b) => byKey(a.firstDay, b.firstDay)).find((h) => h.firstDay > confirmedOn);
  if (!next) throw new SummerTableExhaustedError(confirmedOn);
  return { date: next.firstDay, source: next.source };
}

/**
 * Art. 22a: an announcement is in time when it comes before the end of the term; a term that ends
 * on a Saturday, a Sunday or a holiday runs on to the next working day (Algemene termijnenwet art. 1).
 */
export const announcedInTime = (announcedOn: string, term: Pick<Term, 'end'>): boolean =>
  announcedOn <= atwDeadline(term.end);

/**
 * The dates on which the gemeente is reminded of a term's end: 6, 3 and 1 months before it, each
 * moved to the next school day (no weekend, holiday or school holiday of region Midden).
 */
export const verlengingReminderDates = (
  term: Term,
  months: readonly number[] = COVENANT.verlengingReminderMonths,
) => months.map((m) => ({ months: m, date: nextSchoolDay(addMonths(term.end, -m)) }));

/**
 * The evaluation date of a wijk in a given year: its configured month-day (never in a school
 * holiday, the schema refuses that), moved off a weekend or holiday to the next school day.
 */
export const evaluatieDateIn = (
  config: CovenantCalendar,
  wijk: (typeof WIJKEN)[number],
  year: number,
): string => nextSchoolDay(`${year}-${config.evaluatieDates[wijk] ?? '01-15'}`);

export const evaluatieDate = (wijk: (typeof WIJKEN)[number], year: number): string =>
  evaluatieDateIn(COVENANT, wijk, year);

/** The gemeente's decision on renewing the covenant after evaluation (art. 21a). */
export const DECISIONS = ['verlengd', 'niet-verlengd'] as const;
