import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoClient } from '../../local/emulators.js';
import { dynamoStore } from '../../shared/adapters/dynamodb/index.js';
import { loadWijkReport } from '../../shared/app/report.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { addWorkingDays } from '../../shared/domain/working-days.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * The wijk report (art. 21b) reads the answers with the submissions: four Queries on the index for
 * a wijk's twelve months, however many submissions there are (issue 16, ADR 0017).
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
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
    const formKey = stack.keyOf('lyceum-de-proefhoek');
    const meldingen: string[] = [];
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
      (e) =>
        e.subject.includes(voorlichting.body.id as string) &&
        e.destination.to[0] === 'contact@halt.example.org',
      1,
    );
    const answer = await postJson(`${stack.url}/api/acties/${linkIn(forHalt, /Beantwoord de aanvraag/)}`, {
      answer: 'afgewezen',
      reason: 'Deze periode zijn wij volgeboekt.',
    });
    expect(answer.status).toBe(201);

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
});
