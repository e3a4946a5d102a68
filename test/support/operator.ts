import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { TestStack } from './stack.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A `.local` state folder that points the operator commands (`npm run admin`, `npm run job`) at a
 * test stack, as `npm start` leaves one for them. Returns the folder.
 */
export function operatorState(stack: TestStack, tableName: string, prefix = 'operator-'): string {
  const stateDir = join(mkdtempSync(join(tmpdir(), prefix)), '.local');
  mkdirSync(stateDir);
  writeFileSync(
    join(stateDir, 'stack.json'),
    JSON.stringify({
      pid: process.pid,
      ddbEndpoint: inject('ddbEndpoint'),
      sesEndpoint: stack.ses.endpoint,
      tableName,
      url: stack.url,
    }),
  );
  return stateDir;
}

/** Runs an operator command as a separate process, the way `npm run admin -- …` does. */
export function runOperator(script: 'admin' | 'job', args: string[], stateDir: string) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(root, 'local', `${script}.ts`), ...args],
    {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', COVENANT_STATE_DIR: stateDir },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}
