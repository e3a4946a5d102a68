import { DeleteCommand, PutCommand, paginateQuery, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NewOutboxItem, OutboxItem, OutboxKey, OutboxRepository } from '../../app/ports.js';
import { keys, outboxKey, PENDING_OUTBOX_INDEX_PK, pendingIndexSk, TABLE } from '../table.js';
import { type DynamoTable, guard } from './dynamo-table.js';
import { putNew, type Step } from './transact.js';

/** Outbox items carry the pending index until sent, so operators can list what is stuck without a Scan. */
const withPendingIndex = (item: OutboxItem) => ({
  ...item,
  gsi1pk: PENDING_OUTBOX_INDEX_PK,
  gsi1sk: pendingIndexSk(item),
});

/** The stored outbox item: keyed under its subject, pending, no attempts yet. */
export function outboxRecord(item: NewOutboxItem): OutboxItem {
  const { eventId, copy: _copy, ...rest } = item;
  return {
    ...outboxKey(item),
    type: 'outbox',
    ...rest,
    ...(eventId ? { eventSk: keys.event(item.subjectId, eventId).sk } : {}),
    status: 'pending',
    attempts: 0,
  };
}

/** New outbox items in a transaction, each only if it does not exist yet, carrying the pending index. */
export const outboxSteps = (table: DynamoTable, outbox: readonly NewOutboxItem[]): Step[] =>
  outbox.map((item) => ({ item: putNew(table, withPendingIndex(outboxRecord(item))) }));

const key = (item: OutboxKey) => ({ pk: item.pk, sk: item.sk });

export function dynamoOutbox(table: DynamoTable): OutboxRepository {
  const getOutbox = (item: OutboxKey) => table.get<OutboxItem>(key(item));
  return {
    getOutbox,

    /**
     * Claims an outbox item for sending. Only one delivery of a record can hold the claim; a claim
     * whose lease ran out (the sender died mid-send) can be taken again. When the claim is refused the
     * answer says why: `sent` (done, nothing to do), `busy` (someone holds a live lease: NOT done, the
     * caller must come back after the lease) or `missing`.
     */
    async claimOutbox(item, nowMs, leaseMs) {
      const claimed = await table.update(
        {
          Key: key(item),
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease ADD attempts :one',
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND leaseUntil < :now))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':lease': nowMs + leaseMs,
            ':now': nowMs,
            ':one': 1,
          },
          // The claimed item comes back with the claim: the sender needs no read of its own.
          ReturnValues: 'ALL_NEW',
        },
        true,
      );
      if (claimed !== 'refused') return { outcome: 'claimed', item: claimed as unknown as OutboxItem };
      const current = await getOutbox(item);
      if (!current) return { outcome: 'missing' };
      return { outcome: current.status === 'sent' ? 'sent' : 'busy' };
    },

    async markSent(item, messageId, sentAt) {
      await table.update({
        Key: key(item),
        UpdateExpression:
          'SET #status = :sent, messageId = :mid, sentAt = :at REMOVE leaseUntil, lastError, gsi1pk, gsi1sk',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':sending': 'sending',
          ':mid': messageId,
          ':at': sentAt,
        },
      });
    },

    async releaseOutbox(item, reason, unused = false) {
      await table.update({
        Key: key(item),
        UpdateExpression: unused
          ? 'SET #status = :pending REMOVE leaseUntil ADD attempts :minusOne'
          : 'SET #status = :pending, lastError = :reason REMOVE leaseUntil',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':sending': 'sending',
          ...(unused ? { ':minusOne': -1 } : { ':reason': reason.slice(0, 300) }),
        },
      });
    },

    /** A Query on the sparse pending index, never a Scan, 25 items a page. */
    async *pendingOutboxBefore(cutoff) {
      const pages = paginateQuery(
        { client: table.doc, pageSize: 25 },
        {
          TableName: table.name,
          IndexName: TABLE.gsi1.indexName,
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :cutoff',
          ExpressionAttributeValues: { ':pk': PENDING_OUTBOX_INDEX_PK, ':cutoff': cutoff.toISOString() },
        },
      );
      for await (const page of pages) yield (page.Items ?? []) as OutboxItem[];
    },

    async oldestPendingOutbox() {
      const out = await guard(() =>
        table.doc.send(
          new QueryCommand({
            TableName: table.name,
            IndexName: TABLE.gsi1.indexName,
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': PENDING_OUTBOX_INDEX_PK },
            Limit: 1,
          }),
        ),
      );
      return (out.Items?.[0] as OutboxItem | undefined)?.createdAt;
    },

    /** Outbox items not sent yet (oldest first): what `npm run admin -- failed` lists. */
    listPendingOutbox: () => table.queryIndex<OutboxItem>(PENDING_OUTBOX_INDEX_PK),

    /**
     * Sends an unsent outbox item through the stream again: removed and written anew, which the
     * stream carries as a new INSERT. Only an item that was not sent can be redriven.
     */
    async redriveOutbox(item, now) {
      const current = await getOutbox(item);
      if (!current || current.status === 'sent') return false;
      const fresh: OutboxItem = { ...current, status: 'pending', attempts: 0, createdAt: now.toISOString() };
      delete fresh.leaseUntil;
      delete fresh.lastError;
      await guard(() =>
        table.doc.send(
          new DeleteCommand({
            TableName: table.name,
            Key: key(item),
            ConditionExpression: '#status <> :sent',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':sent': 'sent' },
          }),
        ),
      );
      // Written back at once; should this fail, the caller prints the item so nothing is lost.
      await guard(() =>
        table.doc.send(new PutCommand({ TableName: table.name, Item: withPendingIndex(fresh) })),
      );
      return true;
    },
  };
}
