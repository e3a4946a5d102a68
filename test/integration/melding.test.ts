import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validMelding } from '../support/bodies.js';
import { TODAY } from '../support/clock.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const melding = (formKey: string, overrides: Record<string, unknown> = {}) =>
  validMelding(formKey, stack.now(), overrides);
/** A winter morning a year before the suite's today: in the past on any clock, and in CET (UTC+1). */
const LAST_WINTER = `${Number(TODAY.slice(0, 4)) - 1}-01-20`;

const about = (id: string) => (e: StoredEmail) => e.subject.includes(`[${id}]`);

describe('Melding: from a form post to the inboxes', () => {
  const cases = [
    {
      school: 'lyceum-de-proefhoek',
      fields: { category: 'strafbaar-feit', subcategory: 'diefstal', aangifteOverwogen: true },
      expected: { 'wijkagent-oost': ['wijkagent.oost@politie.example.org', 'artikel 3a'] },
      subject: 'Melding strafbaar feit (diefstal) – Lyceum De Proefhoek, wijk Oost',
    },
    {
      school: 'demo-mavo-overvecht',
      fields: { category: 'onveilige-situatie', subcategory: 'online-pesten', aangifteOverwogen: undefined },
      expected: { 'wijkagent-overvecht': ['wijkagent.overvecht@politie.example.org', 'artikel 3a'] },
      subject:
        'Melding onveilige situatie (online pesten (social media)) – Demo Mavo Overvecht, wijk Overvecht',
    },
    {
      school: 'lyceum-de-proefhoek',
      fields: {
        category: 'overlast-omgeving',
        subcategory: undefined,
        aangifteOverwogen: undefined,
        location: 'directe-omgeving',
      },
      expected: {
        jou: ['schooljongerenwerk@jou.example.org', 'artikel 18'],
        'gebiedsmanager-oost': ['veiligheid.oost@gemeente.example.org', 'artikel 12b'],
        'wijkagent-oost': ['wijkagent.oost@politie.example.org', 'artikel 4'],
      },
      subject: 'Melding overlast in de omgeving van de school – Lyceum De Proefhoek, wijk Oost',
    },
    {
      school: 'vso-de-oefenboom',
      fields: { category: 'zorgsignaal', subcategory: undefined, aangifteOverwogen: undefined },
      expected: { 'buurtteam-vo': ['vo-team@buurtteam.example.org', 'artikel 3h, 19'] },
      subject: 'Melding zorgsignaal – VSO De Oefenboom, wijk Zuid',
    },
    {
      school: 'mbo-vakcollege-fictief',
      fields: { category: 'zorgsignaal', subcategory: undefined, aangifteOverwogen: undefined },
      expected: { 'buurtteam-mbo': ['mbo-team@buurtteam.example.org', 'artikel 3h, 19'] },
      subject: 'Melding zorgsignaal – MBO Vakcollege Fictief, wijk Zuidwest',
    },
  ] as const;

  for (const c of cases) {
    it(`routes ${c.fields.category} from ${c.school} to ${Object.keys(c.expected).join(', ')} and confirms to the school`, async () => {
      // Prepare
      const body = melding(stack.keyOf(c.school), c.fields);

      // Act
      const res = await postJson(`${stack.url}/api/meldingen`, body);

      // Assess: the response
      expect(res.status).toBe(201);
      expect(res.body.id).toMatch(/^M-\d{8}-[0-9A-Z]{8}$/);
      expect(res.body.status).toBe('ontvangen');
      expect([...res.body.notified].sort()).toEqual(Object.keys(c.expected).sort());

      // Assess: one email per recipient plus the school's confirmation, within seconds
      const recipients = Object.values(c.expected).map(([email]) => email);
      const schoolEmail = stack.party(c.school).email;
      const emails = await stack.waitForEmails(about(res.body.id), recipients.length + 1);
      expect(emails.map((e) => e.destination.to[0]).sort()).toEqual([...recipients, schoolEmail].sort());
      for (const [partyId, [address, article]] of Object.entries(c.expected)) {
        const email = emails.find((e) => e.destination.to[0] === address);
        expect(email?.subject).toBe(`${c.subject} [${res.body.id}]`);
        expect(email?.body.text).toContain(body.description);
        expect(email?.body.text).toContain(article);
        expect(email?.body.text).toContain(`Referentie: ${res.body.id}`);
        expect(email?.body.html).toContain(res.body.id);
        expect(email?.body.text).toContain(`Beste ${stack.party(partyId).contactName}`);
      }
      const confirmation = emails.find((e) => e.destination.to[0] === schoolEmail);
      expect(confirmation?.subject).toBe(
        `Bevestiging ${c.subject[0]?.toLowerCase()}${c.subject.slice(1)} [${res.body.id}]`,
      );
      for (const [partyId, [, article]] of Object.entries(c.expected)) {
        expect(confirmation?.body.text).toContain(`${stack.party(partyId).name}`);
        expect(confirmation?.body.text).toContain(article);
      }

      // Assess: what is stored — the routing decision with its articles, and every outbox item sent
      const stored = await stack.app.runtime.clients.store.getSubmission<Record<string, any>>(res.body.id);
      expect(stored?.school.id).toBe(c.school);
      expect(stored?.gsi1pk).toBe(`melding#${stack.party(c.school).wijk}`);
      expect(stored?.ttl).toBeGreaterThan(stack.now().getTime() / 1000 + 365 * 86_400);
      expect(
        Object.fromEntries(
          ((stored?.recipients ?? []) as Array<{ partyId: string; article: string }>).map((r) => [
            r.partyId,
            r.article,
          ]),
        ),
      ).toEqual(
        Object.fromEntries(
          Object.entries(c.expected).map(([id, [, article]]) => [id, article.replace('artikel ', '')]),
        ),
      );
      await stack.drain();
      for (const id of [...Object.keys(c.expected), c.school]) {
        const item = await stack.app.runtime.clients.store.getItem({
          pk: `SUB#${res.body.id}`,
          sk: `OUT#${id}`,
        });
        expect(item?.status).toBe('sent');
        expect(item?.attempts).toBe(1);
      }
    });
  }
});

describe('Melding: idempotency', () => {
  it('answers a repeat with the same key and body with the same id and sends nothing new', async () => {
    const body = melding(stack.keyOf('het-voorbeeldcollege'));
    const first = await postJson(`${stack.url}/api/meldingen`, body, {
      'Idempotency-Key': 'herhaal-test-0001',
    });
    expect(first.status).toBe(201);
    await stack.waitForEmails(about(first.body.id), 2);

    const again = await postJson(`${stack.url}/api/meldingen`, body, {
      'Idempotency-Key': 'herhaal-test-0001',
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await stack.drain();
    expect((await stack.emails()).filter(about(first.body.id))).toHaveLength(2);
  });

  it('accepts the key in the idempotencyKey field as well', async () => {
    const body = { ...melding(stack.keyOf('het-voorbeeldcollege')), idempotencyKey: 'veld-sleutel-0001' };
    const first = await postJson(`${stack.url}/api/meldingen`, body);
    const again = await postJson(`${stack.url}/api/meldingen`, body);
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses the same key with a different body with 422 and sends nothing for it', async () => {
    const key = { 'Idempotency-Key': 'herhaal-test-0002' };
    const first = await postJson(
      `${stack.url}/api/meldingen`,
      melding(stack.keyOf('het-voorbeeldcollege')),
      key,
    );
    expect(first.status).toBe(201);
    const changed = melding(stack.keyOf('het-voorbeeldcollege'), { subcategory: 'vernieling' });
    const conflict = await postJson(`${stack.url}/api/meldingen`, changed, key);
    expect(conflict.status).toBe(422);
    expect(conflict.body.type).toBe(
      'https://veiligschool.example.org/problemen/idempotentiesleutel-hergebruikt',
    );
    expect(conflict.body.invalidParams[0].name).toBe('idempotencyKey');
    expect(conflict.body.detail).toMatch(/al gebruikt/);
  });

  it('without a key, keys by party and body: an identical repeat is the same submission, another body a new one', async () => {
    const body = melding(stack.keyOf('het-voorbeeldcollege'), {
      description: 'Zonder sleutel, twee keer gepost.',
    });
    const a = await postJson(`${stack.url}/api/meldingen`, body);
    const b = await postJson(`${stack.url}/api/meldingen`, body);
    expect(b.body.id).toBe(a.body.id);
    const c = await postJson(`${stack.url}/api/meldingen`, {
      ...body,
      description: 'Zonder sleutel, een andere tekst.',
    });
    expect(c.body.id).not.toBe(a.body.id);
  });
});

describe('Melding: a form post without JavaScript', () => {
  it('redirects with 303 to a confirmation page that shows the reference and who was told', async () => {
    const key = stack.keyOf('lyceum-de-proefhoek');
    const form = new URLSearchParams({
      formKey: key,
      idempotencyKey: 'formulier-0001',
      category: 'strafbaar-feit',
      subcategory: 'vernieling',
      location: 'schoolterrein',
      occurredAt: `${LAST_WINTER}T08:15`,
      description: 'Twee fietsen op het schoolplein zijn vernield.',
      aangifteOverwogen: 'true',
    });
    const res = await fetch(`${stack.url}/api/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/formulieren\/bevestiging\/M-\d{8}-[0-9A-Z]{8}\?sleutel=/);
    const page = await (await fetch(`${stack.url}${location}`)).text();
    const id = location.split('/')[3]?.split('?')[0] ?? '';
    expect(page).toContain(id);
    expect(page).toContain('Politie Stad-Utrecht, wijkagent Oost');
    expect(page).toContain('artikel 3a');
    const stored = await stack.app.runtime.clients.store.getSubmission<Record<string, any>>(id);
    // A datetime-local value is Amsterdam time: 08:15 in January is 07:15 UTC.
    expect(stored?.melding.occurredAt).toBe(`${LAST_WINTER}T07:15:00.000Z`);
  });

  it('shows the form again with the values kept and each error next to its field', async () => {
    const key = stack.keyOf('lyceum-de-proefhoek');
    const form = new URLSearchParams({
      formKey: key,
      idempotencyKey: 'formulier-0002',
      category: 'strafbaar-feit',
      location: 'schoolterrein',
      occurredAt: '',
      description: 'Kort <b>vet</b> verhaal over vernieling',
    });
    const res = await fetch(`${stack.url}/api/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('id="subcategory-fout"');
    expect(page).toContain('id="occurredAt-fout"');
    expect(page).toContain('Controleer het formulier');
    expect(page).toContain('Kort &lt;b&gt;vet&lt;/b&gt; verhaal over vernieling');
    expect(page).not.toContain('<b>vet</b>');
    expect(page).toMatch(/value="schoolterrein" checked/);
  });

  it('a garbled hidden key comes back with a reason on top and a fresh key, so sending again works', async () => {
    const key = stack.keyOf('lyceum-de-proefhoek');
    const fields = {
      formKey: key,
      category: 'strafbaar-feit',
      subcategory: 'vernieling',
      location: 'schoolterrein',
      occurredAt: `${LAST_WINTER}T08:20`,
      description: 'Een ruit van de fietsenstalling is ingegooid.',
      aangifteOverwogen: 'true',
    };
    const post = (idempotencyKey: string) =>
      fetch(`${stack.url}/api/meldingen`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, idempotencyKey }),
        redirect: 'manual',
      });
    const res = await post('kort');
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Een verborgen deel van het formulier klopte niet.');
    const fresh = page.match(/name="idempotencyKey" value="([^"]*)"/)?.[1] ?? '';
    expect(fresh).not.toBe('kort');
    expect((await post(fresh)).status).toBe(303);
  });

  it('another school cannot open a confirmation that is not its own', async () => {
    const res = await postJson(`${stack.url}/api/meldingen`, melding(stack.keyOf('lyceum-de-proefhoek')));
    const other = await fetch(
      `${stack.url}/formulieren/bevestiging/${res.body.id}?sleutel=${stack.keyOf('het-voorbeeldcollege')}`,
    );
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('wijkagent Oost');
  });
});

describe('Melding: refused input', () => {
  const url = () => `${stack.url}/api/meldingen`;

  it('401 without a form key, and with an unknown one', async () => {
    const { formKey: _omit, ...withoutKey } = melding('x');
    const missing = await postJson(url(), withoutKey);
    expect(missing.status).toBe(401);
    expect(missing.body.invalidParams[0]).toMatchObject({ name: 'formKey' });
    const unknown = await postJson(url(), melding('onbekende-sleutel-die-niet-bestaat-000'));
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toMatch(/onbekend of ingetrokken/);
  });

  it('403 for a partner that is not a school', async () => {
    const res = await postJson(url(), melding(stack.keyOf('wijkagent-oost')));
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/door een school/);
  });

  it('400 with a Dutch message per field, unknown fields included', async () => {
    const res = await postJson(
      url(),
      melding(stack.keyOf('lyceum-de-proefhoek'), {
        category: 'ruzie',
        location: 'kantine',
        occurredAt: '2099-01-01T10:00',
        naam: 'x',
      }),
    );
    expect(res.status).toBe(400);
    const paths = res.body.invalidParams.map((e: { name: string }) => e.name);
    expect(paths).toEqual(expect.arrayContaining(['category', 'location', 'occurredAt', 'naam']));
    expect(res.body.invalidParams.find((e: { name: string }) => e.name === 'occurredAt').reason).toMatch(
      /toekomst/,
    );
  });

  it('400 naming the field and the kind of personal data, citing article 23', async () => {
    const res = await postJson(
      url(),
      melding(stack.keyOf('lyceum-de-proefhoek'), {
        description: 'De moeder is bereikbaar op 06-12345678, graag terugbellen.',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://veiligschool.example.org/problemen/persoonsgegevens');
    expect(res.body.invalidParams).toHaveLength(1);
    expect(res.body.invalidParams[0].name).toBe('description');
    expect(res.body.detail).toContain('telefoonnummer');
    expect(res.body.detail).toContain('artikel 23');
    expect(res.body.invalidParams[0].found).toEqual([
      { kind: 'telefoonnummer', text: '06-12345678', start: 27, end: 38 },
    ]);
  });

  it('400 for the names of pupils, with the words found', async () => {
    const res = await postJson(
      url(),
      melding(stack.keyOf('lyceum-de-proefhoek'), {
        description: 'Jan de Vries uit 3B wordt gepest door Pietje Puk.',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.invalidParams[0].found.map((f: { text: string }) => f.text)).toEqual([
      'Jan de Vries',
      'Pietje Puk',
    ]);
  });

  it('400 for malformed JSON, 415 for other content types, 413 over the limit', async () => {
    const malformed = await postJson(url(), '{"formKey": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/geen geldige JSON/);
    const xml = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<melding/>',
    });
    expect(xml.status).toBe(415);
    expect((await xml.json()).detail).toMatch(/niet ondersteund/);
    const huge = await postJson(
      url(),
      melding(stack.keyOf('lyceum-de-proefhoek'), { description: 'a'.repeat(40_000) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.detail).toMatch(/te groot/);
  });

  it('stores nothing and sends nothing for refused input', async () => {
    await stack.drain(); // what earlier tests sent is in the store before counting
    const before = (await stack.emails()).length;
    await postJson(url(), melding(stack.keyOf('lyceum-de-proefhoek'), { category: 'onbekend' }));
    await postJson(
      url(),
      melding(stack.keyOf('lyceum-de-proefhoek'), { description: 'mail naar iemand@example.org' }),
    );
    await stack.drain();
    expect((await stack.emails()).length).toBe(before);
  });
});

describe('Health', () => {
  it('answers 200 {"status":"ok"} when the store answers', async () => {
    const res = await fetch(`${stack.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
