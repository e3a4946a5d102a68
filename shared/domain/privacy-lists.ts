import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DependencyUnavailableError } from './errors.js';

/**
 * The privacy guard's word and name lists (from @zxcvbn-ts/language-nl-be, 237 kB) are a data file
 * beside the code, not part of any bundle: forms/build.ts writes forms/generated/privacy-lists.json,
 * the CDK copies it next to the code of each function that checks free text (PACKAGED_FILES), and
 * the guard reads it at its first check (docs/adr/0021-cold-start-data-beside-the-code.md).
 *
 * Without its lists the guard would let every name through: a missing, unreadable or short file is
 * an error (503, nothing stored), never an empty list.
 */
export interface PrivacyLists {
  boysFirstnames: string[];
  girlsFirstnames: string[];
  lastnames: string[];
  commonWords: string[];
}

export const PRIVACY_LISTS_FILE_NAME = 'privacy-lists.json';

/** At least this many entries per list (the package has 1,574 to 30,000): a truncated file is refused. */
export const MINIMUM_ENTRIES: Readonly<Record<keyof PrivacyLists, number>> = {
  boysFirstnames: 1000,
  girlsFirstnames: 1000,
  lastnames: 5000,
  commonWords: 10000,
};

export const privacyListsFile = (): string =>
  process.env.LAMBDA_TASK_ROOT
    ? join(process.env.LAMBDA_TASK_ROOT, PRIVACY_LISTS_FILE_NAME)
    : fileURLToPath(new URL(`../../forms/generated/${PRIVACY_LISTS_FILE_NAME}`, import.meta.url));

/** Reads and checks the lists; throws DependencyUnavailableError when they are missing or incomplete. */
export function readPrivacyLists(file = privacyListsFile()): PrivacyLists {
  let lists: Partial<Record<keyof PrivacyLists, unknown>>;
  try {
    lists = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DependencyUnavailableError('privacy-lists', { cause: error });
  }
  for (const [name, minimum] of Object.entries(MINIMUM_ENTRIES) as Array<[keyof PrivacyLists, number]>) {
    const list = lists?.[name];
    if (!Array.isArray(list) || list.length < minimum || list.some((w) => typeof w !== 'string'))
      throw new DependencyUnavailableError('privacy-lists', {
        cause: new Error(`${name} in ${file} is missing or has fewer than ${minimum} entries`),
      });
  }
  return lists as PrivacyLists;
}
