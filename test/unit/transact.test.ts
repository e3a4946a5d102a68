import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoTable } from '../../shared/adapters/dynamodb/dynamo-table.js';
import { dynamoEvents } from '../../shared/adapters/dynamodb/events.js';
import { dynamoReminders } from '../../shared/adapters/dynamodb/reminders.js';
import { dynamoSubmissions } from '../../shared/adapters/dynamodb/submissions.js';
import {
  DirectoryChangedError,
  FormKeyChangedError,
  LinkUsedError,
  RateLimitedError,
  TransactionRaceError,
} from '../../shared/app/ports.js';
import { DependencyUnavailableError } from '../../shared/domain/errors.js';

/**
 * How transact() reads a cancelled TransactWriteItems: DynamoDB answers one code per item, in the
 * order sent. The table here answers every transaction with the codes given (no network); the
 * integration tier proves the same transactions against DynamoDB Local.
 */
function cancelling(codes: Array<string | undefined>) {
  const sent: unknown[][] = [];
  const doc = {
    send: async (command: { input: { TransactItems: unknown[] } }) => {
      sent.push(command.input.TransactItems);
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: codes.map((Code) => ({ Code: Code ?? 'None' })),
      });
    },
  } as unknown as DynamoDBDocumentClient;
  return { table: new DynamoTable(doc, 'unit'), sent };
}

const CCF = 'ConditionalCheckFailed';
const now = '2026-11-02T09:00:00.000Z';
const counter = (bucket: string) => ({ bucket, windowStartS: 0, windowSeconds: 60, limit: 5 });

/** Items in order: 2 counters, the key check, 1 recipient check, idempotency, submission, 1 outbox, inbox. */
const submission = {
  submission: { id: 'M-1', kind: 'melding' as const, createdAt: now, school: { wijk: 'Oost' }, ttl: 1 },
  outbox: [
    { template: 'submission-recipient' as const, subjectId: 'M-1', recipientId: 'w', createdAt: now, ttl: 1 },
  ],
  inbox: { submitterId: 's', partyIds: ['w'] },
  idempotency: {
    partyId: 's',
    key: 'k',
    record: { submissionId: 'M-1', bodyHash: 'h', response: {} },
    ttl: 1,
  },
  guards: {
    counters: [counter('ip'), counter('key')],
    keyCheck: { partyId: 's', formKeyHash: 'h', kind: 'school', today: '2026-11-02' },
    recipientsActive: { partyIds: ['w'], today: '2026-11-02' },
  },
};
const write = (codes: Array<string | undefined>) =>
  dynamoSubmissions(cancelling(codes).table).writeSubmission(submission);

describe('transact(): a cancelled intake transaction in the domain’s words', () => {
  it('a full rate-limit window is RateLimitedError naming the counter', async () => {
    await expect(write([undefined, CCF])).rejects.toEqual(new RateLimitedError(1));
    await expect(write([CCF, CCF, CCF])).rejects.toEqual(new RateLimitedError(0));
  });

  it('a key that is no longer current is FormKeyChangedError, before anything after it', async () => {
    await expect(write([undefined, undefined, CCF, CCF, CCF])).rejects.toBeInstanceOf(FormKeyChangedError);
  });

  it('a recipient no longer active is DirectoryChangedError, even when the key exists too', async () => {
    await expect(write([undefined, undefined, undefined, CCF, CCF])).rejects.toBeInstanceOf(
      DirectoryChangedError,
    );
  });

  it('an existing idempotency record is a race the caller replays; a taken reference one it retries', async () => {
    const exists = write([undefined, undefined, undefined, undefined, CCF]);
    await expect(exists).rejects.toBeInstanceOf(TransactionRaceError);
    await expect(exists).rejects.toMatchObject({ idempotencyExists: true });
    const collided = write([undefined, undefined, undefined, undefined, undefined, CCF]);
    await expect(collided).rejects.toMatchObject({ name: 'TransactionRaceError', idempotencyExists: false });
    const conflict = write(['TransactionConflict']);
    await expect(conflict).rejects.toMatchObject({ name: 'TransactionRaceError', idempotencyExists: false });
  });

  it('sends the refusals first, in the order in which they win', async () => {
    const { table, sent } = cancelling([]);
    await dynamoSubmissions(table)
      .writeSubmission(submission)
      .catch(() => undefined);
    const kinds = (sent[0] ?? []).map((item) => Object.keys(item as object)[0]);
    expect(kinds).toEqual([
      'Update',
      'Update',
      'ConditionCheck',
      'ConditionCheck',
      'Put',
      'Put',
      'Put',
      'Put',
      'Put',
    ]);
  });
});

describe('transact(): answers and reminders', () => {
  const answer = (codes: Array<string | undefined>) =>
    dynamoEvents(cancelling(codes).table).recordAnswer({
      submission: { id: 'M-1', kind: 'melding' },
      event: { eventId: 'e1', action: 'gezien', partyId: 'w', partyName: 'W', at: now, data: {}, ttl: 1 },
      consumeNonce: 'n1',
      outbox: [],
    });

  it('the same answer recorded before is not an error: recorded is false', async () => {
    expect((await answer([CCF, CCF])).recorded).toBe(false);
  });

  it('a link used by another answer is LinkUsedError', async () => {
    await expect(answer([undefined, CCF])).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('a conflict with a concurrent transaction is "the store is busy" (503 or retry)', async () => {
    await expect(answer(['TransactionConflict'])).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('a reminder written before answers false: the work was done', async () => {
    const reminders = dynamoReminders(cancelling([CCF]).table);
    const reminder = {
      key: 'verlenging#T2-6',
      kind: 'verlenging' as const,
      dueOn: '2026-12-14',
      recipients: ['g'],
      subjectId: 'TERM-2',
      data: {},
      createdAt: now,
      ttl: 1,
    };
    expect(await reminders.writeReminder(reminder, [])).toBe(false);
  });
});
