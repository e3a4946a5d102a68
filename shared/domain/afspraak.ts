import { idempotencyKeyField, list, unknownFieldsError } from './fields.js';
import { WIJKEN } from './wijken.js';
import * as z from './zod.js';

/**
 * Article 20: "De convenantpartners maken per wijk en per school specifieke afspraken over de
 * gevraagde inzet", such as jassencontrole, fietsverlichtingsacties and snoeproute acties. The
 * gemeente's coordinator records them; the wijk's schools (or the one school), wijkagent and
 * gebiedsmanager see them, and the evaluation of the wijk lists them.
 */
export const AFSPRAAK_SOORTEN = ['jassencontrole', 'fietsverlichting', 'snoeproute', 'anders'] as const;
export type AfspraakSoort = (typeof AFSPRAAK_SOORTEN)[number];

export const AFSPRAAK_LABELS: Record<AfspraakSoort, string> = {
  jassencontrole: 'Jassencontrole',
  fietsverlichting: 'Fietsverlichtingsactie',
  snoeproute: 'Snoeproute-actie',
  anders: 'Andere afspraak',
};

/** A wijk as a form value and element id (`leidsche-rijn`); the schema reads both this and the name. */
export const wijkSlug = (wijk: string) => wijk.toLowerCase().replace(/[^a-z]+/g, '-');

export const AFSPRAAK_TEXT_MIN = 10;
export const AFSPRAAK_TEXT_MAX = 1000;

export const AFSPRAAK_MESSAGES = {
  wijk: `Kies de wijk van de afspraak: ${list(WIJKEN)}.`,
  school: 'Kies een school uit de lijst, of "alle scholen in de wijk".',
  schoolElsewhere: 'Deze school ligt niet in de gekozen wijk. Kies een school uit die wijk.',
  soort: `Kies wat voor afspraak het is: ${list(AFSPRAAK_SOORTEN)}.`,
  textShort: `Schrijf kort wat er is afgesproken, in minstens ${AFSPRAAK_TEXT_MIN} tekens.`,
  textLong: `De tekst is te lang. Maak hem korter: hoogstens ${AFSPRAAK_TEXT_MAX} tekens.`,
} as const;

const afspraakFields = z.strictObject(
  {
    idempotencyKey: idempotencyKeyField,
    wijk: z.pipe(
      z.transform((v: unknown) => WIJKEN.find((w) => w === v || wijkSlug(w) === v) ?? v),
      z.enum(WIJKEN, { error: AFSPRAAK_MESSAGES.wijk }),
    ),
    /** A school's id, or empty for every school of the wijk. */
    school: z.optional(
      z
        .string({ error: AFSPRAAK_MESSAGES.school })
        .check(z.trim(), z.maxLength(100, AFSPRAAK_MESSAGES.school)),
    ),
    soort: z.enum(AFSPRAAK_SOORTEN, { error: AFSPRAAK_MESSAGES.soort }),
    text: z
      .string({ error: AFSPRAAK_MESSAGES.textShort })
      .check(
        z.trim(),
        z.minLength(AFSPRAAK_TEXT_MIN, AFSPRAAK_MESSAGES.textShort),
        z.maxLength(AFSPRAAK_TEXT_MAX, AFSPRAAK_MESSAGES.textLong),
      ),
  },
  { error: unknownFieldsError('de afspraak') },
);

export const afspraakSchema = z.pipe(
  afspraakFields,
  z.transform(({ wijk, school, soort, text }: z.output<typeof afspraakFields>) => ({
    wijk,
    school: school || undefined,
    soort,
    text,
  })),
);

export interface Afspraak {
  soort: AfspraakSoort;
  text: string;
}
