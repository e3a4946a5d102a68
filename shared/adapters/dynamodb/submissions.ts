import type { IdempotencyRecord, SubmissionRecord, SubmissionRepository } from '../../app/ports.js';
import {
  DirectoryChangedError,
  FormKeyChangedError,
  RateLimitedError,
  TransactionRaceError,
} from '../../app/ports.js';
import { submissionWijk } from '../../domain/submission.js';
import { ALL_WIJKEN, inboxIndexPk, inboxIndexSk, keys, submissionIndexPk } from '../table.js';
import type { DynamoTable, Item } from './dynamo-table.js';
import { outboxSteps } from './outbox.js';
import { put, putNew, type Step, transact } from './transact.js';

/** The stored submission: keyed by its id, indexed by kind, wijk and time for the reports. */
export function submissionItem(submission: SubmissionRecord): Item {
  // A school's wijk; an agreement's own wijk (art. 20); one partition for termination announcements.
  const wijk = submissionWijk(submission) ?? ALL_WIJKEN;
  return {
    ...keys.submission(submission.id),
    type: 'submission',
    gsi1pk: submissionIndexPk(submission.kind, wijk),
    gsi1sk: submission.createdAt,
    ...submission,
  };
}

/**
 * One inbox entry per party a submission concerns (each recipient, and the submitter), so each
 * party's overview reads its own rows with one Query. They live as long as the submission.
 */
export function inboxItem(
  subject: { id: string; kind: string },
  partyId: string,
  entry: { submitter: boolean; createdAt: string; ttl: number },
): Item {
  return {
    ...keys.inbox(keys.submission(subject.id).pk, partyId),
    type: 'inbox',
    gsi1pk: inboxIndexPk(partyId),
    gsi1sk: inboxIndexSk(entry.createdAt, subject.id),
    subjectId: subject.id,
    kind: subject.kind,
    partyId,
    submitter: entry.submitter,
    createdAt: entry.createdAt,
    ttl: entry.ttl,
  };
}

const partyActive = (table: DynamoTable, partyId: string, today: string | undefined) => ({
  ConditionCheck: {
    TableName: table.name,
    Key: keys.party(partyId),
    ConditionExpression: '#p.#active = :true AND (attribute_not_exists(#p.#leaves) OR #p.#leaves > :today)',
    ExpressionAttributeNames: { '#p': 'party', '#active': 'active', '#leaves': 'leavesOn' },
    ExpressionAttributeValues: { ':true': true, ':today': today },
  },
});

export function dynamoSubmissions(table: DynamoTable): SubmissionRepository {
  return {
    /**
     * One transaction (see docs/adr/0009-intake-in-one-transaction.md): the rate-limit windows
     * (refused when full), the form key still the party's current key, the recipients still active,
     * then the idempotency record, the submission, its outbox items and inbox entries. The refusals
     * come first, in the order in which they win.
     */
    async writeSubmission({ submission, outbox, inbox, idempotency, guards = {} }) {
      const { keyCheck } = guards;
      const recipients = [...new Set(guards.recipientsActive?.partyIds ?? [])].filter(
        (id) => id !== keyCheck?.partyId,
      );
      const parties = new Set([...inbox.partyIds, inbox.submitterId]);
      const steps: Step[] = [
        ...(guards.counters ?? []).map((c, i) => ({
          item: {
            Update: {
              TableName: table.name,
              Key: keys.rate(c.bucket, c.windowStartS),
              UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
              ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
              ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':ttl': c.windowStartS + c.windowSeconds + 60,
                ':limit': c.limit,
              },
            },
          },
          refused: () => new RateLimitedError(i),
        })),
        ...(keyCheck
          ? [
              {
                item: {
                  ConditionCheck: {
                    TableName: table.name,
                    Key: keys.party(keyCheck.partyId),
                    ConditionExpression:
                      'formKeyHash = :hash AND #p.#kind = :kind AND #p.#active = :true AND (attribute_not_exists(#p.#leaves) OR #p.#leaves > :today)',
                    ExpressionAttributeNames: {
                      '#p': 'party',
                      '#kind': 'kind',
                      '#active': 'active',
                      '#leaves': 'leavesOn',
                    },
                    ExpressionAttributeValues: {
                      ':hash': keyCheck.formKeyHash,
                      ':kind': keyCheck.kind,
                      ':true': true,
                      ':today': keyCheck.today,
                    },
                  },
                },
                refused: () => new FormKeyChangedError(),
              },
            ]
          : []),
        ...recipients.map((partyId) => ({
          item: partyActive(table, partyId, guards.recipientsActive?.today),
          refused: () => new DirectoryChangedError(),
        })),
        {
          item: putNew(table, {
            ...keys.idempotency(idempotency.partyId, idempotency.key),
            type: 'idempotency',
            ...idempotency.record,
            ttl: idempotency.ttl,
          }),
          refused: (reasons) => new TransactionRaceError(reasons, true),
        },
        { item: putNew(table, submissionItem(submission)) },
        ...outboxSteps(table, outbox),
        ...[...parties].map((partyId) => ({
          item: put(
            table,
            inboxItem(submission, partyId, {
              submitter: partyId === inbox.submitterId,
              createdAt: submission.createdAt,
              ttl: submission.ttl,
            }),
          ),
        })),
      ];
      // A lost race, or a reference that collided: the use case retries or replays.
      await transact(table, steps, { contended: (reasons) => new TransactionRaceError(reasons, false) });
    },

    getSubmission: (id) => table.get(keys.submission(id)),

    getIdempotency: (partyId, key) => table.get<IdempotencyRecord>(keys.idempotency(partyId, key)),

    /** Through the index, never a Scan. */
    submissionsIn: (index, fromIso, toIso) =>
      table.queryIndex(
        submissionIndexPk(index.kind, 'wijk' in index ? index.wijk : ALL_WIJKEN),
        fromIso,
        toIso,
      ),

    /** One Query on the party's inbox partition of the index, never a Scan. */
    async listInbox<T>(partyId: string, fromIso: string, toIso: string): Promise<T[]> {
      const items = await table.queryIndex<T>(inboxIndexPk(partyId), fromIso, `${toIso}~`);
      return items.reverse();
    },

    async writeCopy(submissionId, n, at, outbox) {
      const copy = { ...keys.copy(submissionId, n), type: 'copy', at, ttl: outbox.ttl };
      return (
        (await transact(table, [
          { item: putNew(table, copy), refused: 'exists' },
          ...outboxSteps(table, [outbox]),
        ])) === 'written'
      );
    },

    eraseSubmissionText: (id, paths, at) => table.eraseAttributes(keys.submission(id), paths, at),
  };
}
