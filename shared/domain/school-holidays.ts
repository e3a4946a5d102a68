import holidaysFile from '../../config/school-holidays-midden.json' with { type: 'json' };
import type { schoolHolidaysSchema } from './config-schemas.js';
import { byKey } from './order.js';
import type * as z from './zod.js';

/**
 * The school holidays of region Midden (Utrecht) as OCW publishes them on rijksoverheid.nl, one
 * school year at a time (config/school-holidays-midden.json, each year with its source). Pure
 * functions over that table; no clock inside.
 */
export const SCHOOL_HOLIDAY_NAMES = [
  'herfstvakantie',
  'kerstvakantie',
  'voorjaarsvakantie',
  'meivakantie',
  'zomervakantie',
] as const;

/** The table as config/school-holidays-midden.json holds it; checked by the build (config-schemas.ts). */
export type SchoolHolidayTable = z.infer<typeof schoolHolidaysSchema>;
export type SchoolHoliday = SchoolHolidayTable['schoolYears'][number]['holidays'][number];

/**
 * Bundled with the code and checked against its schema when the code is built (forms/build.ts), so
 * a broken table never deploys and no container spends its cold start checking it again.
 */
export const SCHOOL_HOLIDAYS_MIDDEN: SchoolHolidayTable = holidaysFile as SchoolHolidayTable;

const sortedYears = (table: SchoolHolidayTable) =>
  [...table.schoolYears].sort((a, b) => byKey(a.schoolYear, b.schoolYear));

/** The school holiday a date falls in, if any (by the table; a date past it is in none). */
export function schoolHolidayOn(
  date: string,
  table: SchoolHolidayTable = SCHOOL_HOLIDAYS_MIDDEN,
): SchoolHoliday | undefined {
  for (const year of table.schoolYears) {
    const holiday = year.holidays.find((h) => h.first <= date && date <= h.last);
    if (holiday) return holiday;
  }
  return undefined;
}

/** The last day the table knows: the last day of its last zomervakantie. */
export const schoolHolidaysKnownUntil = (table: SchoolHolidayTable = SCHOOL_HOLIDAYS_MIDDEN): string =>
  summerHolidays(table).at(-1)?.lastDay ?? '0000-01-01';

/** Art. 22c: the first (and last) day of each zomervakantie, with the page it was taken from. */
export function summerHolidays(table: SchoolHolidayTable = SCHOOL_HOLIDAYS_MIDDEN) {
  return sortedYears(table).flatMap((year) =>
    year.holidays
      .filter((h) => h.name === 'zomervakantie')
      .map((h) => ({ schoolYear: year.schoolYear, firstDay: h.first, lastDay: h.last, source: year.source })),
  );
}
