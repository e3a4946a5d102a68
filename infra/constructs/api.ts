import { RemovalPolicy } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type HttpHandlerName, ROUTES } from '../../shared/http/routes.js';
import type { CovenantFunction } from './covenant-function.js';

export interface CovenantApiProps {
  functions: Record<HttpHandlerName, CovenantFunction>;
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  /** When CloudFront is in front: the execute-api URL stops answering, so the WAF cannot be bypassed. */
  disableExecuteApiEndpoint?: boolean;
}

/** The HTTP API: one route per entry of the shared route table, each to its function; throttled at the stage. */
export class CovenantApi extends Construct {
  readonly api: HttpApi;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: CovenantApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Veilig in en om school: forms and API',
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint ?? false,
    });
    const integrations = new Map<HttpHandlerName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.handler);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${route.handler}Integration`,
          props.functions[route.handler],
        );
        integrations.set(route.handler, integration);
      }
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
    }
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = {
      throttlingRateLimit: props.throttle.rateLimit,
      throttlingBurstLimit: props.throttle.burstLimit,
    };
    // Access logs: who asked what and how it went; never bodies, never query strings (they hold form keys).
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    stage.accessLogSettings = {
      destinationArn: this.accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
  }
}
