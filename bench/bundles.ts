import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

/**
 * `npm run bench:bundles`: bundles every function as the CDK does (esbuild, ESM, minified) with a
 * metafile, and prints each bundle's biggest inputs, by package, and by file. This is how to check
 * that tree shaking and `sideEffects` keep out what a function does not use; `npm run bench` puts
 * the same table in bench/results.md.
 */
export const FUNCTIONS = ['intake', 'pages', 'health', 'acties', 'notify', 'daily', 'bounces'] as const;

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
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    outfile,
    metafile: true,
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { size: output?.bytes ?? 0, metafile: result.metafile };
}

/** The package an input belongs to (`@aws-sdk/client-dynamodb`, `zod`), or `(own code)`. */
export function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return '(own code)';
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
}

/** Bytes in the output per package and per input file, biggest first. */
export function biggestInputs(metafile: Metafile, top = 8) {
  const output = Object.values(metafile.outputs)[0];
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

const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`;

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

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await bundleReport()).join('\n'));
}
