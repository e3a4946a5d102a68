import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { buildClients, type Clients } from '../adapters/clients.js';
import { type AppConfig, loadConfig } from '../adapters/config.js';

export interface Runtime {
  config: AppConfig;
  clients: Clients;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
}

export const METRICS_NAMESPACE = 'VeiligInEnOmSchool';

/** Configuration, clients and logger, built once per container (or once per local process). */
export function createRuntime(
  env: Record<string, string | undefined> = process.env,
  serviceName = 'covenant',
  /** The clock every use case reads; tests and the local runner may hand in their own. */
  now: () => Date = () => new Date(),
): Runtime {
  const config = loadConfig(env);
  const logger = new Logger({
    serviceName,
    ...(env.POWERTOOLS_LOG_LEVEL ? { logLevel: env.POWERTOOLS_LOG_LEVEL as 'INFO' } : {}),
  });
  return {
    config,
    clients: buildClients(config),
    logger,
    // Its own warnings ("no application metrics to publish") go through the logger: JSON, with its level.
    // The environment (test, prod) is a dimension, so two deployments in one account never mix.
    metrics: new Metrics({
      namespace: METRICS_NAMESPACE,
      serviceName,
      logger,
      ...(env.ENVIRONMENT ? { defaultDimensions: { environment: env.ENVIRONMENT } } : {}),
    }),
    now,
  };
}

export const retentionOf = (config: AppConfig) => ({
  submissionDays: config.RETENTION_SUBMISSION_DAYS,
  outboxDays: config.RETENTION_OUTBOX_DAYS,
  idempotencyDays: config.RETENTION_IDEMPOTENCY_DAYS,
});
