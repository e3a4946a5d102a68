import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validMelding } from '../support/bodies.js';
import { axeViolations, launchChromium, newContext, screenshots } from '../support/browser.js';
import { TODAY } from '../support/clock.js';
import { type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
/** A January morning of last year: in the past on any clock, and in CET (09:45 is 08:45 UTC). */
const LAST_YEAR = Number(TODAY.slice(0, 4)) - 1;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const formUrl = (school: string) =>
  `${stack.url}/formulieren/melding?sleutel=${encodeURIComponent(stack.keyOf(school))}`;

async function fillStrafbaarFeit(page: Page, description: string): Promise<void> {
  await page.getByRole('radio', { name: 'Strafbaar feit' }).check();
  await page.getByLabel('Wat gebeurde er?').selectOption('vernieling');
  await page.getByLabel('Op het schoolterrein').check();
  await page.getByLabel('Wanneer gebeurde het?').fill(`20-01-${LAST_YEAR} 09:45`);
  await page.getByLabel('Wat is er gebeurd?').fill(description);
  await page.getByLabel('De school overweegt aangifte').check();
}

async function expectConfirmation(page: Page, school: string): Promise<string> {
  await page.waitForURL(/\/formulieren\/bevestiging\//);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Uw melding is ontvangen');
  const reference = (await page.locator('[data-reference]').textContent()) ?? '';
  expect(reference).toMatch(/^M-\d{8}-[0-9A-Z]{8}$/);
  expect(await page.locator('[data-recipients]').textContent()).toContain('wijkagent');
  const emails = await stack.waitForEmails((e: StoredEmail) => e.subject.includes(reference), 2);
  expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(
    [stack.party(school).email, 'wijkagent.oost@politie.example.org'].sort(),
  );
  return reference;
}

describe('Melding form in Chromium', () => {
  it('is filled and sent with JavaScript, ends on the confirmation page and in the inbox', async () => {
    const context = await newContext(browser, { width: 375, now: stack.now() });
    const page = await context.newPage();
    await page.goto(formUrl('lyceum-de-proefhoek'));
    await expect
      .poll(() => page.locator('main').getByText('Bij direct gevaar: bel 112.').isVisible())
      .toBe(true);
    expect(await page.locator('main').getByText('0800-2000').isVisible()).toBe(true);
    // The form key (a capability URL) leaves the address bar after the first load; the form keeps it.
    await expect.poll(() => new URL(page.url()).searchParams.has('sleutel')).toBe(false);
    expect(await page.locator('input[name=formKey]').inputValue()).toBe(stack.keyOf('lyceum-de-proefhoek'));

    await fillStrafbaarFeit(page, 'Met JavaScript: de fietsenstalling is beschadigd.');
    // The first post reaches the server but its answer is lost on the way back; the school clicks
    // again. Both posts arrive at the server: the idempotency key makes them one melding.
    const answers: Array<{ status: number; id: string; key: string | undefined }> = [];
    await page.route('**/api/meldingen', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { id: string };
      answers.push({
        status: response.status(),
        id: body.id,
        key: route.request().headers()['idempotency-key'],
      });
      if (answers.length === 1) await route.abort('connectionreset');
      else await route.fulfill({ response, json: body });
    });
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await expect
      .poll(() => page.getByText('Geen verbinding met de server').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.getByRole('button', { name: 'Melding versturen' }).click();

    const reference = await expectConfirmation(page, 'lyceum-de-proefhoek');
    expect(answers).toHaveLength(2);
    expect(answers[0]?.key).toBeTruthy();
    expect(answers[1]).toEqual({ ...answers[0], status: 201 });
    expect(answers[0]?.id).toBe(reference);
    await stack.drain();
    expect((await stack.emails()).filter((e) => e.subject.includes(reference))).toHaveLength(2);
    await context.close();
  });

  it('is filled and sent without JavaScript, through a plain form post', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, now: stack.now() });
    const page = await context.newPage();
    await page.goto(formUrl('lyceum-de-proefhoek'));
    await fillStrafbaarFeit(page, 'Zonder JavaScript: een raam van het fietsenhok is ingegooid.');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await expectConfirmation(page, 'lyceum-de-proefhoek');
    await context.close();
  });

  it('shows dependent fields only where they apply, with JavaScript', async () => {
    const context = await newContext(browser, { now: stack.now() });
    const page = await context.newPage();
    await page.goto(formUrl('lyceum-de-proefhoek'));
    await page.getByRole('radio', { name: 'Zorgsignaal' }).check();
    expect(await page.getByLabel('Wat gebeurde er?').isVisible()).toBe(false);
    expect(await page.getByLabel('De school overweegt aangifte').isVisible()).toBe(false);
    await page.getByRole('radio', { name: 'Onveilige situatie' }).check();
    expect(await page.getByLabel('Wat gebeurde er?').isVisible()).toBe(true);
    expect(await page.getByLabel('De school overweegt aangifte').isVisible()).toBe(false);
    const options = await page.locator('#subcategory optgroup:not([hidden]) option').allTextContents();
    expect(options).toEqual(['Ernstig pesten', 'Online pesten (social media)', 'Overig']);
    await context.close();
  });

  it('shows every error next to its field and in a summary that links to it, without JavaScript', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, now: stack.now() });
    const page = await context.newPage();
    await page.goto(formUrl('lyceum-de-proefhoek'));
    await page.getByLabel('Wat is er gebeurd?').fill('Bel de vader op 06-12345678 voor overleg.');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    const summary = page.locator('#foutmeldingen');
    expect(await summary.isVisible()).toBe(true);
    // Without JavaScript nothing may be evaluated in the page; attributes are read from outside.
    const links = await Promise.all((await summary.locator('a').all()).map((a) => a.getAttribute('href')));
    expect(links).toEqual(
      expect.arrayContaining(['#category-strafbaar-feit', '#location-schoolgebouw', '#occurredAt']),
    );
    expect(await page.locator('#occurredAt-fout').textContent()).toMatch(/Vul/);
    // The text the school typed is kept, and personal data is named in the same answer.
    expect(await page.getByLabel('Wat is er gebeurd?').inputValue()).toBe(
      'Bel de vader op 06-12345678 voor overleg.',
    );
    expect(await page.locator('#description-fout').textContent()).toMatch(/telefoonnummer.*artikel 23/);
    await context.close();

    // axe needs script in the page, so the same server-rendered answer is checked with only our script blocked.
    const checking = await newContext(browser, { now: stack.now() });
    const axePage = await checking.newPage();
    await axePage.route('**/assets/*.js', (route) => route.abort());
    await axePage.goto(formUrl('lyceum-de-proefhoek'));
    await axePage.getByRole('button', { name: 'Melding versturen' }).click();
    await axePage.waitForSelector('#foutmeldingen');
    expect(await axeViolations(axePage)).toEqual([]);
    await checking.close();
  });

  it('checks as the user goes and names personal data before anything is sent, with JavaScript', async () => {
    const context = await newContext(browser, { now: stack.now() });
    const page = await context.newPage();
    await page.goto(formUrl('lyceum-de-proefhoek'));
    await fillStrafbaarFeit(page, 'Contact via ouder@example.org graag.');
    await page.getByLabel('Wanneer gebeurde het?').fill('01-01-2099 10:00');
    await page.getByLabel('Wat is er gebeurd?').focus();
    await expect.poll(() => page.locator('#occurredAt-fout').textContent()).toMatch(/toekomst/);
    await page.getByLabel('Wanneer gebeurde het?').fill(`20-01-${LAST_YEAR} 09:45`);
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await expect
      .poll(() => page.locator('#description-fout').textContent())
      .toMatch(/e-mailadres.*artikel 23/);
    expect(await page.locator('#foutmeldingen').isVisible()).toBe(true);
    expect(await page.locator('#description-fout mark').allTextContents()).toEqual(['ouder@example.org']);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('marks the words that hold personal data, with and without JavaScript (article 23)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, { javaScriptEnabled, now: stack.now() });
      const page = await context.newPage();
      await page.goto(formUrl('lyceum-de-proefhoek'));
      expect(await page.locator('#description-hint').textContent()).toContain(
        'een leerling uit de tweede klas',
      );
      await fillStrafbaarFeit(page, 'Jan de Vries uit 3B wordt gepest door Pietje Puk, bel 06–12 34 56 78.');
      await page.getByRole('button', { name: 'Melding versturen' }).click();
      await expect.poll(() => page.locator('#description-fout mark').count()).toBe(3);
      expect(await page.locator('#description-fout mark').allTextContents()).toEqual([
        'Jan de Vries',
        'Pietje Puk',
        '06–12 34 56 78',
      ]);
      expect(await page.locator('#description-fout').textContent()).toMatch(/naam.*telefoonnummer/);
      await context.close();
    }
  });

  it('marks the right words in a text the server normalises (a decomposed accent, a zero-width space)', async () => {
    // The guard's offsets are in the stored text (NFC, invisible characters removed): the script marks
    // that text too, as the page without JavaScript does, so no mark is shifted or cut short.
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, { javaScriptEnabled, now: stack.now() });
      const page = await context.newPage();
      await page.goto(formUrl('lyceum-de-proefhoek'));
      await fillStrafbaarFeit(
        page,
        'Gisteren heeft Rene\u0301 Vermeulen het hek vernield, He\u200Bnk Jansen keek toe.',
      );
      await page.getByRole('button', { name: 'Melding versturen' }).click();
      await expect.poll(() => page.locator('#description-fout mark').count()).toBe(2);
      expect(await page.locator('#description-fout mark').allTextContents()).toEqual([
        'Ren\u00E9 Vermeulen',
        'Henk Jansen',
      ]);
      await context.close();
    }
  });

  it('can be completed with the keyboard only', async () => {
    const context = await newContext(browser, { now: stack.now() });
    const page = await context.newPage();
    await page.goto(formUrl('het-voorbeeldcollege'));
    await page.locator('#category-strafbaar-feit').focus();
    await page.keyboard.press('ArrowDown'); // radio group: to "Onveilige situatie"
    await page.keyboard.press('Tab'); // to the subcategory select
    await page.keyboard.press('ArrowDown'); // first option: Ernstig pesten
    await page.keyboard.press('Tab'); // location group
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // date-time field
    await page.keyboard.type(`20-01-${LAST_YEAR} 09:45`);
    await page.keyboard.press('Tab'); // past "Tijd onbekend"
    await page.keyboard.press('Tab');
    await page.keyboard.type('Een groep leerlingen pest een klasgenoot al weken in de kantine.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/formulieren\/bevestiging\//);
    const reference = (await page.locator('[data-reference]').textContent()) ?? '';
    const stored = await stack.app.runtime.clients.store.getSubmission<any>(reference);
    expect(stored.melding.category).toBe('onveilige-situatie');
    expect(stored.melding.subcategory).toBe('pesten');
    expect(stored.melding.location).toBe('schoolgebouw');
    expect(stored.melding.occurredAt).toBe(`${LAST_YEAR}-01-20T08:45:00.000Z`);
    await context.close();
  });
});

describe('Pages: accessibility and screenshots', () => {
  it('has no WCAG 2.1 A/AA violations on any page, and screenshots at 375 and 1280 pixels', async () => {
    const res = await fetch(`${stack.url}/api/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        validMelding(stack.keyOf('het-voorbeeldcollege'), stack.now(), {
          category: 'overlast-omgeving',
          subcategory: undefined,
          aangifteOverwogen: undefined,
          location: 'directe-omgeving',
          description: 'Veel afval rond de school na de middagpauze.',
        }),
      ),
    });
    const { id } = (await res.json()) as { id: string };
    const key = encodeURIComponent(stack.keyOf('het-voorbeeldcollege'));
    const pages: Record<string, string> = {
      index: `${stack.url}/`,
      melding: formUrl('het-voorbeeldcollege'),
      bevestiging: `${stack.url}/formulieren/bevestiging/${id}?sleutel=${key}`,
      'sleutel-ontbreekt': `${stack.url}/formulieren/melding`,
      'sleutel-onbekend': `${stack.url}/formulieren/melding?sleutel=onbekend-onbekend-onbekend`,
      'verkeerde-partij': formUrl('wijkagent-oost'),
    };
    const context = await newContext(browser, { now: stack.now() });
    const page = await context.newPage();
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(url);
      expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
      await screenshots(browser, url, name, stack.now());
    }
    await context.close();
  });

  it('sends the security headers on every page', async () => {
    const res = await fetch(formUrl('het-voorbeeldcollege'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
