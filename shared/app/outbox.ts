import type { ReminderPlan } from '../domain/calendar.js';
import type { NewOutboxItem, OutboxTemplate, ReminderRecord } from './ports.js';

const DAY_S = 86_400;

/**
 * The one way to make an outbox item: one email to one recipient about one subject, written in the
 * same transaction as what it is about and kept `ttlDays`. The store gives it its key and its
 * delivery state (pending, no attempts yet).
 */
export function newOutboxItem(
  input: {
    template: OutboxTemplate;
    subjectId: string;
    recipientId: string;
    eventId?: string;
    copy?: number;
  },
  now: Date,
  ttlDays: number,
): NewOutboxItem {
  return {
    ...input,
    createdAt: now.toISOString(),
    ttl: Math.floor(now.getTime() / 1000) + ttlDays * DAY_S,
  };
}

/** A reminder (a calendar email, or a notice such as a decision) as stored, kept `ttlDays`. */
export function reminderRecord(
  plan: Omit<ReminderPlan, 'kind'> & { kind: ReminderRecord['kind'] },
  now: Date,
  ttlDays: number,
): ReminderRecord {
  return { ...plan, createdAt: now.toISOString(), ttl: Math.floor(now.getTime() / 1000) + ttlDays * DAY_S };
}
