import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RateCounterRepository } from '../app/ports.js';
import type { AppConfig } from './config.js';
import { type DynamoStore, dynamoStore } from './dynamodb/index.js';
import { abandonGuard } from './invocation.js';
import { type LinkKeySource, secretsManagerLinkKeys, staticLinkKeys } from './link-keys.js';
import { ActionLinks } from './links.js';
import { SesMailer } from './mailer.js';

export interface Clients {
  store: DynamoStore;
}

/**
 * Builds the DynamoDB store once per container. Locally the endpoint points at DynamoDB Local; in
 * AWS it is unset and the SDK uses the regional endpoint and the role's credentials. The SES mailer
 * and the signed links are built apart (buildMailer, buildLinks) by the functions that use them, so
 * the others carry no SES or Secrets Manager client in their bundle.
 */
export function buildClients(config: AppConfig): Clients {
  const local = config.DDB_ENDPOINT || config.SES_ENDPOINT;
  const credentials = local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
  const ddb = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DDB_ENDPOINT ? { endpoint: config.DDB_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: 3,
  });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  // An invocation abandoned at its deadline makes no further AWS call (see invocation.ts).
  ddb.middlewareStack.add(abandonGuard.middleware, abandonGuard.options);
  // Every repository on the one table; the use cases see only the ports (shared/app/ports.ts).
  return { store: dynamoStore(doc, config.TABLE_NAME) };
}

/**
 * Signed links, for the functions that sign or check them (acties, notify, the sweeper) only: the
 * Secrets Manager client is made at the first link, and only when the key is not in the environment.
 */
export function buildLinks(config: AppConfig, now: () => Date = () => new Date()): ActionLinks {
  let keys: LinkKeySource | undefined;
  const linkKeys = () => {
    keys ??= config.ACTION_LINK_SECRET
      ? staticLinkKeys(config.ACTION_LINK_SECRET)
      : secretsManagerLinkKeys(
          config.ACTION_LINK_SECRET_ARN as string,
          new SecretsManagerClient({ region: config.AWS_REGION, maxAttempts: 3 }),
          config.ACTION_LINK_SECRET_MAX_AGE_SECONDS,
        );
    return keys;
  };
  return new ActionLinks(config, linkKeys, now);
}

/** The SES client and the mailer, for the functions that send (notify and the sweeper) only. */
export function buildMailer(
  config: AppConfig,
  store: Pick<RateCounterRepository, 'reserveSendSlot'>,
): SesMailer {
  const local = config.DDB_ENDPOINT || config.SES_ENDPOINT;
  const ses = new SESClient({
    region: config.AWS_REGION,
    ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 2,
  });
  // An invocation abandoned at its deadline makes no further AWS call (see invocation.ts).
  ses.middlewareStack.add(abandonGuard.middleware, abandonGuard.options);
  return new SesMailer(
    ses,
    config.SENDER_EMAIL,
    config.SES_CONFIGURATION_SET,
    config.SES_SEND_RATE_PER_SECOND,
    // One pace for the account, whatever the number of containers sending (ADR 0002).
    { reserve: (nowMs, intervalMs) => store.reserveSendSlot(nowMs, intervalMs) },
  );
}
