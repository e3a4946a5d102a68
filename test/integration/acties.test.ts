import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../shared/domain/signing.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { addDays, addWorkingDays, isWorkingDay } from '../../shared/domain/working-days.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

const SECRET = 'integration-secret-integration-secret-01';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ env: { ACTION_LINK_SECRET: SECRET } });
});

afterAll(async () => {
  await stack?.stop();
});

const today = () => amsterdamDate(stack.now());
const workingDay = (n: number) => addWorkingDays(today(), n);
const about = (id: string) => (e: StoredEmail) => e.subject.includes(`[${id}]`);
const to = (address: string) => (e: StoredEmail) => e.destination.to[0] === address;

/** The signed link for an action, as the recipient finds it in the email's text part. */
function linkIn(email: StoredEmail | undefined, label: RegExp): string {
  const lines = (email?.body.text ?? '').split('\n');
  const index = lines.findIndex((l) => label.test(l));
  const url = lines[index + 1] ?? '';
  expect(url).toMatch(/\/acties\/v1\.[\w-]+\.[\w-]+$/);
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
}

async function waitFor(filter: (e: StoredEmail) => boolean, count = 1): Promise<StoredEmail[]> {
  const found = await stack.waitForEmails(filter, count);
  expect(found.length).toBeGreaterThanOrEqual(count);
  return found;
}

const answer = (token: string, body: unknown) => postJson(`${stack.url}/api/acties/${token}`, body);

describe('Voorlichting: request, answer through the link, the school is told', () => {
  it('routes a Halt request to Halt, and Halt accepts through its link', async () => {
    const dates = [workingDay(10), workingDay(12)];
    const res = await postJson(`${stack.url}/api/voorlichtingen`, {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      provider: 'halt',
      theme: 'groepsdruk',
      audience: ['leerlingen', 'ouders'],
      groupSize: 60,
      preferredDates: dates,
      withParentMeeting: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^V-\d{8}-[0-9A-Z]{8}$/);
    expect(res.body.notified).toEqual(['halt-utrecht']);

    const [request] = await waitFor((e) => about(res.body.id)(e) && to('contact@halt.example.org')(e));
    expect(request?.subject).toBe(
      `Aanvraag voorlichting Halt: Groepsdruk – Lyceum De Proefhoek, wijk Oost [${res.body.id}]`,
    );
    expect(request?.body.text).toContain('artikel 17');
    expect(request?.body.text).toContain('Met ouderbijeenkomst: ja');
    const [confirmation] = await waitFor(
      (e) => about(res.body.id)(e) && to(stack.party('lyceum-de-proefhoek').email)(e),
    );
    expect(confirmation?.subject).toMatch(/^Bevestiging aanvraag voorlichting Halt: Groepsdruk/);

    const token = linkIn(request, /Beantwoord de aanvraag/);
    const page = await fetch(`${stack.url}/acties/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Groepsdruk');
    expect(html).toContain('Aangevraagd, nog geen antwoord');

    const plannedAt = `${dates[0]?.split('-').reverse().join('-')} 10:00`;
    const accepted = await answer(token, { answer: 'geaccepteerd', plannedAt });
    expect(accepted.status).toBe(201);
    expect(accepted.body.status).toBe('Geaccepteerd');

    const [told] = await waitFor((e) => about(res.body.id)(e) && e.subject.startsWith('Geaccepteerd'));
    expect(told?.destination.to).toEqual([stack.party('lyceum-de-proefhoek').email]);
    expect(told?.body.text).toContain('Halt Utrecht accepteert de aanvraag');
    expect(told?.body.text).toContain('10:00');

    // The same link again: refused, nothing changes, nothing is sent.
    const again = await answer(token, { answer: 'afgewezen', reason: 'Toch geen tijd.' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/al gebruikt/);
    const usedPage = await (await fetch(`${stack.url}/acties/${token}`)).text();
    expect(usedPage).toContain('Deze link is al gebruikt');
    expect(usedPage).toContain('Geaccepteerd');
    await stack.drain();
    expect(
      (await stack.emails()).filter((e) => about(res.body.id)(e) && e.subject.startsWith('Afgewezen')),
    ).toEqual([]);
  });

  it('sends a politie request to the wijkagent of the school’s wijk, and a declined answer reaches the school', async () => {
    const res = await postJson(`${stack.url}/api/voorlichtingen`, {
      formKey: stack.keyOf('demo-mavo-overvecht'),
      provider: 'politie',
      theme: 'Veilig uitgaan en vuurwerk',
      audience: 'leerlingen',
      groupSize: '25',
      preferredDates: [workingDay(8)],
    });
    expect(res.status).toBe(201);
    expect(res.body.notified).toEqual(['wijkagent-overvecht']);
    const [request] = await waitFor(
      (e) => about(res.body.id)(e) && to('wijkagent.overvecht@politie.example.org')(e),
    );
    const token = linkIn(request, /Beantwoord de aanvraag/);
    const declined = await answer(token, {
      answer: 'afgewezen',
      reason: 'Deze periode is er geen capaciteit.',
    });
    expect(declined.status).toBe(201);
    const [told] = await waitFor((e) => about(res.body.id)(e) && e.subject.startsWith('Afgewezen'));
    expect(told?.body.text).toContain('Reden: Deze periode is er geen capaciteit.');
  });

  it('refuses dates that are not future working days, a theme Halt does not give, and personal data', async () => {
    const base = {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      provider: 'halt',
      theme: 'groepsdruk',
      audience: ['leerlingen'],
      groupSize: 30,
    };
    let saturday = addDays(today(), 7);
    while (new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6) saturday = addDays(saturday, 1);
    const christmas = `${Number(today().slice(0, 4)) + 1}-12-25`;
    const weekend = await postJson(`${stack.url}/api/voorlichtingen`, {
      ...base,
      preferredDates: [saturday],
    });
    expect(weekend.status).toBe(400);
    expect(weekend.body.invalidParams[0]).toMatchObject({ name: 'preferredDates' });
    expect(weekend.body.detail).toMatch(/geen werkdag/);
    expect(isWorkingDay(christmas)).toBe(false);
    const holiday = await postJson(`${stack.url}/api/voorlichtingen`, {
      ...base,
      preferredDates: [christmas],
    });
    expect(holiday.body.detail).toMatch(/geen werkdag/);
    const past = await postJson(`${stack.url}/api/voorlichtingen`, { ...base, preferredDates: [today()] });
    expect(past.body.detail).toMatch(/niet in de toekomst/);
    const theme = await postJson(`${stack.url}/api/voorlichtingen`, {
      ...base,
      theme: 'Alcohol',
      preferredDates: [workingDay(5)],
    });
    expect(theme.status).toBe(400);
    expect(theme.body.invalidParams[0]).toMatchObject({ name: 'theme', reason: 'Kies een thema van Halt.' });
    const personal = await postJson(`${stack.url}/api/voorlichtingen`, {
      ...base,
      preferredDates: [workingDay(5)],
      remarks: 'Bel mij op 06-12345678',
    });
    expect(personal.status).toBe(400);
    expect(personal.body.type).toBe('https://veiligschool.example.org/problemen/persoonsgegevens');
    expect(personal.body.invalidParams[0]).toMatchObject({ name: 'remarks' });
  });
});

describe('Melding: the police and Halt answer through their links', () => {
  it('terugkoppeling, referral to Halt and the afdoening each reach the school; the status page shows the history', async () => {
    const school = 'scholengemeenschap-rijnveld';
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf(school),
      category: 'strafbaar-feit',
      subcategory: 'vernieling',
      location: 'schoolterrein',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description: 'Ruiten van het fietsenhok zijn ingegooid in de nacht.',
    });
    const [forPolice] = await waitFor(
      (e) => about(res.body.id)(e) && to('wijkagent.leidsche-rijn@politie.example.org')(e),
    );
    const [confirmation] = await waitFor((e) => about(res.body.id)(e) && to(stack.party(school).email)(e));
    const feedback = linkIn(forPolice, /Vertel de school hoe u de melding oppakt/);
    const seen = linkIn(forPolice, /gezien/);
    const status = linkIn(confirmation, /Bekijk de status/);

    expect((await answer(seen, {})).status).toBe(201);
    await waitFor((e) => about(res.body.id)(e) && e.subject.startsWith('Gezien'));
    expect((await answer(seen, {})).status).toBe(200); // the same answer again: recorded once
    const seenTwice = await answer(seen, { extra: 1 });
    expect(seenTwice.status).toBe(400);

    const first = await answer(feedback, {
      handling: 'in-behandeling',
      text: 'De wijkagent komt morgen langs.',
    });
    expect(first.status).toBe(201);
    expect(first.body.linkStillOpen).toBe(true);
    await waitFor((e) => about(res.body.id)(e) && e.subject.startsWith('Terugkoppeling: in behandeling'));

    const referred = await answer(feedback, {
      handling: 'doorverwezen-naar-halt',
      text: 'Twee jongeren zijn doorverwezen.',
    });
    expect(referred.status).toBe(201);
    // A referral to Halt does not end the police's thread: the link stays open for the outcome.
    expect(referred.body.linkStillOpen).toBe(true);
    const [forHalt] = await waitFor((e) => about(res.body.id)(e) && to('contact@halt.example.org')(e));
    expect(forHalt?.subject).toMatch(/^Doorverwezen naar Halt/);
    const afdoening = linkIn(forHalt, /Halt-afdoening is afgerond/);

    const refused = await answer(afdoening, { completedOn: today(), reference: 'Jan Jansen' });
    expect(refused.status).toBe(400);
    const done = await answer(afdoening, {
      result: 'geslaagd',
      completedOn: today(),
      reference: 'HALT-2026/0042',
    });
    expect(done.status).toBe(201);
    expect(done.body.status).toBe('Halt-afdoening geslaagd');
    const [told] = await waitFor(
      (e) => about(res.body.id)(e) && e.subject.startsWith('Halt-afdoening afgerond'),
    );
    expect(told?.destination.to).toEqual([stack.party(school).email]);
    expect(told?.body.text).toContain('Referentie van Halt: HALT-2026/0042');

    expect(told?.body.text).toContain('en is geslaagd');

    // The police close their own thread later, after the referral: seponering.
    const closing = await answer(feedback, {
      handling: 'geseponeerd',
      text: 'Het OM heeft besloten de zaak niet te vervolgen.',
    });
    expect(closing.status).toBe(201);
    expect(closing.body.linkStillOpen).toBe(false);
    expect(closing.body.status).toBe('Geseponeerd / geen vervolg');

    const page = await (await fetch(`${stack.url}/acties/${status}`)).text();
    expect(page).toContain('de Halt-afdoening is afgerond');
    expect(page).toContain('Geseponeerd / geen vervolg');
    expect(page).toContain('In behandeling');
    expect(page).toContain('Doorverwezen naar Halt');
    expect(page).toContain('heeft de melding gezien');
  });

  it('refuses tampered, expired, foreign and reused links and changes nothing', async () => {
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('het-voorbeeldcollege'),
      category: 'onveilige-situatie',
      subcategory: 'pesten',
      location: 'schoolgebouw',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description: 'Een leerling wordt al weken gepest in de pauzes.',
    });
    const [forPolice] = await waitFor(
      (e) => about(res.body.id)(e) && to('wijkagent.binnenstad@politie.example.org')(e),
    );
    const token = linkIn(forPolice, /Vertel de school hoe u de melding oppakt/);
    const [version, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());

    const tamperedPayload = Buffer.from(JSON.stringify({ ...claims, p: 'wijkagent-oost' })).toString(
      'base64url',
    );
    const tampered = [
      `${version}.${tamperedPayload}.${signature}`,
      `${version}.${payload}.${signature.slice(0, -2)}AA`,
      token.slice(0, -10),
    ];
    for (const bad of tampered) {
      const page = await fetch(`${stack.url}/acties/${bad}`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('Deze link werkt niet');
      const post = await answer(bad, { handling: 'afgehandeld', text: 'Klaar.' });
      expect(post.status).toBe(404);
    }

    const now = Math.floor(stack.now().getTime() / 1000);
    const expired = signToken({ ...claims, i: now - 90 * 86_400, e: now - 3600 }, SECRET);
    const expiredPage = await fetch(`${stack.url}/acties/${expired}`);
    expect(expiredPage.status).toBe(410);
    expect(await expiredPage.text()).toContain('verlopen');
    expect((await answer(expired, { handling: 'afgehandeld', text: 'Klaar.' })).status).toBe(410);

    // The link the wijkagent got expires on the product's clock: a day past its term it answers 410,
    // and back on today it works again (nothing was recorded in between).
    const issuedAt = stack.now();
    stack.clock.set(new Date(claims.e * 1000 + 86_400_000));
    expect((await fetch(`${stack.url}/acties/${token}`)).status).toBe(410);
    expect((await answer(token, { handling: 'afgehandeld', text: 'Klaar.' })).status).toBe(410);
    stack.clock.set(issuedAt);
    expect((await fetch(`${stack.url}/acties/${token}`)).status).toBe(200);

    // A validly signed link for a party that did not receive this melding.
    const foreign = signToken({ ...claims, p: 'wijkagent-oost' }, SECRET);
    expect((await answer(foreign, { handling: 'afgehandeld', text: 'Klaar.' })).status).toBe(403);

    const final = await answer(token, { handling: 'afgehandeld', text: 'Afgehandeld met de school.' });
    expect(final.status).toBe(201);
    const replay = await answer(token, { handling: 'in-behandeling', text: 'Toch weer open.' });
    expect(replay.status).toBe(409);

    await stack.drain();
    const answers = (await stack.emails()).filter(
      (e) => about(res.body.id)(e) && e.subject.startsWith('Terugkoppeling'),
    );
    expect(answers.map((e) => e.subject.split(' – ')[0])).toEqual(['Terugkoppeling: afgehandeld']);
  });

  it('shows the answer form, takes a plain form post and thanks the partner', async () => {
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('vso-het-kompas-demo'),
      category: 'overlast-omgeving',
      location: 'directe-omgeving',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description: 'Jongeren blokkeren de stoep bij de ingang tijdens de pauze.',
    });
    const [forJou] = await waitFor(
      (e) => about(res.body.id)(e) && to('schooljongerenwerk@jou.example.org')(e),
    );
    expect(forJou?.body.text).not.toContain('Vertel de school hoe u de melding oppakt');
    const token = linkIn(forJou, /gezien/);
    const post = await fetch(`${stack.url}/api/acties/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('Dank u, uw antwoord is ontvangen');
    // JoU cannot give police feedback with its own link.
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    const forged = signToken({ ...claims, a: 'terugkoppeling' }, SECRET);
    expect((await answer(forged, { handling: 'afgehandeld', text: 'Klaar.' })).status).toBe(403);
  });
});
