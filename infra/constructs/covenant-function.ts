import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_SETTINGS, type FunctionName } from '../../shared/http/routes.js';

export interface CovenantFunctionProps {
  name: FunctionName;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The house Lambda: nodejs24.x on arm64, explicit memory and timeout from the route table's settings,
 * ESM bundled locally with esbuild (AWS SDK included, so the tested versions run), JSON logs to a
 * log group with retention, and X-Ray tracing.
 */
export class CovenantFunction extends NodejsFunction {
  readonly covenantName: FunctionName;

  constructor(scope: Construct, id: string, props: CovenantFunctionProps) {
    const settings = FUNCTION_SETTINGS[props.name];
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
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
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.name,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        minify: true,
        sourceMap: true,
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        forceDockerBundling: false,
        // esbuild's warnings and errors, not its size table on every synth (and every test run).
        logLevel: LogLevel.WARNING,
      },
    });
    this.covenantName = props.name;
  }

  /** Sets TABLE_NAME and grants exactly the access this function's settings name, in one call. */
  bindTable(table: ITableV2): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (FUNCTION_SETTINGS[this.covenantName].tableAccess === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    return this;
  }
}
