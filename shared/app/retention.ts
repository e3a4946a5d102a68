import { evaluatieRoundId } from '../domain/calendar.js';
import { WIJKEN } from '../domain/wijken.js';
import type {
  EvaluatieRepository,
  EventRepository,
  MaintenanceRepository,
  SubmissionIndex,
  SubmissionRepository,
} from './ports.js';

/**
 * Article 23, after the fact: free text can hold personal data even when the guard let it through,
 * so it is erased `freeTextDays` after the submission, while the item itself (kind, category, wijk,
 * dates, who was told and who answered) stays for the wijk report until the submission's own TTL.
 * Run by the daily job. A cursor remembers up to which creation time the erasure is done, so each
 * run reads only the submissions that crossed the line since the last run; erasing twice is harmless.
 */
export interface RetentionDeps {
  store: SubmissionRepository & EventRepository & EvaluatieRepository & MaintenanceRepository;
  now: () => Date;
  freeTextDays: number;
}

/** Free-text attributes per submission kind (paths in the stored item). */
const SUBMISSION_FREE_TEXT: Record<string, string[]> = {
  melding: ['melding.description'],
  voorlichting: ['voorlichting.remarks', 'voorlichting.theme'],
  beeindiging: ['beeindiging.reason'],
  mededeling: ['mededeling.text'],
  afspraak: ['afspraak.text'],
};
/** Free-text attributes of answers (events) on a submission. */
const EVENT_FREE_TEXT = ['data.text', 'data.reason', 'data.reference', 'data.place'];
const DAY_MS = 86_400_000;

export interface ErasureResult {
  until: string;
  submissions: number;
  events: number;
  /** Evaluation answers whose comments were erased. */
  answers: number;
}

const has = (item: Record<string, unknown>, path: string): boolean => {
  let value: unknown = item;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<string, unknown>)[part];
  }
  return value !== undefined;
};

export async function eraseOldFreeText(deps: RetentionDeps): Promise<ErasureResult> {
  const { store } = deps;
  const now = deps.now();
  const until = new Date(now.getTime() - deps.freeTextDays * DAY_MS).toISOString();
  const from = (await store.getRetentionCursor()) ?? '0000';
  const indexes: SubmissionIndex[] = [
    ...WIJKEN.flatMap((wijk) => [
      { kind: 'melding' as const, wijk },
      { kind: 'voorlichting' as const, wijk },
      { kind: 'mededeling' as const, wijk },
      { kind: 'afspraak' as const, wijk },
    ]),
    { kind: 'beeindiging' },
  ];
  let submissions = 0;
  let events = 0;
  const at = now.toISOString();
  for (const index of indexes) {
    const items = await store.submissionsIn<Record<string, unknown>>(index, from, until);
    for (const item of items) {
      const kind = String(item.kind);
      const paths = (SUBMISSION_FREE_TEXT[kind] ?? []).filter((p) => {
        // Halt's theme is one of the seven themes of article 17: a category, not free text.
        if (p === 'voorlichting.theme')
          return (
            (item.voorlichting as { provider?: string } | undefined)?.provider !== 'halt' && has(item, p)
          );
        return has(item, p);
      });
      if (paths.length) {
        await store.eraseSubmissionText(String(item.id), paths, at);
        submissions++;
      }
      for (const event of await store.listEvents<Record<string, unknown>>(String(item.id))) {
        const eventPaths = EVENT_FREE_TEXT.filter((p) => has(event, p));
        if (!eventPaths.length) continue;
        await store.eraseEventText(String(item.id), String(event.eventId), eventPaths, at);
        events++;
      }
    }
  }
  // The evaluation questionnaire's comments (art. 21b), per round of the years the line passed.
  let answers = 0;
  // Answers are kept 800 days, so rounds of the last three years are all that can hold any.
  const lastYear = Number(until.slice(0, 4));
  for (let year = lastYear - 3; year <= lastYear; year++) {
    for (const wijk of WIJKEN) {
      const round = evaluatieRoundId(wijk, year);
      for (const answer of await store.listEvaluatieAnswers(round)) {
        if (answer.freeTextErasedAt || String(answer.at) >= until) continue;
        const data = (answer.data ?? {}) as Record<string, unknown>;
        const paths = Object.keys(data)
          .filter((k) => /^comment\d+$/u.test(k))
          .map((k) => `data.${k}`);
        if (!paths.length) continue;
        await store.eraseEvaluatieText(round, answer.partyId, paths, at);
        answers++;
      }
    }
  }
  await store.putRetentionCursor(until, at);
  return { until, submissions, events, answers };
}
