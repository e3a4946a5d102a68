import { FIRST_YEAR, HOLIDAYS_NL, LAST_YEAR } from './holidays-nl.js';

/**
 * Dutch public holidays from date-holidays (maintained upstream), precomputed for the years the
 * product needs by `npm run build:holidays`: the functions carry a small table, not every
 * country's rules. A date outside those years is not a working day (it cannot be checked).
 */
const byYear = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> | undefined {
  let days = byYear.get(year);
  if (!days) {
    const table = HOLIDAYS_NL[year];
    if (!table) return undefined;
    days = new Set(table.map((monthDay) => `${year}-${monthDay}`));
    byYear.set(year, days);
  }
  return days;
}

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

export function isWorkingDay(date: IsoDate): boolean {
  if (!holidaysKnownFor(date)) return false;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date);
}

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
