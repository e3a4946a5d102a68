/** Every date the product shows or schedules is in Europe/Amsterdam. */
export const TIME_ZONE = 'Europe/Amsterdam';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function amsterdamParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** Offset of Amsterdam from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(instant: Date): number {
  const p = amsterdamParts(instant);
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
// As people write it, for browsers that show a plain text field: 27-11-2026 10:30, 7-3-2026 9.05.
const DUTCH_DATE_TIME = /^(\d{1,2})-(\d{1,2})-(\d{4})\s+(?:om\s+)?(\d{1,2})[:.](\d{2})$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a date-time as a form or an API client sends it: ISO 8601 with a zone, or a wall-clock time
 * without one (an HTML datetime-local field), which is taken as Amsterdam time. Returns undefined
 * for anything else, including dates that do not exist (31 February).
 */
export function parseDateTime(value: string): Date | undefined {
  if (ISO_WITH_ZONE.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  const iso = LOCAL_DATE_TIME.exec(value.trim());
  const dutch = iso ? undefined : DUTCH_DATE_TIME.exec(value.trim());
  if (!iso && !dutch) return undefined;
  const [year, month, day, hour, minute, second] = (
    iso ? iso.slice(1) : [dutch?.[3], dutch?.[2], dutch?.[1], dutch?.[4], dutch?.[5], '0']
  ).map((n) => Number(n ?? 0)) as number[];
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  const check = new Date(wall);
  if (check.getUTCMonth() !== (month ?? 1) - 1 || check.getUTCDate() !== day || (hour ?? 0) > 23)
    return undefined;
  // The offset depends on the instant itself; two passes settle it around a daylight saving change.
  let instant = wall - amsterdamOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - amsterdamOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

const dutchDateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "vrijdag 27 november 2026 om 10:30", in Amsterdam time. */
export function formatDutchDateTime(instant: Date): string {
  return dutchDateTime.format(instant);
}

/** "27-11-2026 10:30": how a Dutch form shows and takes a date-time, in Amsterdam time. */
export function formatDutchInput(instant: Date): string {
  const shifted = new Date(instant.getTime() + amsterdamOffsetMinutes(instant) * 60_000).toISOString();
  return `${shifted.slice(8, 10)}-${shifted.slice(5, 7)}-${shifted.slice(0, 4)} ${shifted.slice(11, 16)}`;
}

/** Today's date in Amsterdam, as YYYY-MM-DD. */
export const amsterdamDate = (instant: Date): string =>
  instant.toLocaleDateString('sv-SE', { timeZone: TIME_ZONE });

const dutchDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "maandag 7 december 2026" for a calendar date YYYY-MM-DD. */
export const formatDutchDate = (date: string): string => dutchDate.format(new Date(`${date}T12:00:00Z`));

/** Reads a calendar date as ISO (2026-12-07) or Dutch (7-12-2026); undefined if it does not exist. */
export function parseDate(value: string): string | undefined {
  const trimmed = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(trimmed);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dutch ? [dutch[3], dutch[2], dutch[1]] : [];
  if (!y || !m || !d) return undefined;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === date ? date : undefined;
}
