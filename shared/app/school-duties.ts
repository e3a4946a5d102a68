import { dutySubject, SCHOOL_DUTIES, type SchoolDuty, type SchoolDutyState } from '../domain/calendar.js';
import type { DutyCount } from '../domain/overview.js';
import type { Party } from '../domain/parties.js';

export type { DutyCount };

import { byKey } from '../domain/order.js';
import type { EvaluatieRepository, ReminderRepository } from './ports.js';

/**
 * The yearly school duties (art. 2b: make the covenant known; art. 21c: discuss it with the pupils'
 * council). The reminder carries a signed "gedaan" link; the answer is one item per school, duty and
 * year (`DUTY#<duty>-<year>` / `PARTY#<id>`). Read by the daily job (second reminder), the
 * coordinator's overview and the evaluation summary: one key read and one partition Query per duty
 * and year, never a Scan.
 */
export async function readSchoolDuties(
  deps: { store: ReminderRepository & EvaluatieRepository },
  year: number,
): Promise<SchoolDutyState[]> {
  const found = await Promise.all(
    [year - 1, year].flatMap((y) =>
      SCHOOL_DUTIES.map(async (duty): Promise<SchoolDutyState | undefined> => {
        const reminder = await deps.store.getReminder(`${duty}#${y}`);
        if (!reminder) return undefined;
        const done = await deps.store.listSchoolDuties(dutySubject(duty, y));
        return {
          duty,
          year: y,
          dueOn: reminder.dueOn,
          sentTo: reminder.recipients,
          done: done.map((d) => d.partyId),
        };
      }),
    ),
  );
  return found.filter((d): d is SchoolDutyState => d !== undefined);
}

export const DUTY_LABELS: Record<SchoolDuty, string> = {
  bekendmaking: 'Convenant bekendgemaakt aan personeel, leerlingen en ouders (artikel 2b)',
  leerlingenraad: 'Convenant besproken met de leerlingen- of studentenraad (artikel 21c)',
};

/** Counts per duty and year, newest first, for the schools `include` keeps (all by default). */
export function countDuties(
  duties: readonly SchoolDutyState[],
  directory: readonly Party[],
  include: (party: Party | undefined, id: string) => boolean = () => true,
): DutyCount[] {
  const byId = new Map(directory.map((p) => [p.id, p]));
  return [...duties]
    .sort((a, b) => byKey(b.dueOn, a.dueOn))
    .map((d) => {
      const asked = d.sentTo.filter((id) => include(byId.get(id), id));
      const done = asked.filter((id) => d.done.includes(id));
      return {
        duty: d.duty,
        year: d.year,
        label: `${DUTY_LABELS[d.duty]}, ${d.year}`,
        asked: asked.length,
        done: done.length,
        notDone: asked.filter((id) => !d.done.includes(id)).map((id) => byId.get(id)?.name ?? id),
      };
    })
    .filter((c) => c.asked > 0);
}
