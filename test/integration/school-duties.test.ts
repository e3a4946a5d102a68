import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../shared/app/daily.js';
import { evaluatieRoundDates } from '../../shared/domain/calendar.js';
import { COVENANT } from '../../shared/domain/covenant.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { signOverviewToken } from '../../shared/domain/overview-token.js';
import { signToken } from '../../shared/domain/signing.js';
import { addDays, addWorkingDays } from '../../shared/domain/working-days.js';
import { TODAY, testClock } from '../support/clock.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * The yearly school duties (art. 2b, 21c): the reminder carries a signed "gedaan" link; what is done
 * is recorded once, counted on the coordinator's overview and in the evaluation summary, and the
 * schools that did not answer get a second reminder after a set number of working days.
 */
const SECRET = 'school-duties-secret-school-duties-secret';
const SCHOOL = 'lyceum-de-proefhoek';
/** The first 1 September (art. 2b reminder) on or after the suite's today. */
const Y =
  Number(TODAY.slice(0, 4)) +
  (TODAY <= `${TODAY.slice(0, 4)}-${COVENANT.yearlyReminders.bekendmaking}` ? 0 : 1);
const FIRST = `${Y}-${COVENANT.yearlyReminders.bekendmaking}`;
const SECOND = addWorkingDays(FIRST, COVENANT.yearlyReminders.secondReminderWorkingDays);
const { on: EVALUATIE_DAY, summaryOn: SUMMARY_DAY } = evaluatieRoundDates('Oost', Y + 1);
let stack: TestStack;

const runOn = (date: string) => {
  stack.clock.set(testClock(date, '07:00').now());
  return runDaily({ store: stack.app.runtime.clients.store, now: stack.app.runtime.now }, date);
};

beforeAll(async () => {
  stack = await startTestStack({ env: { ACTION_LINK_SECRET: SECRET } });
});

afterAll(async () => {
  await stack?.stop();
});

function tokenIn(email: StoredEmail | undefined, label: RegExp): string {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  expect(url).toMatch(/\/acties\/v1\./);
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
}
const to = (partyId: string) => (e: StoredEmail) => e.destination.to[0] === stack.party(partyId).email;
const schools = () => stack.app.parties.filter((p) => p.party.kind === 'school').map((p) => p.party.id);
const [d, m, y] = [FIRST.slice(8), FIRST.slice(5, 7), FIRST.slice(0, 4)];

describe('Yearly school duties with a "gedaan" link (art. 2b, 21c)', () => {
  let token = '';

  it('the reminder carries the link; the answer is checked, recorded once, and counted for the coordinator', async () => {
    expect((await runOn(FIRST)).written).toContain(`bekendmaking#${Y}`);
    const [email] = await stack.waitForEmails(
      (e) => e.subject.startsWith('Begin van het schooljaar') && to(SCHOOL)(e),
      1,
    );
    expect(email?.body.text).toContain('Is het gedaan? Laat het weten via de link.');
    token = tokenIn(email, /^Laat weten dat het gedaan is/);
    const page = await fetch(`${stack.url}/acties/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Jaarlijkse taak van de school: gedaan');
    expect(html).toContain('artikel 2b');

    stack.clock.set(testClock(addDays(FIRST, 6), '10:00').now());
    const future = await postJson(`${stack.url}/api/acties/${token}`, { doneOn: addDays(FIRST, 30) });
    expect(future.status).toBe(400);
    expect(future.headers.get('content-type')).toContain('application/problem+json');
    expect(future.body.invalidParams[0]).toMatchObject({
      name: 'doneOn',
      reason: 'Deze datum ligt in de toekomst. Vul de datum in waarop het gedaan is.',
    });
    expect((await postJson(`${stack.url}/api/acties/${token}`, {})).body.invalidParams[0].reason).toBe(
      'Vul de datum in waarop het gedaan is.',
    );
    expect((await postJson(`${stack.url}/api/acties/${token}`, { doneOn: 'gisteren' })).status).toBe(400);
    // Without JavaScript: a plain form post, the Dutch way of writing a date.
    const form = await fetch(`${stack.url}/api/acties/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `doneOn=${Number(d) + 2}-${Number(m)}-${y}`,
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('vastgelegd dat het gedaan is');
    const again = await postJson(`${stack.url}/api/acties/${token}`, { doneOn: FIRST });
    expect(again.status).toBe(409);
    const stored = await stack.app.runtime.clients.store.getItem({
      pk: `DUTY#bekendmaking-${Y}`,
      sk: `PARTY#${SCHOOL}`,
    });
    expect(stored?.doneOn).toBe(addDays(FIRST, 2));

    // Only a school the reminder went to: a partner's link for a duty is refused.
    const now = Math.floor(stack.now().getTime() / 1000);
    const partner = signToken(
      { a: 'gedaan', s: `bekendmaking-${Y}`, p: 'wijkagent-oost', i: now, e: now + 86_400 },
      SECRET,
    );
    expect((await postJson(`${stack.url}/api/acties/${partner}`, { doneOn: FIRST })).status).toBe(403);
    const unknown = signToken(
      { a: 'gedaan', s: `opruimen-${Y}`, p: SCHOOL, i: now, e: now + 86_400 },
      SECRET,
    );
    expect((await fetch(`${stack.url}/acties/${unknown}`)).status).toBe(404);

    const coordinator = signOverviewToken(
      'gemeente-convenant',
      hashFormKey(stack.keyOf('gemeente-convenant')),
      SECRET,
    );
    const overview = await (await fetch(`${stack.url}/overzicht/${coordinator}`)).text();
    const line = overview.slice(overview.indexOf(`data-duty="bekendmaking-${Y}"`));
    expect(line.slice(0, line.indexOf('</li>'))).toContain(`<strong>1 van ${schools().length}</strong>`);
    expect(line.slice(0, line.indexOf('</li>'))).not.toContain(stack.party(SCHOOL).name);
  });

  it('a second reminder goes, once, to the schools that did not answer, after the set working days', async () => {
    expect((await runOn(addDays(SECOND, -1))).written).not.toContain(
      `schooltaak-herinnering#bekendmaking#${Y}`,
    );
    expect((await runOn(SECOND)).written).toContain(`schooltaak-herinnering#bekendmaking#${Y}`);
    expect((await runOn(SECOND)).written).toEqual([]);
    const reminder = await stack.app.runtime.clients.store.getItem({
      pk: `REM#schooltaak-herinnering#bekendmaking#${Y}`,
      sk: 'REM',
    });
    expect(reminder?.recipients).toEqual(
      schools()
        .filter((id) => id !== SCHOOL)
        .sort(),
    );
    const others = schools().filter((id) => id !== SCHOOL);
    const second = await stack.waitForEmails(
      (e) => e.subject.startsWith('Tweede herinnering: maak'),
      others.length,
    );
    expect(second.map((e) => e.destination.to[0]).sort()).toEqual(
      others.map((id) => stack.party(id).email).sort(),
    );
    expect(second[0]?.body.text).toMatch(/Laat weten dat het gedaan is:\n.*\/acties\/v1\./);
    await stack.drain();
    expect(
      (await stack.emails()).filter((e) => e.subject.startsWith('Tweede herinnering') && to(SCHOOL)(e)),
    ).toEqual([]);
  });

  it('the evaluation summary counts the wijk’s schools that did it', async () => {
    await runOn(EVALUATIE_DAY);
    await runOn(SUMMARY_DAY);
    const [summary] = await stack.waitForEmails(
      (e) =>
        e.subject === `Samenvatting evaluatie convenant, wijk Oost – ${Y + 1}` &&
        to('gebiedsmanager-oost')(e),
      1,
    );
    expect(summary?.body.text).toContain('JAARLIJKSE TAKEN VAN DE SCHOLEN IN DE WIJK');
    expect(summary?.body.text).toContain(
      `Convenant bekendgemaakt aan personeel, leerlingen en ouders (artikel 2b), ${Y}: 1 van 1 school gedaan.`,
    );
  });
});
