import { createHash, timingSafeEqual } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../domain/errors.js';
import type { Party } from '../domain/parties.js';
import { DIRECTORY_INDEX_PK, inboxIndexPk, keys, TABLE } from './table.js';

export type OutboxTemplate =
  | 'submission-recipient'
  | 'submission-confirmation'
  | 'answer-to-school'
  | 'afdoening-request'
  | 'outcome-to-all'
  | 'reminder';

export interface OutboxItem {
  pk: string;
  sk: string;
  type: 'outbox';
  template: OutboxTemplate;
  subjectId: string;
  recipientId: string;
  /** For emails about an answer: the event item's sort key. */
  eventSk?: string;
  status: 'pending' | 'sending' | 'sent';
  attempts: number;
  createdAt: string;
  leaseUntil?: number;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  ttl: number;
}

export interface IdempotencyRecord {
  submissionId: string;
  bodyHash: string;
  response: unknown;
}

export const hashFormKey = (formKey: string): string =>
  createHash('sha256').update(formKey, 'utf8').digest('hex');

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

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isUnavailable(error)) throw new DependencyUnavailableError('dynamodb', { cause: error });
    throw error;
  }
}

/** The signed link was already used for an answer that closes it. */
export class LinkUsedError extends Error {
  constructor() {
    super('link already used');
    this.name = 'LinkUsedError';
  }
}

export class TransactionRaceError extends Error {
  constructor(
    readonly reasons: Array<string | undefined>,
    /** True when the idempotency record exists already: a repeat, or a concurrent request won. */
    readonly idempotencyExists = reasons.includes('ConditionalCheckFailed'),
  ) {
    super(`transaction cancelled: ${reasons.join(',')}`);
    this.name = 'TransactionRaceError';
  }
}

/** A rate-limit window in the intake transaction was full: the index says which counter. */
export class RateLimitedError extends Error {
  constructor(readonly counter: number) {
    super(`rate limit reached (counter ${counter})`);
    this.name = 'RateLimitedError';
  }
}

/** The form key the request was authenticated with (perhaps from the cache) is no longer valid. */
export class FormKeyChangedError extends Error {
  constructor() {
    super('form key no longer current');
    this.name = 'FormKeyChangedError';
  }
}

/** A fixed-window request counter: at most `limit` requests per window. */
export interface RateCounter {
  bucket: string;
  windowStartS: number;
  windowSeconds: number;
  limit: number;
}

/** What the intake transaction checks besides the idempotency record. */
export interface SubmissionGuards {
  counters?: RateCounter[];
  /** The party's profile must still hold this key hash, kind and activity (today: Amsterdam date). */
  keyCheck?: { partyId: string; formKeyHash: string; kind: string; today: string };
  /** Routed from a cached directory: each recipient must still be active on this date. */
  recipientsActive?: { partyIds: string[]; today: string };
}

/** A recipient routed from the cached directory is no longer active: route again from the store. */
export class DirectoryChangedError extends Error {
  constructor() {
    super('directory changed since it was cached');
    this.name = 'DirectoryChangedError';
  }
}

const rateKey = (bucket: string, windowStartS: number) => ({
  pk: `RATE#${bucket}#${windowStartS}`,
  sk: 'RATE',
});

/** Outbox items carry the pending index until sent, so operators can list what is stuck without a Scan. */
export const PENDING_OUTBOX_INDEX_PK = 'OUTBOX#pending';
const withPendingIndex = (item: OutboxItem) => ({
  ...item,
  gsi1pk: PENDING_OUTBOX_INDEX_PK,
  gsi1sk: `${item.createdAt}#${item.pk}#${item.sk}`,
});

/** Data access for the one table. The client is built once per container and handed in. */
export class CovenantStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** Every page of a Query on this table (or its index): the only way the product reads many items. */
  private queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    return guard(async () => {
      const items: T[] = [];
      for await (const page of paginateQuery({ client: this.doc }, { TableName: this.tableName, ...input })) {
        items.push(...((page.Items ?? []) as T[]));
      }
      return items;
    });
  }

  /** A transaction Put that only creates: an item that exists already cancels the whole transaction. */
  private putNew(item: object) {
    return {
      Put: {
        TableName: this.tableName,
        Item: item as Record<string, unknown>,
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** New outbox items, each only if it does not exist yet, carrying the pending index. */
  private outboxPuts(outbox: readonly OutboxItem[]) {
    return outbox.map((item) => this.putNew(withPendingIndex(item)));
  }

  async putParty(party: Party, formKeyHash: string): Promise<void> {
    await guard(() =>
      this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.party(party.id),
                  type: 'party',
                  gsi1pk: DIRECTORY_INDEX_PK,
                  gsi1sk: `${party.kind}#${party.id}`,
                  party,
                  formKeyHash,
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.formKey(formKeyHash), type: 'formKey', partyId: party.id, formKeyHash },
              },
            },
          ],
        }),
      ),
    );
  }

  async getParty(id: string): Promise<Party | undefined> {
    const out = await guard(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.party(id), ConsistentRead: true })),
    );
    return out.Item?.party as Party | undefined;
  }

  /**
   * The party a plain form key belongs to, or undefined. Only hashes are stored; the final comparison
   * runs in constant time, and a key that was rotated away no longer matches the party's current hash.
   */
  async findPartyByFormKey(formKey: string): Promise<Party | undefined> {
    const hash = hashFormKey(formKey);
    const out = await guard(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.formKey(hash) })),
    );
    const partyId = out.Item?.partyId as string | undefined;
    if (!partyId) return undefined;
    const profile = await guard(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.party(partyId) })),
    );
    const current = profile.Item?.formKeyHash as string | undefined;
    if (!current || current.length !== hash.length) return undefined;
    if (!timingSafeEqual(Buffer.from(current, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    return profile.Item?.party as Party;
  }

  /** The whole directory, through the index (never a Scan). */
  async listDirectory(): Promise<Party[]> {
    const items = await this.queryAll<{ party: Party }>({
      IndexName: TABLE.gsi1.indexName,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': DIRECTORY_INDEX_PK },
    });
    return items.map((item) => item.party);
  }

  async getIdempotency(partyId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const out = await guard(() =>
      this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: keys.idempotency(partyId, key),
          ConsistentRead: true,
        }),
      ),
    );
    return out.Item as IdempotencyRecord | undefined;
  }

  /**
   * Writes a submission, its outbox items and its idempotency record in one transaction: either all
   * are stored (and the stream carries the outbox items to notify) or nothing is. The same
   * transaction counts the request in its rate-limit windows (refused when a window is full) and
   * proves that the form key is still the party's current key (see docs/adr/0009-intake-in-one-transaction.md).
   * The items are in a fixed order, so each refusal is recognised by its place in CancellationReasons.
   */
  async writeSubmission(input: {
    submission: Record<string, unknown>;
    outbox: OutboxItem[];
    idempotency: { partyId: string; key: string; record: IdempotencyRecord; ttl: number };
    /** Further items of the same submission (its inbox entries), written in the same transaction. */
    extra?: Array<Record<string, unknown>>;
    guards?: SubmissionGuards;
  }): Promise<void> {
    const { submission, outbox, idempotency, guards = {}, extra = [] } = input;
    const counters = guards.counters ?? [];
    const keyCheck = guards.keyCheck ? [guards.keyCheck] : [];
    const recipients = [...new Set(guards.recipientsActive?.partyIds ?? [])].filter(
      (id) => id !== guards.keyCheck?.partyId,
    );
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...counters.map((c) => ({
              Update: {
                TableName: this.tableName,
                Key: rateKey(c.bucket, c.windowStartS),
                UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
                ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
                ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
                ExpressionAttributeValues: {
                  ':one': 1,
                  ':ttl': c.windowStartS + c.windowSeconds + 60,
                  ':limit': c.limit,
                },
              },
            })),
            ...keyCheck.map((k) => ({
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.party(k.partyId),
                ConditionExpression:
                  'formKeyHash = :hash AND #p.#kind = :kind AND #p.#active = :true AND (attribute_not_exists(#p.#leaves) OR #p.#leaves > :today)',
                ExpressionAttributeNames: {
                  '#p': 'party',
                  '#kind': 'kind',
                  '#active': 'active',
                  '#leaves': 'leavesOn',
                },
                ExpressionAttributeValues: {
                  ':hash': k.formKeyHash,
                  ':kind': k.kind,
                  ':true': true,
                  ':today': k.today,
                },
              },
            })),
            this.putNew({
              ...keys.idempotency(idempotency.partyId, idempotency.key),
              type: 'idempotency',
              ...idempotency.record,
              ttl: idempotency.ttl,
            }),
            this.putNew(submission),
            ...this.outboxPuts(outbox),
            ...extra.map((item) => ({ Put: { TableName: this.tableName, Item: item } })),
            ...recipients.map((partyId) => ({
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.party(partyId),
                ConditionExpression:
                  '#p.#active = :true AND (attribute_not_exists(#p.#leaves) OR #p.#leaves > :today)',
                ExpressionAttributeNames: { '#p': 'party', '#active': 'active', '#leaves': 'leavesOn' },
                ExpressionAttributeValues: { ':true': true, ':today': guards.recipientsActive?.today },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = (error.CancellationReasons ?? []).map((r) => r.Code);
        const failed = (index: number) => reasons[index] === 'ConditionalCheckFailed';
        const full = counters.findIndex((_, i) => failed(i));
        if (full >= 0) throw new RateLimitedError(full);
        if (keyCheck.length && failed(counters.length)) throw new FormKeyChangedError();
        const recipientsStart = counters.length + keyCheck.length + 2 + outbox.length + extra.length;
        if (recipients.some((_, i) => failed(recipientsStart + i))) throw new DirectoryChangedError();
        if (reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
          throw new TransactionRaceError(reasons, failed(counters.length + keyCheck.length));
        }
      }
      if (isUnavailable(error)) throw new DependencyUnavailableError('dynamodb', { cause: error });
      throw error;
    }
  }

  /**
   * Records a partner's answer: the event, the link's use (for answers that close it) and the
   * outbox items, in one transaction. Returns false when this exact answer was recorded before (a
   * repeated post); throws LinkUsedError when the link was used by another answer.
   */
  async recordAnswer(input: {
    event: { pk: string; sk: string; at: string; ttl: number };
    consumeNonce?: string;
    outbox: OutboxItem[];
    /** A confirmed termination sets the party's last day in the same transaction (art. 22c). */
    partyUpdates?: Array<{ partyId: string; leavesOn: string }>;
    /** Items that only add (an inbox entry for a party the answer brings in), in the same transaction. */
    extra?: Array<Record<string, unknown>>;
  }): Promise<boolean> {
    const { event, consumeNonce, outbox, partyUpdates = [], extra = [] } = input;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            this.putNew(event),
            ...(consumeNonce
              ? [
                  this.putNew({
                    ...keys.linkUse(consumeNonce),
                    type: 'link-use',
                    eventSk: event.sk,
                    subjectPk: event.pk,
                    at: event.at,
                    ttl: event.ttl,
                  }),
                ]
              : []),
            ...this.outboxPuts(outbox),
            ...partyUpdates.map((u) => ({
              Update: {
                TableName: this.tableName,
                Key: keys.party(u.partyId),
                UpdateExpression: 'SET party.leavesOn = :on',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':on': u.leavesOn },
              },
            })),
            ...extra.map((item) => ({ Put: { TableName: this.tableName, Item: item } })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [eventReason, linkReason] = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (eventReason === 'ConditionalCheckFailed') return false;
        if (consumeNonce && linkReason === 'ConditionalCheckFailed') throw new LinkUsedError();
        if ((error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) {
          throw new DependencyUnavailableError('dynamodb', { cause: error });
        }
      }
      if (isUnavailable(error)) throw new DependencyUnavailableError('dynamodb', { cause: error });
      throw error;
    }
  }

  async getLinkUse(nonce: string): Promise<{ eventSk: string; at: string } | undefined> {
    const out = await guard(() =>
      this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: keys.linkUse(nonce), ConsistentRead: true }),
      ),
    );
    return out.Item as { eventSk: string; at: string } | undefined;
  }

  /** A submission's events (answers), oldest first: one Query on its partition. */
  async listEvents<T = Record<string, unknown>>(submissionId: string): Promise<T[]> {
    const items = await this.queryAll<T>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
      ExpressionAttributeValues: { ':pk': keys.submission(submissionId).pk, ':evt': 'EVT#' },
      ConsistentRead: true,
    });
    return items.sort((a, b) =>
      String((a as { at?: string }).at).localeCompare(String((b as { at?: string }).at)),
    );
  }

  /** Terms recorded by a renewal decision (the configured ones live in config/covenant.json). */
  async listTerms(): Promise<Array<{ number: number; start: string; end: string; note?: string }>> {
    const out = await guard(() =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :term)',
          ExpressionAttributeValues: { ':pk': 'COVENANT', ':term': 'TERM#' },
        }),
      ),
    );
    return (out.Items ?? []).map((i) => ({ number: i.number, start: i.start, end: i.end, note: i.note }));
  }

  /** Submissions of one kind and wijk (or `ALL`) in a period, through the index: never a Scan. */
  async listSubmissions<T = Record<string, unknown>>(
    indexKey: string,
    fromIso: string,
    toIso: string,
  ): Promise<T[]> {
    return this.queryAll<T>({
      IndexName: TABLE.gsi1.indexName,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': indexKey, ':from': fromIso, ':to': toIso },
    });
  }

  /** Items of one partition whose sort key starts with a prefix (a round's answers, the covenant's decisions). */
  async listPartition<T = Record<string, unknown>>(pk: string, skPrefix: string): Promise<T[]> {
    return this.queryAll<T>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      ConsistentRead: true,
    });
  }

  /**
   * Writes a container item (a reminder, a decision) with its outbox items in one transaction, only
   * if the container does not exist yet. Returns false when it did: that work was done before.
   */
  async writeOnce(
    container: Record<string, unknown> & { pk: string; sk: string },
    outbox: OutboxItem[],
    extra: Array<Record<string, unknown>> = [],
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            this.putNew(container),
            ...extra.map((item) => ({ Put: { TableName: this.tableName, Item: item } })),
            ...this.outboxPuts(outbox),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const first = error.CancellationReasons?.[0]?.Code;
        if (first === 'ConditionalCheckFailed') return false;
      }
      if (isUnavailable(error)) throw new DependencyUnavailableError('dynamodb', { cause: error });
      throw error;
    }
  }

  /**
   * Counts one request in a fixed one-minute window and returns the count so far. The counter
   * expires with the window (TTL), so the table holds no history of who posted when.
   */
  async countRequest(bucket: string, windowStartS: number, windowSeconds = 60): Promise<number> {
    const out = await guard(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rateKey(bucket, windowStartS),
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':ttl': windowStartS + windowSeconds + 60 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return Number(out.Attributes?.count ?? 1);
  }

  /**
   * What was addressed to a party (or, for a school, what it sent) in a period, newest first:
   * one Query on the party's inbox partition of the index, never a Scan.
   */
  async listInbox<T = Record<string, unknown>>(
    partyId: string,
    fromIso: string,
    toIso: string,
  ): Promise<T[]> {
    const items = await this.queryAll<T>({
      IndexName: TABLE.gsi1.indexName,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': inboxIndexPk(partyId), ':from': fromIso, ':to': `${toIso}~` },
    });
    return items.reverse();
  }

  /** Outbox items not sent yet (oldest first): what `npm run admin -- failed` lists. */
  async listPendingOutbox(): Promise<OutboxItem[]> {
    return this.queryAll<OutboxItem>({
      IndexName: TABLE.gsi1.indexName,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': PENDING_OUTBOX_INDEX_PK },
    });
  }

  /**
   * Sends an unsent outbox item through the stream again: removed and written anew, which the
   * stream carries as a new INSERT. Only an item that was not sent can be redriven.
   */
  async redriveOutbox(item: { pk: string; sk: string }, now: Date): Promise<boolean> {
    const key = { pk: item.pk, sk: item.sk };
    const current = (await this.getItem(key)) as OutboxItem | undefined;
    if (!current || current.status === 'sent') return false;
    const fresh: OutboxItem = { ...current, status: 'pending', attempts: 0, createdAt: now.toISOString() };
    delete fresh.leaseUntil;
    delete fresh.lastError;
    await guard(() =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: '#status <> :sent',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent' },
        }),
      ),
    );
    // Written back at once; should this fail, the caller prints the item so nothing is lost.
    await guard(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: withPendingIndex(fresh) as Record<string, unknown>,
        }),
      ),
    );
    return true;
  }

  /** Replaces a party's form key: the old link stops working in the same transaction. */
  async rotateFormKey(partyId: string, newHash: string): Promise<void> {
    const profile = await this.getItem(keys.party(partyId));
    if (!profile) throw new Error(`party ${partyId} not found`);
    const oldHash = profile.formKeyHash as string | undefined;
    await guard(() =>
      this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.party(partyId),
                UpdateExpression: 'SET formKeyHash = :hash',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':hash': newHash },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.formKey(newHash), type: 'formKey', partyId, formKeyHash: newHash },
              },
            },
            ...(oldHash && oldHash !== newHash
              ? [{ Delete: { TableName: this.tableName, Key: keys.formKey(oldHash) } }]
              : []),
          ],
        }),
      ),
    );
  }

  /** Writes a party's profile and keeps its current form key (the operator's import). */
  async updateParty(party: Party): Promise<void> {
    await guard(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.party(party.id),
          UpdateExpression: 'SET party = :party, gsi1sk = :gsi1sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':party': party, ':gsi1sk': `${party.kind}#${party.id}` },
        }),
      ),
    );
  }

  async getSubmission<T = Record<string, unknown>>(id: string): Promise<T | undefined> {
    const out = await guard(() =>
      this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: keys.submission(id), ConsistentRead: true }),
      ),
    );
    return out.Item as T | undefined;
  }

  /**
   * Claims an outbox item for sending. Only one delivery of a record can hold the claim; a claim
   * whose lease ran out (the sender died mid-send) can be taken again. When the claim is refused the
   * answer says why: `sent` (done, nothing to do), `busy` (someone holds a live lease: NOT done, the
   * caller must come back after the lease) or `missing`.
   */
  async claimOutbox(
    item: Pick<OutboxItem, 'pk' | 'sk'>,
    nowMs: number,
    leaseMs: number,
  ): Promise<'claimed' | 'sent' | 'busy' | 'missing'> {
    try {
      await guard(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: item.pk, sk: item.sk },
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
          }),
        ),
      );
      return 'claimed';
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      const current = await this.getItem(item);
      if (!current) return 'missing';
      return current.status === 'sent' ? 'sent' : 'busy';
    }
  }

  /**
   * Outbox items not sent yet and written before `cutoff`, oldest first, page by page: what the
   * sweeper delivers. A Query on the sparse pending index, never a Scan.
   */
  async *pendingOutboxBefore(cutoff: Date): AsyncGenerator<OutboxItem[]> {
    const pages = paginateQuery(
      { client: this.doc, pageSize: 25 },
      {
        TableName: this.tableName,
        IndexName: TABLE.gsi1.indexName,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :cutoff',
        ExpressionAttributeValues: { ':pk': PENDING_OUTBOX_INDEX_PK, ':cutoff': cutoff.toISOString() },
      },
    );
    for await (const page of pages) yield (page.Items ?? []) as OutboxItem[];
  }

  /** The oldest unsent outbox item's creation time, for the age alarm; undefined when all are sent. */
  async oldestPendingOutbox(): Promise<string | undefined> {
    const out = await guard(() =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE.gsi1.indexName,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': PENDING_OUTBOX_INDEX_PK },
          Limit: 1,
        }),
      ),
    );
    return (out.Items?.[0] as OutboxItem | undefined)?.createdAt;
  }

  /**
   * Reserves the next send slot of the SES account, shared by every container: one slot per
   * `intervalMs`. Returns the epoch millisecond at which the caller may send. Two conditional
   * updates on one item: the pace does not depend on how many containers run.
   */
  async reserveSendSlot(nowMs: number, intervalMs: number): Promise<number> {
    const key = { pk: 'PACE#ses', sk: 'PACE' };
    for (;;) {
      try {
        // The line is empty: this send goes now and the next may follow one interval later.
        await guard(() =>
          this.doc.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: key,
              UpdateExpression: 'SET nextSlot = :next',
              ConditionExpression: 'attribute_not_exists(nextSlot) OR nextSlot <= :now',
              ExpressionAttributeValues: { ':next': nowMs + intervalMs, ':now': nowMs },
            }),
          ),
        );
        return nowMs;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
      try {
        // Others are waiting: take the slot after theirs.
        const out = await guard(() =>
          this.doc.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: key,
              UpdateExpression: 'ADD nextSlot :interval',
              ConditionExpression: 'nextSlot > :now',
              ExpressionAttributeValues: { ':interval': intervalMs, ':now': nowMs },
              ReturnValues: 'UPDATED_NEW',
            }),
          ),
        );
        return Number(out.Attributes?.nextSlot) - intervalMs;
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
  }

  async markSent(item: Pick<OutboxItem, 'pk' | 'sk'>, messageId: string, sentAt: string): Promise<void> {
    await guard(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: item.pk, sk: item.sk },
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
        }),
      ),
    );
  }

  /**
   * Gives a claimed item back after a failed send, so the retried record can claim it at once. A
   * claim given back unused (no send slot before the deadline) does not count as an attempt.
   */
  async releaseOutbox(item: Pick<OutboxItem, 'pk' | 'sk'>, reason: string, unused = false): Promise<void> {
    await guard(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: item.pk, sk: item.sk },
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
        }),
      ),
    );
  }

  async getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const out = await guard(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    return out.Item;
  }

  /** Removes attributes (dotted paths) from an existing item and records when; absent items are left alone. */
  async eraseAttributes(
    key: { pk: string; sk: string },
    paths: readonly string[],
    at: string,
  ): Promise<void> {
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
    try {
      await guard(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: `REMOVE ${removals.join(', ')} SET #erased = :at`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { ...names, '#erased': 'freeTextErasedAt' },
            ExpressionAttributeValues: { ':at': at },
          }),
        ),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async put(item: Record<string, unknown>): Promise<void> {
    await guard(() => this.doc.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }
}
