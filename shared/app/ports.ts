import type { SubmissionEvent } from '../domain/actions.js';
import type { ReminderPlan } from '../domain/calendar.js';
import type { Term } from '../domain/covenant.js';
import type { EmailMessage } from '../domain/emails.js';
import type { OverviewClaims } from '../domain/overview-token.js';
import type { Party } from '../domain/parties.js';
import type { NoticeKind } from '../domain/reminder-emails.js';
import type { ActionKind, VerifyResult } from '../domain/signing.js';
import type { Submission } from '../domain/submission.js';

/**
 * The ports: what the use cases need from storage, one repository per concept. The use cases in
 * shared/app depend on these interfaces only; the DynamoDB adapters in shared/adapters/dynamodb/
 * implement them (composed in shared/adapters/clients.ts), and test/support/memory-ports.ts does so
 * in memory for the unit tests. See docs/adr/0013-ports-and-adapters.md.
 */

// ---------------------------------------------------------------------------------------------
// Errors a repository throws, in the use cases' words (the adapters map storage refusals to these).

/** The signed link was already used for an answer that closes it. */
export class LinkUsedError extends Error {
  constructor() {
    super('link already used');
    this.name = 'LinkUsedError';
  }
}

/** The intake transaction lost a race (or its reference collided): try again, or replay the winner. */
export class TransactionRaceError extends Error {
  constructor(
    readonly reasons: Array<string | undefined>,
    /** True when the idempotency record exists already: a repeat, or a concurrent request won. */
    readonly idempotencyExists = reasons.includes('ConditionalCheckFailed'),
  ) {
    super(`transaction cancelled: ${reasons.join(',')}`);
    this.name = 'TransactionRaceError';
  }
}

/** A rate-limit window in the intake transaction was full: the index says which counter. */
export class RateLimitedError extends Error {
  constructor(readonly counter: number) {
    super(`rate limit reached (counter ${counter})`);
    this.name = 'RateLimitedError';
  }
}

/** The form key the request was authenticated with (perhaps from the cache) is no longer valid. */
export class FormKeyChangedError extends Error {
  constructor() {
    super('form key no longer current');
    this.name = 'FormKeyChangedError';
  }
}

/** A recipient routed from the cached directory is no longer active: route again from the store. */
export class DirectoryChangedError extends Error {
  constructor() {
    super('directory changed since it was cached');
    this.name = 'DirectoryChangedError';
  }
}

// ---------------------------------------------------------------------------------------------
// Submissions (and their idempotency records, inbox entries and copies)

/** A submission as stored: the domain's submission (or any record with its identity) plus retention. */
export type SubmissionRecord = Pick<Submission, 'id' | 'kind' | 'createdAt'>;

export interface IdempotencyRecord {
  submissionId: string;
  bodyHash: string;
  response: unknown;
}

/** A fixed-window request counter: at most `limit` requests per window. */
export interface RateCounter {
  bucket: string;
  windowStartS: number;
  windowSeconds: number;
  limit: number;
}

/** What the intake transaction checks besides the idempotency record. */
export interface SubmissionGuards {
  counters?: RateCounter[];
  /** The party's profile must still hold this key hash, kind and activity (today: Amsterdam date). */
  keyCheck?: { partyId: string; formKeyHash: string; kind: string; today: string };
  /** Routed from a cached directory: each recipient must still be active on this date. */
  recipientsActive?: { partyIds: string[]; today: string };
}

/** Which submissions a report reads: one kind in one wijk, or every termination announcement. */
export type SubmissionIndex =
  | { kind: 'melding' | 'voorlichting' | 'mededeling' | 'afspraak'; wijk: string }
  | { kind: 'beeindiging' };

export interface SubmissionRepository {
  /**
   * Writes a submission, its outbox items, an inbox entry per party it concerns and its idempotency
   * record at once, counting the rate limits and proving the guards. Throws RateLimitedError,
   * FormKeyChangedError, DirectoryChangedError or TransactionRaceError when refused.
   */
  writeSubmission(input: {
    submission: SubmissionRecord & { ttl: number };
    outbox: NewOutboxItem[];
    /** The parties the submission concerns: each gets an inbox entry (the submitter marked as such). */
    inbox: { submitterId: string; partyIds: string[] };
    idempotency: { partyId: string; key: string; record: IdempotencyRecord; ttl: number };
    guards?: SubmissionGuards;
  }): Promise<void>;
  getSubmission<T = Record<string, unknown>>(id: string): Promise<T | undefined>;
  getIdempotency(partyId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Submissions of one index in a period (creation time, ISO), oldest first. */
  submissionsIn<T = Record<string, unknown>>(
    index: SubmissionIndex,
    fromIso: string,
    toIso: string,
  ): Promise<T[]>;
  /** What was addressed to a party (or, for a school, what it sent) in a period, newest first. */
  listInbox<T = Record<string, unknown>>(partyId: string, fromIso: string, toIso: string): Promise<T[]>;
  /** Copy `n` of a submission's confirmation with its outbox item, once; false when it existed. */
  writeCopy(submissionId: string, n: number, at: string, outbox: NewOutboxItem): Promise<boolean>;
  /** Removes free-text attributes (dotted paths) of a stored submission; an absent one is left alone. */
  eraseSubmissionText(submissionId: string, paths: readonly string[], at: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Outbox: the emails to send, one item per recipient, delivered at most once

export type OutboxTemplate =
  | 'submission-recipient'
  | 'submission-confirmation'
  | 'answer-to-school'
  | 'afdoening-request'
  | 'outcome-to-all'
  | 'meeting-invitation'
  | 'reminder';

/** An outbox item's identity in the store: handed along by the use cases, never built by them. */
export interface OutboxKey {
  pk: string;
  sk: string;
}

/** An outbox item to write: made by newOutboxItem() (shared/app/outbox.ts), keyed by the adapter. */
export interface NewOutboxItem {
  template: OutboxTemplate;
  /** The submission's id, or for a reminder the reminder's key. */
  subjectId: string;
  recipientId: string;
  /** For emails about an answer: the event's id. */
  eventId?: string;
  /** For a copy of a confirmation: which copy. */
  copy?: number;
  createdAt: string;
  ttl: number;
}

export interface OutboxItem extends OutboxKey {
  type: 'outbox';
  template: OutboxTemplate;
  subjectId: string;
  recipientId: string;
  /** For emails about an answer: the event item's sort key. */
  eventSk?: string;
  status: 'pending' | 'sending' | 'sent';
  attempts: number;
  createdAt: string;
  leaseUntil?: number;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  ttl: number;
}

/** A claim taken holds the item as it now is (no second read); a refused one says why. */
export type ClaimOutcome =
  | { outcome: 'claimed'; item: OutboxItem }
  | { outcome: 'sent' | 'busy' | 'missing' };

export interface OutboxRepository {
  getOutbox(key: OutboxKey): Promise<OutboxItem | undefined>;
  /** Claims an item for sending (see the adapter); refused: `sent`, `busy` (a live lease) or `missing`. */
  claimOutbox(key: OutboxKey, nowMs: number, leaseMs: number): Promise<ClaimOutcome>;
  markSent(key: OutboxKey, messageId: string, sentAt: string): Promise<void>;
  /** Gives a claim back after a failed send; an unused claim does not count as an attempt. */
  releaseOutbox(key: OutboxKey, reason: string, unused?: boolean): Promise<void>;
  /** Unsent items written before `cutoff`, oldest first, page by page. */
  pendingOutboxBefore(cutoff: Date): AsyncIterable<OutboxItem[]>;
  /** The oldest unsent item's creation time; undefined when all are sent. */
  oldestPendingOutbox(): Promise<string | undefined>;
  listPendingOutbox(): Promise<OutboxItem[]>;
  /** Writes an unsent item anew so the stream carries it again; false when it was sent or is gone. */
  redriveOutbox(key: OutboxKey, now: Date): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Directory and form keys

export interface DirectoryRepository {
  putParty(party: Party, formKeyHash: string): Promise<void>;
  getParty(id: string): Promise<Party | undefined>;
  /** A party with its current form key hash (for overview links). */
  getProfile(id: string): Promise<{ party: Party; formKeyHash?: string } | undefined>;
  /** The party a plain form key currently belongs to, or undefined. */
  findPartyByFormKey(formKey: string): Promise<Party | undefined>;
  listDirectory(): Promise<Party[]>;
  /** Replaces a party's form key: the old one stops working at once. */
  rotateFormKey(partyId: string, newHash: string): Promise<void>;
  /** Writes a party's profile and keeps its current form key. */
  updateParty(party: Party): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Events (answers through signed links) and link uses

/** An answer to record: the domain's event, with retention. */
export type NewEvent = Omit<SubmissionEvent, 'sk'> & { ttl: number };

export interface EventRepository {
  /**
   * Records an answer with the link's use (for answers that close it), its outbox items, a party's
   * last day (a confirmed termination) and inbox entries, at once. `recorded` is false when this
   * exact answer was recorded before; throws LinkUsedError when another answer used the link.
   */
  recordAnswer(input: {
    /** With its time and wijk, an answer to a melding or voorlichting is indexed for the wijk report. */
    submission: Pick<Submission, 'id' | 'kind'> & { createdAt?: string; school?: { wijk?: string } };
    event: NewEvent;
    consumeNonce?: string;
    outbox: NewOutboxItem[];
    partyUpdates?: Array<{ partyId: string; leavesOn: string }>;
    /** Parties the answer brings in (Halt on a referral): each gets an inbox entry. */
    inbox?: string[];
  }): Promise<{ recorded: boolean; event: SubmissionEvent }>;
  getEvent(submissionId: string, eventId: string): Promise<SubmissionEvent | undefined>;
  /** The event an outbox item is about (answer emails). */
  eventOf(item: OutboxItem): Promise<SubmissionEvent | undefined>;
  /** A submission's events, oldest first. */
  listEvents<T = SubmissionEvent>(submissionId: string): Promise<T[]>;
  /**
   * The answers to one wijk's meldingen or voorlichtingen made in a period (the submission's creation
   * time, ISO), with the submission's id: the wijk report reads them in one Query (ADR 0017).
   */
  answersIn<T = SubmissionEvent>(
    index: { kind: 'melding' | 'voorlichting'; wijk: string },
    fromIso: string,
    toIso: string,
  ): Promise<Array<T & { submissionId: string }>>;
  /**
   * Maintenance: gives the answers of one submission stored before the report index (ADR 0017) their
   * index keys; answers that have them are left alone. Counts what it indexed and what it found done.
   */
  indexAnswersOf(
    submission: Pick<Submission, 'id' | 'kind'> & { createdAt?: string; school?: { wijk?: string } },
  ): Promise<{ indexed: number; already: number }>;
  getLinkUse(nonce: string): Promise<{ at: string } | undefined>;
  eraseEventText(submissionId: string, eventId: string, paths: readonly string[], at: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Reminders (the calendar's emails), the covenant's terms and decisions, contact checks

/** A reminder as stored: the plan, when it was written, and its retention. */
export type ReminderRecord = Omit<ReminderPlan, 'kind'> & {
  kind: NoticeKind;
  createdAt: string;
  ttl: number;
};

export interface VerlengingDecision {
  term: number;
  decision: string;
  decidedOn: unknown;
  by: string;
  at: string;
}

export interface ContactCheck {
  /** The round (`YEAR-2026`). */
  round: string;
  partyId: string;
  stillContact: boolean;
  at: string;
  ttl: number;
}

export interface ReminderRepository {
  /** A reminder with its outbox items, once; false when it was written before. */
  writeReminder(reminder: ReminderRecord, outbox: NewOutboxItem[]): Promise<boolean>;
  getReminder(key: string): Promise<ReminderRecord | undefined>;
  /** Terms recorded by a renewal decision (the configured ones live in config/covenant.json). */
  listTerms(): Promise<Term[]>;
  listDecisions(): Promise<VerlengingDecision[]>;
  getDecision(term: number): Promise<VerlengingDecision | undefined>;
  /** The decision, the next term (if renewed) and the reminder telling everyone, once; false when decided before. */
  recordDecision(
    decision: VerlengingDecision,
    nextTerm: Term | undefined,
    reminder: ReminderRecord,
    outbox: NewOutboxItem[],
  ): Promise<boolean>;
  getContactCheck(round: string, partyId: string): Promise<ContactCheck | undefined>;
  listContactChecks(round: string): Promise<ContactCheck[]>;
  /** A contact check (and the coordinator's alert when the contact left), once. */
  recordContactCheck(
    check: ContactCheck,
    alert?: { reminder: ReminderRecord; outbox: NewOutboxItem[] },
  ): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Evaluation (art. 21b questionnaire answers)

export interface EvaluatieAnswer {
  roundId: string;
  partyId: string;
  at: string;
  data: Record<string, unknown>;
  ttl: number;
  freeTextErasedAt?: string;
}

/** A school did a yearly duty (art. 2b, 21c), recorded through the "gedaan" link of its reminder. */
export interface SchoolDutyRecord {
  /** The duty and year (`leerlingenraad-2026`). */
  subject: string;
  partyId: string;
  duty: string;
  year: number;
  doneOn: string;
  at: string;
  ttl: number;
}

export interface EvaluatieRepository {
  /** A school's "gedaan" for a yearly duty, once; false when it answered before. */
  writeSchoolDuty(record: SchoolDutyRecord): Promise<boolean>;
  getSchoolDuty(subject: string, partyId: string): Promise<SchoolDutyRecord | undefined>;
  /** Every school that did this duty this year: one partition. */
  listSchoolDuties(subject: string): Promise<SchoolDutyRecord[]>;
  /** One party's answers to a round, once; false when it answered before. */
  writeEvaluatieAnswer(answer: EvaluatieAnswer): Promise<boolean>;
  getEvaluatieAnswer(roundId: string, partyId: string): Promise<EvaluatieAnswer | undefined>;
  listEvaluatieAnswers(roundId: string): Promise<EvaluatieAnswer[]>;
  eraseEvaluatieText(roundId: string, partyId: string, paths: readonly string[], at: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Rate counters, the send pace, the retention cursor, the health probe

export interface RateCounterRepository {
  /** Counts one request in a fixed window and returns the count so far. */
  countRequest(bucket: string, windowStartS: number, windowSeconds?: number): Promise<number>;
  /** Reserves the next send slot of the mail account: the epoch ms at which the caller may send. */
  reserveSendSlot(nowMs: number, intervalMs: number): Promise<number>;
}

export interface MaintenanceRepository {
  /** Up to which creation time free text was erased. */
  getRetentionCursor(): Promise<string | undefined>;
  putRetentionCursor(until: string, at: string): Promise<void>;
  /** One cheap read: throws when the store does not answer. */
  ping(): Promise<void>;
}

/** Every port at once: what the runtime hands the use cases as `store`. */
export type Store = SubmissionRepository &
  OutboxRepository &
  DirectoryRepository &
  EventRepository &
  ReminderRepository &
  EvaluatieRepository &
  RateCounterRepository &
  MaintenanceRepository;

// ---------------------------------------------------------------------------------------------
// Beyond the store: sending email and signing links

export interface SendOptions {
  /** Epoch ms: a send that cannot start before this is not made (DeadlineError), the caller retries. */
  notAfter?: number;
}

/** Sends one email; answers the provider's message id. */
export interface Mailer {
  send(to: string, message: EmailMessage, options?: SendOptions): Promise<string>;
}

/** The send slot would come after the invocation's deadline: nothing was sent, retry later. */
export class DeadlineError extends Error {
  constructor() {
    super('no send slot before the deadline');
    this.name = 'DeadlineError';
  }
}

/** Makes and checks the signed links in emails and overviews (shared/adapters/links.ts). */
export interface Links {
  url(action: ActionKind, subjectId: string, partyId: string): Promise<string>;
  verify(token: string): Promise<VerifyResult>;
  overviewUrl(partyId: string, formKeyHash: string): Promise<string>;
  verifyOverview(token: string): Promise<OverviewClaims | undefined>;
}
