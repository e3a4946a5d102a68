import { healthFromRuntime } from '../shared/handlers/health.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry: configuration and clients are built once per container, at cold start. */
export const handler = healthFromRuntime(createRuntime(process.env, 'health'));
