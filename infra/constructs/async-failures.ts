import { Duration } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CovenantFunction } from './covenant-function.js';

/**
 * A function that is invoked asynchronously (the daily job by the scheduler, the bounce handler by
 * SNS) gets two retries from Lambda; after those the event lands in this encrypted queue instead of
 * vanishing, and the monitoring alarms on every message that arrives.
 */
export class AsyncFailureDestination extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: { fn: CovenantFunction }) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    props.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.queue),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
  }
}
