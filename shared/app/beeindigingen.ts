import type { SubmissionEvent } from '../domain/actions.js';
import { beeindigingSchema } from '../domain/beeindiging.js';
import { announcedInTime, currentTerm, lastTerm } from '../domain/covenant.js';
import { OpenBeeindigingError } from '../domain/errors.js';
import { isActiveOn, isSignatory, type Party } from '../domain/parties.js';
import type { Recipient } from '../domain/routing.js';
import type { BeeindigingSubmission } from '../domain/submission.js';
import { amsterdamDate } from '../domain/time.js';
import { newReference } from './ids.js';
import { type Accepted, authenticate, type IntakeDeps, storeOnce } from './intake.js';
import { allTerms } from './terms.js';
import { assertNoPersonalData, parseOrThrow } from './validation.js';

/** Everyone else is told (art. 22a); the gemeente's coordinator also organises the meeting (art. 22b). */
function recipientsOf(directory: readonly Party[], leaving: Party, today: string): Recipient[] {
  return directory
    .filter((p) => p.id !== leaving.id && isActiveOn(p, today) && isSignatory(p))
    .map((p) =>
      p.role === 'convenantcoordinator'
        ? {
            partyId: p.id,
            name: p.name,
            role: p.role,
            article: '22a, 22b',
            reason: 'De gemeente draagt zorg voor overleg over het voornemen tussen alle partijen.',
          }
        : {
            partyId: p.id,
            name: p.name,
            role: p.role,
            article: '22a',
            reason: 'Een partij deelt het voornemen tot beëindiging schriftelijk mee aan de andere partijen.',
          },
    );
}

/** The reference of the party's announcement whose outcome is not recorded yet, if there is one. */
async function openAnnouncementOf(deps: IntakeDeps, partyId: string): Promise<string | undefined> {
  const all = await deps.store.submissionsIn<BeeindigingSubmission>({ kind: 'beeindiging' }, '0000', '9999');
  for (const announcement of all.filter((a) => a.party.id === partyId)) {
    const events = await deps.store.listEvents<SubmissionEvent>(announcement.id);
    if (!events.some((e) => e.action === 'beeindiging-uitkomst')) return announcement.id;
  }
  return undefined;
}

/** Art. 22a: any party announces in writing that it intends to leave; the answer says if it was in time. */
export async function submitBeeindiging(
  deps: IntakeDeps,
  raw: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Accepted> {
  const today = amsterdamDate(deps.now());
  const party = await authenticate(
    deps.store,
    today,
    raw,
    isSignatory,
    'Uw organisatie geeft voorlichting (zoals de GGD), maar heeft het convenant niet ondertekend en kan dus geen beëindiging aankondigen.',
    deps.cache,
  );
  const { reason } = parseOrThrow(beeindigingSchema, raw, ['reason']);
  assertNoPersonalData({ reason });
  const terms = await allTerms(deps);
  const term = currentTerm(terms, today) ?? lastTerm(terms);
  const timely = announcedInTime(today, term);
  const recipients = recipientsOf(await deps.store.listDirectory(), party, today);
  return storeOnce(deps, {
    party,
    formKey: String(raw.formKey),
    idempotencyKey,
    body: { kind: 'beeindiging', reason },
    precondition: async () => {
      const open = await openAnnouncementOf(deps, party.id);
      if (open) throw new OpenBeeindigingError(open);
    },
    build: () => {
      const now = deps.now();
      const id = newReference('B', now);
      const submission: BeeindigingSubmission = {
        kind: 'beeindiging',
        id,
        createdAt: now.toISOString(),
        party: { id: party.id, name: party.name, kind: party.kind, wijk: party.wijk },
        beeindiging: { reason },
        termEnd: term.end,
        timely,
        recipients,
        gaps: recipients.some((r) => r.role === 'convenantcoordinator')
          ? []
          : [{ role: 'convenantcoordinator', article: '22b' }],
      };
      return {
        id,
        submission,
        outbox: [
          ...recipients.map((r) => ({ template: 'submission-recipient' as const, recipientId: r.partyId })),
          { template: 'submission-confirmation' as const, recipientId: party.id },
        ],
        response: {
          id,
          status: 'ontvangen',
          notified: recipients.map((r) => r.partyId),
          termEnd: term.end,
          timely,
        },
      };
    },
  });
}
