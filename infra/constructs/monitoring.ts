import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTION_SETTINGS } from '../../shared/http/routes.js';
import type { CovenantFunction } from './covenant-function.js';

export interface MonitoringProps {
  /** Which deployment (test, prod): a metric dimension and the first word of every alarm. */
  environment: string;
  operatorEmail: string;
  key: IKey;
  functions: CovenantFunction[];
  /** The stream consumer: iterator age. */
  streamConsumer: CovenantFunction;
  /** The scheduled job: a heartbeat that alarms when it did not run. */
  daily: CovenantFunction;
  table: ITableV2;
  api: HttpApi;
  /** Failure queues and dead-letter queues: an alarm on every message that arrives. */
  failureQueues: Record<string, Queue>;
  configurationSetName: string;
  metricsNamespace: string;
  /** Where an alarm email that SNS could not deliver is kept. */
  subscriptionDeadLetters: Queue;
}

/** SES puts an account under review at a 5% bounce rate and a 0.1% complaint rate; we alarm well before. */
export const SES_BOUNCE_RATE_ALARM = 0.03;
export const SES_COMPLAINT_RATE_ALARM = 0.0005;
/** A function that runs longer than this share of its timeout is about to time out. */
export const DURATION_ALARM_SHARE = 0.8;

/**
 * What an operator needs to sleep: alarms on everything that means an email did not go out, a job
 * did not run or a user got an error, sent to one SNS topic that emails the operator, and one
 * dashboard. Every alarm and metric names the environment, so two deployments never mix.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const env = props.environment;
    this.topic = new Topic(this, 'OperatorAlarms', {
      masterKey: props.key,
      enforceSSL: true,
      displayName: `Veilig in en om school (${env})`,
    });
    // CloudWatch may publish, for alarms of this account only (a topic policy with only a Deny breaks alarm delivery).
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
          },
        },
      }),
    );
    this.topic.addSubscription(
      new EmailSubscription(props.operatorEmail, { deadLetterQueue: props.subscriptionDeadLetters }),
    );
    const action = new SnsAction(this.topic);
    const alarm = (
      name: string,
      metric: IMetric,
      description: string,
      options: Partial<Omit<AlarmProps, 'metric' | 'alarmDescription'>> = {},
    ) => {
      const created = new Alarm(this, name, {
        metric,
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...options,
        alarmDescription: `[${env}] ${description} See README "Alarms".`,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };
    const fiveMinutes = Duration.minutes(5);

    // Messages arriving, not depth: a second failure alarms again even when the first is still queued.
    for (const [name, queue] of Object.entries(props.failureQueues)) {
      alarm(
        `${name}Arrived`,
        queue.metricNumberOfMessagesSent({ period: fiveMinutes, statistic: 'Sum' }),
        `${name}: something could not be done after its retries and waits in a queue.`,
      );
    }
    for (const fn of props.functions) {
      const name = fn.covenantName;
      alarm(`${name}Errors`, fn.metricErrors({ period: fiveMinutes }), `Function ${name} failed.`);
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: fiveMinutes }),
        `Function ${name} was throttled.`,
      );
      const timeoutMs = FUNCTION_SETTINGS[name].timeoutSeconds * 1000;
      alarm(
        `${name}DurationNearTimeout`,
        fn.metricDuration({ period: fiveMinutes, statistic: 'Maximum' }),
        `Function ${name} ran longer than ${DURATION_ALARM_SHARE * 100}% of its ${timeoutMs / 1000} s timeout.`,
        { threshold: Math.round(timeoutMs * DURATION_ALARM_SHARE) },
      );
      alarm(
        `${name}DestinationFailures`,
        fn.metric('DestinationDeliveryFailures', { period: fiveMinutes, statistic: 'Sum' }),
        `Function ${name}: a failed event could not be put in its failure queue either.`,
      );
    }
    alarm(
      'StreamIteratorAge',
      props.streamConsumer.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
      'Notify is more than 10 minutes behind the table stream: emails are late.',
      { threshold: 10 * 60_000 },
    );
    for (const metricName of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      alarm(
        `Table${metricName}`,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: props.table.tableName },
          period: fiveMinutes,
          statistic: 'Sum',
        }),
        `DynamoDB throttled requests (${metricName}).`,
      );
    }
    const namespaced = (metricName: string, service: string, period = Duration.hours(1)) =>
      new Metric({
        namespace: props.metricsNamespace,
        metricName,
        dimensionsMap: { service, environment: env },
        statistic: 'Sum',
        period,
      });
    // The daily job publishes RemindersPlanned on every run that completes. Five empty 6-hour
    // windows in a row (30 hours) means a day was missed; no data at all is breaching.
    alarm(
      'DailyHeartbeat',
      namespaced('RemindersPlanned', props.daily.covenantName, Duration.hours(6)).with({
        statistic: 'SampleCount',
      }),
      'The daily job has not completed for more than a day.',
      {
        threshold: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: TreatMissingData.BREACHING,
      },
    );
    const api5xx = props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    alarm('Api5xx', api5xx, 'The API answered with a server error (5xx).');
    const ses = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': props.configurationSetName },
        period: Duration.hours(1),
        statistic: 'Average',
      });
    alarm(
      'SesBounceRate',
      ses('Reputation.BounceRate'),
      `SES bounce rate above ${SES_BOUNCE_RATE_ALARM * 100}% (SES reviews the account at 5%): check the directory.`,
      { threshold: SES_BOUNCE_RATE_ALARM },
    );
    alarm(
      'SesComplaintRate',
      ses('Reputation.ComplaintRate'),
      `SES complaint rate above ${SES_COMPLAINT_RATE_ALARM * 100}% (SES reviews the account at 0.1%).`,
      { threshold: SES_COMPLAINT_RATE_ALARM },
    );
    alarm(
      'AddressBouncing',
      namespaced('AddressBouncing', 'bounces', fiveMinutes),
      'A directory address bounced: fix it with npm run admin -- import.',
    );

    // No dashboard name: CloudFormation makes a unique one, so two environments fit in one account.
    const dashboard = new Dashboard(this, 'Dashboard');
    dashboard.addWidgets(
      new TextWidget({
        markdown: `# Veilig in en om school (${env})\nMeldingen, e-mails, fouten. Alarmen: zie README.`,
        width: 24,
        height: 2,
      }),
      new GraphWidget({
        title: 'Inzendingen',
        left: ['melding', 'voorlichting', 'beeindiging'].map((k) => namespaced(`Accepted_${k}`, 'intake')),
        right: ['400', '401', '422', '429', '503'].map((s) => namespaced(`Refused_${s}`, 'intake')),
        width: 12,
      }),
      new GraphWidget({
        title: 'E-mails',
        left: [
          namespaced('EmailSent', 'notify'),
          namespaced('ReminderSent', 'notify'),
          namespaced('EmailFailed', 'notify'),
        ],
        right: [props.streamConsumer.metric('IteratorAge', { statistic: 'Maximum' })],
        width: 12,
      }),
      new GraphWidget({
        title: 'Fouten per functie',
        left: props.functions.map((f) => f.metricErrors()),
        width: 12,
      }),
      new GraphWidget({
        title: 'API 5xx en mislukte taken',
        left: [api5xx],
        right: Object.values(props.failureQueues).map((q) => q.metricNumberOfMessagesSent()),
        width: 12,
      }),
      new GraphWidget({
        title: 'SES reputatie',
        left: [ses('Reputation.BounceRate'), ses('Reputation.ComplaintRate')],
        right: [namespaced('AddressBouncing', 'bounces')],
        width: 24,
      }),
    );
  }
}
