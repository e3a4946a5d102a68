import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_STREAM_FILTER } from '../../shared/adapters/table.js';
import type { CovenantFunction } from './covenant-function.js';

export interface StreamToNotifyProps {
  table: TableV2;
  fn: CovenantFunction;
  retryAttempts: number;
  maxRecordAge: Duration;
}

/**
 * The table's stream to the notify function: only new outbox items, partial batch responses, bisect
 * on error, a retry limit, a maximum record age, and an encrypted SQS queue as the on-failure
 * destination. The stream carries keys only: notify re-reads the outbox item by key.
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
    props.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: props.retryAttempts,
        maxRecordAge: props.maxRecordAge,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(OUTBOX_STREAM_FILTER as unknown as Record<string, unknown>)],
      }),
    );
  }
}
