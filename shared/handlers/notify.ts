import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { deliver, type NotifyDeps } from '../app/notify.js';
import type { Runtime } from './runtime.js';

export interface NotifyHandlerDeps extends NotifyDeps {
  logger: Logger;
  metrics: Metrics;
}

/**
 * The stream consumer: one delivery per new outbox item. Records that fail are reported as batch
 * item failures, so only they are retried, and after the retry limit they reach the failure queue.
 */
export function createNotifyHandler(deps: NotifyHandlerDeps) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const recordHandler = async (record: DynamoDBRecord) => {
    const pk = record.dynamodb?.Keys?.pk?.S;
    const sk = record.dynamodb?.Keys?.sk?.S;
    if (!pk || !sk?.startsWith('OUT#')) return 'ignored';
    try {
      const outcome = await deliver(deps, { pk, sk });
      if (outcome === 'sent')
        deps.metrics.addMetric(pk.startsWith('REM#') ? 'ReminderSent' : 'EmailSent', MetricUnit.Count, 1);
      deps.logger.info('outbox item handled', { pk, sk, outcome });
      return outcome;
    } catch (error) {
      deps.metrics.addMetric('EmailFailed', MetricUnit.Count, 1);
      deps.logger.warn('delivery failed', { pk, sk, errorName: (error as Error)?.name });
      throw error;
    }
  };
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    try {
      return await processPartialResponse(event, recordHandler, processor, {
        throwOnFullBatchFailure: false,
      });
    } finally {
      if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
  };
}

export const notifyFromRuntime = ({ config, clients, logger, metrics, now }: Runtime) =>
  createNotifyHandler({
    store: clients.store,
    mailer: clients.mailer,
    now,
    links: clients.links.assertConfigured(),
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
    logger,
    metrics,
  });
