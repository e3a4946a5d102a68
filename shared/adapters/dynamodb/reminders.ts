import type {
  ContactCheck,
  ReminderRecord,
  ReminderRepository,
  VerlengingDecision,
} from '../../app/ports.js';
import type { Term } from '../../domain/covenant.js';
import { keys, partitions } from '../table.js';
import type { DynamoTable, Item } from './dynamo-table.js';
import { outboxSteps } from './outbox.js';
import { put, putNew, type Step, transact } from './transact.js';

const reminderItem = (reminder: ReminderRecord): Item => ({
  ...keys.reminder(reminder.key),
  type: 'reminder',
  ...reminder,
});

const contactCheckItem = ({ round, ...check }: ContactCheck): Item => ({
  ...keys.contactCheck(round, check.partyId),
  type: 'contact-check',
  ...check,
});

const asContactCheck = (round: string, item: Item): ContactCheck => ({
  round,
  partyId: String(item.partyId),
  stillContact: Boolean(item.stillContact),
  at: String(item.at),
  ttl: Number(item.ttl),
});

/** Written once: the first step exists already, so the work was done before. */
const once = async (table: DynamoTable, steps: Step[]) => (await transact(table, steps)) === 'written';

export function dynamoReminders(table: DynamoTable): ReminderRepository {
  return {
    writeReminder: (reminder, outbox) =>
      once(table, [
        { item: putNew(table, reminderItem(reminder)), refused: 'exists' },
        ...outboxSteps(table, outbox),
      ]),

    getReminder: (key) => table.get<ReminderRecord>(keys.reminder(key)),

    async listTerms() {
      const items = await table.queryPrefix<Term>(partitions.terms(), false);
      return items.map((i) => ({ number: i.number, start: i.start, end: i.end, note: i.note }) as Term);
    },

    listDecisions: () => table.queryPrefix<VerlengingDecision>(partitions.decisions()),

    getDecision: (term) => table.get<VerlengingDecision>(keys.decision(term)),

    /** The reminder is the container: written only if it does not exist; the decision and term with it. */
    recordDecision: (decision, nextTerm, reminder, outbox) =>
      once(table, [
        { item: putNew(table, reminderItem(reminder)), refused: 'exists' },
        { item: put(table, { ...keys.decision(decision.term), type: 'decision', ...decision }) },
        ...(nextTerm
          ? [{ item: put(table, { ...keys.term(nextTerm.number), type: 'term', ...nextTerm }) }]
          : []),
        ...outboxSteps(table, outbox),
      ]),

    async getContactCheck(round, partyId) {
      const item = await table.get(keys.contactCheck(round, partyId));
      return item ? asContactCheck(round, item) : undefined;
    },

    listContactChecks: async (round) =>
      (await table.queryPrefix(partitions.contactChecks(round))).map((item) => asContactCheck(round, item)),

    recordContactCheck: (check, alert) =>
      once(table, [
        { item: putNew(table, contactCheckItem(check)), refused: 'exists' },
        ...(alert ? [{ item: put(table, reminderItem(alert.reminder)) }] : []),
        ...outboxSteps(table, alert?.outbox ?? []),
      ]),
  };
}
