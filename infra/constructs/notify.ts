import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_STREAM_FILTER } from '../../shared/adapters/table.js';
import type { DeliverySettings } from '../delivery.js';
import type { CovenantFunction } from './covenant-function.js';

export interface StreamToNotifyProps {
  table: TableV2;
  fn: CovenantFunction;
  delivery: DeliverySettings;
  maxRecordAge: Duration;
}

/** The environment notify and the sweeper share: pace, lease and sweep delay from the delivery settings. */
export const deliveryEnvironment = (delivery: DeliverySettings): Record<string, string> => ({
  SES_SEND_RATE_PER_SECOND: String(delivery.sesSendRatePerSecond),
  OUTBOX_LEASE_SECONDS: String(delivery.leaseSeconds),
  SWEEP_AFTER_SECONDS: String(delivery.sweepAfterSeconds),
});

/**
 * The table's stream to the notify function: only new outbox items, batches that fit the timeout at
 * the send rate, partial batch responses, bisect on error, a retry limit, a maximum record age, and an
 * encrypted SQS queue as the on-failure destination (it receives the shard and sequence range; the
 * sweeper delivers). The stream carries keys only: notify re-reads the outbox item by key.
 * No reserved concurrency: the pace is shared through the table (ADR 0002).
 */
export class StreamToNotify extends Construct {
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: StreamToNotifyProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'FailedNotifications', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const [name, value] of Object.entries(deliveryEnvironment(props.delivery)))
      props.fn.addEnvironment(name, value);
    props.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: props.delivery.streamBatchSize,
        bisectBatchOnError: true,
        retryAttempts: props.delivery.streamRetryAttempts,
        maxRecordAge: props.maxRecordAge,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(OUTBOX_STREAM_FILTER as unknown as Record<string, unknown>)],
      }),
    );
  }
}

export interface OutboxSweeperProps {
  fn: CovenantFunction;
  delivery: DeliverySettings;
  metricsNamespace: string;
  /** The deployment (test, prod): a dimension of every metric and the first word of every alarm. */
  environment: string;
}

/**
 * The safety net: EventBridge Scheduler runs the sweeper every few minutes; it delivers every outbox
 * item still unsent after `sweepAfterSeconds` (a Query on the sparse pending index) and publishes the
 * oldest unsent item's age, on which an alarm fires.
 */
export class OutboxSweeper extends Construct {
  readonly schedule: Schedule;
  readonly oldestUnsentAge: Metric;
  private readonly environment: string;

  constructor(scope: Construct, id: string, props: OutboxSweeperProps) {
    super(scope, id);
    this.environment = props.environment;
    for (const [name, value] of Object.entries(deliveryEnvironment(props.delivery)))
      props.fn.addEnvironment(name, value);
    this.schedule = new Schedule(this, 'Sweep', {
      description: 'Outbox sweeper: delivers emails the stream did not, and reports the oldest unsent age',
      schedule: ScheduleExpression.rate(Duration.minutes(props.delivery.sweepEveryMinutes)),
      // A missed run is made up by the next one: no retries needed, none queued up.
      target: new LambdaInvoke(props.fn, { retryAttempts: 0, maxEventAge: Duration.minutes(5) }),
    });
    this.oldestUnsentAge = new Metric({
      namespace: props.metricsNamespace,
      metricName: 'OldestUnsentAgeSeconds',
      dimensionsMap: { service: 'sweeper', environment: props.environment },
      statistic: 'Maximum',
      period: Duration.minutes(props.delivery.sweepEveryMinutes),
    });
  }

  /** Fires when an email waits longer than the delivery settings allow, or when the sweeper stops reporting. */
  addAgeAlarm(topic: ITopic, delivery: DeliverySettings): Alarm {
    const alarm = new Alarm(this, 'OldestUnsentAlarm', {
      metric: this.oldestUnsentAge,
      threshold: delivery.oldestUnsentAlarmSeconds,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
      alarmDescription: `[${this.environment}] An email has waited for longer than allowed, or the sweeper stopped running. See README "Alarms".`,
    });
    alarm.addAlarmAction(new SnsAction(topic));
    return alarm;
  }
}
