import { readFileSync } from 'node:fs';
import type { CovenantStore } from '../adapters/store.js';
import { hashFormKey } from '../adapters/store.js';
import { type Directory, directorySchema, type Party } from '../domain/parties.js';
import { newFormKey } from './ids.js';

export class DirectoryFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Directory ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DirectoryFileError';
  }
}

/** Reads and validates a directory file; every problem is listed with its place in the file. */
export function readDirectoryFile(file: string): Directory {
  const result = directorySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    throw new DirectoryFileError(
      file,
      result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return result.data;
}

export interface LoadedParty {
  party: Party;
  formKey: string;
}

/** Stores every party with a fresh form key; the plain keys are returned once and never stored. */
export async function loadDirectory(store: CovenantStore, directory: Directory): Promise<LoadedParty[]> {
  const loaded: LoadedParty[] = [];
  for (const party of directory.parties) {
    const formKey = newFormKey();
    await store.putParty(party, hashFormKey(formKey));
    loaded.push({ party, formKey });
  }
  return loaded;
}
