import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startDynamoDbLocal, startSesEmulator } from '../local/emulators.js';
import { measureEndToEndOnOwnStack, type Row } from './e2e.js';

/**
 * `npm run bench:e2e`: only the end-to-end part of `npm run bench` (POST to the email in the SES
 * store, its floor, where the time goes, and the same at Lambda's poll pace), on emulators of its
 * own. Prints the rows and puts them in place of the end-to-end rows of bench/results.md; the other
 * rows stay as the last full run wrote them. `BENCH_E2E_SAMPLES` sets the number of meldingen
 * (default 200; a quarter of that at Lambda's pace).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const samples = Number(process.env.BENCH_E2E_SAMPLES ?? 200);
const ddb = await startDynamoDbLocal(await freePort());
const ses = await startSesEmulator(await freePort());
const rows: Row[] = [];
try {
  rows.push(...(await measureEndToEndOnOwnStack({ ddbEndpoint: ddb.endpoint, ses, samples })).rows);
  rows.push(
    ...(
      await measureEndToEndOnOwnStack({
        ddbEndpoint: ddb.endpoint,
        ses,
        samples: Math.ceil(samples / 4),
        pollIntervalMs: 250,
      })
    ).rows,
  );
} finally {
  await ses.stop();
  await ddb.stop();
}
for (const [what, measured, baseline, ratio] of rows)
  console.log(`${what}: ${measured} vs ${baseline} → ${ratio}`);
const file = join('bench', 'results.md');
const lines = readFileSync(file, 'utf8').split('\n');
const isE2e = (line: string) =>
  line.startsWith('| end to end') && !line.startsWith('| end to end p50 against intake');
const at = lines.findIndex(isE2e);
const kept = lines.filter((line) => !isE2e(line));
kept.splice(at < 0 ? kept.length : at, 0, ...rows.map((r) => `| ${r.join(' | ')} |`));
writeFileSync(file, kept.join('\n'));
console.log(`\nEnd-to-end rows of bench/results.md replaced (${new Date().toISOString()}).`);
