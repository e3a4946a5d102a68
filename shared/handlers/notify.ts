import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { buildLinks, buildMailer } from '../adapters/clients.js';
import { isOutboxSk, isReminderPk } from '../adapters/table.js';
import { DeadlineError, deliver, type NotifyDeps } from '../app/notify.js';
import { sweep } from '../app/sweeper.js';
import type { Runtime } from './runtime.js';

export interface NotifyHandlerDeps extends NotifyDeps {
  logger: Logger;
  metrics: Metrics;
  /** The account's SES rate: the time one send needs is part of the margin before the deadline. */
  sendRatePerSecond: number;
}

/** What a Lambda context must offer here: the time left, as Lambda reports it. */
export type InvocationContext = Pick<Context, 'getRemainingTimeInMillis'>;

/**
 * The epoch ms after which no new send starts: the deadline minus room for one send and its record
 * (three send intervals, at least 1.5 s, at most half the invocation).
 */
export function sendDeadline(context: InvocationContext | undefined, sendRatePerSecond: number): number {
  const remaining = context?.getRemainingTimeInMillis?.() ?? 60_000;
  const margin = Math.min(Math.max(1500, 3000 / sendRatePerSecond), remaining / 2);
  return Date.now() + remaining - margin;
}

/**
 * The stream consumer: one delivery per new outbox item, one record after the other, never starting a
 * send it could not finish before the deadline. What it did not finish (failed, claimed elsewhere,
 * out of time) is reported as batch item failures, so the retry starts at the first of them.
 */
export function createNotifyHandler(deps: NotifyHandlerDeps) {
  return async (event: DynamoDBStreamEvent, context?: InvocationContext): Promise<DynamoDBBatchResponse> => {
    // One processor per invocation: concurrent invocations in one process (locally) share nothing.
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    const notAfter = sendDeadline(context, deps.sendRatePerSecond);
    // Once one send found no slot before the deadline, the rest of the batch is left for the retry.
    let outOfTime = false;
    const recordHandler = async (record: DynamoDBRecord) => {
      const pk = record.dynamodb?.Keys?.pk?.S;
      const sk = record.dynamodb?.Keys?.sk?.S;
      if (!pk || !isOutboxSk(sk)) return 'ignored';
      if (outOfTime) throw new DeadlineError();
      try {
        const outcome = await deliver(deps, { pk, sk }, { notAfter });
        if (outcome === 'sent')
          deps.metrics.addMetric(isReminderPk(pk) ? 'ReminderSent' : 'EmailSent', MetricUnit.Count, 1);
        deps.logger.info('outbox item handled', { pk, sk, outcome });
        return outcome;
      } catch (error) {
        const errorName = (error as Error)?.name;
        if (error instanceof DeadlineError) outOfTime = true;
        else deps.metrics.addMetric('EmailFailed', MetricUnit.Count, 1);
        deps.logger.warn('delivery not finished', { pk, sk, errorName });
        throw error;
      }
    };
    try {
      return await processPartialResponse(event, recordHandler, processor, {
        throwOnFullBatchFailure: false,
        processInParallel: false,
      });
    } finally {
      if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
  };
}

/** The safety net, run on a schedule: delivers what is unsent after `sweepAfterMs`, reports the oldest age. */
export function createSweeperHandler(deps: NotifyHandlerDeps & { sweepAfterMs: number }) {
  return async (_event?: unknown, context?: InvocationContext) => {
    const result = await sweep(deps, {
      sweepAfterMs: deps.sweepAfterMs,
      notAfter: sendDeadline(context, deps.sendRatePerSecond),
      onFailure: (item, error) =>
        deps.logger.warn('sweep delivery failed', {
          pk: item.pk,
          sk: item.sk,
          errorName: (error as Error)?.name,
        }),
    });
    deps.metrics.addMetric('OldestUnsentAgeSeconds', MetricUnit.Seconds, result.oldestUnsentAgeSeconds);
    if (result.sent) deps.metrics.addMetric('EmailSentBySweeper', MetricUnit.Count, result.sent);
    deps.metrics.publishStoredMetrics();
    if (result.sent || result.failed || result.busy) deps.logger.info('sweep done', { ...result });
    return result;
  };
}

const notifyDeps = ({ config, clients, logger, metrics, now }: Runtime): NotifyHandlerDeps => ({
  store: clients.store,
  mailer: buildMailer(config, clients.store),
  now,
  links: buildLinks(config, now).assertConfigured(),
  leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
  sendRatePerSecond: config.SES_SEND_RATE_PER_SECOND,
  logger,
  metrics,
});

export const notifyFromRuntime = (runtime: Runtime) => createNotifyHandler(notifyDeps(runtime));

export const sweeperFromRuntime = (runtime: Runtime) =>
  createSweeperHandler({ ...notifyDeps(runtime), sweepAfterMs: runtime.config.SWEEP_AFTER_SECONDS * 1000 });
