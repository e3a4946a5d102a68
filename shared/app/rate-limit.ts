import type { CovenantStore } from '../adapters/store.js';
import { ClientError } from '../domain/errors.js';
import { authenticatingFormKey } from '../domain/fields.js';
import { sha256 } from './ids.js';

export interface RateLimits {
  perKeyPerMinute: number;
  perSourcePerMinute: number;
}

/**
 * Refuses a request over the limit per form key or per source address with 429 and Retry-After
 * (the seconds left in the window). Keys and addresses are stored only as hashes, for two minutes.
 */
export async function enforceRateLimits(
  store: CovenantStore,
  limits: RateLimits,
  request: { formKey?: unknown; sourceIp?: string },
  now: Date,
): Promise<void> {
  const nowS = Math.floor(now.getTime() / 1000);
  const windowStart = nowS - (nowS % 60);
  const retryAfter = String(windowStart + 60 - nowS);
  const checks: Array<[string, number, string]> = [];
  if (request.sourceIp) {
    checks.push([
      `ip#${sha256(request.sourceIp).slice(0, 32)}`,
      limits.perSourcePerMinute,
      'vanaf dit adres',
    ]);
  }
  // Counted as the lookup sees it: " K", "K\n" and "\u00a0K" are the one key K.
  const formKey = authenticatingFormKey(request.formKey);
  if (formKey !== '') {
    checks.push([`key#${sha256(formKey).slice(0, 32)}`, limits.perKeyPerMinute, 'met deze formuliersleutel']);
  }
  for (const [bucket, limit, what] of checks) {
    if ((await store.countRequest(bucket, windowStart)) > limit) {
      throw new ClientError(
        429,
        [
          {
            path: '',
            message: `Er zijn te veel inzendingen ${what} in korte tijd. Wacht ${retryAfter} seconden en probeer het opnieuw; er is niets dubbel opgeslagen.`,
          },
        ],
        { 'retry-after': retryAfter },
      );
    }
  }
}

/** Answers through signed links: per link and per answering party, per hour. */
export const ANSWER_LIMITS = { perLinkPerHour: 10, perPartyPerHour: 60 } as const;

/**
 * Refuses an answer over the limit for its link or its party with 429 and Retry-After: each answer
 * emails the school, so a link cannot be used to flood an inbox. Counted only for new answers.
 */
export async function enforceAnswerLimits(
  store: CovenantStore,
  answer: { nonce: string; partyId: string },
  now: Date,
): Promise<void> {
  const nowS = Math.floor(now.getTime() / 1000);
  const windowStart = nowS - (nowS % 3600);
  const retryAfter = String(windowStart + 3600 - nowS);
  const checks: Array<[string, number, string]> = [
    [`answer-link#${sha256(answer.nonce).slice(0, 32)}`, ANSWER_LIMITS.perLinkPerHour, 'via deze link'],
    [`answer-party#${answer.partyId}`, ANSWER_LIMITS.perPartyPerHour, 'van uw organisatie'],
  ];
  for (const [bucket, limit, what] of checks) {
    if ((await store.countRequest(bucket, windowStart, 3600)) > limit) {
      throw new ClientError(
        429,
        [
          {
            path: '',
            message: `Er zijn te veel antwoorden ${what} in korte tijd. Wacht ${Math.ceil(Number(retryAfter) / 60)} minuten en probeer het opnieuw.`,
          },
        ],
        { 'retry-after': retryAfter },
      );
    }
  }
}
