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
 * The file holds the lists as the guard uses them, folded and with the surnames' forms without
 * tussenvoegsel, made by `lexiconLists` (privacy.ts) when the code is built: the first check only
 * splits the lists and puts them in sets. Each list is one string, words joined by `|` (it splits
 * faster than JSON parses an array).
 *
 * Without its lists the guard would let every name through: a missing, unreadable or short file is
 * an error (503, nothing stored), never an empty list.
 */
export interface PrivacyLists {
  /** Boys' and girls' first names, folded, each once. */
  firstNames: string[];
  /** Surnames, folded, each once; "de vries" also as "vries". */
  surnames: string[];
  /** Common words, folded, in the package's rank order (an index is a rank; a word may come twice). */
  commonWords: string[];
}

/** The lists as @zxcvbn-ts/language-nl-be has them, which the build turns into PrivacyLists. */
export interface PackagePrivacyLists {
  boysFirstnames: readonly string[];
  girlsFirstnames: readonly string[];
  lastnames: readonly string[];
  commonWords: readonly string[];
}

export const PRIVACY_LISTS_FILE_NAME = 'privacy-lists.json';

const SEPARATOR = '|';

/** At least this many entries per list (the build writes 3,023, 11,173 and 16,074): a cut file is refused. */
export const MINIMUM_ENTRIES: Readonly<Record<keyof PrivacyLists, number>> = {
  firstNames: 2000,
  surnames: 5000,
  commonWords: 10000,
};

export const privacyListsFile = (): string =>
  process.env.LAMBDA_TASK_ROOT
    ? join(process.env.LAMBDA_TASK_ROOT, PRIVACY_LISTS_FILE_NAME)
    : fileURLToPath(new URL(`../../forms/generated/${PRIVACY_LISTS_FILE_NAME}`, import.meta.url));

/** The file's content (forms/build.ts): one string per list. A word that could not be split back is refused. */
export function encodePrivacyLists(lists: PrivacyLists): string {
  const file: Record<string, string> = {};
  for (const name of Object.keys(MINIMUM_ENTRIES) as Array<keyof PrivacyLists>) {
    const bad = lists[name].find((w) => !w || w.includes(SEPARATOR));
    if (bad !== undefined)
      throw new Error(`${name}: ${JSON.stringify(bad)} is empty or holds "${SEPARATOR}"`);
    file[name] = lists[name].join(SEPARATOR);
  }
  return JSON.stringify(file);
}

/** Reads and checks the lists; throws DependencyUnavailableError when they are missing or incomplete. */
export function readPrivacyLists(file = privacyListsFile()): PrivacyLists {
  let content: Partial<Record<keyof PrivacyLists, unknown>>;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DependencyUnavailableError('privacy-lists', { cause: error });
  }
  const lists: Partial<PrivacyLists> = {};
  for (const [name, minimum] of Object.entries(MINIMUM_ENTRIES) as Array<[keyof PrivacyLists, number]>) {
    const joined = content?.[name];
    const list = typeof joined === 'string' ? joined.split(SEPARATOR) : [];
    if (list.length < minimum || list.includes(''))
      throw new DependencyUnavailableError('privacy-lists', {
        cause: new Error(`${name} in ${file} is missing, has empty entries or fewer than ${minimum}`),
      });
    lists[name] = list;
  }
  return lists as PrivacyLists;
}
