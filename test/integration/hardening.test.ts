import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDutchInput } from '../../shared/domain/time.js';
import { WIJKEN } from '../../shared/domain/wijken.js';
import { PERSONAL } from '../fixtures/privacy-corpus.js';
import { validBeeindiging, validMelding, validVoorlichting } from '../support/bodies.js';
import { productLogs } from '../support/log-sink.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  // Every level logged: the privacy test below looks for form contents in all of it (productLogs).
  stack = await startTestStack({ env: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } });
});

afterAll(async () => {
  await stack?.stop();
});

const ROUTES = ['/api/meldingen', '/api/voorlichtingen', '/api/beeindigingen'] as const;

/** Values that break naive code: wrong types, long and control-character strings, HTML, line breaks. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ minLength: 3000, maxLength: 5000 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    'a\r\nBcc: x@example.org',
    '\u0000\u0007\u001b[31m',
    '{{7*7}}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, on purpose
    '${7*7}',
    'null',
    '🙂'.repeat(50),
    'Bel de moeder op 06-12345678.',
    'BSN 111222333 staat in het dossier.',
    'Woont op Voorbeeldstraat 12, 3511 AB Utrecht.',
    '2026-02-30',
    '31-12-2099',
    '-1',
    '1e400',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const FIELDS = [
  'formKey',
  'category',
  'subcategory',
  'location',
  'occurredAt',
  'description',
  'aangifteOverwogen',
  'provider',
  'theme',
  'audience',
  'groupSize',
  'preferredDates',
  'remarks',
  'reason',
  'idempotencyKey',
  'naam',
  '__proto__',
  'constructor',
];

const store = () => stack.app.runtime.clients.store;
const storedSubmissions = async () => {
  let count = 0;
  for (const kind of ['melding', 'voorlichting']) {
    for (const wijk of WIJKEN) count += (await store().listSubmissions(`${kind}#${wijk}`, '0', '9')).length;
  }
  return count + (await store().listSubmissions('beeindiging#ALL', '0', '9')).length;
};

const encode = (body: Record<string, unknown>, contentType: string) =>
  contentType === 'application/x-www-form-urlencoded'
    ? new URLSearchParams(
        Object.entries(body).map(([k, v]) => [
          k,
          v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v),
        ]),
      ).toString()
    : JSON.stringify(body);

/** A refusal in the contract's shape: a 4xx problem (RFC 9457) in Dutch, no stack trace. */
async function expectRefusal(res: Response, contentType: string): Promise<void> {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const answer = await res.text();
  if (contentType !== 'application/x-www-form-urlencoded') {
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const parsed = JSON.parse(answer) as {
      status: number;
      title: string;
      detail: string;
      invalidParams?: Array<{ name: string; reason: string }>;
    };
    expect(parsed.status).toBe(res.status);
    expect(parsed.title.length).toBeGreaterThan(5);
    expect(parsed.detail.length).toBeGreaterThan(5);
    for (const e of parsed.invalidParams ?? []) {
      expect(typeof e.name).toBe('string');
      expect(e.reason.length).toBeGreaterThan(5);
    }
  }
  // No stack trace: no "    at fn (file.ts:1:2)" lines, no "TypeError: …".
  expect(answer).not.toMatch(/\n\s+at \S+ \(|\b[A-Z][a-z]+Error: /);
}

describe('Bad input on every POST route (property-based)', () => {
  it('random bodies: always 4xx in the contract’s error shape, never 5xx, and nothing stored', async () => {
    const before = await storedSubmissions();
    const school = stack.keyOf('het-voorbeeldcollege');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.dictionary(fc.constantFrom(...FIELDS), nasty, { maxKeys: 8 }),
        fc.boolean(),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
        async (route, fields, withKey, contentType) => {
          const body = { ...fields, ...(withKey ? { formKey: school } : {}) };
          const res = await fetch(`${stack.url}${route}`, {
            method: 'POST',
            headers: { 'content-type': contentType },
            body: encode(body, contentType),
          });
          await expectRefusal(res, contentType);
        },
      ),
      { numRuns: 100 },
    );
    expect(await storedSubmissions()).toBe(before);
  }, 120_000);

  it('valid bodies with hostile values: a refusal stores nothing, an acceptance stores everything and sends it', async () => {
    const schoolId = 'het-voorbeeldcollege';
    const partnerId = 'halt-utrecht';
    const valid = {
      '/api/meldingen': () => validMelding(stack.keyOf(schoolId), stack.now()),
      '/api/voorlichtingen': () => validVoorlichting(stack.keyOf(schoolId), stack.now()),
      // A partner may announce leaving; the school stays, so the other routes keep working.
      '/api/beeindigingen': () => validBeeindiging(stack.keyOf(partnerId)),
    } as const;
    const before = await storedSubmissions();
    const accepted: Array<{ id: string; route: string }> = [];
    let refused = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(fc.tuple(fc.nat(), nasty), { minLength: 1, maxLength: 2 }),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
        async (route, hostile, contentType) => {
          const body: Record<string, unknown> = { ...valid[route]() };
          const fields = Object.keys(body).filter((k) => k !== 'formKey');
          for (const [i, value] of hostile) body[fields[i % fields.length] as string] = value;
          const key = `fuzz-${++n}-${Date.now()}`;
          const res = await fetch(`${stack.url}${route}`, {
            method: 'POST',
            headers: { 'content-type': contentType, accept: 'application/json', 'idempotency-key': key },
            body: encode(body, contentType),
            redirect: 'manual',
          });
          const party = route === '/api/beeindigingen' ? partnerId : schoolId;
          if (res.status === 201 || res.status === 303) {
            const id =
              res.status === 201
                ? ((await res.json()) as { id: string }).id
                : (res.headers.get('location')?.split('/')[3]?.split('?')[0] ?? '');
            accepted.push({ id, route });
            // Stored whole: the submission, its answer for a retry, an outbox item per recipient.
            expect(await store().getSubmission(id)).toBeDefined();
            expect((await store().getIdempotency(party, key))?.submissionId).toBe(id);
          } else {
            refused++;
            await expectRefusal(res, contentType);
            expect(await store().getIdempotency(party, key)).toBeUndefined();
          }
        },
      ),
      { numRuns: 120 },
    );
    expect(refused).toBeGreaterThan(0);
    expect(await storedSubmissions()).toBe(before + accepted.length);
    // Every accepted submission is delivered: every outbox item sent, none left half-way.
    await stack.drain(60_000);
    for (const { id } of accepted) {
      const emails = (await stack.emails()).filter((e) => e.subject.includes(id));
      expect(emails.length).toBeGreaterThanOrEqual(2);
    }
  }, 240_000);

  it('personal data in any free-text field of a valid body: refused as persoonsgegevens, nothing stored', async () => {
    const before = await storedSubmissions();
    const school = stack.keyOf('het-voorbeeldcollege');
    const cases = [
      ['/api/meldingen', 'description', validMelding(school, stack.now())],
      ['/api/voorlichtingen', 'remarks', validVoorlichting(school, stack.now())],
      ['/api/voorlichtingen', 'theme', validVoorlichting(school, stack.now(), { provider: 'jou' })],
      ['/api/beeindigingen', 'reason', validBeeindiging(stack.keyOf('halt-utrecht'))],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases),
        fc.constantFrom(...PERSONAL.map((p) => p.text)),
        fc.string({ maxLength: 40 }).map((s) => s.replace(/[^a-z ]/gi, '')),
        async ([route, field, body], personal, padding) => {
          const key = `privacy-${randomUUID()}`;
          const res = await postJson(
            `${stack.url}${route}`,
            { ...body, [field]: `Over het voorval: ${padding} ${personal}`.slice(0, 900) },
            { 'Idempotency-Key': key },
          );
          expect({
            status: res.status,
            type: res.body.type,
            field: res.body.invalidParams?.[0]?.name,
          }).toEqual({
            status: 400,
            type: 'https://veiligschool.example.org/problemen/persoonsgegevens',
            field,
          });
        },
      ),
      { numRuns: 60 },
    );
    expect(await storedSubmissions()).toBe(before);
  }, 120_000);

  it('answers 4xx to random tokens on the answer route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.dictionary(fc.string(), nasty, { maxKeys: 4 }),
        async (token, fields) => {
          const res = await postJson(`${stack.url}/api/acties/${encodeURIComponent(token) || 'x'}`, fields);
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers 4xx or records the answer whole for hostile bodies on a valid link', async () => {
    const res = await postJson(
      `${stack.url}/api/meldingen`,
      validMelding(stack.keyOf('lyceum-de-proefhoek'), stack.now()),
    );
    expect(res.status).toBe(201);
    const [toPolice] = await stack.waitForEmails(
      (e) => e.subject.includes(res.body.id) && e.destination.to[0] === 'wijkagent.oost@politie.example.org',
      1,
    );
    const lines = (toPolice?.body.text ?? '').split('\n');
    const link = lines[lines.findIndex((l) => /Vertel de school hoe u de melding oppakt/.test(l)) + 1] ?? '';
    const token = link.slice(link.indexOf('/acties/') + '/acties/'.length);
    expect(token).toMatch(/^v1\./);
    await stack.drain();
    const eventsBefore = (await store().listEvents(res.body.id)).length;
    let recorded = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { handling: fc.oneof(nasty, fc.constantFrom('in-behandeling', 'aangifte-opgenomen')), text: nasty },
          { requiredKeys: [] },
        ),
        fc.dictionary(fc.constantFrom('outcome', 'decision', 'answer', 'onbekend', '__proto__'), nasty, {
          maxKeys: 2,
        }),
        async (fields, extra) => {
          const answer = await postJson(`${stack.url}/api/acties/${token}`, { ...fields, ...extra });
          if (answer.status === 201) recorded++;
          // fast-check may draw the same answer twice: the repeat is a replay (200), stored once.
          else if (answer.status !== 200) {
            expect(answer.status).toBeGreaterThanOrEqual(400);
            expect(answer.status).toBeLessThan(500);
            expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at \S+ \(|\b[A-Z][a-z]+Error: /);
          }
        },
      ),
      { numRuns: 80 },
    );
    // Each accepted answer is one event on the submission; a refused one leaves no trace.
    expect((await store().listEvents(res.body.id)).length).toBe(eventsBefore + recorded);
  }, 120_000);
});

describe('Privacy and addresses', () => {
  it('stores every submission with a retention time, logs none of its free text, and mails only directory addresses', async () => {
    const secretText = 'Kenmerkende beschrijving XJ-unieke-tekst over een kapotte ruit in lokaal 12.';
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      category: 'strafbaar-feit',
      subcategory: 'vernieling',
      location: 'schoolgebouw',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description: secretText,
    });
    expect(res.status).toBe(201);
    const emails = await stack.waitForEmails((e: StoredEmail) => e.subject.includes(res.body.id), 2);
    expect(
      emails.find((e) => e.destination.to[0] === 'wijkagent.oost@politie.example.org')?.body.text,
    ).toContain(secretText);
    await stack.drain();

    const stored = await stack.app.runtime.clients.store.getSubmission<{ ttl: number }>(res.body.id);
    expect(stored?.ttl).toBeGreaterThan(stack.now().getTime() / 1000 + 700 * 86_400);
    const store = stack.app.runtime.clients.store;
    for (const wijk of WIJKEN) {
      for (const item of await store.listSubmissions<{ ttl?: number }>(`melding#${wijk}`, '0', '9'))
        expect(item.ttl).toBeGreaterThan(0);
    }

    const logs = JSON.stringify(productLogs);
    expect(logs).toContain(res.body.id); // the flow was logged…
    expect(logs).not.toContain('XJ-unieke-tekst'); // …without the text the school wrote

    const directory = new Set(stack.app.parties.map((p) => p.party.email));
    for (const email of await stack.emails()) {
      for (const to of [...email.destination.to, ...email.destination.cc, ...email.destination.bcc])
        expect(directory.has(to)).toBe(true);
      expect(email.subject).not.toMatch(/[\r\n]/);
    }
  });
});
