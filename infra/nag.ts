import { type Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';

/**
 * Every cdk-nag finding (AwsSolutions and Serverless packs) that stays, with the reason it holds.
 * Scoped to the construct it is about wherever the finding has one.
 */
export function acknowledgeNagFindings(
  stack: Stack,
  parts: { secret: Secret; api: HttpApi; deadLetterQueues: Queue[] },
): void {
  const stackWide: Array<[string, string]> = [
    [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The AWS managed policy only lets a function write its own logs; it is the standard execution role for Lambda.',
    ],
    [
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions.',
    ],
    [
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'CDK grants on the table and topics: the wildcard covers the GenerateDataKey variants, on our own key only.',
    ],
    ['AwsSolutions-IAM5[Action::kms:ReEncrypt*]', 'CDK table grants: ReEncryptFrom/To on our own key only.'],
    [
      'AwsSolutions-IAM5[Resource::<DataTableFDBAD0F2.Arn>/index/*]',
      'Reads use the table’s one index (gsi1) for the directory, reports and the calendar; never a Scan.',
    ],
    [
      'AwsSolutions-IAM5[Resource::<DailyFunctionC8FAC21C.Arn>:*]',
      'The scheduler role (made by the schedule target, outside its construct) may invoke the daily function and its versions only.',
    ],
    [
      'AwsSolutions-IAM5[Resource::<SweeperFunctionB5F2624B.Arn>:*]',
      'The scheduler role (made by the schedule target, outside its construct) may invoke the outbox sweeper and its versions only.',
    ],
    [
      'Serverless-LambdaDLQ',
      'Synchronous API functions answer the caller; the stream uses an SQS on-failure destination, the schedule and the SES events their own DLQs.',
    ],
  ];
  for (const [id, reason] of stackWide) Validations.of(stack).acknowledge({ id, reason });
  Validations.of(parts.secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Rotating the link key invalidates every open link in every email; operators rotate it deliberately (README, "Secret for signed links").',
  });
  Validations.of(parts.api).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'Public forms by design: every POST is authorised in the handler by a form key (hashed, constant-time) or an HMAC-signed link.',
  });
  for (const queue of parts.deadLetterQueues) {
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue.',
    });
    Validations.of(queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This queue is itself a dead-letter queue.',
    });
  }
}
