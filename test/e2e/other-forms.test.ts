import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../shared/app/daily.js';
import { evaluatieRoundDates } from '../../shared/domain/calendar.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { addWorkingDays } from '../../shared/domain/working-days.js';
import { axeViolations, launchChromium, newContext, screenshots } from '../support/browser.js';
import { TODAY, testClock } from '../support/clock.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const dutch = (iso: string) => iso.split('-').reverse().join('-');
const url = (form: string, party: string) =>
  `${stack.url}/formulieren/${form}?sleutel=${encodeURIComponent(stack.keyOf(party))}`;

async function fillVoorlichting(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Halt' }).check();
  await page.getByRole('radio', { name: 'Online veiligheid' }).check();
  await page.getByRole('checkbox', { name: 'Leerlingen' }).check();
  await page.getByRole('checkbox', { name: 'Ouders' }).check();
  await page.getByLabel('Aantal deelnemers').fill('45');
  await page.getByLabel('Eerste voorkeur').fill(dutch(addWorkingDays(amsterdamDate(stack.now()), 10)));
  await page.getByLabel('Met een ouderbijeenkomst over hetzelfde thema').check();
}

async function confirmationReference(page: Page, heading: string): Promise<string> {
  await page.waitForURL(/\/formulieren\/bevestiging\//);
  expect(await page.locator('h1').textContent()).toBe(heading);
  return (await page.locator('[data-reference]').textContent()) ?? '';
}

describe('Voorlichting form in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`is filled and sent ${javaScriptEnabled ? 'with' : 'without'} JavaScript and reaches Halt`, async () => {
      const context = await newContext(browser, { javaScriptEnabled, width: 375, now: stack.now() });
      const page = await context.newPage();
      await page.goto(url('voorlichting', 'het-voorbeeldcollege'));
      await fillVoorlichting(page);
      await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
      const reference = await confirmationReference(page, 'Uw aanvraag is ontvangen');
      expect(reference).toMatch(/^V-/);
      const emails = await stack.waitForEmails((e: StoredEmail) => e.subject.includes(reference), 2);
      expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(
        ['contact@halt.example.org', stack.party('het-voorbeeldcollege').email].sort(),
      );
      const stored = await stack.app.runtime.clients.store.getSubmission<any>(reference);
      expect(stored.voorlichting).toMatchObject({
        provider: 'halt',
        theme: 'online-veiligheid',
        groupSize: 45,
        withParentMeeting: true,
      });
      expect(stored.voorlichting.audience).toEqual(['leerlingen', 'ouders']);
      await context.close();
    });
  }

  it('shows a free-text theme for other providers, with JavaScript', async () => {
    const context = await newContext(browser, { now: stack.now() });
    const page = await context.newPage();
    await page.goto(url('voorlichting', 'het-voorbeeldcollege'));
    await page.getByRole('radio', { name: 'Volksgezondheid (GGD)' }).check();
    expect(await page.getByRole('radio', { name: 'Groepsdruk' }).isVisible()).toBe(false);
    expect(await page.getByLabel('Thema', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await expect.poll(() => page.locator('#foutmeldingen').isVisible()).toBe(true);
    expect(await page.locator('#preferredDates-fout, #foutmeldingen').first().textContent()).toMatch(
      /voorkeursdatum|thema|deelnemers/i,
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('Beeindiging form in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`is sent ${javaScriptEnabled ? 'with' : 'without'} JavaScript by a partner and reaches the gemeente`, async () => {
      const party = javaScriptEnabled ? 'buurtteam-mbo' : 'buurtteam-vo';
      const context = await newContext(browser, { javaScriptEnabled, now: stack.now() });
      const page = await context.newPage();
      await page.goto(url('beeindiging', party));
      await page
        .getByLabel('Waarom wil uw organisatie stoppen?')
        .fill('De taken gaan over naar een andere organisatie in de stad.');
      await page.getByRole('button', { name: 'Voornemen versturen' }).click();
      const reference = await confirmationReference(page, 'Uw voornemen tot beëindiging is ontvangen');
      const emails = await stack.waitForEmails(
        (e: StoredEmail) => e.subject.includes(reference),
        // Every other signatory and the confirmation: the GGD and the directory's other voorlichting
        // providers (kind aanbieder) are providers, not signatories.
        stack.app.parties.filter((p) => p.party.kind !== 'ggd' && p.party.kind !== 'aanbieder').length,
        20_000,
      );
      expect(emails.some((e) => e.destination.to[0] === 'convenant@gemeente.example.org')).toBe(true);
      await context.close();
    });
  }
});

describe('Calendar pages in Chromium', () => {
  it('the questionnaire and the wijk report have no WCAG 2.1 A/AA violations, and the chart has a text alternative', async () => {
    const deps = { store: stack.app.runtime.clients.store, now: stack.app.runtime.now };
    // Oost evaluates in March (config/covenant.json, on a school day): the first one after the suite's today.
    const year = [0, 1]
      .map((n) => Number(TODAY.slice(0, 4)) + n)
      .find((y) => evaluatieRoundDates('Oost', y).on > TODAY) as number;
    const { on, summaryOn } = evaluatieRoundDates('Oost', year);
    stack.clock.set(testClock(on, '06:00').now());
    await runDaily(deps, on);
    stack.clock.set(testClock(summaryOn, '06:00').now());
    await runDaily(deps, summaryOn);
    const [questionnaire] = await stack.waitForEmails(
      (e) => e.subject === `Vragenlijst evaluatie convenant, wijk Oost – ${year}`,
      1,
    );
    const [summary] = await stack.waitForEmails(
      (e) => e.subject === `Samenvatting evaluatie convenant, wijk Oost – ${year}`,
      1,
    );
    const link = (email: StoredEmail | undefined, label: string) => {
      const lines = (email?.body.text ?? '').split('\n');
      return lines[lines.findIndex((l) => l.startsWith(label)) + 1] ?? '';
    };
    const context = await newContext(browser, { now: stack.now() });
    const page = await context.newPage();
    for (const [name, target] of [
      ['vragenlijst', link(questionnaire, 'Vul de vragenlijst in')],
      ['wijkrapport', link(summary, 'Bekijk het wijkrapport')],
    ] as const) {
      await page.goto(target);
      expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
      await screenshots(browser, target, name, stack.now());
    }
    expect(await page.locator('svg[role=img] desc').first().textContent()).toMatch(/: \d+/);
    await context.close();
  });
});

describe('Answering through a link in Chromium', () => {
  it('the wijkagent gives feedback from the email link, without JavaScript, and the school is told', async () => {
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      category: 'strafbaar-feit',
      subcategory: 'diefstal',
      location: 'schoolgebouw',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 7_200_000)),
      description: 'Een telefoon is weggenomen uit een tas in de gymzaal.',
    });
    const [email] = await stack.waitForEmails(
      (e) => e.subject.includes(res.body.id) && e.destination.to[0] === 'wijkagent.oost@politie.example.org',
      1,
    );
    const lines = (email?.body.text ?? '').split('\n');
    const link =
      lines[lines.findIndex((l) => l.startsWith('Vertel de school hoe u de melding oppakt')) + 1] ?? '';
    const context = await newContext(browser, { javaScriptEnabled: false, width: 375, now: stack.now() });
    const page = await context.newPage();
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Terugkoppeling aan de school');
    await page.getByRole('radio', { name: 'Aangifte opgenomen' }).check();
    await page
      .getByLabel('Korte toelichting voor de school')
      .fill('De school heeft aangifte gedaan; de zaak is in onderzoek.');
    await page.getByRole('button', { name: 'Terugkoppeling versturen' }).click();
    expect(await page.locator('h1').textContent()).toBe('Dank u, uw antwoord is ontvangen');
    const told = await stack.waitForEmails(
      (e) => e.subject.startsWith('Terugkoppeling: aangifte opgenomen') && e.subject.includes(res.body.id),
      1,
    );
    expect(told[0]?.destination.to).toEqual([stack.party('lyceum-de-proefhoek').email]);
    await context.close();

    const checking = await newContext(browser, { now: stack.now() });
    const axePage = await checking.newPage();
    await axePage.goto(link);
    expect(await axeViolations(axePage)).toEqual([]);
    await screenshots(browser, link, 'terugkoppeling', stack.now());
    await checking.close();
  });

  it('the answer and form pages have no WCAG 2.1 A/AA violations, and screenshots are kept', async () => {
    const context = await newContext(browser, { now: stack.now() });
    const page = await context.newPage();
    for (const [name, target] of [
      ['voorlichting', url('voorlichting', 'het-voorbeeldcollege')],
      ['beeindiging', url('beeindiging', 'halt-utrecht')],
      ['link-ongeldig', `${stack.url}/acties/v1.abc.def`],
    ] as const) {
      await page.goto(target);
      expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
      await screenshots(browser, target, name, stack.now());
    }
    await context.close();
  });
});
