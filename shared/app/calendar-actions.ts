import { dateUpTo } from '../domain/actions.js';
import { parseDutySubject } from '../domain/calendar.js';
import { DECISIONS, nextTerm, type Term } from '../domain/covenant.js';
import { ClientError } from '../domain/errors.js';
import { unknownFieldsError } from '../domain/fields.js';
import type { CalendarLinkContext } from '../domain/links.js';
import { isActiveOn, isSignatory, type Party, ROLES } from '../domain/parties.js';
import { EVALUATIE_QUESTIONS } from '../domain/reminder-emails.js';
import type { CalendarAction } from '../domain/signing.js';
import { amsterdamDate } from '../domain/time.js';
import * as z from '../domain/zod.js';
import { type ActionDeps, isCalendarAction, LinkError } from './actions.js';
import { newOutboxItem, reminderRecord } from './outbox.js';
import { allTerms } from './terms.js';
import { assertNoPersonalData, parseOrThrow } from './validation.js';

/** A calendar link, checked: the party may use it, and what it points at. */
const reminderRecipients = async (deps: ActionDeps, key: string) =>
  (await deps.store.getReminder(key))?.recipients ?? [];

export async function openCalendarLink(deps: ActionDeps, token: string): Promise<CalendarLinkContext> {
  const verified = await deps.links.verify(token);
  if (!verified.ok) throw new LinkError(verified.reason);
  const { claims } = verified;
  if (!isCalendarAction(claims.a)) throw new LinkError('not-allowed');
  const party = await deps.store.getParty(claims.p);
  if (!party) throw new LinkError('not-allowed');
  if (!isActiveOn(party, amsterdamDate(deps.now()))) throw new LinkError('inactive');
  const base = { claims: claims as CalendarLinkContext['claims'], party };
  switch (claims.a) {
    case 'verlenging': {
      if (party.role !== 'convenantcoordinator') throw new LinkError('not-allowed');
      const term = (await allTerms(deps)).find((t) => `TERM-${t.number}` === claims.s);
      if (!term) throw new LinkError('unknown-subject');
      const decision = await deps.store.getDecision(term.number);
      return { ...base, term, ...(decision ? { answeredAt: String(decision.at) } : {}) };
    }
    case 'evaluatie':
    case 'wijkrapport': {
      const invitation = await deps.store.getReminder(`evaluatie-uitnodiging#${claims.s}`);
      if (!invitation) throw new LinkError('unknown-subject');
      const { wijk, year } = invitation.data as { wijk: string; year: number };
      const invited = await reminderRecipients(deps, `evaluatie-vragenlijst#${claims.s}`);
      const round = { id: claims.s, wijk, year, invited };
      if (claims.a === 'wijkrapport') {
        const mayRead =
          party.role === 'convenantcoordinator' ||
          ((party.role === 'gebiedsmanager-veiligheid' || party.role === 'wijkagent') && party.wijk === wijk);
        if (!mayRead) throw new LinkError('not-allowed');
        return { ...base, round };
      }
      if (!invited.includes(party.id)) throw new LinkError('not-allowed');
      const answer = await deps.store.getEvaluatieAnswer(claims.s, party.id);
      return { ...base, round, ...(answer ? { answeredAt: String(answer.at) } : {}) };
    }
    case 'contact': {
      const confirmed = await deps.store.getContactCheck(claims.s, party.id);
      return { ...base, ...(confirmed ? { answeredAt: String(confirmed.at) } : {}) };
    }
    case 'gedaan': {
      // Only a school the yearly reminder went to can say it did the duty.
      const duty = parseDutySubject(claims.s);
      if (!duty) throw new LinkError('unknown-subject');
      if (party.kind !== 'school') throw new LinkError('not-allowed');
      const sentTo = await reminderRecipients(deps, `${duty.duty}#${duty.year}`);
      if (!sentTo.includes(party.id)) throw new LinkError('not-allowed');
      const done = await deps.store.getSchoolDuty(claims.s, party.id);
      return { ...base, duty, ...(done ? { answeredAt: String(done.at) } : {}) };
    }
  }
}

const SCORE_MESSAGE = 'Kies een antwoord op deze vraag.';
const score = z.coerce
  .number({ error: SCORE_MESSAGE })
  .check(z.int(SCORE_MESSAGE), z.minimum(1, SCORE_MESSAGE), z.maximum(5, SCORE_MESSAGE));
const comment = z.optional(
  z.string().check(z.trim(), z.maxLength(1000, 'Gebruik hoogstens 1000 tekens per toelichting.')),
);

export function calendarAnswerSchema(action: CalendarAction, today: () => string) {
  switch (action) {
    case 'verlenging':
      return z.strictObject(
        {
          decision: z.enum(DECISIONS, { error: 'Kies of het convenant wordt verlengd.' }),
          decidedOn: dateUpTo(
            today,
            'Vul de datum van het besluit in.',
            'Het besluit ligt in de toekomst. Vul de datum van het besluit in.',
          ),
        },
        { error: unknownFieldsError('het besluit') },
      );
    case 'evaluatie':
      return z.strictObject(
        Object.fromEntries(
          EVALUATIE_QUESTIONS.flatMap((_, i) => [
            [`score${i + 1}`, score],
            [`comment${i + 1}`, comment],
          ]),
        ),
        { error: unknownFieldsError('de antwoorden') },
      );
    case 'contact':
      return z.strictObject(
        {
          stillContact: z.enum(['ja', 'nee'], { error: 'Kies ja of nee.' }),
        },
        { error: unknownFieldsError('het antwoord') },
      );
    case 'gedaan':
      return z.strictObject(
        {
          doneOn: dateUpTo(
            today,
            'Vul de datum in waarop het gedaan is.',
            'Deze datum ligt in de toekomst. Vul de datum in waarop het gedaan is.',
          ),
        },
        { error: unknownFieldsError('het antwoord') },
      );
    case 'wijkrapport':
      return z.strictObject({});
  }
}

const DAY_S = 86_400;
/** Reminders, decisions and answers are kept this long (the calendar looks back over two years). */
const REMINDER_TTL_DAYS = 800;

/** Records a calendar answer once; returns what to say to the user. */
/** A questionnaire or a "gedaan" link answered a second time: refused, nothing changes. */
const alreadyAnswered = () =>
  new ClientError(409, [{ path: 'token', message: 'Hierop is al geantwoord. Er is niets veranderd.' }]);

export async function answerCalendarLink(
  deps: ActionDeps,
  token: string,
  raw: Record<string, unknown>,
  directory: () => Promise<Party[]>,
): Promise<{ message: string; context: CalendarLinkContext }> {
  const context = await openCalendarLink(deps, token);
  const { claims, party } = context;
  if (claims.a === 'wijkrapport') throw new LinkError('not-allowed');
  if (context.answeredAt)
    throw new ClientError(409, [
      { path: 'token', message: 'Hierop is al geantwoord. Er is niets veranderd.' },
    ]);
  const { idempotencyKey: _ignored, ...fields } = raw;
  const today = amsterdamDate(deps.now());
  const free = claims.a === 'evaluatie' ? EVALUATIE_QUESTIONS.map((_, i) => `comment${i + 1}`) : [];
  const data = parseOrThrow(
    calendarAnswerSchema(claims.a, () => today),
    fields,
    free,
  ) as Record<string, unknown>;
  assertNoPersonalData(
    Object.fromEntries(free.map((f) => [f, typeof data[f] === 'string' ? (data[f] as string) : undefined])),
  );
  const now = deps.now();
  const nowS = Math.floor(now.getTime() / 1000);
  const at = now.toISOString();
  const reminderOutbox = (key: string, recipients: string[], ttlDays: number) =>
    recipients.map((recipientId) =>
      newOutboxItem({ template: 'reminder', subjectId: key, recipientId }, now, ttlDays),
    );

  switch (claims.a) {
    case 'verlenging': {
      const term = context.term as Term;
      const next = data.decision === 'verlengd' ? nextTerm(term, 3) : undefined;
      const key = `verlenging-besluit#T${term.number}`;
      // Every signatory hears the decision; the GGD (a provider, not a signatory) does not.
      const everyone = (await directory())
        .filter((p) => isActiveOn(p, today) && isSignatory(p))
        .map((p) => p.id);
      const written = await deps.store.recordDecision(
        { term: term.number, decision: String(data.decision), decidedOn: data.decidedOn, by: party.id, at },
        next,
        reminderRecord(
          {
            key,
            kind: 'verlenging-besluit',
            dueOn: today,
            subjectId: `TERM-${term.number}`,
            recipients: everyone,
            data: {
              decision: data.decision,
              decidedOn: data.decidedOn,
              termEnd: term.end,
              newStart: next?.start,
              newEnd: next?.end,
            },
          },
          now,
          REMINDER_TTL_DAYS,
        ),
        reminderOutbox(key, everyone, REMINDER_TTL_DAYS),
      );
      if (!written)
        throw new ClientError(409, [
          { path: 'token', message: 'Over deze termijn is al besloten. Er is niets veranderd.' },
        ]);
      return {
        context,
        message: next
          ? `Vastgelegd: het convenant is verlengd tot en met ${next.end}. Alle partijen krijgen bericht.`
          : 'Vastgelegd: het convenant wordt niet verlengd. Alle partijen krijgen bericht.',
      };
    }
    case 'evaluatie': {
      const written = await deps.store.writeEvaluatieAnswer({
        roundId: claims.s,
        partyId: party.id,
        at,
        data,
        ttl: nowS + REMINDER_TTL_DAYS * DAY_S,
      });
      if (!written) throw alreadyAnswered();
      return {
        context,
        message: 'Dank u. Uw antwoorden zijn ontvangen en komen in de samenvatting voor de gebiedsmanager.',
      };
    }
    case 'gedaan': {
      const written = await deps.store.writeSchoolDuty({
        subject: claims.s,
        partyId: party.id,
        duty: String(context.duty?.duty),
        year: Number(context.duty?.year),
        doneOn: String(data.doneOn),
        at,
        ttl: nowS + REMINDER_TTL_DAYS * DAY_S,
      });
      if (!written) throw alreadyAnswered();
      return {
        context,
        message:
          'Dank u, vastgelegd dat het gedaan is. Het telt mee in het overzicht van de gemeente en in de jaarlijkse evaluatie. U krijgt hierover geen herinnering meer.',
      };
    }
    case 'contact': {
      // "No longer the contact" alerts the coordinator at once, in the same transaction (issue 15).
      const left = data.stillContact !== 'ja';
      const key = `contact-vertrokken#${claims.s}#${party.id}`;
      const coordinators = left
        ? (await directory())
            .filter((p) => p.role === 'convenantcoordinator' && isActiveOn(p, today))
            .map((p) => p.id)
        : [];
      await deps.store.recordContactCheck(
        {
          round: claims.s,
          partyId: party.id,
          stillContact: !left,
          at,
          ttl: nowS + REMINDER_TTL_DAYS * DAY_S,
        },
        left
          ? {
              reminder: reminderRecord(
                {
                  key,
                  kind: 'contact-vertrokken',
                  dueOn: today,
                  subjectId: claims.s,
                  recipients: coordinators,
                  data: { partyId: party.id, partyName: party.name, roleLabel: ROLES[party.role] },
                },
                now,
                REMINDER_TTL_DAYS,
              ),
              outbox: reminderOutbox(key, coordinators, 90),
            }
          : undefined,
      );
      return {
        context,
        message:
          data.stillContact === 'ja'
            ? 'Dank u, vastgelegd dat u nog de contactpersoon bent.'
            : 'Dank u. De beheerder neemt contact op om de juiste contactpersoon vast te leggen.',
      };
    }
  }
}
