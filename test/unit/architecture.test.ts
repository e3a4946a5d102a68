import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import rule of the house (README "Map of the house"), checked on every `npm test`: each folder
 * may import only the folders listed for it. Packages from node_modules are not restricted here;
 * what matters is the direction between our own layers.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const IMPORT_RULES: Record<string, readonly string[]> = {
  // The covenant's rules in pure TypeScript. The covenant's calendar data is a JSON file in config/.
  'shared/domain': ['shared/domain', 'config'],
  // Use cases: the domain and the ports (shared/app/ports.ts) they are handed.
  'shared/app': ['shared/domain', 'shared/app'],
  // Adapters implement the ports with AWS (DynamoDB, SES, Secrets Manager).
  'shared/adapters': ['shared/domain', 'shared/app/ports', 'shared/adapters'],
  // The HTTP contract: routes, problems, bodies, the OpenAPI document built from the use cases' schemas.
  'shared/http': ['shared/domain', 'shared/app', 'shared/http'],
  // Views: pages and components, from domain values only.
  forms: ['forms', 'shared/domain'],
  // The build script also writes the OpenAPI template from the HTTP contract (README "Cold start").
  'forms/build.ts': ['forms', 'shared/domain', 'shared/http'],
  // Handlers compose: they adapt an HTTP event or a stream record to a use case and a view.
  'shared/handlers': [
    'shared/domain',
    'shared/app',
    'shared/adapters',
    'shared/http',
    'shared/handlers',
    'forms',
  ],
  // Lambda entry points build clients once and hand them to a handler factory.
  functions: ['shared', 'forms', 'functions'],
};

const SOURCE = /\.(ts|tsx)$/;

function filesUnder(folder: string): string[] {
  if (SOURCE.test(folder)) return [folder];
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every relative import of a file, resolved to a path from the repository root, without extension. */
function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(ROOT, resolve(ROOT, dirname(file), name)).replace(/\.(js|ts|tsx|json)$/, ''));
}

/** The rule that governs a file: the longest folder prefix in IMPORT_RULES. */
function ruleFor(file: string): [string, readonly string[]] | undefined {
  const folder = Object.keys(IMPORT_RULES)
    .filter((f) => file === f || file.startsWith(`${f}/`))
    .sort((a, b) => b.length - a.length)[0];
  return folder ? [folder, IMPORT_RULES[folder] ?? []] : undefined;
}

function violationsOf(file: string, imports: readonly string[]): string[] {
  const rule = ruleFor(file);
  if (!rule) return [];
  const [folder, allowed] = rule;
  return imports
    .filter((target) => !allowed.some((a) => target === a || target.startsWith(`${a}/`)))
    .map((target) => `${file} (${folder}) imports ${target}`);
}

describe('the import rule of the house', () => {
  it('holds for every source file', () => {
    const files = Object.keys(IMPORT_RULES).flatMap((folder) =>
      filesUnder(folder).filter((f) => ruleFor(f)?.[0] === folder),
    );
    expect(files.length).toBeGreaterThan(50);
    const violations = files.flatMap((f) => violationsOf(f, importsOf(f)));
    expect(violations).toEqual([]);
  });

  it('catches a domain file that imports an adapter, and a view that imports a use case', () => {
    const domain = importsOf('shared/domain/x.ts', "import { put } from '../adapters/store.js';");
    expect(violationsOf('shared/domain/x.ts', domain)).toEqual([
      'shared/domain/x.ts (shared/domain) imports shared/adapters/store',
    ]);
    const view = importsOf('forms/x.tsx', "export { answerLink } from '../shared/app/actions.js';");
    expect(violationsOf('forms/x.tsx', view)).toHaveLength(1);
    const dynamic = importsOf('shared/app/x.ts', "const m = await import('../handlers/intake.js');");
    expect(violationsOf('shared/app/x.ts', dynamic)).toHaveLength(1);
  });

  it('lets an adapter import the ports but not a use case', () => {
    expect(violationsOf('shared/adapters/dynamodb/outbox.ts', ['shared/app/ports'])).toEqual([]);
    expect(violationsOf('shared/adapters/dynamodb/outbox.ts', ['shared/app/intake'])).toHaveLength(1);
  });
});
