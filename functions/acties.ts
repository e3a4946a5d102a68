import { actiesFromRuntime } from '../shared/handlers/acties.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry: configuration and clients are built once per container, at cold start. */
export const handler = actiesFromRuntime(createRuntime(process.env, 'acties'));
