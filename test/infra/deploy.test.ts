import { readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssets } from '../../forms/build.js';
import { TABLE_ACTIONS } from '../../infra/constructs/covenant-function.js';
import { SES_BOUNCE_RATE_ALARM, SES_COMPLAINT_RATE_ALARM } from '../../infra/constructs/monitoring.js';
import { parseSettings, SettingsError, settingsFromContext } from '../../infra/settings.js';
import { FUNCTION_SETTINGS } from '../../shared/http/routes.js';
import { type Synthesized, synthCovenant } from './covenant-app.js';

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: any;
  Condition?: any;
};

let test: Synthesized;
let prod: Synthesized;
let template: Template;
let resources: Record<string, Resource>;

const actions = (s: Statement) => ([] as string[]).concat(s.Action);
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const iamStatements = (): Array<[string, Statement]> =>
  ofType('AWS::IAM::Policy').flatMap(([id, r]) =>
    (r.Properties.PolicyDocument.Statement as Statement[]).map((s) => [id, s] as [string, Statement]),
  );
const policyOf = (logicalIdPrefix: string) =>
  iamStatements()
    .filter(([id]) => id.startsWith(logicalIdPrefix))
    .map(([, s]) => s);

beforeAll(async () => {
  await buildAssets();
  test = synthCovenant({ environment: 'test' }, { bundle: false });
  prod = synthCovenant(
    {
      environment: 'prod',
      senderEmail: 'meldpunt@school.example.org',
      operatorEmail: 'beheer@school.example.org',
    },
    { bundle: false },
  );
  template = test.template;
  resources = template.toJSON().Resources;
});

describe('Deploy: where, as which environment', () => {
  it('names eu-west-1 when there is no AWS configuration at all, in the stack and in every ARN it builds', () => {
    expect(test.region).toBe('eu-west-1');
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/us-east-1/);
    expect(json).toMatch(/:ses:eu-west-1:/);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ Region: 'eu-west-1' })],
    });
  });

  it('takes the region and the environment as settings', () => {
    const other = synthCovenant({ region: 'eu-central-1', environment: 'acc' }, { bundle: false });
    expect(other.region).toBe('eu-central-1');
    expect(other.stackName).toBe('VeiligInEnOmSchool-acc');
    other.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ Region: 'eu-central-1' })],
    });
    expect(() => parseSettings({ ...baseSettings, region: 'Ireland' })).toThrow(/region/);
  });

  it('turns termination protection on for prod only', () => {
    expect(prod.terminationProtection).toBe(true);
    expect(test.terminationProtection).toBe(false);
  });

  it('fits two environments in one account: no fixed name is shared between their templates', () => {
    // Properties that are a physical name: two stacks in one account and region must not share one.
    const physical = [
      'Name',
      'TableName',
      'FunctionName',
      'QueueName',
      'TopicName',
      'AlarmName',
      'DashboardName',
      'LogGroupName',
      'RoleName',
      'EmailIdentity',
    ];
    const names = (s: Synthesized) => {
      const found = new Set<string>();
      for (const r of Object.values(s.template.toJSON().Resources) as Resource[]) {
        // An HTTP API's Name is a label, not unique; the other types here are references, not names.
        if (
          ['AWS::ApiGatewayV2::Api', 'AWS::Lambda::EventInvokeConfig', 'AWS::Lambda::Permission'].includes(
            r.Type,
          )
        )
          continue;
        for (const key of physical) {
          const value = r.Properties?.[key];
          if (typeof value === 'string') found.add(`${r.Type}.${key}=${value}`);
        }
      }
      return found;
    };
    const shared = [...names(test)].filter((n) => names(prod).has(n));
    expect(shared).toEqual([]);
    expect([...names(test)].filter((n) => !n.startsWith('AWS::SES::EmailIdentity'))).toEqual([]);
    expect(test.stackName).not.toBe(prod.stackName);
  });

  it('keeps table, key and log groups on update and delete, but not after a failed first create', () => {
    const retained = [
      ...ofType('AWS::DynamoDB::GlobalTable'),
      ...ofType('AWS::KMS::Key'),
      ...ofType('AWS::Logs::LogGroup'),
    ];
    expect(retained.length).toBe(2 + 8);
    for (const [id, r] of retained) {
      expect({ id, deletion: r.DeletionPolicy, replace: r.UpdateReplacePolicy }).toEqual({
        id,
        deletion: 'RetainExceptOnCreate',
        replace: 'Retain',
      });
    }
  });
});

const baseSettings = {
  senderEmail: 'meldpunt@veiligschool.example.org',
  operatorEmail: 'beheer@veiligschool.example.org',
};

describe('Deploy: what the operator must give', () => {
  it('cdk.json ships no addresses: a synth without senderEmail and operatorEmail stops with a message naming both', () => {
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
    expect(JSON.stringify(cdkJson.context.covenant)).not.toMatch(/@|Email/);
    const synthWithCdkJson = () => settingsFromContext((key) => cdkJson.context[key]);
    expect(synthWithCdkJson).toThrow(SettingsError);
    expect(synthWithCdkJson).toThrow(/senderEmail is missing: .*-c senderEmail=/);
    expect(synthWithCdkJson).toThrow(/operatorEmail is missing/);
  });

  it('reads single settings given with -c as the CLI passes them (strings)', () => {
    const context: Record<string, unknown> = {
      covenant: { retentionOutboxDays: 90 },
      ...baseSettings,
      environment: 'prod',
      streamRetryAttempts: '5',
    };
    const settings = settingsFromContext((key) => context[key]);
    expect(settings).toMatchObject({ environment: 'prod', streamRetryAttempts: 5, region: 'eu-west-1' });
  });
});

describe('Deploy: SES identity', () => {
  it('creates the sender domain as an SES identity with DKIM, and outputs the three DNS records', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'veiligschool.example.org' });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const n of [1, 2, 3])
      expect(JSON.stringify(outputs[`DkimRecord${n}`]?.Value)).toMatch(/DkimDNSToken/);
  });

  it('or only the one address, or none when another stack owns it', () => {
    const address = synthCovenant({ covenant: { senderIdentity: 'address' } }, { bundle: false });
    address.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'meldpunt@veiligschool.example.org',
    });
    const none = synthCovenant({ createEmailIdentity: 'false' }, { bundle: false });
    none.template.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });
});

describe('Least privilege', () => {
  it('grants no Scan, no batch operation, no KMS Encrypt or ReEncrypt to any role', () => {
    const all = iamStatements().flatMap(([, s]) => actions(s));
    expect(all.filter((a) => /Scan|Batch|kms:Encrypt|kms:ReEncrypt|\*$/.test(a))).toEqual([]);
  });

  it('names the table operations each function uses, and the one index by name', () => {
    for (const name of ['Intake', 'Acties', 'Notify', 'Daily', 'Bounces']) {
      const statements = policyOf(`${name}FunctionRole`);
      expect(statements).toContainEqual(
        expect.objectContaining({ Action: [...TABLE_ACTIONS.readwrite], Resource: expect.anything() }),
      );
      const index = statements.find((s) => JSON.stringify(s.Resource).includes('/index/'));
      expect(index?.Action).toBe('dynamodb:Query');
      expect(JSON.stringify(index?.Resource)).toMatch(/\/index\/gsi1"/);
    }
    expect(FUNCTION_SETTINGS.pages.tableAccess).toBe('read');
    expect(policyOf('PagesFunctionRole')).toContainEqual(
      expect.objectContaining({ Action: [...TABLE_ACTIONS.read] }),
    );
  });

  it('lets the health function read one key only', () => {
    const dynamo = policyOf('HealthFunctionRole').filter((s) =>
      actions(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['HEALTH'] } },
      }),
    ]);
  });

  it('has `*` as a resource only for the X-Ray actions, which have no resource-level permissions', () => {
    const wildcard = iamStatements().filter(
      ([, s]) => s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*')),
    );
    expect(wildcard.length).toBeGreaterThan(0);
    for (const [, s] of wildcard)
      expect(actions(s).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('writes logs through each function’s own log group, without the AWS managed basic execution role', () => {
    for (const [, role] of ofType('AWS::IAM::Role'))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logs = iamStatements().filter(([, s]) => actions(s).includes('logs:PutLogEvents'));
    expect(logs).toHaveLength(7);
    for (const [, s] of logs)
      expect(JSON.stringify(s.Resource)).toMatch(/Logs[0-9A-F]{8}","Arn"\]\},":log-stream:\*"/);
  });

  it('lets services use the key and publish to the topics only for this account and its own sources', () => {
    const key = ofType('AWS::KMS::Key')[0]?.[1] as Resource;
    const services = (key.Properties.KeyPolicy.Statement as Statement[]).filter((s) => s.Principal?.Service);
    expect(services.map((s) => s.Principal.Service).sort()).toEqual([
      'cloudwatch.amazonaws.com',
      'ses.amazonaws.com',
    ]);
    for (const s of services) {
      expect(actions(s)).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
      expect(s.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(s.Condition.ArnLike['aws:SourceArn']).toBeDefined();
    }
    for (const [, policy] of ofType('AWS::SNS::TopicPolicy')) {
      for (const s of policy.Properties.PolicyDocument.Statement as Statement[]) {
        if (s.Effect !== 'Allow') continue;
        const condition = JSON.stringify(s.Condition);
        expect(condition).toMatch(/SourceAccount/i);
        expect(condition).toMatch(/SourceArn/i);
      }
    }
  });

  it('lets CloudWatch publish to the alarm topic (a policy with only the SSL Deny would drop every alarm)', () => {
    const [alarmTopic] = ofType('AWS::SNS::Topic').filter(([id]) =>
      id.startsWith('MonitoringOperatorAlarms'),
    );
    const [, policy] = ofType('AWS::SNS::TopicPolicy').find(([, p]) =>
      JSON.stringify(p.Properties.Topics).includes(alarmTopic?.[0] as string),
    ) as [string, Resource];
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
      }),
    );
    // The Deny only bites on plain HTTP, so it does not cancel the Allow.
    for (const s of statements.filter((x) => x.Effect === 'Deny'))
      expect(s.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });
});

describe('Failures that reach a person', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it('gives daily and bounces (invoked asynchronously) an on-failure destination that alarms on arrival', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    expect(configs.map(([, c]) => JSON.stringify(c.Properties.FunctionName)).sort()).toEqual([
      expect.stringContaining('BouncesFunction'),
      expect.stringContaining('DailyFunction'),
    ]);
    for (const [, c] of configs) {
      const queue = c.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
      expect(resources[queue]?.Type).toBe('AWS::SQS::Queue');
      expect(alarms()).toContainEqual(
        expect.objectContaining({
          MetricName: 'NumberOfMessagesSent',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
        }),
      );
    }
  });

  it('alarms on messages arriving in every failure queue, not on depth, so a second failure alarms again', () => {
    const queues = ofType('AWS::SQS::Queue').map(([id]) => id);
    const watched = alarms()
      .filter((a) => a.MetricName === 'NumberOfMessagesSent')
      .map((a) => a.Dimensions[0].Value['Fn::GetAtt'][0]);
    expect(watched.sort()).toEqual(queues.sort());
    expect(alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toEqual([]);
  });

  it('alarms on iterator age, duration near the timeout, destination failures and DynamoDB throttles', () => {
    const names = alarms().map((a) => a.MetricName);
    expect(names).toContain('IteratorAge');
    expect(names.filter((n) => n === 'DestinationDeliveryFailures')).toHaveLength(7);
    expect(names).toEqual(expect.arrayContaining(['ReadThrottleEvents', 'WriteThrottleEvents']));
    const durations = alarms().filter((a) => a.MetricName === 'Duration');
    expect(durations).toHaveLength(7);
    for (const d of durations) expect(d.Statistic).toBe('Maximum');
    expect(durations.map((d) => d.Threshold)).toContain(FUNCTION_SETTINGS.daily.timeoutSeconds * 1000 * 0.8);
  });

  it('has a heartbeat for the daily job that treats missing data as breaching', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        MetricName: 'RemindersPlanned',
        Dimensions: expect.arrayContaining([{ Name: 'environment', Value: 'test' }]),
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      }),
    );
  });

  it('alarms on SES bounces and complaints below the rates at which SES starts a review (5%, 0.1%)', () => {
    const rate = (m: string) => alarms().find((a) => a.MetricName === m)?.Threshold;
    expect(rate('Reputation.BounceRate')).toBe(SES_BOUNCE_RATE_ALARM);
    expect(SES_BOUNCE_RATE_ALARM).toBeLessThan(0.05);
    expect(rate('Reputation.ComplaintRate')).toBe(SES_COMPLAINT_RATE_ALARM);
    expect(SES_COMPLAINT_RATE_ALARM).toBeLessThan(0.001);
  });

  it('says in every alarm which environment it is about, and puts the environment on our own metrics', () => {
    for (const a of alarms()) expect(a.AlarmDescription).toMatch(/^\[test\] /);
    for (const a of prod.template.toJSON().Resources
      ? Object.values(prod.template.toJSON().Resources as Record<string, Resource>)
      : []) {
      if (a.Type === 'AWS::CloudWatch::Alarm') expect(a.Properties.AlarmDescription).toMatch(/^\[prod\] /);
    }
    for (const a of alarms().filter((x) => x.Namespace === 'VeiligInEnOmSchool'))
      expect(a.Dimensions).toContainEqual({ Name: 'environment', Value: 'test' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ENVIRONMENT: 'test' }) },
    });
  });
});

describe('Edge: CloudFront and WAF (setting `edge`)', () => {
  let edge: Synthesized;
  beforeAll(() => {
    edge = synthCovenant(
      {
        covenant: {
          edge: {
            originDomainName: 'api-origin.veiligschool.example.org',
            originCertificateArn:
              'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
          },
        },
      },
      { bundle: false },
    );
  });

  it('is off by default: the API answers on its execute-api URL', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });

  it('puts CloudFront with a WAF in front, switches the execute-api endpoint off and passes the viewer address on', () => {
    edge.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    edge.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: Match.anyValue() }),
    });
    edge.template.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: Match.objectLike({ Headers: Match.arrayWith(['CloudFront-Viewer-Address']) }),
      }),
    });
    edge.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'intake',
          SOURCE_IP_HEADER: 'cloudfront-viewer-address',
        }),
      },
    });
    const firewall = edge.app.app.node.children.find((c) => c.node.id.endsWith('EdgeFirewall'));
    expect(firewall).toBeDefined();
    expect(edge.violations).toEqual([]);
  });
});

describe('Deploy pipeline (GitHub Actions)', () => {
  const workflow = readFileSync(new URL('../../.github/workflows/deploy.yml', import.meta.url), 'utf8');

  it('assumes an AWS role through OIDC and stores no keys', () => {
    expect(workflow).toMatch(/id-token: write/);
    expect(workflow).toMatch(/aws-actions\/configure-aws-credentials@v4/);
    expect(workflow).toMatch(/role-to-assume: \$\{\{ vars\.AWS_DEPLOY_ROLE_ARN \}\}/);
    expect(workflow).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('runs npm test and a synth, then deploys test from main and prod from a tag, with cdk diff first', () => {
    expect(workflow).toMatch(/- run: npm test/);
    expect(workflow).toMatch(/npx cdk synth/);
    expect(workflow).toMatch(
      /deploy-test:\n\s+if: github.event_name == 'push' && github.ref == 'refs\/heads\/main'/,
    );
    expect(workflow).toMatch(
      /deploy-prod:\n\s+if: github.event_name == 'push' && startsWith\(github.ref, 'refs\/tags\/v'\)/,
    );
    for (const environment of ['test', 'prod']) {
      const job = workflow.slice(workflow.indexOf(`deploy-${environment}:`));
      expect(job.indexOf('npx cdk diff')).toBeGreaterThan(0);
      expect(job.indexOf('npx cdk diff')).toBeLessThan(job.indexOf('npx cdk deploy'));
      expect(job).toContain(`-c environment=${environment}`);
    }
  });
});
