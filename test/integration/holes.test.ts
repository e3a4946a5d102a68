import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_LIMITS } from '../../shared/app/rate-limit.js';
import { formatDutchInput } from '../../shared/domain/time.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/** Holes found by probing (issue 11): each closed, each with its proof. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ env: { RATE_LIMIT_PER_KEY_PER_MINUTE: '3' } });
});

afterAll(async () => {
  await stack?.stop();
});

const melding = (formKey: string, description: string) => ({
  formKey,
  category: 'strafbaar-feit',
  subcategory: 'vernieling',
  location: 'schoolterrein',
  occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
  description,
});

const linkIn = (email: StoredEmail | undefined, label: RegExp) => {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  return url.slice(url.indexOf('/acties/') + '/acties/'.length).trim();
};

describe('Holes closed', () => {
  it('counts the key that authenticates: padded variants of one key share its limit', async () => {
    // At the start of a minute on the stack's clock: the four posts fall in one rate-limit window.
    stack.clock.set(new Date(Math.ceil(stack.now().getTime() / 60_000) * 60_000 + 1_000));
    const key = stack.keyOf('vso-de-oefenboom');
    const statuses: number[] = [];
    for (const [i, variant] of [` ${key}`, `${key}\n`, `\u00a0${key}`, key].entries()) {
      statuses.push(
        (await postJson(`${stack.url}/api/meldingen`, melding(variant, `Fietsen vernield, keer ${i + 1}.`)))
          .status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('treats an identical post without Idempotency-Key as the same submission', async () => {
    const body = melding(stack.keyOf('lyceum-de-proefhoek'), 'Een ruit van het fietsenhok is ingegooid.');
    const first = await postJson(`${stack.url}/api/meldingen`, body);
    const again = await postJson(`${stack.url}/api/meldingen`, body);
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await postJson(`${stack.url}/api/meldingen`, {
      ...body,
      description: 'Nog een ruit ingegooid.',
    });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('answers a malformed path with the 404 page and its security headers', async () => {
    for (const path of ['/acties/%', '/acties/%zz', '/formulieren/bevestiging/%E0%A4%A']) {
      const res = await fetch(`${stack.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('refuses a second termination announcement while one is open, naming the open one', async () => {
    const formKey = stack.keyOf('jou');
    const first = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey,
      reason: 'Wij richten ons werk anders in en kunnen niet meer deelnemen.',
    });
    expect(first.status).toBe(201);
    // The same post again is the same announcement, not a refusal.
    const replay = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey,
      reason: 'Wij richten ons werk anders in en kunnen niet meer deelnemen.',
    });
    expect(replay.body.id).toBe(first.body.id);
    const second = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey,
      reason: 'Nogmaals: wij willen stoppen met het convenant.',
    });
    expect(second.status).toBe(409);
    expect(second.body.type).toMatch(/beeindiging-al-gemeld$/);
    expect(second.body.detail).toContain(first.body.id);
  });

  it('limits answers per link, so one link cannot flood the school with emails', async () => {
    const res = await postJson(
      `${stack.url}/api/meldingen`,
      melding(stack.keyOf('demo-mavo-overvecht'), 'Er is ingebroken in de kantine.'),
    );
    expect(res.status).toBe(201);
    const [forPolice] = await stack.waitForEmails(
      (e) => e.subject.includes(res.body.id) && e.destination.to[0]?.startsWith('wijkagent') === true,
      1,
    );
    const token = linkIn(forPolice, /Vertel de school hoe u de melding oppakt/);
    const statuses: number[] = [];
    for (let i = 0; i <= ANSWER_LIMITS.perLinkPerHour; i++) {
      const answer = await postJson(`${stack.url}/api/acties/${token}`, {
        handling: 'in-behandeling',
        text: `Stand van zaken, update ${i + 1}.`,
      });
      statuses.push(answer.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(ANSWER_LIMITS.perLinkPerHour);
    expect(statuses.at(-1)).toBe(429);
  });
});
