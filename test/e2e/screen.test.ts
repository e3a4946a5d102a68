import { mkdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../shared/app/daily.js';
import { evaluatieRoundDates } from '../../shared/domain/calendar.js';
import { formatDutchInput } from '../../shared/domain/time.js';
import { ARTIFACTS, axeViolations, launchChromium, newContext } from '../support/browser.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * What a person sees, not only what the DOM says: every page at a phone's and a desktop's width,
 * measured on the screen. Screenshots of every page are kept in test-results/screenshots; with
 * UPDATE_TOUR=1 small copies are written to docs/tour for the README's tour.
 */
let stack: TestStack;
let browser: Browser;
let pages: Array<{ name: string; title: string; url: string; status?: number }> = [];

const WIDTHS = [375, 1280] as const;
const TOUR = join(process.cwd(), 'docs', 'tour');

const linkAfter = (email: StoredEmail | undefined, label: string) => {
  const lines = (email?.body.text ?? '').split('\n');
  return lines[lines.findIndex((l) => l.startsWith(label)) + 1] ?? '';
};

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchChromium()]);
  const key = (party: string) => encodeURIComponent(stack.keyOf(party));
  const form = (name: string, party: string) => `${stack.url}/formulieren/${name}?sleutel=${key(party)}`;
  const melding = await postJson(`${stack.url}/api/meldingen`, {
    formKey: stack.keyOf('lyceum-de-proefhoek'),
    category: 'strafbaar-feit',
    subcategory: 'vernieling',
    location: 'schoolterrein',
    occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
    description: 'De fietsenstalling is beschadigd. Een ruit is gebroken en er ligt glas op het plein.',
    aangifteOverwogen: true,
  });
  const beeindiging = await postJson(`${stack.url}/api/beeindigingen`, {
    formKey: stack.keyOf('buurtteam-vo'),
    reason: 'De taken gaan over naar een andere organisatie in de stad.',
  });
  const [forPolice] = await stack.waitForEmails(
    (e) =>
      e.subject.includes(melding.body.id) && e.destination.to[0] === 'wijkagent.oost@politie.example.org',
    1,
  );
  const deps = { store: stack.app.runtime.clients.store, now: stack.app.runtime.now };
  // The 2027 evaluation round of Oost: the questionnaire on its date, the summary after the answers' deadline.
  const oost = evaluatieRoundDates('Oost', 2027);
  await runDaily(deps, oost.on);
  await runDaily(deps, oost.summaryOn);
  const [questionnaire] = await stack.waitForEmails(
    (e) => e.subject === 'Vragenlijst evaluatie convenant, wijk Oost – 2027',
    1,
    30_000, // every partner's questionnaire goes out at the deployed pace (scaled), this one among them
  );
  const [summary] = await stack.waitForEmails(
    (e) => e.subject === 'Samenvatting evaluatie convenant, wijk Oost – 2027',
    1,
  );
  pages = [
    { name: 'start', title: 'Startpagina', url: `${stack.url}/` },
    { name: 'melding', title: 'Melding doen', url: form('melding', 'lyceum-de-proefhoek') },
    {
      name: 'bevestiging',
      title: 'Bevestiging van een melding',
      url: `${stack.url}/formulieren/bevestiging/${melding.body.id}?sleutel=${key('lyceum-de-proefhoek')}`,
    },
    {
      name: 'voorlichting',
      title: 'Voorlichting aanvragen',
      url: form('voorlichting', 'het-voorbeeldcollege'),
    },
    { name: 'beeindiging', title: 'Deelname beëindigen', url: form('beeindiging', 'halt-utrecht') },
    {
      name: 'beeindiging-bevestiging',
      title: 'Bevestiging van een voornemen tot beëindiging',
      url: `${stack.url}/formulieren/bevestiging/${beeindiging.body.id}?sleutel=${key('buurtteam-vo')}`,
    },
    {
      name: 'terugkoppeling',
      title: 'Terugkoppeling door de wijkagent',
      url: linkAfter(forPolice, 'Vertel de school hoe u de melding oppakt'),
    },
    {
      name: 'vragenlijst',
      title: 'Vragenlijst evaluatie',
      url: linkAfter(questionnaire, 'Vul de vragenlijst in'),
    },
    { name: 'wijkrapport', title: 'Wijkrapport', url: linkAfter(summary, 'Bekijk het wijkrapport') },
    { name: 'privacy', title: 'Privacyverklaring', url: `${stack.url}/privacy` },
    { name: 'contact', title: 'Contact', url: `${stack.url}/contact` },
    { name: 'toegankelijkheid', title: 'Toegankelijkheidsverklaring', url: `${stack.url}/toegankelijkheid` },
    { name: 'niet-gevonden', title: 'Pagina niet gevonden', url: `${stack.url}/bestaat-niet`, status: 404 },
    { name: 'link-ongeldig', title: 'Link werkt niet', url: `${stack.url}/acties/v1.abc.def`, status: 404 },
  ];
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens a page and collects what the browser console says about it. */
async function open(width: number, url: string, javaScriptEnabled = true) {
  const context = await newContext(browser, { width, javaScriptEnabled, now: stack.now() });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') console.push(m.text());
  });
  const response = await page.goto(url);
  await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
  return { context, page, console, status: response?.status() ?? 0 };
}

const headerHeight = (page: Page) =>
  page.locator('.utrecht-page-header').evaluate((e) => e.getBoundingClientRect().height);

describe('Every page on the screen, at 375 and 1280 pixels', () => {
  it('answers, has no WCAG 2.1 A/AA violations, no sideways scroll, no console warnings, and is kept as a screenshot', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (process.env.UPDATE_TOUR) mkdirSync(TOUR, { recursive: true });
    for (const width of WIDTHS) {
      for (const p of pages) {
        expect(p.url, p.name).toMatch(/^http/);
        const { context, page, console, status } = await open(width, p.url);
        expect({ page: p.name, status }).toEqual({ page: p.name, status: p.status ?? 200 });
        expect({ page: p.name, width, violations: await axeViolations(page) }).toEqual({
          page: p.name,
          width,
          violations: [],
        });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect({ page: p.name, width, overflow }).toEqual({ page: p.name, width, overflow: 0 });
        // The only message allowed is the browser's note that the page itself answered 404 or 400.
        const warnings = console.filter((m) => !/status of 404/.test(m));
        expect({ page: p.name, warnings }).toEqual({ page: p.name, warnings: [] });
        // The design tokens' font, from our own origin, is the one on the screen.
        expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Variable"'))).toBe(true);
        expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/Noto Sans/);
        await page.screenshot({ path: join(ARTIFACTS, `${p.name}-${width}.png`), fullPage: true });
        if (process.env.UPDATE_TOUR) {
          await page.screenshot({ path: join(TOUR, `${p.name}-${width}.jpg`), type: 'jpeg', quality: 55 });
        }
        await context.close();
      }
    }
  }, 240_000);

  it('keeps the header the same height on a short page and a long one', async () => {
    for (const width of WIDTHS) {
      const short = await open(width, `${stack.url}/bestaat-niet`);
      const long = await open(width, pages.find((p) => p.name === 'melding')?.url ?? '');
      const [a, b] = [await headerHeight(short.page), await headerHeight(long.page)];
      expect({ width, short: a }).toEqual({ width, short: b });
      // Not grown to fill the page: a header is a band, not a screen.
      expect(a).toBeLessThan(200);
      await short.context.close();
      await long.context.close();
    }
  });

  it('shows a checked radio button differently from an unchecked one, on every form with radio buttons', async () => {
    for (const width of WIDTHS) {
      for (const name of ['melding', 'voorlichting', 'terugkoppeling', 'vragenlijst']) {
        const { context, page } = await open(width, pages.find((p) => p.name === name)?.url ?? '');
        const radio = page.locator('input[type=radio]:visible').first();
        await radio.scrollIntoViewIfNeeded();
        const before = await radio.screenshot();
        await radio.check();
        await page.mouse.move(0, 0);
        await page.locator('h1').click();
        const after = await radio.screenshot();
        expect({ form: name, width, same: before.equals(after) }).toEqual({ form: name, width, same: false });
        await context.close();
      }
    }
  });

  it('shows a checked checkbox differently from an unchecked one', async () => {
    for (const width of WIDTHS) {
      const { context, page } = await open(width, pages.find((p) => p.name === 'voorlichting')?.url ?? '');
      const box = page.getByRole('checkbox', { name: 'Leerlingen' });
      const before = await box.screenshot();
      await box.check();
      await page.locator('h1').click();
      expect(before.equals(await box.screenshot())).toBe(false);
      await context.close();
    }
  });

  it('never shows a text block narrower than its field: errors and hints span the field, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      for (const width of WIDTHS) {
        for (const name of ['melding', 'voorlichting', 'vragenlijst']) {
          const { context, page } = await open(
            width,
            pages.find((p) => p.name === name)?.url ?? '',
            javaScriptEnabled,
          );
          await page.locator('button[type=submit]').click();
          await page.waitForSelector('#foutmeldingen');
          const narrow = await page.evaluate(() =>
            Array.from(
              document.querySelectorAll<HTMLElement>(
                '.utrecht-form-field-error-message, fieldset > .utrecht-form-field__description .utrecht-form-field-description, .utrecht-form-field--text .utrecht-form-field-description, .utrecht-form-field--textarea .utrecht-form-field-description',
              ),
            )
              .filter((e) => e.offsetParent !== null)
              .map((e) => {
                const field = e.closest('fieldset, .utrecht-form-field') as HTMLElement;
                const input = field.querySelector('input, textarea, select') as HTMLElement | null;
                const room = Math.min(
                  field.getBoundingClientRect().width,
                  input?.getBoundingClientRect().width ?? Infinity,
                );
                return { text: e.textContent?.slice(0, 40), width: e.getBoundingClientRect().width, room };
              })
              .filter((b) => b.width < Math.min(b.room, 300) * 0.9),
          );
          expect({ form: name, width, javaScriptEnabled, narrow }).toEqual({
            form: name,
            width,
            javaScriptEnabled,
            narrow: [],
          });
          await context.close();
        }
      }
    }
  }, 120_000);

  it('reads a date back in words as it is typed, and counts the characters left', async () => {
    const { context, page } = await open(375, pages.find((p) => p.name === 'melding')?.url ?? '');
    await page.getByLabel('Wanneer gebeurde het?').fill('20/11/2025 9.45');
    await expect
      .poll(() => page.locator('#occurredAt-uitleg').textContent())
      .toBe('U vulde in: donderdag 20 november 2025, 09:45.');
    await page.getByLabel('Wanneer gebeurde het?').fill('20112025');
    await expect
      .poll(() => page.locator('#occurredAt-uitleg').textContent())
      .toBe('U vulde in: donderdag 20 november 2025, tijd onbekend.');
    // (A date before any test's "today": no "in de toekomst" message moves the page while it is typed.)
    // "Tijd onbekend" as a choice: it leaves only the date in the field.
    await page.getByLabel('Wanneer gebeurde het?').fill('20-11-2025 09:45');
    await page.getByRole('checkbox', { name: 'Tijd onbekend' }).check();
    expect(await page.getByLabel('Wanneer gebeurde het?').inputValue()).toBe('20-11-2025');
    await expect
      .poll(() => page.locator('#occurredAt-uitleg').textContent())
      .toBe('U vulde in: donderdag 20 november 2025, tijd onbekend.');
    // A text over the limit is not cut off: the counter says how much too long it is, the server refuses it.
    await page.getByLabel('Wat is er gebeurd?').fill('a'.repeat(2010));
    expect(await page.getByLabel('Wat is er gebeurd?').inputValue()).toHaveLength(2010);
    await expect
      .poll(() => page.locator('#description-teller').textContent())
      .toBe('10 tekens te veel. Maak de tekst korter.');
    await context.close();
  });

  it('sends at most 60 kB of CSS and 30 kB of JavaScript over the wire for a form page, and a favicon', async () => {
    const { context, page } = await open(1280, pages.find((p) => p.name === 'melding')?.url ?? '');
    // Bytes on the wire, as a browser that accepts brotli gets them (the page's clock is fixed, so the
    // browser's own resource timings are not used).
    const assets = await page.evaluate(() => [
      ...Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')).map((l) => l.href),
      ...Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]')).map((s) => s.src),
    ]);
    const sizes = await Promise.all(
      assets.map(async (url) => ({ name: new URL(url).pathname, bytes: await bytesOnTheWire(url) })),
    );
    const css = sizes.filter((s) => s.name.endsWith('.css')).reduce((n, s) => n + s.bytes, 0);
    const js = sizes.filter((s) => s.name.endsWith('.js')).reduce((n, s) => n + s.bytes, 0);
    expect(css).toBeGreaterThan(0);
    expect(css).toBeLessThanOrEqual(60_000);
    expect(js).toBeGreaterThan(0);
    expect(js).toBeLessThanOrEqual(30_000);
    const icon = await page.locator('link[rel=icon]').getAttribute('href');
    expect((await fetch(`${stack.url}${icon}`)).status).toBe(200);
    await context.close();
  });
});

/** The size of a response body as sent, compressed as for a browser that accepts brotli and gzip. */
function bytesOnTheWire(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    }).on('error', reject);
  });
}
