import type { RateCounterRepository } from '../../app/ports.js';
import { keys } from '../table.js';
import type { DynamoTable } from './dynamo-table.js';

export function dynamoRateCounters(table: DynamoTable): RateCounterRepository {
  return {
    /**
     * Counts one request in a fixed window (one minute unless said otherwise) and returns the count
     * so far. The counter expires with the window (TTL), so the table holds no history of who posted when.
     */
    async countRequest(bucket, windowStartS, windowSeconds = 60) {
      const out = await table.update({
        Key: keys.rate(bucket, windowStartS),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': windowStartS + windowSeconds + 60 },
        ReturnValues: 'UPDATED_NEW',
      });
      return Number((out as { count?: number } | undefined)?.count ?? 1);
    },

    /**
     * Reserves the next send slot of the SES account, shared by every container: one slot per
     * `intervalMs`. Two conditional updates on one item: the pace does not depend on how many
     * containers run.
     */
    async reserveSendSlot(nowMs, intervalMs) {
      const key = keys.pace();
      for (;;) {
        // The line is empty: this send goes now and the next may follow one interval later.
        const now = await table.update(
          {
            Key: key,
            UpdateExpression: 'SET nextSlot = :next',
            ConditionExpression: 'attribute_not_exists(nextSlot) OR nextSlot <= :now',
            ExpressionAttributeValues: { ':next': nowMs + intervalMs, ':now': nowMs },
          },
          true,
        );
        if (now !== 'refused') return nowMs;
        // Others are waiting: take the slot after theirs.
        const later = await table.update(
          {
            Key: key,
            UpdateExpression: 'ADD nextSlot :interval',
            ConditionExpression: 'nextSlot > :now',
            ExpressionAttributeValues: { ':interval': intervalMs, ':now': nowMs },
            ReturnValues: 'UPDATED_NEW',
          },
          true,
        );
        if (later !== 'refused') return Number(later?.nextSlot) - intervalMs;
      }
    },
  };
}
