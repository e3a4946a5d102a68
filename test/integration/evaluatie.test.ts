import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../shared/app/daily.js';
import { evaluatieRoundDates } from '../../shared/domain/calendar.js';
import { COVENANT } from '../../shared/domain/covenant.js';
import { reportMonths } from '../../shared/domain/report.js';
import { nextSchoolDay } from '../../shared/domain/working-days.js';
import { validMelding } from '../support/bodies.js';
import { TODAY, testClock } from '../support/clock.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
/** Oost evaluates in March (config/covenant.json, on a school day): the first one after the suite's today. */
const YEAR = [0, 1]
  .map((n) => Number(TODAY.slice(0, 4)) + n)
  .find((year) => evaluatieRoundDates('Oost', year).on > TODAY) as number;
const { on: EVALUATIE_DAY, summaryOn: SUMMARY_DAY } = evaluatieRoundDates('Oost', YEAR);
/**
 * The school's melding lies in the twelve months the round's wijk report covers (those up to the
 * summary day): on the suite's today, or, when today lies before them (today just after Oost's
 * evaluation date), on their first school day. Always before the evaluation day.
 */
const MELDING_DAY = [TODAY, nextSchoolDay(`${reportMonths(SUMMARY_DAY)[0]}-01`)].sort().at(-1) as string;
/** The day each run of the daily job is for; the product's clock is set to it (six in the morning). */
const runOn = (date: string) => {
  stack.clock.set(testClock(date, '06:00').now());
  return runDaily({ store: stack.app.runtime.clients.store, now: stack.app.runtime.now }, date);
};

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

function linkIn(email: StoredEmail | undefined, label: RegExp): string {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  expect(url).toMatch(/\/acties\/v1\./);
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
}

const answers = (scores: number[], comment?: string) =>
  Object.fromEntries(
    scores.flatMap((s, i) => [
      [`score${i + 1}`, s],
      ...(comment && i === 0 ? [[`comment${i + 1}`, comment]] : []),
    ]),
  );

describe('Yearly evaluation per wijk (art. 21b) and the wijk report', () => {
  it('questionnaires are answered once, the summary averages them, and the report shows counts only', async () => {
    stack.clock.set(testClock(MELDING_DAY).now());
    const melding = await postJson(
      `${stack.url}/api/meldingen`,
      validMelding(stack.keyOf('lyceum-de-proefhoek'), stack.now(), {
        category: 'onveilige-situatie',
        subcategory: 'online-pesten',
        aangifteOverwogen: undefined,
        description: 'Een klas deelt beledigende filmpjes in een groepsapp.',
      }),
    );
    expect(melding.status).toBe(201);

    const day = await runOn(EVALUATIE_DAY);
    expect(day.written).toEqual(
      expect.arrayContaining([
        `evaluatie-uitnodiging#EVAL-${YEAR}-oost`,
        `evaluatie-vragenlijst#EVAL-${YEAR}-oost`,
      ]),
    );
    const invited = [
      'lyceum-de-proefhoek',
      'wijkagent-oost',
      'gebiedsmanager-oost',
      'halt-utrecht',
      'jou',
      'buurtteam-vo',
      'buurtteam-mbo',
      'ggd-volksgezondheid',
    ];
    const questionnaires = await stack.waitForEmails(
      (e) => e.subject === `Vragenlijst evaluatie convenant, wijk Oost – ${YEAR}`,
      invited.length,
    );
    expect(questionnaires.map((e) => e.destination.to[0]).sort()).toEqual(
      invited.map((id) => stack.party(id).email).sort(),
    );
    const [invitation] = await stack.waitForEmails(
      (e) => e.subject === `Jaarlijks overleg convenant in wijk Oost – ${YEAR}`,
      1,
    );
    expect(invitation?.destination.to).toEqual(['veiligheid.oost@gemeente.example.org']);
    expect(invitation?.body.text).toContain(
      'Zijn er ontwikkelingen die om aanpassing van het convenant vragen?',
    );

    const forSchool = questionnaires.find(
      (e) => e.destination.to[0] === stack.party('lyceum-de-proefhoek').email,
    );
    const forPolice = questionnaires.find(
      (e) => e.destination.to[0] === 'wijkagent.oost@politie.example.org',
    );
    const schoolToken = linkIn(forSchool, /Vul de vragenlijst in/);
    const page = await fetch(`${stack.url}/acties/${schoolToken}`);
    expect(await page.text()).toContain('Pakt iedereen zijn rol?');
    expect(
      (
        await postJson(
          `${stack.url}/api/acties/${schoolToken}`,
          answers([4, 3, 5, 2, 1], 'Goed contact met de wijkagent.'),
        )
      ).status,
    ).toBe(201);
    expect((await postJson(`${stack.url}/api/acties/${schoolToken}`, answers([1, 1, 1, 1, 1]))).status).toBe(
      409,
    );
    const policeToken = linkIn(forPolice, /Vul de vragenlijst in/);
    const personal = await postJson(
      `${stack.url}/api/acties/${policeToken}`,
      answers([2, 3, 4, 2, 2], 'Bel mij op 06-12345678'),
    );
    expect(personal.status).toBe(400);
    expect(personal.body.type).toBe('https://veiligschool.example.org/problemen/persoonsgegevens');
    const outOfRange = await postJson(`${stack.url}/api/acties/${policeToken}`, answers([6, 3, 4, 2, 2]));
    expect(outOfRange.status).toBe(400);
    expect((await postJson(`${stack.url}/api/acties/${policeToken}`, answers([2, 3, 4, 2, 2]))).status).toBe(
      201,
    );

    // Another wijk's partner cannot answer Oost's questionnaire with a link made for someone else.
    await runOn(SUMMARY_DAY);
    // The summary reaches the gebiedsmanager, the wijkagent and the coordinator (art. 6, 12a).
    const summaries = await stack.waitForEmails(
      (e) => e.subject === `Samenvatting evaluatie convenant, wijk Oost – ${YEAR}`,
      3,
    );
    expect(summaries.map((e) => e.destination.to[0]).sort()).toEqual(
      [
        'convenant@gemeente.example.org',
        'veiligheid.oost@gemeente.example.org',
        'wijkagent.oost@politie.example.org',
      ].sort(),
    );
    const summary = summaries.find((e) => e.destination.to[0] === 'veiligheid.oost@gemeente.example.org');
    const summaryForPolice = summaries.find(
      (e) => e.destination.to[0] === 'wijkagent.oost@politie.example.org',
    );
    const policeReport = await fetch(
      `${stack.url}/acties/${linkIn(summaryForPolice, /Bekijk het wijkrapport/)}`,
    );
    expect(await policeReport.text()).toContain('Wijkrapport Oost');
    expect(summary?.body.text).toContain(
      `2 van de ${invited.length} partners in wijk Oost hebben de vragenlijst ingevuld`,
    );
    expect(summary?.body.text).toContain('Gemiddeld: 3,0 (1 is slecht, 5 is heel goed)');
    expect(summary?.body.text).toContain('Toelichting: Goed contact met de wijkagent.');

    const reportToken = linkIn(summary, /Bekijk het wijkrapport/);
    const report = await (await fetch(`${stack.url}/acties/${reportToken}`)).text();
    expect(report).toContain('Wijkrapport Oost');
    expect(report).toMatch(/<svg role="img" aria-labelledby="per-maand-title per-maand-desc"/);
    expect(report).toContain('Lyceum De Proefhoek: 1');
    expect(report).not.toContain('beledigende filmpjes');
    const csv = await fetch(`${stack.url}/acties/${reportToken}?formaat=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // For a Dutch spreadsheet: a byte order mark (UTF-8), semicolons, Dutch labels, no internal codes.
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n');
    expect(rows[0]).toBe('\uFEFFOnderdeel;Omschrijving;Maand;Aantal');
    expect(rows).toContain('Meldingen per school;Lyceum De Proefhoek;;1');
    expect(rows.some((r) => r.startsWith('Meldingen per soort;Strafbaar feit;'))).toBe(true);
    expect(rows.join('\n')).not.toMatch(/strafbaar-feit|ander-voorstel/);
    // The report is for the gebiedsmanager of the wijk, not for a school.
    const claims = JSON.parse(Buffer.from(reportToken.split('.')[1] ?? '', 'base64url').toString());
    expect(claims.p).toBe('gebiedsmanager-oost');
  });

  it('contacts confirm once a year that they are still the contact', async () => {
    const year = Number(TODAY.slice(0, 4)) + 1;
    await runOn(nextSchoolDay(`${year}-${COVENANT.yearlyReminders.contactBevestigen}`));
    const emails = await stack.waitForEmails(
      (e) => e.subject.startsWith('Jaarlijkse controle: bent u nog de contactpersoon'),
      stack.app.parties.length,
      30_000, // one email per party, at the deployed pace (scaled), with the catch-up of that day
    );
    expect(emails).toHaveLength(stack.app.parties.length);
    const token = linkIn(emails[0], /Bevestig of u nog de contactpersoon bent/);
    const res = await fetch(`${stack.url}/api/acties/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'stillContact=nee',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('De beheerder neemt contact op');
  });
});
