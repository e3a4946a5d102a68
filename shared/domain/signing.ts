import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed action links: an HMAC-SHA256 over the action, the subject, the party, the issue time and
 * the expiry. Nobody needs an account; whoever holds the link can do exactly that one thing, for that
 * one submission, as that one party, until it expires. See docs/adr/0005-signed-links.md.
 */
export const ACTIONS = [
  'gezien',
  'terugkoppeling',
  'afdoening',
  'voorlichting-antwoord',
  'beeindiging-uitkomst',
  'overleg-plannen',
  'status',
  'verlenging',
  'evaluatie',
  'wijkrapport',
  'contact',
  'gedaan',
] as const;

/**
 * Actions on the covenant calendar: their subject is a term, an evaluation round, a year or a
 * school's yearly duty (`gedaan`, subject `<duty>-<year>`), not a submission.
 */
export const CALENDAR_ACTIONS = ['verlenging', 'evaluatie', 'wijkrapport', 'contact', 'gedaan'] as const;
export type CalendarAction = (typeof CALENDAR_ACTIONS)[number];
export type ActionKind = (typeof ACTIONS)[number];

export interface ActionClaims {
  /** action */
  a: ActionKind;
  /** subject: the submission id */
  s: string;
  /** party id of the holder */
  p: string;
  /** issued at, epoch seconds */
  i: number;
  /** expires at, epoch seconds */
  e: number;
  /** nonce: makes every link unique, and is what "already used" is recorded against */
  n: string;
}

export type VerifyFailure = 'malformed' | 'signature' | 'expired' | 'not-yet-valid';
export type VerifyResult = { ok: true; claims: ActionClaims } | { ok: false; reason: VerifyFailure };

const VERSION = 'v1';
const MAX_TOKEN_LENGTH = 600;

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data, 'utf8').digest();

export function signToken(claims: Omit<ActionClaims, 'n'> & { n?: string }, secret: string): string {
  const full: ActionClaims = { ...claims, n: claims.n ?? randomBytes(9).toString('base64url') };
  const payload = Buffer.from(JSON.stringify(full), 'utf8').toString('base64url');
  const signed = `${VERSION}.${payload}`;
  return `${signed}.${mac(secret, signed).toString('base64url')}`;
}

function isClaims(value: unknown): value is ActionClaims {
  const c = value as Partial<ActionClaims> | null;
  return (
    !!c &&
    typeof c === 'object' &&
    (ACTIONS as readonly string[]).includes(c.a as string) &&
    typeof c.s === 'string' &&
    typeof c.p === 'string' &&
    typeof c.n === 'string' &&
    Number.isInteger(c.i) &&
    Number.isInteger(c.e)
  );
}

/**
 * Checks the signature first (in constant time), then the times: a link is valid from its issue
 * time until its expiry, with `skewSeconds` of tolerance for clocks that differ.
 */
export function verifyToken(
  token: string,
  secret: string,
  nowSeconds: number,
  skewSeconds = 60,
): VerifyResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2])
    return { ok: false, reason: 'malformed' };
  const expected = mac(secret, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2], 'base64url');
  // Only the exact canonical encoding: the decoder skips stray characters and ignores spare bits.
  if (given.toString('base64url') !== parts[2]) return { ok: false, reason: 'signature' };
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.i > nowSeconds + skewSeconds) return { ok: false, reason: 'not-yet-valid' };
  if (claims.e + skewSeconds < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
