import { formBoolean, formKeyField, idempotencyKeyField, unknownFieldsError } from './fields.js';
import { parseOccurrence } from './time.js';
import * as z from './zod.js';

export const MELDING_CATEGORIES = [
  'strafbaar-feit',
  'onveilige-situatie',
  'overlast-omgeving',
  'zorgsignaal',
] as const;
export type MeldingCategory = (typeof MELDING_CATEGORIES)[number];

export const SUBCATEGORIES = {
  'strafbaar-feit': [
    'diefstal',
    'vernieling',
    'geweld',
    'bedreiging',
    'wapenbezit',
    'drugs',
    'vuurwerk',
    'seksueel-grensoverschrijdend',
    'discriminatie',
    'overig',
  ],
  'onveilige-situatie': ['pesten', 'online-pesten', 'overig'],
} as const satisfies Partial<Record<MeldingCategory, readonly string[]>>;

export const LOCATIONS = ['schoolgebouw', 'schoolterrein', 'directe-omgeving'] as const;

/** Dutch labels for everything a user reads: forms, emails, confirmation pages. */
export const CATEGORY_LABELS: Record<MeldingCategory, string> = {
  'strafbaar-feit': 'Strafbaar feit',
  'onveilige-situatie': 'Onveilige situatie',
  'overlast-omgeving': 'Overlast in de omgeving van de school',
  zorgsignaal: 'Zorgsignaal',
};

export const SUBCATEGORY_LABELS: Record<string, string> = {
  diefstal: 'Diefstal',
  vernieling: 'Vernieling',
  geweld: 'Geweld',
  bedreiging: 'Bedreiging',
  wapenbezit: 'Wapenbezit',
  drugs: 'Drugs',
  vuurwerk: 'Vuurwerk',
  'seksueel-grensoverschrijdend': 'Seksueel grensoverschrijdend gedrag',
  discriminatie: 'Discriminatie',
  overig: 'Overig',
  pesten: 'Ernstig pesten',
  'online-pesten': 'Online pesten (social media)',
};

export const LOCATION_LABELS: Record<(typeof LOCATIONS)[number], string> = {
  schoolgebouw: 'In het schoolgebouw',
  schoolterrein: 'Op het schoolterrein',
  'directe-omgeving': 'In de directe omgeving van de school',
};

export const DESCRIPTION_MAX = 2000;

/**
 * Every message of the melding form, in one place: the schema gives them, the form puts them on its
 * fields for the enhancement script, so the browser and the server say the same words.
 */
export const MELDING_MESSAGES = {
  category: 'Kies wat voor melding het is.',
  subcategory: 'Kies wat er gebeurde.',
  location: 'Kies waar het gebeurde.',
  occurredAtMissing: 'Vul de datum in waarop het gebeurde. Weet u de tijd niet? Vul dan alleen de datum in.',
  occurredAtInvalid:
    'Deze datum bestaat niet of is niet te lezen. Schrijf de datum als 27-11-2026, met of zonder tijd, bijvoorbeeld 27-11-2026 10:30.',
  occurredAtFuture: 'Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde.',
  descriptionShort: 'Beschrijf wat er gebeurde, in minstens 10 tekens.',
  descriptionLong: `De beschrijving is te lang. Maak haar korter: hoogstens ${DESCRIPTION_MAX} tekens.`,
  aangifte: 'Aangifte overwegen kan alleen bij een strafbaar feit. Zet dit vakje uit.',
} as const;

/**
 * The melding as it arrives (art. 3a, 3h, 4). `now` is handed in so "not in the future" is testable
 * and a few minutes of clock difference between a school's computer and the server is tolerated.
 */
export function meldingSchema(now: () => Date, clockSkewMs = 5 * 60_000) {
  return z.pipe(
    z
      .strictObject(
        {
          formKey: formKeyField,
          idempotencyKey: idempotencyKeyField,
          category: z.enum(MELDING_CATEGORIES, { error: MELDING_MESSAGES.category }),
          subcategory: z.optional(z.string({ error: MELDING_MESSAGES.subcategory })),
          location: z.enum(LOCATIONS, { error: MELDING_MESSAGES.location }),
          occurredAt: z.pipe(
            z.string({ error: MELDING_MESSAGES.occurredAtMissing }),
            z.transform((value: string, ctx) => {
              if (value.trim() === '') {
                ctx.issues.push({
                  code: 'custom',
                  message: MELDING_MESSAGES.occurredAtMissing,
                  input: value,
                });
                return z.NEVER;
              }
              const occurrence = parseOccurrence(value);
              if (!occurrence) {
                ctx.issues.push({
                  code: 'custom',
                  message: MELDING_MESSAGES.occurredAtInvalid,
                  input: value,
                });
                return z.NEVER;
              }
              if (
                occurrence.instant.getTime() >
                now().getTime() + (occurrence.timeKnown ? clockSkewMs : 12 * 3_600_000)
              ) {
                ctx.issues.push({ code: 'custom', message: MELDING_MESSAGES.occurredAtFuture, input: value });
                return z.NEVER;
              }
              return occurrence;
            }),
          ),
          description: z
            .string({ error: MELDING_MESSAGES.descriptionShort })
            .check(
              z.trim(),
              z.minLength(10, MELDING_MESSAGES.descriptionShort),
              z.maxLength(DESCRIPTION_MAX, MELDING_MESSAGES.descriptionLong),
            ),
          aangifteOverwogen: z.optional(formBoolean),
        },
        { error: unknownFieldsError('de melding') },
      )
      .check(
        z.superRefine(
          (melding, ctx) => {
            // Runs even when other fields failed, so the school sees every problem in one go.
            if (!(MELDING_CATEGORIES as readonly string[]).includes(melding.category)) return;
            const allowed: readonly string[] | undefined =
              melding.category in SUBCATEGORIES
                ? SUBCATEGORIES[melding.category as keyof typeof SUBCATEGORIES]
                : undefined;
            const subcategory = typeof melding.subcategory === 'string' ? melding.subcategory : '';
            if (allowed && !allowed.includes(subcategory)) {
              ctx.addIssue({
                code: 'custom',
                path: ['subcategory'],
                message: MELDING_MESSAGES.subcategory,
              });
            }
            if (!allowed && subcategory) {
              ctx.addIssue({
                code: 'custom',
                path: ['subcategory'],
                message: `Bij ${CATEGORY_LABELS[melding.category].toLowerCase()} hoort geen subcategorie. Laat dit veld leeg.`,
              });
            }
            if (melding.category !== 'strafbaar-feit' && melding.aangifteOverwogen === true) {
              ctx.addIssue({
                code: 'custom',
                path: ['aangifteOverwogen'],
                message: MELDING_MESSAGES.aangifte,
              });
            }
          },
          { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
        ),
      ),
    z.transform(
      ({
        formKey: _formKey,
        idempotencyKey: _idempotencyKey,
        occurredAt,
        ...melding
      }: {
        formKey: string;
        idempotencyKey?: string;
        category: MeldingCategory;
        subcategory?: string;
        location: (typeof LOCATIONS)[number];
        occurredAt: NonNullable<ReturnType<typeof parseOccurrence>>;
        description: string;
        aangifteOverwogen?: boolean;
      }) => ({
        ...melding,
        occurredAt: occurredAt.instant.toISOString(),
        // A date without a time: the time is unknown (stored at noon, shown as "tijd onbekend").
        ...(occurredAt.timeKnown ? {} : { occurredAtTimeUnknown: true as const }),
        subcategory: melding.subcategory || undefined,
        aangifteOverwogen:
          melding.category === 'strafbaar-feit' ? (melding.aangifteOverwogen ?? false) : undefined,
      }),
    ),
  );
}

export type Melding = z.output<ReturnType<typeof meldingSchema>>;
