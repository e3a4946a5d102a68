import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE } from '../../shared/adapters/table.js';
import { FUNCTION_SETTINGS, type FunctionName } from '../../shared/http/routes.js';
import { BUNDLING, NODE_OPTIONS } from '../bundling.js';

export interface CovenantFunctionProps {
  name: FunctionName;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Files a function's package holds beside its bundle, copied after bundling: the pages function
 * serves the stylesheet, script, font and icon from there, read when asked for, so no bundle carries
 * them (docs/adr/0015-static-assets-beside-the-pages-function.md); the health function fills in the
 * OpenAPI description built from the zod schemas, and the privacy guard reads its word lists
 * (docs/adr/0021-cold-start-data-beside-the-code.md).
 */
const PRIVACY_GUARD_FILES = [
  { from: 'forms/generated/privacy-lists.json', to: 'privacy-lists.json' },
  { from: 'forms/generated/html-entities.cjs', to: 'html-entities.cjs' },
];

export const PACKAGED_FILES: Partial<Record<FunctionName, Array<{ from: string; to: string }>>> = {
  pages: [{ from: 'forms/generated/assets', to: 'assets' }],
  health: [{ from: 'forms/generated/openapi.json', to: 'openapi.json' }],
  // The privacy guard's word and name lists and its HTML decoder, for the functions that check free text.
  intake: PRIVACY_GUARD_FILES,
  acties: PRIVACY_GUARD_FILES,
};

/**
 * The DynamoDB operations the store uses (shared/adapters/dynamodb/), by access level: no Scan, no
 * BatchWriteItem, no BatchGetItem. TransactWriteItems is authorised per item as Put, Update, Delete
 * or ConditionCheck. The health check is narrower still: one GetItem on the HEALTH key.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;
export const HEALTH_KEY = 'HEALTH';

/**
 * The house Lambda: nodejs24.x on arm64, explicit memory and timeout from the route table's settings,
 * ESM bundled locally with esbuild (AWS SDK included, so the tested versions run), JSON logs to its
 * own log group with retention, X-Ray tracing, and a role of its own that may write to that log
 * group only (no AWSLambdaBasicExecutionRole, whose resource is `*`).
 */
export class CovenantFunction extends NodejsFunction {
  readonly covenantName: FunctionName;
  readonly ownLogGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CovenantFunctionProps) {
    const settings = FUNCTION_SETTINGS[props.name];
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.name} function`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}:log-stream:*`],
      }),
    );
    const files = PACKAGED_FILES[props.name];
    super(scope, id, {
      entry: `${root}functions/${props.name}.ts`,
      handler: 'handler',
      projectRoot: root,
      depsLockFilePath: `${root}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: settings.memorySize,
      timeout: Duration.seconds(settings.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      role,
      environment: {
        NODE_OPTIONS,
        POWERTOOLS_SERVICE_NAME: props.name,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLING.target,
        platform: BUNDLING.platform,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        bundleAwsSDK: true,
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        forceDockerBundling: false,
        // esbuild's warnings and errors, not its size table on every synth (and every test run).
        logLevel: LogLevel.WARNING,
        ...(files
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  files.map(({ from, to }) => `cp -R "${inputDir}/${from}" "${outputDir}/${to}"`),
              },
            }
          : {}),
      },
    });
    this.covenantName = props.name;
    this.ownLogGroup = logGroup;
  }

  /** Sets TABLE_NAME and grants exactly the operations this function's settings name, in one call. */
  bindTable(table: ITableV2, key: IKey): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const access = FUNCTION_SETTINGS[this.covenantName].tableAccess;
    if (this.covenantName === 'health') {
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:GetItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [HEALTH_KEY] } },
        }),
      );
    } else {
      this.addToRolePolicy(
        new PolicyStatement({ actions: [...TABLE_ACTIONS[access]], resources: [table.tableArn] }),
      );
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [`${table.tableArn}/index/${TABLE.gsi1.indexName}`],
        }),
      );
    }
    // DynamoDB uses the table key on the caller's behalf: decrypt to read, a data key to write; never Encrypt or ReEncrypt.
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'kms:Decrypt',
          'kms:DescribeKey',
          ...(access === 'readwrite' ? ['kms:GenerateDataKey'] : []),
        ],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    return this;
  }
}
