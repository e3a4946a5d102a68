import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoClient } from '../../local/emulators.js';
import { dynamoStore } from '../../shared/adapters/dynamodb/index.js';
import { loadWijkReport } from '../../shared/app/report.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { addWorkingDays } from '../../shared/domain/working-days.js';
import { operatorState, runOperator } from '../support/operator.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * The wijk report (art. 21b) reads the answers with the submissions: four Queries on the index for
 * a wijk's twelve months, however many submissions there are (issue 16, ADR 0017).
 */
let stack: TestStack;

/** Oost's submissions: three meldingen (the first answered) and a voorlichting (refused). */
const meldingen: string[] = [];
let voorlichtingId = '';

beforeAll(async () => {
  stack = await startTestStack();
  const formKey = stack.keyOf('lyceum-de-proefhoek');
  for (const description of [
    'Ruiten van het fietsenhok zijn ingegooid in de nacht.',
    'Uit een kluisje in gang B zijn twee laptops gestolen.',
    'Op het schoolplein is een brommer beschadigd.',
  ]) {
    const res = await postJson(`${stack.url}/api/meldingen`, {
      formKey,
      category: 'strafbaar-feit',
      subcategory: 'vernieling',
      location: 'schoolterrein',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description,
    });
    expect(res.status).toBe(201);
    meldingen.push(res.body.id as string);
  }
  const voorlichting = await postJson(`${stack.url}/api/voorlichtingen`, {
    formKey,
    provider: 'halt',
    theme: 'groepsdruk',
    audience: ['leerlingen'],
    groupSize: 30,
    preferredDates: [addWorkingDays(amsterdamDate(stack.now()), 15)],
  });
  expect(voorlichting.status).toBe(201);
  voorlichtingId = voorlichting.body.id as string;

  const [forPolice] = await stack.waitForEmails(
    (e) =>
      e.subject.includes(meldingen[0] as string) &&
      e.destination.to[0] === 'wijkagent.oost@politie.example.org',
    1,
  );
  const feedback = await postJson(
    `${stack.url}/api/acties/${linkIn(forPolice, /Vertel de school hoe u de melding oppakt/)}`,
    { handling: 'in-behandeling', text: 'De wijkagent komt morgen langs.' },
  );
  expect(feedback.status).toBe(201);
  const [forHalt] = await stack.waitForEmails(
    (e) => e.subject.includes(voorlichtingId) && e.destination.to[0] === 'contact@halt.example.org',
    1,
  );
  const answer = await postJson(`${stack.url}/api/acties/${linkIn(forHalt, /Beantwoord de aanvraag/)}`, {
    answer: 'afgewezen',
    reason: 'Deze periode zijn wij volgeboekt.',
  });
  expect(answer.status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
});

function linkIn(email: StoredEmail | undefined, label: RegExp): string {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
}

describe('Wijk report reads', () => {
  it('counts answered meldingen and voorlichtingen from the index, in four Queries', async () => {
    // The product's store over a client that counts what it sends.
    const sent: string[] = [];
    const doc = DynamoDBDocumentClient.from(localDynamoClient(inject('ddbEndpoint')));
    doc.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
    const store = dynamoStore(doc, stack.app.runtime.clients.store.tableName);
    const report = await loadWijkReport(store, 'Oost', amsterdamDate(stack.now()));
    doc.destroy();

    expect(sent).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand', 'QueryCommand']);
    expect(report.terugkoppeling.meldingen).toBe(3);
    expect(report.terugkoppeling.answered).toBe(1);
    expect(report.terugkoppeling.medianWorkingDays).toBe(0);
    expect(report.voorlichtingPerProvider.halt?.afgewezen).toBe(1);
    expect(report.voorlichtingPerProvider.halt?.open).toBe(0);
  });

  it('finds answers stored before the index once they are backfilled, and a second run changes nothing', async () => {
    const doc = DynamoDBDocumentClient.from(localDynamoClient(inject('ddbEndpoint')));
    const table = stack.app.runtime.clients.store.tableName;
    const store = dynamoStore(doc, table);
    const today = amsterdamDate(stack.now());
    // Every answer of Oost's submissions, as stored (the event items of their partitions).
    const answers = async () => {
      const all: Record<string, unknown>[] = [];
      for (const id of [...meldingen, voorlichtingId]) {
        const out = await doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
            ExpressionAttributeValues: { ':pk': `SUB#${id}`, ':evt': 'EVT#' },
            ConsistentRead: true,
          }),
        );
        all.push(...(out.Items ?? []));
      }
      return all;
    };
    const stored = await answers();
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.every((a) => typeof a.gsi1pk === 'string')).toBe(true);

    // The shape before ADR 0017: the same answers without index keys. The report misses them.
    for (const a of stored)
      await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: a.pk, sk: a.sk },
          UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        }),
      );
    const before = await loadWijkReport(store, 'Oost', today);
    expect(before.terugkoppeling.answered).toBe(0);
    expect(before.voorlichtingPerProvider.halt?.afgewezen ?? 0).toBe(0);

    // The operator command, as a process against this stack (npm run admin -- backfill-report-index).
    const stateDir = operatorState(stack, table, 'backfill-');
    const backfill = () => {
      const run = runOperator('admin', ['backfill-report-index'], stateDir);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };

    expect(backfill()).toContain(
      `4 melding(en) and voorlichting(en) read: ${stored.length} answer(s) indexed now, 0 already indexed.`,
    );
    // Each answer has exactly the keys it was written with, and the report counts it again.
    expect(await answers()).toEqual(stored);
    const after = await loadWijkReport(store, 'Oost', today);
    expect(after.terugkoppeling.answered).toBe(1);
    expect(after.voorlichtingPerProvider.halt?.afgewezen).toBe(1);

    // A second run finds everything indexed and writes nothing.
    expect(backfill()).toContain(`0 answer(s) indexed now, ${stored.length} already indexed.`);
    expect(await answers()).toEqual(stored);
    doc.destroy();
  });
});
