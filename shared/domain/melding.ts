import { z } from 'zod';
import { formBoolean, formKeyField, idempotencyKeyField, list, unknownFieldsError } from './fields.js';
import { parseDateTime } from './time.js';

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
 * The melding as it arrives (art. 3a, 3h, 4). `now` is handed in so "not in the future" is testable
 * and a few minutes of clock difference between a school's computer and the server is tolerated.
 */
export function meldingSchema(now: () => Date, clockSkewMs = 5 * 60_000) {
  return z
    .strictObject(
      {
        formKey: formKeyField,
        idempotencyKey: idempotencyKeyField,
        category: z.enum(MELDING_CATEGORIES, {
          error: `Kies wat voor melding het is (${list(MELDING_CATEGORIES)}).`,
        }),
        subcategory: z.string({ error: 'Kies wat er gebeurde.' }).optional(),
        location: z.enum(LOCATIONS, { error: `Kies waar het gebeurde (${list(LOCATIONS)}).` }),
        occurredAt: z
          .string({ error: 'Vul in wanneer het gebeurde (datum en tijd).' })
          .transform((value, ctx) => {
            if (value.trim() === '') {
              ctx.addIssue({ code: 'custom', message: 'Vul in wanneer het gebeurde: datum en tijd.' });
              return z.NEVER;
            }
            const instant = parseDateTime(value);
            if (!instant) {
              ctx.addIssue({
                code: 'custom',
                message:
                  'Deze datum en tijd bestaan niet of zijn onleesbaar. Schrijf ze als 27-11-2026 10:30.',
              });
              return z.NEVER;
            }
            if (instant.getTime() > now().getTime() + clockSkewMs) {
              ctx.addIssue({
                code: 'custom',
                message: 'Het tijdstip ligt in de toekomst. Vul in wanneer het gebeurde.',
              });
              return z.NEVER;
            }
            return instant.toISOString();
          }),
        description: z
          .string({ error: 'Beschrijf kort wat er gebeurde.' })
          .trim()
          .min(10, 'Beschrijf kort wat er gebeurde, in minstens 10 tekens.')
          .max(DESCRIPTION_MAX, `De beschrijving is te lang: gebruik hoogstens ${DESCRIPTION_MAX} tekens.`),
        aangifteOverwogen: formBoolean.optional(),
      },
      { error: unknownFieldsError('de melding') },
    )
    .superRefine(
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
            message: `Kies wat er gebeurde: ${list(allowed)}.`,
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
            message: 'Aangifte overwegen kan alleen bij een strafbaar feit. Laat dit vakje leeg.',
          });
        }
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .transform(({ formKey: _formKey, idempotencyKey: _idempotencyKey, ...melding }) => ({
      ...melding,
      subcategory: melding.subcategory || undefined,
      aangifteOverwogen:
        melding.category === 'strafbaar-feit' ? (melding.aangifteOverwogen ?? false) : undefined,
    }));
}

export type Melding = z.output<ReturnType<typeof meldingSchema>>;
