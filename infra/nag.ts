import { type Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { CovenantFunction } from './constructs/covenant-function.js';
import type { EdgeDistribution } from './constructs/edge.js';

/**
 * Every cdk-nag finding (AwsSolutions and Serverless packs) that stays, with the reason it holds,
 * scoped to the construct it is about. Nothing is acknowledged stack-wide: a new finding anywhere
 * else fails the synth.
 */
export function acknowledgeNagFindings(
  stack: Stack,
  parts: {
    secret: Secret;
    api: HttpApi;
    synchronous: CovenantFunction[];
    streamConsumer: CovenantFunction;
    asynchronous: CovenantFunction[];
    deadLetterQueues: Queue[];
    edge?: EdgeDistribution;
  },
): void {
  const ack = (scope: IConstruct, id: string, reason: string) =>
    Validations.of(scope).acknowledge({ id, reason });
  for (const fn of [...parts.synchronous, parts.streamConsumer, ...parts.asynchronous]) {
    // The only `*` in a function role: X-Ray has no resource-level permissions (template test checks this).
    ack(
      fn.role ?? fn,
      'AwsSolutions-IAM5[Resource::*]',
      'Only xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions.',
    );
    ack(
      fn.role ?? fn,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.ownLogGroup.node.defaultChild as never)}.Arn>:log-stream:*]`,
      'Log streams of this function’s own log group only; Lambda names the streams at run time.',
    );
  }
  for (const fn of parts.synchronous) {
    ack(fn, 'Serverless-LambdaDLQ', 'Invoked synchronously by the API: the caller gets the error.');
  }
  ack(
    parts.streamConsumer,
    'Serverless-LambdaDLQ',
    'Invoked by the stream mapping, whose on-failure destination (an SQS queue, alarmed) holds what failed.',
  );
  for (const fn of parts.asynchronous) {
    ack(
      fn,
      'Serverless-LambdaDLQ',
      'Invoked asynchronously with an on-failure destination (an SQS queue, alarmed) instead of a DLQ: a destination also keeps the error.',
    );
  }
  // The schedule target makes its role at stack level, outside the Schedules construct.
  for (const role of stack.node.children.filter((c) => c.node.id.startsWith('SchedulerRoleForTarget'))) {
    for (const fn of parts.asynchronous) {
      ack(
        role,
        `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as never)}.Arn>:*]`,
        'The scheduler role may invoke the daily function and its versions only.',
      );
    }
  }
  ack(
    parts.secret,
    'AwsSolutions-SMG4',
    'Rotation is deliberate and by hand: links signed with the previous key keep working for a set time (README, "Secret for signed links").',
  );
  ack(
    parts.api,
    'AwsSolutions-APIG4',
    'Public forms by design: every POST is authorised in the handler by a form key (hashed, constant-time) or an HMAC-signed link.',
  );
  for (const queue of parts.deadLetterQueues) {
    ack(queue, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter or failure queue.');
    ack(queue, 'Serverless-SQSRedrivePolicy', 'This queue is itself a dead-letter or failure queue.');
  }
  if (parts.edge && !parts.edge.customDomain) {
    ack(
      parts.edge,
      'AwsSolutions-CFR4',
      'Without edge.publicDomainName/publicCertificateArn the default cloudfront.net certificate is used, which cannot enforce TLS 1.2; set both for production (README, "CloudFront and WAF").',
    );
  }
  if (parts.edge) {
    ack(
      parts.edge,
      'AwsSolutions-CFR1',
      'A school or police officer may be anywhere; the WAF rate limit per viewer applies instead.',
    );
    ack(
      parts.edge,
      'AwsSolutions-CFR3',
      'Nothing is cached and the API logs every request itself; CloudFront access logs would add a bucket of addresses.',
    );
  }
}
