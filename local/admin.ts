import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyDirectoryDiff, diffDirectory, rotateKey } from '../shared/app/admin.js';
import { readDirectoryFile } from '../shared/app/directory.js';
import { createRuntime } from '../shared/handlers/runtime.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Operator commands (local stack by default; AWS with --aws and the usual credential chain):

  npm run admin -- import <directory.json> [--dry-run]   validate, show the difference, apply it
  npm run admin -- export [--out <file>]                 the directory as JSON (no form keys)
  npm run admin -- rotate-key <partyId>                  a new form link for one party; the old one stops
  npm run admin -- failed                                notifications that were not sent (yet)
  npm run admin -- redrive (<pk> <sk> | --all)           send unsent notifications again

Options: --aws --table <name> --region <region> --base-url <https://forms.example.org>
`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { positionals, values } = parseArgs({
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
const [command, ...args] = positionals;
if (!command || values.help) {
  console.log(USAGE);
  process.exit(command ? 0 : 2);
}

function environment(): Record<string, string | undefined> {
  if (values.aws) {
    const table = values.table ?? process.env.TABLE_NAME;
    if (!table)
      fail('With --aws, name the table: --table <name> (the stack output TableName) or TABLE_NAME.');
    return {
      ...process.env,
      TABLE_NAME: table,
      AWS_REGION: values.region ?? process.env.AWS_REGION ?? 'eu-west-1',
      SENDER_EMAIL: process.env.SENDER_EMAIL ?? 'operator@example.org',
      PUBLIC_BASE_URL: values['base-url'] ?? process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    };
  }
  const stateFile = join(process.cwd(), '.local', 'stack.json');
  if (!existsSync(stateFile)) fail('No local stack found. Start it with `npm start`, or use --aws.');
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return {
    ...process.env,
    TABLE_NAME: state.tableName,
    DDB_ENDPOINT: state.ddbEndpoint,
    SES_ENDPOINT: state.sesEndpoint,
    SENDER_EMAIL: 'meldpunt@veiligschool.example.org',
    PUBLIC_BASE_URL: state.url,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}

const env = environment();
const runtime = createRuntime(env, 'admin');
const { store } = runtime.clients;
const base = (env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');

switch (command) {
  case 'import': {
    const file = args[0] ?? fail('Name the directory file: npm run admin -- import <directory.json>');
    let directory: ReturnType<typeof readDirectoryFile>;
    try {
      directory = readDirectoryFile(file);
    } catch (error) {
      fail((error as Error).message);
    }
    const diff = diffDirectory(await store.listDirectory(), directory);
    console.log(
      `${diff.added.length} new, ${diff.changed.length} changed, ${diff.deactivated.length} switched off, ${diff.unchanged} unchanged.`,
    );
    for (const p of diff.added) console.log(`  + ${p.id} (${p.role}${p.wijk ? `, ${p.wijk}` : ''})`);
    for (const c of diff.changed) console.log(`  ~ ${c.after.id}: ${c.fields.join(', ')}`);
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
    const parties = (await store.listDirectory()).sort((a, b) => a.id.localeCompare(b.id));
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
    if (!party) fail(`No party with id ${id}. See npm run admin -- export.`);
    const formKey = await rotateKey(store, id);
    console.log(`New link for ${party.name} (shown once; the old link no longer works):`);
    console.log(
      `  ${base}/formulieren/${party.kind === 'school' ? 'melding' : 'beeindiging'}?sleutel=${formKey}`,
    );
    break;
  }
  case 'failed': {
    const pending = await store.listPendingOutbox();
    const stuck = pending.filter((i) => i.attempts > 0 || Date.now() - Date.parse(i.createdAt) > 5 * 60_000);
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
  default:
    console.error(`Unknown command "${command}".\n`);
    console.log(USAGE);
    process.exit(2);
}
