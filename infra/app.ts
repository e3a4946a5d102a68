import { buildAssets } from '../forms/build.js';
import { createCovenantApp } from './app-factory.js';
import { SettingsError } from './settings.js';

await buildAssets();
try {
  createCovenantApp().app.synth();
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  // A missing or wrong setting is the operator's to fix: one clear message, no stack trace.
  console.error(error.message);
  process.exit(1);
}
