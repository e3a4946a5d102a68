import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DeliverySettings, deliverySettings, deployedSettings } from '../infra/delivery.js';
import {
  assertPortFree,
  LocalSetupError,
  type RunningService,
  startDynamoDbLocal,
  startSesEmulator,
} from './emulators.js';
import { type LocalApp, startLocalApp } from './stack.js';
import { STATE_DIR } from './state.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const LOCK = join(STATE_DIR, 'start.pid');

function portFrom(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalSetupError(`${variable}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function takeLock(): void {
  mkdirSync(STATE_DIR, { recursive: true });
  if (existsSync(LOCK)) {
    const pid = Number(readFileSync(LOCK, 'utf8'));
    if (pid && pid !== process.pid && isRunning(pid)) {
      throw new LocalSetupError(`npm start is already running (process ${pid}). Stop it with Ctrl-C first.`);
    }
  }
  writeFileSync(LOCK, String(process.pid));
}

function releaseLock(): void {
  if (existsSync(LOCK) && Number(readFileSync(LOCK, 'utf8')) === process.pid) rmSync(LOCK, { force: true });
}

function positiveFrom(variable: string): number | undefined {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new LocalSetupError(`${variable}=${raw} is not a positive number.`);
  return value;
}

/** The deployed delivery settings (cdk.json, the notify function's timeout), with the two overrides. */
function localDelivery(): DeliverySettings {
  const deployed = deployedSettings();
  const rate = positiveFrom('SES_SEND_RATE_PER_SECOND');
  return deliverySettings(
    rate === undefined ? deployed : { ...deployed, sesSendRatePerSecond: rate },
    positiveFrom('NOTIFY_TIMEOUT_SECONDS'),
  );
}

async function main(): Promise<void> {
  const port = portFrom('PORT', 3000);
  const sesPort = portFrom('SES_PORT', 8005);
  const ddbPort = portFrom('DDB_PORT', 8000);
  const delivery = localDelivery();
  const pollIntervalMs = positiveFrom('STREAM_POLL_INTERVAL_MS');
  takeLock();
  await assertPortFree(port, 'PORT');
  await assertPortFree(sesPort, 'SES_PORT');
  await assertPortFree(ddbPort, 'DDB_PORT');

  const started: Array<RunningService | LocalApp> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    releaseLock();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const ddb = await startDynamoDbLocal(ddbPort);
    started.push(ddb);
    const ses = await startSesEmulator(sesPort);
    started.push(ses);
    const app = await startLocalApp({
      ddbEndpoint: ddb.endpoint,
      sesEndpoint: ses.endpoint,
      tableName: 'covenant-local',
      port,
      delivery,
      ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
      onDeadLetter: (letter) =>
        console.error(
          `notify: a batch of ${letter.DDBStreamBatchInfo.batchSize} record(s) failed ${letter.requestContext.approximateInvokeCount} times; the sweeper delivers what is unsent (npm run admin -- failed)`,
        ),
    });
    started.push(app);
    const parties = app.parties.map(({ party, formKey }) => ({
      id: party.id,
      name: party.name,
      kind: party.kind,
      role: party.role,
      wijk: party.wijk ?? null,
      email: party.email,
      formKey,
    }));
    writeFileSync(join(STATE_DIR, 'parties.json'), `${JSON.stringify(parties, null, 2)}\n`);
    // What `npm run job` needs to reach this stack (local only, git-ignored).
    writeFileSync(
      join(STATE_DIR, 'stack.json'),
      `${JSON.stringify({ pid: process.pid, ddbEndpoint: ddb.endpoint, sesEndpoint: ses.endpoint, tableName: 'covenant-local', url: app.url, actionLinkSecret: app.runtime.config.ACTION_LINK_SECRET, notifyTimeoutSeconds: delivery.notifyTimeoutSeconds, sesSendRatePerSecond: delivery.sesSendRatePerSecond }, null, 2)}\n`,
    );
    const schools = app.parties.filter(({ party }) => party.kind === 'school');
    console.log(`
Veilig in en om school is running on this machine.

  Forms and API     ${app.url}/
  Health            ${app.url}/api/v1/health
  API description   ${app.url}/api/v1/openapi.json
  Inbox (SES)       ${ses.endpoint}/
  Daily job         npm run job -- daily --date YYYY-MM-DD
  DynamoDB Local    ${ddb.endpoint}  (table covenant-local, in memory)

Melding form per school (the key is in the link):
${schools.map(({ party, formKey }) => `  ${party.name.padEnd(32)} ${party.wijk?.padEnd(17)} ${app.url}/formulieren/melding?sleutel=${formKey}`).join('\n')}

Every party's id, role, wijk, email and form key: .local/parties.json
Stop with Ctrl-C.`);
  } catch (error) {
    console.error(error instanceof LocalSetupError ? error.message : error);
    await stopAll(1);
  }
}

main().catch((error) => {
  console.error(error instanceof LocalSetupError ? error.message : error);
  releaseLock();
  process.exit(1);
});
