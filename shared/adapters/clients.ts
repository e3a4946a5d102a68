import type { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppConfig } from './config.js';
import { type DynamoStore, dynamoStore } from './dynamodb/index.js';
import { abandonGuard } from './invocation.js';
import { type LinkKeySource, secretsManagerLinkKeys, staticLinkKeys } from './link-keys.js';
import { ActionLinks } from './links.js';
import { SesMailer } from './mailer.js';

export interface Clients {
  store: DynamoStore;
  mailer: SesMailer;
  links: ActionLinks;
}

/**
 * Builds the AWS clients once per container. Locally the endpoints point at DynamoDB Local and the
 * SES emulator; in AWS they are unset and the SDK uses the regional endpoints and the role's credentials.
 */
export function buildClients(
  config: AppConfig,
  now: () => Date = () => new Date(),
  tracer?: Tracer,
): Clients {
  // X-Ray subsegments around every AWS call (a no-op outside Lambda, where tracing is off).
  const traced = <T>(client: T): T => (tracer ? tracer.captureAWSv3Client(client) : client);
  const local = config.DDB_ENDPOINT || config.SES_ENDPOINT;
  const credentials = local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
  const ddb = traced(
    new DynamoDBClient({
      region: config.AWS_REGION,
      ...(config.DDB_ENDPOINT ? { endpoint: config.DDB_ENDPOINT } : {}),
      ...(credentials ? { credentials } : {}),
      maxAttempts: 3,
    }),
  );
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  const ses = traced(
    new SESClient({
      region: config.AWS_REGION,
      ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
      ...(credentials ? { credentials } : {}),
      maxAttempts: 2,
    }),
  );
  // Only a function that signs or checks links and has no key in its environment ever makes this client.
  let keys: LinkKeySource | undefined;
  const linkKeys = () => {
    keys ??= config.ACTION_LINK_SECRET
      ? staticLinkKeys(config.ACTION_LINK_SECRET)
      : secretsManagerLinkKeys(
          config.ACTION_LINK_SECRET_ARN as string,
          traced(new SecretsManagerClient({ region: config.AWS_REGION, maxAttempts: 3 })),
          config.ACTION_LINK_SECRET_MAX_AGE_SECONDS,
        );
    return keys;
  };
  // An invocation abandoned at its deadline makes no further AWS call (see invocation.ts).
  for (const client of [ddb, ses]) client.middlewareStack.add(abandonGuard.middleware, abandonGuard.options);
  // Every repository on the one table; the use cases see only the ports (shared/app/ports.ts).
  const store = dynamoStore(doc, config.TABLE_NAME);
  return {
    store,
    mailer: new SesMailer(
      ses,
      config.SENDER_EMAIL,
      config.SES_CONFIGURATION_SET,
      config.SES_SEND_RATE_PER_SECOND,
      // One pace for the account, whatever the number of containers sending (ADR 0002).
      { reserve: (nowMs, intervalMs) => store.reserveSendSlot(nowMs, intervalMs) },
    ),
    links: new ActionLinks(config, linkKeys, now),
  };
}
