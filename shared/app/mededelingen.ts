import { ClientError, ValidationError } from '../domain/errors.js';
import { MEDEDELING_MESSAGES, mededelingSchema, schoolsOfWijkagent } from '../domain/mededeling.js';
import { isActiveOn, type Party } from '../domain/parties.js';
import type { MededelingSubmission } from '../domain/submission.js';
import { amsterdamDate } from '../domain/time.js';
import { newReference } from './ids.js';
import { type Accepted, type IntakeDeps, storeOnce } from './intake.js';
import { assertNoPersonalData, parseOrThrow } from './validation.js';

/** The schools this wijkagent may address, for the form's choice list and for the check. */
export async function mededelingSchools(deps: Pick<IntakeDeps, 'store' | 'now'>, wijkagent: Party) {
  const today = amsterdamDate(deps.now());
  return schoolsOfWijkagent(await deps.store.listDirectory(), wijkagent, (p) => isActiveOn(p, today));
}

/**
 * Art. 7: the wijkagent (authenticated by its overview link) tells one school of its wijk something
 * first. Stored once like any submission, with an inbox entry for both, and emailed to the school.
 */
export async function submitMededeling(
  deps: IntakeDeps,
  wijkagent: Party,
  raw: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Accepted> {
  if (wijkagent.role !== 'wijkagent')
    throw new ClientError(403, [
      { path: 'token', message: 'Alleen de wijkagent kan de school zo een bericht sturen (artikel 7).' },
    ]);
  const input = parseOrThrow(mededelingSchema, raw, ['text']);
  assertNoPersonalData({ text: input.text });
  const school = (await mededelingSchools(deps, wijkagent)).find((p) => p.id === input.school);
  if (!school) throw new ValidationError([{ path: 'school', message: MEDEDELING_MESSAGES.schoolNotYours }]);
  const mededeling = { soort: input.soort, text: input.text };
  return storeOnce(deps, {
    party: wijkagent,
    idempotencyKey,
    body: { kind: 'mededeling', school: school.id, ...mededeling },
    build: () => {
      const now = deps.now();
      const id = newReference('P', now);
      const submission: MededelingSubmission = {
        kind: 'mededeling',
        id,
        createdAt: now.toISOString(),
        party: { id: wijkagent.id, name: wijkagent.name, kind: wijkagent.kind, wijk: wijkagent.wijk },
        school: { id: school.id, name: school.name, wijk: school.wijk },
        mededeling,
        recipients: [
          {
            partyId: school.id,
            name: school.name,
            role: 'school',
            article: '7',
            reason:
              'De politie maakt met de school afspraken over surveillance, aanhoudingen in school (zo mogelijk vooraf gemeld aan de schoolleiding) en controles van kluisjes.',
          },
        ],
        gaps: [],
      };
      return {
        id,
        submission,
        outbox: [{ template: 'submission-recipient' as const, recipientId: school.id }],
        response: { id, status: 'verstuurd', notified: [school.id] },
      };
    },
  });
}
