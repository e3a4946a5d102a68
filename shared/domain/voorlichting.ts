import { z } from 'zod';
import { formBoolean, formKeyField, idempotencyKeyField, list, unknownFieldsError } from './fields.js';
import type { RouteRule } from './routing.js';
import { parseDate } from './time.js';

export const PROVIDERS = ['halt', 'politie', 'jou', 'ggd'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const PROVIDER_LABELS: Record<Provider, string> = {
  halt: 'Halt',
  politie: 'Politie (wijkagent)',
  jou: 'Jongerenwerk Utrecht (JoU)',
  ggd: 'Volksgezondheid (GGD)',
};

/** Article 17, word for word as themes. */
export const HALT_THEMES = [
  'jeugdcriminaliteit',
  'groepsdruk',
  'online-veiligheid',
  'veilige-publieke-taak',
  'overlast-jaarwisseling',
  'wapens-en-geweld',
  'online-fraude-en-cybercriminaliteit',
] as const;

export const HALT_THEME_LABELS: Record<(typeof HALT_THEMES)[number], string> = {
  jeugdcriminaliteit: 'Jeugdcriminaliteit',
  groepsdruk: 'Groepsdruk',
  'online-veiligheid': 'Online veiligheid',
  'veilige-publieke-taak': 'Veilige publieke taak',
  'overlast-jaarwisseling': 'Overlast tijdens de jaarwisseling',
  'wapens-en-geweld': 'Wapens en geweld',
  'online-fraude-en-cybercriminaliteit': 'Online fraude en cybercriminaliteit',
};

export const AUDIENCES = ['leerlingen', 'ouders', 'personeel'] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = {
  leerlingen: 'Leerlingen',
  ouders: 'Ouders',
  personeel: 'Personeel',
};

export const VOORLICHTING_ROUTES: Record<Provider, readonly RouteRule[]> = {
  halt: [
    {
      role: 'halt',
      article: '17',
      reason: 'Halt geeft voorlichtingslessen op maat over de thema’s van artikel 17.',
    },
  ],
  politie: [
    {
      role: 'wijkagent',
      article: '9',
      reason:
        'De politie geeft na afstemming voorlichting op scholen; de wijkagent is het eerste aanspreekpunt.',
    },
  ],
  jou: [{ role: 'jou', article: '3d', reason: 'De school werkt voor voorlichting samen met JoU.' }],
  ggd: [
    {
      role: 'ggd',
      article: '13',
      reason: 'Volksgezondheid biedt lesprogramma’s over alcohol en genotsmiddelen.',
    },
  ],
};

export const REMARKS_MAX = 1000;

const asList = (value: unknown) =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value.filter((v) => v !== '') : [value];

/**
 * A voorlichting request (art. 9, 13, 17, 3d). Preferred dates are future working days in
 * Amsterdam: no weekend, no Dutch public holiday.
 */
export interface DateChecks {
  /** Today in Amsterdam, YYYY-MM-DD. */
  today: () => string;
  /** The server passes the full check (public holidays); the browser a lighter one, the server decides. */
  isWorkingDay: (date: string) => boolean;
}

export function voorlichtingSchema({ today, isWorkingDay }: DateChecks) {
  return z
    .strictObject(
      {
        formKey: formKeyField,
        idempotencyKey: idempotencyKeyField,
        provider: z.enum(PROVIDERS, { error: `Kies wie de voorlichting geeft (${list(PROVIDERS)}).` }),
        // A form without JavaScript sends both the Halt choice and the free-text field: the filled one counts.
        theme: z.preprocess(
          (v) => (Array.isArray(v) ? (v.find((x) => typeof x === 'string' && x.trim() !== '') ?? '') : v),
          z
            .string({ error: 'Vul het thema in.' })
            .trim()
            .min(3, 'Vul het thema in, in minstens 3 tekens.')
            .max(200, 'Het thema is te lang: gebruik hoogstens 200 tekens.'),
        ),
        audience: z.preprocess(
          asList,
          z
            .array(z.enum(AUDIENCES, { error: `Kies voor wie: ${list(AUDIENCES)}.` }), {
              error: 'Kies voor wie de voorlichting is.',
            })
            .min(1, 'Kies voor wie de voorlichting is: leerlingen, ouders of personeel.')
            .max(3),
        ),
        groupSize: z.coerce
          .number({ error: 'Vul het aantal deelnemers in als getal.' })
          .int('Vul het aantal deelnemers in als heel getal.')
          .min(1, 'Vul het aantal deelnemers in: minstens 1.')
          .max(2000, 'Hoogstens 2000 deelnemers per aanvraag; doe voor grotere groepen meer aanvragen.'),
        preferredDates: z.preprocess(
          asList,
          z
            .array(z.string(), { error: 'Vul één tot drie voorkeursdata in.' })
            .min(1, 'Vul minstens één voorkeursdatum in.')
            .max(3, 'Vul hoogstens drie voorkeursdata in.')
            .transform((values, ctx) => {
              const dates: string[] = [];
              for (const value of values) {
                const date = parseDate(value);
                if (!date) {
                  ctx.addIssue({
                    code: 'custom',
                    message: `"${value.slice(0, 20)}" is geen datum. Schrijf een datum als 7-12-2026.`,
                  });
                } else if (date <= today()) {
                  ctx.addIssue({
                    code: 'custom',
                    message: `${value} ligt niet in de toekomst. Kies een latere datum.`,
                  });
                } else if (!isWorkingDay(date)) {
                  ctx.addIssue({
                    code: 'custom',
                    message: `${value} is geen werkdag (weekend of feestdag). Kies een andere datum.`,
                  });
                } else if (!dates.includes(date)) {
                  dates.push(date);
                }
              }
              return dates.sort();
            }),
        ),
        withParentMeeting: formBoolean.optional(),
        remarks: z
          .string()
          .trim()
          .max(REMARKS_MAX, `De opmerkingen zijn te lang: gebruik hoogstens ${REMARKS_MAX} tekens.`)
          .optional(),
      },
      { error: unknownFieldsError('de aanvraag') },
    )
    .superRefine(
      (request, ctx) => {
        if (request.provider === 'halt' && !(HALT_THEMES as readonly string[]).includes(request.theme)) {
          ctx.addIssue({
            code: 'custom',
            path: ['theme'],
            message: `Kies een thema van Halt (artikel 17): ${list(HALT_THEMES)}.`,
          });
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .transform(({ formKey: _f, idempotencyKey: _i, ...request }) => ({
      ...request,
      withParentMeeting: request.withParentMeeting ?? false,
      remarks: request.remarks || undefined,
    }));
}

export type Voorlichting = z.output<ReturnType<typeof voorlichtingSchema>>;

export const themeLabel = (request: Pick<Voorlichting, 'provider' | 'theme'>): string =>
  request.provider === 'halt'
    ? (HALT_THEME_LABELS[request.theme as keyof typeof HALT_THEME_LABELS] ?? request.theme)
    : request.theme;
