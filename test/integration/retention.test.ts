import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLinks } from '../../shared/adapters/clients.js';
import { runDaily } from '../../shared/app/daily.js';
import { eraseOldFreeText } from '../../shared/app/retention.js';
import { evaluatieRoundId } from '../../shared/domain/calendar.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { addWorkingDays } from '../../shared/domain/working-days.js';
import { validBeeindiging } from '../support/bodies.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * Article 23 after the fact: free text is erased `retentionFreeTextDays` after the submission, the
 * rest stays for the wijk report. The clock is injected: the erasure runs "a year later" against the
 * items written today in DynamoDB Local.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const DAY_MS = 86_400_000;

function linkIn(email: StoredEmail | undefined, label: RegExp): string {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
}

describe('Free text retention', () => {
  it('erases descriptions, remarks and answer texts after retentionFreeTextDays and keeps the categories', async () => {
    const store = stack.app.runtime.clients.store;
    const melding = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      category: 'strafbaar-feit',
      subcategory: 'vernieling',
      location: 'schoolterrein',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description: 'Ruiten van het fietsenhok zijn ingegooid in de nacht.',
    });
    const voorlichting = await postJson(`${stack.url}/api/voorlichtingen`, {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      provider: 'jou',
      theme: 'Groepsvorming en uitgaan',
      audience: ['leerlingen'],
      groupSize: 30,
      preferredDates: [addWorkingDays(amsterdamDate(stack.now()), 15)],
      remarks: 'Graag in de middag.',
    });
    // The wijkagent's notice to the school (art. 7), from its overview.
    const overview = await buildLinks(stack.app.runtime.config, stack.now).overviewUrl(
      'wijkagent-oost',
      hashFormKey(stack.keyOf('wijkagent-oost')),
    );
    const mededeling = await postJson(`${overview}/mededeling`, {
      school: 'lyceum-de-proefhoek',
      soort: 'surveillance',
      text: 'Deze week rijden wij na schooltijd vaker langs het fietsenhok.',
    });
    // A termination announcement's reason (art. 22) is free text too.
    const beeindiging = await postJson(
      `${stack.url}/api/beeindigingen`,
      validBeeindiging(stack.keyOf('jou')),
    );
    expect([melding.status, voorlichting.status, mededeling.status, beeindiging.status]).toEqual([
      201, 201, 201, 201,
    ]);
    const [forPolice] = await stack.waitForEmails(
      (e) =>
        e.subject.includes(melding.body.id) && e.destination.to[0] === 'wijkagent.oost@politie.example.org',
      1,
    );
    const feedback = await postJson(
      `${stack.url}/api/acties/${linkIn(forPolice, /Vertel de school hoe u de melding oppakt/)}`,
      {
        handling: 'in-behandeling',
        text: 'De wijkagent komt morgen langs.',
      },
    );
    expect(feedback.status).toBe(201);

    // An evaluation answer as the questionnaire link stores it (art. 21b), with a comment.
    const round = evaluatieRoundId('Oost', stack.now().getUTCFullYear());
    await store.put({
      pk: `EVAL#${round}`,
      sk: 'ANSWER#wijkagent-oost',
      type: 'evaluation-answer',
      partyId: 'wijkagent-oost',
      at: stack.now().toISOString(),
      data: { score1: 4, comment1: 'Goede samenwerking met de school.' },
    });

    const item = async (id: string) =>
      (await store.getSubmission<Record<string, never>>(id)) as Record<string, any>;
    const createdAt = Date.parse((await item(melding.body.id)).createdAt);

    // A day before the line: nothing is erased.
    const early = await eraseOldFreeText({
      store,
      now: () => new Date(createdAt + 364 * DAY_MS),
      freeTextDays: 365,
    });
    expect((await item(melding.body.id)).melding.description).toContain('fietsenhok');

    // The daily job a year and a day later, with the setting's default.
    const later = new Date(createdAt + 366 * DAY_MS);
    const result = await runDaily({ store, now: () => later, freeTextDays: 365 }, amsterdamDate(later));
    expect(result.erased?.submissions).toBeGreaterThanOrEqual(3);
    expect(early.submissions).toBe(0);

    const m = await item(melding.body.id);
    expect(m.melding.description).toBeUndefined();
    expect(m.melding.category).toBe('strafbaar-feit');
    expect(m.melding.subcategory).toBe('vernieling');
    expect(m.gsi1pk).toBe('melding#Oost');
    expect(m.freeTextErasedAt).toBe(later.toISOString());
    const v = await item(voorlichting.body.id);
    expect(v.voorlichting.remarks).toBeUndefined();
    expect(v.voorlichting.theme).toBeUndefined();
    expect(v.voorlichting.provider).toBe('jou');
    const p = await item(mededeling.body.id);
    expect(p.mededeling.text).toBeUndefined();
    expect(p.mededeling.soort).toBe('surveillance');
    const b = await item(beeindiging.body.id);
    expect(b.beeindiging.reason).toBeUndefined();
    expect(b.freeTextErasedAt).toBe(later.toISOString());
    const events = await store.listEvents<Record<string, any>>(melding.body.id);
    const answer = events.find((e) => e.action === 'terugkoppeling');
    expect(answer?.data.text).toBeUndefined();
    expect(answer?.data.handling).toBe('in-behandeling');

    const evaluation = await store.getItem({ pk: `EVAL#${round}`, sk: 'ANSWER#wijkagent-oost' });
    expect(evaluation?.data).toEqual({ score1: 4 });
    expect(result.erased?.answers).toBe(1);

    // The next day reads only what crossed the line since: nothing new.
    const next = await eraseOldFreeText({
      store,
      now: () => new Date(later.getTime() + DAY_MS),
      freeTextDays: 365,
    });
    expect(next.submissions + next.events + next.answers).toBe(0);
  }, 60_000);
});
