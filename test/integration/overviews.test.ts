import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIRECTORY } from '../../local/stack.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { signOverviewToken } from '../../shared/domain/overview-token.js';
import { signToken } from '../../shared/domain/signing.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

const SECRET = 'overview-secret-overview-secret-0123456';
/** Monday 23 November 2026, 10:00 in Utrecht; the clock only moves when a test moves it. */
let clock = new Date('2026-11-23T09:00:00Z');
let stack: TestStack;

beforeAll(async () => {
  // The example directory minus the wijkagent of Noordoost: a gap the coordinator must see.
  const directory = JSON.parse((await import('node:fs')).readFileSync(EXAMPLE_DIRECTORY, 'utf8')) as {
    parties: Array<{ id: string }>;
  };
  directory.parties = directory.parties.filter((p) => p.id !== 'wijkagent-noordoost');
  const file = join(tmpdir(), `overview-directory-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(directory));
  stack = await startTestStack({
    env: { ACTION_LINK_SECRET: SECRET },
    directoryFile: file,
    now: () => clock,
  });
});

afterAll(async () => {
  await stack?.stop();
});

const SCHOOL = 'lyceum-de-proefhoek';
const about = (id: string) => (e: StoredEmail) => e.subject.includes(`[${id}]`);
const to = (address: string) => (e: StoredEmail) => e.destination.to[0] === address;

const tokenOf = (partyId: string) => signOverviewToken(partyId, hashFormKey(stack.keyOf(partyId)), SECRET);

async function get(path: string): Promise<{ status: number; html: string; type: string }> {
  const res = await fetch(`${stack.url}${path}`);
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** The ids of the rows on an overview page, in page order. */
const rowIds = (html: string) => [...html.matchAll(/data-row="([^"]+)"/g)].map((m) => m[1]);
const row = (html: string, id: string) => {
  const start = html.indexOf(`data-row="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</li>', start));
};

let meldingId: string;
let voorlichtingId: string;
let wijkagentEmail: StoredEmail | undefined;

describe('Overviews per party', () => {
  it('a school sees what it sent, newest first, with who was told', async () => {
    const melding = await postJson(
      `${stack.url}/api/meldingen`,
      {
        formKey: stack.keyOf(SCHOOL),
        category: 'strafbaar-feit',
        subcategory: 'diefstal',
        location: 'schoolgebouw',
        occurredAt: '2026-11-20T10:30',
        description: 'Uit een kluisje in gang B zijn twee laptops gestolen.',
        aangifteOverwogen: true,
      },
      { 'Idempotency-Key': 'overview-melding-1' },
    );
    expect(melding.status).toBe(201);
    meldingId = melding.body.id;
    clock = new Date('2026-11-23T10:00:00Z');
    const voorlichting = await postJson(`${stack.url}/api/voorlichtingen`, {
      formKey: stack.keyOf(SCHOOL),
      provider: 'halt',
      theme: 'groepsdruk',
      audience: ['leerlingen'],
      groupSize: 30,
      preferredDates: ['2026-12-14'],
      withParentMeeting: false,
    });
    expect(voorlichting.status).toBe(201);
    voorlichtingId = voorlichting.body.id;

    const page = await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}`);
    expect(page.status).toBe(200);
    expect(rowIds(page.html)).toEqual([voorlichtingId, meldingId]);
    const meldingRow = row(page.html, meldingId);
    expect(meldingRow).toContain('wijkagent Oost (wijkagent)');
    expect(meldingRow).toContain('nog niemand');
    expect(meldingRow).toMatch(/href="http:\/\/localhost:\d+\/acties\/v1\./);
    expect(meldingRow).toContain('Nog 10 werkdagen');

    const onlyMeldingen = await get(
      `/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}&soort=melding`,
    );
    expect(rowIds(onlyMeldingen.html)).toEqual([meldingId]);
    const before = await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}&tot=2026-11-22`);
    expect(rowIds(before.html)).toEqual([]);
    const bad = await get(
      `/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}&status=kapot&van=gisteren`,
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Kies bij &quot;Status&quot;');
    expect(bad.html).toContain('is geen datum');
  });

  it('every email carries the personal overview link, and a partner sees what is open first, with working days', async () => {
    const address = stack.party('wijkagent-oost').email;
    [wijkagentEmail] = await stack.waitForEmails((e) => about(meldingId)(e) && to(address)(e), 1);
    const link = (wijkagentEmail?.body.text ?? '').match(
      /http:\/\/localhost:\d+\/overzicht\/(o1\.[\w-]+\.[\w-]+)/,
    );
    expect(link?.[1]).toBeDefined();
    expect(wijkagentEmail?.body.html).toContain(`/overzicht/${link?.[1]}`);
    const confirmations = await stack.waitForEmails((e) => to(stack.party(SCHOOL).email)(e), 2);
    for (const email of confirmations) expect(email.body.text).toMatch(/\/overzicht\/o1\./);

    // Fifteen working days later nobody has answered: overdue, in working days.
    clock = new Date('2026-12-14T09:00:00Z');
    const page = await get(`/overzicht/${link?.[1]}`);
    expect(page.status).toBe(200);
    const mine = row(page.html, meldingId);
    expect(mine).toContain('data-overdue');
    expect(mine).toContain('5 werkdagen te laat');
    expect(mine).toContain('Uit een kluisje in gang B');
    expect(mine).toContain('Terugkoppeling geven');
    // Not addressed to the wijkagent: the voorlichting request to Halt is not on its page.
    expect(rowIds(page.html)).toEqual([meldingId]);

    const school = await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}&status=te-laat`);
    expect(rowIds(school.html)).toEqual(expect.arrayContaining([meldingId]));
  });

  it('an answer through the row link closes the row, and the school sees who answered', async () => {
    const page = await get(`/overzicht/${tokenOf('wijkagent-oost')}`);
    const href = row(page.html, meldingId).match(/href="([^"]+)">Terugkoppeling geven/)?.[1] ?? '';
    const token = href.slice(href.indexOf('/acties/') + '/acties/'.length);
    const answered = await postJson(`${stack.url}/api/acties/${token}`, {
      handling: 'afgehandeld',
      text: 'Aangifte is opgenomen en de zaak is afgerond.',
    });
    expect(answered.status).toBe(201);
    const after = await get(`/overzicht/${tokenOf('wijkagent-oost')}`);
    const closed = row(after.html, meldingId);
    expect(closed).not.toContain('data-overdue');
    expect(closed).not.toContain('Terugkoppeling geven');
    const school = await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}`);
    expect(row(school.html, meldingId)).toContain(stack.party('wijkagent-oost').name);
    expect(row(school.html, meldingId)).toContain('Afgehandeld');
  });

  it('Halt sees the voorlichting addressed to it, open first with its answer link', async () => {
    const page = await get(`/overzicht/${tokenOf('halt-utrecht')}`);
    expect(page.status).toBe(200);
    expect(rowIds(page.html)[0]).toBe(voorlichtingId);
    expect(row(page.html, voorlichtingId)).toContain('Beantwoorden');
  });

  it('the coordinator sees every wijk, the calendar and the gaps, with counts only, and exports CSV', async () => {
    // The gebiedsmanager of Zuid says it is no longer the contact; an address bounces.
    const now = Math.floor(clock.getTime() / 1000);
    const contact = signToken(
      { a: 'contact', s: 'YEAR-2026', p: 'gebiedsmanager-zuid', i: now, e: now + 86_400 },
      SECRET,
    );
    expect((await postJson(`${stack.url}/api/acties/${contact}`, { stillContact: 'nee' })).status).toBe(201);
    // The coordinator is alerted at once, once, with its overview link.
    const [alert] = await stack.waitForEmails(
      (e) => e.subject.startsWith('Contactpersoon vertrokken') && to('convenant@gemeente.example.org')(e),
      1,
    );
    expect(alert?.subject).toContain('gebiedsmanager veiligheid Zuid');
    expect(alert?.body.text).toMatch(/\/overzicht\/o1\./);
    expect((await postJson(`${stack.url}/api/acties/${contact}`, { stillContact: 'nee' })).status).toBe(409);
    await stack.app.runtime.clients.store.updateParty({ ...stack.party('jou'), bouncing: true });

    const page = await get(`/overzicht/${tokenOf('gemeente-convenant')}`);
    expect(page.status).toBe(200);
    const oost = page.html.slice(
      page.html.indexOf('data-wijk="Oost"'),
      page.html.indexOf('</tr>', page.html.indexOf('data-wijk="Oost"')),
    );
    expect(oost).toMatch(/<td class="utrecht-table__cell">1<\/td>/);
    expect(page.html).not.toContain('Uit een kluisje');
    expect(page.html).toContain('data-gap="geen-wijkagent"');
    expect(page.html).toMatch(/Wijk zonder wijkagent:<\/strong> Noordoost/);
    expect(page.html).toMatch(/Contactpersoon is vertrokken:<\/strong> [^<]*gebiedsmanager veiligheid Zuid/);
    expect(page.html).toMatch(/E-mailadres onbereikbaar:<\/strong> /);
    expect(page.html).toContain('Evaluatieronde wijk Binnenstad');
    expect(page.html).toContain('Herinnering verlenging');

    const csv = await get(`/overzicht/${tokenOf('gemeente-convenant')}?formaat=csv`);
    expect(csv.type).toContain('text/csv');
    const lines = csv.html.trim().split('\r\n');
    expect(lines[0]).toMatch(/^wijk,meldingen,strafbaar-feit/);
    expect(lines.find((l) => l.startsWith('Oost,'))).toMatch(/^Oost,1,1,0,0,0,1,/);
    expect(csv.html).not.toContain('kluisje');

    const report = await get(`/overzicht/${tokenOf('gemeente-convenant')}?wijk=Oost`);
    expect(report.status).toBe(200);
    expect(report.html).toContain('Wijkrapport Oost');
  });

  it('an unknown, tampered or revoked link answers 401 with a Dutch page', async () => {
    const token = tokenOf('wijkagent-oost');
    expect((await get(`/overzicht/${token}`)).status).toBe(200);
    const tampered = await get(`/overzicht/${token.slice(0, -3)}abc`);
    expect(tampered.status).toBe(401);
    expect(tampered.html).toContain('Deze link werkt niet (meer)');
    expect((await get('/overzicht/zomaar-iets')).status).toBe(401);
    expect((await get('/overzicht?sleutel=onbekend')).status).toBe(401);
    expect((await get('/overzicht')).status).toBe(401);
    // Rotating the party's key revokes every overview link it was ever sent.
    await stack.app.runtime.clients.store.rotateFormKey(
      'wijkagent-oost',
      hashFormKey('een-nieuwe-sleutel-voor-oost'),
    );
    expect((await get(`/overzicht/${token}`)).status).toBe(401);
    expect(
      (
        await get(
          `/overzicht/${signOverviewToken('wijkagent-oost', hashFormKey('een-nieuwe-sleutel-voor-oost'), SECRET)}`,
        )
      ).status,
    ).toBe(200);
  });
});
