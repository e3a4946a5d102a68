import holidaysFile from '../../config/school-holidays-midden.json' with { type: 'json' };
import * as z from './zod.js';

/**
 * The school holidays of region Midden (Utrecht) as OCW publishes them on rijksoverheid.nl, one
 * school year at a time (config/school-holidays-midden.json, each year with its source). Pure
 * functions over that table; no clock inside.
 */
const isoDate = z.iso.date();
export const SCHOOL_HOLIDAY_NAMES = [
  'herfstvakantie',
  'kerstvakantie',
  'voorjaarsvakantie',
  'meivakantie',
  'zomervakantie',
] as const;

export const schoolHolidaysSchema = z
  .strictObject({
    $comment: z.optional(z.string()),
    region: z.literal('midden'),
    schoolYears: z
      .array(
        z.strictObject({
          schoolYear: z.string().check(z.regex(/^\d{4}-\d{4}$/)),
          source: z.url(),
          /** Only some holidays of the year are listed (older years, kept for art. 22c). */
          partial: z.optional(z.boolean()),
          holidays: z
            .array(z.strictObject({ name: z.enum(SCHOOL_HOLIDAY_NAMES), first: isoDate, last: isoDate }))
            .check(z.minLength(1)),
        }),
      )
      .check(z.minLength(1)),
  })
  .check(
    z.superRefine((table, ctx) => {
      for (const year of table.schoolYears) {
        for (const h of year.holidays) {
          if (h.last < h.first)
            ctx.addIssue({
              code: 'custom',
              message: `${year.schoolYear} ${h.name}: last day before first day`,
            });
        }
        if (!year.partial && year.holidays.length !== SCHOOL_HOLIDAY_NAMES.length)
          ctx.addIssue({
            code: 'custom',
            message: `${year.schoolYear}: every holiday of the year, or partial`,
          });
      }
    }),
  );

export type SchoolHolidayTable = z.infer<typeof schoolHolidaysSchema>;
export type SchoolHoliday = SchoolHolidayTable['schoolYears'][number]['holidays'][number];

export const SCHOOL_HOLIDAYS_MIDDEN: SchoolHolidayTable = schoolHolidaysSchema.parse(holidaysFile);

const sortedYears = (table: SchoolHolidayTable) =>
  [...table.schoolYears].sort((a, b) => a.schoolYear.localeCompare(b.schoolYear));

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
