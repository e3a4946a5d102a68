import type { Links } from '../app/ports.js';
import { type OverviewClaims, signOverviewToken, verifyOverviewToken } from '../domain/overview-token.js';
import { type ActionKind, signToken, type VerifyResult, verifyToken } from '../domain/signing.js';
import { type AppConfig, ConfigurationError } from './config.js';
import type { LinkKeySource } from './link-keys.js';

const DAY_S = 86_400;

/**
 * Makes and checks the signed links in emails. The key comes from the environment on one machine
 * and from AWS Secrets Manager in the cloud (cached for a few minutes). After a rotation, links
 * signed with the previous key still work for ACTION_LINK_GRACE_HOURS.
 */
export class ActionLinks implements Links {
  constructor(
    private readonly config: Pick<
      AppConfig,
      | 'ACTION_LINK_SECRET'
      | 'ACTION_LINK_SECRET_ARN'
      | 'ACTION_LINK_GRACE_HOURS'
      | 'PUBLIC_BASE_URL'
      | 'ANSWER_LINK_DAYS'
      | 'STATUS_LINK_DAYS'
    >,
    private readonly keys: () => LinkKeySource,
    private readonly now: () => Date,
  ) {}

  /** Functions that sign or check links call this at cold start, so a missing key fails at once. */
  assertConfigured(): this {
    if (!this.config.ACTION_LINK_SECRET && !this.config.ACTION_LINK_SECRET_ARN) {
      throw new ConfigurationError(
        'Invalid configuration: set ACTION_LINK_SECRET (local) or ACTION_LINK_SECRET_ARN (AWS)',
      );
    }
    return this;
  }

  private async key(): Promise<string> {
    this.assertConfigured();
    return (await this.keys().current()).value;
  }

  async token(action: ActionKind, subjectId: string, partyId: string): Promise<string> {
    const i = Math.floor(this.now().getTime() / 1000);
    const days = action === 'status' ? this.config.STATUS_LINK_DAYS : this.config.ANSWER_LINK_DAYS;
    return signToken({ a: action, s: subjectId, p: partyId, i, e: i + days * DAY_S }, await this.key());
  }

  async url(action: ActionKind, subjectId: string, partyId: string): Promise<string> {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/acties/${await this.token(action, subjectId, partyId)}`;
  }

  /** The personal overview link of a party, bound to its current form key (see overview-token.ts). */
  async overviewUrl(partyId: string, formKeyHash: string): Promise<string> {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/overzicht/${signOverviewToken(partyId, formKeyHash, await this.key())}`;
  }

  /** Checked with the current key, and within the grace time after a rotation with the previous one. */
  async verifyOverview(token: string): Promise<OverviewClaims | undefined> {
    this.assertConfigured();
    const keys = this.keys();
    const current = await keys.current();
    const claims = verifyOverviewToken(token, current.value);
    if (claims || !current.since) return claims;
    if (this.now().getTime() - current.since.getTime() > this.config.ACTION_LINK_GRACE_HOURS * 3_600_000)
      return undefined;
    const previous = await keys.previous();
    return previous ? verifyOverviewToken(token, previous.value) : undefined;
  }

  async verify(token: string): Promise<VerifyResult> {
    this.assertConfigured();
    const nowMs = this.now().getTime();
    const keys = this.keys();
    const current = await keys.current();
    const result = verifyToken(token, current.value, Math.floor(nowMs / 1000));
    if (result.ok || result.reason !== 'signature' || !current.since) return result;
    // Signed before the last rotation: the previous key still counts, for a set time after it.
    if (nowMs - current.since.getTime() > this.config.ACTION_LINK_GRACE_HOURS * 3_600_000) return result;
    const previous = await keys.previous();
    return previous ? verifyToken(token, previous.value, Math.floor(nowMs / 1000)) : result;
  }
}
