import { createHandlers, createRuntime } from '../shared/handlers/runtime.js';

const runtime = createRuntime(process.env, 'pages');
export const handler = createHandlers(runtime).pages();
