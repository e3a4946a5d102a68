import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/adapters/table.js';
import { beeindigingEffectiveDate, COVENANT } from '../../shared/domain/covenant.js';
import { amsterdamDate, formatDutchInput } from '../../shared/domain/time.js';
import { addDays } from '../../shared/domain/working-days.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const about = (id: string) => (e: StoredEmail) => e.subject.includes(`[${id}]`);

function linkIn(email: StoredEmail | undefined, label: RegExp): string {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  expect(url).toMatch(/\/acties\/v1\./);
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
}

describe('Beeindiging (art. 22)', () => {
  it('tells every other party, says whether it was in time, and the gemeente records a confirmed outcome', async () => {
    const leaving = 'buurtteam-mbo';
    // The GGD is a provider, not a signatory (art. 13): not told, and it cannot announce one itself.
    const others = stack.app.parties.filter(
      (p) => p.party.id !== leaving && p.party.kind !== 'ggd' && p.party.kind !== 'aanbieder',
    );
    const ggd = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf('ggd-volksgezondheid'),
      reason: 'Door een nieuwe werkwijze kunnen wij de voorlichting niet meer verzorgen.',
    });
    expect(ggd.status).toBe(403);
    expect(ggd.body.detail).toContain('niet ondertekend');
    const res = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf(leaving),
      reason: 'Door een nieuwe werkwijze kunnen wij de consulten niet meer verzorgen.',
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^B-\d{8}-[0-9A-Z]{8}$/);
    expect(res.body.termEnd).toBe('2027-06-14');
    expect(res.body.timely).toBe(amsterdamDate(stack.now()) <= '2027-06-14');
    expect([...res.body.notified].sort()).toEqual(others.map((p) => p.party.id).sort());

    const emails = await stack.waitForEmails(about(res.body.id), others.length + 1, 20_000);
    expect(emails).toHaveLength(others.length + 1);
    const toCoordinator = emails.find((e) => e.destination.to[0] === 'convenant@gemeente.example.org');
    expect(toCoordinator?.subject).toBe(
      `Voornemen tot beëindiging van deelname aan het convenant – Buurtteam mbo [${res.body.id}]`,
    );
    expect(toCoordinator?.body.text).toContain('artikel 22a, 22b');
    const toSchool = emails.find((e) => e.destination.to[0] === stack.party('het-voorbeeldcollege').email);
    expect(toSchool?.body.text).not.toContain('/acties/');
    const confirmation = emails.find((e) => e.destination.to[0] === stack.party(leaving).email);
    expect(confirmation?.subject).toMatch(/^Bevestiging voornemen tot beëindiging/);

    // Only the coordinator's link can record the outcome.
    const token = linkIn(toCoordinator, /Leg de uitkomst/);
    const page = await fetch(`${stack.url}/acties/${token}`);
    expect(await page.text()).toContain('Uitkomst van het overleg');
    const recorded = await postJson(`${stack.url}/api/acties/${token}`, {
      outcome: 'bevestigd',
      meetingOn: amsterdamDate(stack.now()),
    });
    expect(recorded.status).toBe(201);
    const effective = beeindigingEffectiveDate(amsterdamDate(stack.now())).date;
    expect(recorded.body.status).toBe(`Bevestigd: deelname eindigt op ${effective}`);

    const outcome = await stack.waitForEmails(
      (e) => about(res.body.id)(e) && e.subject.startsWith('Beëindiging bevestigd'),
      others.length + 1,
      20_000,
    );
    expect(outcome).toHaveLength(others.length + 1);
    expect(outcome[0]?.body.text).toContain(
      'eerste dag van de zomervakantie voor het voortgezet onderwijs, regio Midden',
    );
    const stored = await stack.app.runtime.clients.store.getParty(leaving);
    expect(stored?.leavesOn).toBe(effective);
  });

  it('from the effective date the party gets nothing and its key stops working', async () => {
    const store = stack.app.runtime.clients.store;
    const item = await store.getItem(keys.party('jou'));
    await store.put({ ...item, party: { ...(item?.party as object), leavesOn: amsterdamDate(stack.now()) } });

    const form = await fetch(`${stack.url}/formulieren/beeindiging?sleutel=${stack.keyOf('jou')}`);
    expect(form.status).toBe(401);
    const melding = await postJson(`${stack.url}/api/meldingen`, {
      formKey: stack.keyOf('lyceum-de-proefhoek'),
      category: 'overlast-omgeving',
      location: 'directe-omgeving',
      occurredAt: formatDutchInput(new Date(stack.now().getTime() - 3_600_000)),
      description: 'Afval en geluidsoverlast bij het winkelcentrum naast de school.',
    });
    expect(melding.status).toBe(201);
    expect(melding.body.notified).not.toContain('jou');
    expect(melding.body.notified).toEqual(expect.arrayContaining(['gebiedsmanager-oost', 'wijkagent-oost']));
  });

  it('refuses personal data and empty reasons, and unknown keys', async () => {
    const personal = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf('halt-utrecht'),
      reason: 'Neem contact op via 030-1234567 met onze directeur.',
    });
    expect(personal.status).toBe(400);
    expect(personal.body.type).toBe('https://veiligschool.example.org/problemen/persoonsgegevens');
    const empty = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf('halt-utrecht'),
      reason: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.invalidParams[0].name).toBe('reason');
    const unknown = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: 'nope-nope-nope-nope-nope',
      reason: 'x'.repeat(20),
    });
    expect(unknown.status).toBe(401);
  });

  it('the effective date follows the date of the meeting, not the day its outcome was recorded (art. 22c)', async () => {
    const today = amsterdamDate(stack.now());
    // The last summer holiday that began before today: a meeting a week before it, recorded only now.
    const summer = COVENANT.summerHolidaysMidden
      .map((h) => h.firstDay)
      .filter((d) => d <= today)
      .sort()
      .at(-1);
    if (!summer) throw new Error("the summer holiday table starts after the suite's today");
    const res = await postJson(`${stack.url}/api/beeindigingen`, {
      formKey: stack.keyOf('buurtteam-vo'),
      reason: 'Door een nieuwe werkwijze kunnen wij de consulten niet meer verzorgen.',
    });
    expect(res.status).toBe(201);
    const [toCoordinator] = await stack.waitForEmails(
      (e) => about(res.body.id)(e) && e.destination.to[0] === 'convenant@gemeente.example.org',
      1,
      20_000,
    );
    const recorded = await postJson(`${stack.url}/api/acties/${linkIn(toCoordinator, /Leg de uitkomst/)}`, {
      outcome: 'bevestigd',
      meetingOn: addDays(summer, -7),
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.status).toBe(`Bevestigd: deelname eindigt op ${summer}`);
    expect((await stack.app.runtime.clients.store.getParty('buurtteam-vo'))?.leavesOn).toBe(summer);
  });
});
