import covenantFile from '../../config/covenant.json' with { type: 'json' };
import holidaysFile from '../../config/school-holidays-midden.json' with { type: 'json' };
import { SCHOOL_HOLIDAY_NAMES, schoolHolidayOn, summerHolidays } from './school-holidays.js';
import { WIJKEN } from './wijken.js';
import * as z from './zod.js';

/**
 * The schemas of the two calendar files in config/. They are checked when the code is built
 * (forms/build.ts, which `npm start`, `npm test`, `npm run bench` and `cdk synth` run first) and
 * by the unit tests; the functions import the files as they are, already checked (ADR 0021).
 */
const isoDate = z.iso.date();

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

const int = (min: number, max?: number) =>
  z.number().check(z.int(), z.minimum(min), ...(max === undefined ? [] : [z.maximum(max)]));
const monthDay = () => z.string().check(z.regex(/^\d{2}-\d{2}$/));

export const covenantSchema = z.strictObject({
  $comment: z.optional(z.string()),
  signedOn: isoDate,
  termYears: int(1, 10),
  terms: z
    .array(
      z.strictObject({
        number: int(1),
        start: isoDate,
        end: isoDate,
        note: z.optional(z.string()),
      }),
    )
    .check(z.minLength(1)),
  summerHolidaysMidden: z
    .array(
      z.strictObject({
        schoolYear: z.string().check(z.regex(/^\d{4}-\d{4}$/)),
        firstDay: isoDate,
        /** The page the date was taken from (rijksoverheid.nl), or "secondary" until it is confirmed there. */
        source: z.union([z.url(), z.literal('secondary')]),
        note: z.optional(z.string()),
      }),
    )
    .check(z.minLength(1)),
  evaluatieDates: z.record(
    z.enum(WIJKEN),
    monthDay().check(
      z.superRefine((monthDay: string, ctx) => {
        const hit = inSchoolHolidayAnyYear(monthDay);
        if (hit)
          ctx.addIssue({
            code: 'custom',
            message: `evaluation date ${monthDay} falls in a school holiday of region Midden (${hit}): choose another day`,
          });
      }),
    ),
  ),
  verlengingReminderMonths: z.array(int(1, 12)),
  overdueWorkingDays: z.strictObject({
    terugkoppeling: int(1),
    voorlichtingAntwoord: int(1),
  }),
  yearlyReminders: z.strictObject({
    contactBevestigen: monthDay(),
    leerlingenraad: monthDay(),
    bekendmaking: monthDay(),
    /** The yearly school duties (art. 2b, 21c): a second reminder this many working days after the first, to schools that did not answer "gedaan". */
    secondReminderWorkingDays: int(1, 60),
  }),
  evaluatieSummaryAfterDays: int(1, 90),
  /** A day the job did not run is caught up later, as long as it is at most this many days ago. */
  catchUpDays: int(1, 120),
});

/** The first date with this month-day that lies in a school holiday of the table, if any. */
function inSchoolHolidayAnyYear(monthDay: string): string | undefined {
  const years = summerHolidays().map((h) => Number(h.firstDay.slice(0, 4)));
  for (let year = Math.min(...years) - 1; year <= Math.max(...years); year++) {
    const date = `${year}-${monthDay}`;
    const holiday = schoolHolidayOn(date);
    if (holiday) return `${date}, ${holiday.name}`;
  }
  return undefined;
}

/**
 * Checks config/school-holidays-midden.json and config/covenant.json against their schemas, and
 * throws one error that names the file and every problem in it.
 */
export function checkCalendarConfig(
  files: { holidays: unknown; covenant: unknown } = { holidays: holidaysFile, covenant: covenantFile },
): void {
  const problems = (file: string, result: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }) =>
    result.success
      ? []
      : (result.error?.issues ?? []).map((i) => `${file}: ${i.path.join('.') || '(top)'}: ${i.message}`);
  const holidays = schoolHolidaysSchema.safeParse(files.holidays);
  const covenant = covenantSchema.safeParse({
    ...(files.covenant as object),
    summerHolidaysMidden: holidays.success
      ? summerHolidays(holidays.data).map(({ schoolYear, firstDay, source }) => ({
          schoolYear,
          firstDay,
          source,
        }))
      : [],
  });
  const all = [
    ...problems('config/school-holidays-midden.json', holidays),
    ...problems('config/covenant.json', covenant),
  ];
  if (all.length) throw new Error(`The calendar configuration is not valid:\n${all.join('\n')}`);
}
