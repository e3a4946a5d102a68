import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployedDelivery } from '../infra/delivery.js';
import { freePort, startDynamoDbLocal, startSesEmulator } from '../local/emulators.js';
import { startLocalApp } from '../local/stack.js';
import { formatDutchInput } from '../shared/domain/time.js';
import { endToEndProbe, measureEndToEnd } from './e2e.js';

/**
 * `npm run bench:e2e`: only the end-to-end part of `npm run bench` (POST to the email in the SES
 * store, its floor and where the time goes), on emulators of its own. Prints the rows and puts them
 * in place of the end-to-end rows of bench/results.md; the other rows stay as the last full run
 * wrote them. `BENCH_E2E_SAMPLES` sets the number of meldingen (default 200).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const samples = Number(process.env.BENCH_E2E_SAMPLES ?? 200);
const ddb = await startDynamoDbLocal(await freePort());
const ses = await startSesEmulator(await freePort());
const tableName = `bench-e2e-${Date.now()}`;
const probe = endToEndProbe();
const app = await startLocalApp({
  ddbEndpoint: ddb.endpoint,
  sesEndpoint: ses.endpoint,
  tableName,
  port: await freePort(),
  // As in `npm run bench`: the send rate raised so the SES account's pace does not set the figure.
  delivery: { ...deployedDelivery(), sesSendRatePerSecond: 500, streamBatchSize: 100 },
  env: { RATE_LIMIT_PER_KEY_PER_MINUTE: '10000', RATE_LIMIT_PER_SOURCE_PER_MINUTE: '100000' },
  streamObserver: probe.observer,
});
try {
  const school = app.parties.find((p) => p.party.id === 'lyceum-de-proefhoek');
  if (!school) throw new Error('example directory changed');
  const { rows } = await measureEndToEnd({
    ddbEndpoint: ddb.endpoint,
    ses,
    app,
    tableName,
    probe,
    samples,
    body: (n) =>
      JSON.stringify({
        formKey: school.formKey,
        category: 'strafbaar-feit',
        subcategory: 'diefstal',
        location: 'schoolgebouw',
        occurredAt: formatDutchInput(new Date(Date.now() - 3_600_000)),
        description: `Benchmarkmelding nummer ${n}: twee laptops weggenomen uit lokaal 2.14.`,
      }),
  });
  for (const [what, measured, baseline, ratio] of rows)
    console.log(`${what}: ${measured} vs ${baseline} → ${ratio}`);
  const file = join('bench', 'results.md');
  const lines = readFileSync(file, 'utf8').split('\n');
  const isE2e = (line: string) => line.startsWith('| end to end');
  const at = lines.findIndex(isE2e);
  const kept = lines.filter((line) => !isE2e(line) || line.startsWith('| end to end p50 against intake'));
  const fresh = rows.map((r) => `| ${r.join(' | ')} |`);
  kept.splice(at < 0 ? kept.length : at, 0, ...fresh);
  writeFileSync(file, kept.join('\n'));
  console.log(`\nEnd-to-end rows of bench/results.md replaced (${new Date().toISOString()}).`);
} finally {
  await app.stop();
  await ses.stop();
  await ddb.stop();
}
