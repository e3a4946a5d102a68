import { amsterdamDate } from '../../shared/domain/time.js';
import { addDays, addWorkingDays } from '../../shared/domain/working-days.js';

/**
 * Valid request bodies, one builder per form, so a change to a contract is made here once.
 * `now` is the stack's clock (`stack.now()`): dates are derived from it, never from the machine.
 */
export function validMelding(formKey: string, now: Date, overrides: Record<string, unknown> = {}) {
  return {
    formKey,
    category: 'strafbaar-feit',
    subcategory: 'diefstal',
    location: 'schoolgebouw',
    // Yesterday morning: in the past for any clock, and the same for every call on one day (idempotency).
    occurredAt: `${addDays(amsterdamDate(now), -1)}T10:30`,
    description: 'Uit een kluisje in gang B zijn twee laptops weggenomen tijdens de pauze.',
    aangifteOverwogen: true,
    ...overrides,
  };
}

export function validVoorlichting(formKey: string, now: Date, overrides: Record<string, unknown> = {}) {
  return {
    formKey,
    provider: 'halt',
    theme: 'groepsdruk',
    audience: ['leerlingen'],
    groupSize: 30,
    preferredDates: [addWorkingDays(amsterdamDate(now), 10)],
    ...overrides,
  };
}

export function validBeeindiging(formKey: string, overrides: Record<string, unknown> = {}) {
  return {
    formKey,
    reason: 'Door een nieuwe werkwijze kunnen wij niet meer aan het convenant meedoen.',
    ...overrides,
  };
}
