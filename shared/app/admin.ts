import { hashFormKey } from '../domain/form-keys.js';
import type { Directory, Party } from '../domain/parties.js';
import { canonicalJson, newFormKey } from './ids.js';
import type { DirectoryRepository } from './ports.js';

export interface DirectoryDiff {
  added: Party[];
  changed: Array<{ before: Party; after: Party; fields: string[] }>;
  /** In the table but not in the file: switched off, never deleted (history and audit keep them). */
  deactivated: Party[];
  unchanged: number;
}

/** What an import would change, field by field; pure, so a dry run shows exactly what a real run does. */
export function diffDirectory(current: readonly Party[], incoming: Directory): DirectoryDiff {
  const byId = new Map(current.map((p) => [p.id, p]));
  const incomingIds = new Set(incoming.parties.map((p) => p.id));
  const diff: DirectoryDiff = { added: [], changed: [], deactivated: [], unchanged: 0 };
  for (const after of incoming.parties) {
    const before = byId.get(after.id);
    if (!before) {
      diff.added.push(after);
      continue;
    }
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Party>;
    const fields = [...keys].filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k])).sort();
    if (fields.length) diff.changed.push({ before, after, fields });
    else diff.unchanged++;
  }
  for (const party of current) {
    if (!incomingIds.has(party.id) && party.active) diff.deactivated.push(party);
  }
  return diff;
}

export interface AppliedImport {
  /** New parties with their plain form keys: shown once, never stored. */
  newKeys: Array<{ party: Party; formKey: string }>;
}

export async function applyDirectoryDiff(
  store: DirectoryRepository,
  diff: DirectoryDiff,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<AppliedImport> {
  const total = diff.added.length + diff.changed.length + diff.deactivated.length;
  let done = 0;
  const newKeys: AppliedImport['newKeys'] = [];
  for (const party of diff.added) {
    const formKey = newFormKey();
    await store.putParty(party, hashFormKey(formKey));
    newKeys.push({ party, formKey });
    progress(++done, total);
  }
  for (const { after } of diff.changed) {
    await store.updateParty(after);
    progress(++done, total);
  }
  for (const party of diff.deactivated) {
    await store.updateParty({ ...party, active: false });
    progress(++done, total);
  }
  return { newKeys };
}

export async function rotateKey(store: DirectoryRepository, partyId: string): Promise<string> {
  const formKey = newFormKey();
  await store.rotateFormKey(partyId, hashFormKey(formKey));
  return formKey;
}
