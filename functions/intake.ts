import { intakeFromRuntime } from '../shared/handlers/intake.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry: configuration and clients are built once per container, at cold start. */
export const handler = intakeFromRuntime(createRuntime(process.env, 'intake'));
