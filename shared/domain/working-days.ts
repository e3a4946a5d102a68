import { ATW_EXTRA_NL, FIRST_YEAR, HOLIDAYS_NL, LAST_YEAR } from './holidays-nl.js';
import { schoolHolidayOn } from './school-holidays.js';

/**
 * Dutch public holidays from date-holidays (maintained upstream), precomputed for the years the
 * product needs by `npm run build:holidays`: the functions carry a small table, not every
 * country's rules. A date outside those years is not a working day (it cannot be checked).
 *
 * A working day is one the Algemene termijnenwet does not skip: not a Saturday, a Sunday or an
 * "algemeen erkende feestdag" of its art. 3 (Nieuwjaarsdag, tweede paas- en pinksterdag, beide
 * kerstdagen, Hemelvaartsdag, Koningsdag, 5 mei, and Goede Vrijdag by lid 2), so that deadlines in
 * working days follow the Atw (issue 15). Days the minister equates by decree (art. 3 lid 3, such
 * as the Friday after Hemelvaartsdag) are not in the table.
 */
const byYear = new Map<string, Set<string>>();

function daysOf(
  table: Record<number, readonly string[]>,
  name: string,
  year: number,
): Set<string> | undefined {
  const key = `${name}${year}`;
  let days = byYear.get(key);
  if (!days) {
    const monthDays = table[year];
    if (!monthDays) return undefined;
    days = new Set(monthDays.map((monthDay) => `${year}-${monthDay}`));
    byYear.set(key, days);
  }
  return days;
}
const holidaysOf = (year: number) => daysOf(HOLIDAYS_NL, 'public', year);
const atwExtraOf = (year: number) => daysOf(ATW_EXTRA_NL, 'atw', year);

/** True when the table covers the date's year. */
export const holidaysKnownFor = (date: string): boolean => {
  const year = Number(date.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};

/** A calendar date as YYYY-MM-DD. */
export type IsoDate = string;

export const isIsoDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

export function isPublicHoliday(date: IsoDate): boolean {
  return holidaysOf(Number(date.slice(0, 4)))?.has(date) ?? false;
}

/** An "algemeen erkende feestdag" of the Algemene termijnenwet, art. 3 lid 1 and 2. */
export function isAtwHoliday(date: IsoDate): boolean {
  return isPublicHoliday(date) || (atwExtraOf(Number(date.slice(0, 4)))?.has(date) ?? false);
}

const isWeekend = (date: IsoDate): boolean => {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

export function isWorkingDay(date: IsoDate): boolean {
  if (!holidaysKnownFor(date)) return false;
  return !isWeekend(date) && !isAtwHoliday(date);
}

function firstFrom(date: IsoDate, ok: (d: IsoDate) => boolean): IsoDate {
  if (!holidaysKnownFor(date) || !holidaysKnownFor(addDays(date, 60))) {
    throw new RangeError(`working days are known for ${FIRST_YEAR}-${LAST_YEAR}; run npm run build:holidays`);
  }
  let current = date;
  while (!ok(current)) current = addDays(current, 1);
  return current;
}

/**
 * Algemene termijnenwet art. 1: a period that ends on a Saturday, a Sunday or an algemeen erkende
 * feestdag is extended to the next day that is none of those. Returns the date itself otherwise.
 */
export const atwDeadline = (lastDay: IsoDate): IsoDate => firstFrom(lastDay, isWorkingDay);

/** True when the date is in a school holiday of region Midden (by the table; false past it). */
export const isSchoolHoliday = (date: IsoDate): boolean => schoolHolidayOn(date) !== undefined;

/**
 * The day calendar mail goes out (issue 15): the date itself, or the next day that is a working
 * day and not in a school holiday of region Midden. Past the school holiday table only weekends
 * and holidays are skipped; the coordinator is warned before the table runs out.
 */
export const nextSchoolDay = (date: IsoDate): IsoDate =>
  firstFrom(date, (d) => isWorkingDay(d) && !isSchoolHoliday(d));

export const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The date `count` working days after `date` (count 0: the date itself if it is one, else the next). */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  if (!holidaysKnownFor(date) || !holidaysKnownFor(addDays(date, count * 2 + 14))) {
    throw new RangeError(`working days are known for ${FIRST_YEAR}-${LAST_YEAR}; run npm run build:holidays`);
  }
  let current = date;
  let left = count;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** Working days after `from` up to and including `to`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}
