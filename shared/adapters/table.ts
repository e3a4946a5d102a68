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
} as const;

export const DIRECTORY_INDEX_PK = 'DIRECTORY';

/** The index partition that lists one party's submissions (sent or received) by time. */
export const inboxIndexPk = (partyId: string) => `INBOX#${partyId}`;

/** The stream records notify wants: new outbox items. The CDK filter and the local poller both read this. */
export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { Keys: { sk: { S: [{ prefix: 'OUT#' }] } } },
} as const;
