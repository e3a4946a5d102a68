import type { TestProject } from 'vitest/node';
import { freePort, type RunningService, startDynamoDbLocal } from '../../local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}

/** Shared by every project that names this setup (integration, second-season, e2e): one Java process. */
const shared = globalThis as { __ddbLocal?: Promise<RunningService>; __ddbLocalUsers?: number };

/**
 * One DynamoDB Local for the integration tiers (it takes a couple of seconds to start); every test
 * file makes its own table in it, and its own SES emulator, so files run side by side.
 */
export default async function setup(project: TestProject) {
  shared.__ddbLocal ??= freePort().then((port) => startDynamoDbLocal(port));
  shared.__ddbLocalUsers = (shared.__ddbLocalUsers ?? 0) + 1;
  const ddb = await shared.__ddbLocal;
  project.provide('ddbEndpoint', ddb.endpoint);
  return async () => {
    shared.__ddbLocalUsers = (shared.__ddbLocalUsers ?? 1) - 1;
    if (shared.__ddbLocalUsers === 0) {
      shared.__ddbLocal = undefined;
      await ddb.stop();
    }
  };
}
