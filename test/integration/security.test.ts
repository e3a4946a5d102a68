import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validMelding } from '../support/bodies.js';
import { TODAY, testClock } from '../support/clock.js';
import { postJson, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    env: { RATE_LIMIT_PER_KEY_PER_MINUTE: '3', RATE_LIMIT_PER_SOURCE_PER_MINUTE: '8' },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const melding = (formKey: string) =>
  validMelding(formKey, stack.now(), {
    category: 'zorgsignaal',
    subcategory: undefined,
    aangifteOverwogen: undefined,
    description: 'Een leerling lijkt zich al weken terug te trekken in de klas.',
  });

/** Each test starts in a minute window of its own (the limits count per whole minute of the clock). */
let minute = 0;
const freshMinute = () => {
  minute += 5;
  stack.clock.set(
    new Date(
      testClock(TODAY, `11:${String(minute).padStart(2, '0')}`)
        .now()
        .getTime(),
    ),
  );
};

describe('Rate limits', () => {
  it('answers 429 with Retry-After over the limit per form key, and then per source', async () => {
    freshMinute();
    const results: Array<{ status: number; retry: string | null; message?: string }> = [];
    for (let i = 0; i < 4; i++) {
      const res = await postJson(`${stack.url}/api/meldingen`, melding(stack.keyOf('het-voorbeeldcollege')));
      results.push({
        status: res.status,
        retry: res.headers.get('retry-after'),
        message: res.body.detail,
      });
    }
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    expect(Number(results[3]?.retry)).toBeGreaterThan(0);
    expect(Number(results[3]?.retry)).toBeLessThanOrEqual(60);
    expect(results[3]?.message).toMatch(/te veel inzendingen met deze formuliersleutel/);

    // Other schools from the same address: allowed until the per-source limit.
    const others = [
      'lyceum-de-proefhoek',
      'demo-mavo-overvecht',
      'vso-de-oefenboom',
      'vso-het-kompas-demo',
      'mbo-vakcollege-fictief',
    ];
    const statuses: number[] = [];
    for (const school of others)
      statuses.push((await postJson(`${stack.url}/api/meldingen`, melding(stack.keyOf(school)))).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
  });

  it('a form post over the limit gets a Dutch page, not JSON', async () => {
    freshMinute();
    for (let i = 0; i < 3; i++)
      expect(
        (await postJson(`${stack.url}/api/meldingen`, melding(stack.keyOf('het-voorbeeldcollege')))).status,
      ).toBe(201);
    const res = await fetch(`${stack.url}/api/meldingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ formKey: stack.keyOf('het-voorbeeldcollege'), category: 'zorgsignaal' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('te veel inzendingen');
  });
});
