import { z } from 'zod';
import { formKeyField, idempotencyKeyField, unknownFieldsError } from './fields.js';

/** Article 22a: a party announces in writing, before the term ends, that it intends to leave. */
export const REASON_MAX = 2000;

export const beeindigingSchema = z
  .strictObject(
    {
      formKey: formKeyField,
      idempotencyKey: idempotencyKeyField,
      reason: z
        .string({ error: 'Schrijf kort waarom uw organisatie wil stoppen met het convenant.' })
        .trim()
        .min(10, 'Schrijf kort waarom uw organisatie wil stoppen, in minstens 10 tekens.')
        .max(REASON_MAX, `De toelichting is te lang: gebruik hoogstens ${REASON_MAX} tekens.`),
    },
    { error: unknownFieldsError('het voornemen') },
  )
  .transform(({ reason }) => ({ reason }));

export type Beeindiging = z.output<typeof beeindigingSchema>;

export const OUTCOMES = ['ingetrokken', 'bevestigd'] as const;
export const OUTCOME_LABELS: Record<(typeof OUTCOMES)[number], string> = {
  ingetrokken: 'Ingetrokken: de partij blijft deelnemen',
  bevestigd: 'Bevestigd: de deelname eindigt',
};
