import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EdgeFirewallStack } from './edge-firewall.js';
import { type Settings, settingsFromContext } from './settings.js';
import { CovenantStack } from './stack.js';

export interface CovenantApp {
  app: App;
  settings: Settings;
  stack: CovenantStack;
}

/**
 * The CDK app as `cdk synth` builds it, as a function so a test can build it with chosen context and
 * without any AWS configuration. The region comes from the settings, never from the CLI's fallback;
 * the account from the CLI when it has one (environment-agnostic otherwise).
 */
export function createCovenantApp(props: AppProps = {}, env: NodeJS.ProcessEnv = process.env): CovenantApp {
  const app = new App(props);
  // cdk-nag's AwsSolutions and Serverless packs: synth fails on any finding that is not acknowledged with a reason.
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  const settings = settingsFromContext((key) => app.node.tryGetContext(key));
  const account = env.CDK_DEFAULT_ACCOUNT;
  const stackName = app.node.tryGetContext('stackName') ?? `VeiligInEnOmSchool-${settings.environment}`;
  // WAF for CloudFront lives in us-east-1; its ARN reaches the main stack through a cross-region reference.
  const firewall = settings.edge
    ? new EdgeFirewallStack(app, `${stackName}-EdgeFirewall`, {
        env: { account, region: 'us-east-1' },
        crossRegionReferences: true,
        environmentName: settings.environment,
        ratePer5Minutes: settings.edge.ratePer5Minutes,
        terminationProtection: settings.environment === 'prod',
      })
    : undefined;
  const stack = new CovenantStack(app, stackName, {
    settings,
    env: { account, region: settings.region },
    ...(firewall ? { crossRegionReferences: true, firewall } : {}),
    terminationProtection: settings.environment === 'prod',
    description: `Convenant Veilig in en om school (Utrecht), environment ${settings.environment}: meldingen, voorlichting and the covenant calendar`,
  });
  return { app, settings, stack };
}
