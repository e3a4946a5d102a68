import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runDaily } from '../shared/app/daily.js';
import { isIsoDate } from '../shared/domain/working-days.js';
import { createRuntime } from '../shared/handlers/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm run job -- daily --date YYYY-MM-DD`: the daily scheduled job, once, against the running local
 * stack, as if it were that date (default: today in Amsterdam). The stack's notify sends what it
 * writes; a rerun of the same date sends nothing.
 */
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { date: { type: 'string' } } });
if (positionals[0] !== 'daily') fail('Usage: npm run job -- daily [--date YYYY-MM-DD]');
if (values.date !== undefined && !isIsoDate(values.date)) {
  fail(`--date must be a real date as YYYY-MM-DD, not "${values.date}".`);
}
const stateFile = join(process.cwd(), '.local', 'stack.json');
if (!existsSync(stateFile))
  fail('No local stack found. Start it first with `npm start` (in another terminal).');
const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
  pid: number;
  ddbEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  actionLinkSecret: string;
};
try {
  process.kill(state.pid, 0);
} catch {
  fail('The local stack is not running any more. Start it with `npm start`.');
}
const runtime = createRuntime(
  {
    ...process.env,
    TABLE_NAME: state.tableName,
    DDB_ENDPOINT: state.ddbEndpoint,
    SES_ENDPOINT: state.sesEndpoint,
    SENDER_EMAIL: 'meldpunt@veiligschool.example.org',
    ACTION_LINK_SECRET: state.actionLinkSecret,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  },
  'job',
);
const result = await runDaily({ store: runtime.clients.store, now: runtime.now }, values.date);
console.log(
  `Daily job for ${result.date}: ${result.written.length} new, ${result.alreadyDone} already done.`,
);
for (const key of result.written) console.log(`  ${key}`);
