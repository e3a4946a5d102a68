import { ClientError } from '../domain/errors.js';
import { authenticatingFormKey } from '../domain/fields.js';
import { sha256 } from './ids.js';
import type { RateCounter, RateCounterRepository } from './ports.js';

export interface RateLimits {
  perKeyPerMinute: number;
  perSourcePerMinute: number;
}

/** The counters one request is counted in, with the Dutch words for each, and the seconds left. */
export interface RequestCounters {
  counters: RateCounter[];
  what: string[];
  retryAfter: string;
}

/**
 * The fixed one-minute windows a request counts in: per source address and per form key. Keys and
 * addresses are stored only as hashes, for two minutes.
 */
export function requestCounters(
  limits: RateLimits,
  request: { formKey?: unknown; sourceIp?: string },
  now: Date,
): RequestCounters {
  const nowS = Math.floor(now.getTime() / 1000);
  const windowStartS = nowS - (nowS % 60);
  const out: RequestCounters = { counters: [], what: [], retryAfter: String(windowStartS + 60 - nowS) };
  const add = (bucket: string, limit: number, what: string) => {
    out.counters.push({ bucket, windowStartS, windowSeconds: 60, limit });
    out.what.push(what);
  };
  if (request.sourceIp) {
    add(`ip#${sha256(request.sourceIp).slice(0, 32)}`, limits.perSourcePerMinute, 'vanaf dit adres');
  }
  // Counted as the lookup sees it: " K", "K\n" and "\u00a0K" are the one key K.
  const formKey = authenticatingFormKey(request.formKey);
  if (formKey !== '') {
    add(`key#${sha256(formKey).slice(0, 32)}`, limits.perKeyPerMinute, 'met deze formuliersleutel');
  }
  return out;
}

/** 429 with Retry-After (the seconds left in the window) and a Dutch message naming the limit. */
export const tooManyRequests = (what: string, retryAfter: string): ClientError =>
  new ClientError(
    429,
    [
      {
        path: '',
        message: `Er zijn te veel inzendingen ${what} in korte tijd. Wacht ${retryAfter} seconden en probeer het opnieuw; er is niets dubbel opgeslagen.`,
      },
    ],
    { 'retry-after': retryAfter },
  );

/**
 * Counts a request that is not stored (a refusal, a replay) in its windows, one update each, and
 * refuses it with 429 when a window is over the limit. A stored submission is counted inside its
 * own transaction instead (SubmissionRepository.writeSubmission), so the happy path pays no round trip.
 */
export async function countOutsideTransaction(
  store: RateCounterRepository,
  request: RequestCounters,
): Promise<void> {
  for (const [i, c] of request.counters.entries()) {
    if ((await store.countRequest(c.bucket, c.windowStartS)) > c.limit) {
      throw tooManyRequests(request.what[i] ?? '', request.retryAfter);
    }
  }
}

/** Counts a request before anything else and refuses it with 429 over a limit (two round trips). */
export async function enforceRateLimits(
  store: RateCounterRepository,
  limits: RateLimits,
  request: { formKey?: unknown; sourceIp?: string },
  now: Date,
): Promise<void> {
  await countOutsideTransaction(store, requestCounters(limits, request, now));
}

/** Answers through signed links: per link and per answering party, per hour. */
export const ANSWER_LIMITS = { perLinkPerHour: 10, perPartyPerHour: 60 } as const;

/**
 * Refuses an answer over the limit for its link or its party with 429 and Retry-After: each answer
 * emails the school, so a link cannot be used to flood an inbox. Counted only for new answers.
 */
export async function enforceAnswerLimits(
  store: RateCounterRepository,
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
