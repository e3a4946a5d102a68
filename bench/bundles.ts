import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLING, NODE_OPTIONS } from '../infra/bundling.js';
import { percentile, round } from './stats.js';

/**
 * `npm run bench:bundles`: bundles every function as the CDK does (esbuild, ESM, minified) with a
 * metafile, sets its size and module import time against a bundle of only the AWS SDK clients it
 * uses, and prints each bundle's biggest inputs, by package, and by file. This is how to check
 * that tree shaking and `sideEffects` keep out what a function does not use; `npm run bench` puts
 * the same figures in bench/results.md.
 */
export const FUNCTIONS = [
  'intake',
  'pages',
  'health',
  'acties',
  'notify',
  'sweeper',
  'daily',
  'bounces',
] as const;

/**
 * How a function builds each client when its container starts; the baseline builds them the same
 * way, so it is the floor of the SDK: the clients imported and built, nothing of ours. The Secrets
 * Manager client is only imported: the functions make it at their first signed link.
 */
const BUILT_AT_START: Record<string, (ns: string) => string> = {
  'client-dynamodb': (ns) =>
    `const ddb = new ${ns}.DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 3 });`,
  'lib-dynamodb': (ns) =>
    `const doc = ${ns}.DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });`,
  'client-ses': (ns) =>
    `const ses = new ${ns}.SESClient({ region: process.env.AWS_REGION, maxAttempts: 2 });`,
  'client-secrets-manager': () => '',
};

/** The AWS SDK clients each function uses: its baseline is a bundle of only these. */
export const CLIENTS_OF: Record<(typeof FUNCTIONS)[number], string[]> = {
  intake: ['client-dynamodb', 'lib-dynamodb'],
  pages: ['client-dynamodb', 'lib-dynamodb'],
  health: ['client-dynamodb', 'lib-dynamodb'],
  acties: ['client-dynamodb', 'lib-dynamodb', 'client-secrets-manager'],
  notify: ['client-dynamodb', 'lib-dynamodb', 'client-ses', 'client-secrets-manager'],
  // The outbox sweeper sends as notify does (same mailer and signed links).
  sweeper: ['client-dynamodb', 'lib-dynamodb', 'client-ses', 'client-secrets-manager'],
  daily: ['client-dynamodb', 'lib-dynamodb'],
  bounces: ['client-dynamodb', 'lib-dynamodb'],
};

export const OUTDIR = join(process.cwd(), 'bench', '.bundles');

export async function bundleWithMetafile(
  entry: { file: string } | { contents: string },
  outfile: string,
): Promise<{ size: number; metafile: Metafile }> {
  mkdirSync(OUTDIR, { recursive: true });
  const result = await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' as const } }),
    bundle: true,
    // As the CDK deploys them (infra/bundling.ts), source map included.
    platform: BUNDLING.platform,
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    outfile,
    metafile: true,
    banner: { js: BUNDLING.banner },
    logLevel: 'silent',
  });
  const output = bundleOutput(result.metafile);
  return { size: output?.bytes ?? 0, metafile: result.metafile };
}

/** The bundle itself among the outputs (the source map beside it is not loaded as code). */
const bundleOutput = (metafile: Metafile) =>
  Object.entries(metafile.outputs).find(([file]) => !file.endsWith('.map'))?.[1];

/** The package an input belongs to (`@aws-sdk/client-dynamodb`, `zod`), or `(own code)`. */
export function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return '(own code)';
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
}

/** Bytes in the output per package and per input file, biggest first. */
export function biggestInputs(metafile: Metafile, top = 8) {
  const output = bundleOutput(metafile);
  const inputs = Object.entries(output?.inputs ?? {}).map(([file, { bytesInOutput }]) => ({
    file,
    bytes: bytesInOutput,
  }));
  const byPackage = new Map<string, number>();
  for (const i of inputs) byPackage.set(packageOf(i.file), (byPackage.get(packageOf(i.file)) ?? 0) + i.bytes);
  return {
    packages: [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, top),
    files: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, top),
  };
}

/**
 * Why an input is in a bundle: the chain of imports from the entry to the first input whose path
 * contains `target` (breadth first, so the shortest chain). Empty when no input matches.
 */
export function importChain(metafile: Metafile, entry: string, target: string): string[] {
  const previous = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift() as string;
    if (file.includes(target)) {
      const chain: string[] = [];
      for (let at: string | undefined = file; at !== undefined; at = previous.get(at)) chain.unshift(at);
      return chain;
    }
    for (const { path } of metafile.inputs[file]?.imports ?? [])
      if (!previous.has(path) && metafile.inputs[path]) {
        previous.set(path, file);
        queue.push(path);
      }
  }
  return [];
}

const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`;

/**
 * Imports a bundle in a fresh Node and returns the import's milliseconds and, after it, those of a
 * first Amsterdam date through Intl: about 9 ms when the import left ICU unstarted (the first request
 * that reads a date pays it, once per container), well under 1 ms when the import started it.
 */
function importOnce(file: string): { importMs: number; intlAfterMs: number } {
  const out = execFileSync(
    process.execPath,
    [
      // Started as in AWS (NODE_OPTIONS of infra/bundling.ts): the source map is parsed at import.
      ...NODE_OPTIONS.split(' '),
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(file)}); const u = performance.now();
new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' }).format(new Date());
console.log(JSON.stringify({ importMs: u - t, intlAfterMs: performance.now() - u }));`,
    ],
    {
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        TABLE_NAME: 't',
        SENDER_EMAIL: 'a@example.org',
        ACTION_LINK_SECRET: 'x'.repeat(40),
        AWS_REGION: 'eu-west-1',
      },
    },
  );
  return JSON.parse(String(out).trim()) as { importMs: number; intlAfterMs: number };
}

/**
 * Function and baseline alternate, nine times each, and the fastest of each counts: the import's
 * own work, not the moments a shared machine's cores were busy elsewhere (the median is kept too).
 */
function importMs(a: string, b: string) {
  const ta: number[] = [];
  const tb: number[] = [];
  const intl: number[] = [];
  const intlBase: number[] = [];
  for (let i = 0; i < 9; i++) {
    const fn = importOnce(a);
    const sdk = importOnce(b);
    ta.push(fn.importMs);
    tb.push(sdk.importMs);
    intl.push(fn.intlAfterMs);
    intlBase.push(sdk.intlAfterMs);
  }
  return {
    a: Math.min(...ta),
    b: Math.min(...tb),
    aMedian: percentile(ta, 50),
    bMedian: percentile(tb, 50),
    intlAfter: Math.min(...intl),
    intlAfterBase: Math.min(...intlBase),
  };
}

/** One function's cold start: bundle size and import time, and the same for its SDK clients alone. */
export async function coldStart(name: (typeof FUNCTIONS)[number]) {
  const clients = CLIENTS_OF[name];
  const fnFile = join(OUTDIR, `${name}.mjs`);
  const sdkFile = join(OUTDIR, `${name}-sdk.mjs`);
  const { size } = await bundleWithMetafile({ file: `functions/${name}.ts` }, fnFile);
  const { size: sdkSize } = await bundleWithMetafile(
    {
      contents: [
        ...clients.map((c, i) => `import * as c${i} from '@aws-sdk/${c}';`),
        ...clients.map((c, i) => BUILT_AT_START[c]?.(`c${i}`) ?? ''),
        `(globalThis as Record<string, unknown>).keep = [${clients.map((_, i) => `c${i}`).join(', ')}];`,
      ].join('\n'),
    },
    sdkFile,
  );
  const times = importMs(fnFile, sdkFile);
  return { size, sdkSize, ...times };
}

/** Rows (what, measured, baseline, ratio) of size and import time for every function. */
export async function coldStartRows(): Promise<Array<[string, string, string, string]>> {
  const rows: Array<[string, string, string, string]> = [];
  for (const name of FUNCTIONS) {
    const c = await coldStart(name);
    rows.push([
      `cold start ${name}: size`,
      kB(c.size),
      `SDK clients only ${kB(c.sdkSize)}`,
      `${round(c.size / c.sdkSize)}×`,
    ]);
    rows.push([
      `cold start ${name}: import (fastest of 9, alternating)`,
      `${round(c.a)} ms (median ${round(c.aMedian)} ms)`,
      `SDK clients only, imported and built ${round(c.b)} ms (median ${round(c.bMedian)} ms)`,
      `${round(c.a / c.b)}×`,
    ]);
    rows.push([
      `cold start ${name}: the first Amsterdam date after the import (Intl starts ICU)`,
      `${round(c.intlAfter)} ms`,
      `after the SDK clients alone ${round(c.intlAfterBase)} ms`,
      `${round(c.intlAfter / c.intlAfterBase)}× (1× = the import left ICU for the first request that reads a date)`,
    ]);
  }
  return rows;
}

/** Markdown: per function, its biggest packages and files in the bundle. */
export async function bundleReport(): Promise<string[]> {
  const lines = [
    '## Biggest inputs per function bundle',
    '',
    '| function | size | biggest packages | biggest files |',
    '|---|---|---|---|',
  ];
  for (const name of FUNCTIONS) {
    const { size, metafile } = await bundleWithMetafile(
      { file: `functions/${name}.ts` },
      join(OUTDIR, `${name}.mjs`),
    );
    const { packages, files } = biggestInputs(metafile, 6);
    lines.push(
      `| ${name} | ${kB(size)} | ${packages.map(([p, b]) => `${p} ${kB(b)}`).join(', ')} | ${files
        .map((f) => `${f.file.replace(/^.*node_modules\//, '')} ${kB(f.bytes)}`)
        .join(', ')} |`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--why') {
  // `npm run bench:bundles -- --why health entities`: the import chain that brings an input in.
  const [name, target] = process.argv.slice(3) as [string, string];
  const { metafile } = await bundleWithMetafile(
    { file: `functions/${name}.ts` },
    join(OUTDIR, `${name}.mjs`),
  );
  const chain = importChain(metafile, `functions/${name}.ts`, target);
  console.log(chain.length ? chain.join('\n  imports ') : `${target} is not in the ${name} bundle`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = (await coldStartRows()).map((row) => `| ${row.join(' | ')} |`);
  const table = await bundleReport();
  console.log(`| what | measured | baseline | ratio |\n|---|---|---|---|\n${rows.join('\n')}`);
  console.log(`\n${table.join('\n')}`);
  if (process.argv.includes('--write')) {
    // Only the cold-start rows and the bundle table of bench/results.md; `npm run bench` writes all of it.
    const file = join('bench', 'results.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const first = lines.findIndex((l) => l.startsWith('| cold start '));
    const last = lines.findLastIndex((l) => l.startsWith('| cold start '));
    const biggest = lines.indexOf(table[0] as string);
    if (first < 0 || biggest < 0) throw new Error(`${file} has no cold-start rows: run npm run bench`);
    const note = `Cold-start rows and the bundle table from \`npm run bench:bundles -- --write\`, ${new Date().toISOString()}.`;
    writeFileSync(
      file,
      [
        ...lines.slice(0, first),
        ...rows,
        ...lines
          .slice(last + 1, biggest)
          .filter((l) => !l.startsWith('Cold-start rows and the bundle table')),
        note,
        '',
        ...table,
        '',
      ].join('\n'),
    );
    console.log(`\nWritten to ${file}`);
  }
}
