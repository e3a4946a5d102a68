import { parseArgs } from 'node:util';
import { runDaily } from '../shared/app/daily.js';
import { isIsoDate } from '../shared/domain/working-days.js';
import { createRuntime } from '../shared/handlers/runtime.js';
import {
  describeLocalStack,
  type LocalStackState,
  readLocalStack,
  StackUnavailableError,
  unreachable,
} from './state.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * `npm run job -- daily --date YYYY-MM-DD`: the daily scheduled job, once, against the running local
 * stack, as if it were that date (default: today in Amsterdam). The stack's notify sends what it
 * writes; a rerun of the same date sends nothing.
 */
function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

const parse = () => parseArgs({ allowPositionals: true, options: { date: { type: 'string' } } });
let parsed: ReturnType<typeof parse>;
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run job -- daily [--date YYYY-MM-DD]`);
}
const { positionals, values } = parsed;
if (positionals[0] !== 'daily') fail('Usage: npm run job -- daily [--date YYYY-MM-DD]');
if (values.date !== undefined && !isIsoDate(values.date)) {
  fail(`--date must be a real date as YYYY-MM-DD, not "${values.date}".`);
}
let state: LocalStackState;
try {
  state = readLocalStack();
} catch (error) {
  if (error instanceof StackUnavailableError) fail(error.message, 1);
  throw error;
}
console.error(describeLocalStack(state));
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
let result: Awaited<ReturnType<typeof runDaily>>;
try {
  result = await runDaily(
    { store: runtime.clients.store, now: runtime.now, freeTextDays: runtime.config.RETENTION_FREE_TEXT_DAYS },
    values.date,
  );
} catch (error) {
  if (process.env.DEBUG) console.error(error);
  fail(unreachable(`local, ${state.url}`, error), 1);
}
console.log(
  `Daily job for ${result.date}: ${result.written.length} new, ${result.alreadyDone} already done.`,
);
for (const key of result.written) console.log(`  ${key}`);
