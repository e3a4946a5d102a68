import { TZDate, tzOffset } from '@date-fns/tz';
import { lazy } from './lazy.js';

/** Every date the product shows or schedules is in Europe/Amsterdam. */
export const TIME_ZONE = 'Europe/Amsterdam';

/**
 * Offset of Amsterdam from UTC at an instant, in minutes (60 in winter, 120 in summer), from the
 * IANA zone data through @date-fns/tz: no hand-written daylight saving rules (issue 12).
 */
export const amsterdamOffsetMinutes = (instant: Date): number => {
  // Asked several times per request: the answer is kept per UTC hour, since Amsterdam's clocks only
  // change on a whole UTC hour (01:00 UTC). The zone data still decides every answer.
  const ms = instant.getTime();
  // Before 1996 (the EU's common rule) Amsterdam's history has changes off the hour: not kept.
  if (!(ms >= EU_RULE_FROM)) return tzOffset(TIME_ZONE, instant);
  const hour = Math.floor(ms / 3_600_000);
  let offset = OFFSET_BY_HOUR.get(hour);
  if (offset === undefined) {
    offset = tzOffset(TIME_ZONE, instant);
    if (OFFSET_BY_HOUR.size >= 4096) OFFSET_BY_HOUR.clear();
    OFFSET_BY_HOUR.set(hour, offset);
  }
  return offset;
};
const OFFSET_BY_HOUR = new Map<number, number>();
const EU_RULE_FROM = Date.UTC(1996, 0, 1);

/**
 * The wall clock in Amsterdam at an instant, read with the UTC getters (getUTCFullYear, getUTCHours):
 * the instant moved by the offset. One lookup instead of a TZDate, which asks Intl several times.
 */
const inAmsterdam = (instant: Date) => new Date(instant.getTime() + amsterdamOffsetMinutes(instant) * 60_000);

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

// Dates as people type them: 27-11-2026, 27/11/2026, 27.11.2026, 27112026, 27-11-26, or ISO 2026-11-27.
const DATE_PART =
  /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})|(\d{2})(\d{2})(\d{4}))/;
// A time after it: 10:30, 10.30, 1030, 9:05:00, "om 10:30", "10 uur", or "tijd onbekend".
const TIME_PART =
  /^(?:[\st,]+|$)(?:om\s+)?(?:(\d{1,2})[:.](\d{2})(?::(\d{2}))?|(\d{2})(\d{2})|(\d{1,2})\s*uur)?\s*(?:uur)?\s*(tijd onbekend)?$/;

/** What a date-time field holds, read the way a person wrote it. */
export interface DateTimeInput {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, or undefined when no time was given ("tijd onbekend"). */
  time?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a date with an optional time as a Dutch person types it, or as ISO without a zone. Returns
 * undefined for anything else, including dates and times that do not exist (31 February, 25:00).
 */
export function readDateTimeInput(value: string): DateTimeInput | undefined {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  const d = DATE_PART.exec(text);
  if (!d) return undefined;
  const t = TIME_PART.exec(text.slice(d[0].length));
  if (!t) return undefined;
  const year = Number(d[1] ?? (d[6]?.length === 2 ? `20${d[6]}` : d[6]) ?? d[9]);
  const month = Number(d[2] ?? d[5] ?? d[8]);
  const day = Number(d[3] ?? d[4] ?? d[7]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const hourText = t[1] ?? t[4] ?? t[6];
  if (hourText === undefined || t[7]) return hourText === undefined ? { date } : undefined;
  const hour = Number(hourText);
  const minute = Number(t[2] ?? t[5] ?? 0);
  if (hour > 23 || minute > 59 || Number(t[3] ?? 0) > 59) return undefined;
  return { date, time: `${pad(hour)}:${pad(minute)}` };
}

/**
 * The instant of a wall-clock date and time in Amsterdam. On the night the clocks go forward a time
 * in the skipped hour (02:30 on the last Sunday of March) is read as an hour later (03:30 summer
 * time); on the night they go back, a time in the repeated hour is read as winter time (@date-fns/tz).
 */
export function amsterdamInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hour, minute, TIME_ZONE).getTime());
}

/**
 * Reads a date-time as a form or an API client sends it: ISO 8601 with a zone, or a wall-clock time
 * without one (an HTML datetime-local field, or as a Dutch person types it), taken as Amsterdam
 * time. A time is required. Returns undefined for anything else.
 */
export function parseDateTime(value: string): Date | undefined {
  if (ISO_WITH_ZONE.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  const input = readDateTimeInput(value);
  return input?.time ? amsterdamInstant(input.date, input.time) : undefined;
}

/** A moment in the past that may lack its time: the date alone means "tijd onbekend". */
export interface Occurrence {
  instant: Date;
  timeKnown: boolean;
}

/** Like parseDateTime, but a date without a time is accepted (stored at noon, marked time unknown). */
export function parseOccurrence(value: string): Occurrence | undefined {
  const instant = parseDateTime(value);
  if (instant) return { instant, timeKnown: true };
  const input = readDateTimeInput(value);
  return input && !input.time
    ? { instant: amsterdamInstant(input.date, '12:00'), timeKnown: false }
    : undefined;
}

/**
 * Intl's formatters are made at their first use, not at import: the first Intl object in a process
 * starts ICU (about 9 ms), which a container pays once, and only on a path that formats a date.
 */
const dutchDateTime = lazy(
  () =>
    new Intl.DateTimeFormat('nl-NL', {
      timeZone: TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
);

/** "vrijdag 27 november 2026 om 10:30", in Amsterdam time. */
export function formatDutchDateTime(instant: Date): string {
  return dutchDateTime().format(instant);
}

/** "27-11-2026 10:30": how a Dutch form shows and takes a date-time, in Amsterdam time. */
export function formatDutchInput(instant: Date): string {
  const wall = inAmsterdam(instant);
  return `${pad(wall.getUTCDate())}-${pad(wall.getUTCMonth() + 1)}-${wall.getUTCFullYear()} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

/** Today's date in Amsterdam, as YYYY-MM-DD. */
export const amsterdamDate = (instant: Date): string => {
  if (Number.isNaN(instant.getTime())) return instant.toLocaleDateString('sv-SE', { timeZone: TIME_ZONE });
  const wall = inAmsterdam(instant);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
};

const dutchDate = lazy(
  () =>
    new Intl.DateTimeFormat('nl-NL', {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
);

/** "maandag 7 december 2026" for a calendar date YYYY-MM-DD. */
/** A calendar date (yyyy-mm-dd) as a date field takes it: dd-mm-jjjj. */
export const formatDutchInputDate = (date: string): string => date.split('-').reverse().join('-');

export const formatDutchDate = (date: string): string => dutchDate().format(new Date(`${date}T12:00:00Z`));

/** Reads a calendar date as ISO (2026-12-07) or as people type it (7-12-2026, 7/12/2026, 07122026). */
export function parseDate(value: string): string | undefined {
  const input = readDateTimeInput(value);
  return input && !input.time ? input.date : undefined;
}

/** "vrijdag 27 november 2026, 10:30" or "vrijdag 27 november 2026, tijd onbekend": a field's value in words. */
export function describeDateTimeInput(value: string): string | undefined {
  const input = readDateTimeInput(value);
  if (!input) return undefined;
  return `${formatDutchDate(input.date)}, ${input.time ?? 'tijd onbekend'}`;
}
