import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXAMPLE_DIRECTORY } from '../../local/stack.js';
import { operatorState, runOperator } from '../support/operator.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let stateDir: string;

beforeAll(async () => {
  stack = await startTestStack();
  stateDir = operatorState(stack, stack.app.runtime.config.TABLE_NAME, 'admin-cli-');
  writeFileSync(
    join(stateDir, 'parties.json'),
    JSON.stringify([
      { id: 'vso-de-oefenboom', formKey: 'oude-sleutel' },
      { id: 'jou', formKey: 'blijft' },
    ]),
  );
});

afterAll(async () => {
  await stack?.stop();
});

/** Runs an operator command as a separate process, the way `npm run admin -- …` does. */
const run = (script: 'admin' | 'job', args: string[], state = stateDir) => runOperator(script, args, state);

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dir-')), name);
  writeFileSync(path, text);
  return path;
}

const noTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |node:internal|Error: /);

describe('Operator commands read like a tool', () => {
  it('say which stack they talk to', () => {
    const exported = run('admin', ['export']);
    expect(exported.stderr).toBe(
      `Stack: local at ${stack.url} (table ${stack.app.runtime.config.TABLE_NAME}, DynamoDB ${inject('ddbEndpoint')})`,
    );
    const parties = JSON.parse(exported.stdout).parties as Array<Record<string, unknown>>;
    // `id` comes first in every entry.
    expect(parties.every((p) => Object.keys(p)[0] === 'id')).toBe(true);
    expect(exported.code).toBe(0);
  });

  it('exit 2 on an unknown command or option, with the usage', () => {
    const unknown = run('admin', ['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "frobnicate"/);
    const option = run('admin', ['export', '--verbose']);
    expect(option.code).toBe(2);
    noTrace(option.stderr);
    expect(run('job', ['daily', '--when', 'morgen']).code).toBe(2);
  });

  it('name a missing file in one line', () => {
    const missing = run('admin', ['import', '/nergens/directory.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n').at(-1)).toBe('Directory /nergens/directory.json: file not found');
  });

  it('give line and column of a JSON syntax error', () => {
    const broken = file('broken.json', '{\n  "parties": [\n    { "id": "a",, }\n  ]\n}\n');
    const result = run('admin', ['import', broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`Directory ${broken}: not valid JSON at line 3, column 17 `));
  });

  it('name the party by id, not by its place in the list', () => {
    const directory = JSON.parse(readFileSync(EXAMPLE_DIRECTORY, 'utf8'));
    directory.parties[3].email = 'geen-adres';
    const result = run('admin', ['import', file('directory.json', JSON.stringify(directory, null, 2))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`party ${directory.parties[3].id}, email:`);
    expect(result.stderr).not.toMatch(/parties\.3/);
  });

  it('show old → new values in a dry run, and change nothing', () => {
    const directory = JSON.parse(readFileSync(EXAMPLE_DIRECTORY, 'utf8'));
    const jou = directory.parties.find((p: { id: string }) => p.id === 'jou');
    const before = jou.email;
    jou.email = 'nieuw@jou.example.org';
    const result = run('admin', ['import', file('directory.json', JSON.stringify(directory)), '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`email: "${before}" → "nieuw@jou.example.org"`);
    expect(result.stdout).toContain('Dry run: nothing was changed.');
  });

  it('rotate-key also updates .local/parties.json', () => {
    const result = run('admin', ['rotate-key', 'vso-de-oefenboom']);
    expect(result.code).toBe(0);
    const key = /sleutel=([\w-]+)/.exec(result.stdout)?.[1];
    const parties = JSON.parse(readFileSync(join(stateDir, 'parties.json'), 'utf8'));
    expect(parties).toEqual([
      { id: 'vso-de-oefenboom', formKey: key },
      { id: 'jou', formKey: 'blijft' },
    ]);
  });

  it('say in one line that the stack is down, or not started', () => {
    const down = mkdtempSync(join(tmpdir(), 'down-'));
    writeFileSync(
      join(down, 'stack.json'),
      JSON.stringify({
        ddbEndpoint: 'http://127.0.0.1:9',
        sesEndpoint: 'http://127.0.0.1:9',
        tableName: 't',
        url: 'http://localhost:9',
      }),
    );
    for (const [script, args] of [
      ['admin', ['failed']],
      ['job', ['daily', '--date', '2027-03-15']],
    ] as const) {
      const result = run(script, [...args], down);
      expect(result.code).toBe(1);
      const lines = result.stderr.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^Cannot reach the stack \(local, http:\/\/localhost:9\): /);
      noTrace(result.stderr);
    }
    const none = run('admin', ['export'], mkdtempSync(join(tmpdir(), 'none-')));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^No local stack found \(.*\)\. Start it with `npm start`/);
  });
});
