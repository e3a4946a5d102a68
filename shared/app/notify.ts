export { DeadlineError };

import type { SubmissionEvent } from '../domain/actions.js';
import {
  afdoeningRequest,
  answerToSchool,
  confirmation,
  type EmailLinks,
  type EmailMessage,
  meetingInvitation,
  outcomeToAll,
  type SchoolContact,
  toRecipient,
} from '../domain/emails.js';
import { withOverviewLink } from '../domain/overview-emails.js';
import { isActiveOn, type Party } from '../domain/parties.js';
import {
  EVALUATIE_QUESTIONS,
  type EvaluatieSummary,
  type Notice,
  type NoticeKind,
  noticeEmail,
} from '../domain/reminder-emails.js';
import type { ActionKind } from '../domain/signing.js';
import type { AfspraakSubmission, Submission } from '../domain/submission.js';
import { amsterdamDate } from '../domain/time.js';
import { agreementLine, overviewUrlFor } from './overviews.js';
import {
  DeadlineError,
  type EvaluatieRepository,
  type Links,
  type Mailer,
  type OutboxItem,
  type OutboxKey,
  type ReminderRepository,
  type Store,
} from './ports.js';
import { countDuties, readSchoolDuties } from './school-duties.js';

export interface NotifyDeps {
  store: Store;
  mailer: Mailer;
  links: Links;
  now: () => Date;
  leaseMs: number;
}

/**
 * A delivery whose data is missing (the event, the recipient, the submission). It is not treated
 * apart: the record fails like any other, is retried with the batch's retries, and only then lands in
 * the failure destination (the dead-letter queue), where the alarm shows it to the operator.
 */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

/**
 * Another delivery holds a live claim on the item and it is not sent: this delivery is NOT done. The
 * record is reported as a failure, and the item is delivered again once the lease ran out.
 */
export class ClaimedElsewhereError extends Error {
  constructor(key: OutboxKey) {
    super(`outbox item ${key.pk}/${key.sk} is claimed by another delivery and not sent yet`);
    this.name = 'ClaimedElsewhereError';
  }
}

/** `already-sent`: the item was sent before; `gone`: the item no longer exists (redriven anew). */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'gone' | 'skipped-inactive';

export interface DeliverOptions {
  /** Epoch ms after which no send may start: the caller's deadline minus the time a send needs. */
  notAfter?: number;
}

/** Which signed links an email carries, by what it is and who gets it. */
function linkActions(item: OutboxItem, submission: Submission, party: Party): ActionKind[] {
  switch (item.template) {
    case 'submission-recipient':
      if (submission.kind === 'voorlichting') return ['voorlichting-antwoord'];
      if (submission.kind === 'beeindiging')
        return party.role === 'convenantcoordinator' ? ['overleg-plannen', 'beeindiging-uitkomst'] : [];
      if (submission.kind === 'mededeling' || submission.kind === 'afspraak') return [];
      return party.role === 'wijkagent' ? ['gezien', 'terugkoppeling'] : ['gezien'];
    case 'outcome-to-all':
    case 'meeting-invitation':
      return [];
    case 'afdoening-request':
      return ['afdoening'];
    default:
      return ['status'];
  }
}

async function render(
  deps: NotifyDeps,
  item: OutboxItem,
  submission: Submission,
  party: Party,
): Promise<EmailMessage> {
  const links: EmailLinks = {};
  for (const action of linkActions(item, submission, party)) {
    links[action] = await deps.links.url(action, submission.id, party.id);
  }
  const event = async () => {
    const found = await deps.store.eventOf(item);
    if (!found) throw new UndeliverableError(`event ${item.eventSk} of ${submission.id} not found`);
    return found;
  };
  // The school's contact comes from the directory at send time: the partners reply to today's contact.
  const contact = async (): Promise<SchoolContact | undefined> => {
    if (submission.kind !== 'melding' && submission.kind !== 'voorlichting') return undefined;
    const school = await deps.store.getParty(submission.school.id);
    return school ? { school: school.name, contactName: school.contactName, email: school.email } : undefined;
  };
  switch (item.template) {
    case 'submission-recipient': {
      const recipient = submission.recipients.find((r) => r.partyId === party.id);
      if (!recipient)
        throw new UndeliverableError(`recipient ${party.id} not in routing of ${submission.id}`);
      return toRecipient(submission, recipient, party, links, await contact());
    }
    case 'submission-confirmation':
      return confirmation(submission, party, links);
    case 'answer-to-school':
      return answerToSchool(submission, await event(), party, links);
    case 'afdoening-request':
      if (submission.kind !== 'melding') throw new UndeliverableError(`afdoening for ${submission.kind}`);
      return afdoeningRequest(submission, await event(), party, links, await contact());
    case 'outcome-to-all':
      return outcomeToAll(submission, await event(), party, links);
    case 'meeting-invitation':
      return meetingInvitation(
        submission,
        await event(),
        await deps.store.listEvents<SubmissionEvent>(submission.id),
        party,
        links,
      );
    default:
      throw new UndeliverableError(`unknown template ${String((item as { template?: unknown }).template)}`);
  }
}

/** Which link a calendar email carries, and what it points at. */
const NOTICE_LINKS: Partial<Record<NoticeKind, ActionKind | ActionKind[]>> = {
  verlenging: 'verlenging',
  'beeindiging-overleg': ['overleg-plannen', 'beeindiging-uitkomst'],
  'evaluatie-uitnodiging': 'wijkrapport',
  'evaluatie-vragenlijst': 'evaluatie',
  'evaluatie-samenvatting': 'wijkrapport',
  'contact-bevestigen': 'contact',
  leerlingenraad: 'gedaan',
  bekendmaking: 'gedaan',
  'schooltaak-herinnering': 'gedaan',
  'terugkoppeling-te-laat': 'terugkoppeling',
  'voorlichting-te-laat': 'voorlichting-antwoord',
};

/** The yearly duties of the wijk's schools (art. 2b, 21c), counted for the evaluation (art. 21b). */
async function wijkDuties(store: Store, wijk: string, year: number) {
  const [duties, directory] = await Promise.all([readSchoolDuties({ store }, year), store.listDirectory()]);
  return countDuties(duties, directory, (p) => p?.wijk === wijk);
}

/** The wijk's agreements of the past year (art. 20), for the evaluation (art. 21b). */
async function wijkAgreements(store: Store, wijk: string, now: Date) {
  const from = new Date(now.getTime() - 366 * 86_400_000).toISOString();
  const found = await store.submissionsIn<AfspraakSubmission>(
    { kind: 'afspraak', wijk },
    from,
    now.toISOString(),
  );
  return found.map(agreementLine).map((a) => `${a.soort}, ${a.voor}${a.text ? `: ${a.text}` : '.'}`);
}

/** The answers of an evaluation round so far, for the gebiedsmanager's summary. */
export async function evaluatieSummary(
  store: EvaluatieRepository & ReminderRepository,
  roundId: string,
): Promise<EvaluatieSummary> {
  const answers = await store.listEvaluatieAnswers(roundId);
  const invitation = await store.getReminder(`evaluatie-vragenlijst#${roundId}`);
  const invited = invitation?.recipients ?? [];
  return {
    respondents: answers.length,
    invited: invited.length,
    averages: EVALUATIE_QUESTIONS.map((_, i) => {
      const scores = answers.map((a) => Number(a.data[`score${i + 1}`])).filter((n) => n >= 1 && n <= 5);
      return scores.length ? scores.reduce((x, y) => x + y, 0) / scores.length : null;
    }),
    comments: EVALUATIE_QUESTIONS.map((_, i) =>
      answers
        .map((a) => a.data[`comment${i + 1}`])
        .filter((c): c is string => typeof c === 'string' && c !== ''),
    ),
  };
}

async function renderNotice(deps: NotifyDeps, item: OutboxItem, party: Party): Promise<EmailMessage> {
  const notice = (await deps.store.getReminder(item.subjectId)) as Notice | undefined;
  if (!notice) throw new UndeliverableError(`reminder ${item.pk} not found`);
  const links: EmailLinks = {};
  for (const action of [NOTICE_LINKS[notice.kind] ?? []].flat())
    links[action] = await deps.links.url(action, notice.subjectId, party.id);
  const summary =
    notice.kind === 'evaluatie-samenvatting'
      ? {
          ...(await evaluatieSummary(deps.store, notice.subjectId)),
          duties: await wijkDuties(deps.store, String(notice.data.wijk), Number(notice.data.year)),
          agreements: await wijkAgreements(deps.store, String(notice.data.wijk), deps.now()),
        }
      : undefined;
  return noticeEmail(notice, party, links, summary);
}

/**
 * Sends the email for one outbox item at most once, and finishes only when it is sent or skipped on
 * purpose. The claim is a conditional update: a record delivered twice finds the item sent and does
 * nothing; finding it claimed by a live lease is a failure (ClaimedElsewhereError), never a success.
 * A failed send, or one that could not start before the deadline, gives the claim back and throws.
 */
export async function deliver(
  deps: NotifyDeps,
  key: OutboxKey,
  options: DeliverOptions = {},
): Promise<DeliveryOutcome> {
  if (options.notAfter !== undefined && Date.now() > options.notAfter) throw new DeadlineError();
  const claim = await deps.store.claimOutbox(key, deps.now().getTime(), deps.leaseMs);
  if (claim.outcome !== 'claimed') {
    if (claim.outcome === 'sent') return 'already-sent';
    if (claim.outcome === 'missing') return 'gone';
    throw new ClaimedElsewhereError(key);
  }
  // The claim returned the item: what to send, to whom, about what.
  const { item } = claim;
  let messageId: string;
  try {
    // The recipient, its overview link and the submission do not depend on each other: read at once.
    const [party, overview, submission] = await Promise.all([
      deps.store.getParty(item.recipientId),
      overviewUrlFor(deps, item.recipientId),
      item.template === 'reminder' ? undefined : deps.store.getSubmission<Submission>(item.subjectId),
    ]);
    if (!party) throw new UndeliverableError(`party ${item.recipientId} not in directory`);
    if (!isActiveOn(party, amsterdamDate(deps.now()))) {
      // Art. 22c: from its last day a party gets no covenant email, also none that was queued before.
      await deps.store.markSent(key, 'skipped-inactive', deps.now().toISOString());
      return 'skipped-inactive';
    }
    let message: EmailMessage;
    if (item.template === 'reminder') {
      message = await renderNotice(deps, item, party);
    } else {
      if (!submission) throw new UndeliverableError(`submission ${item.subjectId} not found`);
      message = await render(deps, item, submission, party);
    }
    if (overview) message = withOverviewLink(message, overview);
    messageId = await deps.mailer.send(
      party.email,
      message,
      options.notAfter !== undefined ? { notAfter: options.notAfter } : {},
    );
  } catch (error) {
    await deps.store
      .releaseOutbox(key, error instanceof Error ? error.name : 'error', error instanceof DeadlineError)
      .catch(() => undefined);
    throw error;
  }
  // The email is out: never give the claim back now. If recording fails three times the lease
  // keeps others away until it runs out; only then could a retry send again (see ADR 0002).
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.store.markSent(key, messageId, deps.now().toISOString());
      return 'sent';
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
