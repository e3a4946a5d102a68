import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { OUTBOX_STREAM_FILTER } from '../shared/adapters/table.js';
import { localCredentials, localDynamoClient } from './emulators.js';

export interface DeadLetter {
  shardId: string;
  records: DynamoDBRecord[];
  attempts: number;
  failedAt: string;
}

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  /** As in the CDK event source: records per batch, retries after the first attempt, then the failure destination. */
  batchSize?: number;
  retryAttempts?: number;
  bisectBatchOnError?: boolean;
  pollIntervalMs?: number;
  retryBaseDelayMs?: number;
  onDeadLetter?: (letter: DeadLetter) => void;
  onError?: (error: unknown) => void;
}

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
    const interval = this.options.pollIntervalMs ?? 50;
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
      if (wanted.length) {
        this.inFlight++;
        try {
          await this.deliver(shardId, wanted);
        } finally {
          this.inFlight--;
        }
      }
      if (!records.length) await sleep(interval);
    }
  }

  /** One batch through the handler, with Lambda's retry semantics; never throws. */
  private async deliver(shardId: string, batch: DynamoDBRecord[]): Promise<void> {
    const retryAttempts = this.options.retryAttempts ?? 3;
    const baseDelay = this.options.retryBaseDelayMs ?? 200;
    let pending = batch;
    let attempt = 0;
    while (pending.length > 0) {
      let failedFrom = -1;
      let threw = false;
      try {
        const response = await this.options.handler({ Records: pending });
        const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        failedFrom = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      } catch (error) {
        this.options.onError?.(error);
        failedFrom = 0;
        threw = true;
      }
      if (failedFrom < 0) return;
      pending = pending.slice(failedFrom);
      if (attempt < retryAttempts) {
        if (!this.running) return;
        await sleep(Math.min(baseDelay * 2 ** attempt, 2000));
        attempt++;
        continue;
      }
      if (threw && this.options.bisectBatchOnError !== false && pending.length > 1) {
        // As with BisectBatchOnFunctionError: split, so one poison record does not take its neighbours down.
        const half = Math.ceil(pending.length / 2);
        await this.deliver(shardId, pending.slice(0, half));
        await this.deliver(shardId, pending.slice(half));
        return;
      }
      // The first failed record used up its retries: it goes to the failure destination, the rest go on.
      const [poison, ...rest] = pending;
      const letter = {
        shardId,
        records: poison ? [poison] : [],
        attempts: attempt + 1,
        failedAt: new Date().toISOString(),
      };
      this.deadLetters.push(letter);
      this.options.onDeadLetter?.(letter);
      pending = rest;
      attempt = 0;
    }
  }
}
