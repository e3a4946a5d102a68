import { parseDateTime } from '../../shared/domain/time.js';
import { isIsoDate } from '../../shared/domain/working-days.js';

/**
 * The one "today" of the test suite. Every date a test sends or expects is derived from it, never
 * from the machine's date. `TEST_TODAY=2027-03-01 npm test` runs the whole suite in another season;
 * `npm test` itself runs the calendar tests a second time with `SECOND_SEASON_TODAY`.
 */
export const DEFAULT_TODAY = '2026-11-02';
export const SECOND_SEASON_TODAY = '2026-08-10';
export const TODAY = process.env.TEST_TODAY || DEFAULT_TODAY;
if (!isIsoDate(TODAY)) throw new Error(`TEST_TODAY=${TODAY} is not a date (YYYY-MM-DD)`);

/**
 * How many days after TODAY the calendar test runs the daily job: a year (`TEST_SIMULATED_DAYS`
 * overrides). The second season runs half a year: the default season already covers a whole one.
 */
export const SIMULATED_DAYS = Number(process.env.TEST_SIMULATED_DAYS || 365);
export const SECOND_SEASON_DAYS = 183;
if (!Number.isInteger(SIMULATED_DAYS) || SIMULATED_DAYS < 1)
  throw new Error(`TEST_SIMULATED_DAYS=${process.env.TEST_SIMULATED_DAYS} is not a number of days`);

export interface TestClock {
  /** Hand this to the product (`startTestStack({ clock })`, use cases' `now`). */
  now: () => Date;
  /** Jump to an instant; the clock keeps running from there at real pace. */
  set(instant: Date): void;
  /** Move forward (or back) by some milliseconds. */
  advance(ms: number): void;
}

/** A clock that starts at `time` (Amsterdam) on `today` and runs at real pace from there. */
export function testClock(today: string = TODAY, time = '10:00'): TestClock {
  const start = parseDateTime(`${today}T${time}`);
  if (!start) throw new Error(`not a date and time: ${today}T${time}`);
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    set(instant) {
      offset = instant.getTime() - Date.now();
    },
    advance(ms) {
      offset += ms;
    },
  };
}
