import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../../domain/errors.js';
import { TABLE } from '../table.js';

const RETRYABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'TimeoutError',
]);

/** True when the error means "the store did not answer", as opposed to a refused condition or a bug. */
export function isUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!e) return false;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(e.code))
    return true;
  if (e.name && RETRYABLE_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error ? isUnavailable(cause) : false;
}

/** Runs one call to DynamoDB: "did not answer" becomes DependencyUnavailableError (a 503 or a retry). */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isUnavailable(error)) throw new DependencyUnavailableError('dynamodb', { cause: error });
    throw error;
  }
}

export type Key = { pk: string; sk: string };
export type Item = Record<string, unknown>;

const isConditionFailed = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * The one table, as the repositories use it: the document client (built once per container and
 * handed in) and its name, with the few ways the product reads and writes. Only the DynamoDB
 * adapters see this; the use cases see the ports.
 */
export class DynamoTable {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly name: string,
  ) {}

  async get<T = Item>(key: Key, consistent = true): Promise<T | undefined> {
    const out = await guard(() =>
      this.doc.send(
        new GetCommand({ TableName: this.name, Key: key, ...(consistent ? { ConsistentRead: true } : {}) }),
      ),
    );
    return out.Item as T | undefined;
  }

  async put(item: Item): Promise<void> {
    await guard(() => this.doc.send(new PutCommand({ TableName: this.name, Item: item })));
  }

  /** An update; returns the new attributes, or undefined when its condition refused it (if `refusable`). */
  async update(
    input: Omit<UpdateCommandInput, 'TableName'>,
    refusable = false,
  ): Promise<Item | undefined | 'refused'> {
    try {
      const out = await guard(() => this.doc.send(new UpdateCommand({ TableName: this.name, ...input })));
      return out.Attributes;
    } catch (error) {
      if (refusable && isConditionFailed(error)) return 'refused';
      throw error;
    }
  }

  /** Every page of a Query on this table (or its index): the only way the product reads many items. */
  queryAll<T = Item>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    return guard(async () => {
      const items: T[] = [];
      for await (const page of paginateQuery({ client: this.doc }, { TableName: this.name, ...input })) {
        items.push(...((page.Items ?? []) as T[]));
      }
      return items;
    });
  }

  /** Items of one partition whose sort key starts with a prefix. */
  queryPrefix<T = Item>(partition: { pk: string; prefix: string }, consistent = true): Promise<T[]> {
    return this.queryAll<T>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition.pk, ':prefix': partition.prefix },
      ...(consistent ? { ConsistentRead: true } : {}),
    });
  }

  /** Items of one index partition with a sort key in a range. */
  queryIndex<T = Item>(pk: string, from?: string, to?: string): Promise<T[]> {
    return this.queryAll<T>({
      IndexName: TABLE.gsi1.indexName,
      KeyConditionExpression:
        from === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ...(from === undefined ? {} : { ':from': from, ':to': to }) },
    });
  }

  /** Removes attributes (dotted paths) from an existing item and records when; absent items are left alone. */
  async eraseAttributes(key: Key, paths: readonly string[], at: string): Promise<void> {
    const names: Record<string, string> = {};
    const removals = paths.map((path, i) =>
      path
        .split('.')
        .map((part, j) => {
          const name = `#p${i}_${j}`;
          names[name] = part;
          return name;
        })
        .join('.'),
    );
    await this.update(
      {
        Key: key,
        UpdateExpression: `REMOVE ${removals.join(', ')} SET #erased = :at`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { ...names, '#erased': 'freeTextErasedAt' },
        ExpressionAttributeValues: { ':at': at },
      },
      true,
    );
  }
}
