import { App } from 'aws-cdk-lib';
import { buildAssets } from '../forms/build.js';
import { parseSettings } from './settings.js';
import { CovenantStack } from './stack.js';

await buildAssets();
const app = new App();
const settings = parseSettings(app.node.tryGetContext('covenant'));
new CovenantStack(app, app.node.tryGetContext('stackName') ?? 'VeiligInEnOmSchool', {
  settings,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1' },
  description:
    'Convenant Veilig in en om school (Utrecht): meldingen, voorlichting and the covenant calendar',
});
app.synth();
