import type { SubmissionEvent } from './actions.js';
import { unknownFieldsError } from './fields.js';
import { schoolHolidayOn } from './school-holidays.js';
import { formatDutchDate, parseDate } from './time.js';
import { addDays, isAtwHoliday, isWorkingDay } from './working-days.js';
import * as z from './zod.js';

/**
 * Art. 22b: "De gemeente draagt zorg voor overleg over bedoeld voornemen tussen alle partijen." The
 * coordinator sets the meeting's date (and, if it likes, a time and a place) through a signed link;
 * every signatory gets an invitation, and a changed date an update. See docs/adr/0020.
 */
export const PLACE_MAX = 200;
/** A meeting is planned within a year: the calendar tables reach about that far. */
export const MEETING_MAX_DAYS_AHEAD = 366;

export const MEETING_MESSAGES = {
  missing: 'Vul de datum van het overleg in.',
  notADate: 'Vul een datum in, bijvoorbeeld 7-12-2026.',
  notFuture: 'Kies een datum na vandaag. Het overleg moet nog plaatsvinden.',
  tooFar: 'Kies een datum binnen een jaar.',
  weekend: 'Deze datum valt in het weekend. Kies een werkdag.',
  holiday: 'Deze datum is een feestdag. Kies een andere werkdag.',
  schoolHoliday: (name: string) =>
    `Deze datum valt in de ${name} van regio Midden. Dan zijn de scholen dicht. Kies een andere dag.`,
  unknownYear: 'Voor deze datum zijn de feestdagen nog niet bekend. Kies een eerdere datum.',
  time: 'Schrijf de tijd als uur en minuten, bijvoorbeeld 14:00.',
  placeLong: `Maak de plaats korter: hoogstens ${PLACE_MAX} tekens.`,
  closed: 'De uitkomst van dit overleg is al vastgelegd. De datum van het overleg kan niet meer veranderen.',
  outcomeBeforeMeeting: (meetingOn: string) =>
    `Het overleg staat gepland op ${formatDutchDate(meetingOn)}. Leg de uitkomst vast op of na die dag, met de datum waarop het overleg was.`,
} as const;

/**
 * Why a date cannot be the meeting's date, or undefined when it can: a day after today and within a
 * year, a working day (no weekend, no public holiday of the Algemene termijnenwet) and no school
 * holiday of region Midden, because the schools are parties too.
 */
export function meetingDateProblem(date: string, today: string): string | undefined {
  if (date <= today) return MEETING_MESSAGES.notFuture;
  if (date > addDays(today, MEETING_MAX_DAYS_AHEAD)) return MEETING_MESSAGES.tooFar;
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return MEETING_MESSAGES.weekend;
  if (isAtwHoliday(date)) return MEETING_MESSAGES.holiday;
  if (!isWorkingDay(date)) return MEETING_MESSAGES.unknownYear;
  const schoolHoliday = schoolHolidayOn(date);
  if (schoolHoliday) return MEETING_MESSAGES.schoolHoliday(schoolHoliday.name);
  return undefined;
}

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** The body of the `overleg-plannen` link: the date, and optionally a time and a place (no names). */
export const overlegSchema = (today: () => string) => {
  const fields = z.strictObject(
    {
      meetingOn: z.pipe(
        z.string({ error: MEETING_MESSAGES.missing }),
        z.transform((value: string, ctx) => {
          const date = parseDate(value);
          const problem = date ? meetingDateProblem(date, today()) : MEETING_MESSAGES.notADate;
          if (problem || !date) {
            z.customIssue(ctx, problem ?? MEETING_MESSAGES.notADate);
            return z.NEVER;
          }
          return date;
        }),
      ),
      time: z.pipe(
        z.transform(blankToUndefined),
        z.optional(
          z.pipe(
            z
              .string({ error: MEETING_MESSAGES.time })
              .check(z.trim(), z.regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, MEETING_MESSAGES.time)),
            z.transform((t: string) => t.replace('.', ':').padStart(5, '0')),
          ),
        ),
      ),
      place: z.pipe(
        z.transform(blankToUndefined),
        z.optional(z.string().check(z.trim(), z.maxLength(PLACE_MAX, MEETING_MESSAGES.placeLong))),
      ),
    },
    { error: unknownFieldsError('de planning') },
  );
  return z.pipe(
    fields,
    z.transform(({ meetingOn, time, place }: z.output<typeof fields>) => ({
      meetingOn,
      ...(time ? { time } : {}),
      ...(place ? { place } : {}),
    })),
  );
};

export interface PlannedMeeting {
  eventId: string;
  meetingOn: string;
  time?: string;
  place?: string;
  /** The event of the date this one replaced (a changed date). */
  replaces?: string;
  at: string;
}

const later = (a: SubmissionEvent, b: SubmissionEvent) =>
  a.at > b.at || (a.at === b.at && a.eventId > b.eventId) ? a : b;

const asMeeting = (e: SubmissionEvent): PlannedMeeting => ({
  eventId: e.eventId,
  meetingOn: String(e.data.meetingOn),
  ...(typeof e.data.time === 'string' ? { time: e.data.time } : {}),
  ...(typeof e.data.place === 'string' ? { place: e.data.place } : {}),
  ...(typeof e.data.replaces === 'string' ? { replaces: e.data.replaces } : {}),
  at: e.at,
});

/**
 * Every date the coordinator set for the meeting, first to last: each event names the one it
 * replaced, so the order does not hang on clocks (two changes in one millisecond). Two changes of the
 * same date at once (a fork) go on with the later one.
 */
export function meetingHistory(events: readonly SubmissionEvent[]): PlannedMeeting[] {
  const meetings = events.filter((e) => e.action === 'overleg-plannen');
  const chain: PlannedMeeting[] = [];
  let previous: string | undefined;
  for (;;) {
    const next = meetings
      .filter((e) => (typeof e.data.replaces === 'string' ? e.data.replaces : undefined) === previous)
      .reduce<SubmissionEvent | undefined>((a, b) => (a ? later(a, b) : b), undefined);
    if (!next || chain.length >= meetings.length) return chain;
    chain.push(asMeeting(next));
    previous = next.eventId;
  }
}

/** The meeting as planned now, if the coordinator set a date. */
export const plannedMeeting = (events: readonly SubmissionEvent[]): PlannedMeeting | undefined =>
  meetingHistory(events).at(-1);

/** The meeting one event set, and the one it replaced (for the email that tells of a change). */
export function meetingChange(
  event: SubmissionEvent,
  events: readonly SubmissionEvent[],
): { meeting: PlannedMeeting; before?: PlannedMeeting } {
  const meeting = asMeeting(event);
  const replaced = meeting.replaces ? events.find((e) => e.eventId === meeting.replaces) : undefined;
  return replaced ? { meeting, before: asMeeting(replaced) } : { meeting };
}

/** "dinsdag 10 november 2026 om 14:00, stadhuis": the meeting in words. */
export const describeMeeting = (m: Pick<PlannedMeeting, 'meetingOn' | 'time' | 'place'>): string =>
  `${formatDutchDate(m.meetingOn)}${m.time ? ` om ${m.time}` : ''}${m.place ? `, ${m.place}` : ''}`;
