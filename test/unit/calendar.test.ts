import { describe, expect, it } from 'vitest';
import { type CalendarState, planReminders, summerTableWarning } from '../../shared/domain/calendar.js';
import { checkCalendarConfig, covenantSchema } from '../../shared/domain/config-schemas.js';
import {
  addMonths,
  announcedInTime,
  beeindigingEffectiveDate,
  COVENANT,
  currentTerm,
  evaluatieDate,
  nextTerm,
  SummerTableExhaustedError,
  termEndFrom,
  verlengingReminderDates,
} from '../../shared/domain/covenant.js';
import type { Party } from '../../shared/domain/parties.js';
import { SCHOOL_HOLIDAYS_MIDDEN } from '../../shared/domain/school-holidays.js';
import { parseDateTime } from '../../shared/domain/time.js';

describe('Covenant calendar: terms (art. 21a)', () => {
  it.each([
    ['2021-06-15', 3, '2024-06-14'],
    ['2024-06-15', 3, '2027-06-14'],
    ['2024-02-29', 1, '2025-02-27'], // no 29 February in 2025: the day before 28 February
    ['2023-03-01', 1, '2024-02-29'], // leap year: the day before 1 March is the 29th
    ['2027-01-01', 3, '2029-12-31'],
  ])('a term from %s for %i years ends on %s', (start, years, end) => {
    expect(termEndFrom(start, years)).toBe(end);
  });

  it.each([
    ['2027-06-14', -6, '2026-12-14'],
    ['2027-08-31', -6, '2027-02-28'], // months of different lengths: clamped to the month's end
    ['2028-08-31', -6, '2028-02-29'], // leap year
    ['2027-03-31', -1, '2027-02-28'],
    ['2027-01-31', 1, '2027-02-28'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('takes an announcement to leave as in time up to the end of the term, extended per the Algemene termijnenwet', () => {
    // A term that ends on Saturday 15 June 2030 runs on to Monday 17 June.
    const term = { end: '2030-06-15' };
    expect(announcedInTime('2030-06-15', term)).toBe(true);
    expect(announcedInTime('2030-06-17', term)).toBe(true);
    expect(announcedInTime('2030-06-18', term)).toBe(false);
    // The current term ends on Monday 14 June 2027: no extension.
    expect(announcedInTime('2027-06-14', COVENANT.terms[1]!)).toBe(true);
    expect(announcedInTime('2027-06-15', COVENANT.terms[1]!)).toBe(false);
  });

  it('knows the term of a date, and the next one after a renewal', () => {
    expect(currentTerm(COVENANT.terms, '2024-06-14')?.number).toBe(1);
    expect(currentTerm(COVENANT.terms, '2024-06-15')?.number).toBe(2);
    const third = nextTerm(COVENANT.terms[1]!, 3);
    expect(third).toMatchObject({ number: 3, start: '2027-06-15', end: '2030-06-14' });
  });

  it('reminds 6, 3 and 1 months before the term ends, on a school day', () => {
    expect(verlengingReminderDates(COVENANT.terms[1]!).map((r) => r.date)).toEqual([
      '2026-12-14',
      '2027-03-15', // 14 March 2027 is a Sunday
      '2027-05-14',
    ]);
  });
});

describe('Covenant calendar: termination takes effect on the first day of the next VO summer holiday (art. 22c)', () => {
  it.each([
    ['2024-01-10', '2024-07-13'],
    ['2024-07-12', '2024-07-13'],
    ['2024-07-13', '2025-07-19'], // on the first day itself: the next one
    ['2026-11-28', '2027-07-17'],
  ])('confirmed on %s: effective on %s', (confirmed, effective) => {
    expect(beeindigingEffectiveDate(confirmed).date).toBe(effective);
  });

  it('names the page each date was taken from, and marks a date from a secondary source as such', () => {
    expect(beeindigingEffectiveDate('2026-11-28').source).toBe(
      'https://www.rijksoverheid.nl/onderwerpen/schoolvakanties/overzicht-schoolvakanties-per-schooljaar/overzicht-schoolvakanties-2026-2027',
    );
    const table = [{ schoolYear: '2028-2029', firstDay: '2029-07-14', source: 'secondary' }];
    expect(beeindigingEffectiveDate('2028-11-28', table).source).toBe('secondary');
  });

  it('refuses to guess past the end of the table', () => {
    const last = COVENANT.summerHolidaysMidden.at(-1)?.firstDay ?? '';
    expect(() => beeindigingEffectiveDate(last)).toThrow(SummerTableExhaustedError);
    expect(() => beeindigingEffectiveDate(last)).toThrow(/config\/school-holidays-midden.json/);
  });

  it('takes the summer holidays from the published school holiday table (2025-2026 to 2027-2028)', () => {
    expect(COVENANT.summerHolidaysMidden.map((h) => h.firstDay)).toEqual(
      expect.arrayContaining(['2026-07-18', '2027-07-17', '2028-07-08']),
    );
  });
});

describe('Covenant calendar: daylight saving', () => {
  it('reads wall-clock times on the days the clocks change (March and October 2027)', () => {
    expect(parseDateTime('28-03-2027 07:00')?.toISOString()).toBe('2027-03-28T05:00:00.000Z');
    expect(parseDateTime('31-10-2027 07:00')?.toISOString()).toBe('2027-10-31T06:00:00.000Z');
  });
});

describe('Covenant calendar: what is due (level-triggered)', () => {
  const party = (
    id: string,
    role: Party['role'],
    kind: Party['kind'],
    wijk?: Party['wijk'],
    schoolType?: Party['schoolType'],
  ): Party => ({
    id,
    name: id,
    kind,
    role,
    wijk,
    schoolType,
    contactName: 'Anne Voorbeeld',
    email: `${id}@example.org`,
    active: true,
  });
  const directory: Party[] = [
    party('coordinator', 'convenantcoordinator', 'gemeente'),
    party('gm-oost', 'gebiedsmanager-veiligheid', 'gemeente', 'Oost'),
    party('wa-oost', 'wijkagent', 'politie', 'Oost'),
    party('school-oost', 'school', 'school', 'Oost', 'vo'),
    party('school-west', 'school', 'school', 'West', 'mbo'),
    party('halt', 'halt', 'halt'),
  ];
  const state: CalendarState = {
    terms: COVENANT.terms,
    decidedTerms: new Set(),
    directory,
    openBeeindigingen: [],
    awaitingTerugkoppeling: [],
    awaitingAnswer: [],
  };
  const keys = (date: string, s: CalendarState = state) => planReminders(s, date).map((p) => p.key);

  it('plans the renewal reminder on its day and, for a missed day, on the days after', () => {
    expect(keys('2026-12-13')).not.toContain('verlenging#T2#6m');
    expect(keys('2026-12-14')).toContain('verlenging#T2#6m');
    expect(keys('2026-12-20')).toContain('verlenging#T2#6m');
    expect(keys('2027-01-30')).not.toContain('verlenging#T2#6m');
  });

  it('stops reminding once the gemeente decided', () => {
    expect(keys('2027-03-14', { ...state, decidedTerms: new Set([2]) })).not.toContain('verlenging#T2#3m');
  });

  it('invites the wijk to its evaluation on its date, with its partners and the city-wide ones, and summarises four weeks later', () => {
    // Oost evaluates on 8 March: Monday 8 March 2027.
    const plans = planReminders(state, '2027-03-08');
    const questionnaire = plans.find((p) => p.key === 'evaluatie-vragenlijst#EVAL-2027-oost');
    expect(questionnaire?.recipients).toEqual(['gm-oost', 'halt', 'school-oost', 'wa-oost']);
    expect(plans.find((p) => p.key === 'evaluatie-uitnodiging#EVAL-2027-oost')?.recipients).toEqual([
      'gm-oost',
    ]);
    // Answers within four weeks: that period ends on Sunday 4 April 2027 and, by the Algemene
    // termijnenwet, runs to Monday 5 April; the summary goes out the school day after.
    expect(questionnaire?.data.deadline).toBe('2027-04-05');
    expect(keys('2027-04-05')).not.toContain('evaluatie-samenvatting#EVAL-2027-oost');
    expect(keys('2027-04-06')).toContain('evaluatie-samenvatting#EVAL-2027-oost');
  });

  it('reminds the gemeente weekly about an open termination, a new key each week', () => {
    const open = {
      ...state,
      openBeeindigingen: [{ id: 'B-1', announcedOn: '2027-01-04', partyName: 'Halt' }],
    };
    expect(keys('2027-01-10', open).filter((k) => k.startsWith('beeindiging'))).toEqual([]);
    expect(keys('2027-01-11', open)).toContain('beeindiging-overleg#B-1#2027-01-11');
    expect(keys('2027-01-18', open)).toContain('beeindiging-overleg#B-1#2027-01-18');
  });

  it('sends nothing to a party from its last day', () => {
    const leaving = directory.map((p) => (p.id === 'school-oost' ? { ...p, leavesOn: '2027-07-17' } : p));
    const plans = planReminders({ ...state, directory: leaving }, '2027-09-01');
    expect(plans.find((p) => p.kind === 'bekendmaking')?.recipients).toEqual(['school-west']);
  });

  it('reminds the wijkagent when terugkoppeling is overdue, counted in working days', () => {
    const waiting = {
      ...state,
      awaitingTerugkoppeling: [{ id: 'M-1', receivedOn: '2027-04-22', wijkagents: ['wa-oost'] }],
    };
    // 10 working days after Thursday 22 April 2027, skipping the weekends, Koningsdag (27 April),
    // 5 May (Algemene termijnenwet) and Hemelvaartsdag (6 May): Tuesday 11 May.
    expect(keys('2027-05-10', waiting)).not.toContain('terugkoppeling-te-laat#M-1');
    expect(keys('2027-05-11', waiting)).toContain('terugkoppeling-te-laat#M-1');
  });

  it('sends calendar mail on a school day: never in a weekend, on a holiday or in a school holiday', () => {
    // Leerlingenraad on 20 October: in the herfstvakantie of 2026 (17-25 October), so Monday 26 October.
    const config = { ...COVENANT, yearlyReminders: { ...COVENANT.yearlyReminders, leerlingenraad: '10-20' } };
    const plan = (date: string) =>
      planReminders(state, date, config).find((p) => p.key === 'leerlingenraad#2026');
    expect(plan('2026-10-20')).toBeUndefined();
    expect(plan('2026-10-25')).toBeUndefined();
    expect(plan('2026-10-26')?.dueOn).toBe('2026-10-26');
    // Contact check on 15 January 2028: a Saturday, so Monday 17 January.
    expect(keys('2028-01-15')).not.toContain('contact-bevestigen#2028');
    expect(keys('2028-01-17')).toContain('contact-bevestigen#2028');
  });

  it('moves a weekly termination reminder out of the summer holiday, and sends the weeks that meet there once', () => {
    const open = {
      ...state,
      openBeeindigingen: [{ id: 'B-2', announcedOn: '2026-07-13', partyName: 'Halt' }],
    };
    // Announced on Monday 13 July 2026; the summer holiday of region Midden runs 18 July to 30 August.
    const overleg = (date: string) =>
      planReminders(open, date).filter((p) => p.kind === 'beeindiging-overleg');
    expect(overleg('2026-07-20')).toEqual([]);
    expect(overleg('2026-08-24')).toEqual([]);
    expect(overleg('2026-08-31').map((p) => [p.key, p.data.weeks])).toEqual([
      ['beeindiging-overleg#B-2#2026-08-31', 7],
    ]);
  });

  it('plans an evaluation never in a school holiday: a configured date in one is refused, a weekend moves', () => {
    const refused = covenantSchema.safeParse({
      ...COVENANT,
      evaluatieDates: { ...COVENANT.evaluatieDates, Noordwest: '05-01' },
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/05-01 falls in a school holiday .*meivakantie/);
    expect(covenantSchema.safeParse(COVENANT).success).toBe(true);
    // The build checks the files as they are (the functions no longer do at cold start): a broken
    // file stops `npm start`, `npm test` and `cdk synth` with the file and the problem named.
    expect(() => checkCalendarConfig()).not.toThrow();
    expect(() =>
      checkCalendarConfig({
        holidays: SCHOOL_HOLIDAYS_MIDDEN,
        covenant: {
          ...COVENANT,
          summerHolidaysMidden: undefined,
          evaluatieDates: { ...COVENANT.evaluatieDates, Noordwest: '05-01' },
        },
      }),
    ).toThrow(
      /config\/covenant\.json: evaluatieDates\.Noordwest: evaluation date 05-01 falls in a school holiday/,
    );
    const [first, ...rest] = SCHOOL_HOLIDAYS_MIDDEN.schoolYears;
    expect(() =>
      checkCalendarConfig({
        holidays: {
          ...SCHOOL_HOLIDAYS_MIDDEN,
          schoolYears: [
            { ...first, holidays: [{ name: 'kerstvakantie', first: '2026-12-19', last: '2026-12-01' }] },
            ...rest,
          ],
        },
        covenant: COVENANT,
      }),
    ).toThrow(/config\/school-holidays-midden\.json: .*last day before first day/);
    // Binnenstad on 1 February: Sunday 1 February 2026, so Monday 2 February.
    expect(evaluatieDate('Binnenstad', 2026)).toBe('2026-02-02');
    expect(evaluatieDate('Noordwest', 2027)).toBe('2027-05-10');
    for (const year of [2026, 2027, 2028])
      for (const wijk of Object.keys(COVENANT.evaluatieDates) as Array<keyof typeof COVENANT.evaluatieDates>)
        expect(new Date(`${evaluatieDate(wijk, year)}T12:00:00Z`).getUTCDay()).not.toBe(0);
  });

  it('warns the coordinator six months before the last summer holiday in the table begins, once', () => {
    // A table that ends with the summer holiday of Saturday 17 July 2027: warned from Sunday 17
    // January 2027, so on Monday 18 January.
    const config = {
      ...COVENANT,
      summerHolidaysMidden: [{ schoolYear: '2026-2027', firstDay: '2027-07-17', source: 'secondary' }],
    };
    const warning = (date: string) =>
      planReminders(state, date, config).filter((p) => p.kind === 'vakantietabel');
    expect(summerTableWarning('2027-01-16', config)).toBeUndefined();
    expect(summerTableWarning('2027-01-17', config)?.lastFirstDay).toBe('2027-07-17');
    expect(warning('2027-01-17')).toEqual([]);
    expect(warning('2027-01-18')).toMatchObject([
      { key: 'vakantietabel#2027-07-17', recipients: ['coordinator'], dueOn: '2027-01-18' },
    ]);
    // Level-triggered: a job that starts long after still warns (once: the key is the same).
    expect(warning('2027-06-01').map((p) => p.key)).toEqual(['vakantietabel#2027-07-17']);
  });
});
