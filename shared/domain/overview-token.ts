import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed link to a party's overview (`/overzicht/<token>`): personal and long-lived, so it has
 * no expiry. It is bound to the party's current form key (a fingerprint of its hash), so rotating
 * that party's key revokes every overview link it was ever sent. The MAC is domain-separated from
 * the action links: an action token is never an overview token, and the other way round.
 */
export interface OverviewClaims {
  /** party id */
  p: string;
  /** fingerprint of the party's form key hash at signing time */
  k: string;
}

const VERSION = 'o1';
const MAX_TOKEN_LENGTH = 300;
const DOMAIN = 'overzicht|';

const mac = (secret: string, data: string) =>
  createHmac('sha256', secret).update(`${DOMAIN}${data}`, 'utf8').digest();

/** The part of the form key hash a token carries: enough to notice a rotation, useless to guess the key. */
export const keyFingerprint = (formKeyHash: string): string => formKeyHash.slice(0, 16);

export function signOverviewToken(partyId: string, formKeyHash: string, secret: string): string {
  const claims: OverviewClaims = { p: partyId, k: keyFingerprint(formKeyHash) };
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  const signed = `${VERSION}.${payload}`;
  return `${signed}.${mac(secret, signed).toString('base64url')}`;
}

/** The claims of a well-signed token, or undefined. Whether the key is still current is the caller's check. */
export function verifyOverviewToken(token: string, secret: string): OverviewClaims | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) return undefined;
  const expected = mac(secret, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<OverviewClaims>;
    if (typeof claims.p !== 'string' || typeof claims.k !== 'string') return undefined;
    return { p: claims.p, k: claims.k };
  } catch {
    return undefined;
  }
}
