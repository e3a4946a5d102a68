import { Logger } from '@aws-lambda-powertools/logger';
import { buildClients, type Clients } from '../adapters/clients.js';
import { type AppConfig, loadConfig } from '../adapters/config.js';
import { createHealthHandler } from './health.js';
import { createIntakeHandler } from './intake.js';
import { createNotifyHandler } from './notify.js';
import { createPagesHandler } from './pages.js';

export interface Runtime {
  config: AppConfig;
  clients: Clients;
  logger: Logger;
  now: () => Date;
}

/** Configuration, clients and logger, built once per container (or once per local process). */
export function createRuntime(
  env: Record<string, string | undefined> = process.env,
  serviceName = 'covenant',
): Runtime {
  const config = loadConfig(env);
  return {
    config,
    clients: buildClients(config),
    logger: new Logger({ serviceName }),
    now: () => new Date(),
  };
}

/** Every handler, wired to one runtime: what each Lambda builds for itself, and the local runner builds at once. */
export function createHandlers(runtime: Runtime) {
  const { config, clients, logger, now } = runtime;
  const retention = {
    submissionDays: config.RETENTION_SUBMISSION_DAYS,
    outboxDays: config.RETENTION_OUTBOX_DAYS,
    idempotencyDays: config.RETENTION_IDEMPOTENCY_DAYS,
  };
  return {
    intake: () =>
      createIntakeHandler({
        store: clients.store,
        now,
        retention,
        logger,
        maxBodyBytes: config.MAX_BODY_BYTES,
      }),
    pages: () => createPagesHandler({ store: clients.store, logger, now }),
    health: () => createHealthHandler({ store: clients.store, logger }),
    notify: () =>
      createNotifyHandler({
        store: clients.store,
        mailer: clients.mailer,
        now,
        leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
        logger,
      }),
  };
}
