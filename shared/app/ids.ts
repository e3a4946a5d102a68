import { createHash, randomBytes } from 'node:crypto';
import { amsterdamDate } from '../domain/time.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random characters a person can read over the phone: no I, L, O or U. */
export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += CROCKFORD[byte % 32];
  return out;
}

/** A reference such as M-20261127-7KQ39TXD: the kind, the Amsterdam date, and 40 random bits. */
export function newReference(prefix: string, now: Date): string {
  const day = amsterdamDate(now).replaceAll('-', '');
  return `${prefix}-${day}-${randomCode(8)}`;
}

export const newFormKey = (): string => randomBytes(24).toString('base64url');

/** A stable JSON text: the same fields in any order give the same hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
