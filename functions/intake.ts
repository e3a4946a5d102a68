import { createHandlers, createRuntime } from '../shared/handlers/runtime.js';

const runtime = createRuntime(process.env, 'intake');
export const handler = createHandlers(runtime).intake();
