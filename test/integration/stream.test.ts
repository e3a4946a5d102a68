import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetter } from '../../local/stream.js';
import { validMelding } from '../support/bodies.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

/** The local event source mapping: retries with back-off while SES is away, then exactly once. */
let stack: TestStack;
const deadLetters: DeadLetter[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    retryAttempts: 8,
    retryBaseDelayMs: 100,
    onDeadLetter: (letter) => deadLetters.push(letter),
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('Stream to notify, locally as in Lambda', () => {
  it('delivers every email exactly once after the SES emulator was down while meldingen arrived', async () => {
    await stack.stopSes();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await postJson(
        `${stack.url}/api/meldingen`,
        validMelding(stack.keyOf('scholengemeenschap-rijnveld'), stack.now(), {
          subcategory: 'vuurwerk',
          location: 'schoolterrein',
          description: `Vuurwerk afgestoken op het plein, melding nummer ${i + 1}.`,
        }),
      );
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // A send was tried and failed while SES was away: the item was given back, with an attempt counted.
    const pending = await waitFor('a failed send attempt while SES is down', async () => {
      const item = await stack.app.runtime.clients.store.getItem({
        pk: `SUB#${ids[0]}`,
        sk: 'OUT#wijkagent-leidsche-rijn',
      });
      return item?.status === 'pending' && Number(item?.attempts ?? 0) >= 1 ? item : undefined;
    });
    expect(pending?.status).toBe('pending');

    await stack.restartSes();

    const mine = (e: StoredEmail) => ids.some((id) => e.subject.includes(id));
    const emails = await stack.waitForEmails(mine, 20, 20_000);
    await stack.drain();
    const all = (await stack.emails()).filter(mine);
    expect(emails.length).toBe(20);
    expect(all.length).toBe(20);
    for (const id of ids) {
      const forId = all
        .filter((e) => e.subject.includes(id))
        .map((e) => e.destination.to[0])
        .sort();
      expect(forId).toEqual([
        'veiligheid@scholengemeenschap-rijnveld.example.org',
        'wijkagent.leidsche-rijn@politie.example.org',
      ]);
    }
    expect(deadLetters).toEqual([]);
  });

  it('moves a record that can never be sent to the dead letters and then delivers the rest', async () => {
    await stack.app.runtime.clients.store.put({
      pk: 'SUB#M-20261120-P0IS0N00',
      sk: 'OUT#het-voorbeeldcollege',
      type: 'outbox',
      template: 'submission-confirmation',
      subjectId: 'M-20261120-P0IS0N00',
      recipientId: 'het-voorbeeldcollege',
      status: 'pending',
      attempts: 0,
    });
    const res = await postJson(
      `${stack.url}/api/meldingen`,
      validMelding(stack.keyOf('het-voorbeeldcollege'), stack.now(), {
        category: 'zorgsignaal',
        subcategory: undefined,
        aangifteOverwogen: undefined,
        description: 'Een leerling lijkt al weken niet goed te eten, wij willen overleggen.',
      }),
    );
    // As in Lambda, the shard waits while the poison record is retried; then the rest follows.
    const emails = await stack.waitForEmails((e) => e.subject.includes(res.body.id), 2, 25_000);
    expect(emails).toHaveLength(2);
    await waitFor('the poison record in the dead letters', () => deadLetters.length > 0, 20_000);
    expect(deadLetters).toHaveLength(1);
    // As from AWS: where the batch was, not its records; the item itself is still pending in the table.
    expect(deadLetters[0]?.DDBStreamBatchInfo.startSequenceNumber).toMatch(/\d+/);
    expect(deadLetters[0]?.requestContext.approximateInvokeCount).toBe(9);
    const poison = await stack.app.runtime.clients.store.getItem({
      pk: 'SUB#M-20261120-P0IS0N00',
      sk: 'OUT#het-voorbeeldcollege',
    });
    expect(poison?.status).toBe('pending');
  });
});
