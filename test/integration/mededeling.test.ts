import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIRECTORY } from '../../local/stack.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { signOverviewToken } from '../../shared/domain/overview-token.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * Art. 7: the wijkagent tells a school something first (an announced arrest, a locker check,
 * agreed surveillance) from its overview, without a melding: stored once, emailed to the school,
 * on both overviews, free text checked for personal data.
 */
const SECRET = 'mededeling-secret-mededeling-secret-0123';
const SCHOOL = 'lyceum-de-proefhoek';
/** A Binnenstad school that named the wijkagent of Oost as its own (art. 6). */
const OWN = 'het-voorbeeldcollege';
let stack: TestStack;

beforeAll(async () => {
  const directory = JSON.parse(readFileSync(EXAMPLE_DIRECTORY, 'utf8')) as {
    parties: Array<{ id: string; contacts?: Record<string, string> }>;
  };
  for (const p of directory.parties) if (p.id === OWN) p.contacts = { wijkagent: 'wijkagent-oost' };
  const file = join(tmpdir(), `mededeling-directory-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(directory));
  stack = await startTestStack({ env: { ACTION_LINK_SECRET: SECRET }, directoryFile: file });
});

afterAll(async () => {
  await stack?.stop();
});

const tokenOf = (partyId: string) => signOverviewToken(partyId, hashFormKey(stack.keyOf(partyId)), SECRET);
const noticeUrl = (partyId: string) => `${stack.url}/overzicht/${tokenOf(partyId)}/mededeling`;

async function get(path: string) {
  const res = await fetch(`${stack.url}${path}`);
  return { status: res.status, html: await res.text() };
}

async function postForm(url: string, fields: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location') ?? '', html: await res.text() };
}

const rowIds = (html: string) => [...html.matchAll(/data-row="([^"]+)"/g)].map((m) => m[1]);
const row = (html: string, id: string) => {
  const start = html.indexOf(`data-row="${id}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</li>', start));
};
const to = (partyId: string) => (e: StoredEmail) => e.destination.to[0] === stack.party(partyId).email;

const TEXT = 'Donderdagochtend om 8.30 uur controleren wij samen met de school de kluisjes in gang C.';
let noticeId: string;

describe('The wijkagent tells the school first (art. 7)', () => {
  it('the wijkagent’s overview has the form, with the schools of its wijk and those that chose it', async () => {
    const page = await get(`/overzicht/${tokenOf('wijkagent-oost')}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('De school vooraf iets laten weten (artikel 7)');
    const schools = [...page.html.matchAll(/name="school" id="school-([^"]+)"/g)].map((m) => m[1]);
    expect(schools).toEqual([OWN, SCHOOL]);
    // The wijkagent of Binnenstad: its only school chose another wijkagent.
    const binnenstad = await get(`/overzicht/${tokenOf('wijkagent-binnenstad')}`);
    expect(binnenstad.html).toContain('Er staat geen school in uw wijk in het adresboek');
    // Other parties have no such form.
    expect((await get(`/overzicht/${tokenOf('jou')}`)).html).not.toContain('data-mededeling');
    expect((await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}`)).html).not.toContain(
      'data-mededeling',
    );
  });

  it('bad input is a 400 problem in Dutch, naming every field; personal data is refused', async () => {
    const empty = await postJson(noticeUrl('wijkagent-oost'), {});
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    expect(empty.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
      'school',
      'soort',
      'text',
    ]);
    expect(empty.body.invalidParams.find((p: { name: string }) => p.name === 'soort').reason).toContain(
      'Kies wat voor bericht het is',
    );
    const unknown = await postJson(noticeUrl('wijkagent-oost'), {
      school: SCHOOL,
      soort: 'kluiscontrole',
      text: TEXT,
      leerling: 'x',
    });
    expect(unknown.status).toBe(400);

    const named = await postJson(noticeUrl('wijkagent-oost'), {
      school: SCHOOL,
      soort: 'aanhouding',
      text: 'Morgen halen wij Jan de Vries uit de klas, bel 06-12345678 als er iets is.',
    });
    expect(named.status).toBe(400);
    expect(named.body.type).toMatch(/\/persoonsgegevens$/);
    expect(named.body.invalidParams[0].name).toBe('text');

    const elsewhere = await postJson(noticeUrl('wijkagent-oost'), {
      school: 'demo-mavo-overvecht',
      soort: 'surveillance',
      text: TEXT,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.invalidParams[0]).toMatchObject({ name: 'school' });
    expect(elsewhere.body.invalidParams[0].reason).toContain('Kies een school uit de lijst');
  });

  it('only a wijkagent may send one, through a valid overview link', async () => {
    const body = { school: SCHOOL, soort: 'surveillance', text: TEXT };
    const jou = await postJson(noticeUrl('jou'), body);
    expect(jou.status).toBe(403);
    expect(jou.body.detail).toContain('Alleen de wijkagent');
    const tampered = await postJson(
      `${stack.url}/overzicht/${tokenOf('wijkagent-oost').slice(0, -3)}abc/mededeling`,
      body,
    );
    expect(tampered.status).toBe(401);
    const form = await postForm(`${stack.url}/overzicht/zomaar/mededeling`, body);
    expect(form.status).toBe(401);
    expect(form.html).toContain('Deze link werkt niet (meer)');
    await stack.drain();
    expect((await stack.emails()).filter(to(SCHOOL))).toHaveLength(0);
  });

  it('a form post without JavaScript with errors shows the overview again, values kept, errors at the fields', async () => {
    const res = await postForm(noticeUrl('wijkagent-oost'), {
      idempotencyKey: 'mededeling-fout-0001',
      school: SCHOOL,
      text: 'Kort',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('Controleer het formulier');
    expect(res.html).toContain('Kies wat voor bericht het is');
    expect(res.html).toContain('Schrijf kort wat er gaat gebeuren');
    expect(res.html).toMatch(/id="school-lyceum-de-proefhoek" value="lyceum-de-proefhoek" checked/);
    expect(res.html).toContain('>Kort</textarea>');
  });

  it('a notice is stored once, emailed to the school, and on both overviews', async () => {
    const fields = {
      idempotencyKey: 'mededeling-form-0001',
      school: SCHOOL,
      soort: 'kluiscontrole',
      text: TEXT,
    };
    const sent = await postForm(noticeUrl('wijkagent-oost'), fields);
    expect(sent.status).toBe(303);
    const match = sent.location.match(/^\/overzicht\/[^?]+\?verstuurd=(P-\d{8}-\w+)$/);
    expect(match).not.toBeNull();
    noticeId = match?.[1] ?? '';
    // A double click: the same notice, no second email.
    const again = await postForm(noticeUrl('wijkagent-oost'), fields);
    expect(again.location).toBe(sent.location);

    const after = await get(sent.location);
    expect(after.html).toContain(`Uw bericht ${noticeId} is verstuurd aan ${stack.party(SCHOOL).name}`);
    const mine = row(after.html, noticeId);
    expect(mine).toContain('Controle van kluisjes');
    expect(mine).toContain('Verstuurd aan de school');
    expect(mine).toContain('kluisjes in gang C');

    const [email] = await stack.waitForEmails((e) => e.subject.includes(`[${noticeId}]`) && to(SCHOOL)(e), 1);
    expect(email?.subject).toMatch(/^Bericht van de wijkagent: controle van kluisjes/);
    expect(email?.body.text).toContain('kluisjes in gang C');
    expect(email?.body.text).toContain('artikel 7');
    expect(email?.body.text).toMatch(/\/overzicht\/o1\./);
    expect(email?.body.text).not.toMatch(/\/acties\//);
    await stack.drain();
    expect((await stack.emails()).filter((e) => e.subject.includes(`[${noticeId}]`))).toHaveLength(1);

    const school = await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}`);
    const received = row(school.html, noticeId);
    expect(received).toContain(stack.party('wijkagent-oost').name);
    expect(received).toContain('kluisjes in gang C');
    const filtered = await get(
      `/overzicht?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}&soort=mededeling`,
    );
    expect(rowIds(filtered.html)).toEqual([noticeId]);
    // Another school of the same wijkagent does not see it.
    expect(rowIds((await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf(OWN))}`)).html)).toEqual(
      [],
    );
  });

  it('JSON clients get 201 with the reference; a replay with the same key the same answer, marked replayed', async () => {
    const body = {
      school: OWN,
      soort: 'surveillance',
      text: 'Deze week rijden wij na schooltijd vaker langs het fietsenhok.',
    };
    const first = await postJson(noticeUrl('wijkagent-oost'), body, {
      'Idempotency-Key': 'mededeling-json-0001',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'verstuurd', notified: [OWN] });
    const replay = await postJson(noticeUrl('wijkagent-oost'), body, {
      'Idempotency-Key': 'mededeling-json-0001',
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    await stack.waitForEmails((e) => e.subject.includes(`[${first.body.id}]`) && to(OWN)(e), 1);
  });
});
