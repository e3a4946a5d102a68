import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `npm start` writes for the operator's commands (git-ignored), in the repository root. */
export interface LocalStackState {
  pid?: number;
  ddbEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  url: string;
  actionLinkSecret?: string;
}

/** `.local` in the repository root, wherever the command is run from; COVENANT_STATE_DIR overrides it (tests). */
export const STATE_DIR =
  process.env.COVENANT_STATE_DIR ?? join(fileURLToPath(new URL('..', import.meta.url)), '.local');

export class StackUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackUnavailableError';
  }
}

/** The running local stack, or one line that says why there is none. */
export function readLocalStack(): LocalStackState {
  const file = join(STATE_DIR, 'stack.json');
  if (!existsSync(file))
    throw new StackUnavailableError(
      `No local stack found (${file}). Start it with \`npm start\` in another terminal, or use --aws.`,
    );
  let state: LocalStackState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as LocalStackState;
  } catch {
    throw new StackUnavailableError(`${file} is damaged. Restart the local stack with \`npm start\`.`);
  }
  if (state.pid !== undefined) {
    try {
      process.kill(state.pid, 0);
    } catch {
      throw new StackUnavailableError('The local stack is not running any more. Start it with `npm start`.');
    }
  }
  return state;
}

/** The line every operator command prints first (to stderr), so nobody mistakes test for prod. */
export function describeLocalStack(state: LocalStackState): string {
  return `Stack: local at ${state.url} (table ${state.tableName}, DynamoDB ${state.ddbEndpoint})`;
}

/** One line for a failure to reach a stack, instead of an SDK stack trace. */
export function unreachable(where: string, error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  const detail = e.cause?.code ?? e.code ?? e.name ?? 'Error';
  const first = (e.message ?? String(error)).split('\n')[0];
  return `Cannot reach the stack (${where}): ${detail}${first && first !== detail ? `: ${first}` : ''}`;
}
