import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAssets } from '../../forms/build.js';
import { CSS_NAME } from '../../forms/generated/asset-names.js';
import { NODE_OPTIONS } from '../../infra/bundling.js';
import { parseSettings } from '../../infra/settings.js';
import { readPrivacyLists } from '../../shared/domain/privacy-lists.js';
import { quietStderr } from '../support/quiet.js';
import { synthCovenant } from './covenant-app.js';

let template: Template;
let outdir: string;
let violations: string[];

beforeAll(async () => {
  await buildAssets();
  // CDK announces every bundle on stderr while it builds the stack; the test keeps those lines to itself.
  const restore = quietStderr(/^Bundling asset /);
  try {
    ({ template, outdir, violations } = synthCovenant({ environment: 'prod' }));
  } finally {
    restore();
  }
});

/** The synthesized asset manifest: each asset's folder in the cloud assembly. */
const assetManifest = () =>
  JSON.parse(readFileSync(join(outdir, 'VeiligInEnOmSchool-prod.assets.json'), 'utf8')) as {
    files: Record<string, { source: { path: string; packaging?: string } }>;
  };

/** The folder of every function's package (index.mjs and the files beside it). */
const functionDirs = () =>
  Object.values(assetManifest().files)
    .filter((f) => f.source.packaging === 'zip')
    .map((f) => join(outdir, f.source.path));

describe('Stack: production defaults', () => {
  it('passes cdk-nag’s AwsSolutions and Serverless packs with no unacknowledged finding', () => {
    expect(violations).toEqual([]);
  });

  it('would report a finding: the packs really run (a queue without encryption or DLQ, as a control)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk-nag-'));
    const app = new App({ outdir: dir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    new Queue(new Stack(app, 'Control'), 'Plain', { encryption: QueueEncryption.UNENCRYPTED });
    try {
      app.synth();
    } catch {
      // A failing validation may also throw; the report is what we read.
    }
    const control = JSON.parse(readFileSync(join(dir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ violations?: Array<{ ruleName: string }> }>;
    };
    const rules = control.pluginReports.flatMap((r) => (r.violations ?? []).map((v) => v.ruleName));
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS4', 'Serverless-SQSRedrivePolicy']));
  });

  it('emails the operator from one encrypted SNS topic, with alarms on dead letters, errors, throttles, 5xx and SES reputation', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'beheer@veiligschool.example.org',
      RedrivePolicy: Match.anyValue(),
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const metricNames = alarms.map((a) => a.Properties.MetricName);
    expect(metricNames.filter((m) => m === 'NumberOfMessagesSent')).toHaveLength(5);
    expect(metricNames.filter((m) => m === 'Errors')).toHaveLength(8);
    expect(metricNames.filter((m) => m === 'Throttles')).toHaveLength(8);
    expect(metricNames).toEqual(
      expect.arrayContaining(['5xx', 'Reputation.BounceRate', 'Reputation.ComplaintRate', 'AddressBouncing']),
    );
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
      expect(alarm.Properties.AlarmDescription).toBeTruthy();
    }
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    for (const topic of Object.values(template.findResources('AWS::SNS::Topic')))
      expect(topic.Properties.KmsMasterKeyId).toBeDefined();
  });

  it('sends with an SES configuration set whose bounces and complaints reach the bounce handler', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: Match.anyValue(),
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'notify',
          SES_CONFIGURATION_SET: Match.anyValue(),
          SES_SEND_RATE_PER_SECOND: '1',
          OUTBOX_LEASE_SECONDS: '60',
        }),
      },
    });
    // Pacing is shared through the table, not by reserved concurrency (it fails on a new account).
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function')))
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
  });

  it('logs API access without bodies or query strings, keeps every log group for the set retention', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = stage?.Properties.AccessLogSettings.Format as string;
    expect(JSON.parse(format)).toMatchObject({ routeKey: '$context.routeKey', status: '$context.status' });
    expect(format).not.toMatch(/body|querystring|rawQuery/i);
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(90);
    }
  });

  it('reads every limit and retention from the settings', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'intake',
          RATE_LIMIT_PER_KEY_PER_MINUTE: '20',
          RATE_LIMIT_PER_SOURCE_PER_MINUTE: '120',
          MAX_BODY_BYTES: '32768',
          RETENTION_SUBMISSION_DAYS: '730',
          RETENTION_IDEMPOTENCY_DAYS: '7',
        }),
      },
    });
  });

  it('keeps every bundled function under its size budget (3.5 MB of JavaScript)', () => {
    const manifest = assetManifest();
    const bundles = Object.values(manifest.files).filter((f) => f.source.packaging === 'zip');
    expect(bundles.length).toBe(8);
    for (const bundle of bundles) {
      const size = statSync(join(outdir, bundle.source.path, 'index.mjs')).size;
      expect({ bundle: bundle.source.path, size: size < 3.5 * 1024 * 1024 }).toEqual({
        bundle: bundle.source.path,
        size: true,
      });
    }
  });

  it('ships the static files beside the pages function’s code, not inside any bundle (ADR 0015)', () => {
    const dirs = functionDirs();
    const withAssets = dirs.filter((d) => existsSync(join(d, 'assets', CSS_NAME)));
    expect(withAssets).toHaveLength(1);
    const css = readFileSync(join(withAssets[0] as string, 'assets', CSS_NAME), 'utf8');
    expect(existsSync(join(withAssets[0] as string, 'assets', `${CSS_NAME}.br`))).toBe(true);
    // A piece of the stylesheet is in no function's JavaScript.
    const piece = css.slice(1000, 1100);
    for (const dir of dirs) expect(readFileSync(join(dir, 'index.mjs'), 'utf8').includes(piece)).toBe(false);
  });

  it('ships the privacy guard’s lists beside every function that checks free text, and the OpenAPI template beside health', () => {
    const dirs = functionDirs();
    // A bundle that names the lists file reads it at its first check: the file must be beside it.
    const checking = dirs.filter((d) =>
      readFileSync(join(d, 'index.mjs'), 'utf8').includes('privacy-lists.json'),
    );
    expect(checking).toHaveLength(2);
    for (const dir of checking) {
      // The copy beside the code is whole: the guard reads it as it would in Lambda.
      const lists = readPrivacyLists(join(dir, 'privacy-lists.json'));
      expect(lists.surnames.length).toBeGreaterThan(5000);
      // The lists are in no bundle: a run of surnames from the file is in no function's JavaScript.
      const piece = lists.surnames.slice(100, 104).join('|');
      expect(readFileSync(join(dir, 'privacy-lists.json'), 'utf8')).toContain(piece);
      for (const d of dirs) expect(readFileSync(join(d, 'index.mjs'), 'utf8').includes(piece)).toBe(false);
      // The HTML decoder beside it, loaded at the first text with a reference; its table in no bundle.
      const decoder = readFileSync(join(dir, 'html-entities.cjs'), 'utf8');
      expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).toContain('html-entities.cjs');
      const at = decoder.indexOf('new Uint16Array(');
      expect(at).toBeGreaterThan(0);
      const table = decoder.slice(at, at + 80);
      for (const d of dirs) expect(readFileSync(join(d, 'index.mjs'), 'utf8').includes(table)).toBe(false);
    }
    for (const dir of checking)
      expect(createRequire(import.meta.url)(join(dir, 'html-entities.cjs')).decodeHTML('&commat;&#74;')).toBe(
        '@J',
      );
    const withDescription = dirs.filter((d) => existsSync(join(d, 'openapi.json')));
    expect(withDescription).toHaveLength(1);
    expect(readFileSync(join(withDescription[0] as string, 'openapi.json'), 'utf8')).toContain(
      '{{werkdag+21}}',
    );
  });
});

describe('Settings: what an operator must give', () => {
  it('requires the operator email for alarms, with a message naming it', () => {
    expect(() => parseSettings({ senderEmail: 'meldpunt@veiligschool.example.org' })).toThrow(
      /operatorEmail/,
    );
  });

  it('starts every packaged function as Lambda does: its bundle imports with the deployed Node options and environment', () => {
    const manifest = assetManifest();
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.Handler === 'index.handler',
    );
    expect(functions.length).toBeGreaterThanOrEqual(7);
    // A value CloudFormation fills in at deploy time (a table name, an ARN) becomes a plausible stand-in.
    const standIn = (name: string, value: unknown) =>
      typeof value === 'string'
        ? value
        : name.endsWith('_ARN')
          ? 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:links'
          : name.endsWith('_URL')
            ? 'https://veiligschool.example.org'
            : 'stand-in';
    for (const fn of functions) {
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const dir = join(outdir, manifest.files[hash]?.source.path as string);
      const variables = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      const env = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, standIn(k, v)]));
      expect(env.NODE_OPTIONS).toBe(NODE_OPTIONS);
      const out = execFileSync(
        process.execPath,
        [
          ...NODE_OPTIONS.split(' '),
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(join(dir, 'index.mjs'))}); console.log(typeof m.handler);`,
        ],
        {
          env: {
            PATH: process.env.PATH,
            ...env,
            NODE_OPTIONS: '',
            AWS_REGION: 'eu-west-1',
            LAMBDA_TASK_ROOT: dir,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
          encoding: 'utf8',
        },
      );
      expect(out.trim(), dir).toBe('function');
    }
  });
});
