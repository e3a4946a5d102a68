import { isActiveOn } from '../domain/parties.js';
import { type Submission, submitterOf } from '../domain/submission.js';
import { amsterdamDate } from '../domain/time.js';
import type { IntakeDeps } from './intake.js';
import { newOutboxItem } from './outbox.js';

/** A school may ask this many copies of one confirmation: enough to forward, too few to flood a mailbox. */
export const MAX_COPIES = 3;

export type CopyOutcome = 'queued' | 'limit' | 'not-found';

/**
 * "Mail mij een kopie" on the confirmation page: the confirmation email once more, to the submitter's
 * address in the directory. The address is never typed in, so the page cannot mail anyone else.
 */
export async function requestCopy(
  deps: Pick<IntakeDeps, 'store' | 'now' | 'retention'>,
  input: { formKey: string; id: string },
): Promise<CopyOutcome> {
  const party = input.formKey ? await deps.store.findPartyByFormKey(input.formKey) : undefined;
  const now = deps.now();
  if (!party || !isActiveOn(party, amsterdamDate(now))) return 'not-found';
  const submission = await deps.store.getSubmission<Submission>(input.id);
  if (!submission || submitterOf(submission).id !== party.id) return 'not-found';
  for (let n = 1; n <= MAX_COPIES; n++) {
    const outbox = newOutboxItem(
      { template: 'submission-confirmation', subjectId: submission.id, recipientId: party.id, copy: n },
      now,
      deps.retention.outboxDays,
    );
    if (await deps.store.writeCopy(submission.id, n, now.toISOString(), outbox)) return 'queued';
  }
  return 'limit';
}
