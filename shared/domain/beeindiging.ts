import { formKeyField, idempotencyKeyField, unknownFieldsError } from './fields.js';
import * as z from './zod.js';

/** Article 22a: a party announces in writing, before the term ends, that it intends to leave. */
export const REASON_MAX = 2000;

export const BEEINDIGING_MESSAGES = {
  reasonShort: 'Schrijf kort waarom uw organisatie wil stoppen, in minstens 10 tekens.',
  reasonLong: `De toelichting is te lang. Maak haar korter: hoogstens ${REASON_MAX} tekens.`,
} as const;

const beeindigingFields = z.strictObject(
  {
    formKey: formKeyField,
    idempotencyKey: idempotencyKeyField,
    reason: z
      .string({ error: BEEINDIGING_MESSAGES.reasonShort })
      .check(
        z.trim(),
        z.minLength(10, BEEINDIGING_MESSAGES.reasonShort),
        z.maxLength(REASON_MAX, BEEINDIGING_MESSAGES.reasonLong),
      ),
  },
  { error: unknownFieldsError('het voornemen') },
);

export const beeindigingSchema = z.pipe(
  beeindigingFields,
  z.transform(({ reason }: z.output<typeof beeindigingFields>) => ({ reason })),
);

export type Beeindiging = z.output<typeof beeindigingSchema>;

export const OUTCOMES = ['ingetrokken', 'bevestigd'] as const;
export const OUTCOME_LABELS: Record<(typeof OUTCOMES)[number], string> = {
  ingetrokken: 'Ingetrokken: de partij blijft deelnemen',
  bevestigd: 'Bevestigd: de deelname eindigt',
};
