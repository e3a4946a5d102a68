import * as z from './zod.js';

/** A form sends booleans as "true", "on" or "ja"; a missing checkbox means false. */
export const formBoolean = z.pipe(
  z.transform((value: unknown) => {
    if (typeof value !== 'string') return value;
    if (['true', 'on', 'ja', '1'].includes(value)) return true;
    if (['false', 'nee', '0', ''].includes(value)) return false;
    return value;
  }),
  z.boolean({ error: 'Kies ja of nee.' }),
);

/** "a, b of c": the allowed values, for API clients, in a sentence a form user can read past. */
export const list = (values: readonly string[]) =>
  values.length > 1 ? `${values.slice(0, -1).join(', ')} of ${values.at(-1)}` : (values[0] ?? '');

/** Fields every submission form shares: the party's key and an optional idempotency key. */
export const formKeyField = z
  .string({ error: 'De formuliersleutel ontbreekt. Open het formulier via de link van uw organisatie.' })
  .check(
    z.minLength(1, 'De formuliersleutel ontbreekt. Open het formulier via de link van uw organisatie.'),
    z.maxLength(200, 'Deze formuliersleutel is te lang. Open het formulier via de link van uw organisatie.'),
  );

/** The form key as it authenticates: the lookup and the per-key rate limit both count this one. */
export const authenticatingFormKey = (raw: unknown): string => (typeof raw === 'string' ? raw.trim() : '');

/** What an Idempotency-Key (header or hidden form field) may be: 8 to 100 letters, digits, - or _. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

export const idempotencyKeyField = z.optional(
  z
    .string()
    .check(
      z.regex(IDEMPOTENCY_KEY, 'De idempotentiesleutel bestaat uit 8 tot 100 letters, cijfers, - of _.'),
    ),
);

/** The object-level message: an unknown field is named, anything that is not an object is explained. */
export const unknownFieldsError = (what: string) => (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys'
    ? `Onbekend veld: ${(issue.keys ?? []).join(', ')}. Laat dit veld weg.`
    : `Stuur ${what} als een object met velden.`;
