import { describe, expect, it } from 'vitest';
import { type ActionClaims, signToken, verifyToken } from '../../shared/domain/signing.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-0001';
const NOW = 1_800_000_000;
const claims: ActionClaims = {
  a: 'terugkoppeling',
  s: 'M-20261127-ABCDEFGH',
  p: 'wijkagent-oost',
  i: NOW,
  e: NOW + 86_400,
  n: 'nonce123',
};

const reencode = (token: string, change: Partial<ActionClaims>) => {
  const [v, payload, sig] = token.split('.') as [string, string, string];
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return `${v}.${Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url')}.${sig}`;
};

describe('Signed links', () => {
  it('verifies its own token and gives the claims back', () => {
    const token = signToken(claims, SECRET);
    expect(verifyToken(token, SECRET, NOW + 10)).toEqual({ ok: true, claims });
  });

  it.each([
    ['action', { a: 'status' as const }],
    ['subject', { s: 'M-20261127-ZZZZZZZZ' }],
    ['party', { p: 'wijkagent-west' }],
    ['expiry', { e: NOW + 10 * 86_400 }],
    ['issue time', { i: NOW - 10 }],
    ['nonce', { n: 'other' }],
  ])('refuses a token whose %s was changed', (_part, change) => {
    const token = reencode(signToken(claims, SECRET), change);
    expect(verifyToken(token, SECRET, NOW + 10)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a token signed with another key, a cut or garbled one, and one that is too long', () => {
    const token = signToken(claims, SECRET);
    expect(verifyToken(signToken(claims, `${SECRET}x`), SECRET, NOW).ok).toBe(false);
    expect(verifyToken(token.slice(0, -1), SECRET, NOW)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyToken(token.split('.').slice(0, 2).join('.'), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyToken(`v2${token.slice(2)}`, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken('x'.repeat(700), SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a correctly signed token with claims of the wrong shape', () => {
    const token = signToken({ ...claims, a: 'beheer' as never }, SECRET);
    expect(verifyToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('expires, with a minute of tolerance for clocks that differ', () => {
    const token = signToken(claims, SECRET);
    expect(verifyToken(token, SECRET, claims.e + 59).ok).toBe(true);
    expect(verifyToken(token, SECRET, claims.e + 61)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is not valid before it was issued, beyond the same tolerance', () => {
    const token = signToken(claims, SECRET);
    expect(verifyToken(token, SECRET, NOW - 59).ok).toBe(true);
    expect(verifyToken(token, SECRET, NOW - 61)).toEqual({ ok: false, reason: 'not-yet-valid' });
  });

  it('makes every link unique by its nonce', () => {
    const { n: _n, ...rest } = claims;
    expect(signToken(rest, SECRET)).not.toBe(signToken(rest, SECRET));
  });
});

describe('Signed links: only the canonical signature', () => {
  it('refuses a signature with stray characters, padding or spare bits changed', () => {
    const token = signToken(claims, SECRET);
    const [v, payload, sig] = token.split('.') as [string, string, string];
    const last = sig.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The same bytes with the spare low bits of the last character set differently.
    const sibling = alphabet[(alphabet.indexOf(last) ^ 1) % 64] as string;
    for (const variant of [
      `${sig}=`,
      `${sig}!`,
      ` ${sig}`,
      `${sig.slice(0, 5)}*${sig.slice(5)}`,
      `${sig.slice(0, -1)}${sibling}`,
    ]) {
      expect(verifyToken(`${v}.${payload}.${variant}`, SECRET, NOW + 10).ok, variant).toBe(false);
    }
    expect(verifyToken(token, SECRET, NOW + 10).ok).toBe(true);
  });
});
