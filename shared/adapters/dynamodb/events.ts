import type { EventRepository } from '../../app/ports.js';
import { LinkUsedError } from '../../app/ports.js';
import type { SubmissionEvent } from '../../domain/actions.js';
import { byKey } from '../../domain/order.js';
import { keys, partitions, reportEventsIndexPk, reportEventsIndexSk } from '../table.js';
import type { DynamoTable } from './dynamo-table.js';
import { outboxSteps } from './outbox.js';
import { inboxItem } from './submissions.js';
import { put, putNew, type Step, transact } from './transact.js';

type IndexedSubmission = Parameters<EventRepository['indexAnswersOf']>[0];

/** The report index keys of an answer (ADR 0017); undefined for what the report does not count. */
function answerIndexKeys(submission: IndexedSubmission, eventId: string) {
  const wijk = submission.school?.wijk;
  if ((submission.kind !== 'melding' && submission.kind !== 'voorlichting') || !wijk || !submission.createdAt)
    return undefined;
  return {
    gsi1pk: reportEventsIndexPk(submission.kind, wijk),
    gsi1sk: reportEventsIndexSk(submission.createdAt, submission.id, eventId),
  };
}

export function dynamoEvents(table: DynamoTable): EventRepository {
  return {
    /**
     * One transaction: the event (exists: this exact answer was recorded before), the link's use
     * (exists: another answer used it), the outbox items, a party's last day, the inbox entries.
     */
    async recordAnswer({ submission, event, consumeNonce, outbox, partyUpdates = [], inbox = [] }) {
      // Answers to meldingen and voorlichtingen are indexed by wijk and their submission's time, so
      // the wijk report reads them with the submissions in a few Queries (ADR 0017).
      const index = answerIndexKeys(submission, event.eventId) ?? {};
      const stored = { ...keys.event(submission.id, event.eventId), type: 'event', ...event, ...index };
      const steps: Step[] = [
        { item: putNew(table, stored), refused: 'exists' },
        ...(consumeNonce
          ? [
              {
                item: putNew(table, {
                  ...keys.linkUse(consumeNonce),
                  type: 'link-use',
                  eventSk: stored.sk,
                  subjectPk: stored.pk,
                  at: event.at,
                  ttl: event.ttl,
                }),
                refused: () => new LinkUsedError(),
              },
            ]
          : []),
        ...outboxSteps(table, outbox),
        // A confirmed termination sets the party's last day in the same transaction (art. 22c).
        ...partyUpdates.map((u) => ({
          item: {
            Update: {
              TableName: table.name,
              Key: keys.party(u.partyId),
              UpdateExpression: 'SET party.leavesOn = :on',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':on': u.leavesOn },
            },
          },
        })),
        ...inbox.map((partyId) => ({
          item: put(
            table,
            inboxItem(submission, partyId, { submitter: false, createdAt: event.at, ttl: event.ttl }),
          ),
        })),
      ];
      const outcome = await transact(table, steps);
      return { recorded: outcome === 'written', event: stored as SubmissionEvent };
    },

    getEvent: (submissionId, eventId) => table.get<SubmissionEvent>(keys.event(submissionId, eventId)),

    eventOf: async (item) =>
      item.eventSk ? table.get<SubmissionEvent>({ pk: item.pk, sk: item.eventSk }) : undefined,

    /** Oldest first: one Query on the submission's partition. */
    async listEvents<T>(submissionId: string): Promise<T[]> {
      const items = await table.queryPrefix<T & { at?: string }>(partitions.events(submissionId));
      return items.sort((a, b) => byKey(String(a.at), String(b.at)));
    },

    /** One Query on the wijk's answers partition of the index; the sort key starts with the submission's time. */
    async answersIn<T>(
      index: { kind: 'melding' | 'voorlichting'; wijk: string },
      fromIso: string,
      toIso: string,
    ): Promise<Array<T & { submissionId: string }>> {
      // An answer's sort key is `createdAt#id#eventId`: past toIso itself, so the range ends after it.
      const items = await table.queryIndex<T & { pk: string }>(
        reportEventsIndexPk(index.kind, index.wijk),
        fromIso,
        `${toIso}#\uffff`,
      );
      return items.map((e) => ({ ...e, submissionId: e.pk.slice('SUB#'.length) }));
    },

    /**
     * Gives a submission's answers stored before ADR 0017 their report index keys: one Query on the
     * submission's partition (keys and index keys only), then one conditional update per answer
     * without them. An answer that has them is left alone, so a second run writes nothing.
     */
    async indexAnswersOf(submission) {
      const found = { indexed: 0, already: 0 };
      if (!answerIndexKeys(submission, '')) return found;
      const events = await table.queryAll<{ pk: string; sk: string; gsi1pk?: string }>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': partitions.events(submission.id).pk,
          ':prefix': partitions.events(submission.id).prefix,
        },
        ProjectionExpression: 'pk, sk, gsi1pk',
      });
      for (const event of events) {
        if (event.gsi1pk) {
          found.already++;
          continue;
        }
        const index = answerIndexKeys(submission, event.sk.slice('EVT#'.length)) as {
          gsi1pk: string;
          gsi1sk: string;
        };
        const written = await table.update(
          {
            Key: { pk: event.pk, sk: event.sk },
            UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi1pk)',
            ExpressionAttributeValues: { ':pk': index.gsi1pk, ':sk': index.gsi1sk },
          },
          true,
        );
        if (written === 'refused') found.already++;
        else found.indexed++;
      }
      return found;
    },

    getLinkUse: (nonce) => table.get<{ at: string }>(keys.linkUse(nonce)),

    eraseEventText: (submissionId, eventId, paths, at) =>
      table.eraseAttributes(keys.event(submissionId, eventId), paths, at),
  };
}
