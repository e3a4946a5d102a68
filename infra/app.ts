import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildAssets } from '../forms/build.js';
import { parseSettings } from './settings.js';
import { CovenantStack } from './stack.js';

await buildAssets();
const app = new App();
// cdk-nag's AwsSolutions and Serverless packs: synth fails on any finding that is not acknowledged with a reason.
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { verbose: true }),
  new ServerlessChecks(app, { verbose: true }),
);
const settings = parseSettings(app.node.tryGetContext('covenant'));
new CovenantStack(app, app.node.tryGetContext('stackName') ?? 'VeiligInEnOmSchool', {
  settings,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1' },
  description:
    'Convenant Veilig in en om school (Utrecht): meldingen, voorlichting and the covenant calendar',
});
app.synth();
