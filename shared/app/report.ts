import type { SubmissionEvent } from '../domain/actions.js';
import { buildWijkReport, reportMonths, type WijkReport } from '../domain/report.js';
import type { MeldingSubmission, VoorlichtingSubmission } from '../domain/submission.js';
import { addDays } from '../domain/working-days.js';
import type { EventRepository, SubmissionRepository } from './ports.js';

/**
 * Reads one wijk's twelve months with four Queries on the index, whatever the number of
 * submissions: the meldingen, the voorlichtingen, and the answers to each, which are indexed by
 * their submission's time (ADR 0017). Each Query pages by 1 MB, so the read units stay at the size of
 * what the report needs.
 */
export async function loadWijkReport(
  store: Pick<SubmissionRepository, 'submissionsIn'> & Pick<EventRepository, 'answersIn'>,
  wijk: string,
  to: string,
): Promise<WijkReport> {
  const from = `${reportMonths(to)[0]}-01T00:00:00.000Z`;
  // A day of margin each side: the index holds UTC times, the months are Amsterdam months.
  const fromIso = `${addDays(from.slice(0, 10), -1)}T00:00:00.000Z`;
  const toIso = `${addDays(to, 1)}T23:59:59.999Z`;
  const [meldingen, voorlichtingen, meldingAnswers, voorlichtingAnswers] = await Promise.all([
    store.submissionsIn<MeldingSubmission>({ kind: 'melding', wijk }, fromIso, toIso),
    store.submissionsIn<VoorlichtingSubmission>({ kind: 'voorlichting', wijk }, fromIso, toIso),
    store.answersIn<SubmissionEvent>({ kind: 'melding', wijk }, fromIso, toIso),
    store.answersIn<SubmissionEvent>({ kind: 'voorlichting', wijk }, fromIso, toIso),
  ]);
  const events = new Map<string, SubmissionEvent[]>();
  for (const { submissionId, ...e } of [...meldingAnswers, ...voorlichtingAnswers])
    events.set(submissionId, [...(events.get(submissionId) ?? []), e as SubmissionEvent]);
  return buildWijkReport({ wijk, to, meldingen, voorlichtingen, events });
}
