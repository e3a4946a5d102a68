import { idempotencyKeyField, list, unknownFieldsError } from './fields.js';
import { byKey } from './order.js';
import * as z from './zod.js';

/**
 * Article 7: the police tells the school something first, without a melding to hang it on: an
 * announced arrest in school, a locker check, agreed surveillance around the school. A short
 * notice from the wijkagent's overview to one school of its wijk; no personal data (art. 23).
 */
export const MEDEDELING_SOORTEN = ['aanhouding', 'kluiscontrole', 'surveillance', 'anders'] as const;
export type MededelingSoort = (typeof MEDEDELING_SOORTEN)[number];

export const MEDEDELING_LABELS: Record<MededelingSoort, string> = {
  aanhouding: 'Aangekondigde aanhouding in de school',
  kluiscontrole: 'Controle van kluisjes (wapens, vuurwerk, alcohol, drugs)',
  surveillance: 'Afgesproken surveillance om de school',
  anders: 'Iets anders',
};

export const MEDEDELING_TEXT_MIN = 10;
export const MEDEDELING_TEXT_MAX = 1000;

export const MEDEDELING_MESSAGES = {
  school: 'Kies de school die u iets wilt laten weten.',
  schoolNotYours:
    'Kies een school uit de lijst: een school in uw wijk of een school waarvoor u het aanspreekpunt bent.',
  soort: `Kies wat voor bericht het is: ${list(MEDEDELING_SOORTEN)}.`,
  textShort: `Schrijf kort wat er gaat gebeuren, in minstens ${MEDEDELING_TEXT_MIN} tekens.`,
  textLong: `De tekst is te lang. Maak hem korter: hoogstens ${MEDEDELING_TEXT_MAX} tekens.`,
} as const;

const mededelingFields = z.strictObject(
  {
    idempotencyKey: idempotencyKeyField,
    school: z
      .string({ error: MEDEDELING_MESSAGES.school })
      .check(
        z.trim(),
        z.minLength(1, MEDEDELING_MESSAGES.school),
        z.maxLength(100, MEDEDELING_MESSAGES.schoolNotYours),
      ),
    soort: z.enum(MEDEDELING_SOORTEN, { error: MEDEDELING_MESSAGES.soort }),
    text: z
      .string({ error: MEDEDELING_MESSAGES.textShort })
      .check(
        z.trim(),
        z.minLength(MEDEDELING_TEXT_MIN, MEDEDELING_MESSAGES.textShort),
        z.maxLength(MEDEDELING_TEXT_MAX, MEDEDELING_MESSAGES.textLong),
      ),
  },
  { error: unknownFieldsError('het bericht') },
);

export const mededelingSchema = z.pipe(
  mededelingFields,
  z.transform(({ school, soort, text }: z.output<typeof mededelingFields>) => ({ school, soort, text })),
);

export type MededelingInput = z.output<typeof mededelingSchema>;

/** What is stored: the kind and the text; the school is the submission's recipient. */
export interface Mededeling {
  soort: MededelingSoort;
  text: string;
}

/**
 * The schools a wijkagent may tell something first: the active schools of its wijk that have no
 * wijkagent of their own, and every school that named this wijkagent as its own (art. 6).
 */
export function schoolsOfWijkagent<
  P extends {
    id: string;
    kind: string;
    wijk?: string | undefined;
    contacts?: Partial<Record<string, string>> | undefined;
  },
>(
  directory: readonly P[],
  wijkagent: { id: string; wijk?: string | undefined },
  isActive: (p: P) => boolean,
): P[] {
  return directory
    .filter((p) => p.kind === 'school' && isActive(p))
    .filter((p) => {
      const own = p.contacts?.wijkagent;
      return own ? own === wijkagent.id : p.wijk === wijkagent.wijk;
    })
    .sort((a, b) => byKey(a.id, b.id));
}
