import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { buildAssets } from '../forms/build.js';
import { type DeliverySettings, deployedDelivery } from '../infra/delivery.js';
import { type LoadedParty, loadDirectory, readDirectoryFile } from '../shared/app/directory.js';
import { actiesFromRuntime } from '../shared/handlers/acties.js';
import { healthFromRuntime } from '../shared/handlers/health.js';
import { intakeFromRuntime } from '../shared/handlers/intake.js';
import { notifyFromRuntime, sweeperFromRuntime } from '../shared/handlers/notify.js';
import { pagesFromRuntime } from '../shared/handlers/pages.js';
import { createRuntime, type Runtime } from '../shared/handlers/runtime.js';
import type { HttpHandlerName } from '../shared/http/routes.js';
import { createTable } from './emulators.js';
import { createLocalServer, type HttpHandler } from './server.js';
import { type DeadLetter, invokeWithDeadline, type StreamObserver, StreamPoller } from './stream.js';

export const EXAMPLE_DIRECTORY = fileURLToPath(new URL('../config/directory.example.json', import.meta.url));

export interface LocalAppOptions {
  ddbEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  port: number;
  directoryFile?: string;
  /** Extra environment for the handlers (retention, limits); the endpoints and table are set here. */
  env?: Record<string, string>;
  /** Send rate, timeout, batch size, retries, lease, sweep: the deployed ones unless given. */
  delivery?: DeliverySettings;
  retryAttempts?: number;
  retryBaseDelayMs?: number;
  onDeadLetter?: (letter: DeadLetter) => void;
  /** The stream poller's wait after an empty read (default 50 ms; Lambda reads about every 250 ms). */
  pollIntervalMs?: number;
  /** Sees the stream's batches as they are read and handed to notify (the benchmark's breakdown). */
  streamObserver?: StreamObserver;
  /** The clock of the handlers: links, expiry, report periods, the daily job (default: the real one). */
  now?: () => Date;
}

export interface LocalApp {
  url: string;
  parties: LoadedParty[];
  runtime: Runtime;
  poller: StreamPoller;
  delivery: DeliverySettings;
  /** One run of the sweeper now, with the function's deadline (it also runs on its schedule). */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The product on one machine, minus the emulators: creates the table, loads the directory with
 * fresh form keys, serves the route table and feeds the stream to notify.
 */
export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  // Metrics are CloudWatch's (EMF in the logs); on one machine they would only clutter the terminal.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  await buildAssets();
  await createTable(options.ddbEndpoint, options.tableName);
  const delivery = options.delivery ?? deployedDelivery();
  const env = {
    POWERTOOLS_LOG_LEVEL: 'WARN',
    ...process.env,
    ...options.env,
    TABLE_NAME: options.tableName,
    DDB_ENDPOINT: options.ddbEndpoint,
    SES_ENDPOINT: options.sesEndpoint,
    SENDER_EMAIL: options.env?.SENDER_EMAIL ?? 'meldpunt@veiligschool.example.org',
    PUBLIC_BASE_URL: `http://localhost:${options.port}`,
    AWS_REGION: 'eu-west-1',
    // On one machine the key for signed links is made at start; links die with the in-memory table.
    ACTION_LINK_SECRET: options.env?.ACTION_LINK_SECRET ?? randomBytes(32).toString('base64url'),
    // As deployed (infra/delivery.ts), so the local stream sees production's pace and deadline.
    SES_SEND_RATE_PER_SECOND: String(delivery.sesSendRatePerSecond),
    OUTBOX_LEASE_SECONDS: String(delivery.leaseSeconds),
    SWEEP_AFTER_SECONDS: String(delivery.sweepAfterSeconds),
  };
  const runtime = createRuntime(env, 'local', options.now);
  const http: Record<HttpHandlerName, HttpHandler> = {
    intake: intakeFromRuntime(runtime),
    pages: pagesFromRuntime(runtime),
    health: healthFromRuntime(runtime),
    acties: actiesFromRuntime(runtime),
  };
  const notify = notifyFromRuntime(runtime);
  const sweeper = sweeperFromRuntime(runtime);
  const timeoutMs = delivery.notifyTimeoutSeconds * 1000;
  const parties = await loadDirectory(
    runtime.clients.store,
    readDirectoryFile(options.directoryFile ?? EXAMPLE_DIRECTORY),
  );
  const poller = new StreamPoller({
    endpoint: options.ddbEndpoint,
    tableName: options.tableName,
    handler: (event, context) => notify(event, context),
    timeoutMs,
    batchSize: delivery.streamBatchSize,
    retryAttempts: options.retryAttempts ?? delivery.streamRetryAttempts,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    bisectBatchOnError: true,
    ...(options.onDeadLetter ? { onDeadLetter: options.onDeadLetter } : {}),
    ...(options.streamObserver ? { observer: options.streamObserver } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  await poller.start();
  // The scheduled sweeper, as EventBridge Scheduler runs it: one run at a time, each with its deadline.
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    sweeping = sweeping
      .then(() =>
        invokeWithDeadline(
          async (_e, context) => void (await sweeper({}, context)),
          { Records: [] },
          timeoutMs,
        ),
      )
      .then(
        () => undefined,
        (error) => runtime.logger.warn('sweep failed', { errorName: (error as Error)?.name }),
      );
    return sweeping;
  };
  const sweepTimer = setInterval(() => void sweep(), delivery.sweepEveryMinutes * 60_000);
  sweepTimer.unref();
  const server: Server = createLocalServer(http);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://localhost:${options.port}`,
    parties,
    runtime,
    poller,
    delivery,
    sweep,
    stop: async () => {
      clearInterval(sweepTimer);
      await sweeping;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await poller.stop();
    },
  };
}
