import type { CovenantStore } from '../adapters/store.js';
import { ClientError } from '../domain/errors.js';
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
  if (typeof request.formKey === 'string' && request.formKey !== '') {
    checks.push([
      `key#${sha256(request.formKey).slice(0, 32)}`,
      limits.perKeyPerMinute,
      'met deze formuliersleutel',
    ]);
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
