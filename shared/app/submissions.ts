import type { Party } from '../domain/parties.js';
import type { RoutingDecision } from '../domain/routing.js';
import type { RoutedSubmission } from '../domain/submission.js';
import { newReference } from './ids.js';
import { type Accepted, type IntakeDeps, storeOnce } from './intake.js';

const PREFIX: Record<RoutedSubmission['kind'], string> = { melding: 'M', voorlichting: 'V' };

/**
 * Stores a routed submission once: the submission with its routing decision (indexed by kind, wijk
 * and time for the reports), one outbox item per recipient and one for the school's confirmation.
 */
export function storeRoutedSubmission<K extends RoutedSubmission['kind']>(
  deps: IntakeDeps,
  input: {
    school: Party;
    formKey?: string;
    idempotencyKey: string;
    kind: K;
    payload: Extract<RoutedSubmission, { kind: K }>[K & keyof Extract<RoutedSubmission, { kind: K }>];
    decision: RoutingDecision;
  },
): Promise<Accepted> {
  const { school, kind, payload, decision } = input;
  return storeOnce(deps, {
    party: school,
    ...(input.formKey ? { formKey: input.formKey } : {}),
    routedFromCache: deps.cache !== undefined,
    idempotencyKey: input.idempotencyKey,
    body: { kind, payload },
    build: () => {
      const now = deps.now();
      const id = newReference(PREFIX[kind], now);
      const submission = {
        id,
        kind,
        createdAt: now.toISOString(),
        school: { id: school.id, name: school.name, wijk: school.wijk, schoolType: school.schoolType },
        [kind]: payload,
        recipients: decision.recipients,
        gaps: decision.gaps,
      };
      return {
        id,
        submission,
        outbox: [
          ...decision.recipients.map((r) => ({
            template: 'submission-recipient' as const,
            recipientId: r.partyId,
          })),
          { template: 'submission-confirmation' as const, recipientId: school.id },
        ],
        response: { id, status: 'ontvangen', notified: decision.recipients.map((r) => r.partyId) },
      };
    },
  });
}
