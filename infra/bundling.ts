/**
 * How every function is bundled and started in AWS, in one place: the CDK construct
 * (constructs/covenant-function.ts) deploys with these, and `npm run bench:bundles` measures cold
 * starts with the same, so the figures are those of the deployed settings.
 *
 * Source maps: stack traces in the logs name the TypeScript file and line, so Node parses the map at
 * every cold start (--enable-source-maps). Without the sources inside it (sourcesContent: false) the
 * map is a third of the size and that parse about half the time (ADR 0021).
 */
export const BUNDLING = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); an ESM bundle has none of its own.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;

/** The Node options every function starts with. */
export const NODE_OPTIONS = '--enable-source-maps';
