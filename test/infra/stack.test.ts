import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssets } from '../../forms/build.js';
import { parseSettings, SettingsError } from '../../infra/settings.js';
import { ROUTES, routeKey } from '../../shared/http/routes.js';
import { synthCovenant } from './covenant-app.js';

let template: Template;

beforeAll(async () => {
  await buildAssets();
  ({ template } = synthCovenant({}, { bundle: false }));
});

describe('Stack: CovenantStack', () => {
  it('has one table: on demand, stream of keys only, TTL, point-in-time recovery, KMS key, deletion protection', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('runs every function on nodejs24.x and arm64 with explicit memory, timeout and tracing', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: 'nodejs24.x' },
    });
    // One per handler of the route table, plus notify, the outbox sweeper, the daily job and the bounce handler.
    expect(Object.keys(functions)).toHaveLength(new Set(ROUTES.map((r) => r.handler)).size + 4);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.MemorySize).toBeGreaterThan(0);
      expect(fn.Properties.Timeout).toBeGreaterThan(0);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
      expect(fn.Properties.Environment.Variables.SENDER_EMAIL).toBe('meldpunt@veiligschool.example.org');
    }
  });

  it('serves exactly the routes of the shared route table', () => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(ROUTES.map(routeKey).sort());
    // The overviews (issue 15): the school's by form key, every party's by its signed link.
    expect(keys).toEqual(expect.arrayContaining(['GET /overzicht', 'GET /overzicht/{token}']));
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  it('feeds new outbox items to notify with partial batch responses, bisect, a retry limit, a maximum record age and an SQS on-failure destination', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      // What fits in a third of the 30 s timeout at 1 email/s (infra/delivery.ts).
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { sk: { S: [{ prefix: 'OUT#' }] } } },
            }),
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('lets only notify and the outbox sweeper send email, and only from the configured sender', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Condition: { StringEquals: { 'ses:FromAddress': 'meldpunt@veiligschool.example.org' } },
          }),
        ]),
      },
    });
    const policies = template.findResources('AWS::IAM::Policy');
    const senders = Object.values(policies).filter((p) => JSON.stringify(p).includes('ses:SendEmail'));
    expect(senders).toHaveLength(2);
  });

  it('keeps the key for signed links in Secrets Manager, readable only by the functions that sign or check links', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const functions = template.findResources('AWS::Lambda::Function');
    const withArn = Object.entries(functions)
      .filter(([, fn]) => fn.Properties.Environment.Variables.ACTION_LINK_SECRET_ARN)
      .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(withArn.sort()).toEqual(['ActiesFunction', 'NotifyFunction', 'SweeperFunction']);
    for (const fn of Object.values(functions))
      expect(fn.Properties.Environment.Variables.ACTION_LINK_SECRET).toBeUndefined();
  });
});

describe('Stack: the daily job', () => {
  it('runs at 07:00 Amsterdam time through EventBridge Scheduler, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Amsterdam',
      State: 'ENABLED',
      Target: Match.objectLike({
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });
});

describe('Settings', () => {
  it('refuses a sender that is not an email address, naming the setting', () => {
    expect(() => parseSettings({ senderEmail: 'niet-een-adres' })).toThrow(SettingsError);
    expect(() => parseSettings({ senderEmail: 'niet-een-adres' })).toThrow(/senderEmail/);
  });

  it('refuses unknown settings, so a typo does not pass silently', () => {
    expect(() =>
      parseSettings({ senderEmail: 'a@example.org', operatorEmail: 'b@example.org', retentionDays: 5 }),
    ).toThrow(/retentionDays/);
  });
});
