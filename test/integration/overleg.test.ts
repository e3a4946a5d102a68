import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beeindigingEffectiveDate } from '../../shared/domain/covenant.js';
import { MEETING_MESSAGES, meetingDateProblem } from '../../shared/domain/overleg.js';
import { isSignatory } from '../../shared/domain/parties.js';
import { schoolHolidayOn } from '../../shared/domain/school-holidays.js';
import { amsterdamDate, parseDate, parseDateTime } from '../../shared/domain/time.js';
import { addDays, isAtwHoliday, nextSchoolDay } from '../../shared/domain/working-days.js';
import { validBeeindiging } from '../support/bodies.js';
import { postJson, type StoredEmail, startTestStack, type TestStack } from '../support/stack.js';

/**
 * Art. 22b: the gemeente organises a meeting about a termination. The coordinator sets its date
 * through a signed link; every signatory is invited once through the outbox, a new date sends one
 * update, bad dates are refused in Dutch, and the outcome cannot predate the meeting.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const COORDINATOR_EMAIL = 'convenant@gemeente.example.org';
const about = (id: string) => (e: StoredEmail) => e.subject.includes(`[${id}]`);
const dutch = (iso: string) => iso.split('-').reverse().join('-');
const isWeekday = (d: string) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay());

function linkIn(email: StoredEmail | undefined, label: RegExp): string {
  const lines = (email?.body.text ?? '').split('\n');
  const url = lines[lines.findIndex((l) => label.test(l)) + 1] ?? '';
  expect(url).toMatch(/\/acties\/v1\./);
  return url.slice(url.indexOf('/acties/') + '/acties/'.length);
}

/** The first day after `from` that `ok` accepts, within a year (the suite's TODAY may be any day). */
function firstAfter(from: string, ok: (d: string) => boolean): string {
  for (let d = addDays(from, 1); d <= addDays(from, 366); d = addDays(d, 1)) if (ok(d)) return d;
  throw new Error(`no such day within a year after ${from}`);
}

describe('The meeting about a termination (art. 22b)', () => {
  it('invites every signatory once, sends one update for a new date, refuses bad dates, and the outcome follows the meeting', async () => {
    const today = amsterdamDate(stack.now());
    const announced = await postJson(
      `${stack.url}/api/beeindigingen`,
      validBeeindiging(stack.keyOf('buurtteam-vo')),
    );
    expect(announced.status).toBe(201);
    const id: string = announced.body.id;
    const [toCoordinator] = await stack.waitForEmails(
      (e) => about(id)(e) && e.destination.to[0] === COORDINATOR_EMAIL,
      1,
    );
    const meetingLink = linkIn(toCoordinator, /Plan het overleg/);
    const outcomeLink = linkIn(toCoordinator, /Leg de uitkomst/);
    const plan = (body: Record<string, unknown>, token = meetingLink) =>
      postJson(`${stack.url}/api/acties/${token}`, body);

    // The form's example date is one the form accepts (the suite's TODAY may be any day of the week).
    const form = await (await fetch(`${stack.url}/acties/${meetingLink}`)).text();
    const example = form.match(/regio Midden\. Bijvoorbeeld (\d{2}-\d{2}-\d{4})/)?.[1] ?? '';
    expect(meetingDateProblem(parseDate(example) ?? '', today)).toBeUndefined();

    // Bad input: each refused with its own Dutch message, and nothing recorded or sent.
    const saturday = firstAfter(today, (d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 6);
    const feestdag = firstAfter(today, (d) => isWeekday(d) && isAtwHoliday(d));
    const vakantie = firstAfter(today, (d) => isWeekday(d) && !isAtwHoliday(d) && !!schoolHolidayOn(d));
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{}, 'meetingOn', MEETING_MESSAGES.missing],
      [{ meetingOn: 'volgende week' }, 'meetingOn', MEETING_MESSAGES.notADate],
      [{ meetingOn: dutch(today) }, 'meetingOn', MEETING_MESSAGES.notFuture],
      [{ meetingOn: dutch(saturday) }, 'meetingOn', MEETING_MESSAGES.weekend],
      [{ meetingOn: dutch(feestdag) }, 'meetingOn', MEETING_MESSAGES.holiday],
      [
        { meetingOn: dutch(vakantie) },
        'meetingOn',
        MEETING_MESSAGES.schoolHoliday(String(schoolHolidayOn(vakantie)?.name)),
      ],
      [{ meetingOn: dutch(addDays(today, 400)) }, 'meetingOn', MEETING_MESSAGES.tooFar],
      [{ meetingOn: dutch(nextSchoolDay(addDays(today, 8))), time: '25:00' }, 'time', MEETING_MESSAGES.time],
    ];
    for (const [body, field, message] of refusals) {
      const refused = await plan(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.invalidParams).toEqual([{ name: field, reason: message }]);
    }
    const personal = await plan({
      meetingOn: dutch(nextSchoolDay(addDays(today, 8))),
      place: 'Bij Jan de Vries thuis, bel 06-12345678',
    });
    expect(personal.status).toBe(400);
    expect(personal.body.type).toBe('https://veiligschool.example.org/problemen/persoonsgegevens');
    expect(
      (await stack.app.runtime.clients.store.listEvents(id)).filter((e) => e.action === 'overleg-plannen'),
    ).toEqual([]);

    // The date: every signatory is invited, the GGD and the other providers are not.
    const meetingOn = nextSchoolDay(addDays(today, 8));
    const first = await plan({ meetingOn: dutch(meetingOn), time: '14:00', place: 'Stadhuis, zaal 2' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      linkStillOpen: true,
      status: expect.stringContaining('Overleg gepland'),
    });
    // The same date again, through the email's link and through the overview's link: nothing new.
    const repeat = await plan({ meetingOn, time: '14:00', place: 'Stadhuis, zaal 2' });
    expect(repeat).toMatchObject({ status: 200, body: { id: first.body.id } });
    // The coordinator's overview lists the meeting and the same action, through a link of its own.
    const overviewUrl = (toCoordinator?.body.text ?? '').match(/\/overzicht\/[^\s]+/)?.[0];
    const overview = await (await fetch(`${stack.url}${overviewUrl}`)).text();
    expect(overview).toContain('Overleg gepland op');
    const overviewLink = overview.match(/href="[^"]*\/acties\/([^"]+)"[^>]*>Datum overleg wijzigen</)?.[1];
    expect(overviewLink).toBeDefined();
    expect(overviewLink).not.toBe(meetingLink);
    const viaOverview = await plan(
      { meetingOn: dutch(meetingOn), time: '14:00', place: 'Stadhuis, zaal 2' },
      String(overviewLink),
    );
    expect(viaOverview).toMatchObject({ status: 200, body: { id: first.body.id } });

    const signatories = stack.app.parties.map((p) => p.party).filter((p) => p.active && isSignatory(p));
    const providers = stack.app.parties.map((p) => p.party).filter((p) => !isSignatory(p));
    expect(providers.map((p) => p.id)).toContain('ggd-volksgezondheid');
    const invitation = (e: StoredEmail) => about(id)(e) && e.subject.startsWith('Uitnodiging: overleg');
    const invited = await stack.waitForEmails(invitation, signatories.length);
    await stack.drain();
    const invitations = (await stack.emails()).filter(invitation);
    expect(invitations.map((e) => e.destination.to[0]).sort()).toEqual(
      signatories.map((p) => p.email).sort(),
    );
    for (const provider of providers)
      expect(invitations.map((e) => e.destination.to[0])).not.toContain(provider.email);
    expect(invited[0]?.body.text).toContain('Stadhuis, zaal 2');
    expect(invited[0]?.body.text).toContain('om 14:00');

    // A new date: one update per signatory, naming the date it replaces; no second invitation.
    const movedTo = nextSchoolDay(addDays(meetingOn, 1));
    const moved = await plan({ meetingOn: dutch(movedTo), time: '10:00' });
    expect(moved.status).toBe(201);
    expect(moved.body.id).not.toBe(first.body.id);
    const update = (e: StoredEmail) => about(id)(e) && e.subject.startsWith('Gewijzigd: overleg');
    await stack.waitForEmails(update, signatories.length);
    await stack.drain();
    const updates = (await stack.emails()).filter(update);
    expect(updates.map((e) => e.destination.to[0]).sort()).toEqual(signatories.map((p) => p.email).sort());
    expect(updates[0]?.body.text).toContain('In plaats van');
    expect((await stack.emails()).filter(invitation)).toHaveLength(signatories.length);

    // The outcome: its page offers the planned date; an earlier date, or before the meeting, is refused.
    const page = await (await fetch(`${stack.url}/acties/${outcomeLink}`)).text();
    expect(page).toContain(`value="${dutch(movedTo)}"`);
    const early = await postJson(`${stack.url}/api/acties/${outcomeLink}`, {
      outcome: 'bevestigd',
      meetingOn: today,
    });
    expect(early.status).toBe(400);
    expect(early.body.invalidParams).toEqual([
      { name: 'meetingOn', reason: MEETING_MESSAGES.outcomeBeforeMeeting(movedTo) },
    ]);

    // On the day of the meeting (the emails were all sent before the clock moves).
    stack.clock.set(parseDateTime(`${movedTo}T16:00`) as Date);
    const dayBefore = await postJson(`${stack.url}/api/acties/${outcomeLink}`, {
      outcome: 'bevestigd',
      meetingOn: addDays(movedTo, -1),
    });
    expect(dayBefore.status).toBe(400);
    const recorded = await postJson(`${stack.url}/api/acties/${outcomeLink}`, {
      outcome: 'bevestigd',
      meetingOn: movedTo,
    });
    expect(recorded.status).toBe(201);
    const effective = beeindigingEffectiveDate(movedTo).date;
    expect(recorded.body.status).toBe(`Bevestigd: deelname eindigt op ${effective}`);

    // After the outcome the date cannot move any more.
    const late = await plan({ meetingOn: dutch(nextSchoolDay(addDays(movedTo, 1))) });
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain(MEETING_MESSAGES.closed);
    const latePage = await fetch(`${stack.url}/api/acties/${meetingLink}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ meetingOn: dutch(nextSchoolDay(addDays(movedTo, 1))) }),
    });
    expect(latePage.status).toBe(409);
    expect(await latePage.text()).toContain('kan niet meer veranderen');
    expect(await (await fetch(`${stack.url}/acties/${meetingLink}`)).text()).toContain(
      'kan niet meer veranderen',
    );
  });
});
