import { deriveStatus, type SubmissionEvent } from '../domain/actions.js';
import { summerTableWarning } from '../domain/calendar.js';
import {
  COVENANT,
  currentTerm,
  evaluatieDate,
  lastTerm,
  type Term,
  verlengingReminderDates,
} from '../domain/covenant.js';
import { UnauthorizedError } from '../domain/errors.js';
import { MELDING_CATEGORIES } from '../domain/melding.js';
import { byKey } from '../domain/order.js';
import { describeMeeting, plannedMeeting } from '../domain/overleg.js';
import {
  agreementLine,
  applyFilter,
  baseRow,
  type CalendarEntry,
  type CoordinatorOverview,
  type DirectoryGap,
  type OverviewFilter,
  type OverviewRow,
  partnerOrder,
  partyDuty,
  schoolDuties,
  textFor,
  type WijkGlance,
  workingDaysLeft,
} from '../domain/overview.js';
import { OVERVIEW_ACTION_LABELS, type SignedAction } from '../domain/overview-actions.js';
import { keyFingerprint } from '../domain/overview-token.js';
import { isActiveOn, type Party } from '../domain/parties.js';
import { buildWijkReport } from '../domain/report.js';
import type { ActionKind } from '../domain/signing.js';
import type {
  AfspraakSubmission,
  BeeindigingSubmission,
  MeldingSubmission,
  Submission,
  VoorlichtingSubmission,
} from '../domain/submission.js';
import { amsterdamDate, formatDutchDate } from '../domain/time.js';
import { WIJKEN } from '../domain/wijken.js';
import { addDays } from '../domain/working-days.js';
import type { Links, Store } from './ports.js';
import { countDuties, readSchoolDuties } from './school-duties.js';

export { agreementLine };

export interface OverviewDeps {
  store: Store;
  links: Links;
  now: () => Date;
}

interface InboxEntry {
  subjectId: string;
  kind: Submission['kind'];
  partyId: string;
  submitter: boolean;
  createdAt: string;
}

const UNKNOWN_LINK =
  'Deze link naar het overzicht is onbekend of ingetrokken. Gebruik de link uit de laatste e-mail die u van ons kreeg.';

/** A school through its form key (`/overzicht?sleutel=`): the same check as its forms. */
export async function partyByFormKey(deps: OverviewDeps, formKey: string): Promise<Party> {
  const party = formKey && formKey.length <= 200 ? await deps.store.findPartyByFormKey(formKey) : undefined;
  if (!party || !isActiveOn(party, amsterdamDate(deps.now()))) throw new UnauthorizedError(UNKNOWN_LINK);
  return party;
}

/** Any party through its signed overview link; a rotated key or an inactive party is refused (401). */
export async function partyByOverviewToken(deps: OverviewDeps, token: string): Promise<Party> {
  const claims = await deps.links.verifyOverview(token);
  if (!claims) throw new UnauthorizedError(UNKNOWN_LINK);
  const profile = await deps.store.getProfile(claims.p);
  const hash = profile?.formKeyHash;
  const party = profile?.party;
  if (!party || !hash || keyFingerprint(hash) !== claims.k || !isActiveOn(party, amsterdamDate(deps.now())))
    throw new UnauthorizedError(UNKNOWN_LINK);
  return party;
}

/** The overview link for a party, to put in every email it gets (undefined if the party is unknown). */
export async function overviewUrlFor(deps: Pick<OverviewDeps, 'store' | 'links'>, partyId: string) {
  const hash = (await deps.store.getProfile(partyId))?.formKeyHash;
  return hash ? deps.links.overviewUrl(partyId, hash) : undefined;
}

/** Which answer links a party has on a submission: the same ones its email carried. */
function answerActions(s: Submission, party: Party, viaReferral: boolean): ActionKind[] {
  if (viaReferral) return ['afdoening'];
  if (s.kind === 'voorlichting') return ['voorlichting-antwoord'];
  if (s.kind === 'beeindiging')
    return party.role === 'convenantcoordinator' ? ['overleg-plannen', 'beeindiging-uitkomst'] : [];
  return party.role === 'wijkagent' ? ['gezien', 'terugkoppeling'] : ['gezien'];
}

async function signed(deps: OverviewDeps, actions: ActionKind[], subjectId: string, partyId: string) {
  const out: SignedAction[] = [];
  for (const action of actions)
    out.push({
      action,
      label: OVERVIEW_ACTION_LABELS[action] ?? action,
      href: await deps.links.url(action, subjectId, partyId),
    });
  return out;
}

/** The default period: the past twelve months up to today (Amsterdam dates). */
export function periodOf(today: string, filter: OverviewFilter): { from: string; to: string } {
  return { from: filter.from ?? addDays(today, -365), to: filter.to ?? today };
}

/** One Query on the party's inbox, then the submission and its events per row (each a key read or one Query). */
async function loadEntries(deps: OverviewDeps, partyId: string, from: string, to: string) {
  const entries = await deps.store.listInbox<InboxEntry>(
    partyId,
    `${addDays(from, -1)}T00:00:00.000Z`,
    `${addDays(to, 1)}T23:59:59.999Z`,
  );
  return Promise.all(
    entries.map(async (entry) => {
      const [submission, events] = await Promise.all([
        deps.store.getSubmission<Submission>(entry.subjectId),
        deps.store.listEvents<SubmissionEvent>(entry.subjectId),
      ]);
      return { entry, submission, events };
    }),
  );
}

async function directoryMap(deps: OverviewDeps) {
  return new Map((await deps.store.listDirectory()).map((p) => [p.id, p]));
}

/** The school: what it sent, newest first, with status, who was told, who answered, what is overdue. */
export async function schoolOverview(
  deps: OverviewDeps,
  school: Party,
  filter: OverviewFilter,
): Promise<OverviewRow[]> {
  const today = amsterdamDate(deps.now());
  const { from, to } = periodOf(today, filter);
  const [loaded, directory] = await Promise.all([loadEntries(deps, school.id, from, to), directoryMap(deps)]);
  const rows: OverviewRow[] = [];
  for (const { entry, submission: s, events } of loaded) {
    if (!s) continue;
    if (!entry.submitter) {
      // What the wijkagent told the school first (art. 7) or an agreement (art. 20): with its text,
      // nothing to answer.
      const text = textFor(s, school.id, false);
      if ((s.kind === 'mededeling' || s.kind === 'afspraak') && text)
        rows.push({
          ...baseRow(s, events, deriveStatus(s.kind, events)),
          open: false,
          overdue: false,
          text,
          actions: [],
        });
      continue;
    }
    const duty = schoolDuties(s, directory, events, today);
    rows.push({
      ...baseRow(s, events, deriveStatus(s.kind, events)),
      open: duty.open,
      overdue: duty.overdue,
      ...(duty.dueOn ? { dueOn: duty.dueOn, workingDaysLeft: workingDaysLeft(today, duty.dueOn) } : {}),
      ...(textFor(s, school.id, true) ? { text: textFor(s, school.id, true) as string } : {}),
      actions: await signed(deps, ['status'], s.id, school.id),
    });
  }
  rows.sort((a, b) => byKey(b.createdAt, a.createdAt));
  return applyFilter(rows, { ...filter, from, to });
}

/** A partner: what was addressed to it, open first, with the working days left and its answer links. */
export async function partnerOverview(
  deps: OverviewDeps,
  party: Party,
  filter: OverviewFilter,
): Promise<OverviewRow[]> {
  const today = amsterdamDate(deps.now());
  const { from, to } = periodOf(today, filter);
  const loaded = await loadEntries(deps, party.id, from, to);
  const rows: OverviewRow[] = [];
  for (const { entry, submission: s, events } of loaded) {
    if (!s) continue;
    if (entry.submitter) {
      // A partner's own termination announcement or notice to a school (art. 7): shown with its status.
      const text = textFor(s, party.id, true);
      rows.push({
        ...baseRow(s, events, deriveStatus(s.kind, events)),
        open: s.kind === 'beeindiging' && !events.some((e) => e.action === 'beeindiging-uitkomst'),
        overdue: false,
        ...(s.kind === 'mededeling' && text ? { text } : {}),
        actions: await signed(deps, ['status'], s.id, party.id),
      });
      continue;
    }
    const viaReferral = !s.recipients.some((r) => r.partyId === party.id);
    const duty = partyDuty(s, party, events);
    const overdue = duty.open && !!duty.dueOn && duty.dueOn < today;
    const text = textFor(s, party.id, false);
    rows.push({
      ...baseRow(s, events, deriveStatus(s.kind, events)),
      open: duty.open,
      overdue,
      ...(duty.dueOn && duty.open
        ? { dueOn: duty.dueOn, workingDaysLeft: workingDaysLeft(today, duty.dueOn) }
        : {}),
      ...(text ? { text } : {}),
      actions: duty.open ? await signed(deps, answerActions(s, party, viaReferral), s.id, party.id) : [],
    });
  }
  rows.sort(partnerOrder);
  return applyFilter(rows, { ...filter, from, to });
}

/** The gemeente's coordinator (art. 12a): every wijk at a glance, the calendar and the directory's gaps. */
export async function coordinatorOverview(
  deps: OverviewDeps,
  coordinator: Party,
): Promise<CoordinatorOverview> {
  const now = deps.now();
  const today = amsterdamDate(now);
  const fromIso = `${addDays(today, -366)}T00:00:00.000Z`;
  const toIso = `${addDays(today, 1)}T23:59:59.999Z`;
  const directory = await deps.store.listDirectory();
  const byId = new Map(directory.map((p) => [p.id, p]));
  const wijken = await Promise.all(
    WIJKEN.map(async (wijk): Promise<WijkGlance> => {
      const [meldingen, voorlichtingen, afspraken] = await Promise.all([
        deps.store.submissionsIn<MeldingSubmission>({ kind: 'melding', wijk }, fromIso, toIso),
        deps.store.submissionsIn<VoorlichtingSubmission>({ kind: 'voorlichting', wijk }, fromIso, toIso),
        deps.store.submissionsIn<AfspraakSubmission>({ kind: 'afspraak', wijk }, fromIso, toIso),
      ]);
      const events = new Map<string, SubmissionEvent[]>();
      await Promise.all(
        [...meldingen, ...voorlichtingen].map(async (s) =>
          events.set(s.id, await deps.store.listEvents<SubmissionEvent>(s.id)),
        ),
      );
      const report = buildWijkReport({ wijk, to: today, meldingen, voorlichtingen, events });
      let open = 0;
      let overdue = 0;
      for (const s of [...meldingen, ...voorlichtingen]) {
        const duty = schoolDuties(s, byId, events.get(s.id) ?? [], today);
        if (duty.open) open++;
        if (duty.overdue) overdue++;
      }
      const perCategory = Object.fromEntries(
        MELDING_CATEGORIES.map((c) => [c, meldingen.filter((m) => m.melding.category === c).length]),
      );
      return {
        wijk,
        meldingen: meldingen.length,
        perCategory,
        voorlichtingen: voorlichtingen.length,
        open,
        overdue,
        answered: report.terugkoppeling.answered,
        withinTarget: report.terugkoppeling.withinTarget,
        afspraken: afspraken.map(agreementLine).reverse(),
        report,
      };
    }),
  );

  // Open termination announcements: one Query on their index partition, over the longest term.
  const announced = await deps.store.submissionsIn<BeeindigingSubmission>(
    { kind: 'beeindiging' },
    `${addDays(today, -3 * 366)}T00:00:00.000Z`,
    toIso,
  );
  const terminations: CoordinatorOverview['terminations'] = [];
  const meetings: CalendarEntry[] = [];
  for (const b of announced) {
    const events = await deps.store.listEvents<SubmissionEvent>(b.id);
    if (events.some((e) => e.action === 'beeindiging-uitkomst')) continue;
    const meeting = plannedMeeting(events);
    // Art. 22b: the meeting the coordinator planned goes in the agenda too.
    if (meeting && meeting.meetingOn >= today)
      meetings.push({
        date: meeting.meetingOn,
        what: `Overleg over beëindiging door ${b.party.name} (artikel 22b)`,
      });
    const actions = await signed(deps, ['overleg-plannen', 'beeindiging-uitkomst'], b.id, coordinator.id);
    terminations.push({
      id: b.id,
      party: b.party.name,
      createdAt: b.createdAt,
      ...(meeting ? { meeting: describeMeeting(meeting) } : {}),
      actions: meeting
        ? actions.map((a) => (a.action === 'overleg-plannen' ? { ...a, label: 'Datum overleg wijzigen' } : a))
        : actions,
    });
  }

  const calendar: CalendarEntry[] = [...meetings];
  const terms: Term[] = [...COVENANT.terms, ...(await deps.store.listTerms())];
  const term = currentTerm(terms, today) ?? lastTerm(terms);
  const nextVerlenging = verlengingReminderDates(term)
    .filter((r) => r.date >= today)
    .sort((a, b) => byKey(a.date, b.date))[0];
  if (nextVerlenging)
    calendar.push({
      date: nextVerlenging.date,
      what: `Herinnering verlenging (${nextVerlenging.months} maanden voor het einde van termijn ${term.number} op ${term.end})`,
    });
  calendar.push({ date: term.end, what: `Einde van termijn ${term.number} (artikel 21a)` });
  const year = Number(today.slice(0, 4));
  for (const wijk of WIJKEN) {
    const date = [evaluatieDate(wijk, year), evaluatieDate(wijk, year + 1)].find((d) => d >= today);
    if (date) calendar.push({ date, what: `Evaluatieronde wijk ${wijk} (artikel 21b)` });
  }
  // Six months before the summer holiday table runs out (art. 22c): the same warning as the email.
  const summerTable = summerTableWarning(today);
  if (summerTable)
    calendar.push({
      date: summerTable.lastFirstDay,
      what: `Let op: dit is de laatste zomervakantie in de tabel met schoolvakanties (schooljaar ${summerTable.schoolYear}). Laat het volgende schooljaar toevoegen (config/school-holidays-midden.json, van rijksoverheid.nl); daarna kan een beëindiging niet meer worden bevestigd (artikel 22c).`,
    });
  calendar.sort((a, b) => byKey(a.date, b.date));

  const gaps: DirectoryGap[] = [];
  const active = directory.filter((p) => isActiveOn(p, today));
  for (const wijk of WIJKEN) {
    if (!active.some((p) => p.role === 'wijkagent' && p.wijk === wijk))
      gaps.push({ kind: 'geen-wijkagent', subject: wijk, detail: `Wijk ${wijk} heeft geen wijkagent.` });
  }
  for (const y of [year - 1, year]) {
    const checks = await deps.store.listContactChecks(`YEAR-${y}`);
    for (const c of checks.filter((c) => !c.stillContact)) {
      const party = byId.get(c.partyId);
      gaps.push({
        kind: 'contact-vertrokken',
        subject: party?.name ?? c.partyId,
        detail: `De contactpersoon meldde op ${formatDutchDate(amsterdamDate(new Date(c.at)))} dat hij of zij geen contactpersoon meer is.`,
      });
    }
  }
  for (const p of active.filter((p) => p.bouncing))
    gaps.push({
      kind: 'adres-onbereikbaar',
      subject: p.name,
      detail: 'E-mail naar dit adres komt niet aan.',
    });

  const dutyCounts = countDuties(await readSchoolDuties(deps, year), directory);

  return { today, wijken, calendar, terminations, gaps, schoolDuties: dutyCounts };
}

/** The coordinator's CSV: the same counts as the page, per wijk and category; no free text. */
export function coordinatorCsv(overview: CoordinatorOverview): string {
  const header = [
    'wijk',
    'meldingen',
    ...MELDING_CATEGORIES,
    'voorlichtingen',
    'open',
    'te_laat',
    'terugkoppeling_gegeven',
    'binnen_termijn',
    'afspraken',
  ];
  const lines = overview.wijken.map((w) =>
    [
      w.wijk,
      w.meldingen,
      ...MELDING_CATEGORIES.map((c) => w.perCategory[c] ?? 0),
      w.voorlichtingen,
      w.open,
      w.overdue,
      w.answered,
      w.withinTarget,
      w.afspraken.length,
    ].join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
