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

export interface ReportIndexBackfill {
  /** Meldingen and voorlichtingen read through the submissions index. */
  submissions: number;
  /** Answers that got their index keys in this run. */
  indexed: number;
  /** Answers that had them already (written after ADR 0017, or by an earlier run). */
  already: number;
}

/**
 * Maintenance, once per deployment that has answers from before ADR 0017: gives those answers their
 * report index keys. Reads every wijk's meldingen and voorlichtingen through the submissions index
 * (one paged Query per kind and wijk, no Scan), then each submission's answers (one Query each,
 * `parallel` submissions at a time). Idempotent: an answer with index keys is left alone, so a
 * second run, or a run after an interrupted one, writes only what is still missing.
 */
export async function backfillReportIndex(
  store: Pick<SubmissionRepository, 'submissionsIn'> & Pick<EventRepository, 'indexAnswersOf'>,
  wijken: readonly string[],
  options: { parallel?: number; onProgress?: (done: ReportIndexBackfill) => void } = {},
): Promise<ReportIndexBackfill> {
  const total: ReportIndexBackfill = { submissions: 0, indexed: 0, already: 0 };
  const parallel = options.parallel ?? 16;
  for (const kind of ['melding', 'voorlichting'] as const) {
    for (const wijk of new Set(wijken)) {
      // Every time: creation times are ISO strings, all between these two.
      const found = await store.submissionsIn<MeldingSubmission | VoorlichtingSubmission>(
        { kind, wijk },
        '0000',
        '9999',
      );
      for (let i = 0; i < found.length; i += parallel) {
        const counts = await Promise.all(found.slice(i, i + parallel).map((s) => store.indexAnswersOf(s)));
        total.submissions += counts.length;
        for (const c of counts) {
          total.indexed += c.indexed;
          total.already += c.already;
        }
        options.onProgress?.({ ...total });
      }
    }
  }
  return total;
}
