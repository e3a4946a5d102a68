import { dailyFromRuntime } from '../shared/handlers/daily.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry: configuration and clients are built once per container, at cold start. */
export const handler = dailyFromRuntime(createRuntime(process.env, 'daily'));
