import { describe, expect, it } from 'vitest';
import { type CalendarState, planReminders } from '../../shared/domain/calendar.js';
import {
  addMonths,
  COVENANT,
  currentTerm,
  nextTerm,
  renewalReminderDates,
  SummerTableExhaustedError,
  termEndFrom,
  terminationEffectiveDate,
} from '../../shared/domain/covenant.js';
import type { Party } from '../../shared/domain/parties.js';
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

  it('knows the term of a date, and the next one after a renewal', () => {
    expect(currentTerm(COVENANT.terms, '2024-06-14')?.number).toBe(1);
    expect(currentTerm(COVENANT.terms, '2024-06-15')?.number).toBe(2);
    const third = nextTerm(COVENANT.terms[1]!, 3);
    expect(third).toMatchObject({ number: 3, start: '2027-06-15', end: '2030-06-14' });
  });

  it('reminds 6, 3 and 1 months before the term ends', () => {
    expect(renewalReminderDates(COVENANT.terms[1]!).map((r) => r.date)).toEqual([
      '2026-12-14',
      '2027-03-14',
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
    expect(terminationEffectiveDate(confirmed).date).toBe(effective);
  });

  it('marks the date from a secondary source as such', () => {
    expect(terminationEffectiveDate('2026-11-28').source).toBe('secondary');
  });

  it('refuses to guess past the end of the table', () => {
    expect(() => terminationEffectiveDate('2027-07-17')).toThrow(SummerTableExhaustedError);
    expect(() => terminationEffectiveDate('2027-07-17')).toThrow(/config\/covenant.json/);
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
    openTerminations: [],
    awaitingFeedback: [],
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
    const plans = planReminders(state, '2027-03-01');
    const questionnaire = plans.find((p) => p.key === 'evaluatie-vragenlijst#EVAL-2027-oost');
    expect(questionnaire?.recipients).toEqual(['gm-oost', 'halt', 'school-oost', 'wa-oost']);
    expect(plans.find((p) => p.key === 'evaluatie-uitnodiging#EVAL-2027-oost')?.recipients).toEqual([
      'gm-oost',
    ]);
    expect(keys('2027-03-29')).toContain('evaluatie-samenvatting#EVAL-2027-oost');
  });

  it('reminds the gemeente weekly about an open termination, a new key each week', () => {
    const open = {
      ...state,
      openTerminations: [{ id: 'B-1', announcedOn: '2027-01-04', partyName: 'Halt' }],
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
      awaitingFeedback: [{ id: 'M-1', receivedOn: '2027-04-22', wijkagents: ['wa-oost'] }],
    };
    // 10 working days after Thursday 22 April 2027, skipping the weekends, Koningsdag (27 April)
    // and Hemelvaartsdag (6 May): Monday 10 May.
    expect(keys('2027-05-07', waiting)).not.toContain('terugkoppeling-te-laat#M-1');
    expect(keys('2027-05-10', waiting)).toContain('terugkoppeling-te-laat#M-1');
  });
});
