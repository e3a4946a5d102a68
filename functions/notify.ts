import { createHandlers, createRuntime } from '../shared/handlers/runtime.js';

const runtime = createRuntime(process.env, 'notify');
export const handler = createHandlers(runtime).notify();
