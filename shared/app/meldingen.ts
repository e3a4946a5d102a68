import type { MeldingSubmission } from '../domain/emails.js';
import { meldingSchema } from '../domain/melding.js';
import { routeMelding } from '../domain/routing.js';
import { newReference } from './ids.js';
import {
  type Accepted,
  assertNoPersonalData,
  authenticate,
  type IntakeDeps,
  parseOrThrow,
  storeOnce,
} from './intake.js';

/**
 * A school's melding (art. 3a, 3h, 4): authenticate the key, validate, refuse personal data, route
 * by the school's wijk and type, and store the submission with one outbox item per recipient and
 * one for the school's confirmation.
 */
export async function submitMelding(
  deps: IntakeDeps,
  raw: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Accepted> {
  const school = await authenticate(
    deps.store,
    raw,
    (party) => party.kind === 'school',
    'Een melding wordt gedaan door een school. Gebruik de formulierlink van uw school.',
  );
  const melding = parseOrThrow(meldingSchema(deps.now), raw, ['description']);
  assertNoPersonalData({ description: melding.description });
  const directory = await deps.store.listDirectory();
  const decision = routeMelding(melding.category, school, directory);

  return storeOnce(deps, {
    party: school,
    idempotencyKey,
    body: melding,
    build: () => {
      const now = deps.now();
      const id = newReference('M', now);
      const submission: MeldingSubmission = {
        id,
        kind: 'melding',
        createdAt: now.toISOString(),
        school: { id: school.id, name: school.name, wijk: school.wijk, schoolType: school.schoolType },
        melding,
        recipients: decision.recipients,
        gaps: decision.gaps,
      };
      return {
        id,
        item: {
          pk: `SUB#${id}`,
          sk: 'SUB',
          type: 'submission',
          gsi1pk: `melding#${school.wijk}`,
          gsi1sk: submission.createdAt,
          ...submission,
        },
        outbox: [
          ...decision.recipients.map((r) => ({
            template: 'melding-recipient' as const,
            recipientId: r.partyId,
          })),
          { template: 'melding-confirmation' as const, recipientId: school.id },
        ],
        response: {
          id,
          status: 'ontvangen',
          notified: decision.recipients.map((r) => r.partyId),
        },
      };
    },
  });
}
