import { ValidationError } from '../domain/errors.js';
import { isActiveOn } from '../domain/parties.js';
import { type RoutingDecision, route } from '../domain/routing.js';
import { amsterdamDate } from '../domain/time.js';
import {
  isFixedProvider,
  VOORLICHTING_MESSAGES,
  VOORLICHTING_ROUTES,
  voorlichtingSchema,
} from '../domain/voorlichting.js';
import { isWorkingDay } from '../domain/working-days.js';
import { type Accepted, authenticateSchool, directoryOf, type IntakeDeps } from './intake.js';
import { storeRoutedSubmission } from './submissions.js';
import { assertNoPersonalData, parseOrThrow } from './validation.js';

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
  const today = amsterdamDate(deps.now());
  const directory = await directoryOf(deps);
  let decision: RoutingDecision;
  let payload = request;
  if (isFixedProvider(request.provider)) {
    decision = route(VOORLICHTING_ROUTES[request.provider], school, directory, today);
  } else {
    // A provider from the directory (art. 3d): the party with that id and role voorlichter, if active.
    const provider = directory.find(
      (p) => p.id === request.provider && p.role === 'voorlichter' && isActiveOn(p, today),
    );
    if (!provider?.voorlichting)
      throw new ValidationError([{ path: 'provider', message: VOORLICHTING_MESSAGES.provider }]);
    payload = { ...request, providerLabel: provider.voorlichting.label };
    decision = {
      recipients: [
        {
          partyId: provider.id,
          name: provider.name,
          role: 'voorlichter',
          article: '3d',
          reason: `De school werkt voor voorlichting samen met preventiepartners zoals ${provider.voorlichting.label}.`,
        },
      ],
      gaps: [],
    };
  }
  return storeRoutedSubmission(deps, {
    school,
    formKey: String(raw.formKey),
    idempotencyKey,
    kind: 'voorlichting',
    payload,
    decision,
  });
}
