import { sweeperFromRuntime } from '../shared/handlers/notify.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry of the outbox sweeper (scheduled): configuration and clients built once per container. */
export const handler = sweeperFromRuntime(createRuntime(process.env, 'sweeper'));
