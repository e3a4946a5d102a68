import type { CoordinatorOverview, WijkGlance } from '../shared/app/overviews.js';
import {
  AFSPRAAK_LABELS,
  AFSPRAAK_MESSAGES,
  AFSPRAAK_SOORTEN,
  AFSPRAAK_TEXT_MAX,
  AFSPRAAK_TEXT_MIN,
  wijkSlug,
} from '../shared/domain/afspraak.js';
import type { FieldError } from '../shared/domain/errors.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import {
  MEDEDELING_LABELS,
  MEDEDELING_MESSAGES,
  MEDEDELING_SOORTEN,
  MEDEDELING_TEXT_MAX,
  MEDEDELING_TEXT_MIN,
} from '../shared/domain/mededeling.js';
import { CATEGORY_LABELS, MELDING_CATEGORIES } from '../shared/domain/melding.js';
import { KIND_LABELS, type OverviewFilter, type OverviewRow } from '../shared/domain/overview.js';
import { type Party, ROLES } from '../shared/domain/parties.js';
import { formatDutchDate, formatDutchDateTime } from '../shared/domain/time.js';
import { WIJKEN } from '../shared/domain/wijken.js';
import { alert } from './components.js';
import { choiceGroup, type FieldContext, firstChoiceAnchor, postForm, textArea } from './fields.js';
import { page } from './layout.js';

/**
 * The overview pages (issue 15): one per kind of party. They work without JavaScript, are read
 * top to bottom on a phone (one card per row), and show free text only to a party that received it.
 */

const GAP_LABELS = {
  'geen-wijkagent': 'Wijk zonder wijkagent',
  'contact-vertrokken': 'Contactpersoon is vertrokken',
  'adres-onbereikbaar': 'E-mailadres onbereikbaar',
} as const;

function dueText(row: OverviewRow): string {
  if (row.workingDaysLeft === undefined || !row.dueOn || !row.open) return '';
  const n = row.workingDaysLeft;
  if (n < 0)
    return `${-n} ${-n === 1 ? 'werkdag' : 'werkdagen'} te laat (termijn was ${formatDutchDate(row.dueOn)})`;
  if (n === 0) return `Vandaag de laatste dag (${formatDutchDate(row.dueOn)})`;
  return `Nog ${n} ${n === 1 ? 'werkdag' : 'werkdagen'} (tot en met ${formatDutchDate(row.dueOn)})`;
}

function rowCard(row: OverviewRow, perspective: 'school' | 'partner'): SafeHtml {
  const statusLink = row.actions.find((a) => a.action === 'status');
  const answerLinks = row.actions.filter((a) => a.action !== 'status');
  const title = html`${KIND_LABELS[row.kind]} ${row.id}`;
  const facts: Array<[string, SafeHtml | string]> = [
    ['Ontvangen', formatDutchDateTime(new Date(row.createdAt))],
    [
      row.kind === 'voorlichting' ? 'Aanbieder' : row.kind === 'beeindiging' ? 'Partij' : 'Categorie',
      row.category,
    ],
    ['Status', html`${row.status}${row.open ? ' (open)' : ''}`],
  ];
  if (row.kind === 'mededeling') facts[1] = ['Soort bericht', row.category];
  if (row.kind === 'afspraak') facts[1] = ['Soort afspraak', row.category];
  const received = perspective === 'school' && (row.kind === 'mededeling' || row.kind === 'afspraak');
  if (perspective === 'partner' || received) facts.push(['Van', row.from]);
  if (dueText(row)) facts.push(['Termijn', dueText(row)]);
  if (perspective === 'school' && !received) {
    facts.push(['Verstuurd aan', row.told.length ? row.told.join(', ') : 'niemand']);
    facts.push(['Geantwoord door', row.answeredBy.length ? row.answeredBy.join(', ') : 'nog niemand']);
  }
  if (row.text) facts.push(['Tekst', html`<span class="app-pre">${row.text}</span>`]);
  return html`<li class="app-row${row.overdue ? ' app-row--overdue' : ''}" data-row="${row.id}"${row.overdue ? html` data-overdue` : ''}>
<h3 class="utrecht-heading-3">${statusLink ? html`<a class="utrecht-link" href="${statusLink.href}">${title}</a>` : title}</h3>
${row.overdue ? html`<p class="utrecht-paragraph"><strong>Te laat.</strong></p>` : ''}
<dl class="app-facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${
  answerLinks.length
    ? html`<p class="utrecht-paragraph">${answerLinks.map(
        (a, i) => html`${i ? ' · ' : ''}<a class="utrecht-link" href="${a.href}">${a.label}</a>`,
      )}</p>`
    : ''
}
</li>`;
}

function rowList(rows: readonly OverviewRow[], perspective: 'school' | 'partner', empty: string): SafeHtml {
  return rows.length
    ? html`<ol class="app-rows" data-rows>${rows.map((r) => rowCard(r, perspective))}</ol>`
    : html`<p class="utrecht-paragraph" data-rows-empty>${empty}</p>`;
}

function select(name: string, label: string, options: Array<[string, string]>, chosen: string | undefined) {
  return html`<div class="utrecht-form-field">
<label class="utrecht-form-label" for="${name}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" name="${name}" id="${name}">${options.map(
    ([value, text]) =>
      html`<option value="${value}"${value === (chosen ?? '') ? html` selected` : ''}>${text}</option>`,
  )}</select>
</div>`;
}

function dateInput(name: string, label: string, value: string | undefined) {
  return html`<div class="utrecht-form-field">
<label class="utrecht-form-label" for="${name}">${label}</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="date" name="${name}" id="${name}" value="${value ?? ''}">
</div>`;
}

/** A GET form: the filters live in the address, so a filtered view can be bookmarked and works without JS. */
function filterForm(
  action: string,
  hidden: Record<string, string>,
  filter: OverviewFilter,
  period: { from: string; to: string },
) {
  return html`<form method="get" action="${action}" class="app-filters" aria-label="Filters">
${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
${select(
  'soort',
  'Soort',
  [
    ['', 'Alles'],
    ['melding', 'Meldingen'],
    ['voorlichting', 'Voorlichting'],
    ['beeindiging', 'Beëindiging'],
    ['mededeling', 'Berichten van de wijkagent'],
    ['afspraak', 'Afspraken in de wijk'],
  ],
  filter.kind,
)}
${select(
  'status',
  'Status',
  [
    ['', 'Alles'],
    ['open', 'Open'],
    ['te-laat', 'Te laat'],
    ['afgerond', 'Afgerond'],
  ],
  filter.status,
)}
${dateInput('van', 'Van', period.from)}
${dateInput('tot', 'Tot en met', period.to)}
<button class="utrecht-button utrecht-button--secondary-action" type="submit">Toon</button>
</form>`;
}

function counts(rows: readonly OverviewRow[]) {
  const open = rows.filter((r) => r.open).length;
  const overdue = rows.filter((r) => r.overdue).length;
  return html`<p class="utrecht-paragraph" data-counts>${rows.length} in deze periode, ${open} open, ${overdue} te laat.</p>`;
}

export function schoolOverviewPage(input: {
  school: Party;
  /** Reached with the form key (`/overzicht?sleutel=`) or the signed link from an email. */
  formKey?: string;
  token?: string;
  rows: readonly OverviewRow[];
  filter: OverviewFilter;
  period: { from: string; to: string };
  filterError?: string;
}): string {
  const key = input.formKey ? encodeURIComponent(input.formKey) : undefined;
  const body = html`<h1 class="utrecht-heading-1">Overzicht ${input.school.name}</h1>
<p class="utrecht-paragraph">Uw meldingen, aanvragen voor voorlichting en aankondigingen, de nieuwste eerst. Open een regel voor de hele geschiedenis.</p>
${
  key
    ? html`<p class="utrecht-paragraph"><a class="utrecht-link" href="/formulieren/melding?sleutel=${key}">Nieuwe melding</a> · <a class="utrecht-link" href="/formulieren/voorlichting?sleutel=${key}">Voorlichting aanvragen</a></p>`
    : ''
}
${input.filterError ? alert('error', html`<p class="utrecht-paragraph">${input.filterError}</p>`, { role: 'alert' }) : ''}
${
  input.formKey
    ? filterForm('/overzicht', { sleutel: input.formKey }, input.filter, input.period)
    : filterForm(`/overzicht/${input.token ?? ''}`, {}, input.filter, input.period)
}
${counts(input.rows)}
${rowList(input.rows, 'school', 'Er is niets in deze periode.')}`;
  return page({ title: `Overzicht ${input.school.name}`, body });
}

export const MEDEDELING_ANCHORS: Record<string, string> = {
  school: 'school-',
  soort: firstChoiceAnchor('soort', MEDEDELING_SOORTEN),
  text: 'text',
};

/** The wijkagent's form (art. 7): which school, what kind of notice, a short text without names. */
export interface MededelingFormInput {
  schools: ReadonlyArray<Pick<Party, 'id' | 'name'>>;
  idempotencyKey: string;
  values?: Record<string, unknown>;
  errors?: readonly FieldError[];
  /** Set after a notice was sent: its reference and the school. */
  sent?: { id: string; to: string };
}

function mededelingSection(token: string, input: MededelingFormInput) {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const anchors = { ...MEDEDELING_ANCHORS, school: `school-${input.schools[0]?.id ?? ''}` };
  return html`<section aria-labelledby="bericht-kop" data-mededeling>
<h2 class="utrecht-heading-2" id="bericht-kop">De school vooraf iets laten weten (artikel 7)</h2>
${
  input.sent
    ? alert(
        'ok',
        html`<p class="utrecht-paragraph" data-mededeling-sent>Uw bericht ${input.sent.id} is verstuurd aan ${input.sent.to}. U ziet het hieronder in uw overzicht.</p>`,
        { role: 'status' },
      )
    : ''
}
<p class="utrecht-paragraph">Een aangekondigde aanhouding, een controle van kluisjes of afgesproken surveillance: de school krijgt uw bericht per e-mail en ziet het in haar overzicht. Er hoeft geen melding aan vast te zitten.</p>
${
  input.schools.length
    ? postForm(
        {
          action: `/overzicht/${token}/mededeling`,
          name: 'mededeling',
          errors: ctx.errors,
          anchors,
          hidden: { idempotencyKey: input.idempotencyKey },
          button: 'Bericht versturen',
        },
        html`${choiceGroup(ctx, {
          name: 'school',
          legend: 'Aan welke school?',
          type: 'radio',
          choices: input.schools.map((s) => ({ value: s.id, label: s.name })),
          rules: { required: MEDEDELING_MESSAGES.school },
        })}
${choiceGroup(ctx, {
  name: 'soort',
  legend: 'Wat voor bericht?',
  type: 'radio',
  choices: MEDEDELING_SOORTEN.map((s) => ({ value: s, label: MEDEDELING_LABELS[s] })),
  rules: { required: MEDEDELING_MESSAGES.soort },
})}
${textArea(ctx, {
  name: 'text',
  label: 'Uw bericht',
  hint: `Wanneer en wat de school moet weten. Zonder namen of andere persoonsgegevens (artikel 23). Minstens ${MEDEDELING_TEXT_MIN} en hoogstens ${MEDEDELING_TEXT_MAX.toLocaleString('nl-NL')} tekens.`,
  maxLength: MEDEDELING_TEXT_MAX,
  rules: {
    required: MEDEDELING_MESSAGES.textShort,
    minLength: [MEDEDELING_TEXT_MIN, MEDEDELING_MESSAGES.textShort],
  },
})}`,
      )
    : html`<p class="utrecht-paragraph">Er staat geen school in uw wijk in het adresboek. Neem contact op met de coördinator van het convenant bij de gemeente.</p>`
}
</section>`;
}

export function partnerOverviewPage(input: {
  party: Party;
  token: string;
  rows: readonly OverviewRow[];
  filter: OverviewFilter;
  period: { from: string; to: string };
  filterError?: string;
  /** The wijkagent's notice form (art. 7); absent for other partners. */
  mededeling?: MededelingFormInput;
}): string {
  const body = html`<h1 class="utrecht-heading-1">Overzicht ${input.party.name}</h1>
<p class="utrecht-paragraph">Wat aan u (${ROLES[input.party.role]}${input.party.wijk ? `, wijk ${input.party.wijk}` : ''}) is gestuurd: wat nog open staat eerst, met de werkdagen die u nog hebt. De knoppen om te antwoorden staan bij elke regel.</p>
${input.mededeling ? mededelingSection(input.token, input.mededeling) : ''}
<h2 class="utrecht-heading-2">Wat aan u is gestuurd</h2>
${input.filterError ? alert('error', html`<p class="utrecht-paragraph">${input.filterError}</p>`, { role: 'alert' }) : ''}
${filterForm(`/overzicht/${input.token}`, {}, input.filter, input.period)}
${counts(input.rows)}
${rowList(input.rows, 'partner', 'Er is niets aan u gestuurd in deze periode.')}`;
  const failed = input.mededeling?.errors?.length;
  return page({ title: `${failed ? 'Fout in bericht – ' : ''}Overzicht ${input.party.name}`, body });
}

function wijkTable(wijken: readonly WijkGlance[]): SafeHtml {
  const th = (t: string) => html`<th class="utrecht-table__header-cell" scope="col">${t}</th>`;
  const td = (v: number | string) => html`<td class="utrecht-table__cell">${v}</td>`;
  return html`<div class="app-scroll" role="region" aria-label="Per wijk" tabindex="0">
<table class="utrecht-table" data-wijken>
<caption class="utrecht-table__caption">Per wijk, de afgelopen twaalf maanden</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${th('Wijk')}${th('Meldingen')}${MELDING_CATEGORIES.map((c) => th(CATEGORY_LABELS[c]))}${th('Voorlichting')}${th('Open')}${th('Te laat')}${th('Terugkoppeling binnen termijn')}</tr></thead>
<tbody class="utrecht-table__body">${wijken.map(
    (w) =>
      html`<tr class="utrecht-table__row" data-wijk="${w.wijk}"><th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href="?wijk=${encodeURIComponent(w.wijk)}">${w.wijk}</a></th>${td(w.meldingen)}${MELDING_CATEGORIES.map((c) => td(w.perCategory[c] ?? 0))}${td(w.voorlichtingen)}${td(w.open)}${td(w.overdue)}${td(w.answered ? `${w.withinTarget} van ${w.answered}` : '–')}</tr>`,
  )}</tbody>
</table>
</div>`;
}

export const AFSPRAAK_ANCHORS: Record<string, string> = {
  wijk: firstChoiceAnchor('wijk', WIJKEN.map(wijkSlug)),
  school: 'school-',
  soort: firstChoiceAnchor('soort', AFSPRAAK_SOORTEN),
  text: 'text',
};

/** The coordinator's form for an agreement per wijk or school (art. 20). */
export interface AfspraakFormInput {
  schools: ReadonlyArray<Pick<Party, 'id' | 'name' | 'wijk'>>;
  idempotencyKey: string;
  values?: Record<string, unknown>;
  errors?: readonly FieldError[];
  sent?: { id: string };
}

function afspraakSection(token: string, input: AfspraakFormInput) {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  return html`<section aria-labelledby="afspraak-kop" data-afspraak>
<h2 class="utrecht-heading-2" id="afspraak-kop">Afspraak per wijk of school vastleggen (artikel 20)</h2>
${
  input.sent
    ? alert(
        'ok',
        html`<p class="utrecht-paragraph" data-afspraak-sent>Afspraak ${input.sent.id} is vastgelegd. De school of scholen, de wijkagent en de gebiedsmanager van de wijk krijgen bericht.</p>`,
        { role: 'status' },
      )
    : ''
}
<p class="utrecht-paragraph">Bijvoorbeeld een jassencontrole, een fietsverlichtingsactie of een snoeproute-actie. De afspraak staat in de overzichten van wie het aangaat en in de evaluatie van de wijk.</p>
${postForm(
  {
    action: `/overzicht/${token}/afspraak`,
    name: 'afspraak',
    errors: ctx.errors,
    anchors: AFSPRAAK_ANCHORS,
    hidden: { idempotencyKey: input.idempotencyKey },
    button: 'Afspraak vastleggen',
  },
  html`${choiceGroup(ctx, {
    name: 'wijk',
    legend: 'Wijk',
    type: 'radio',
    choices: WIJKEN.map((w) => ({ value: wijkSlug(w), label: w })),
    rules: { required: AFSPRAAK_MESSAGES.wijk },
  })}
${choiceGroup(ctx, {
  name: 'school',
  legend: 'Voor welke school?',
  hint: 'Een school uit de gekozen wijk, of alle scholen in die wijk.',
  type: 'radio',
  choices: [
    { value: '', label: 'Alle scholen in de wijk' },
    ...input.schools.map((s) => ({ value: s.id, label: `${s.name} (wijk ${s.wijk})` })),
  ],
})}
${choiceGroup(ctx, {
  name: 'soort',
  legend: 'Wat voor afspraak?',
  type: 'radio',
  choices: AFSPRAAK_SOORTEN.map((s) => ({ value: s, label: AFSPRAAK_LABELS[s] })),
  rules: { required: AFSPRAAK_MESSAGES.soort },
})}
${textArea(ctx, {
  name: 'text',
  label: 'Wat is afgesproken',
  hint: `Wie wat doet en wanneer. Zonder namen of andere persoonsgegevens (artikel 23). Minstens ${AFSPRAAK_TEXT_MIN} en hoogstens ${AFSPRAAK_TEXT_MAX.toLocaleString('nl-NL')} tekens.`,
  maxLength: AFSPRAAK_TEXT_MAX,
  rules: {
    required: AFSPRAAK_MESSAGES.textShort,
    minLength: [AFSPRAAK_TEXT_MIN, AFSPRAAK_MESSAGES.textShort],
  },
})}`,
)}
</section>`;
}

function agreementsList(wijken: readonly WijkGlance[]) {
  const withAgreements = wijken.filter((w) => w.afspraken.length);
  return withAgreements.length
    ? html`<ul class="utrecht-unordered-list" data-afspraken>${withAgreements.flatMap((w) =>
        w.afspraken.map(
          (a) =>
            html`<li class="utrecht-unordered-list__item" data-afspraak-row="${a.id}"><strong>${w.wijk}, ${a.voor}:</strong> ${a.soort} (${formatDutchDate(a.createdAt.slice(0, 10))}). <span class="app-pre">${a.text}</span></li>`,
        ),
      )}</ul>`
    : html`<p class="utrecht-paragraph" data-afspraken>Nog geen afspraken vastgelegd.</p>`;
}

export function coordinatorOverviewPage(input: {
  party: Party;
  token: string;
  overview: CoordinatorOverview;
  /** The agreement form (art. 20). */
  afspraak?: AfspraakFormInput;
}): string {
  const o = input.overview;
  const body = html`<h1 class="utrecht-heading-1">Overzicht convenant: alle wijken</h1>
<p class="utrecht-paragraph">Voor ${input.party.name} (${ROLES[input.party.role]}). Alleen aantallen, categorieën en data; geen vrije tekst (artikel 23). Peildatum ${formatDutchDate(o.today)}. <a class="utrecht-link" href="/overzicht/${input.token}?formaat=csv" download>Download de cijfers per wijk als CSV</a>.</p>
<h2 class="utrecht-heading-2">Alle wijken in één oogopslag</h2>
<p class="utrecht-paragraph">Kies een wijk voor het wijkrapport.</p>
${wijkTable(o.wijken)}
<h2 class="utrecht-heading-2">Afspraken per wijk en per school (artikel 20)</h2>
${agreementsList(o.wijken)}
${input.afspraak ? afspraakSection(input.token, input.afspraak) : ''}
<h2 class="utrecht-heading-2">Aangekondigde beëindigingen zonder uitkomst</h2>
${
  o.terminations.length
    ? html`<ul class="utrecht-unordered-list" data-terminations>${o.terminations.map(
        (t) =>
          html`<li class="utrecht-unordered-list__item">${t.party}, aangekondigd op ${formatDutchDateTime(new Date(t.createdAt))} (${t.id}). ${t.actions.map((a) => html`<a class="utrecht-link" href="${a.href}">${a.label}</a>`)}</li>`,
      )}</ul>`
    : html`<p class="utrecht-paragraph" data-terminations>Geen.</p>`
}
<h2 class="utrecht-heading-2">Jaarlijkse taken van de scholen</h2>
${
  o.schoolDuties.length
    ? html`<ul class="utrecht-unordered-list" data-duties>${o.schoolDuties.map(
        (d) =>
          html`<li class="utrecht-unordered-list__item" data-duty="${d.duty}-${d.year}">${d.label}: <strong>${d.done} van ${d.asked}</strong> scholen hebben laten weten dat het gedaan is.${
            d.notDone.length ? html` Nog niet: ${d.notDone.join(', ')}.` : ''
          }</li>`,
      )}</ul>`
    : html`<p class="utrecht-paragraph" data-duties>Er is dit jaar en vorig jaar nog geen herinnering verstuurd.</p>`
}
<h2 class="utrecht-heading-2">Agenda</h2>
<ul class="utrecht-unordered-list" data-calendar>${o.calendar.map(
    (c) => html`<li class="utrecht-unordered-list__item">${formatDutchDate(c.date)}: ${c.what}</li>`,
  )}</ul>
<h2 class="utrecht-heading-2">Gaten in de adreslijst</h2>
${
  o.gaps.length
    ? html`<ul class="utrecht-unordered-list" data-gaps>${o.gaps.map(
        (g) =>
          html`<li class="utrecht-unordered-list__item" data-gap="${g.kind}"><strong>${GAP_LABELS[g.kind]}:</strong> ${g.subject}. ${g.detail}</li>`,
      )}</ul>`
    : html`<p class="utrecht-paragraph" data-gaps>Geen gaten gevonden.</p>`
}`;
  return page({
    title: `${input.afspraak?.errors?.length ? 'Fout in afspraak – ' : ''}Overzicht convenant`,
    body,
  });
}

export function overviewProblemPage(message: string): string {
  return page({
    title: 'Deze link werkt niet (meer)',
    body: html`<h1 class="utrecht-heading-1">Deze link werkt niet (meer)</h1>
<p class="utrecht-paragraph">${message}</p>
<p class="utrecht-paragraph">Vraag de coördinator van het convenant bij de gemeente om een nieuwe link.</p>`,
  });
}

/** The link to the school's overview on its form pages. */
export const overviewLink = (formKey: string): SafeHtml =>
  html`<p class="utrecht-paragraph"><a class="utrecht-link" href="/overzicht?sleutel=${encodeURIComponent(formKey)}">Bekijk het overzicht van uw meldingen en aanvragen</a></p>`;
