import type { SubmissionEvent } from '../domain/actions.js';
import { buildWijkReport, reportMonths, type WijkReport } from '../domain/report.js';
import type { MeldingSubmission, VoorlichtingSubmission } from '../domain/submission.js';
import { addDays } from '../domain/working-days.js';
import type { EventRepository, SubmissionRepository } from './ports.js';

/** Reads one wijk's twelve months with two Queries on the index (and one per submission for its answers). */
export async function loadWijkReport(
  store: SubmissionRepository & EventRepository,
  wijk: string,
  to: string,
): Promise<WijkReport> {
  const from = `${reportMonths(to)[0]}-01T00:00:00.000Z`;
  // A day of margin each side: the index holds UTC times, the months are Amsterdam months.
  const fromIso = `${addDays(from.slice(0, 10), -1)}T00:00:00.000Z`;
  const toIso = `${addDays(to, 1)}T23:59:59.999Z`;
  const [meldingen, voorlichtingen] = await Promise.all([
    store.submissionsIn<MeldingSubmission>({ kind: 'melding', wijk }, fromIso, toIso),
    store.submissionsIn<VoorlichtingSubmission>({ kind: 'voorlichting', wijk }, fromIso, toIso),
  ]);
  const events = new Map<string, SubmissionEvent[]>();
  await Promise.all(
    [...meldingen, ...voorlichtingen].map(async (s) =>
      events.set(s.id, await store.listEvents<SubmissionEvent>(s.id)),
    ),
  );
  return buildWijkReport({ wijk, to, meldingen, voorlichtingen, events });
}
