import type { TestProject } from 'vitest/node';
import { freePort, startDynamoDbLocal } from '../../local/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}

/**
 * One DynamoDB Local for the integration tier (it takes a couple of seconds to start); every test
 * file makes its own table in it, and its own SES emulator, so files run side by side.
 */
export default async function setup(project: TestProject) {
  const ddb = await startDynamoDbLocal(await freePort());
  project.provide('ddbEndpoint', ddb.endpoint);
  return () => ddb.stop();
}
