import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../shared/domain/errors.js';
import { meldingSchema } from '../../shared/domain/melding.js';

const now = () => new Date('2026-11-27T12:00:00Z');
const schema = meldingSchema(now);
const valid = {
  formKey: 'k'.repeat(32),
  category: 'strafbaar-feit',
  subcategory: 'diefstal',
  location: 'schoolgebouw',
  occurredAt: '2026-11-27T10:30',
  description: 'Twee laptops gestolen uit lokaal 2.14.',
  aangifteOverwogen: true,
};

const errorsOf = (input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : toFieldErrors(result.error);
};

describe('Schema: melding', () => {
  it('accepts a complete melding and reads a wall-clock time as Amsterdam time', () => {
    const out = schema.parse(valid);
    expect(out.occurredAt).toBe('2026-11-27T09:30:00.000Z');
    expect(out).not.toHaveProperty('formKey');
    expect(out.aangifteOverwogen).toBe(true);
  });

  it('reads form values: "true" for a checkbox, and no aangifte field outside strafbaar-feit', () => {
    expect(schema.parse({ ...valid, aangifteOverwogen: 'true' }).aangifteOverwogen).toBe(true);
    expect(schema.parse({ ...valid, aangifteOverwogen: undefined }).aangifteOverwogen).toBe(false);
    const zorg = schema.parse({
      ...valid,
      category: 'zorgsignaal',
      subcategory: '',
      aangifteOverwogen: undefined,
    });
    expect(zorg.aangifteOverwogen).toBeUndefined();
    expect(zorg.subcategory).toBeUndefined();
  });

  it.each([
    ['category', { category: 'ruzie' }, /Kies wat voor melding het is/],
    // The user reads labels, never the codes behind them.
    ['subcategory', { subcategory: 'pesten' }, /^Kies wat er gebeurde\.$/],
    [
      'subcategory',
      { category: 'onveilige-situatie', subcategory: 'diefstal', aangifteOverwogen: undefined },
      /^Kies wat er gebeurde\.$/,
    ],
    ['subcategory', { category: 'zorgsignaal', aangifteOverwogen: undefined }, /hoort geen subcategorie/],
    [
      'aangifteOverwogen',
      { category: 'onveilige-situatie', subcategory: 'pesten' },
      /alleen bij een strafbaar feit/,
    ],
    ['location', { location: 'kantine' }, /Kies waar het gebeurde/],
    ['occurredAt', { occurredAt: '27-13-2026' }, /Schrijf de datum als 27-11-2026/],
    ['occurredAt', { occurredAt: '2026-02-30T10:00' }, /bestaat niet/],
    ['occurredAt', { occurredAt: '28-11-2026' }, /toekomst/],
    ['occurredAt', { occurredAt: '2026-11-27T13:30' }, /toekomst/],
    ['description', { description: 'kort' }, /minstens 10 tekens/],
    ['description', { description: 'x'.repeat(2001) }, /hoogstens 2000 tekens/],
    ['naam', { naam: 'Jan' }, /Onbekend veld: naam/],
  ])('refuses a bad %s with a Dutch message that says how to fix it', (path, change, message) => {
    const errors = errorsOf({ ...valid, ...change });
    const error = errors.find((e) => e.path === path);
    expect(error?.message).toMatch(message);
  });

  it('reports every problem at once, dependent fields included', () => {
    const errors = errorsOf({ ...valid, subcategory: undefined, occurredAt: '', description: '' });
    expect(errors.map((e) => e.path).sort()).toEqual(['description', 'occurredAt', 'subcategory']);
  });

  it('tolerates five minutes of clock difference, not more', () => {
    expect(errorsOf({ ...valid, occurredAt: '2026-11-27T12:04:00Z' })).toEqual([]);
    expect(errorsOf({ ...valid, occurredAt: '2026-11-27T12:06:00Z' })[0]?.path).toBe('occurredAt');
  });
});
