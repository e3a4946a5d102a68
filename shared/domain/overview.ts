import { isFinal, type SubmissionEvent } from './actions.js';
import { AFSPRAAK_LABELS } from './afspraak.js';
import type { SchoolDuty } from './calendar.js';
import { COVENANT } from './covenant.js';
import { MEDEDELING_LABELS } from './mededeling.js';
import { CATEGORY_LABELS } from './melding.js';
import { byKey } from './order.js';
import type { SignedAction } from './overview-actions.js';
import { type Party, ROLES } from './parties.js';
import type { WijkReport } from './report.js';
import { type AfspraakSubmission, type Submission, submitterOf } from './submission.js';
import { amsterdamDate } from './time.js';
import { providerLabel, themeLabel } from './voorlichting.js';
import { addWorkingDays, workingDaysBetween } from './working-days.js';

/**
 * The overviews per party (issue 15): pure functions from submissions and their events to rows.
 * What a row shows depends on who looks: the free text only to a party that received it.
 */
export type OverviewKind = Submission['kind'];

export interface OverviewRow {
  id: string;
  kind: OverviewKind;
  createdAt: string;
  /** A category or provider label: never free text. */
  category: string;
  status: string;
  open: boolean;
  /** The date the answer is due (art. 8, 9, 13, 17), if a deadline applies to this party's part. */
  dueOn?: string;
  /** Working days left until dueOn; negative when overdue. */
  workingDaysLeft?: number;
  overdue: boolean;
  /** Who was told (names from the routing decision). */
  told: string[];
  /** Who answered (party names from the events). */
  answeredBy: string[];
  /** The submitter's name (partner and coordinator views). */
  from: string;
  /** Free text, only when the viewer received it. */
  text?: string;
  /** The signed links this party can use on this row (answer links, or the status page). */
  actions: SignedAction[];
}

export const KIND_LABELS: Record<OverviewKind, string> = {
  melding: 'Melding',
  voorlichting: 'Voorlichting',
  beeindiging: 'Beëindiging',
  mededeling: 'Bericht van de wijkagent',
  afspraak: 'Afspraak in de wijk',
};

export function categoryOf(s: Submission): string {
  if (s.kind === 'melding') return CATEGORY_LABELS[s.melding.category];
  if (s.kind === 'voorlichting') return providerLabel(s.voorlichting);
  if (s.kind === 'mededeling') return MEDEDELING_LABELS[s.mededeling.soort];
  if (s.kind === 'afspraak') return AFSPRAAK_LABELS[s.afspraak.soort];
  return `${s.party.name}`;
}

function textOf(s: Submission): string {
  if (s.kind === 'melding') return s.melding.description;
  if (s.kind === 'voorlichting') return themeLabel(s.voorlichting);
  if (s.kind === 'mededeling') return s.mededeling.text;
  if (s.kind === 'afspraak') return s.afspraak.text;
  return s.beeindiging.reason;
}

/**
 * What a party still owes on a submission, and by when. The wijkagent owes a final terugkoppeling
 * (art. 8); a voorlichting provider an answer (art. 9, 13, 17); Halt after a referral its afdoening
 * (art. 16); the coordinator the outcome of a termination meeting (art. 22b); every other recipient a
 * "gezien" without a deadline.
 */
export function partyDuty(
  s: Submission,
  party: Pick<Party, 'id' | 'role'>,
  events: readonly SubmissionEvent[],
): { open: boolean; dueOn?: string } {
  const mine = events.filter((e) => e.partyId === party.id);
  const received = amsterdamDate(new Date(s.createdAt));
  if (s.kind === 'melding') {
    if (party.role === 'wijkagent' && s.recipients.some((r) => r.partyId === party.id)) {
      // Open until a final outcome; the target (art. 8) is for the first terugkoppeling.
      const feedback = mine.filter((e) => e.action === 'terugkoppeling');
      const done = feedback.some((e) => isFinal(e.action, e.data));
      return feedback.length
        ? { open: !done }
        : { open: true, dueOn: addWorkingDays(received, COVENANT.overdueWorkingDays.terugkoppeling) };
    }
    if (party.role === 'halt' && !s.recipients.some((r) => r.partyId === party.id))
      return { open: !mine.some((e) => e.action === 'afdoening') };
    return { open: !mine.some((e) => e.action === 'gezien' || e.action === 'terugkoppeling') };
  }
  if (s.kind === 'voorlichting') {
    const done = mine.some((e) => e.action === 'voorlichting-antwoord');
    return {
      open: !done,
      dueOn: addWorkingDays(received, COVENANT.overdueWorkingDays.voorlichtingAntwoord),
    };
  }
  if (party.role === 'convenantcoordinator')
    return { open: !events.some((e) => e.action === 'beeindiging-uitkomst') };
  return { open: false };
}

/** The status the school sees, with "open" while any recipient still owes its part. */
export function schoolDuties(
  s: Submission,
  directory: ReadonlyMap<string, Pick<Party, 'id' | 'role'>>,
  events: readonly SubmissionEvent[],
  today: string,
): { open: boolean; overdue: boolean; dueOn?: string } {
  let open = false;
  let overdue = false;
  let dueOn: string | undefined;
  for (const r of s.recipients) {
    const party = directory.get(r.partyId) ?? { id: r.partyId, role: r.role };
    const duty = partyDuty(s, party, events);
    if (!duty.dueOn) continue;
    if (duty.open) {
      open = true;
      dueOn = !dueOn || duty.dueOn < dueOn ? duty.dueOn : dueOn;
      if (duty.dueOn < today) overdue = true;
    }
  }
  if (s.kind === 'beeindiging') open = !events.some((e) => e.action === 'beeindiging-uitkomst');
  return { open, overdue, ...(dueOn ? { dueOn } : {}) };
}

/** Working days from today to a due date: positive is left, negative is overdue. */
export function workingDaysLeft(today: string, dueOn: string): number {
  return dueOn >= today ? workingDaysBetween(today, dueOn) : -workingDaysBetween(dueOn, today);
}

export function baseRow(s: Submission, events: readonly SubmissionEvent[], status: string) {
  return {
    id: s.id,
    kind: s.kind,
    createdAt: s.createdAt,
    category: categoryOf(s),
    status,
    told: s.recipients.map((r) => `${r.name} (${ROLES[r.role]})`),
    answeredBy: [...new Set(events.map((e) => e.partyName))],
    from: submitterOf(s).name,
  };
}

/** Free text only for a party the submission was addressed to (art. 23: what a party needs, no more). */
export const textFor = (s: Submission, viewerId: string, isSubmitter: boolean): string | undefined =>
  isSubmitter || s.recipients.some((r) => r.partyId === viewerId) ? textOf(s) : undefined;

/** Open first; among those, with a deadline before without, the soonest (or most overdue) first; then newest first. */
export function partnerOrder(a: OverviewRow, b: OverviewRow): number {
  if (a.open !== b.open) return a.open ? -1 : 1;
  if (!!a.dueOn !== !!b.dueOn) return a.dueOn ? -1 : 1;
  if (a.dueOn && b.dueOn && a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  return byKey(b.createdAt, a.createdAt);
}

export interface OverviewFilter {
  kind?: OverviewKind;
  status?: 'open' | 'afgerond' | 'te-laat';
  /** Amsterdam dates, inclusive. */
  from?: string;
  to?: string;
}

export function applyFilter(rows: readonly OverviewRow[], filter: OverviewFilter): OverviewRow[] {
  return rows.filter((r) => {
    if (filter.kind && r.kind !== filter.kind) return false;
    if (filter.status === 'open' && !r.open) return false;
    if (filter.status === 'afgerond' && r.open) return false;
    if (filter.status === 'te-laat' && !r.overdue) return false;
    const day = amsterdamDate(new Date(r.createdAt));
    if (filter.from && day < filter.from) return false;
    if (filter.to && day > filter.to) return false;
    return true;
  });
}

/** An agreement (art. 20) as the coordinator's overview and the evaluation summary list it. */
export interface AgreementLine {
  id: string;
  createdAt: string;
  soort: string;
  /** The school's name, or "alle scholen in de wijk". */
  voor: string;
  text: string;
}

export const agreementLine = (a: AfspraakSubmission): AgreementLine => ({
  id: a.id,
  createdAt: a.createdAt,
  soort: AFSPRAAK_LABELS[a.afspraak.soort],
  voor: a.school?.name ?? 'alle scholen in de wijk',
  // Erased after a year like every free text (retention).
  text: a.afspraak.text ?? '',
});

/** The coordinator's overview (art. 12a), as the page and the CSV show it. */
export interface WijkGlance {
  wijk: string;
  meldingen: number;
  perCategory: Record<string, number>;
  voorlichtingen: number;
  open: number;
  overdue: number;
  answered: number;
  withinTarget: number;
  /** Agreements for the wijk or one of its schools (art. 20), newest first. */
  afspraken: AgreementLine[];
  report: WijkReport;
}

export interface CalendarEntry {
  date: string;
  what: string;
}

export interface DirectoryGap {
  kind: 'geen-wijkagent' | 'contact-vertrokken' | 'adres-onbereikbaar';
  subject: string;
  detail: string;
}

export interface CoordinatorOverview {
  today: string;
  wijken: WijkGlance[];
  calendar: CalendarEntry[];
  terminations: Array<{
    id: string;
    party: string;
    createdAt: string;
    /** The meeting the coordinator planned (art. 22b), in words, if it set a date. */
    meeting?: string;
    actions: SignedAction[];
  }>;
  gaps: DirectoryGap[];
  /** The yearly school duties (art. 2b, 21c): how many schools answered "gedaan". */
  schoolDuties: DutyCount[];
}

export interface DutyCount {
  duty: SchoolDuty;
  year: number;
  label: string;
  /** Schools the reminder went to (within the filter). */
  asked: number;
  done: number;
  /** Names of the schools that have not answered "gedaan" yet. */
  notDone: string[];
}
