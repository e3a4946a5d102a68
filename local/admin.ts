import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyDirectoryDiff, diffDirectory, rotateKey } from '../shared/app/admin.js';
import { DirectoryFileError, readDirectoryFile } from '../shared/app/directory.js';
import { backfillReportIndex } from '../shared/app/report.js';
import { WIJKEN } from '../shared/domain/wijken.js';
import { createRuntime } from '../shared/handlers/runtime.js';
import {
  describeLocalStack,
  type LocalStackState,
  readLocalStack,
  STATE_DIR,
  StackUnavailableError,
  unreachable,
} from './state.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Operator commands (local stack by default; AWS with --aws and the usual credential chain):

  npm run admin -- import <directory.json> [--dry-run]   validate, show the difference, apply it
  npm run admin -- export [--out <file>]                 the directory as JSON (no form keys)
  npm run admin -- rotate-key <partyId>                  a new form link for one party; the old one stops
                                                         (locally also written to .local/parties.json)
  npm run admin -- failed                                notifications that were not sent (yet)
  npm run admin -- redrive (<pk> <sk> | --all)           send unsent notifications again
  npm run admin -- backfill-report-index                 index answers stored before ADR 0017 for the
                                                         wijk report (once; a second run changes nothing)

Options: --aws --table <name> --region <region> --base-url <https://forms.example.org>
Every command first says which stack it talks to. Exit codes: 0 done, 1 failed, 2 usage.
`;

const COMMANDS = ['import', 'export', 'rotate-key', 'failed', 'redrive', 'backfill-report-index'];

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: ReturnType<typeof parseCommandLine>;
function parseCommandLine() {
  return parseArgs({
    allowPositionals: true,
    options: {
      aws: { type: 'boolean', default: false },
      table: { type: 'string' },
      region: { type: 'string' },
      'base-url': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      out: { type: 'string' },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}
try {
  parsed = parseCommandLine();
} catch (error) {
  fail(`${(error as Error).message}\nSee npm run admin -- --help.`);
}
const { positionals, values } = parsed;
const [command, ...args] = positionals;
if (!command || values.help) {
  console.log(USAGE);
  process.exit(command ? 0 : 2);
}
if (!COMMANDS.includes(command)) {
  console.error(`Unknown command "${command}".\n`);
  console.error(USAGE);
  process.exit(2);
}

let local: LocalStackState | undefined;
let where = '';
function environment(): Record<string, string | undefined> {
  if (values.aws) {
    const table = values.table ?? process.env.TABLE_NAME;
    if (!table)
      fail('With --aws, name the table: --table <name> (the stack output TableName) or TABLE_NAME.');
    const region = values.region ?? process.env.AWS_REGION ?? 'eu-west-1';
    where = `AWS table ${table} in ${region}`;
    return {
      ...process.env,
      TABLE_NAME: table,
      AWS_REGION: region,
      SENDER_EMAIL: process.env.SENDER_EMAIL ?? 'operator@example.org',
      PUBLIC_BASE_URL: values['base-url'] ?? process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    };
  }
  try {
    local = readLocalStack();
  } catch (error) {
    if (error instanceof StackUnavailableError) fail(error.message, 1);
    throw error;
  }
  where = `local, ${local.url}`;
  return {
    ...process.env,
    TABLE_NAME: local.tableName,
    DDB_ENDPOINT: local.ddbEndpoint,
    SES_ENDPOINT: local.sesEndpoint,
    SENDER_EMAIL: 'meldpunt@veiligschool.example.org',
    PUBLIC_BASE_URL: local.url,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}

const env = environment();
// Which stack this talks to, on stderr so `export` output stays pure JSON.
console.error(local ? describeLocalStack(local) : `Stack: ${where}`);
const runtime = createRuntime(env, 'admin');
const { store } = runtime.clients;
const base = (env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));

/** With the local stack, .local/parties.json (every party's form key) follows a rotation. */
function updateLocalParties(id: string, formKey: string): boolean {
  const file = join(STATE_DIR, 'parties.json');
  if (!local || !existsSync(file)) return false;
  const parties = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; formKey?: string }>;
  const entry = parties.find((p) => p.id === id);
  if (!entry) return false;
  entry.formKey = formKey;
  writeFileSync(file, `${JSON.stringify(parties, null, 2)}\n`);
  return true;
}

try {
  switch (command) {
    case 'import': {
      const file = args[0] ?? fail('Name the directory file: npm run admin -- import <directory.json>');
      let directory: ReturnType<typeof readDirectoryFile>;
      try {
        directory = readDirectoryFile(file);
      } catch (error) {
        if (error instanceof DirectoryFileError) fail(error.message, 1);
        throw error;
      }
      const diff = diffDirectory(await store.listDirectory(), directory);
      console.log(
        `${diff.added.length} new, ${diff.changed.length} changed, ${diff.deactivated.length} switched off, ${diff.unchanged} unchanged.`,
      );
      for (const p of diff.added) console.log(`  + ${p.id} (${p.role}${p.wijk ? `, ${p.wijk}` : ''})`);
      for (const c of diff.changed) {
        console.log(`  ~ ${c.after.id}`);
        for (const field of c.fields) {
          const before = (c.before as Record<string, unknown>)[field];
          const after = (c.after as Record<string, unknown>)[field];
          console.log(`      ${field}: ${show(before)} → ${show(after)}`);
        }
      }
      for (const p of diff.deactivated) console.log(`  - ${p.id} (switched off, kept for history)`);
      if (values['dry-run']) {
        console.log('Dry run: nothing was changed.');
        break;
      }
      const applied = await applyDirectoryDiff(store, diff, (done, total) =>
        process.stdout.write(`\r  ${done}/${total}`),
      );
      console.log('\nImported.');
      for (const { party, formKey } of applied.newKeys) {
        console.log(
          `  ${party.id}: ${base}/formulieren/${party.kind === 'school' ? 'melding' : 'beeindiging'}?sleutel=${formKey}`,
        );
      }
      if (applied.newKeys.length) console.log('These links are shown once. Send each to its party only.');
      break;
    }
    case 'export': {
      // `id` first in every entry, the way the directory file is written by hand.
      const parties = (await store.listDirectory())
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(({ id, ...rest }) => ({ id, ...rest }));
      const text = `${JSON.stringify({ parties }, null, 2)}\n`;
      if (values.out) {
        writeFileSync(values.out, text);
        console.log(`${parties.length} parties written to ${values.out}.`);
      } else {
        process.stdout.write(text);
      }
      break;
    }
    case 'rotate-key': {
      const id = args[0] ?? fail('Name the party: npm run admin -- rotate-key <partyId>');
      const party = await store.getParty(id);
      if (!party) fail(`No party with id ${id}. See npm run admin -- export.`, 1);
      const formKey = await rotateKey(store, id);
      console.log(`New link for ${party.name} (shown once; the old link no longer works):`);
      console.log(
        `  ${base}/formulieren/${party.kind === 'school' ? 'melding' : 'beeindiging'}?sleutel=${formKey}`,
      );
      if (updateLocalParties(id, formKey)) console.log(`Updated ${join(STATE_DIR, 'parties.json')}.`);
      break;
    }
    case 'failed': {
      const pending = await store.listPendingOutbox();
      const stuck = pending.filter(
        (i) => i.attempts > 0 || Date.now() - Date.parse(i.createdAt) > 5 * 60_000,
      );
      console.log(
        `${stuck.length} notification(s) not sent${pending.length > stuck.length ? ` (and ${pending.length - stuck.length} just queued)` : ''}.`,
      );
      for (const i of stuck) {
        console.log(
          `  ${i.pk} ${i.sk}  to ${i.recipientId}  attempts ${i.attempts}  ${i.lastError ?? ''}  since ${i.createdAt}`,
        );
      }
      break;
    }
    case 'redrive': {
      const targets = values.all
        ? (await store.listPendingOutbox()).map((i) => ({ pk: i.pk, sk: i.sk }))
        : args.length === 2
          ? [{ pk: args[0] as string, sk: args[1] as string }]
          : fail('Name one item (npm run admin -- redrive <pk> <sk>) or use --all.');
      let redriven = 0;
      for (const [index, key] of targets.entries()) {
        try {
          if (await store.redriveOutbox(key, new Date())) redriven++;
        } catch (error) {
          console.error(`\n  ${key.pk} ${key.sk}: ${(error as Error).message}`);
        }
        process.stdout.write(`\r  ${index + 1}/${targets.length}`);
      }
      console.log(`\n${redriven} notification(s) queued again.`);
      break;
    }
    case 'backfill-report-index': {
      // Utrecht's wijken and any other wijk a party of the directory names.
      const wijken = [...WIJKEN, ...(await store.listDirectory()).flatMap((p) => (p.wijk ? [p.wijk] : []))];
      const result = await backfillReportIndex(store, wijken, {
        onProgress: (done) => process.stdout.write(`\r  ${done.submissions} submission(s) read`),
      });
      console.log(
        `\n${result.submissions} melding(en) and voorlichting(en) read: ${result.indexed} answer(s) indexed now, ${result.already} already indexed.`,
      );
      break;
    }
  }
} catch (error) {
  // The stack down, credentials missing, a table that is not there: one line, not a trace.
  if (process.env.DEBUG) console.error(error);
  fail(unreachable(where, error), 1);
}
