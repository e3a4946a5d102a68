import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../shared/app/daily.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { WIJKEN } from '../../shared/domain/wijken.js';
import { addDays, addWorkingDays } from '../../shared/domain/working-days.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * A covenant year, day by day, through the daily job against DynamoDB Local, with a renewal and a
 * termination in it. Every email is checked: the right ones, to the right parties, once each.
 */
let stack: TestStack;
const today = amsterdamDate(new Date());
const START = addDays(today, 1);
const END = addDays(today, 365);
const SKIPPED = '2027-01-15'; // the job did not run that day: the day after catches up

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const linkIn = (email: StoredEmail | undefined, label: RegExp) => {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
};

const signatories = () => stack.app.parties.filter((p) => p.party.kind !== 'ggd').length;

describe('Daily job over a simulated year', () => {
  it('sends exactly what the covenant calls for, once, and a rerun of any day sends nothing', async () => {
    const deps = { store: stack.app.runtime.clients.store, now: stack.app.runtime.now };
    // Before the year: a termination announced today, a melding and a request nobody answers.
    const leaving = 'scholengemeenschap-rijnveld';
    const termination = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf(leaving),
      reason: 'Het bestuur voegt de school samen met een school buiten Utrecht.',
    });
    const melding = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      category: 'strafbaar-feit',
      subcategory: 'drugs',
      location: 'schoolterrein',
      occurredAt: formatDutchInput(new Date(Date.now() - 3_600_000)),
      description: 'Handel in drugs gezien bij de fietsenstalling.',
    });
    const request = await postJson(`${stack.url}/api/voorlichtingen`, {
      formKey: stack.keyOf('het-voorbeeldcollege'),
      provider: 'jou',
      theme: 'Groepsvorming en uitgaan',
      audience: ['leerlingen'],
      groupSize: 30,
      preferredDates: [addWorkingDays(today, 15)],
    });
    expect([termination.status, melding.status, request.status]).toEqual([201, 201, 201]);
    await stack.settle();
    const before = (await stack.emails()).length;

    const writtenOn = new Map<string, string[]>();
    for (let date = START; date <= END; date = addDays(date, 1)) {
      if (date === SKIPPED) continue;
      const result = await runDaily(deps, date);
      if (result.written.length) writtenOn.set(date, result.written);

      // The gemeente answers what it is asked, from the email, on the simulated day.
      if (result.written.includes(`beeindiging-overleg#${termination.body.id}#${addDays(today, 21)}`)) {
        const [reminder] = await stack.waitForEmails(
          (e) => e.subject.includes('overleg over beëindiging') && e.subject.includes('week 3'),
          1,
        );
        const token = linkIn(reminder, /Leg de uitkomst/);
        const outcome = await postJson(`${stack.url}/api/acties/${token}`, {
          outcome: 'bevestigd',
          meetingOn: today,
        });
        if (!reminder) {
          const item = await stack.app.runtime.clients.store.getItem({
            pk: `REM#beeindiging-overleg#${termination.body.id}#${addDays(today, 21)}`,
            sk: 'OUT#gemeente-convenant',
          });
          console.log(
            'DEBUG',
            JSON.stringify(item),
            JSON.stringify(stack.app.poller.deadLetters).slice(0, 500),
            (await stack.emails()).filter((e) => e.subject.includes('beëindiging')).map((e) => e.subject),
          );
        }
        expect({
          text: reminder?.body.text,
          token,
          body: outcome.body,
          status: outcome.status,
        }).toMatchObject({ status: 201 });
      }
      if (result.written.includes('verlenging#T2#3m')) {
        const [reminder] = await stack.waitForEmails(
          (e) =>
            e.subject.startsWith('Herinnering: het convenant loopt over 3 maanden af') &&
            e.body.text?.includes('Over 3 maanden') === true,
          1,
        );
        const token = linkIn(reminder, /besluit over verlenging/);
        const decision = await postJson(`${stack.url}/api/acties/${token}`, {
          decision: 'verlengd',
          decidedOn: today,
        });
        expect(decision.status).toBe(201);
      }
    }
    const written = [...writtenOn.entries()].flatMap(([date, keys]) => keys.map((key) => ({ date, key })));
    const on = (key: string) => written.filter((w) => w.key === key).map((w) => w.date);

    // Renewal (art. 21a): 6 and 3 months before 14 June 2027; decided, so not 1 month before.
    expect(on('verlenging#T2#6m')).toEqual(['2026-12-14']);
    expect(on('verlenging#T2#3m')).toEqual(['2027-03-14']);
    expect(on('verlenging#T2#1m')).toEqual([]);
    // Termination (art. 22b): weekly until the outcome was recorded in week 3.
    expect(written.filter((w) => w.key.startsWith('beeindiging-overleg')).map((w) => w.date)).toEqual([
      addDays(today, 7),
      addDays(today, 14),
      addDays(today, 21),
    ]);
    // Evaluation (art. 21b): every wijk once, with a summary four weeks later.
    for (const wijk of WIJKEN) {
      const round = `EVAL-2027-${wijk.toLowerCase().replace(/[^a-z]+/g, '-')}`;
      expect(on(`evaluatie-uitnodiging#${round}`)).toHaveLength(1);
      expect(on(`evaluatie-vragenlijst#${round}`)).toHaveLength(1);
      expect(on(`evaluatie-samenvatting#${round}`)).toHaveLength(1);
    }
    // Yearly reminders; the skipped day is caught up the day after.
    expect(on('contact-bevestigen#2027')).toEqual(['2027-01-16']);
    expect(on('bekendmaking#2027')).toEqual(['2027-09-01']);
    expect(on('leerlingenraad#2027')).toEqual(['2027-10-01']);
    // Overdue answers (art. 8, 9): once each, after ten working days.
    expect(on(`terugkoppeling-te-laat#${melding.body.id}`)).toEqual([addWorkingDays(today, 10)]);
    expect(on(`voorlichting-te-laat#${request.body.id}`)).toEqual([addWorkingDays(today, 10)]);
    // Nothing else.
    const expectedKinds = new Set([
      'verlenging',
      'beeindiging-overleg',
      'evaluatie-uitnodiging',
      'evaluatie-vragenlijst',
      'evaluatie-samenvatting',
      'contact-bevestigen',
      'bekendmaking',
      'leerlingenraad',
      'terugkoppeling-te-laat',
      'voorlichting-te-laat',
    ]);
    expect(written.filter((w) => !expectedKinds.has(w.key.split('#')[0] ?? ''))).toEqual([]);

    // The emails: one per recipient per reminder, never two; the leaving school gets nothing after its last day.
    await stack.settle();
    const emails = (await stack.emails()).slice(before);
    const pairs = emails.map((e) => `${e.destination.to[0]}|${e.subject}`);
    expect(pairs.filter((p, i) => pairs.indexOf(p) !== i)).toEqual([]);
    const rijnveld = stack.party(leaving).email;
    expect(
      emails.filter(
        (e) => e.destination.to[0] === rijnveld && e.subject.includes('Begin van het schooljaar'),
      ),
    ).toEqual([]);
    expect(
      emails.filter(
        (e) =>
          e.destination.to[0] === rijnveld &&
          e.subject.includes('Vragenlijst evaluatie convenant, wijk Leidsche Rijn'),
      ),
    ).toEqual([]);
    expect(emails.filter((e) => e.subject.includes('Begin van het schooljaar'))).toHaveLength(
      stack.app.parties.filter((p) => p.party.kind === 'school').length - 1,
    );
    expect(
      emails.filter(
        (e) =>
          e.subject.startsWith('Het convenant is verlengd tot en met') && e.subject.endsWith('14 juni 2030'),
      ),
    ).toHaveLength(signatories());
    // The GGD is a provider, not a signatory: no renewal or termination mail.
    expect(
      emails.filter(
        (e) =>
          e.destination.to[0] === stack.party('ggd-volksgezondheid').email &&
          /verlengd|Beëindiging/.test(e.subject),
      ),
    ).toEqual([]);
    expect(emails.filter((e) => e.subject.startsWith('Beëindiging bevestigd'))).toHaveLength(signatories());
    const summaries = emails.filter((e) =>
      e.subject.startsWith('Samenvatting evaluatie convenant, wijk Oost'),
    );
    // The gebiedsmanager, and the wijkagent and coordinator too (art. 6 trends, art. 12a).
    expect(summaries.map((e) => e.destination.to[0]).sort()).toEqual(
      [
        'convenant@gemeente.example.org',
        'veiligheid.oost@gemeente.example.org',
        'wijkagent.oost@politie.example.org',
      ].sort(),
    );
    expect(summaries[0]?.body.text).toContain('Bekijk het wijkrapport');

    // A rerun of every day: nothing new.
    for (let date = START; date <= END; date = addDays(date, 1)) {
      expect((await runDaily(deps, date)).written).toEqual([]);
    }
    await stack.settle();
    expect((await stack.emails()).length).toBe(before + emails.length);
  }, 240_000);
});
