import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssets } from '../../forms/build.js';
import { deployedDelivery, deployedSettings } from '../../infra/delivery.js';
import { CovenantStack } from '../../infra/stack.js';

let template: Template;

beforeAll(async () => {
  await buildAssets();
  const app = new App();
  const stack = new CovenantStack(app, 'Delivery', {
    settings: deployedSettings(),
    env: { account: '111111111111', region: 'eu-west-1' },
  });
  template = Template.fromStack(stack);
});

describe('Stack: delivery as the local stack runs it', () => {
  it('gives the stream batches that fit the timeout at the SES rate, and the local stack the same numbers', () => {
    const delivery = deployedDelivery();
    expect(delivery).toMatchObject({
      notifyTimeoutSeconds: 30,
      sesSendRatePerSecond: 1,
      streamBatchSize: 10,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: delivery.streamBatchSize,
      MaximumRetryAttempts: delivery.streamRetryAttempts,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: delivery.notifyTimeoutSeconds,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'notify',
          SES_SEND_RATE_PER_SECOND: String(delivery.sesSendRatePerSecond),
          OUTBOX_LEASE_SECONDS: String(delivery.leaseSeconds),
        }),
      },
    });
  });

  it('runs the sweeper every few minutes and alarms on the oldest unsent email, also when it stops reporting', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'sweeper', SWEEP_AFTER_SECONDS: '300' }),
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'OldestUnsentAgeSeconds',
      Threshold: 900,
      TreatMissingData: 'breaching',
      AlarmActions: Match.anyValue(),
    });
  });

  it('sets no reserved concurrency anywhere', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function')))
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});
