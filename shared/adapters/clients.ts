import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppConfig } from './config.js';
import { abandonGuard } from './invocation.js';
import { ActionLinks } from './links.js';
import { SesMailer } from './mailer.js';
import { CovenantStore } from './store.js';

export interface Clients {
  store: CovenantStore;
  mailer: SesMailer;
  links: ActionLinks;
}

/**
 * Builds the AWS clients once per container. Locally the endpoints point at DynamoDB Local and the
 * SES emulator; in AWS they are unset and the SDK uses the regional endpoints and the role's credentials.
 */
export function buildClients(config: AppConfig, now: () => Date = () => new Date()): Clients {
  const local = config.DDB_ENDPOINT || config.SES_ENDPOINT;
  const credentials = local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
  const ddb = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DDB_ENDPOINT ? { endpoint: config.DDB_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: 3,
  });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  const ses = new SESClient({
    region: config.AWS_REGION,
    ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: 2,
  });
  // Only a function that signs or checks links and has no key in its environment ever makes this client.
  let secrets: SecretsManagerClient | undefined;
  const secretsClient = () => {
    secrets ??= new SecretsManagerClient({ region: config.AWS_REGION, maxAttempts: 3 });
    return secrets;
  };
  // An invocation abandoned at its deadline makes no further AWS call (see invocation.ts).
  for (const client of [ddb, ses]) client.middlewareStack.add(abandonGuard.middleware, abandonGuard.options);
  const store = new CovenantStore(doc, config.TABLE_NAME);
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
    links: new ActionLinks(config, secretsClient, now),
  };
}
