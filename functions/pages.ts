import { pagesFromRuntime } from '../shared/handlers/pages.js';
import { createRuntime } from '../shared/handlers/runtime.js';

/** Lambda entry: configuration and clients are built once per container, at cold start. */
export const handler = pagesFromRuntime(createRuntime(process.env, 'pages'));
