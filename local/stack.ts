import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { buildAssets } from '../forms/build.js';
import { type LoadedParty, loadDirectory, readDirectoryFile } from '../shared/app/directory.js';
import { actiesFromRuntime } from '../shared/handlers/acties.js';
import { healthFromRuntime } from '../shared/handlers/health.js';
import { intakeFromRuntime } from '../shared/handlers/intake.js';
import { notifyFromRuntime } from '../shared/handlers/notify.js';
import { pagesFromRuntime } from '../shared/handlers/pages.js';
import { createRuntime, type Runtime } from '../shared/handlers/runtime.js';
import type { HttpHandlerName } from '../shared/http/routes.js';
import { createTable } from './emulators.js';
import { createLocalServer, type HttpHandler } from './server.js';
import { type DeadLetter, StreamPoller } from './stream.js';

export const EXAMPLE_DIRECTORY = fileURLToPath(new URL('../config/directory.example.json', import.meta.url));

export interface LocalAppOptions {
  ddbEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  port: number;
  directoryFile?: string;
  /** Extra environment for the handlers (retention, limits); the endpoints and table are set here. */
  env?: Record<string, string>;
  retryAttempts?: number;
  retryBaseDelayMs?: number;
  onDeadLetter?: (letter: DeadLetter) => void;
  /** The clock every handler reads (tests inject a fixed or stepping one); default the real time. */
  now?: () => Date;
}

export interface LocalApp {
  url: string;
  parties: LoadedParty[];
  runtime: Runtime;
  poller: StreamPoller;
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
  };
  const runtime = createRuntime(env, 'local', options.now);
  const http: Record<HttpHandlerName, HttpHandler> = {
    intake: intakeFromRuntime(runtime),
    pages: pagesFromRuntime(runtime),
    health: healthFromRuntime(runtime),
    acties: actiesFromRuntime(runtime),
  };
  const notify = notifyFromRuntime(runtime);
  const parties = await loadDirectory(
    runtime.clients.store,
    readDirectoryFile(options.directoryFile ?? EXAMPLE_DIRECTORY),
  );
  const poller = new StreamPoller({
    endpoint: options.ddbEndpoint,
    tableName: options.tableName,
    handler: (event) => notify(event),
    retryAttempts: options.retryAttempts ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    bisectBatchOnError: true,
    ...(options.onDeadLetter ? { onDeadLetter: options.onDeadLetter } : {}),
  });
  await poller.start();
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
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await poller.stop();
    },
  };
}
