import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXAMPLE_DIRECTORY } from '../../local/stack.js';
import { applyDirectoryDiff, diffDirectory, rotateKey } from '../../shared/app/admin.js';
import { readDirectoryFile } from '../../shared/app/directory.js';
import { formatDutchInput } from '../../shared/domain/time.js';
import { postJson, startTestStack, type TestStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

let stack: TestStack;

beforeAll(async () => {
  // Few retries, so a notification that keeps failing reaches the dead letters quickly.
  stack = await startTestStack({ retryAttempts: 1, retryBaseDelayMs: 20 });
});

afterAll(async () => {
  await stack?.stop();
});

describe('Operator: directory import', () => {
  it('shows the difference in a dry run, applies it, and switches off (never deletes) a party left out', async () => {
    const store = stack.app.runtime.clients.store;
    const file = readDirectoryFile(EXAMPLE_DIRECTORY);
    const incoming = {
      parties: [
        ...file.parties
          .filter((p) => p.id !== 'ggd-volksgezondheid')
          .map((p) => (p.id === 'jou' ? { ...p, email: 'nieuw-adres@jou.example.org' } : p)),
        {
          ...file.parties[0]!,
          id: 'nieuwe-school',
          name: 'Nieuwe School',
          email: 'veiligheid@nieuwe-school.example.org',
        },
      ],
    };
    const diff = diffDirectory(await store.listDirectory(), incoming);
    expect(diff.added.map((p) => p.id)).toEqual(['nieuwe-school']);
    expect(diff.changed.map((c) => [c.after.id, c.fields])).toEqual([['jou', ['email']]]);
    expect(diff.deactivated.map((p) => p.id)).toEqual(['ggd-volksgezondheid']);

    const applied = await applyDirectoryDiff(store, diff);
    expect(applied.newKeys.map((k) => k.party.id)).toEqual(['nieuwe-school']);
    expect((await store.findPartyByFormKey(applied.newKeys[0]!.formKey))?.id).toBe('nieuwe-school');
    expect((await store.getParty('ggd-volksgezondheid'))?.active).toBe(false);
    expect((await store.getParty('jou'))?.email).toBe('nieuw-adres@jou.example.org');
    // The GGD's form key stops working; JoU keeps its key.
    expect(
      (await fetch(`${stack.url}/formulieren/beeindiging?sleutel=${stack.keyOf('ggd-volksgezondheid')}`))
        .status,
    ).toBe(401);
    expect((await fetch(`${stack.url}/formulieren/beeindiging?sleutel=${stack.keyOf('jou')}`)).status).toBe(
      200,
    );
    expect(diffDirectory(await store.listDirectory(), incoming)).toMatchObject({
      added: [],
      changed: [],
      deactivated: [],
    });
  });

  it('rotates a form key: the new link works, the old one no longer does', async () => {
    const store = stack.app.runtime.clients.store;
    const fresh = await rotateKey(store, 'vso-de-oefenboom');
    expect((await fetch(`${stack.url}/formulieren/melding?sleutel=${fresh}`)).status).toBe(200);
    expect(
      (await fetch(`${stack.url}/formulieren/melding?sleutel=${stack.keyOf('vso-de-oefenboom')}`)).status,
    ).toBe(401);
  });
});

/** Runs `npm run admin -- …` (its script, with tsx) against this test stack, from a folder of its own. */
function admin(args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'admin-'));
  mkdirSync(join(dir, '.local'));
  writeFileSync(
    join(dir, '.local', 'stack.json'),
    JSON.stringify({
      ddbEndpoint: inject('ddbEndpoint'),
      sesEndpoint: stack.ses.endpoint,
      tableName: stack.app.runtime.config.TABLE_NAME,
      url: stack.url,
    }),
  );
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'local', 'admin.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', COVENANT_STATE_DIR: join(dir, '.local') },
  });
}

describe('Operator: failed notifications', () => {
  it('lists what could not be sent and redrives it, delivered once', async () => {
    const store = stack.app.runtime.clients.store;
    await stack.stopSes();
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('demo-mavo-overvecht'),
      category: 'strafbaar-feit',
      subcategory: 'bedreiging',
      location: 'directe-omgeving',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description: 'Een docent is na schooltijd bij de bushalte bedreigd.',
    });
    expect(res.status).toBe(201);
    // One failure record per exhausted batch (shard and sequence range, as AWS sends).
    await waitFor('the batch in the dead letters', () => stack.app.poller.deadLetters.length >= 1);
    const failed = (await store.listPendingOutbox()).filter((i) => i.subjectId === res.body.id);
    expect(failed.map((i) => i.recipientId).sort()).toEqual(['demo-mavo-overvecht', 'wijkagent-overvecht']);
    expect(failed.every((i) => i.attempts >= 2 && i.lastError)).toBe(true);

    await stack.restartSes();
    // The operator's own commands, as a separate process against this stack.
    const listed = admin(['failed']);
    expect(listed).toContain('2 notification(s) not sent');
    expect(listed).toContain(`SUB#${res.body.id} OUT#wijkagent-overvecht`);
    expect(admin(['redrive', '--all'])).toMatch(/\b2 notification\(s\) queued again/);
    const emails = await stack.waitForEmails((e) => e.subject.includes(res.body.id), 2);
    expect(emails).toHaveLength(2);
    await stack.drain();
    expect((await stack.emails()).filter((e) => e.subject.includes(res.body.id))).toHaveLength(2);
    expect((await store.listPendingOutbox()).filter((i) => i.subjectId === res.body.id)).toEqual([]);
    // A sent item cannot be redriven into a second email.
    expect(await store.redriveOutbox(failed[0]!, stack.now())).toBe(false);
  });
});
