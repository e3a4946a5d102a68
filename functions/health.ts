import { createHandlers, createRuntime } from '../shared/handlers/runtime.js';

const runtime = createRuntime(process.env, 'health');
export const handler = createHandlers(runtime).health();
