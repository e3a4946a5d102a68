import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../../domain/errors.js';
import { type DynamoTable, type Item, isUnavailable, type Key } from './dynamo-table.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * One item of a transaction and what it means when its condition fails: `exists` (the work was
 * done before: the transaction answers 'exists'), or the domain error to throw. Without `refused`
 * a failed condition is not expected and the store's error goes up as it is.
 */
export interface Step {
  item: TransactItem;
  refused?: 'exists' | ((reasons: CancellationCodes) => Error);
}

export type CancellationCodes = Array<string | undefined>;

export interface TransactOptions {
  /**
   * A cancellation that no step explains: a conflict with a concurrent transaction, or a failed
   * condition without `refused`. Default: a conflict is "the store is busy" (503 or retry).
   */
  contended?: (reasons: CancellationCodes) => Error;
}

/**
 * Runs one TransactWriteItems and turns its cancellation into the domain's words, the one place
 * that reads CancellationReasons (one code per item, in order). The first step, in the order given,
 * whose condition failed and that says what that means decides; so put the refusals that should win
 * first. A store that did not answer is DependencyUnavailableError.
 */
export async function transact(
  table: DynamoTable,
  steps: readonly Step[],
  options: TransactOptions = {},
): Promise<'written' | 'exists'> {
  try {
    await table.doc.send(new TransactWriteCommand({ TransactItems: steps.map((s) => s.item) }));
    return 'written';
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = (error.CancellationReasons ?? []).map((r) => r.Code);
      const refused = steps.find((s, i) => s.refused && reasons[i] === 'ConditionalCheckFailed')?.refused;
      if (refused === 'exists') return 'exists';
      if (refused) throw refused(reasons);
      const conflict = reasons.includes('TransactionConflict');
      if (options.contended && (conflict || reasons.includes('ConditionalCheckFailed')))
        throw options.contended(reasons);
      if (conflict) throw new DependencyUnavailableError('dynamodb', { cause: error });
    }
    if (isUnavailable(error)) throw new DependencyUnavailableError('dynamodb', { cause: error });
    throw error;
  }
}

/** A Put that only creates: an item that exists already cancels the whole transaction. */
export const putNew = (table: DynamoTable, item: Item): TransactItem => ({
  Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** A plain Put (overwrites). */
export const put = (table: DynamoTable, item: Item): TransactItem => ({
  Put: { TableName: table.name, Item: item },
});

/** A Delete. */
export const remove = (table: DynamoTable, key: Key): TransactItem => ({
  Delete: { TableName: table.name, Key: key },
});
