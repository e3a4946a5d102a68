import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type ActionKind, signToken, type VerifyResult, verifyToken } from '../domain/signing.js';
import { type AppConfig, ConfigurationError } from './config.js';

const DAY_S = 86_400;

/**
 * Makes and checks the signed links in emails. The key comes from the environment on one machine
 * and from AWS Secrets Manager in the cloud, fetched once per container and kept in memory.
 */
export class ActionLinks {
  private secret?: Promise<string>;

  constructor(
    private readonly config: Pick<
      AppConfig,
      | 'ACTION_LINK_SECRET'
      | 'ACTION_LINK_SECRET_ARN'
      | 'PUBLIC_BASE_URL'
      | 'ANSWER_LINK_DAYS'
      | 'STATUS_LINK_DAYS'
    >,
    private readonly secrets: () => SecretsManagerClient,
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

  private key(): Promise<string> {
    this.assertConfigured();
    if (this.config.ACTION_LINK_SECRET) return Promise.resolve(this.config.ACTION_LINK_SECRET);
    this.secret ??= this.secrets()
      .send(new GetSecretValueCommand({ SecretId: this.config.ACTION_LINK_SECRET_ARN }))
      .then((out) => {
        if (!out.SecretString || out.SecretString.length < 32)
          throw new Error('action link secret is missing or too short');
        return out.SecretString;
      })
      .catch((error) => {
        this.secret = undefined;
        throw error;
      });
    return this.secret;
  }

  async token(action: ActionKind, subjectId: string, partyId: string): Promise<string> {
    const i = Math.floor(this.now().getTime() / 1000);
    const days = action === 'status' ? this.config.STATUS_LINK_DAYS : this.config.ANSWER_LINK_DAYS;
    return signToken({ a: action, s: subjectId, p: partyId, i, e: i + days * DAY_S }, await this.key());
  }

  async url(action: ActionKind, subjectId: string, partyId: string): Promise<string> {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/acties/${await this.token(action, subjectId, partyId)}`;
  }

  async verify(token: string): Promise<VerifyResult> {
    return verifyToken(token, await this.key(), Math.floor(this.now().getTime() / 1000));
  }
}
