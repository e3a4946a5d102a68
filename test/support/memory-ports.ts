import { fileURLToPath } from 'node:url';
import { staticLinkKeys } from '../../shared/adapters/link-keys.js';
import { ActionLinks } from '../../shared/adapters/links.js';
import { readDirectoryFile } from '../../shared/app/directory.js';
import {
  type ContactCheck,
  DeadlineError,
  DirectoryChangedError,
  type EvaluatieAnswer,
  FormKeyChangedError,
  type IdempotencyRecord,
  LinkUsedError,
  type Mailer,
  type NewOutboxItem,
  type OutboxItem,
  type OutboxKey,
  RateLimitedError,
  type ReminderRecord,
  type SchoolDutyRecord,
  type SendOptions,
  type Store,
  type SubmissionIndex,
  type SubmissionRecord,
  TransactionRaceError,
  type VerlengingDecision,
} from '../../shared/app/ports.js';
import type { SubmissionEvent } from '../../shared/domain/actions.js';
import type { Term } from '../../shared/domain/covenant.js';
import type { EmailMessage } from '../../shared/domain/emails.js';
import { hashFormKey } from '../../shared/domain/form-keys.js';
import type { Party } from '../../shared/domain/parties.js';
import { submissionWijk } from '../../shared/domain/submission.js';

type Stored = SubmissionRecord & { ttl: number } & Record<string, unknown>;
interface InboxEntry {
  subjectId: string;
  kind: string;
  partyId: string;
  submitter: boolean;
  createdAt: string;
  ttl: number;
}

const wijkOf = (s: Stored) => submissionWijk(s) ?? 'ALL';
const indexWijk = (index: SubmissionIndex) => ('wijk' in index ? index.wijk : 'ALL');
const copy = <T>(value: T): T => structuredClone(value);
const stillActive = (party: Party | undefined, today: string) =>
  !!party && party.active && (party.leavesOn === undefined || party.leavesOn > today);

/**
 * Every port in memory, with the same promises as the DynamoDB adapters: a write that is refused
 * changes nothing (all or nothing, like a transaction), "once" writes answer false on a repeat, and
 * reads hand out copies. For the unit tests of the use cases: no network, milliseconds.
 */
export class MemoryStore implements Store {
  readonly parties = new Map<string, { party: Party; formKeyHash: string }>();
  readonly formKeys = new Map<string, string>();
  readonly submissions = new Map<string, Stored>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly inbox: InboxEntry[] = [];
  readonly copies = new Set<string>();
  readonly outbox = new Map<string, OutboxItem>();
  readonly events = new Map<string, Map<string, SubmissionEvent & { ttl: number }>>();
  readonly linkUses = new Map<string, { at: string }>();
  readonly reminders = new Map<string, ReminderRecord>();
  readonly decisions = new Map<number, VerlengingDecision>();
  readonly terms = new Map<number, Term>();
  readonly contactChecks = new Map<string, ContactCheck>();
  readonly answers = new Map<string, EvaluatieAnswer>();
  readonly counters = new Map<string, number>();
  private nextSlot = 0;
  private cursor: string | undefined;

  // --- helpers -------------------------------------------------------------------------------

  private outboxId = (key: OutboxKey) => `${key.pk}|${key.sk}`;

  /** The memory store's own keys: unique per subject, recipient and answer or copy. */
  private outboxRecord(item: NewOutboxItem): OutboxItem {
    const { eventId, copy: n, ...rest } = item;
    const variant = eventId ?? (n !== undefined ? `kopie-${n}` : undefined);
    return {
      pk: `${item.template === 'reminder' ? 'reminder' : 'submission'}:${item.subjectId}`,
      sk: variant ? `${item.recipientId}/${variant}` : item.recipientId,
      type: 'outbox',
      ...rest,
      ...(eventId ? { eventSk: eventId } : {}),
      status: 'pending',
      attempts: 0,
    };
  }

  /** Refuses (throws `refusal`) when any of the items exists already; else returns them to add. */
  private newOutbox(items: readonly NewOutboxItem[], refusal?: () => Error): OutboxItem[] {
    const records = items.map((i) => this.outboxRecord(i));
    if (records.some((r) => this.outbox.has(this.outboxId(r))))
      throw refusal ? refusal() : new Error('outbox item exists');
    return records;
  }

  private addOutbox(records: OutboxItem[]) {
    for (const r of records) this.outbox.set(this.outboxId(r), r);
  }

  /** Puts a party in the directory with a plain form key (what loadDirectory does, in one line). */
  addParty(party: Party, formKey: string): void {
    this.parties.set(party.id, { party: copy(party), formKeyHash: hashFormKey(formKey) });
    this.formKeys.set(hashFormKey(formKey), party.id);
  }

  outboxItems(): OutboxItem[] {
    return [...this.outbox.values()].map(copy);
  }

  // --- submissions ---------------------------------------------------------------------------

  async writeSubmission(input: Parameters<Store['writeSubmission']>[0]): Promise<void> {
    const { submission, outbox, inbox, idempotency, guards = {} } = input;
    const counterKey = (c: { bucket: string; windowStartS: number }) => `${c.bucket}#${c.windowStartS}`;
    const counters = guards.counters ?? [];
    const full = counters.findIndex((c) => (this.counters.get(counterKey(c)) ?? 0) >= c.limit);
    if (full >= 0) throw new RateLimitedError(full);
    if (guards.keyCheck) {
      const { partyId, formKeyHash, kind, today } = guards.keyCheck;
      const profile = this.parties.get(partyId);
      if (
        profile?.formKeyHash !== formKeyHash ||
        profile.party.kind !== kind ||
        !stillActive(profile.party, today)
      )
        throw new FormKeyChangedError();
    }
    const recipients = guards.recipientsActive;
    if (recipients?.partyIds.some((id) => !stillActive(this.parties.get(id)?.party, recipients.today)))
      throw new DirectoryChangedError();
    const idemKey = `${idempotency.partyId}#${idempotency.key}`;
    if (this.idempotency.has(idemKey)) throw new TransactionRaceError(['ConditionalCheckFailed'], true);
    if (this.submissions.has(submission.id))
      throw new TransactionRaceError(['ConditionalCheckFailed'], false);
    const records = this.newOutbox(outbox, () => new TransactionRaceError(['ConditionalCheckFailed'], false));
    // Nothing refused: everything at once.
    for (const c of counters) this.counters.set(counterKey(c), (this.counters.get(counterKey(c)) ?? 0) + 1);
    this.idempotency.set(idemKey, copy(idempotency.record));
    this.submissions.set(submission.id, copy(submission) as Stored);
    this.addOutbox(records);
    for (const partyId of new Set([...inbox.partyIds, inbox.submitterId]))
      this.inbox.push({
        subjectId: submission.id,
        kind: submission.kind,
        partyId,
        submitter: partyId === inbox.submitterId,
        createdAt: submission.createdAt,
        ttl: submission.ttl,
      });
  }

  async getSubmission<T>(id: string): Promise<T | undefined> {
    const found = this.submissions.get(id);
    return found ? (copy(found) as unknown as T) : undefined;
  }

  async getIdempotency(partyId: string, key: string) {
    const found = this.idempotency.get(`${partyId}#${key}`);
    return found ? copy(found) : undefined;
  }

  async submissionsIn<T>(index: SubmissionIndex, fromIso: string, toIso: string): Promise<T[]> {
    return [...this.submissions.values()]
      .filter((s) => s.kind === index.kind && wijkOf(s) === indexWijk(index))
      .filter((s) => s.createdAt >= fromIso && s.createdAt <= toIso)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((s) => copy(s) as unknown as T);
  }

  async listInbox<T>(partyId: string, fromIso: string, toIso: string): Promise<T[]> {
    return this.inbox
      .filter((e) => e.partyId === partyId && e.createdAt >= fromIso && e.createdAt <= `${toIso}~`)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((e) => copy(e) as unknown as T);
  }

  async writeCopy(submissionId: string, n: number, _at: string, outbox: NewOutboxItem) {
    const id = `${submissionId}#${n}`;
    if (this.copies.has(id)) return false;
    const records = this.newOutbox([outbox]);
    this.copies.add(id);
    this.addOutbox(records);
    return true;
  }

  async eraseSubmissionText(id: string, paths: readonly string[], at: string) {
    const found = this.submissions.get(id);
    if (found) erase(found, paths, at);
  }

  // --- outbox --------------------------------------------------------------------------------

  async getOutbox(key: OutboxKey) {
    const found = this.outbox.get(this.outboxId(key));
    return found ? copy(found) : undefined;
  }

  async claimOutbox(key: OutboxKey, nowMs: number, leaseMs: number) {
    const item = this.outbox.get(this.outboxId(key));
    if (!item) return { outcome: 'missing' as const };
    const claimable =
      item.status === 'pending' || (item.status === 'sending' && (item.leaseUntil ?? 0) < nowMs);
    if (!claimable) return { outcome: item.status === 'sent' ? ('sent' as const) : ('busy' as const) };
    item.status = 'sending';
    item.leaseUntil = nowMs + leaseMs;
    item.attempts += 1;
    return { outcome: 'claimed' as const, item: copy(item) };
  }

  async markSent(key: OutboxKey, messageId: string, sentAt: string) {
    const item = this.outbox.get(this.outboxId(key));
    if (item?.status !== 'sending') throw new Error('conditional check failed: not sending');
    Object.assign(item, { status: 'sent', messageId, sentAt });
    delete item.leaseUntil;
    delete item.lastError;
  }

  async releaseOutbox(key: OutboxKey, reason: string, unused = false) {
    const item = this.outbox.get(this.outboxId(key));
    if (item?.status !== 'sending') throw new Error('conditional check failed: not sending');
    item.status = 'pending';
    delete item.leaseUntil;
    if (unused) item.attempts -= 1;
    else item.lastError = reason.slice(0, 300);
  }

  private pending() {
    return [...this.outbox.values()]
      .filter((i) => i.status !== 'sent')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(copy);
  }

  async *pendingOutboxBefore(cutoff: Date) {
    yield this.pending().filter((i) => i.createdAt < cutoff.toISOString());
  }

  async oldestPendingOutbox() {
    return this.pending()[0]?.createdAt;
  }

  async listPendingOutbox() {
    return this.pending();
  }

  async redriveOutbox(key: OutboxKey, now: Date) {
    const item = this.outbox.get(this.outboxId(key));
    if (!item || item.status === 'sent') return false;
    Object.assign(item, { status: 'pending', attempts: 0, createdAt: now.toISOString() });
    delete item.leaseUntil;
    delete item.lastError;
    return true;
  }

  // --- directory -----------------------------------------------------------------------------

  async putParty(party: Party, formKeyHash: string) {
    this.parties.set(party.id, { party: copy(party), formKeyHash });
    this.formKeys.set(formKeyHash, party.id);
  }

  async getParty(id: string) {
    const found = this.parties.get(id);
    return found ? copy(found.party) : undefined;
  }

  async getProfile(id: string) {
    const found = this.parties.get(id);
    return found ? copy(found) : undefined;
  }

  async findPartyByFormKey(formKey: string) {
    const hash = hashFormKey(formKey);
    const id = this.formKeys.get(hash);
    const profile = id ? this.parties.get(id) : undefined;
    return profile?.formKeyHash === hash ? copy(profile.party) : undefined;
  }

  async listDirectory() {
    return [...this.parties.values()].map((p) => copy(p.party));
  }

  async rotateFormKey(partyId: string, newHash: string) {
    const profile = this.parties.get(partyId);
    if (!profile) throw new Error(`party ${partyId} not found`);
    this.formKeys.delete(profile.formKeyHash);
    profile.formKeyHash = newHash;
    this.formKeys.set(newHash, partyId);
  }

  async updateParty(party: Party) {
    const profile = this.parties.get(party.id);
    if (!profile) throw new Error('conditional check failed: no such party');
    profile.party = copy(party);
  }

  // --- events --------------------------------------------------------------------------------

  async recordAnswer(input: Parameters<Store['recordAnswer']>[0]) {
    const { submission, event, consumeNonce, outbox, partyUpdates = [], inbox = [] } = input;
    const events = this.events.get(submission.id) ?? new Map();
    const existing = events.get(event.eventId);
    if (existing) return { recorded: false, event: copy(existing) };
    if (consumeNonce && this.linkUses.has(consumeNonce)) throw new LinkUsedError();
    const records = this.newOutbox(outbox);
    if (partyUpdates.some((u) => !this.parties.has(u.partyId))) throw new Error('no such party');
    const stored = { ...copy(event), sk: `event/${event.eventId}` };
    events.set(event.eventId, stored);
    this.events.set(submission.id, events);
    if (consumeNonce) this.linkUses.set(consumeNonce, { at: event.at });
    this.addOutbox(records);
    for (const u of partyUpdates) {
      const profile = this.parties.get(u.partyId);
      if (profile) profile.party.leavesOn = u.leavesOn;
    }
    for (const partyId of inbox)
      this.inbox.push({
        subjectId: submission.id,
        kind: submission.kind,
        partyId,
        submitter: false,
        createdAt: event.at,
        ttl: event.ttl,
      });
    return { recorded: true, event: copy(stored) };
  }

  async getEvent(submissionId: string, eventId: string) {
    const found = this.events.get(submissionId)?.get(eventId);
    return found ? copy(found) : undefined;
  }

  async eventOf(item: OutboxItem) {
    return item.eventSk ? this.getEvent(item.subjectId, item.eventSk) : undefined;
  }

  async listEvents<T>(submissionId: string): Promise<T[]> {
    return [...(this.events.get(submissionId)?.values() ?? [])]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((e) => copy(e) as unknown as T);
  }

  async answersIn<T>(
    index: { kind: 'melding' | 'voorlichting'; wijk: string },
    fromIso: string,
    toIso: string,
  ): Promise<Array<T & { submissionId: string }>> {
    const made = await this.submissionsIn<{ id: string }>(index, fromIso, toIso);
    return made.flatMap((s) =>
      [...(this.events.get(s.id)?.values() ?? [])].map(
        (e) => ({ ...copy(e), submissionId: s.id }) as unknown as T & { submissionId: string },
      ),
    );
  }

  /** In memory every answer is found through its submission: there is no index to fill. */
  async indexAnswersOf(submission: { id: string }) {
    return { indexed: 0, already: this.events.get(submission.id)?.size ?? 0 };
  }

  async getLinkUse(nonce: string) {
    const found = this.linkUses.get(nonce);
    return found ? copy(found) : undefined;
  }

  async eraseEventText(submissionId: string, eventId: string, paths: readonly string[], at: string) {
    const found = this.events.get(submissionId)?.get(eventId);
    if (found) erase(found as unknown as Record<string, unknown>, paths, at);
  }

  // --- reminders, decisions, contact checks --------------------------------------------------

  async writeReminder(reminder: ReminderRecord, outbox: NewOutboxItem[]) {
    if (this.reminders.has(reminder.key)) return false;
    const records = this.newOutbox(outbox);
    this.reminders.set(reminder.key, copy(reminder));
    this.addOutbox(records);
    return true;
  }

  async getReminder(key: string) {
    const found = this.reminders.get(key);
    return found ? copy(found) : undefined;
  }

  async listTerms() {
    return [...this.terms.values()].map(copy);
  }

  async listDecisions() {
    return [...this.decisions.values()].map(copy);
  }

  async getDecision(term: number) {
    const found = this.decisions.get(term);
    return found ? copy(found) : undefined;
  }

  async recordDecision(
    decision: VerlengingDecision,
    nextTerm: Term | undefined,
    reminder: ReminderRecord,
    outbox: NewOutboxItem[],
  ) {
    if (this.reminders.has(reminder.key)) return false;
    const records = this.newOutbox(outbox);
    this.reminders.set(reminder.key, copy(reminder));
    this.decisions.set(decision.term, copy(decision));
    if (nextTerm) this.terms.set(nextTerm.number, copy(nextTerm));
    this.addOutbox(records);
    return true;
  }

  async getContactCheck(round: string, partyId: string) {
    const found = this.contactChecks.get(`${round}#${partyId}`);
    return found ? copy(found) : undefined;
  }

  async listContactChecks(round: string) {
    return [...this.contactChecks.values()].filter((c) => c.round === round).map(copy);
  }

  async recordContactCheck(
    check: ContactCheck,
    alert?: { reminder: ReminderRecord; outbox: NewOutboxItem[] },
  ) {
    const id = `${check.round}#${check.partyId}`;
    if (this.contactChecks.has(id)) return false;
    const records = this.newOutbox(alert?.outbox ?? []);
    this.contactChecks.set(id, copy(check));
    if (alert) this.reminders.set(alert.reminder.key, copy(alert.reminder));
    this.addOutbox(records);
    return true;
  }

  // --- evaluation ----------------------------------------------------------------------------

  readonly duties = new Map<string, SchoolDutyRecord>();

  async writeSchoolDuty(record: SchoolDutyRecord) {
    const id = `${record.subject}#${record.partyId}`;
    if (this.duties.has(id)) return false;
    this.duties.set(id, copy(record));
    return true;
  }

  async getSchoolDuty(subject: string, partyId: string) {
    const found = this.duties.get(`${subject}#${partyId}`);
    return found ? copy(found) : undefined;
  }

  async listSchoolDuties(subject: string) {
    return [...this.duties.values()].filter((d) => d.subject === subject).map(copy);
  }

  async writeEvaluatieAnswer(answer: EvaluatieAnswer) {
    const id = `${answer.roundId}#${answer.partyId}`;
    if (this.answers.has(id)) return false;
    this.answers.set(id, copy(answer));
    return true;
  }

  async getEvaluatieAnswer(roundId: string, partyId: string) {
    const found = this.answers.get(`${roundId}#${partyId}`);
    return found ? copy(found) : undefined;
  }

  async listEvaluatieAnswers(roundId: string) {
    return [...this.answers.values()].filter((a) => a.roundId === roundId).map(copy);
  }

  async eraseEvaluatieText(roundId: string, partyId: string, paths: readonly string[], at: string) {
    const found = this.answers.get(`${roundId}#${partyId}`);
    if (found) erase(found as unknown as Record<string, unknown>, paths, at);
  }

  // --- rate counters, pace, maintenance ------------------------------------------------------

  async countRequest(bucket: string, windowStartS: number) {
    const key = `${bucket}#${windowStartS}`;
    const count = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, count);
    return count;
  }

  async reserveSendSlot(nowMs: number, intervalMs: number) {
    const at = Math.max(nowMs, this.nextSlot);
    this.nextSlot = at + intervalMs;
    return at;
  }

  async getRetentionCursor() {
    return this.cursor;
  }

  async putRetentionCursor(until: string) {
    this.cursor = until;
  }

  async ping() {}
}

function erase(item: Record<string, unknown>, paths: readonly string[], at: string) {
  for (const path of paths) {
    const parts = path.split('.');
    let target: Record<string, unknown> | undefined = item;
    for (const part of parts.slice(0, -1)) target = target?.[part] as Record<string, unknown> | undefined;
    if (target) delete target[parts[parts.length - 1] as string];
  }
  item.freeTextErasedAt = at;
}

/** A mailer that keeps what it sends; `failNext` makes the next sends fail as a provider would. */
export class MemoryMailer implements Mailer {
  readonly sent: Array<{ to: string; message: EmailMessage }> = [];
  failNext = 0;

  async send(to: string, message: EmailMessage, options: SendOptions = {}): Promise<string> {
    if (options.notAfter !== undefined && Date.now() > options.notAfter) throw new DeadlineError();
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('the mail provider did not answer'), { name: 'ServiceUnavailable' });
    }
    this.sent.push({ to, message });
    return `memory-${this.sent.length}`;
  }
}

/** A fixed clock the test moves by hand: nothing depends on the machine's date or on waiting. */
export function fixedClock(start: Date) {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

const EXAMPLE_DIRECTORY = fileURLToPath(new URL('../../config/directory.example.json', import.meta.url));
const SECRET = 'unit-test-link-secret-0123456789abcdef';

/**
 * The example directory in a memory store, every party with the form key `key-<id>`, and the real
 * link signer with a fixed key: what the use cases need, with no network and no table.
 */
export function memoryWorld(start: Date) {
  const store = new MemoryStore();
  const directory = readDirectoryFile(EXAMPLE_DIRECTORY);
  for (const party of directory.parties) store.addParty(party, `key-${party.id}`);
  const clock = fixedClock(start);
  const links = new ActionLinks(
    {
      ACTION_LINK_SECRET: SECRET,
      ACTION_LINK_SECRET_ARN: undefined,
      ACTION_LINK_GRACE_HOURS: 48,
      PUBLIC_BASE_URL: 'https://veilig.example.org',
      ANSWER_LINK_DAYS: 30,
      STATUS_LINK_DAYS: 365,
    } as ConstructorParameters<typeof ActionLinks>[0],
    () => staticLinkKeys(SECRET),
    clock.now,
  );
  return {
    store,
    mailer: new MemoryMailer(),
    links,
    clock,
    now: clock.now,
    keyOf: (partyId: string) => `key-${partyId}`,
    retention: { submissionDays: 730, outboxDays: 90, idempotencyDays: 7 },
  };
}
