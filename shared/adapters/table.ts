/**
 * The one table's shape, shared by the CDK construct and the local runner so the two cannot drift.
 * Keys are strings; gsi1 serves the directory and the reports by wijk and period; `ttl` is retention.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ttlAttribute: 'ttl',
} as const;

/** Every key of the one table is built here, and nowhere else (docs/adr/0013-ports-and-adapters.md). */
export const keys = {
  party: (id: string) => ({ pk: `PARTY#${id}`, sk: 'PROFILE' }),
  formKey: (hash: string) => ({ pk: `FORMKEY#${hash}`, sk: 'FORMKEY' }),
  submission: (id: string) => ({ pk: `SUB#${id}`, sk: 'SUB' }),
  outbox: (subjectPk: string, recipientId: string) => ({ pk: subjectPk, sk: `OUT#${recipientId}` }),
  idempotency: (partyId: string, key: string) => ({ pk: `IDEM#${partyId}#${key}`, sk: 'IDEM' }),
  event: (submissionId: string, eventId: string) => ({ pk: `SUB#${submissionId}`, sk: `EVT#${eventId}` }),
  linkUse: (nonce: string) => ({ pk: `LINK#${nonce}`, sk: 'USED' }),
  /** One per party a submission concerns (recipient or submitter), indexed for that party's overview. */
  inbox: (subjectPk: string, partyId: string) => ({ pk: subjectPk, sk: `INBOX#${partyId}` }),
  /** A copy of a submission's confirmation that the school asked for. */
  copy: (submissionId: string, n: number) => ({ pk: `SUB#${submissionId}`, sk: `COPY#${n}` }),
  /** A reminder (a calendar email, or a notice such as a renewal decision) by its plan's key. */
  reminder: (key: string) => ({ pk: `REM#${key}`, sk: 'REM' }),
  decision: (term: number) => ({ pk: COVENANT_PK, sk: `DECISION#${term}` }),
  term: (term: number) => ({ pk: COVENANT_PK, sk: `TERM#${term}` }),
  evaluatieAnswer: (roundId: string, partyId: string) => ({
    pk: `EVAL#${roundId}`,
    sk: `ANSWER#${partyId}`,
  }),
  contactCheck: (round: string, partyId: string) => ({ pk: `CONTACT#${round}`, sk: `PARTY#${partyId}` }),
  /** A school did a yearly duty (art. 2b, 21c): `DUTY#leerlingenraad-2026` / `PARTY#<school>`. */
  schoolDuty: (subject: string, partyId: string) => ({ pk: `DUTY#${subject}`, sk: `PARTY#${partyId}` }),
  rate: (bucket: string, windowStartS: number) => ({ pk: `RATE#${bucket}#${windowStartS}`, sk: 'RATE' }),
  /** The mail account's send pace, shared by every container. */
  pace: () => ({ pk: 'PACE#ses', sk: 'PACE' }),
  retentionCursor: () => ({ pk: 'RETENTION', sk: 'FREETEXT' }),
  health: () => ({ pk: 'HEALTH', sk: 'HEALTH' }),
} as const;

const COVENANT_PK = 'COVENANT';

/** Partitions read by prefix: a submission's events, a round's answers, the covenant's decisions and terms. */
export const partitions = {
  events: (submissionId: string) => ({ pk: keys.submission(submissionId).pk, prefix: 'EVT#' }),
  evaluatieAnswers: (roundId: string) => ({ pk: `EVAL#${roundId}`, prefix: 'ANSWER#' }),
  contactChecks: (round: string) => ({ pk: `CONTACT#${round}`, prefix: 'PARTY#' }),
  schoolDuties: (subject: string) => ({ pk: `DUTY#${subject}`, prefix: 'PARTY#' }),
  decisions: () => ({ pk: COVENANT_PK, prefix: 'DECISION#' }),
  terms: () => ({ pk: COVENANT_PK, prefix: 'TERM#' }),
} as const;

/**
 * An outbox item's key: under its subject (the submission, or the reminder) with one sort key per
 * recipient, and per answer or per copy when there are several emails to one recipient.
 */
export function outboxKey(item: {
  template: string;
  subjectId: string;
  recipientId: string;
  eventId?: string;
  copy?: number;
}): { pk: string; sk: string } {
  const subjectPk =
    item.template === 'reminder' ? keys.reminder(item.subjectId).pk : keys.submission(item.subjectId).pk;
  const variant = item.eventId ?? (item.copy !== undefined ? `kopie-${item.copy}` : undefined);
  const key = keys.outbox(subjectPk, item.recipientId);
  return variant ? { pk: key.pk, sk: `${key.sk}#${variant}` } : key;
}

/** True for the sort key of an outbox item (what the stream hands to notify). */
export const isOutboxSk = (sk: string | undefined): sk is string => !!sk?.startsWith('OUT#');
/** True for the partition of a reminder (its outbox items are calendar emails). */
export const isReminderPk = (pk: string): boolean => pk.startsWith('REM#');

export const DIRECTORY_INDEX_PK = 'DIRECTORY';
/** A party's place in the directory index. */
export const directoryIndexSk = (party: { kind: string; id: string }) => `${party.kind}#${party.id}`;

/**
 * The index partition of a wijk's answers to its meldingen or voorlichtingen, sorted by the
 * submission's time, so the wijk report reads the answers of twelve months in one Query, beside the
 * Query of the submissions (ADR 0017).
 */
export const reportEventsIndexPk = (kind: 'melding' | 'voorlichting', wijk: string) =>
  `events#${kind}#${wijk}`;
/** Sorts an answer by its submission's time, then the submission and the answer: `createdAt#id#eventId`. */
export const reportEventsIndexSk = (createdAt: string, submissionId: string, eventId: string) =>
  `${createdAt}#${submissionId}#${eventId}`;

/** The index partition that lists one party's submissions (sent or received) by time. */
export const inboxIndexPk = (partyId: string) => `INBOX#${partyId}`;
export const inboxIndexSk = (createdAt: string, submissionId: string) => `${createdAt}#${submissionId}`;

/** The index partition of submissions of one kind in one wijk (`beeindiging#ALL` for announcements). */
export const submissionIndexPk = (kind: string, wijk: string) => `${kind}#${wijk}`;
/** Termination announcements concern every wijk: one partition for all. */
export const ALL_WIJKEN = 'ALL';

/** Outbox items carry the pending index until sent, so operators can list what is stuck without a Scan. */
export const PENDING_OUTBOX_INDEX_PK = 'OUTBOX#pending';
export const pendingIndexSk = (item: { createdAt: string; pk: string; sk: string }) =>
  `${item.createdAt}#${item.pk}#${item.sk}`;

/** The stream records notify wants: new outbox items. The CDK filter and the local poller both read this. */
export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { sk: { S: [{ prefix: 'OUT#' }] } } },
} as const;
