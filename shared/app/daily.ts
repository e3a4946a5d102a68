import type { SubmissionEvent } from '../domain/actions.js';
import { type CalendarState, planReminders, type ReminderPlan } from '../domain/calendar.js';
import { COVENANT } from '../domain/covenant.js';
import { plannedMeeting } from '../domain/overleg.js';
import type {
  BeeindigingSubmission,
  MeldingSubmission,
  VoorlichtingSubmission,
} from '../domain/submission.js';
import { amsterdamDate } from '../domain/time.js';
import { WIJKEN } from '../domain/wijken.js';
import { addDays } from '../domain/working-days.js';
import { newOutboxItem, reminderRecord } from './outbox.js';
import type { Store } from './ports.js';
import { type ErasureResult, eraseOldFreeText } from './retention.js';
import { readSchoolDuties } from './school-duties.js';
import { allTerms } from './terms.js';

export interface DailyDeps {
  store: Store;
  now: () => Date;
  /** Days after which free text is erased (article 23); without it the job erases nothing. */
  freeTextDays?: number;
}

export interface DailyResult {
  date: string;
  planned: number;
  written: string[];
  alreadyDone: number;
  erased?: ErasureResult;
}

const REMINDER_TTL_DAYS = 800;

/** Reads what the calendar needs: Queries on the index and on partitions, never a Scan. */
export async function readCalendarState(deps: DailyDeps, date: string): Promise<CalendarState> {
  const { store } = deps;
  const lookbackFrom = `${addDays(date, -(COVENANT.catchUpDays + 60))}T00:00:00.000Z`;
  const until = `${addDays(date, 1)}T00:00:00.000Z`;
  const [terms, decisions, directory, terminations] = await Promise.all([
    allTerms(deps),
    store.listDecisions(),
    store.listDirectory(),
    store.submissionsIn<BeeindigingSubmission>({ kind: 'beeindiging' }, '0000', until),
  ]);
  const perWijk = await Promise.all(
    WIJKEN.flatMap((wijk) => [
      store.submissionsIn<MeldingSubmission>({ kind: 'melding', wijk }, lookbackFrom, until),
      store.submissionsIn<VoorlichtingSubmission>({ kind: 'voorlichting', wijk }, lookbackFrom, until),
    ]),
  );
  const candidates = perWijk.flat();
  const eventsOf = new Map<string, SubmissionEvent[]>();
  await Promise.all(
    [...terminations, ...candidates].map(async (s) =>
      eventsOf.set(s.id, await store.listEvents<SubmissionEvent>(s.id)),
    ),
  );
  const schoolDuties = await readSchoolDuties(deps, Number(date.slice(0, 4)));
  const has = (id: string, action: SubmissionEvent['action']) =>
    (eventsOf.get(id) ?? []).some((e) => e.action === action);
  return {
    terms,
    decidedTerms: new Set(decisions.map((d) => d.term)),
    directory,
    schoolDuties,
    // Art. 22b: no weekly reminder while the meeting is planned for a later day; from its day on, the
    // reminder asks for the outcome again.
    openBeeindigingen: terminations
      .filter((t) => !has(t.id, 'beeindiging-uitkomst'))
      .filter((t) => (plannedMeeting(eventsOf.get(t.id) ?? [])?.meetingOn ?? date) <= date)
      .map((t) => ({ id: t.id, announcedOn: amsterdamDate(new Date(t.createdAt)), partyName: t.party.name })),
    awaitingTerugkoppeling: candidates
      .filter((s): s is MeldingSubmission => s.kind === 'melding')
      .filter((m) => m.recipients.some((r) => r.role === 'wijkagent') && !has(m.id, 'terugkoppeling'))
      .map((m) => ({
        id: m.id,
        receivedOn: amsterdamDate(new Date(m.createdAt)),
        wijkagents: m.recipients.filter((r) => r.role === 'wijkagent').map((r) => r.partyId),
      })),
    awaitingAnswer: candidates
      .filter((s): s is VoorlichtingSubmission => s.kind === 'voorlichting')
      .filter((v) => !has(v.id, 'voorlichting-antwoord'))
      .map((v) => ({
        id: v.id,
        receivedOn: amsterdamDate(new Date(v.createdAt)),
        providers: v.recipients.map((r) => r.partyId),
      })),
  };
}

const questionnaireSent = async (deps: DailyDeps, roundId: string): Promise<boolean> =>
  Boolean(await deps.store.getReminder(`evaluatie-vragenlijst#${roundId}`));

/** Stores one plan with its outbox items, once: the key makes a repeat a no-op. */
export async function writeReminder(deps: DailyDeps, plan: ReminderPlan): Promise<boolean> {
  const now = deps.now();
  const outbox = plan.recipients.map((recipientId) =>
    newOutboxItem({ template: 'reminder', subjectId: plan.key, recipientId }, now, REMINDER_TTL_DAYS),
  );
  return deps.store.writeReminder(reminderRecord(plan, now, REMINDER_TTL_DAYS), outbox);
}

/**
 * The daily job: what is due on `date` (and in the days before it that were missed) and not done
 * yet. Everything it sends goes through the outbox and notify, like every other email.
 */
export async function runDaily(
  deps: DailyDeps,
  date: string = amsterdamDate(deps.now()),
): Promise<DailyResult> {
  const plans = planReminders(await readCalendarState(deps, date), date);
  const written: string[] = [];
  let alreadyDone = 0;
  for (const plan of plans) {
    // A summary only for a round whose questionnaire went out: on the first run the calendar's
    // catch-up would otherwise report "0 of 0 partners" for an evaluation that never took place.
    if (plan.kind === 'evaluatie-samenvatting' && !(await questionnaireSent(deps, plan.subjectId))) continue;
    if (await writeReminder(deps, plan)) written.push(plan.key);
    else alreadyDone++;
  }
  const erased =
    deps.freeTextDays === undefined
      ? undefined
      : await eraseOldFreeText({ store: deps.store, now: deps.now, freeTextDays: deps.freeTextDays });
  return { date, planned: plans.length, written, alreadyDone, ...(erased ? { erased } : {}) };
}
