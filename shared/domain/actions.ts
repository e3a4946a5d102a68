import { OUTCOMES } from './beeindiging.js';
import { unknownFieldsError } from './fields.js';
import { describeMeeting, overlegSchema, plannedMeeting } from './overleg.js';
import type { ActionKind, CalendarAction } from './signing.js';
import * as z from './zod.js';

/** Actions on a submission (the calendar's own actions are handled apart). */
export type SubmissionAction = Exclude<ActionKind, CalendarAction>;

import { parseDate, parseDateTime } from './time.js';
import { isWorkingDay } from './working-days.js';

/** What a partner can answer, per action; every free text is checked for personal data too. */
/** The police's terugkoppeling (art. 8) as it happens; only the last two close the thread. */
export const HANDLINGS = [
  'in-behandeling',
  'aangifte-opgenomen',
  'doorgestuurd-zsm',
  'doorverwezen-naar-halt',
  'advies-aan-school',
  'geseponeerd',
  'afgehandeld',
] as const;
export const HANDLING_LABELS: Record<(typeof HANDLINGS)[number], string> = {
  'in-behandeling': 'In behandeling',
  'aangifte-opgenomen': 'Aangifte opgenomen',
  'doorgestuurd-zsm': 'Doorgestuurd via ZSM naar het OM',
  'doorverwezen-naar-halt': 'Doorverwezen naar Halt',
  'advies-aan-school': 'Advies aan de school',
  geseponeerd: 'Geseponeerd / geen vervolg',
  afgehandeld: 'Afgehandeld',
};
/** Outcomes after which the police's link closes; a referral to Halt does not end the police's thread. */
export const FINAL_HANDLINGS: ReadonlySet<string> = new Set(['geseponeerd', 'afgehandeld']);

/** Halt's afdoening (art. 16): it succeeded or it did not. */
export const AFDOENING_RESULTS = ['geslaagd', 'niet-geslaagd'] as const;
export const AFDOENING_LABELS: Record<(typeof AFDOENING_RESULTS)[number], string> = {
  geslaagd: 'Halt-afdoening geslaagd',
  'niet-geslaagd': 'Halt-afdoening niet geslaagd',
};

export const ANSWERS = ['geaccepteerd', 'ander-voorstel', 'afgewezen'] as const;
export const ANSWER_LABELS: Record<(typeof ANSWERS)[number], string> = {
  geaccepteerd: 'Geaccepteerd',
  'ander-voorstel': 'Andere datum voorgesteld',
  afgewezen: 'Afgewezen',
};

/** The same answers as choices on the form: what the partner does, in the imperative. */
export const ANSWER_CHOICES: Record<(typeof ANSWERS)[number], string> = {
  geaccepteerd: 'Accepteer de aanvraag',
  'ander-voorstel': 'Stel een andere datum voor',
  afgewezen: 'Wijs de aanvraag af',
};

export const ACTION_LABELS: Record<SubmissionAction, string> = {
  gezien: 'gezien',
  terugkoppeling: 'terugkoppeling van de politie',
  afdoening: 'Halt-afdoening afgerond',
  'voorlichting-antwoord': 'antwoord op de aanvraag',
  'beeindiging-uitkomst': 'uitkomst van het overleg over beëindiging',
  'overleg-plannen': 'datum van het overleg over beëindiging',
  status: 'status',
};

/** The article each answer follows from, for the email to the school. */
export const ACTION_ARTICLES: Record<SubmissionAction, string> = {
  gezien: '3a',
  terugkoppeling: '8',
  afdoening: '16',
  'voorlichting-antwoord': '9, 13, 17',
  'beeindiging-uitkomst': '22b, 22c',
  'overleg-plannen': '22b',
  status: '8',
};

const shortText = (what: string, max: number, ...checks: Array<z.core.$ZodCheck<string>>) =>
  z
    .string({ error: `Vul ${what} in.` })
    .check(z.trim(), z.maxLength(max, `Gebruik hoogstens ${max} tekens.`), ...checks);

const asList = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value.filter((v) => v !== '') : [value];

/** A calendar date (ISO or Dutch) that is today or earlier: when something happened or was decided. */
export const dateUpTo = (today: () => string, missing: string, future: string) =>
  z.pipe(
    z.string({ error: missing }),
    z.transform((value: string, ctx) => {
      const date = parseDate(value);
      if (!date) {
        z.customIssue(ctx, 'Vul een datum in, bijvoorbeeld 7-12-2026.');
        return z.NEVER;
      }
      if (date > today()) {
        z.customIssue(ctx, future);
        return z.NEVER;
      }
      return date;
    }),
  );

export function answerSchemas(now: () => Date, today: () => string) {
  const futureWorkingDays = z.pipe(
    z.transform(asList),
    z.pipe(
      z
        .array(z.string())
        .check(
          z.minLength(1, 'Stel minstens één andere datum voor.'),
          z.maxLength(3, 'Stel hoogstens drie data voor.'),
        ),
      z.transform((values: string[], ctx) => {
        const dates: string[] = [];
        for (const value of values) {
          const date = parseDate(value);
          if (!date)
            z.customIssue(ctx, `"${value.slice(0, 20)}" is geen datum. Schrijf bijvoorbeeld 7-12-2026.`);
          else if (date <= today()) z.customIssue(ctx, `${value} ligt niet in de toekomst.`);
          else if (!isWorkingDay(date)) z.customIssue(ctx, `${value} is geen werkdag.`);
          else dates.push(date);
        }
        return dates.sort();
      }),
    ),
  );
  const voorlichtingAnswer = z.strictObject(
    {
      answer: z.enum(ANSWERS, {
        error: 'Kies uw antwoord: accepteer, stel een andere datum voor of wijs af.',
      }),
      plannedAt: z.optional(z.string()),
      proposedDates: z.optional(z.unknown()),
      reason: z.optional(z.string().check(z.trim(), z.maxLength(500, 'Gebruik hoogstens 500 tekens.'))),
    },
    { error: unknownFieldsError('het antwoord') },
  );
  return {
    gezien: z.strictObject({}, { error: unknownFieldsError('het antwoord') }),
    terugkoppeling: z.strictObject(
      {
        handling: z.enum(HANDLINGS, { error: 'Kies hoe de melding wordt opgepakt.' }),
        text: shortText(
          'een korte toelichting',
          500,
          z.minLength(5, 'Geef een korte toelichting, in minstens 5 tekens.'),
        ),
      },
      { error: unknownFieldsError('de terugkoppeling') },
    ),
    afdoening: z.strictObject(
      {
        result: z.enum(AFDOENING_RESULTS, { error: 'Kies of de afdoening geslaagd of niet geslaagd is.' }),
        completedOn: dateUpTo(
          today,
          'Vul de datum in waarop de afdoening is afgerond.',
          'Deze datum ligt in de toekomst. Vul de datum van afronding in.',
        ),
        reference: z.optional(
          z
            .string()
            .check(
              z.trim(),
              z.regex(
                /^[A-Za-z0-9/-]{0,40}$/,
                'Een referentie bestaat uit hoogstens 40 letters, cijfers, - of /; geen namen.',
              ),
            ),
        ),
      },
      { error: unknownFieldsError('het antwoord') },
    ),
    'beeindiging-uitkomst': z.strictObject(
      {
        outcome: z.enum(OUTCOMES, { error: 'Kies de uitkomst van het overleg.' }),
        meetingOn: dateUpTo(
          today,
          'Vul de datum van het overleg in.',
          'Het overleg ligt in de toekomst. Leg de uitkomst vast na het overleg.',
        ),
      },
      { error: unknownFieldsError('de uitkomst') },
    ),
    'overleg-plannen': overlegSchema(today),
    'voorlichting-antwoord': z.pipe(
      voorlichtingAnswer,
      z.transform((answer: z.output<typeof voorlichtingAnswer>, ctx) => {
        if (answer.answer === 'geaccepteerd') {
          const planned = answer.plannedAt ? parseDateTime(answer.plannedAt) : undefined;
          if (!planned) {
            z.customIssue(ctx, 'Vul datum en tijd van de les in, bijvoorbeeld 7-12-2026 10:00.', [
              'plannedAt',
            ]);
            return z.NEVER;
          }
          if (planned.getTime() <= now().getTime()) {
            z.customIssue(ctx, 'Dit tijdstip ligt niet in de toekomst.', ['plannedAt']);
            return z.NEVER;
          }
          return { answer: answer.answer, plannedAt: planned.toISOString() };
        }
        if (answer.answer === 'ander-voorstel') {
          const dates = futureWorkingDays.safeParse(answer.proposedDates);
          if (!dates.success) {
            for (const issue of dates.error.issues) z.customIssue(ctx, issue.message, ['proposedDates']);
            return z.NEVER;
          }
          return { answer: answer.answer, proposedDates: dates.data };
        }
        if (!answer.reason || answer.reason.length < 5) {
          z.customIssue(ctx, 'Geef een korte reden, in minstens 5 tekens.', ['reason']);
          return z.NEVER;
        }
        return { answer: answer.answer, reason: answer.reason };
      }),
    ),
  } as const;
}

export type AnswerKind = Exclude<SubmissionAction, 'status'>;

/** Free-text fields per answer, for the privacy guard. */
export const ANSWER_FREE_TEXT: Record<AnswerKind, readonly string[]> = {
  gezien: [],
  terugkoppeling: ['text'],
  afdoening: ['reference'],
  'voorlichting-antwoord': ['reason'],
  'beeindiging-uitkomst': [],
  'overleg-plannen': ['place'],
};

export interface SubmissionEvent {
  sk: string;
  eventId: string;
  action: AnswerKind;
  partyId: string;
  partyName: string;
  at: string;
  data: Record<string, unknown>;
}

/** A link may be used again for a terugkoppeling that is not final: the police can send updates. */
export const isFinal = (action: AnswerKind, data: Record<string, unknown>): boolean =>
  action === 'overleg-plannen'
    ? false // the meeting may move: the same link sets a new date until the outcome is recorded
    : action !== 'terugkoppeling' || FINAL_HANDLINGS.has(String(data.handling));

/** The status of a submission, derived from its events only: there is no second copy that can drift. */
export function deriveStatus(
  kind: 'melding' | 'voorlichting' | 'beeindiging' | 'mededeling' | 'afspraak',
  events: readonly SubmissionEvent[],
): string {
  // Art. 7: a notice from the wijkagent asks nothing back; it is done once it is sent.
  if (kind === 'mededeling') return 'Verstuurd aan de school';
  // Art. 20: an agreement is recorded, and told to the parties concerned.
  if (kind === 'afspraak') return 'Vastgelegd';
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (kind === 'beeindiging') {
    const outcome = sorted.filter((e) => e.action === 'beeindiging-uitkomst').at(-1);
    if (!outcome) {
      const meeting = plannedMeeting(sorted);
      return meeting
        ? `Overleg gepland op ${describeMeeting({ meetingOn: meeting.meetingOn, ...(meeting.time ? { time: meeting.time } : {}) })}`
        : 'Aangekondigd, overleg nog niet vastgelegd';
    }
    return outcome.data.outcome === 'bevestigd'
      ? `Bevestigd: deelname eindigt op ${String(outcome.data.effectiveOn)}`
      : 'Ingetrokken: de partij blijft deelnemen';
  }
  if (kind === 'voorlichting') {
    const last = sorted.filter((e) => e.action === 'voorlichting-antwoord').at(-1);
    return last
      ? ANSWER_LABELS[last.data.answer as (typeof ANSWERS)[number]]
      : 'Aangevraagd, nog geen antwoord';
  }
  // The latest word of the police or Halt: a referral to Halt does not end the police's thread.
  const latest = sorted.filter((e) => e.action === 'terugkoppeling' || e.action === 'afdoening').at(-1);
  if (latest?.action === 'afdoening')
    return (
      AFDOENING_LABELS[latest.data.result as (typeof AFDOENING_RESULTS)[number]] ?? 'Halt-afdoening afgerond'
    );
  if (latest) return HANDLING_LABELS[latest.data.handling as (typeof HANDLINGS)[number]];
  if (sorted.some((e) => e.action === 'gezien')) return 'Gezien door een ontvanger';
  return 'Ontvangen, nog niet gezien';
}
