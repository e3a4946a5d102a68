import type { Mailer } from '../adapters/mailer.js';
import type { CovenantStore, OutboxItem } from '../adapters/store.js';
import {
  type EmailMessage,
  type MeldingSubmission,
  meldingConfirmation,
  meldingToRecipient,
} from '../domain/emails.js';
import type { Party } from '../domain/parties.js';

export interface NotifyDeps {
  store: CovenantStore;
  mailer: Mailer;
  now: () => Date;
  leaseMs: number;
}

/** A delivery that cannot succeed on retry (missing data): it goes to the failure destination. */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

export type DeliveryOutcome = 'sent' | 'already-handled' | 'recipient-inactive';

function render(item: OutboxItem, submission: MeldingSubmission, party: Party): EmailMessage {
  switch (item.template) {
    case 'melding-recipient': {
      const recipient = submission.recipients.find((r) => r.partyId === party.id);
      if (!recipient)
        throw new UndeliverableError(`recipient ${party.id} not in routing of ${submission.id}`);
      return meldingToRecipient(submission, recipient, party);
    }
    case 'melding-confirmation':
      return meldingConfirmation(submission, party);
    default:
      throw new UndeliverableError(`unknown template ${String((item as { template?: unknown }).template)}`);
  }
}

/**
 * Sends the email for one outbox item at most once. The claim is a conditional update: a record
 * delivered twice (stream retries, a rerun) finds the item taken or sent and does nothing. A failed
 * send gives the claim back and throws, so the record is retried.
 */
export async function deliver(
  deps: NotifyDeps,
  key: Pick<OutboxItem, 'pk' | 'sk'>,
): Promise<DeliveryOutcome> {
  const claimed = await deps.store.claimOutbox(key, deps.now().getTime(), deps.leaseMs);
  if (!claimed) return 'already-handled';
  let messageId: string;
  try {
    const item = (await deps.store.getItem(key)) as OutboxItem | undefined;
    if (!item) throw new UndeliverableError(`outbox item ${key.pk}/${key.sk} vanished`);
    const submission = await deps.store.getSubmission<MeldingSubmission>(item.subjectId);
    if (!submission) throw new UndeliverableError(`submission ${item.subjectId} not found`);
    const party = await deps.store.getParty(item.recipientId);
    if (!party) throw new UndeliverableError(`party ${item.recipientId} not in directory`);
    const message = render(item, submission, party);
    messageId = await deps.mailer.send(party.email, message);
  } catch (error) {
    await deps.store.releaseOutbox(key, error instanceof Error ? error.name : 'error').catch(() => undefined);
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
