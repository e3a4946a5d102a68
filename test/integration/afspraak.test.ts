import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../shared/app/daily.js';
import { evaluatieRoundDates } from '../../shared/domain/calendar.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import { signOverviewToken } from '../../shared/domain/overview-token.js';
import { TODAY, testClock } from '../support/clock.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * Art. 20: the coordinator records agreements per wijk or per school (jassencontrole,
 * fietsverlichtingsacties, snoeproute) from its overview; the parties concerned are told and see them,
 * and the wijk's evaluation lists them.
 */
const SECRET = 'afspraak-secret-afspraak-secret-0123456';
const COORDINATOR = 'gemeente-convenant';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ env: { ACTION_LINK_SECRET: SECRET } });
});

afterAll(async () => {
  await stack?.stop();
});

const tokenOf = (partyId: string) => signOverviewToken(partyId, hashFormKey(stack.keyOf(partyId)), SECRET);
const url = (partyId: string) => `${stack.url}/overzicht/${tokenOf(partyId)}/afspraak`;
const to = (partyId: string) => (e: StoredEmail) => e.destination.to[0] === stack.party(partyId).email;
const get = async (path: string) => {
  const res = await fetch(`${stack.url}${path}`);
  return { status: res.status, html: await res.text() };
};
const TEXT =
  'In de week voor de herfstvakantie controleren JoU en de wijkagent samen de fietsverlichting bij de ingang.';
let wijkWide = '';

describe('Agreements per wijk and per school (art. 20)', () => {
  it('refuses bad input with Dutch problems, and anyone but the coordinator', async () => {
    const empty = await postJson(url(COORDINATOR), {});
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    expect(empty.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
      'soort',
      'text',
      'wijk',
    ]);
    const elsewhere = await postJson(url(COORDINATOR), {
      wijk: 'Oost',
      school: 'het-voorbeeldcollege',
      soort: 'jassencontrole',
      text: TEXT,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.invalidParams[0]).toMatchObject({ name: 'school' });
    const named = await postJson(url(COORDINATOR), {
      wijk: 'Oost',
      soort: 'anders',
      text: 'Mevrouw Jansen van de school belt elke maandag met de wijkagent.',
    });
    expect(named.status).toBe(400);
    expect(named.body.type).toMatch(/\/persoonsgegevens$/);
    const police = await postJson(url('wijkagent-oost'), { wijk: 'Oost', soort: 'snoeproute', text: TEXT });
    expect(police.status).toBe(403);
    expect(police.body.detail).toContain('Alleen de coördinator');
  });

  it('a form post without JavaScript records it once; the parties concerned are told and see it', async () => {
    const page = await get(`/overzicht/${tokenOf(COORDINATOR)}`);
    expect(page.html).toContain('Afspraak per wijk of school vastleggen (artikel 20)');
    const body = new URLSearchParams({
      idempotencyKey: 'afspraak-form-0001',
      wijk: 'oost',
      school: '',
      soort: 'fietsverlichting',
      text: TEXT,
    }).toString();
    const post = () =>
      fetch(url(COORDINATOR), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    const res = await post();
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    wijkWide = location.match(/verstuurd=(A-\d{8}-\w+)$/)?.[1] ?? '';
    expect(wijkWide).not.toBe('');
    expect((await post()).headers.get('location')).toBe(location);
    const after = await get(location);
    expect(after.html).toContain(`Afspraak ${wijkWide} is vastgelegd`);
    expect(after.html).toMatch(/<strong>Oost, alle scholen in de wijk:<\/strong> Fietsverlichtingsactie/);

    for (const party of ['lyceum-de-proefhoek', 'wijkagent-oost', 'gebiedsmanager-oost'])
      await stack.waitForEmails((e) => e.subject.includes(`[${wijkWide}]`) && to(party)(e), 1);
    await stack.drain();
    const emails = (await stack.emails()).filter((e) => e.subject.includes(`[${wijkWide}]`));
    expect(emails).toHaveLength(3);
    expect(emails[0]?.subject).toMatch(/^Afspraak in de wijk \(artikel 20\): fietsverlichtingsactie/);

    const school = await get(`/overzicht?sleutel=${encodeURIComponent(stack.keyOf('lyceum-de-proefhoek'))}`);
    expect(school.html).toContain(`data-row="${wijkWide}"`);
    expect(school.html).toContain('fietsverlichting bij de ingang');
    const police = await get(`/overzicht/${tokenOf('wijkagent-oost')}`);
    expect(police.html).toContain(`data-row="${wijkWide}"`);

    const csv = await get(`/overzicht/${tokenOf(COORDINATOR)}?formaat=csv`);
    expect(csv.html.split('\r\n')[0]).toMatch(/,afspraken$/);
    expect(csv.html.split('\r\n').find((l) => l.startsWith('Oost,'))).toMatch(/,1$/);
  });

  it('an agreement for one school reaches that school, its wijkagent and gebiedsmanager only', async () => {
    const res = await postJson(url(COORDINATOR), {
      wijk: 'Binnenstad',
      school: 'het-voorbeeldcollege',
      soort: 'jassencontrole',
      text: 'Eens per maand een jassencontrole bij de ingang, samen met de conciërge.',
    });
    expect(res.status).toBe(201);
    expect(res.body.notified.sort()).toEqual([
      'gebiedsmanager-binnenstad',
      'het-voorbeeldcollege',
      'wijkagent-binnenstad',
    ]);
  });

  it('the evaluation summary of the wijk lists its agreements', async () => {
    // The first round whose summary is still ahead: it reports the agreements of the year before it.
    // (Between a round's evaluation date and its summary, that is this year's round, not next year's.)
    const thisYear = Number(TODAY.slice(0, 4));
    const year = evaluatieRoundDates('Oost', thisYear).summaryOn >= TODAY ? thisYear : thisYear + 1;
    const { on, summaryOn } = evaluatieRoundDates('Oost', year);
    for (const date of [on, summaryOn]) {
      stack.clock.set(testClock(date, '07:00').now());
      await runDaily({ store: stack.app.runtime.clients.store, now: stack.app.runtime.now }, date);
    }
    const [summary] = await stack.waitForEmails(
      (e) =>
        e.subject === `Samenvatting evaluatie convenant, wijk Oost – ${year}` && to('gebiedsmanager-oost')(e),
      1,
    );
    expect(summary?.body.text).toContain('AFSPRAKEN IN DE WIJK (ARTIKEL 20)');
    expect(summary?.body.text).toContain(
      '- Fietsverlichtingsactie, alle scholen in de wijk: In de week voor de herfstvakantie',
    );
  });
});
