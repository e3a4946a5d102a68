import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { signOverviewToken } from '../../shared/domain/overview-token.js';
import { axeViolations, launchChromium, newContext, screenshots } from '../support/browser.js';
import { postJson, startTestStack, type TestStack } from '../support/stack.js';

const SECRET = 'overview-e2e-secret-overview-e2e-secret';
/** Thursday 10 December 2026, 10:00 in Utrecht. */
let clock = new Date('2026-11-16T09:00:00Z');
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startTestStack({ env: { ACTION_LINK_SECRET: SECRET }, now: () => clock }),
    launchChromium(),
  ]);
  // A few weeks of work: two meldingen and a voorlichting request from one school, one answered.
  const melding = (school: string, key: string, description: string, occurredAt: string) =>
    postJson(
      `${stack.url}/api/meldingen`,
      {
        formKey: stack.keyOf(school),
        category: 'strafbaar-feit',
        subcategory: 'diefstal',
        location: 'schoolgebouw',
        occurredAt,
        description,
      },
      { 'Idempotency-Key': key },
    );
  await melding(
    'lyceum-de-proefhoek',
    'overview-e2e-1',
    'Uit een kluisje in gang B zijn twee laptops gestolen.',
    '2026-11-13T10:00',
  );
  clock = new Date('2026-12-01T09:00:00Z');
  const second = await melding(
    'lyceum-de-proefhoek',
    'overview-e2e-2',
    'Een fiets is van het schoolplein weggenomen.',
    '2026-11-30T15:00',
  );
  await postJson(`${stack.url}/api/voorlichtingen`, {
    formKey: stack.keyOf('lyceum-de-proefhoek'),
    provider: 'halt',
    theme: 'online-veiligheid',
    audience: ['leerlingen'],
    groupSize: 30,
    preferredDates: ['2027-01-12'],
    withParentMeeting: false,
  });
  if (second.status !== 201) throw new Error(JSON.stringify(second.body));
  const [email] = await stack.waitForEmails(
    (e) => e.subject.includes(second.body.id) && e.destination.to[0] === 'wijkagent.oost@politie.example.org',
    1,
  );
  const lines = (email?.body.text ?? '').split('\n');
  const link =
    lines[lines.findIndex((l) => l.startsWith('Vertel de school hoe u de melding oppakt')) + 1] ?? '';
  await postJson(link.replace('/acties/', '/api/acties/'), {
    handling: 'in-behandeling',
    text: 'We gaan met de conciërge de camerabeelden bekijken.',
  });
  clock = new Date('2026-12-10T09:00:00Z');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const tokenOf = (partyId: string) => signOverviewToken(partyId, hashFormKey(stack.keyOf(partyId)), SECRET);
const pages = () =>
  [
    [
      'overzicht-school',
      `${stack.url}/overzicht?sleutel=${encodeURIComponent(stack.keyOf('lyceum-de-proefhoek'))}`,
    ],
    ['overzicht-wijkagent', `${stack.url}/overzicht/${tokenOf('wijkagent-oost')}`],
    ['overzicht-coordinator', `${stack.url}/overzicht/${tokenOf('gemeente-convenant')}`],
  ] as const;

/** Elements wider than the viewport (outside a scroll region): a phone would scroll sideways. */
const overflows = (page: Page) =>
  page.evaluate(() =>
    document.documentElement.scrollWidth > document.documentElement.clientWidth
      ? Array.from(document.querySelectorAll('main *'))
          .filter(
            (e) =>
              e.getBoundingClientRect().right > document.documentElement.clientWidth &&
              !e.closest('.app-scroll'),
          )
          .map((e) => `${e.tagName}.${e.className}`)
          .slice(0, 5)
      : false,
  );

describe('Overviews in Chromium', () => {
  it('have no WCAG 2.1 A/AA violations, at phone and desktop width, and no sideways scrolling on a phone', async () => {
    for (const width of [375, 1280]) {
      const context = await newContext(browser, { width, now: clock });
      const page = await context.newPage();
      for (const [name, target] of pages()) {
        const res = await page.goto(target);
        expect(res?.status()).toBe(200);
        expect({ name, width, violations: await axeViolations(page) }).toEqual({
          name,
          width,
          violations: [],
        });
        expect({ name, width, overflow: await overflows(page) }).toEqual({ name, width, overflow: false });
      }
      await context.close();
    }
    for (const [name, target] of pages()) await screenshots(browser, target, name, clock);
  });

  it('the school filters without JavaScript and opens a row on its status page', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, width: 375, now: clock });
    const page = await context.newPage();
    await page.goto(pages()[0][1]);
    expect(await page.locator('[data-row]').count()).toBe(3);
    await page.getByLabel('Soort').selectOption('melding');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/soort=melding/);
    expect(await page.locator('[data-row]').count()).toBe(2);
    await page.getByLabel('Status').selectOption('te-laat');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/status=te-laat/);
    expect(await page.locator('[data-row]').count()).toBe(1);
    await page.locator('[data-row] h3 a').first().click();
    await page.waitForURL(/\/acties\/v1\./);
    expect(await page.content()).toMatch(/M-2026111\d-/);
    await context.close();
  });

  it('the wijkagent sees the overdue melding first, with its answer link at hand', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, width: 375, now: clock });
    const page = await context.newPage();
    await page.goto(pages()[1][1]);
    const first = page.locator('[data-row]').first();
    expect(await first.getAttribute('data-overdue')).not.toBeNull();
    expect(await first.textContent()).toMatch(/werkdagen te laat/);
    await first.getByRole('link', { name: 'Terugkoppeling geven' }).click();
    expect(await page.locator('h1').textContent()).toBe('Terugkoppeling aan de school');
    await context.close();
  });

  it('the wijkagent tells the school first without JavaScript (art. 7): errors at the fields, then sent', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, width: 375, now: clock });
    const page = await context.newPage();
    await page.goto(pages()[1][1]);
    const form = page.locator('[data-mededeling]');
    await form.getByLabel('Lyceum De Proefhoek').check();
    await form.getByLabel('Uw bericht').fill('Morgen halen wij Jan de Vries uit de klas.');
    await form.getByRole('button', { name: 'Bericht versturen' }).click();
    // Refused: no kind chosen, and a name in the text (art. 23); the overview again, values kept.
    expect(await page.locator('#foutmeldingen').textContent()).toMatch(/Kies wat voor bericht het is/);
    expect(await page.locator('#text-fout').textContent()).toMatch(/persoonsgegevens/);
    expect(await form.getByLabel('Lyceum De Proefhoek').isChecked()).toBe(true);
    await form.getByLabel('Aangekondigde aanhouding in de school').check();
    await form
      .getByLabel('Uw bericht')
      .fill(
        'Morgen rond 10 uur komen wij een leerling van de bovenbouw ophalen. Graag rustig via de achteringang.',
      );
    await form.getByRole('button', { name: 'Bericht versturen' }).click();
    await page.waitForURL(/verstuurd=P-/);
    const sentUrl = page.url();
    expect(await page.locator('[data-mededeling-sent]').textContent()).toMatch(
      /is verstuurd aan Lyceum De Proefhoek/,
    );
    // The school sees it on its own overview.
    await page.goto(pages()[0][1]);
    expect(await page.locator('[data-row]').first().textContent()).toMatch(/Bericht van de wijkagent/);
    await context.close();

    // The error state and the "sent" state pass axe too (axe needs JavaScript to run in the page).
    const checked = await newContext(browser, { width: 375, now: clock });
    const axePage = await checked.newPage();
    await axePage.goto(pages()[1][1]);
    await axePage.locator('[data-mededeling]').getByRole('button', { name: 'Bericht versturen' }).click();
    await axePage.locator('#foutmeldingen').waitFor();
    expect(await axeViolations(axePage)).toEqual([]);
    await axePage.goto(sentUrl);
    expect(await axeViolations(axePage)).toEqual([]);
    await checked.close();
  });

  it('the coordinator records an agreement per wijk without JavaScript (art. 20), axe clean with errors', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, width: 375, now: clock });
    const page = await context.newPage();
    await page.goto(pages()[2][1]);
    const form = page.locator('[data-afspraak]');
    await form.getByRole('button', { name: 'Afspraak vastleggen' }).click();
    expect(await page.locator('#foutmeldingen').textContent()).toMatch(/Kies de wijk van de afspraak/);
    await form.getByLabel('Oost', { exact: true }).check();
    await form.getByLabel('Snoeproute-actie').check();
    await form
      .getByLabel('Wat is afgesproken')
      .fill('Twee keer per jaar lopen de wijkagent en JoU de snoeproute mee.');
    await form.getByRole('button', { name: 'Afspraak vastleggen' }).click();
    await page.waitForURL(/verstuurd=A-/);
    expect(await page.locator('[data-afspraak-sent]').textContent()).toMatch(/is vastgelegd/);
    expect(await page.locator('[data-afspraken]').textContent()).toMatch(/Oost, alle scholen in de wijk/);
    await context.close();

    const checked = await newContext(browser, { width: 1280, now: clock });
    const axePage = await checked.newPage();
    await axePage.goto(pages()[2][1]);
    await axePage.locator('[data-afspraak]').getByRole('button', { name: 'Afspraak vastleggen' }).click();
    await axePage.locator('#foutmeldingen').waitFor();
    expect(await axeViolations(axePage)).toEqual([]);
    await checked.close();
  });

  it('keeps small phone screenshots of each overview for the README when asked', async () => {
    if (!process.env.UPDATE_DOCS_SCREENSHOTS) return;
    const context = await newContext(browser, { width: 375, now: clock });
    const page = await context.newPage();
    for (const [name, target] of pages()) {
      await page.goto(target);
      await page.screenshot({ path: join(process.cwd(), 'docs', `${name}.png`), fullPage: false });
    }
    // The forms on the overviews, filled in as a user would (a chosen radio must look chosen).
    await page.goto(pages()[1][1]);
    const mededeling = page.locator('[data-mededeling]');
    await mededeling.getByLabel('Lyceum De Proefhoek').check();
    await mededeling.getByLabel('Controle van kluisjes').check();
    await mededeling
      .getByLabel('Uw bericht')
      .fill('Donderdag om 10 uur controleren wij met de schoolleiding de kluisjes in gang B.');
    await mededeling.screenshot({ path: join(process.cwd(), 'docs', 'overzicht-wijkagent-mededeling.png') });
    await page.goto(pages()[2][1]);
    const afspraak = page.locator('[data-afspraak]');
    await afspraak.getByLabel('Oost', { exact: true }).check();
    await afspraak.getByLabel('Fietsverlichtingsactie').check();
    await afspraak
      .getByLabel('Wat is afgesproken')
      .fill('De wijkagent en JoU controleren de fietsverlichting bij de schoolpoort voor de herfstvakantie.');
    await afspraak.screenshot({ path: join(process.cwd(), 'docs', 'overzicht-coordinator-afspraak.png') });
    await context.close();
  });

  it('the coordinator plans the meeting about a termination without JavaScript (art. 22b)', async () => {
    const announced = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf('buurtteam-vo'),
      reason: 'Door een nieuwe werkwijze kunnen wij niet meer aan het convenant meedoen.',
    });
    expect(announced.status).toBe(201);
    const context = await newContext(browser, { javaScriptEnabled: false, width: 375, now: clock });
    const page = await context.newPage();
    await page.goto(pages()[2][1]);
    const terminations = page.locator('[data-terminations]');
    expect(await terminations.textContent()).toMatch(/Nog geen datum voor het overleg/);
    await terminations.getByRole('link', { name: 'Overleg plannen' }).click();
    expect(await page.locator('h1').textContent()).toBe('Overleg over beëindiging plannen');
    const meetingPage = page.url();
    // A Saturday is refused at the field, in Dutch; the values stay.
    await page.getByLabel('Datum van het overleg').fill('19-12-2026');
    await page.getByLabel('Plaats (niet verplicht)').fill('Stadhuis, zaal 2');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    expect(await page.locator('#meetingOn-fout').textContent()).toMatch(/valt in het weekend/);
    expect(await page.getByLabel('Plaats (niet verplicht)').inputValue()).toBe('Stadhuis, zaal 2');
    await page.getByLabel('Datum van het overleg').fill('18-12-2026');
    await page.getByLabel('Tijd (niet verplicht)').fill('14:00');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    expect(await page.locator('h1').textContent()).toBe('Dank u, uw antwoord is ontvangen');
    await stack.waitForEmails(
      (e) => e.subject.includes(announced.body.id) && e.subject.startsWith('Uitnodiging: overleg'),
      1,
    );
    await page.goto(pages()[2][1]);
    expect(await page.locator('[data-terminations]').textContent()).toMatch(
      /Overleg gepland op vrijdag 18 december 2026 om 14:00, Stadhuis, zaal 2/,
    );
    expect(await page.locator('[data-calendar]').textContent()).toMatch(
      /Overleg over beëindiging door Buurtteam vo/,
    );
    // The same link shows the meeting as planned, ready to change.
    await page.goto(meetingPage);
    expect(await page.getByLabel('Datum van het overleg').inputValue()).toBe('18-12-2026');
    await context.close();

    const checked = await newContext(browser, { width: 375, now: clock });
    const axePage = await checked.newPage();
    // The overview with the planned meeting and its two links: no sideways scroll, axe clean.
    await axePage.goto(pages()[2][1]);
    expect(await overflows(axePage)).toBe(false);
    expect(await axeViolations(axePage)).toEqual([]);
    await axePage.goto(meetingPage);
    expect(await axeViolations(axePage)).toEqual([]);
    expect(await overflows(axePage)).toBe(false);
    await axePage.getByLabel('Datum van het overleg').fill('25-12-2026');
    await axePage.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await axePage.locator('#foutmeldingen').waitFor();
    expect(await axeViolations(axePage)).toEqual([]);
    if (process.env.UPDATE_DOCS_SCREENSHOTS) {
      await axePage.goto(meetingPage);
      await axePage.getByLabel('Datum van het overleg').fill('18-12-2026');
      await axePage.getByLabel('Tijd (niet verplicht)').fill('14:00');
      await axePage.getByLabel('Plaats (niet verplicht)').fill('Stadhuis, zaal 2');
      await axePage
        .locator('form')
        .filter({ has: axePage.getByRole('button', { name: 'Uitnodiging versturen' }) })
        .screenshot({ path: join(process.cwd(), 'docs', 'overleg-plannen.png') });
    }
    await checked.close();
  });
});
