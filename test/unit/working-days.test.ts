import { describe, expect, it } from 'vitest';
import { atwExtraHolidays, dutchPublicHolidays } from '../../local/holidays.js';
import { deriveStatus, type SubmissionEvent } from '../../shared/domain/actions.js';
import { ATW_EXTRA_NL, FIRST_YEAR, HOLIDAYS_NL, LAST_YEAR } from '../../shared/domain/holidays-nl.js';
import { SCHOOL_HOLIDAYS_MIDDEN, schoolHolidayOn } from '../../shared/domain/school-holidays.js';
import {
  addWorkingDays,
  atwDeadline,
  isWorkingDay,
  nextSchoolDay,
  workingDaysBetween,
} from '../../shared/domain/working-days.js';

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

describe('Deadlines: Algemene termijnenwet (art. 1 and 3)', () => {
  it.each([
    ['2027-03-26', '2027-03-30', 'Goede Vrijdag 2027 (art. 3 lid 2), then Pasen and tweede paasdag'],
    ['2027-05-05', '2027-05-07', '5 mei 2027, a Wednesday, then Hemelvaartsdag on the 6th'],
    ['2026-05-05', '2026-05-06', '5 mei 2026, a Tuesday: every year, not only once in five'],
    ['2027-06-12', '2027-06-14', 'a Saturday'],
    ['2027-06-13', '2027-06-14', 'a Sunday'],
    ['2027-04-27', '2027-04-28', 'Koningsdag 2027'],
    ['2025-04-26', '2025-04-28', 'Koningsdag 2025, on Saturday 26 April because the 27th is a Sunday'],
    ['2026-12-24', '2026-12-24', 'kerstavond is no feestdag'],
    ['2026-12-25', '2026-12-28', 'beide kerstdagen and a Sunday'],
    ['2027-01-01', '2027-01-04', 'Nieuwjaarsdag on a Friday'],
    ['2027-05-17', '2027-05-18', 'tweede pinksterdag'],
  ])('a period ending on %s runs to %s (%s)', (lastDay, extended) => {
    expect(atwDeadline(lastDay)).toBe(extended);
  });

  it('counts Goede Vrijdag and 5 May as no working day for deadlines in working days', () => {
    expect(isWorkingDay('2027-03-26')).toBe(false);
    expect(isWorkingDay('2027-05-05')).toBe(false);
    // Thursday 25 March 2027 + 1 working day: past Goede Vrijdag, the weekend and tweede paasdag.
    expect(addWorkingDays('2027-03-25', 1)).toBe('2027-03-30');
  });
});

describe('Calendar mail days: school days of region Midden', () => {
  it.each([
    ['2027-05-01', '2027-05-03', 'Saturday in the meivakantie (24 April - 2 May 2027)'],
    ['2026-08-10', '2026-08-31', 'zomervakantie 2026 (18 July - 30 August)'],
    ['2027-03-26', '2027-03-30', 'Goede Vrijdag, the Easter weekend and tweede paasdag'],
    ['2027-12-27', '2028-01-10', 'kerstvakantie 2027-2028 (25 December - 9 January)'],
    ['2027-02-22', '2027-03-01', 'voorjaarsvakantie 2027 (20 - 28 February)'],
    ['2026-11-02', '2026-11-02', 'an ordinary Monday'],
  ])('mail due on %s goes out on %s (%s)', (due, sent) => {
    expect(nextSchoolDay(due)).toBe(sent);
  });

  it('has every published school year 2025-2026 to 2027-2028 in full, each with its rijksoverheid.nl page', () => {
    for (const year of ['2025-2026', '2026-2027', '2027-2028']) {
      const entry = SCHOOL_HOLIDAYS_MIDDEN.schoolYears.find((y) => y.schoolYear === year);
      expect(entry?.holidays.map((h) => h.name).sort()).toEqual([
        'herfstvakantie',
        'kerstvakantie',
        'meivakantie',
        'voorjaarsvakantie',
        'zomervakantie',
      ]);
      expect(entry?.source).toMatch(
        new RegExp(`^https://www\\.rijksoverheid\\.nl/.*overzicht-schoolvakanties-${year}$`),
      );
    }
    expect(schoolHolidayOn('2028-03-01')?.name).toBe('voorjaarsvakantie');
    expect(schoolHolidayOn('2028-03-06')).toBeUndefined();
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

  it('adds Goede Vrijdag and 5 May for the Algemene termijnenwet, from date-holidays', () => {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      expect(ATW_EXTRA_NL[year]?.map((d) => `${year}-${d}`)).toEqual(atwExtraHolidays(year));
      expect(ATW_EXTRA_NL[year]).toHaveLength(2);
    }
    expect(ATW_EXTRA_NL[2027]).toEqual(['03-26', '05-05']);
  });

  it('does not call a date of a year it does not cover a working day', () => {
    expect(isWorkingDay(`${LAST_YEAR + 1}-03-02`)).toBe(false);
    expect(() => addWorkingDays(`${LAST_YEAR + 1}-03-02`, 1)).toThrow(RangeError);
  });
});
