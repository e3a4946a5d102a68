import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../shared/handlers/runtime.js';
import type { FunctionName } from '../shared/http/routes.js';
import { CovenantApi } from './constructs/api.js';
import { CovenantFunction } from './constructs/covenant-function.js';
import { CovenantData } from './constructs/data.js';
import { EmailFeedback } from './constructs/email.js';
import { Monitoring } from './constructs/monitoring.js';
import { OutboxSweeper, StreamToNotify } from './constructs/notify.js';
import { DailySchedule } from './constructs/schedules.js';
import { deliverySettings } from './delivery.js';
import { acknowledgeNagFindings } from './nag.js';
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
      RETENTION_IDEMPOTENCY_DAYS: String(settings.retentionIdempotencyDays),
      RATE_LIMIT_PER_KEY_PER_MINUTE: String(settings.rateLimitPerKeyPerMinute),
      RATE_LIMIT_PER_SOURCE_PER_MINUTE: String(settings.rateLimitPerSourcePerMinute),
      MAX_BODY_BYTES: String(settings.maxBodyBytes),
      SES_SEND_RATE_PER_SECOND: String(settings.sesSendRatePerSecond),
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    };
    const make = (name: FunctionName) =>
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
    const sweeper = make('sweeper');
    const delivery = deliverySettings(settings);
    const daily = make('daily');
    const bounces = make('bounces');
    const schedules = new DailySchedule(this, 'Schedules', { fn: daily });
    const email = new EmailFeedback(this, 'Email', { handler: bounces, key: data.key });
    // SES and CloudWatch alarms publish to topics encrypted with the stack's key.
    for (const service of ['ses.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      data.key.grant(new ServicePrincipal(service), 'kms:GenerateDataKey*', 'kms:Decrypt');
    }
    // Notify and the sweeper send; the stack's SES pace is shared between them through the table.
    for (const sender of [notify, sweeper]) {
      sender.addEnvironment('SES_CONFIGURATION_SET', email.configurationSet.configurationSetName);
      sender.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['ses:SendEmail'],
          // Only the sender's own identity (address or domain) and our configuration set.
          resources: [
            `arn:${this.partition}:ses:${this.region}:${this.account}:identity/${settings.senderEmail}`,
            `arn:${this.partition}:ses:${this.region}:${this.account}:identity/${settings.senderEmail.split('@')[1]}`,
            `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${email.configurationSet.configurationSetName}`,
          ],
          conditions: { StringEquals: { 'ses:FromAddress': settings.senderEmail } },
        }),
      );
    }
    // The key for signed links: generated in Secrets Manager, read only by the functions that sign or check links.
    const linkSecret = new Secret(this, 'ActionLinkSecret', {
      description: 'HMAC key for the signed action links in covenant emails',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    for (const fn of [functions.acties, notify, sweeper]) {
      linkSecret.grantRead(fn);
      fn.addEnvironment('ACTION_LINK_SECRET_ARN', linkSecret.secretArn);
    }

    const api = new CovenantApi(this, 'Api', {
      functions,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      logRetention,
    });
    const baseUrl = settings.publicBaseUrl ?? api.api.apiEndpoint;
    for (const fn of [...Object.values(functions), notify, sweeper, daily])
      fn.addEnvironment('PUBLIC_BASE_URL', baseUrl);
    const stream = new StreamToNotify(this, 'StreamToNotify', {
      table: data.table,
      fn: notify,
      delivery,
    });
    const outboxSweeper = new OutboxSweeper(this, 'OutboxSweeper', {
      fn: sweeper,
      delivery,
      metricsNamespace: METRICS_NAMESPACE,
    });
    const monitoring = new Monitoring(this, 'Monitoring', {
      operatorEmail: settings.operatorEmail,
      key: data.key,
      functions: [...Object.values(functions), notify, sweeper, daily, bounces],
      api: api.api,
      deadLetterQueues: {
        FailedNotifications: stream.deadLetterQueue,
        FailedDailyRuns: schedules.deadLetterQueue,
      },
      configurationSetName: email.configurationSet.configurationSetName,
      metricsNamespace: METRICS_NAMESPACE,
      subscriptionDeadLetters: email.subscriptionDeadLetters,
    });
    outboxSweeper.addAgeAlarm(monitoring.topic, delivery);
    acknowledgeNagFindings(this, {
      secret: linkSecret,
      api: api.api,
      deadLetterQueues: [stream.deadLetterQueue, schedules.deadLetterQueue, email.subscriptionDeadLetters],
    });
    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint, description: 'Forms and API' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'FailedNotificationsQueueUrl', { value: stream.deadLetterQueue.queueUrl });
  }
}
