import { defineConfig } from 'vitest/config';
import { buildAssets } from './forms/build.js';
import { SECOND_SEASON_DAYS, SECOND_SEASON_TODAY } from './test/support/clock.js';

// The pages import the generated stylesheet and script (forms/generated, not in git): build them
// before any test file loads, however vitest is started (see docs/adr/0011-generated-assets-and-fresh-clone.md).
await buildAssets();
// The global setup (DynamoDB Local) runs in this process, not in the workers that get `test.env`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Four tiers, one command (`npm test` runs them all; `npm run test:unit` is the fast inner loop):
 * unit (pure logic, no network), integration (DynamoDB Local and the SES emulator, started by the
 * global setup), infra (CDK synth and template assertions) and e2e (Chromium against the local stack).
 */
export default defineConfig({
  test: {
    // Most files wait on DynamoDB Local, the SES emulator or Chromium rather than on a core: two files
    // at a time on this 2-core machine. Not more: the stacks send at the deployed pace with the
    // deployed deadlines scaled down ten times, so a starved CPU makes a send miss its deadline and
    // wait for the retry path (three files at a time beside other work showed it). Every wait is a
    // condition with a generous deadline (test/support/wait.ts), never a timing assert.
    maxWorkers: 2,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      TZ: 'UTC',
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-local.global.ts'],
          setupFiles: ['test/support/log-sink.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The calendar, evaluation and termination tests again, with the suite's today in another
        // season (after the summer holiday began): they derive every date from TODAY, so a test that
        // secretly depends on one date fails here. The calendar test runs half a year here (the
        // default season runs a whole one).
        extends: true,
        test: {
          name: 'second-season',
          include: [
            'test/integration/calendar.test.ts',
            'test/integration/evaluatie.test.ts',
            'test/integration/beeindiging.test.ts',
          ],
          env: { TEST_TODAY: SECOND_SEASON_TODAY, TEST_SIMULATED_DAYS: String(SECOND_SEASON_DAYS) },
          globalSetup: ['test/support/dynamodb-local.global.ts'],
          setupFiles: ['test/support/log-sink.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-local.global.ts'],
          setupFiles: ['test/support/log-sink.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
