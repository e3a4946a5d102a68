import { AFSPRAAK_MESSAGES, afspraakSchema } from '../domain/afspraak.js';
import { ClientError, ValidationError } from '../domain/errors.js';
import { isActiveOn, type Party } from '../domain/parties.js';
import type { Recipient } from '../domain/routing.js';
import type { AfspraakSubmission } from '../domain/submission.js';
import { amsterdamDate } from '../domain/time.js';
import { newReference } from './ids.js';
import { type Accepted, type IntakeDeps, storeOnce } from './intake.js';
import { assertNoPersonalData, parseOrThrow } from './validation.js';

const ARTICLE_20 =
  'De convenantpartners maken per wijk en per school specifieke afspraken over de gevraagde inzet.';

/** Who an agreement concerns: the school (or every school of the wijk), its wijkagent and gebiedsmanager. */
export function afspraakRecipients(
  directory: readonly Party[],
  wijk: string,
  school: Party | undefined,
  today: string,
): Recipient[] {
  const active = directory.filter((p) => isActiveOn(p, today));
  const schools = school ? [school] : active.filter((p) => p.kind === 'school' && p.wijk === wijk);
  const ownWijkagents = schools.map((s) => s.contacts?.wijkagent).filter((id): id is string => !!id);
  const partners = active.filter(
    (p) =>
      (p.role === 'wijkagent' &&
        (ownWijkagents.includes(p.id) || (p.wijk === wijk && schools.some((s) => !s.contacts?.wijkagent)))) ||
      (p.role === 'gebiedsmanager-veiligheid' && p.wijk === wijk),
  );
  return [...schools, ...partners].map((p) => ({
    partyId: p.id,
    name: p.name,
    role: p.role,
    article: '20',
    reason: ARTICLE_20,
  }));
}

/**
 * Art. 20: the gemeente's coordinator (authenticated by its overview link) records an agreement for a
 * wijk or one school. Stored once like any submission (index `afspraak#<wijk>`), with an inbox entry
 * for each party it concerns, who are told by email.
 */
export async function submitAfspraak(
  deps: IntakeDeps,
  coordinator: Party,
  raw: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Accepted> {
  if (coordinator.role !== 'convenantcoordinator')
    throw new ClientError(403, [
      {
        path: 'token',
        message: 'Alleen de coördinator van de gemeente legt afspraken per wijk vast (artikel 20).',
      },
    ]);
  const input = parseOrThrow(afspraakSchema, raw, ['text']);
  assertNoPersonalData({ text: input.text });
  const today = amsterdamDate(deps.now());
  const directory = await deps.store.listDirectory();
  let school: Party | undefined;
  if (input.school) {
    school = directory.find((p) => p.id === input.school && p.kind === 'school' && isActiveOn(p, today));
    if (!school) throw new ValidationError([{ path: 'school', message: AFSPRAAK_MESSAGES.school }]);
    if (school.wijk !== input.wijk)
      throw new ValidationError([{ path: 'school', message: AFSPRAAK_MESSAGES.schoolElsewhere }]);
  }
  const recipients = afspraakRecipients(directory, input.wijk, school, today);
  const afspraak = { soort: input.soort, text: input.text };
  return storeOnce(deps, {
    party: coordinator,
    idempotencyKey,
    body: { kind: 'afspraak', wijk: input.wijk, school: school?.id, ...afspraak },
    build: () => {
      const now = deps.now();
      const id = newReference('A', now);
      const submission: AfspraakSubmission = {
        kind: 'afspraak',
        id,
        createdAt: now.toISOString(),
        party: { id: coordinator.id, name: coordinator.name, kind: coordinator.kind, wijk: coordinator.wijk },
        wijk: input.wijk,
        ...(school ? { school: { id: school.id, name: school.name, wijk: school.wijk } } : {}),
        afspraak,
        recipients,
        gaps: [],
      };
      return {
        id,
        submission,
        outbox: recipients.map((r) => ({
          template: 'submission-recipient' as const,
          recipientId: r.partyId,
        })),
        response: { id, status: 'vastgelegd', notified: recipients.map((r) => r.partyId) },
      };
    },
  });
}
