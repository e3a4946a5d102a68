import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../shared/handlers/runtime.js';
import type { FunctionName } from '../shared/http/routes.js';
import { CovenantApi } from './constructs/api.js';
import { AsyncFailureDestination } from './constructs/async-failures.js';
import { CovenantFunction } from './constructs/covenant-function.js';
import { CovenantData } from './constructs/data.js';
import { EdgeDistribution } from './constructs/edge.js';
import { EmailBounces } from './constructs/email.js';
import { Monitoring } from './constructs/monitoring.js';
import { OutboxSweeper, StreamToNotify } from './constructs/notify.js';
import { DailySchedule } from './constructs/schedules.js';
import { SenderIdentity } from './constructs/sender-identity.js';
import { deliverySettings } from './delivery.js';
import type { EdgeFirewallStack } from './edge-firewall.js';
import { acknowledgeNagFindings } from './nag.js';
import type { Settings } from './settings.js';

export interface CovenantStackProps extends StackProps {
  settings: Settings;
  /** With the `edge` setting: the WAF (in us-east-1) that CloudFront uses. */
  firewall?: EdgeFirewallStack;
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
      ENVIRONMENT: settings.environment,
      SENDER_EMAIL: settings.senderEmail,
      RETENTION_SUBMISSION_DAYS: String(settings.retentionSubmissionDays),
      RETENTION_OUTBOX_DAYS: String(settings.retentionOutboxDays),
      RETENTION_FREE_TEXT_DAYS: String(settings.retentionFreeTextDays),
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
      }).bindTable(data.table, data.key);
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
    const dailyFailures = new AsyncFailureDestination(this, 'DailyFailures', { fn: daily });
    const bounceFailures = new AsyncFailureDestination(this, 'BounceFailures', { fn: bounces });
    const email = new EmailBounces(this, 'Email', { handler: bounces, key: data.key });
    const sender = settings.createEmailIdentity
      ? new SenderIdentity(this, 'Sender', {
          senderEmail: settings.senderEmail,
          kind: settings.senderIdentity,
        })
      : undefined;
    // SES and CloudWatch alarms publish to topics encrypted with the stack's key, for this account only.
    data.allowServiceToPublish('ses.amazonaws.com', email.configurationSetArn);
    data.allowServiceToPublish(
      'cloudwatch.amazonaws.com',
      `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*`,
    );
    // Notify and the sweeper send; the SES pace is shared between them through the table (ADR 0002).
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
            email.configurationSetArn,
          ],
          conditions: { StringEquals: { 'ses:FromAddress': settings.senderEmail } },
        }),
      );
    }
    // The key for signed links: generated in Secrets Manager, read only by the functions that sign or check links.
    const linkSecret = new Secret(this, 'ActionLinkSecret', {
      description: `HMAC key for the signed action links in covenant emails (${settings.environment})`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    for (const fn of [functions.acties, notify, sweeper]) {
      linkSecret.grantRead(fn);
      fn.addEnvironment('ACTION_LINK_SECRET_ARN', linkSecret.secretArn);
      fn.addEnvironment('ACTION_LINK_GRACE_HOURS', String(settings.linkSecretGraceHours));
    }

    const api = new CovenantApi(this, 'Api', {
      functions,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      logRetention,
      disableExecuteApiEndpoint: settings.edge !== undefined,
    });
    const edge =
      props.firewall && settings.edge
        ? new EdgeDistribution(this, 'Edge', {
            api: api.api,
            webAclArn: props.firewall.webAclArn,
            originDomainName: settings.edge.originDomainName,
            originCertificateArn: settings.edge.originCertificateArn,
            ...(settings.edge.publicDomainName ? { publicDomainName: settings.edge.publicDomainName } : {}),
            ...(settings.edge.publicCertificateArn
              ? { publicCertificateArn: settings.edge.publicCertificateArn }
              : {}),
          })
        : undefined;
    if (edge) functions.intake.addEnvironment('SOURCE_IP_HEADER', edge.viewerAddressHeader);
    const baseUrl = settings.publicBaseUrl ?? edge?.url ?? api.api.apiEndpoint;
    for (const fn of [...Object.values(functions), notify, sweeper, daily])
      fn.addEnvironment('PUBLIC_BASE_URL', baseUrl);
    const stream = new StreamToNotify(this, 'StreamToNotify', {
      table: data.table,
      fn: notify,
      delivery,
      maxRecordAge: Duration.hours(settings.streamMaxRecordAgeHours),
    });
    const outboxSweeper = new OutboxSweeper(this, 'OutboxSweeper', {
      fn: sweeper,
      delivery,
      metricsNamespace: METRICS_NAMESPACE,
      environment: settings.environment,
    });
    const allFunctions = [...Object.values(functions), notify, sweeper, daily, bounces];
    const monitoring = new Monitoring(this, 'Monitoring', {
      environment: settings.environment,
      operatorEmail: settings.operatorEmail,
      key: data.key,
      functions: allFunctions,
      streamConsumer: notify,
      daily,
      table: data.table,
      api: api.api,
      failureQueues: {
        FailedNotifications: stream.deadLetterQueue,
        FailedDailyRuns: schedules.deadLetterQueue,
        FailedDailyInvocations: dailyFailures.queue,
        FailedBounceEvents: bounceFailures.queue,
        UndeliveredSesEvents: email.subscriptionDeadLetters,
      },
      configurationSetName: email.configurationSet.configurationSetName,
      metricsNamespace: METRICS_NAMESPACE,
      subscriptionDeadLetters: email.subscriptionDeadLetters,
    });
    outboxSweeper.addAgeAlarm(monitoring.topic, delivery);
    acknowledgeNagFindings(this, {
      secret: linkSecret,
      api: api.api,
      synchronous: Object.values(functions),
      streamConsumer: notify,
      asynchronous: [daily, bounces],
      scheduled: [sweeper],
      deadLetterQueues: [
        stream.deadLetterQueue,
        schedules.deadLetterQueue,
        email.subscriptionDeadLetters,
        dailyFailures.queue,
        bounceFailures.queue,
      ],
      ...(edge ? { edge } : {}),
    });
    new CfnOutput(this, 'Environment', { value: settings.environment });
    new CfnOutput(this, 'ApiUrl', { value: baseUrl, description: 'Forms and API' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'FailedNotificationsQueueUrl', { value: stream.deadLetterQueue.queueUrl });
    if (sender) new CfnOutput(this, 'SenderIdentity', { value: sender.identityName });
  }
}
