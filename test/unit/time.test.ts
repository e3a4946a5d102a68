import { TZDate, tzOffset } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  amsterdamDate,
  amsterdamInstant,
  amsterdamOffsetMinutes,
  describeDateTimeInput,
  formatDutchDateTime,
  formatDutchInput,
  parseDate,
  parseDateTime,
  parseOccurrence,
} from '../../shared/domain/time.js';

describe('Time: Europe/Amsterdam', () => {
  it.each([
    ['2026-01-15T10:00', '2026-01-15T09:00:00.000Z'],
    ['2026-07-15T10:00', '2026-07-15T08:00:00.000Z'],
    // The morning the clocks go forward (29 March 2026, 02:00 -> 03:00) and back (25 October 2026).
    ['2026-03-29T01:30', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29T03:30', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25T04:00', '2026-10-25T03:00:00.000Z'],
    ['2026-11-27T10:30:00+01:00', '2026-11-27T09:30:00.000Z'],
    ['2026-11-27T09:30:00Z', '2026-11-27T09:30:00.000Z'],
    ['27-11-2026 10:30', '2026-11-27T09:30:00.000Z'],
    ['7-3-2026 9.05', '2026-03-07T08:05:00.000Z'],
    // As people type them: slashes, dots, nothing between, a time without a colon, "om", "uur".
    ['27/11/2026 10:30', '2026-11-27T09:30:00.000Z'],
    ['27.11.2026 10.30', '2026-11-27T09:30:00.000Z'],
    ['27112026 1030', '2026-11-27T09:30:00.000Z'],
    ['27-11-26 10:30', '2026-11-27T09:30:00.000Z'],
    ['27-11-2026 om 10:30 uur', '2026-11-27T09:30:00.000Z'],
    ['27-11-2026 10 uur', '2026-11-27T09:00:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseDateTime(input)?.toISOString()).toBe(expected);
  });

  it.each([
    '2026-02-29T10:00',
    '2026-13-01T10:00',
    '31-11-2026 10:30',
    '27-11-2026',
    '',
    '2026-11-27',
    '27-11-2026 25:00',
    '27-11-2026 10:61',
  ])('refuses %j', (input) => {
    expect(parseDateTime(input)).toBeUndefined();
  });

  it('takes a date without a time as "tijd onbekend", and ISO dates as before', () => {
    for (const input of ['27-11-2026', '27/11/2026', '27112026', '2026-11-27', '27-11-2026 tijd onbekend']) {
      expect(parseOccurrence(input)).toEqual({
        instant: new Date('2026-11-27T11:00:00.000Z'),
        timeKnown: false,
      });
      expect(parseDate(input)).toBe('2026-11-27');
    }
    expect(parseOccurrence('2026-11-27T10:30:00Z')).toEqual({
      instant: new Date('2026-11-27T10:30:00Z'),
      timeKnown: true,
    });
    expect(parseOccurrence('31-02-2026')).toBeUndefined();
    expect(parseDate('27-11-2026 10:30')).toBeUndefined();
  });

  it('reads a field back in words, as the preview under it shows', () => {
    expect(describeDateTimeInput('27/11/2026 10:30')).toBe('vrijdag 27 november 2026, 10:30');
    expect(describeDateTimeInput('27112026')).toBe('vrijdag 27 november 2026, tijd onbekend');
    expect(describeDateTimeInput('27-11')).toBeUndefined();
  });

  it('shows dates the Dutch way and fills date-time fields the Dutch way, in Amsterdam time', () => {
    expect(formatDutchDateTime(new Date('2026-11-27T09:30:00Z'))).toBe('vrijdag 27 november 2026 om 10:30');
    expect(formatDutchInput(new Date('2026-07-01T22:30:00Z'))).toBe('02-07-2026 00:30');
  });
});

describe('Time: daylight saving in Europe/Amsterdam (@date-fns/tz, last Sunday of March and October)', () => {
  it.each([
    // 28 March 2027: at 01:00 UTC the clocks go from 02:00 to 03:00.
    ['2027-03-28T00:59:59Z', 60],
    ['2027-03-28T01:00:00Z', 120],
    // 31 October 2027: at 01:00 UTC the clocks go from 03:00 back to 02:00.
    ['2027-10-31T00:59:59Z', 120],
    ['2027-10-31T01:00:00Z', 60],
    ['2026-03-29T01:00:00Z', 120],
    ['2026-10-25T00:30:00Z', 120],
    ['2026-10-25T01:30:00Z', 60],
  ])('at %s Amsterdam is UTC + %i minutes', (instant, offset) => {
    expect(amsterdamOffsetMinutes(new Date(instant))).toBe(offset);
  });

  it('reads wall-clock times around the switch in March, including the hour that does not exist', () => {
    expect(amsterdamInstant('2027-03-28', '01:59').toISOString()).toBe('2027-03-28T00:59:00.000Z');
    expect(amsterdamInstant('2027-03-28', '03:00').toISOString()).toBe('2027-03-28T01:00:00.000Z');
    // 02:30 is skipped that night: read as an hour later, 03:30 summer time.
    expect(amsterdamInstant('2027-03-28', '02:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('reads wall-clock times around the switch in October, including the hour that happens twice', () => {
    expect(amsterdamInstant('2027-10-31', '01:59').toISOString()).toBe('2027-10-30T23:59:00.000Z');
    expect(amsterdamInstant('2027-10-31', '03:00').toISOString()).toBe('2027-10-31T02:00:00.000Z');
    // 02:30 happens twice that night: read as winter time, the second time.
    expect(amsterdamInstant('2027-10-31', '02:30').toISOString()).toBe('2027-10-31T01:30:00.000Z');
  });

  it('gives the Amsterdam date and the form value around midnight in both seasons', () => {
    expect(amsterdamDate(new Date('2027-03-27T22:59:00Z'))).toBe('2027-03-27');
    expect(amsterdamDate(new Date('2027-03-27T23:00:00Z'))).toBe('2027-03-28');
    expect(amsterdamDate(new Date('2027-03-28T21:59:00Z'))).toBe('2027-03-28');
    expect(amsterdamDate(new Date('2027-03-28T22:00:00Z'))).toBe('2027-03-29');
    expect(amsterdamDate(new Date('2027-10-30T21:59:00Z'))).toBe('2027-10-30');
    expect(amsterdamDate(new Date('2027-10-30T22:00:00Z'))).toBe('2027-10-31');
    expect(amsterdamDate(new Date('2027-10-31T22:59:00Z'))).toBe('2027-10-31');
    expect(amsterdamDate(new Date('2027-10-31T23:00:00Z'))).toBe('2027-11-01');
    expect(formatDutchInput(new Date('2027-10-31T00:30:00Z'))).toBe('31-10-2027 02:30');
    expect(formatDutchInput(new Date('2027-10-31T01:30:00Z'))).toBe('31-10-2027 02:30');
    expect(formatDutchInput(new Date('2027-03-28T01:00:00Z'))).toBe('28-03-2027 03:00');
  });

  it('keeps one offset per UTC hour and still agrees with the zone data at every quarter hour, 2020-2045', () => {
    // The offset is kept per UTC hour (Amsterdam's clocks change on a whole UTC hour); checked here
    // against @date-fns/tz itself, and the wall clock against a TZDate, at every 15 minutes.
    const wall = (d: TZDate) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    let checked = 0;
    // The zone's offset at the last five quarter hours, oldest first: Intl is asked once per instant.
    const quarters: number[] = [];
    for (let ms = Date.UTC(2020, 0, 1) - 3_600_000; ms < Date.UTC(2046, 0, 1); ms += 15 * 60_000) {
      const instant = new Date(ms);
      const offset = tzOffset('Europe/Amsterdam', instant);
      quarters.push(offset);
      if (quarters.length < 5) continue; // the hour before 2020 only fills the window
      const hourBefore = quarters.shift() as number;
      if (amsterdamOffsetMinutes(instant) !== offset)
        expect(amsterdamOffsetMinutes(instant), instant.toISOString()).toBe(offset);
      // The wall clock, every 6 hours and at each hour around the switches (where the offset changes).
      if (ms % (6 * 3_600_000) === 0 || hourBefore !== offset) {
        const expected = wall(new TZDate(ms, 'Europe/Amsterdam'));
        if (amsterdamDate(instant) !== expected)
          expect(amsterdamDate(instant), instant.toISOString()).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(38_000);
    // Before 1996 the offset is asked every time: Amsterdam Mean Time (1937) was 19 minutes 32 seconds.
    expect(amsterdamOffsetMinutes(new Date('1930-06-01T12:00:00Z'))).toBe(
      tzOffset('Europe/Amsterdam', new Date('1930-06-01T12:00:00Z')),
    );
    // About a million zone lookups: seconds alone, several times that beside other test files.
  }, 60_000);
});
