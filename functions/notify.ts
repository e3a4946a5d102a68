import { notifyFromRuntime } from '../shared/handlers/notify.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry: configuration and clients are built once per container, at cold start. */
export const handler = notifyFromRuntime(createRuntime(process.env, 'notify'));
