import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { CovenantApi } from './constructs/api.js';
import { CovenantFunction } from './constructs/covenant-function.js';
import { CovenantData } from './constructs/data.js';
import { StreamToNotify } from './constructs/notify.js';
import { DailySchedule } from './constructs/schedules.js';
import type { Settings } from './settings.js';

export interface CovenantStackProps extends StackProps {
  settings: Settings;
}

/** The whole product in one stack, composed of one construct per edge. */
export class CovenantStack extends Stack {
  constructor(scope: Construct, id: string, props: CovenantStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const data = new CovenantData(this, 'Data');
    const logRetention = (RetentionDays as unknown as Record<string, RetentionDays>)[
      Object.keys(RetentionDays).find(
        (k) => (RetentionDays as unknown as Record<string, number>)[k] === settings.logRetentionDays,
      ) ?? 'THREE_MONTHS'
    ] as RetentionDays;
    const environment = {
      SENDER_EMAIL: settings.senderEmail,
      RETENTION_SUBMISSION_DAYS: String(settings.retentionSubmissionDays),
      RETENTION_OUTBOX_DAYS: String(settings.retentionOutboxDays),
    };
    const make = (name: 'intake' | 'pages' | 'health' | 'acties' | 'notify' | 'daily') =>
      new CovenantFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}Function`, {
        name,
        environment,
        logRetention,
      }).bindTable(data.table);
    const functions = {
      intake: make('intake'),
      pages: make('pages'),
      health: make('health'),
      acties: make('acties'),
    };
    const notify = make('notify');
    const daily = make('daily');
    new DailySchedule(this, 'Schedules', { fn: daily });
    // The key for signed links: generated in Secrets Manager, read only by the functions that sign or check links.
    const linkSecret = new Secret(this, 'ActionLinkSecret', {
      description: 'HMAC key for the signed action links in covenant emails',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    for (const fn of [functions.acties, notify]) {
      linkSecret.grantRead(fn);
      fn.addEnvironment('ACTION_LINK_SECRET_ARN', linkSecret.secretArn);
    }
    notify.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/*`],
        conditions: { StringEquals: { 'ses:FromAddress': settings.senderEmail } },
      }),
    );
    const api = new CovenantApi(this, 'Api', {
      functions,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
    });
    const baseUrl = settings.publicBaseUrl ?? api.api.apiEndpoint;
    for (const fn of [...Object.values(functions), notify, daily])
      fn.addEnvironment('PUBLIC_BASE_URL', baseUrl);
    const stream = new StreamToNotify(this, 'StreamToNotify', {
      table: data.table,
      fn: notify,
      retryAttempts: settings.streamRetryAttempts,
    });
    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint, description: 'Forms and API' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'FailedNotificationsQueueUrl', { value: stream.deadLetterQueue.queueUrl });
  }
}
