import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { addWorkingDays } from '../../shared/domain/working-days.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/** Text SES cannot carry is refused (or normalised) on every route, answers included. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const UNSAFE = ['lone \ud800 surrogaat', 'nul\u0000teken', 'belteken\u0007', 'omgekeerd \u202Etxet'];

const melding = (description: string) => ({
  formKey: stack.keyOf('het-voorbeeldcollege'),
  category: 'zorgsignaal',
  location: 'schoolgebouw',
  occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
  description,
});

describe('Text email cannot carry', () => {
  it('is refused with a Dutch 400 that names the field, on every submission route', async () => {
    for (const text of UNSAFE) {
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['/api/meldingen', melding(`Een leerling is al weken stil, ${text}.`), 'description'],
        [
          '/api/voorlichtingen',
          {
            formKey: stack.keyOf('het-voorbeeldcollege'),
            provider: 'jou',
            theme: `Groepsvorming ${text}`,
            audience: ['leerlingen'],
            groupSize: 30,
            preferredDates: [addWorkingDays(amsterdamDate(stack.now()), 15)],
          },
          'theme',
        ],
        [
          '/api/beeindigingen',
          { formKey: stack.keyOf('het-voorbeeldcollege'), reason: `Wij stoppen ${text}.` },
          'reason',
        ],
      ];
      for (const [route, body, field] of cases) {
        const res = await postJson(`${stack.url}${route}`, JSON.stringify(body));
        expect(res.status, `${route} ${JSON.stringify(text)}`).toBe(400);
        expect(res.body.invalidParams[0].name).toBe(field);
        expect(res.body.invalidParams[0].reason).toMatch(/e-mail|teken/);
      }
    }
    // A lone surrogate as JSON text, the way a client sends it.
    const raw = await postJson(
      `${stack.url}/api/meldingen`,
      JSON.stringify(melding('Een leerling is stil.')).replace('is stil.', 'is stil \\ud800.'),
    );
    expect(raw.status).toBe(400);
  });

  it('is refused in answers through a signed link too, and invisible characters are dropped, not refused', async () => {
    const res = await postJson(
      `${stack.url}/api/meldingen`,
      melding('Een leerling\u200B is al weken stil\uFEFF.'),
    );
    expect(res.status).toBe(201);
    const about = (e: StoredEmail) => e.subject.includes(`[${res.body.id}]`);
    const emails = await stack.waitForEmails(about, 2);
    const toPartner = emails.find((e) => !e.destination.to[0]?.includes('voorbeeldcollege'));
    expect(toPartner?.body.text).toContain('Een leerling is al weken stil.');
    const lines = (toPartner?.body.text ?? '').split('\n');
    const url = lines.find((l) => l.includes('/acties/')) ?? '';
    const token = url.slice(url.indexOf('/acties/') + '/acties/'.length).trim();
    expect(token).not.toBe('');
    const page = await fetch(`${stack.url}/acties/${token}`);
    expect(page.status).toBe(200);
    for (const text of UNSAFE) {
      const answer = await postJson(`${stack.url}/api/acties/${token}`, {
        opmerking: text,
        toelichting: text,
      });
      expect(answer.status, JSON.stringify(text)).toBe(400);
      expect(JSON.stringify(answer.body)).toMatch(/teken/);
    }
  });
});
