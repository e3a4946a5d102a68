import { describe, expect, it } from 'vitest';
import { dutchPublicHolidays } from '../../local/holidays.js';
import { deriveStatus, type SubmissionEvent } from '../../shared/domain/actions.js';
import { FIRST_YEAR, HOLIDAYS_NL, LAST_YEAR } from '../../shared/domain/holidays-nl.js';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../shared/domain/working-days.js';

describe('Working days (Netherlands)', () => {
  it.each([
    ['2026-12-25', false, 'Kerstmis'],
    ['2026-12-26', false, 'Tweede kerstdag (zaterdag)'],
    ['2026-04-27', false, 'Koningsdag'],
    ['2026-05-14', false, 'Hemelvaartsdag'],
    ['2026-05-25', false, 'Tweede pinksterdag'],
    ['2027-04-27', false, 'Koningsdag 2027'],
    ['2026-11-28', false, 'zaterdag'],
    ['2026-11-29', false, 'zondag'],
    ['2026-11-30', true, 'maandag'],
    ['2026-12-24', true, 'kerstavond is een werkdag'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('counts working days over weekends and holidays', () => {
    expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-28');
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
    // 24, 28, 29, 30 and 31 December; the 25th is Kerstmis, the 26th and 27th a weekend.
    expect(workingDaysBetween('2026-12-23', '2026-12-31')).toBe(5);
  });
});

describe('Status from events', () => {
  const event = (
    action: SubmissionEvent['action'],
    at: string,
    data: Record<string, unknown> = {},
  ): SubmissionEvent => ({
    sk: `EVT#${at}`,
    eventId: at,
    action,
    partyId: 'p',
    partyName: 'P',
    at,
    data,
  });

  it('derives the melding status from the latest answer, never from a stored copy', () => {
    expect(deriveStatus('melding', [])).toBe('Ontvangen, nog niet gezien');
    expect(deriveStatus('melding', [event('gezien', '1')])).toBe('Gezien door een ontvanger');
    expect(
      deriveStatus('melding', [
        event('terugkoppeling', '3', { handling: 'afgehandeld' }),
        event('terugkoppeling', '2', { handling: 'in-behandeling' }),
      ]),
    ).toBe('Afgehandeld');
    // A referral to Halt does not end the police's thread: the latest word of either counts.
    expect(
      deriveStatus('melding', [
        event('afdoening', '4', { result: 'niet-geslaagd' }),
        event('terugkoppeling', '3', { handling: 'doorverwezen-naar-halt' }),
      ]),
    ).toBe('Halt-afdoening niet geslaagd');
    expect(
      deriveStatus('melding', [
        event('afdoening', '4', { result: 'geslaagd' }),
        event('terugkoppeling', '5', { handling: 'geseponeerd' }),
      ]),
    ).toBe('Geseponeerd / geen vervolg');
  });

  it('derives the voorlichting status from the provider’s last answer', () => {
    expect(deriveStatus('voorlichting', [])).toBe('Aangevraagd, nog geen antwoord');
    expect(
      deriveStatus('voorlichting', [event('voorlichting-antwoord', '1', { answer: 'ander-voorstel' })]),
    ).toBe('Andere datum voorgesteld');
  });
});

describe('The Dutch holiday table', () => {
  it('matches date-holidays for every year it covers (run `npm run build:holidays` after an upgrade)', () => {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      expect(HOLIDAYS_NL[year]?.map((d) => `${year}-${d}`)).toEqual(dutchPublicHolidays(year));
    }
  });

  it('does not call a date of a year it does not cover a working day', () => {
    expect(isWorkingDay(`${LAST_YEAR + 1}-03-02`)).toBe(false);
    expect(() => addWorkingDays(`${LAST_YEAR + 1}-03-02`, 1)).toThrow(RangeError);
  });
});
