import { Duration, TimeZone } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CovenantFunction } from './covenant-function.js';

/**
 * EventBridge Scheduler runs the daily job at 07:00 Amsterdam time, winter and summer alike, with
 * retries and a dead-letter queue. The job is level-triggered, so a failed day is caught up next time.
 */
export class DailySchedule extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: { fn: CovenantFunction }) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'FailedRuns', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.schedule = new Schedule(this, 'Daily', {
      description:
        'Covenant calendar: reminders, evaluations, renewals, terminations (07:00 Europe/Amsterdam)',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '7',
        timeZone: TimeZone.of('Europe/Amsterdam'),
      }),
      target: new LambdaInvoke(props.fn, {
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
  }
}
