import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../shared/app/daily.js';
import { addMonths, COVENANT } from '../../shared/domain/covenant.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { signOverviewToken } from '../../shared/domain/overview-token.js';
import { addDays, nextSchoolDay } from '../../shared/domain/working-days.js';
import { testClock } from '../support/clock.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/**
 * Art. 22c needs the next summer holiday of region Midden. Six months before the last one in the
 * table begins, the coordinator is warned by email and in its overview, instead of a 503 on the
 * day a termination is confirmed. The clock is set from the table, never from the machine's date.
 */
const SECRET = 'summer-table-secret-summer-table-0123';
const LAST_SUMMER = COVENANT.summerHolidaysMidden.at(-1)?.firstDay as string;
/** Six months before the last known summer holiday; the email goes out on the first school day from then. */
const WARN_FROM = addMonths(LAST_SUMMER, -6);
const WARNING_DAY = nextSchoolDay(WARN_FROM);
const COORDINATOR = 'gemeente-convenant';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    clock: testClock(addDays(WARN_FROM, -1), '06:00'),
    env: { ACTION_LINK_SECRET: SECRET },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const runOn = (date: string) => {
  stack.clock.set(testClock(date, '06:00').now());
  return runDaily({ store: stack.app.runtime.clients.store, now: stack.app.runtime.now }, date);
};

const overview = async () => {
  const token = signOverviewToken(COORDINATOR, hashFormKey(stack.keyOf(COORDINATOR)), SECRET);
  const response = await fetch(`${stack.url}/overzicht/${token}`);
  expect(response.status).toBe(200);
  return response.text();
};

describe('The summer holiday table warns before it runs out (art. 22c)', () => {
  it('emails the coordinator once, on the first school day six months before, and shows it in the overview', async () => {
    const key = `vakantietabel#${LAST_SUMMER}`;
    const before = await runOn(addDays(WARN_FROM, -1));
    expect(before.written).not.toContain(key);
    expect(await overview()).not.toContain('laatste zomervakantie in de tabel');
    // From that day the overview shows it; the email waits for a school day.
    if (WARN_FROM !== WARNING_DAY) expect((await runOn(WARN_FROM)).written).not.toContain(key);
    expect(await overview()).toContain('laatste zomervakantie in de tabel');

    const day = await runOn(WARNING_DAY);
    expect(day.written).toContain(key);
    const [email, ...others] = await stack.waitForEmails(
      (e) => e.subject.startsWith('Vul de schoolvakanties aan'),
      1,
    );
    expect(others).toEqual([]);
    expect(email?.destination.to).toEqual([stack.party(COORDINATOR).email]);
    expect(email?.body.text).toContain('config/school-holidays-midden.json');
    expect(email?.body.text).toContain('artikel 22c');

    expect(await overview()).toContain('Let op: dit is de laatste zomervakantie in de tabel');
    // Once: the next day and a rerun send nothing new.
    expect((await runOn(addDays(WARNING_DAY, 1))).written).not.toContain(key);
    expect((await runOn(WARNING_DAY)).written).toEqual([]);
    await stack.drain();
    expect(
      (await stack.emails()).filter((e) => e.subject.startsWith('Vul de schoolvakanties aan')),
    ).toHaveLength(1);
  });
});
