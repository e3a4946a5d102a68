import { timingSafeEqual } from 'node:crypto';
import type { DirectoryRepository } from '../../app/ports.js';
import { hashFormKey } from '../../domain/form-keys.js';
import type { Party } from '../../domain/parties.js';
import { DIRECTORY_INDEX_PK, directoryIndexSk, keys } from '../table.js';
import type { DynamoTable } from './dynamo-table.js';
import { put, remove, transact } from './transact.js';

interface Profile {
  party: Party;
  formKeyHash?: string;
}

const formKeyItem = (partyId: string, hash: string) => ({
  ...keys.formKey(hash),
  type: 'formKey',
  partyId,
  formKeyHash: hash,
});

export function dynamoDirectory(table: DynamoTable): DirectoryRepository {
  const profile = (id: string, consistent = true) => table.get<Profile>(keys.party(id), consistent);
  return {
    async putParty(party, formKeyHash) {
      await transact(table, [
        {
          item: put(table, {
            ...keys.party(party.id),
            type: 'party',
            gsi1pk: DIRECTORY_INDEX_PK,
            gsi1sk: directoryIndexSk(party),
            party,
            formKeyHash,
          }),
        },
        { item: put(table, formKeyItem(party.id, formKeyHash)) },
      ]);
    },

    getParty: async (id) => (await profile(id))?.party,

    async getProfile(id) {
      const found = await profile(id);
      return found?.party
        ? { party: found.party, ...(found.formKeyHash ? { formKeyHash: found.formKeyHash } : {}) }
        : undefined;
    },

    /**
     * Only hashes are stored; the final comparison runs in constant time, and a key that was rotated
     * away no longer matches the party's current hash.
     */
    async findPartyByFormKey(formKey) {
      const hash = hashFormKey(formKey);
      const entry = await table.get<{ partyId?: string }>(keys.formKey(hash), false);
      if (!entry?.partyId) return undefined;
      const found = await profile(entry.partyId, false);
      const current = found?.formKeyHash;
      if (!current || current.length !== hash.length) return undefined;
      if (!timingSafeEqual(Buffer.from(current, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
      return found.party;
    },

    /** The whole directory, through the index (never a Scan). */
    listDirectory: async () =>
      (await table.queryIndex<Profile>(DIRECTORY_INDEX_PK)).map((item) => item.party),

    /** The old link stops working in the same transaction. */
    async rotateFormKey(partyId, newHash) {
      const found = await profile(partyId);
      if (!found) throw new Error(`party ${partyId} not found`);
      const oldHash = found.formKeyHash;
      await transact(table, [
        {
          item: {
            Update: {
              TableName: table.name,
              Key: keys.party(partyId),
              UpdateExpression: 'SET formKeyHash = :hash',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':hash': newHash },
            },
          },
        },
        { item: put(table, formKeyItem(partyId, newHash)) },
        ...(oldHash && oldHash !== newHash ? [{ item: remove(table, keys.formKey(oldHash)) }] : []),
      ]);
    },

    async updateParty(party) {
      await table.update({
        Key: keys.party(party.id),
        UpdateExpression: 'SET party = :party, gsi1sk = :gsi1sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':party': party, ':gsi1sk': directoryIndexSk(party) },
      });
    },
  };
}
