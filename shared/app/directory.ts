import { readFileSync } from 'node:fs';
import { directorySchema } from '../domain/directory-schema.js';
import { hashFormKey } from '../domain/form-keys.js';
import type { Directory, Party } from '../domain/parties.js';
import { newFormKey } from './ids.js';
import type { DirectoryRepository } from './ports.js';

export class DirectoryFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(
      problems.length === 1
        ? `Directory ${file}: ${problems[0]}`
        : `Directory ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'DirectoryFileError';
  }
}

/** Line and column (1-based) of a character offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Parses JSON; a syntax error names the line and column, as an editor would. */
function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const at =
      position !== undefined ? lineAndColumn(text, Number(position)) : lineAndColumn(text, text.length);
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    throw new DirectoryFileError(file, [
      `not valid JSON at line ${at.line}, column ${at.column} (${reason})`,
    ]);
  }
}

/** Where a problem is, by party id when the entry has one: "party jou: email", not "parties.3.email". */
function placeOf(raw: unknown, path: ReadonlyArray<PropertyKey>): string {
  const [list, index, ...rest] = path;
  if (list === 'parties' && typeof index === 'number') {
    const id = (raw as { parties?: Array<{ id?: unknown }> }).parties?.[index]?.id;
    const who = typeof id === 'string' && id ? `party ${id}` : `party number ${index + 1} (no id)`;
    return rest.length ? `${who}, ${rest.join('.')}` : who;
  }
  return path.join('.') || '(file)';
}

/** Reads and validates a directory file; every problem is listed by party id and field. */
export function readDirectoryFile(file: string): Directory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DirectoryFileError(file, [
      code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? (error as Error).message})`,
    ]);
  }
  const raw = parseJson(file, text);
  const result = directorySchema.safeParse(raw);
  if (!result.success) {
    throw new DirectoryFileError(
      file,
      result.error.issues.map((i) => `${placeOf(raw, i.path)}: ${i.message}`),
    );
  }
  return result.data;
}

export interface LoadedParty {
  party: Party;
  formKey: string;
}

/** Stores every party with a fresh form key; the plain keys are returned once and never stored. */
export async function loadDirectory(
  store: DirectoryRepository,
  directory: Directory,
): Promise<LoadedParty[]> {
  const loaded: LoadedParty[] = [];
  for (const party of directory.parties) {
    const formKey = newFormKey();
    await store.putParty(party, hashFormKey(formKey));
    loaded.push({ party, formKey });
  }
  return loaded;
}
