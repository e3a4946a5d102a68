import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CovenantFunction } from './covenant-function.js';

export interface MonitoringProps {
  operatorEmail: string;
  key: IKey;
  functions: CovenantFunction[];
  api: HttpApi;
  deadLetterQueues: Record<string, Queue>;
  configurationSetName: string;
  metricsNamespace: string;
  /** Where an alarm email that SNS could not deliver is kept. */
  subscriptionDeadLetters: Queue;
}

/**
 * What an operator needs to sleep: alarms on everything that means an email did not go out or a
 * user got an error, sent to one SNS topic that emails the operator, and one dashboard.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'OperatorAlarms', { masterKey: props.key, enforceSSL: true });
    this.topic.addSubscription(
      new EmailSubscription(props.operatorEmail, { deadLetterQueue: props.subscriptionDeadLetters }),
    );
    const action = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, description: string, threshold = 0) => {
      const created = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        `${name}: something could not be done after its retries. See README "Alarms".`,
      );
    }
    for (const fn of props.functions) {
      alarm(
        `${fn.covenantName}Errors`,
        fn.metricErrors({ period: Duration.minutes(5) }),
        `Function ${fn.covenantName} failed.`,
      );
      alarm(
        `${fn.covenantName}Throttles`,
        fn.metricThrottles({ period: Duration.minutes(5) }),
        `Function ${fn.covenantName} was throttled.`,
      );
    }
    const api5xx = props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' });
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
      'SES bounce rate above 5%: check the directory.',
      0.05,
    );
    alarm('SesComplaintRate', ses('Reputation.ComplaintRate'), 'SES complaint rate above 0.1%.', 0.001);
    alarm(
      'AddressBouncing',
      new Metric({
        namespace: props.metricsNamespace,
        metricName: 'AddressBouncing',
        dimensionsMap: { service: 'bounces' },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      'A directory address bounced: fix it with npm run admin -- import.',
    );

    const namespaced = (metricName: string, service: string) =>
      new Metric({
        namespace: props.metricsNamespace,
        metricName,
        dimensionsMap: { service },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${id}-covenant` });
    dashboard.addWidgets(
      new TextWidget({
        markdown: '# Veilig in en om school\nMeldingen, e-mails, fouten. Alarmen: zie README.',
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
        width: 12,
      }),
      new GraphWidget({
        title: 'Fouten per functie',
        left: props.functions.map((f) => f.metricErrors()),
        width: 12,
      }),
      new GraphWidget({
        title: 'API 5xx en wachtrijen',
        left: [api5xx],
        right: Object.values(props.deadLetterQueues).map((q) => q.metricApproximateNumberOfMessagesVisible()),
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
