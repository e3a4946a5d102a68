import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { invocationScope } from '../shared/adapters/invocation.js';
import { OUTBOX_STREAM_FILTER } from '../shared/adapters/table.js';
import type { InvocationContext } from '../shared/handlers/notify.js';
import { localCredentials, localDynamoClient } from './emulators.js';

/**
 * What Lambda sends to a stream's on-failure destination: where the failed batch was, not its
 * records. Whoever handles it reads the table (the pending outbox index), as the sweeper does.
 */
export interface DeadLetter {
  requestContext: { condition: 'RetryAttemptsExhausted'; approximateInvokeCount: number };
  responseContext: { functionError?: 'Unhandled' };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord?: string;
    approximateArrivalOfLastRecord?: string;
    batchSize: number;
    streamArn: string;
  };
}

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: InvocationContext,
) => Promise<DynamoDBBatchResponse | undefined>;

/** The function did not answer before its timeout: Lambda counts it as a function error. */
export class InvocationTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    this.name = 'InvocationTimeoutError';
  }
}

/**
 * Runs one invocation as Lambda does: a context whose remaining time counts down from the timeout,
 * and at the timeout the invocation is abandoned: its scope's signal fires, so whatever it still
 * tries (an SES send, a DynamoDB write) does not happen, as in a frozen container.
 */
export async function invokeWithDeadline(
  handler: StreamHandler,
  event: DynamoDBStreamEvent,
  timeoutMs: number,
): Promise<DynamoDBBatchResponse | undefined> {
  const controller = new AbortController();
  const deadline = Date.now() + timeoutMs;
  const context: InvocationContext = { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  const running = invocationScope.run({ signal: controller.signal }, () => handler(event, context));
  running.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new InvocationTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  handler: StreamHandler;
  /** The function's configured timeout: each invocation is abandoned there. */
  timeoutMs: number;
  /** As in the CDK event source: records per batch, retries after the first attempt, then the failure destination. */
  batchSize?: number;
  retryAttempts?: number;
  bisectBatchOnError?: boolean;
  pollIntervalMs?: number;
  retryBaseDelayMs?: number;
  onDeadLetter?: (letter: DeadLetter) => void;
  onError?: (error: unknown) => void;
  /** Sees each batch as it is read and as it is handed over (the benchmark's breakdown); changes nothing. */
  observer?: StreamObserver;
}

/** When records were read from the stream and when the handler got them (performance.now() times). */
export interface StreamObserver {
  read?(records: readonly DynamoDBRecord[], atMs: number): void;
  invoked?(records: readonly DynamoDBRecord[], atMs: number): void;
}

/**
 * The wait after a read that found nothing, before the next read of the shard. Lambda's event source
 * mapping reads each shard about four times a second (250 ms); locally 50 ms, see README "End to end".
 */
export const DEFAULT_POLL_INTERVAL_MS = 50;

type FilterPattern = {
  readonly [key: string]: FilterPattern | readonly (string | { readonly prefix: string })[];
};

/** The subset of Lambda's event filter syntax our filter uses: literal lists and prefixes, nested. */
export function matchesFilter(value: unknown, pattern: FilterPattern): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = (value as Record<string, unknown> | undefined)?.[key];
    if (Array.isArray(expected)) {
      return expected.some((option) =>
        typeof option === 'string'
          ? actual === option
          : typeof actual === 'string' && actual.startsWith((option as { prefix: string }).prefix),
      );
    }
    return matchesFilter(actual, expected as FilterPattern);
  });
}

/** A stream record in the shape Lambda hands to a function (epoch seconds, not Date objects). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'eu-west-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime:
        created instanceof Date ? created.getTime() / 1000 : (created as number | undefined),
      Keys: d.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      NewImage: d.NewImage as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Feeds the table's stream into a handler the way a Lambda event source mapping does: batches per
 * shard in order, the same event shape, the same filter, partial batch responses (a retry starts at
 * the first failed record), bisecting a failing batch, a retry limit, then a dead-letter record.
 */
export class StreamPoller {
  private running = false;
  private readonly shards = new Map<string, Promise<void>>();
  readonly deadLetters: DeadLetter[] = [];
  private readonly streams: DynamoDBStreamsClient;
  private loop?: Promise<void>;
  private inFlight = 0;

  constructor(private readonly options: StreamPollerOptions) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: 'eu-west-1',
      credentials: localCredentials,
      maxAttempts: 1,
    });
  }

  async start(): Promise<void> {
    const ddb = localDynamoClient(this.options.endpoint);
    const table = await ddb.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    ddb.destroy();
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${this.options.tableName} has no stream`);
    this.running = true;
    this.loop = this.discover(streamArn);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.allSettled(this.shards.values());
    this.streams.destroy();
  }

  /** True while a batch is being handled: tests wait for quiet before they read the inbox. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  private async discover(streamArn: string): Promise<void> {
    while (this.running) {
      try {
        const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        for (const shard of description.StreamDescription?.Shards ?? []) {
          const id = shard.ShardId;
          if (!id || this.shards.has(id)) continue;
          this.shards.set(id, this.consume(streamArn, id));
        }
      } catch (error) {
        if (this.running) this.options.onError?.(error);
      }
      await sleep(1000);
    }
  }

  private async consume(streamArn: string, shardId: string): Promise<void> {
    let iterator: string | undefined;
    while (this.running && !iterator) {
      try {
        const out = await this.streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        iterator = out.ShardIterator;
      } catch (error) {
        this.options.onError?.(error);
        await sleep(500);
      }
    }
    const interval = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    while (this.running && iterator) {
      let records: StreamRecord[] = [];
      try {
        const out = await this.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize ?? 100 }),
        );
        records = out.Records ?? [];
        iterator = out.NextShardIterator;
      } catch (error) {
        if (this.running) this.options.onError?.(error);
        await sleep(500);
        continue;
      }
      const wanted = records
        .map((r) => toLambdaRecord(r, streamArn))
        .filter((r) => matchesFilter(r, OUTBOX_STREAM_FILTER as unknown as FilterPattern));
      if (wanted.length) this.options.observer?.read?.(wanted, performance.now());
      if (wanted.length) {
        this.inFlight++;
        try {
          await this.deliver(streamArn, shardId, wanted);
        } finally {
          this.inFlight--;
        }
      }
      if (!records.length) await sleep(interval);
    }
  }

  /**
   * One batch through the handler, with Lambda's retry semantics; never throws. A function error
   * (a throw or a timeout) splits the batch at once; a partial batch response retries from the first
   * failed record; after the retry limit the failure destination gets the batch's shard and sequence
   * range, and the shard goes on.
   */
  private async deliver(
    streamArn: string,
    shardId: string,
    batch: DynamoDBRecord[],
    startAttempt = 0,
  ): Promise<void> {
    const retryAttempts = this.options.retryAttempts ?? 3;
    const baseDelay = this.options.retryBaseDelayMs ?? 200;
    let pending = batch;
    let attempt = startAttempt;
    while (pending.length > 0) {
      let failedFrom = -1;
      let threw = false;
      try {
        this.options.observer?.invoked?.(pending, performance.now());
        const response = await invokeWithDeadline(
          this.options.handler,
          { Records: pending },
          this.options.timeoutMs,
        );
        const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        failedFrom = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      } catch (error) {
        this.options.onError?.(error);
        failedFrom = 0;
        threw = true;
      }
      if (failedFrom < 0) return;
      pending = pending.slice(failedFrom);
      if (!this.running) return;
      if (attempt < retryAttempts) {
        await sleep(Math.min(baseDelay * 2 ** attempt, 2000));
        attempt++;
        if (threw && this.options.bisectBatchOnError !== false && pending.length > 1) {
          // As with BisectBatchOnFunctionError: split, so one poison record does not take its neighbours down.
          const half = Math.ceil(pending.length / 2);
          await this.deliver(streamArn, shardId, pending.slice(0, half), attempt);
          await this.deliver(streamArn, shardId, pending.slice(half), attempt);
          return;
        }
        continue;
      }
      // Retries used up: the failure destination learns where the batch was, and the shard goes on.
      const first = pending[0];
      const last = pending[pending.length - 1];
      const arrival = (r: DynamoDBRecord | undefined) => {
        const at = r?.dynamodb?.ApproximateCreationDateTime;
        return at === undefined ? undefined : new Date(at * 1000).toISOString();
      };
      const firstArrival = arrival(first);
      const lastArrival = arrival(last);
      const letter: DeadLetter = {
        requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: attempt + 1 },
        responseContext: threw ? { functionError: 'Unhandled' } : {},
        version: '1.0',
        timestamp: new Date().toISOString(),
        DDBStreamBatchInfo: {
          shardId,
          startSequenceNumber: first?.dynamodb?.SequenceNumber ?? '',
          endSequenceNumber: last?.dynamodb?.SequenceNumber ?? '',
          ...(firstArrival ? { approximateArrivalOfFirstRecord: firstArrival } : {}),
          ...(lastArrival ? { approximateArrivalOfLastRecord: lastArrival } : {}),
          batchSize: pending.length,
          streamArn,
        },
      };
      this.deadLetters.push(letter);
      this.options.onDeadLetter?.(letter);
      return;
    }
  }
}
