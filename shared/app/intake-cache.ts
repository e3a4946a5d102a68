import { hashFormKey } from '../domain/form-keys.js';
import type { Party } from '../domain/parties.js';
import type { DirectoryRepository } from './ports.js';

/**
 * Per container, for a short time: which party a form key belongs to, and the directory. It may
 * spare the reads before the intake transaction; it may never decide on its own that a key is
 * valid: the transaction checks the key on the party's profile (see docs/adr/0009). Unknown keys are
 * never cached, so a new key works at once. A TTL of 0 turns it off.
 */
export class IntakeCache {
  private readonly keys = new Map<string, { party: Party; until: number }>();
  private directory: { parties: Promise<Party[]>; until: number } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The party of a form key, from the cache when fresh, else from the store. */
  async partyOf(store: DirectoryRepository, formKey: string): Promise<Party | undefined> {
    const hash = hashFormKey(formKey);
    const now = this.clock();
    const hit = this.keys.get(hash);
    if (hit && hit.until > now) return hit.party;
    const party = await store.findPartyByFormKey(formKey);
    if (party && this.ttlMs > 0) {
      if (this.keys.size > 1000) this.keys.clear();
      this.keys.set(hash, { party, until: now + this.ttlMs });
    } else this.keys.delete(hash);
    return party;
  }

  /** The whole directory, from the cache when fresh: used for routing only, never for access. */
  listDirectory(store: DirectoryRepository): Promise<Party[]> {
    const now = this.clock();
    if (this.directory && this.directory.until > now) return this.directory.parties;
    const parties = store.listDirectory();
    if (this.ttlMs > 0) {
      this.directory = { parties, until: now + this.ttlMs };
      // A failed read is not remembered.
      parties.catch(() => {
        if (this.directory?.parties === parties) this.directory = undefined;
      });
    }
    return parties;
  }

  /** Forgets what the transaction proved stale: the key, and the directory with it. */
  forget(formKey: string): void {
    this.keys.delete(hashFormKey(formKey));
    this.directory = undefined;
  }
}
