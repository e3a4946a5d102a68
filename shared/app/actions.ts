import {
  ANSWER_FREE_TEXT,
  type AnswerKind,
  answerSchemas,
  deriveStatus,
  isFinal,
  type SubmissionAction,
  type SubmissionEvent,
} from '../domain/actions.js';
import { beeindigingEffectiveDate, SummerTableExhaustedError } from '../domain/covenant.js';
import { ClientError, DependencyUnavailableError, ValidationError } from '../domain/errors.js';
import { LINK_PROBLEM_MESSAGES, type LinkContext, type LinkProblem } from '../domain/links.js';
import { MEETING_MESSAGES, plannedMeeting } from '../domain/overleg.js';
import { isActiveOn, isSignatory, type Party } from '../domain/parties.js';
import { type ActionClaims, CALENDAR_ACTIONS, type CalendarAction } from '../domain/signing.js';
import { type Submission, submitterOf } from '../domain/submission.js';
import { amsterdamDate } from '../domain/time.js';
import { canonicalJson, sha256 } from './ids.js';
import { newOutboxItem } from './outbox.js';
import { type Links, LinkUsedError, type NewEvent, type NewOutboxItem, type Store } from './ports.js';
import { enforceAnswerLimits } from './rate-limit.js';
import { assertNoPersonalData, parseOrThrow } from './validation.js';

export interface ActionDeps {
  store: Store;
  links: Links;
  now: () => Date;
  retention: { submissionDays: number; outboxDays: number; idempotencyDays: number };
}

/** A link that cannot be used: the page and the JSON answer both say why, in Dutch. */
export class LinkError extends ClientError {
  constructor(readonly problem: LinkProblem) {
    const status =
      problem === 'expired' ? 410 : problem === 'not-allowed' || problem === 'inactive' ? 403 : 404;
    super(status, [{ path: 'token', message: LINK_PROBLEM_MESSAGES[problem] }]);
    this.name = 'LinkError';
  }
}

/** The calendar in config does not reach far enough: a 503 for the user, an error in the operator's logs. */
export class CalendarDataError extends DependencyUnavailableError {
  constructor(cause: SummerTableExhaustedError) {
    super('covenant-calendar', { cause });
    this.name = 'CalendarDataError';
  }
}

export const isCalendarAction = (action: string): action is CalendarAction =>
  (CALENDAR_ACTIONS as readonly string[]).includes(action);

/** Who may use which action: decided again when the link is used, so a directory change applies at once. */
function allowed(action: SubmissionAction, submission: Submission, party: Party): boolean {
  const recipient = submission.recipients.find((r) => r.partyId === party.id);
  switch (action) {
    case 'status':
      return submitterOf(submission).id === party.id;
    case 'beeindiging-uitkomst':
    case 'overleg-plannen':
      return submission.kind === 'beeindiging' && party.role === 'convenantcoordinator';
    case 'gezien':
      return submission.kind === 'melding' && !!recipient;
    case 'terugkoppeling':
      return submission.kind === 'melding' && recipient?.role === 'wijkagent';
    case 'afdoening':
      return submission.kind === 'melding' && party.role === 'halt';
    case 'voorlichting-antwoord':
      return submission.kind === 'voorlichting' && !!recipient;
  }
}

/** Verifies a link and loads what it is about; throws LinkError for every way it can be wrong. */
export async function openLink(deps: ActionDeps, token: string): Promise<LinkContext> {
  const verified = await deps.links.verify(token);
  if (!verified.ok) throw new LinkError(verified.reason);
  const { claims } = verified;
  const submission = await deps.store.getSubmission<Submission>(claims.s);
  if (!submission) throw new LinkError('unknown-subject');
  const party = await deps.store.getParty(claims.p);
  if (!party) throw new LinkError('not-allowed');
  if (!isActiveOn(party, amsterdamDate(deps.now()))) throw new LinkError('inactive');
  if (isCalendarAction(claims.a) || !allowed(claims.a, submission, party)) throw new LinkError('not-allowed');
  const [events, used] = await Promise.all([
    deps.store.listEvents<SubmissionEvent>(submission.id),
    claims.a === 'status' ? Promise.resolve(undefined) : deps.store.getLinkUse(claims.n),
  ]);
  return {
    claims: claims as ActionClaims & { a: SubmissionAction },
    submission,
    party,
    events,
    status: deriveStatus(submission.kind, events),
    ...(used ? { usedAt: used.at } : {}),
  };
}

export interface AnswerResult {
  eventId: string;
  status: string;
  replayed: boolean;
  /** For an answer that leaves the link open (a terugkoppeling "in behandeling"): still usable. */
  linkStillOpen: boolean;
  /** What the link was about, as read before the answer: the thank-you page needs no second read. */
  context: LinkContext;
}

/**
 * Records an answer given through a link: validated, checked for personal data, stored as an event
 * with the emails it causes, once. The same answer posted twice (a double click) is recorded once.
 */
export async function answerLink(
  deps: ActionDeps,
  token: string,
  raw: Record<string, unknown>,
  directory: () => Promise<Party[]>,
): Promise<AnswerResult> {
  const context = await openLink(deps, token);
  const { claims, submission, party } = context;
  if (claims.a === 'status') throw new LinkError('not-allowed');
  const action: AnswerKind = claims.a;
  const { idempotencyKey: _ignored, ...fields } = raw;
  const schemas = answerSchemas(deps.now, () => amsterdamDate(deps.now()));
  const data = parseOrThrow(schemas[action], fields, ANSWER_FREE_TEXT[action]) as Record<string, unknown>;
  if (action === 'beeindiging-uitkomst' && data.outcome === 'bevestigd') {
    // Art. 22c: from the first day of the VO summer holiday after the meeting that confirmed it (its
    // date, not the day it was recorded); a table too short is the operator's to fix.
    try {
      data.effectiveOn = beeindigingEffectiveDate(String(data.meetingOn)).date;
    } catch (error) {
      if (error instanceof SummerTableExhaustedError) throw new CalendarDataError(error);
      throw error;
    }
  }
  assertNoPersonalData(
    Object.fromEntries(
      ANSWER_FREE_TEXT[action].map((f) => [f, typeof data[f] === 'string' ? (data[f] as string) : undefined]),
    ),
  );
  const meeting = plannedMeeting(context.events);
  if (action === 'beeindiging-uitkomst' && meeting && String(data.meetingOn) < meeting.meetingOn)
    throw new ValidationError([
      { path: 'meetingOn', message: MEETING_MESSAGES.outcomeBeforeMeeting(meeting.meetingOn) },
    ]);
  if (action === 'overleg-plannen') {
    if (context.events.some((e) => e.action === 'beeindiging-uitkomst'))
      throw new ClientError(409, [{ path: 'meetingOn', message: MEETING_MESSAGES.closed }]);
    // The meeting as it is planned now, posted again (a double click, or from the overview's link):
    // nothing changes and nobody is mailed again.
    if (meeting && canonicalJson(meetingData(meeting)) === canonicalJson(data)) {
      const status = context.status;
      return { eventId: meeting.eventId, status, replayed: true, linkStillOpen: true, context };
    }
  }
  // The same link and the same answer give the same event id: a repeated post is a no-op. A meeting's
  // date is keyed by the submission and the date it replaces, not by the link: the email's link and
  // the overview's link setting the same date make one event, and a date set back is a new one.
  const eventId =
    action === 'overleg-plannen'
      ? sha256(`overleg|${submission.id}|${meeting?.eventId ?? ''}|${canonicalJson(data)}`).slice(0, 16)
      : `${sha256(`${claims.n}|${canonicalJson(data)}`).slice(0, 16)}`;
  if (action === 'overleg-plannen' && meeting) data.replaces = meeting.eventId;
  if (context.usedAt) {
    const existing = await deps.store.getEvent(submission.id, eventId);
    if (existing) return { eventId, status: context.status, replayed: true, linkStillOpen: false, context };
    throw new LinkUsedError();
  }
  const earlier = await deps.store.getEvent(submission.id, eventId);
  if (!earlier) await enforceAnswerLimits(deps.store, { nonce: claims.n, partyId: party.id }, deps.now());
  const now = deps.now();
  const event: NewEvent = {
    eventId,
    action,
    partyId: party.id,
    partyName: party.name,
    at: now.toISOString(),
    data,
    ttl: Math.floor(now.getTime() / 1000) + deps.retention.submissionDays * 86_400,
  };
  const outboxFor = (recipientId: string, template: NewOutboxItem['template']) =>
    newOutboxItem(
      { template, subjectId: submission.id, recipientId, eventId },
      now,
      deps.retention.outboxDays,
    );
  const outbox = [outboxFor(submitterOf(submission).id, 'answer-to-school')];
  const today = amsterdamDate(now);
  const partyUpdates: Array<{ partyId: string; leavesOn: string }> = [];
  const inbox: string[] = [];
  if (action === 'beeindiging-uitkomst' && submission.kind === 'beeindiging') {
    // Every party hears the outcome (art. 22b); the leaving party's last day follows from art. 22c.
    outbox.length = 0;
    for (const p of (await directory()).filter((p) => isActiveOn(p, today) && isSignatory(p)))
      outbox.push(outboxFor(p.id, 'outcome-to-all'));
    if (data.outcome === 'bevestigd')
      partyUpdates.push({ partyId: submission.party.id, leavesOn: String(data.effectiveOn) });
  }
  if (action === 'overleg-plannen') {
    // Art. 22b: every party is invited (a changed date: told again); providers such as the GGD are no party.
    outbox.length = 0;
    for (const p of (await directory()).filter((p) => isActiveOn(p, today) && isSignatory(p)))
      outbox.push(outboxFor(p.id, 'meeting-invitation'));
  }
  if (action === 'terugkoppeling' && data.handling === 'doorverwezen-naar-halt') {
    for (const halt of (await directory()).filter(
      (p) => p.role === 'halt' && isActiveOn(p, amsterdamDate(now)),
    )) {
      outbox.push(outboxFor(halt.id, 'afdoening-request'));
      inbox.push(halt.id);
    }
  }
  const final = isFinal(action, data);
  const { recorded, event: stored } = await deps.store.recordAnswer({
    submission,
    event,
    outbox,
    partyUpdates,
    inbox,
    ...(final ? { consumeNonce: claims.n } : {}),
  });
  const events = [...context.events.filter((e) => e.eventId !== eventId), stored];
  return {
    eventId,
    status: deriveStatus(submission.kind, events),
    replayed: !recorded,
    linkStillOpen: !final,
    context,
  };
}

/** What a planned meeting's event holds, to compare a new post with. */
const meetingData = (m: { meetingOn: string; time?: string; place?: string }) => ({
  meetingOn: m.meetingOn,
  time: m.time,
  place: m.place,
});
