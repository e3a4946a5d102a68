import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDutchInput } from '../../shared/domain/time.js';
import { WIJKEN } from '../../shared/domain/wijken.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/** Every log line the product writes during these tests (kept here, not printed), to look for form contents in them. */
const logLines: string[] = [];
const originalWrite = process.stdout.write.bind(process.stdout);
let stack: TestStack;

beforeAll(async () => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const line = String(chunk);
    if (!line.startsWith('{')) return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
    logLines.push(line);
    return true;
  }) as typeof process.stdout.write;
  stack = await startTestStack({ env: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } });
});

afterAll(async () => {
  process.stdout.write = originalWrite;
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
    '${7*7}',
    'null',
    '🙂'.repeat(50),
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

const storedSubmissions = async () => {
  const store = stack.app.runtime.clients.store;
  let count = 0;
  for (const kind of ['melding', 'voorlichting']) {
    for (const wijk of WIJKEN) count += (await store.listSubmissions(`${kind}#${wijk}`, '0', '9')).length;
  }
  return count + (await store.listSubmissions('beeindiging#ALL', '0', '9')).length;
};

describe('Bad input on every POST route (property-based)', () => {
  it('always answers 4xx in the contract’s error shape, never 5xx, and stores nothing', async () => {
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
          // Bodies that could be valid by chance are not the point: make one field surely wrong.
          (body as Record<string, unknown>).onbekendVeld = 'x';
          const text =
            contentType === 'application/x-www-form-urlencoded'
              ? new URLSearchParams(
                  Object.entries(body).map(([k, v]) => [
                    k,
                    v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v),
                  ]),
                ).toString()
              : JSON.stringify(body);
          const res = await fetch(`${stack.url}${route}`, {
            method: 'POST',
            headers: { 'content-type': contentType },
            body: text,
          });
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
        },
      ),
      { numRuns: 150 },
    );
    expect(await storedSubmissions()).toBe(before);
  }, 120_000);

  it('answers 4xx to random bodies on the answer route too', async () => {
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
      { numRuns: 60 },
    );
  });
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

    const logs = logLines.join('');
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
