import { meldingSchema } from '../domain/melding.js';
import { routeMelding } from '../domain/routing.js';
import { amsterdamDate } from '../domain/time.js';
import { type Accepted, authenticateSchool, directoryOf, type IntakeDeps } from './intake.js';
import { storeRoutedSubmission } from './submissions.js';
import { assertNoPersonalData, parseOrThrow } from './validation.js';

/** One schema per clock: zod compiles a schema on first use, which is too slow to do per request. */
const schemas = new WeakMap<() => Date, ReturnType<typeof meldingSchema>>();
function schemaFor(now: () => Date): ReturnType<typeof meldingSchema> {
  let schema = schemas.get(now);
  if (!schema) {
    schema = meldingSchema(now);
    schemas.set(now, schema);
  }
  return schema;
}

/**
 * A school's melding (art. 3a, 3h, 4): authenticate the key, validate, refuse personal data, route
 * by the school's wijk and type, and store it once with its outbox.
 */
export async function submitMelding(
  deps: IntakeDeps,
  raw: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Accepted> {
  const school = await authenticateSchool(deps, raw, 'Een melding wordt gedaan door een school.');
  const melding = parseOrThrow(schemaFor(deps.now), raw, ['description']);
  assertNoPersonalData({ description: melding.description });
  const decision = routeMelding(melding.category, school, await directoryOf(deps), amsterdamDate(deps.now()));
  return storeRoutedSubmission(deps, {
    school,
    formKey: String(raw.formKey),
    idempotencyKey,
    kind: 'melding',
    payload: melding,
    decision,
  });
}
