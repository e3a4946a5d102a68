import { route } from '../domain/routing.js';
import { amsterdamDate } from '../domain/time.js';
import { VOORLICHTING_ROUTES, voorlichtingSchema } from '../domain/voorlichting.js';
import { isWorkingDay } from '../domain/working-days.js';
import {
  type Accepted,
  assertNoPersonalData,
  authenticateSchool,
  directoryOf,
  type IntakeDeps,
  parseOrThrow,
} from './intake.js';
import { storeRoutedSubmission } from './submissions.js';

/** One schema per clock: zod compiles a schema on first use, which is too slow to do per request. */
const schemas = new WeakMap<() => Date, ReturnType<typeof voorlichtingSchema>>();
function schemaFor(now: () => Date): ReturnType<typeof voorlichtingSchema> {
  let schema = schemas.get(now);
  if (!schema) {
    schema = voorlichtingSchema({ today: () => amsterdamDate(now()), isWorkingDay });
    schemas.set(now, schema);
  }
  return schema;
}

/** A school asks for voorlichting (art. 9, 13, 17, 3d): routed to the provider's contact. */
export async function submitVoorlichting(
  deps: IntakeDeps,
  raw: Record<string, unknown>,
  idempotencyKey: string,
): Promise<Accepted> {
  const school = await authenticateSchool(deps, raw, 'Voorlichting wordt aangevraagd door een school.');
  const request = parseOrThrow(schemaFor(deps.now), raw, ['theme', 'remarks']);
  // Halt's themes are a fixed list; every other theme is free text and checked like the remarks.
  assertNoPersonalData({
    ...(request.provider === 'halt' ? {} : { theme: request.theme }),
    remarks: request.remarks,
  });
  const decision = route(
    VOORLICHTING_ROUTES[request.provider],
    school,
    await directoryOf(deps),
    amsterdamDate(deps.now()),
  );
  return storeRoutedSubmission(deps, {
    school,
    formKey: String(raw.formKey),
    idempotencyKey,
    kind: 'voorlichting',
    payload: request,
    decision,
  });
}
