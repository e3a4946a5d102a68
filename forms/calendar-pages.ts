import type { CalendarLinkContext } from '../shared/app/calendar-actions.js';
import { DECISIONS } from '../shared/app/calendar-actions.js';
import type { FieldError } from '../shared/domain/errors.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import { MELDING_CATEGORIES } from '../shared/domain/melding.js';
import { EVALUATION_QUESTIONS, EVALUATION_SCALES } from '../shared/domain/reminder-emails.js';
import type { WijkReport } from '../shared/domain/report.js';
import { formatDutchDate } from '../shared/domain/time.js';
import { alert } from './components.js';
import { choiceGroup, type FieldContext, type FormValues, postForm, textArea, textField } from './fields.js';
import { page } from './layout.js';

export const CALENDAR_ANCHORS: Record<string, string> = {
  decision: 'decision-verlengd',
  decidedOn: 'decidedOn',
  stillContact: 'stillContact-ja',
  doneOn: 'doneOn',
  ...Object.fromEntries(
    EVALUATION_QUESTIONS.flatMap((_, i) => [
      [`score${i + 1}`, `score${i + 1}-1`],
      [`comment${i + 1}`, `comment${i + 1}`],
    ]),
  ),
};

/** What each yearly school duty asks (art. 2b, 21c), in one sentence. */
export const DUTY_WHAT = {
  bekendmaking:
    'De school maakt strekking en inhoud van het convenant bekend aan schoolpersoneel, leerlingen en ouders, en neemt het op in het schoolbeleid (artikel 2b).',
  leerlingenraad:
    'De school bespreekt het convenant met de leerlingenraad of de studentenraad (artikel 21c).',
} as const;

const TITLES = {
  verlenging: 'Besluit over verlenging van het convenant',
  evaluatie: 'Vragenlijst jaarlijkse evaluatie',
  contact: 'Bent u nog de contactpersoon?',
  gedaan: 'Jaarlijkse taak van de school: gedaan',
  wijkrapport: 'Wijkrapport',
} as const;

function form(
  token: string,
  name: string,
  fields: SafeHtml | SafeHtml[],
  button: string,
  errors: readonly FieldError[],
): SafeHtml {
  return postForm(
    { action: `/api/acties/${encodeURIComponent(token)}`, name, errors, anchors: CALENDAR_ANCHORS, button },
    fields,
  );
}

export function calendarPage(input: {
  context: CalendarLinkContext;
  token: string;
  values?: FormValues;
  errors?: FieldError[];
  exampleDate: string;
}): string {
  const { context, token } = input;
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const a = context.claims.a as Exclude<typeof context.claims.a, 'wijkrapport'>;
  const answered = context.answeredAt
    ? alert(
        'ok',
        html`<p class="utrecht-paragraph">Hierop is al geantwoord op ${formatDutchDate(context.answeredAt.slice(0, 10))}. Dank u.</p>`,
        { role: 'status' },
      )
    : undefined;
  let body: SafeHtml;
  switch (a) {
    case 'verlenging':
      body = html`<p class="utrecht-paragraph">De huidige termijn (${context.term?.number}) loopt tot en met ${formatDutchDate(context.term?.end ?? '')}. Na evaluatie kan het convenant voor drie jaar worden verlengd (artikel 21a). Alle partijen krijgen het besluit per e-mail.</p>
${
  answered ??
  form(
    token,
    'verlenging',
    [
      choiceGroup(ctx, {
        name: 'decision',
        legend: 'Besluit van de gemeente',
        type: 'radio',
        choices: DECISIONS.map((d) => ({
          value: d,
          label: d === 'verlengd' ? 'Verlengd voor drie jaar' : 'Niet verlengd',
        })),
        rules: { required: 'Kies of het convenant wordt verlengd.' },
      }),
      textField(ctx, {
        name: 'decidedOn',
        label: 'Datum van het besluit',
        hint: `Bijvoorbeeld ${input.exampleDate}.`,
        inputmode: 'numeric',
        preview: true,
      }),
    ],
    'Besluit vastleggen',
    ctx.errors,
  )
}`;
      break;
    case 'evaluatie':
      body = html`<p class="utrecht-paragraph">Jaarlijks overleg over het convenant in wijk ${context.round?.wijk} (${context.round?.year}), artikel 21b. Kies bij elke vraag het antwoord dat het best past. Schrijf eventueel een toelichting, zonder namen of andere persoonsgegevens.</p>
${
  answered ??
  form(
    token,
    'evaluatie',
    EVALUATION_QUESTIONS.map(
      (q, i) =>
        html`${choiceGroup(ctx, {
          name: `score${i + 1}`,
          legend: `Vraag ${i + 1}: ${q}`,
          type: 'radio',
          choices: (EVALUATION_SCALES[i] ?? []).map((label, n) => ({ value: String(n + 1), label })),
          rules: { required: 'Kies een antwoord op deze vraag.' },
        })}${textArea(ctx, { name: `comment${i + 1}`, label: `Toelichting bij vraag ${i + 1} (niet verplicht)`, maxLength: 1000 })}`,
    ),
    'Antwoorden versturen',
    ctx.errors,
  )
}`;
      break;
    case 'contact':
      body = html`<p class="utrecht-paragraph">U staat geregistreerd als contactpersoon van <strong>${context.party.name}</strong> voor het convenant (artikel 1, 10 en 15).</p>
${
  answered ??
  form(
    token,
    'contact',
    choiceGroup(ctx, {
      name: 'stillContact',
      legend: 'Bent u nog de contactpersoon?',
      type: 'radio',
      choices: [
        { value: 'ja', label: 'Ja' },
        { value: 'nee', label: 'Nee, dit klopt niet meer' },
      ],
    }),
    'Antwoord versturen',
    ctx.errors,
  )
}`;
      break;
    case 'gedaan': {
      const duty = context.duty;
      body = html`<p class="utrecht-paragraph">${duty ? DUTY_WHAT[duty.duty] : ''} Schooljaar ${duty ? `${duty.year}-${duty.year + 1}` : ''}, ${context.party.name}.</p>
<p class="utrecht-paragraph">Is het gedaan? Vul de datum in. Het telt mee in het overzicht van de gemeente en in de jaarlijkse evaluatie (artikel 21b), en u krijgt er geen herinnering meer over.</p>
${
  answered ??
  form(
    token,
    'gedaan',
    textField(ctx, {
      name: 'doneOn',
      label: 'Wanneer is het gedaan?',
      hint: `Vandaag of eerder, bijvoorbeeld 15-9-${duty?.year ?? ''}.`,
      inputmode: 'numeric',
      preview: true,
      rules: { required: 'Vul de datum in waarop het gedaan is.' },
    }),
    'Vastleggen: gedaan',
    ctx.errors,
  )
}`;
      break;
    }
  }
  return page({
    title: TITLES[a],
    body: html`<h1 class="utrecht-heading-1">${TITLES[a]}</h1>${body}`,
    script: !context.answeredAt,
  });
}

/** After a calendar answer: the confirmation, what happens next, and a way on. */
export function calendarDonePage(message: string, linkHref: string): string {
  return page({
    title: 'Ontvangen',
    body: html`<h1 class="utrecht-heading-1">Dank u, uw antwoord is ontvangen</h1>
${alert('ok', html`<p class="utrecht-paragraph">${message}</p>`, { role: 'status' })}
<h2 class="utrecht-heading-2">Wat nu?</h2>
<ul class="utrecht-unordered-list">
<li class="utrecht-unordered-list__item">U hoeft niets meer te doen. Via dezelfde link ziet u later dat u heeft geantwoord: <a class="utrecht-link" href="${linkHref}">bekijken</a>.</li>
<li class="utrecht-unordered-list__item">Vragen over het convenant? Neem contact op met de gebiedsmanager veiligheid van uw wijk. Zie ook <a class="utrecht-link" href="/contact">contact</a>.</li>
</ul>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>`,
  });
}

/**
 * A bar chart as SVG that scales with the page: each bar has its label above it and its number next
 * to it as text, so it reads without colour and stays legible on a phone; title and desc name it.
 */
function barChart(id: string, title: string, bars: Array<{ label: string; value: number }>): SafeHtml {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 48;
  const width = 400;
  const height = bars.length * rowHeight + 8;
  const description = bars.map((b) => `${b.label}: ${b.value}`).join('; ');
  return html`<figure class="app-chart">
<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
${bars.map((b, i) => {
  const barWidth = Math.round(((width - 50) * b.value) / max);
  const y = i * rowHeight + 4;
  return html`<text x="0" y="${y + 16}" font-size="16" fill="#1a1a1a">${b.label}</text>
<rect x="0" y="${y + 22}" width="${Math.max(barWidth, 2)}" height="18" fill="#24578f" stroke="#1a1a1a" stroke-width="1"></rect>
<text x="${Math.max(barWidth, 2) + 6}" y="${y + 37}" font-size="16" font-weight="bold" fill="#1a1a1a">${b.value}</text>`;
})}
</svg>
<figcaption class="utrecht-paragraph">${title}</figcaption>
</figure>`;
}

const monthLabel = (month: string) =>
  new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );

const SHORT_CATEGORY: Record<(typeof MELDING_CATEGORIES)[number], string> = {
  'strafbaar-feit': 'Strafbaar feit',
  'onveilige-situatie': 'Onveilige situatie',
  'overlast-omgeving': 'Overlast',
  zorgsignaal: 'Zorgsignaal',
};

const th = (text: string, scope: 'col' | 'row') =>
  html`<th class="utrecht-table__header-cell" scope="${scope}">${text}</th>`;
const td = (label: string, value: number | string) =>
  html`<td class="utrecht-table__cell utrecht-table__cell--numeric" data-label="${label}">${value}</td>`;

export function wijkReportPage(report: WijkReport, csvHref: string): string {
  const totals = report.months.map((_, i) =>
    MELDING_CATEGORIES.reduce((sum, c) => sum + (report.meldingenPerCategory[c][i] ?? 0), 0),
  );
  const perMonth = report.months.map((m, i) => ({ label: monthLabel(m), value: totals[i] ?? 0 }));
  const fb = report.feedback;
  // One row per month and a column per kind: twelve short rows fit a phone (stacked) and a desktop, no month hidden.
  const body = html`<h1 class="utrecht-heading-1">Wijkrapport ${report.wijk}</h1>
<p class="utrecht-paragraph">Van ${formatDutchDate(report.from)} tot en met ${formatDutchDate(report.to)}. Alleen aantallen, geen vrije tekst (artikel 23).</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${csvHref}" download>Download de cijfers voor Excel (CSV)</a></p>
<h2 class="utrecht-heading-2">Meldingen per maand</h2>
${barChart('per-maand', `Meldingen per maand in wijk ${report.wijk}`, perMonth)}
<table class="utrecht-table app-table app-table--stack" data-months>
<caption class="utrecht-table__caption">Meldingen per soort en per maand</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${th('Maand', 'col')}${MELDING_CATEGORIES.map((c) => th(SHORT_CATEGORY[c], 'col'))}${th('Totaal', 'col')}</tr></thead>
<tbody class="utrecht-table__body">${report.months.map(
    (m, i) =>
      html`<tr class="utrecht-table__row">${th(monthLabel(m), 'row')}${MELDING_CATEGORIES.map((c) =>
        td(SHORT_CATEGORY[c], report.meldingenPerCategory[c][i] ?? 0),
      )}${td('Totaal', totals[i] ?? 0)}</tr>`,
  )}</tbody>
</table>
<h2 class="utrecht-heading-2">Meldingen per school</h2>
${
  report.meldingenPerSchool.length
    ? barChart(
        'per-school',
        `Meldingen per school in wijk ${report.wijk}`,
        report.meldingenPerSchool.map((s) => ({ label: s.school, value: s.count })),
      )
    : html`<p class="utrecht-paragraph">Geen meldingen.</p>`
}
<h2 class="utrecht-heading-2">Voorlichting per aanbieder</h2>
<table class="utrecht-table app-table app-table--stack">
<caption class="utrecht-table__caption">Aanvragen voor voorlichting en de antwoorden</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${th('Aanbieder', 'col')}${th('Geaccepteerd', 'col')}${th('Andere datum', 'col')}${th('Afgewezen', 'col')}${th('Nog geen antwoord', 'col')}</tr></thead>
<tbody class="utrecht-table__body">${Object.entries(report.voorlichtingPerProvider).map(([p, o]) => {
    return html`<tr class="utrecht-table__row">${th(report.providerLabels[p] ?? p, 'row')}${td('Geaccepteerd', o.geaccepteerd)}${td('Andere datum', o['ander-voorstel'])}${td('Afgewezen', o.afgewezen)}${td('Nog geen antwoord', o.open)}</tr>`;
  })}</tbody>
</table>
<h2 class="utrecht-heading-2">Terugkoppeling door de politie (artikel 8)</h2>
<ul class="utrecht-unordered-list" data-feedback>
<li class="utrecht-unordered-list__item">Meldingen waarop terugkoppeling wordt verwacht: ${fb.meldingen}. Met terugkoppeling: ${fb.answered}.</li>
<li class="utrecht-unordered-list__item">Mediaan: ${fb.medianWorkingDays === null ? 'nog niet te bepalen' : `${String(fb.medianWorkingDays).replace('.', ',')} werkdagen`}.</li>
<li class="utrecht-unordered-list__item">Binnen ${fb.target} werkdagen: ${fb.answered ? `${fb.withinTarget} van de ${fb.answered} (${Math.round((100 * fb.withinTarget) / fb.answered)}%)` : 'nog niet te bepalen'}.</li>
</ul>
<h2 class="utrecht-heading-2">Te laat</h2>
<ul class="utrecht-unordered-list" data-overdue>
<li class="utrecht-unordered-list__item">Meldingen zonder terugkoppeling na ${fb.target} werkdagen: ${report.overdue.terugkoppeling}.</li>
<li class="utrecht-unordered-list__item">Aanvragen voor voorlichting zonder antwoord: ${report.overdue.voorlichting}.</li>
</ul>`;
  return page({ title: `Wijkrapport ${report.wijk}`, body });
}
