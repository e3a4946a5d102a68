import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../app/ports.js';
import { dynamoDirectory } from './directory.js';
import { DynamoTable, type Item, type Key } from './dynamo-table.js';
import { dynamoEvaluatie } from './evaluation.js';
import { dynamoEvents } from './events.js';
import { dynamoMaintenance } from './maintenance.js';
import { dynamoOutbox } from './outbox.js';
import { dynamoRateCounters } from './rate-counters.js';
import { dynamoReminders } from './reminders.js';
import { dynamoSubmissions } from './submissions.js';

export { isUnavailable } from './dynamo-table.js';

/**
 * Every port on DynamoDB, composed once per container from the one document client. Besides the
 * ports it offers the raw item access that operators' tools and the integration tests use to look
 * at (or plant) an item; use cases never get it.
 */
export interface DynamoStore extends Store {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  getItem(key: Key): Promise<Item | undefined>;
  put(item: Item): Promise<void>;
  /** The items of one index partition (`melding#Oost`) in a range of its sort key. */
  listSubmissions<T = Item>(indexKey: string, fromIso: string, toIso: string): Promise<T[]>;
}

export function dynamoStore(doc: DynamoDBDocumentClient, tableName: string): DynamoStore {
  const table = new DynamoTable(doc, tableName);
  return {
    doc,
    tableName,
    getItem: (key) => table.get(key),
    put: (item) => table.put(item),
    listSubmissions: (indexKey, fromIso, toIso) => table.queryIndex(indexKey, fromIso, toIso),
    ...dynamoSubmissions(table),
    ...dynamoOutbox(table),
    ...dynamoDirectory(table),
    ...dynamoEvents(table),
    ...dynamoReminders(table),
    ...dynamoEvaluatie(table),
    ...dynamoRateCounters(table),
    ...dynamoMaintenance(table),
  };
}
