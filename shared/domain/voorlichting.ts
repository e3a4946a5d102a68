import { formBoolean, formKeyField, idempotencyKeyField, unknownFieldsError } from './fields.js';
import type { RouteRule } from './routing.js';
import { parseDate } from './time.js';
import * as z from './zod.js';

/** The providers the product knows; more come from the directory (role `voorlichter`, art. 3d). */
export const PROVIDERS = ['halt', 'politie', 'jou', 'ggd'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const isFixedProvider = (provider: string): provider is Provider =>
  (PROVIDERS as readonly string[]).includes(provider);

/** A provider as the form offers it: a fixed one, or a party from the directory. */
export interface ProviderChoice {
  id: string;
  label: string;
  hint?: string | undefined;
}

/**
 * The providers a school can choose: the fixed ones, then every active directory party with role
 * `voorlichter` (art. 3d: Jellinek, OV Utrecht, ...), added without a code change.
 */
export function providerChoices(
  directory: ReadonlyArray<{
    id: string;
    role: string;
    voorlichting?: { label: string; hint?: string | undefined } | undefined;
  }>,
  isActive: (id: string) => boolean,
): ProviderChoice[] {
  return [
    ...PROVIDERS.map((id) => ({ id, label: PROVIDER_LABELS[id] })),
    ...directory
      .filter((p) => p.role === 'voorlichter' && p.voorlichting && !isFixedProvider(p.id) && isActive(p.id))
      .map((p) => ({ id: p.id, label: p.voorlichting?.label ?? p.id, hint: p.voorlichting?.hint }))
      .sort((a, b) => a.label.localeCompare(b.label, 'nl')),
  ];
}

/** The label of a request's provider: the fixed label, or the one stored from the directory. */
export const providerLabel = (request: { provider: string; providerLabel?: string | undefined }): string =>
  isFixedProvider(request.provider)
    ? PROVIDER_LABELS[request.provider]
    : (request.providerLabel ?? request.provider);

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

/** The form's messages, given by the schema and put on the form's fields for the script: the same words everywhere. */
export const VOORLICHTING_MESSAGES = {
  provider: 'Kies wie de voorlichting geeft.',
  haltTheme: 'Kies een thema van Halt.',
  theme: 'Vul het thema in, in minstens 3 tekens.',
  themeLong: 'Het thema is te lang. Gebruik hoogstens 200 tekens.',
  audience: 'Kies voor wie de voorlichting is: leerlingen, ouders, personeel of meer dan één.',
  groupSize: 'Vul het aantal deelnemers in als getal, bijvoorbeeld 25.',
  preferredDates: 'Vul minstens één voorkeursdatum in, bijvoorbeeld 7-12-2026.',
  dateInvalid: 'Deze datum bestaat niet of is niet te lezen. Schrijf de datum als 7-12-2026.',
  remarksLong: `De opmerkingen zijn te lang. Maak ze korter: hoogstens ${REMARKS_MAX} tekens.`,
} as const;

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
  const fields = z
    .strictObject(
      {
        formKey: formKeyField,
        idempotencyKey: idempotencyKeyField,
        // A fixed provider or a directory party's id; which ones exist is checked against the directory.
        provider: z
          .string({ error: VOORLICHTING_MESSAGES.provider })
          .check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, VOORLICHTING_MESSAGES.provider)),
        // A form without JavaScript sends both the Halt choice and the free-text field: the filled one counts.
        theme: z.pipe(
          z.transform((v: unknown) =>
            Array.isArray(v) ? (v.find((x) => typeof x === 'string' && x.trim() !== '') ?? '') : v,
          ),
          // Checked against the provider below: Halt's themes are chosen, the others typed.
          z
            .string({ error: VOORLICHTING_MESSAGES.theme })
            .check(z.trim(), z.maxLength(200, VOORLICHTING_MESSAGES.themeLong)),
        ),
        audience: z.pipe(
          z.transform(asList),
          z
            .array(z.enum(AUDIENCES, { error: VOORLICHTING_MESSAGES.audience }), {
              error: VOORLICHTING_MESSAGES.audience,
            })
            .check(z.minLength(1, VOORLICHTING_MESSAGES.audience), z.maxLength(3)),
        ),
        groupSize: z.coerce
          .number({ error: VOORLICHTING_MESSAGES.groupSize })
          .check(
            z.int('Vul het aantal deelnemers in als heel getal.'),
            z.minimum(1, 'Vul het aantal deelnemers in: minstens 1.'),
            z.maximum(
              2000,
              'Hoogstens 2000 deelnemers per aanvraag; doe voor grotere groepen meer aanvragen.',
            ),
          ),
        preferredDates: z.pipe(
          z.transform(asList),
          z.pipe(
            z
              .array(z.string(), { error: VOORLICHTING_MESSAGES.preferredDates })
              .check(
                z.minLength(1, VOORLICHTING_MESSAGES.preferredDates),
                z.maxLength(3, 'Vul hoogstens drie voorkeursdata in.'),
              ),
            z.transform((values: string[], ctx) => {
              const dates: string[] = [];
              const issue = (message: string) => ctx.issues.push({ code: 'custom', message, input: values });
              for (const value of values) {
                const date = parseDate(value);
                if (!date) {
                  issue(VOORLICHTING_MESSAGES.dateInvalid);
                } else if (date <= today()) {
                  issue(`${value} ligt niet in de toekomst. Kies een latere datum.`);
                } else if (!isWorkingDay(date)) {
                  issue(`${value} is geen werkdag (weekend of feestdag). Kies een andere datum.`);
                } else if (!dates.includes(date)) {
                  dates.push(date);
                }
              }
              return dates.sort();
            }),
          ),
        ),
        withParentMeeting: z.optional(formBoolean),
        remarks: z.optional(
          z.string().check(z.trim(), z.maxLength(REMARKS_MAX, VOORLICHTING_MESSAGES.remarksLong)),
        ),
      },
      { error: unknownFieldsError('de aanvraag') },
    )
    .check(
      z.superRefine(
        (request, ctx) => {
          if (typeof request.theme !== 'string') return;
          if (request.provider !== 'halt' && request.theme.length < 3) {
            ctx.addIssue({ code: 'custom', path: ['theme'], message: VOORLICHTING_MESSAGES.theme });
          }
          if (request.provider === 'halt' && !(HALT_THEMES as readonly string[]).includes(request.theme)) {
            ctx.addIssue({
              code: 'custom',
              path: ['theme'],
              message: VOORLICHTING_MESSAGES.haltTheme,
            });
          }
        },
        { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
      ),
    );
  return z.pipe(
    fields,
    z.transform(({ formKey: _f, idempotencyKey: _i, ...request }: z.output<typeof fields>) => ({
      ...request,
      /** Set at intake for a provider from the directory: its label when the request was made. */
      providerLabel: undefined as string | undefined,
      withParentMeeting: request.withParentMeeting ?? false,
      remarks: request.remarks || undefined,
    })),
  );
}

export type Voorlichting = z.output<ReturnType<typeof voorlichtingSchema>>;

export const themeLabel = (request: Pick<Voorlichting, 'provider' | 'theme'>): string =>
  request.provider === 'halt'
    ? (HALT_THEME_LABELS[request.theme as keyof typeof HALT_THEME_LABELS] ?? request.theme)
    : request.theme;
