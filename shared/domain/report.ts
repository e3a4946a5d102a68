import type { ANSWERS, SubmissionEvent } from './actions.js';
import { COVENANT } from './covenant.js';
import { CATEGORY_LABELS, MELDING_CATEGORIES, type MeldingCategory } from './melding.js';
import { byKey } from './order.js';
import type { MeldingSubmission, VoorlichtingSubmission } from './submission.js';
import { amsterdamDate } from './time.js';
import { PROVIDER_LABELS, PROVIDERS, providerLabel } from './voorlichting.js';
import { addWorkingDays, workingDaysBetween } from './working-days.js';

/** The wijk report (art. 21b): counts only, never free text, over the twelve months up to a date. */
export interface WijkReport {
  wijk: string;
  from: string;
  to: string;
  months: string[];
  meldingenPerCategory: Record<MeldingCategory, number[]>;
  meldingenPerSchool: Array<{ school: string; count: number }>;
  /** Per provider id: the fixed providers always, and any provider from the directory with requests. */
  voorlichtingPerProvider: Record<string, Record<(typeof ANSWERS)[number] | 'open', number>>;
  /** The label of each provider in voorlichtingPerProvider. */
  providerLabels: Record<string, string>;
  terugkoppeling: {
    meldingen: number;
    answered: number;
    medianWorkingDays: number | null;
    withinTarget: number;
    target: number;
  };
  overdue: { terugkoppeling: number; voorlichting: number };
}

export function reportMonths(to: string): string[] {
  const [y, m] = to.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const total = y * 12 + (m - 1) - (11 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export function buildWijkReport(input: {
  wijk: string;
  to: string;
  meldingen: readonly MeldingSubmission[];
  voorlichtingen: readonly VoorlichtingSubmission[];
  events: ReadonlyMap<string, readonly SubmissionEvent[]>;
}): WijkReport {
  const months = reportMonths(input.to);
  const monthOf = (iso: string) => amsterdamDate(new Date(iso)).slice(0, 7);
  const meldingenPerCategory = Object.fromEntries(
    MELDING_CATEGORIES.map((c) => [c, months.map(() => 0)]),
  ) as Record<MeldingCategory, number[]>;
  const perSchool = new Map<string, number>();
  const target = COVENANT.overdueWorkingDays.terugkoppeling;
  const delays: number[] = [];
  let withTerugkoppelingRule = 0;
  let overdueTerugkoppeling = 0;
  for (const m of input.meldingen) {
    const index = months.indexOf(monthOf(m.createdAt));
    if (index < 0) continue;
    const row = meldingenPerCategory[m.melding.category];
    row[index] = (row[index] ?? 0) + 1;
    perSchool.set(m.school.name, (perSchool.get(m.school.name) ?? 0) + 1);
    if (!m.recipients.some((r) => r.role === 'wijkagent')) continue;
    withTerugkoppelingRule++;
    const received = amsterdamDate(new Date(m.createdAt));
    const first = (input.events.get(m.id) ?? [])
      .filter((e) => e.action === 'terugkoppeling')
      .sort((a, b) => byKey(a.at, b.at))[0];
    if (first) delays.push(workingDaysBetween(received, amsterdamDate(new Date(first.at))));
    else if (addWorkingDays(received, target) < input.to) overdueTerugkoppeling++;
  }
  const voorlichtingPerProvider = Object.fromEntries(
    PROVIDERS.map((p) => [p, { geaccepteerd: 0, 'ander-voorstel': 0, afgewezen: 0, open: 0 }]),
  ) as WijkReport['voorlichtingPerProvider'];
  const providerLabels: Record<string, string> = { ...PROVIDER_LABELS };
  let overdueAnswers = 0;
  for (const v of input.voorlichtingen) {
    if (months.indexOf(monthOf(v.createdAt)) < 0) continue;
    const last = (input.events.get(v.id) ?? [])
      .filter((e) => e.action === 'voorlichting-antwoord')
      .sort((a, b) => byKey(a.at, b.at))
      .at(-1);
    const outcome = (last?.data.answer as (typeof ANSWERS)[number] | undefined) ?? 'open';
    const provider = v.voorlichting.provider;
    voorlichtingPerProvider[provider] ??= { geaccepteerd: 0, 'ander-voorstel': 0, afgewezen: 0, open: 0 };
    voorlichtingPerProvider[provider][outcome]++;
    providerLabels[provider] ??= providerLabel(v.voorlichting);
    if (
      !last &&
      addWorkingDays(amsterdamDate(new Date(v.createdAt)), COVENANT.overdueWorkingDays.voorlichtingAntwoord) <
        input.to
    ) {
      overdueAnswers++;
    }
  }
  return {
    wijk: input.wijk,
    from: `${months[0]}-01`,
    to: input.to,
    months,
    meldingenPerCategory,
    meldingenPerSchool: [...perSchool.entries()]
      .map(([school, count]) => ({ school, count }))
      .sort((a, b) => b.count - a.count || a.school.localeCompare(b.school)),
    voorlichtingPerProvider,
    providerLabels,
    terugkoppeling: {
      meldingen: withTerugkoppelingRule,
      answered: delays.length,
      medianWorkingDays: median(delays),
      withinTarget: delays.filter((d) => d <= target).length,
      target,
    },
    overdue: { terugkoppeling: overdueTerugkoppeling, voorlichting: overdueAnswers },
  };
}

const monthName = (month: string) =>
  new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );

/**
 * The same numbers as the page, one per row (onderdeel, omschrijving, maand, aantal), for a Dutch
 * spreadsheet: semicolons, a UTF-8 byte order mark so Excel reads the accents, Dutch labels and
 * decimal commas. A cell that starts like a formula is neutralised, so a name cannot run in Excel.
 */
export function reportCsv(report: WijkReport): string {
  const rows: string[][] = [['Onderdeel', 'Omschrijving', 'Maand', 'Aantal']];
  for (const category of MELDING_CATEGORIES) {
    report.meldingenPerCategory[category].forEach((n, i) => {
      rows.push([
        'Meldingen per soort',
        CATEGORY_LABELS[category],
        monthName(report.months[i] ?? ''),
        String(n),
      ]);
    });
  }
  for (const s of report.meldingenPerSchool)
    rows.push(['Meldingen per school', s.school, '', String(s.count)]);
  for (const [provider, outcomes] of Object.entries(report.voorlichtingPerProvider)) {
    for (const [outcome, n] of Object.entries(outcomes))
      rows.push([
        'Voorlichting',
        `${report.providerLabels[provider] ?? provider}: ${OUTCOME_WORDS[outcome as keyof typeof OUTCOME_WORDS] ?? outcome}`,
        '',
        String(n),
      ]);
  }
  const fb = report.terugkoppeling;
  rows.push(['Terugkoppeling', 'Meldingen waarop terugkoppeling wordt verwacht', '', String(fb.meldingen)]);
  rows.push(['Terugkoppeling', 'Meldingen met terugkoppeling', '', String(fb.answered)]);
  rows.push([
    'Terugkoppeling',
    'Mediaan in werkdagen',
    '',
    fb.medianWorkingDays === null ? '' : String(fb.medianWorkingDays).replace('.', ','),
  ]);
  rows.push(['Terugkoppeling', `Binnen ${fb.target} werkdagen`, '', String(fb.withinTarget)]);
  rows.push(['Te laat', 'Meldingen zonder terugkoppeling', '', String(report.overdue.terugkoppeling)]);
  rows.push(['Te laat', 'Aanvragen voorlichting zonder antwoord', '', String(report.overdue.voorlichting)]);
  const cell = (value: string) => {
    const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

const OUTCOME_WORDS = {
  geaccepteerd: 'geaccepteerd',
  'ander-voorstel': 'andere datum voorgesteld',
  afgewezen: 'afgewezen',
  open: 'nog geen antwoord',
} as const;
