import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIRECTORY } from '../../local/stack.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { signOverviewToken } from '../../shared/domain/overview-token.js';
import { validBeeindiging, validVoorlichting } from '../support/bodies.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * Art. 3d: prevention partners the covenant names for voorlichting (Jellinek, OV Utrecht, ...) are
 * added in the directory file only, as role `voorlichter`: schools can choose them, they are routed
 * to and answer like the fixed providers, and, like the GGD, they are providers and not signatories.
 */
const SECRET = 'providers-secret-providers-secret-012345';
const SCHOOL = 'lyceum-de-proefhoek';
/** Only in this test's directory file: no code knows it. */
const NEW = {
  id: 'weerbaar-demo',
  name: 'Stichting Weerbaar (voorbeeld)',
  kind: 'aanbieder',
  role: 'voorlichter',
  contactName: 'Lotte de Boer-Demo',
  email: 'scholen@weerbaar.example.org',
  voorlichting: { label: 'Stichting Weerbaar (weerbaarheid)', hint: 'Weerbaarheidstraining voor klassen.' },
};
let stack: TestStack;

beforeAll(async () => {
  const directory = JSON.parse(readFileSync(EXAMPLE_DIRECTORY, 'utf8')) as { parties: unknown[] };
  directory.parties.push(NEW);
  const file = join(tmpdir(), `providers-directory-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(directory));
  stack = await startTestStack({ env: { ACTION_LINK_SECRET: SECRET }, directoryFile: file });
});

afterAll(async () => {
  await stack?.stop();
});

const to = (partyId: string) => (e: StoredEmail) => e.destination.to[0] === stack.party(partyId).email;

describe('Voorlichting providers from the directory (art. 3d)', () => {
  let requestId = '';

  it('the form offers the fixed providers and every voorlichter in the directory', async () => {
    const page = await (
      await fetch(`${stack.url}/formulieren/voorlichting?sleutel=${encodeURIComponent(stack.keyOf(SCHOOL))}`)
    ).text();
    const values = [...page.matchAll(/name="provider" id="provider-([^"]+)"/g)].map((m) => m[1]);
    expect(values).toEqual(['halt', 'politie', 'jou', 'ggd', 'jellinek', 'ov-utrecht', NEW.id]);
    expect(page).toContain(NEW.voorlichting.label);
    expect(page).toContain('Weerbaarheidstraining voor klassen.');
  });

  it('a request to it is routed to it, and its answer reaches the school', async () => {
    const res = await postJson(
      `${stack.url}/api/voorlichtingen`,
      validVoorlichting(stack.keyOf(SCHOOL), stack.now(), {
        provider: NEW.id,
        theme: 'Weerbaarheid in de brugklas',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.notified).toEqual([NEW.id]);
    requestId = res.body.id;
    const [email] = await stack.waitForEmails((e) => e.subject.includes(requestId) && to(NEW.id)(e), 1);
    expect(email?.subject).toContain(`Aanvraag voorlichting ${NEW.voorlichting.label}`);
    expect(email?.body.text).toContain('artikel 3d');
    const lines = (email?.body.text ?? '').split('\n');
    const link = lines[lines.findIndex((l) => l.startsWith('Beantwoord de aanvraag')) + 1] ?? '';
    expect(link).toMatch(/\/acties\/v1\./);
    const answered = await postJson(link.replace('/acties/', '/api/acties/'), {
      answer: 'afgewezen',
      reason: 'Wij hebben dit schooljaar geen trainers meer vrij.',
    });
    expect(answered.status).toBe(201);
    const [toSchool] = await stack.waitForEmails(
      (e) => e.subject.includes(requestId) && to(SCHOOL)(e) && !e.subject.startsWith('Bevestiging'),
      1,
    );
    expect(toSchool?.body.text).toContain('geen trainers');

    // On its own overview and in the wijk report, under its own label.
    const overview = await (
      await fetch(
        `${stack.url}/overzicht/${signOverviewToken(NEW.id, hashFormKey(stack.keyOf(NEW.id)), SECRET)}`,
      )
    ).text();
    expect(overview).toContain(`data-row="${requestId}"`);
    const coordinator = signOverviewToken(
      'gemeente-convenant',
      hashFormKey(stack.keyOf('gemeente-convenant')),
      SECRET,
    );
    const report = await (await fetch(`${stack.url}/overzicht/${coordinator}?wijk=Oost`)).text();
    expect(report).toContain(NEW.voorlichting.label);
  });

  it('an id that is not a voorlichter in the directory is refused with a Dutch 400', async () => {
    for (const provider of ['bestaat-niet', 'wijkagent-oost']) {
      const res = await postJson(
        `${stack.url}/api/voorlichtingen`,
        validVoorlichting(stack.keyOf(SCHOOL), stack.now(), { provider, theme: 'Weerbaarheid' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.invalidParams).toEqual([
        expect.objectContaining({ name: 'provider', reason: 'Kies wie de voorlichting geeft.' }),
      ]);
    }
  });

  it('is a provider, not a signatory: it cannot announce a termination and is not told of one', async () => {
    const own = await postJson(`${stack.url}/api/beeindigingen`, validBeeindiging(stack.keyOf(NEW.id)));
    expect(own.status).toBe(403);
    expect(own.body.detail).toContain('niet ondertekend');
    const other = await postJson(`${stack.url}/api/beeindigingen`, validBeeindiging(stack.keyOf('jou')));
    expect(other.status).toBe(201);
    expect(other.body.notified).not.toContain(NEW.id);
    expect(other.body.notified).not.toContain('jellinek');
    expect(other.body.notified).toContain('halt-utrecht');
  });
});
