import { bouncesFromRuntime } from '../shared/handlers/bounces.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry: configuration and clients are built once per container, at cold start. */
export const handler = bouncesFromRuntime(createRuntime(process.env, 'bounces'));
