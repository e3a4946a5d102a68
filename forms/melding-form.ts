import type { FieldError } from '../shared/domain/errors.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import {
  CATEGORY_LABELS,
  DESCRIPTION_MAX,
  LOCATION_LABELS,
  LOCATIONS,
  MELDING_CATEGORIES,
  SUBCATEGORIES,
  SUBCATEGORY_LABELS,
} from '../shared/domain/melding.js';
import type { Party } from '../shared/domain/parties.js';
import { alert } from './components.js';
import { page } from './layout.js';

export type FormValues = Record<string, unknown>;

const CATEGORY_HINTS: Record<(typeof MELDING_CATEGORIES)[number], string> = {
  'strafbaar-feit':
    'Bijvoorbeeld diefstal, vernieling, geweld of wapenbezit. Gaat altijd naar de wijkagent (artikel 3a).',
  'onveilige-situatie':
    'Bijvoorbeeld ernstig pesten, ook via social media. Gaat naar de wijkagent (artikel 3a).',
  'overlast-omgeving':
    'Overlast rond de school, ook gemeld door omwonenden. Gaat naar JoU, de gemeente en de wijkagent.',
  zorgsignaal:
    'Zorgen over een leerling, voor overleg met het Buurtteam, zonder persoonsgegevens (artikel 3h).',
};

const value = (values: FormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

function fieldError(errors: readonly FieldError[], name: string): SafeHtml | '' {
  const error = errors.find((e) => e.path === name);
  return error
    ? html`<p class="utrecht-form-field-error-message" id="${name}-fout">${error.message}</p>`
    : '';
}

const describedBy = (errors: readonly FieldError[], name: string, hint?: string) =>
  [hint, errors.some((e) => e.path === name) ? `${name}-fout` : undefined].filter(Boolean).join(' ') ||
  undefined;

const invalid = (errors: readonly FieldError[], name: string) => errors.some((e) => e.path === name);

export function errorSummary(errors: readonly FieldError[], anchors: Record<string, string>): SafeHtml | '' {
  if (!errors.length) return '';
  return alert(
    'error',
    html`<h2 class="utrecht-heading-2">Controleer het formulier</h2>
<ul class="utrecht-unordered-list">${errors.map(
      (e) =>
        html`<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="#${anchors[e.path] ?? 'formulier'}">${e.message}</a></li>`,
    )}</ul>`,
    { role: 'alert', id: 'foutmeldingen', focusable: true },
  );
}

export const MELDING_ANCHORS: Record<string, string> = {
  category: `category-${MELDING_CATEGORIES[0]}`,
  subcategory: 'subcategory',
  location: `location-${LOCATIONS[0]}`,
  occurredAt: 'occurredAt',
  description: 'description',
  aangifteOverwogen: 'aangifteOverwogen',
  idempotencyKey: 'formulier',
  formKey: 'formulier',
};

export interface MeldingFormInput {
  school: Party;
  formKey: string;
  idempotencyKey: string;
  values?: FormValues;
  errors?: FieldError[];
  /** A date-time in the Dutch format the field expects, to show as an example (today, this morning). */
  exampleOccurredAt: string;
}

/** The melding form (art. 3a, 3h, 4). Works as a plain HTML form; the script only adds comfort. */
export function meldingForm(input: MeldingFormInput): string {
  const { school, formKey, idempotencyKey, values = {}, errors = [] } = input;
  const category = value(values, 'category');
  const subcategory = value(values, 'subcategory');
  const location = value(values, 'location');
  const aangifte = ['true', 'on', 'ja'].includes(value(values, 'aangifteOverwogen'));
  const body = html`
<h1 class="utrecht-heading-1">Melding doen</h1>
${alert(
  'warning',
  html`<p class="utrecht-paragraph"><strong>Bij direct gevaar: bel 112.</strong></p>
<p class="utrecht-paragraph">Vermoedt u huiselijk geweld of kindermishandeling? Bel Veilig Thuis: <a class="utrecht-link" href="tel:08002000">0800-2000</a> (gratis, dag en nacht).</p>
<p class="utrecht-paragraph">Vul geen namen of andere persoonsgegevens in: onder het convenant worden geen persoonsgegevens uitgewisseld (artikel 23).</p>`,
  { role: 'note' },
)}
<p class="utrecht-paragraph">U meldt namens <strong>${school.name}</strong> (wijk ${school.wijk}).</p>
${errorSummary(errors, MELDING_ANCHORS)}
<form id="formulier" class="app-stack" method="post" action="/api/meldingen" novalidate data-form="melding">
<input type="hidden" name="formKey" value="${formKey}">
<input type="hidden" name="idempotencyKey" value="${idempotencyKey}">

<fieldset class="utrecht-form-fieldset${invalid(errors, 'category') ? ' utrecht-form-fieldset--invalid' : ''}" aria-describedby="${describedBy(errors, 'category')}">
<legend class="utrecht-form-fieldset__legend utrecht-form-label">Soort melding</legend>
${fieldError(errors, 'category')}
${MELDING_CATEGORIES.map(
  (c) => html`<div class="utrecht-form-field utrecht-form-field--radio">
<input class="utrecht-radio-button" type="radio" name="category" id="category-${c}" value="${c}" aria-describedby="category-${c}-hint"${category === c ? html` checked` : ''}>
<label class="utrecht-form-label utrecht-form-label--radio" for="category-${c}">${CATEGORY_LABELS[c]}</label>
<p class="utrecht-form-field-description" id="category-${c}-hint">${CATEGORY_HINTS[c]}</p>
</div>`,
)}
</fieldset>

<div class="utrecht-form-field" data-field="subcategory">
<label class="utrecht-form-label" for="subcategory">Wat gebeurde er? <span class="utrecht-form-field-description">(alleen bij een strafbaar feit of een onveilige situatie)</span></label>
${fieldError(errors, 'subcategory')}
<select class="utrecht-select utrecht-select--html-select${invalid(errors, 'subcategory') ? ' utrecht-select--invalid' : ''}" name="subcategory" id="subcategory" aria-describedby="${describedBy(errors, 'subcategory')}"${invalid(errors, 'subcategory') ? html` aria-invalid="true"` : ''}>
<option value="">Kies…</option>
${Object.entries(SUBCATEGORIES).map(
  ([group, options]) =>
    html`<optgroup label="${CATEGORY_LABELS[group as keyof typeof SUBCATEGORIES]}" data-category="${group}">${options.map(
      (o) =>
        html`<option value="${o}"${subcategory === o ? html` selected` : ''}>${SUBCATEGORY_LABELS[o]}</option>`,
    )}</optgroup>`,
)}
</select>
</div>

<fieldset class="utrecht-form-fieldset" aria-describedby="${describedBy(errors, 'location')}">
<legend class="utrecht-form-fieldset__legend utrecht-form-label">Waar gebeurde het?</legend>
${fieldError(errors, 'location')}
${LOCATIONS.map(
  (l) => html`<div class="utrecht-form-field utrecht-form-field--radio">
<input class="utrecht-radio-button" type="radio" name="location" id="location-${l}" value="${l}"${location === l ? html` checked` : ''}>
<label class="utrecht-form-label utrecht-form-label--radio" for="location-${l}">${LOCATION_LABELS[l]}</label>
</div>`,
)}
</fieldset>

<div class="utrecht-form-field">
<label class="utrecht-form-label" for="occurredAt">Wanneer gebeurde het?</label>
<p class="utrecht-form-field-description" id="occurredAt-hint">Datum en tijd, bijvoorbeeld ${input.exampleOccurredAt}.</p>
${fieldError(errors, 'occurredAt')}
<input class="utrecht-textbox utrecht-textbox--html-input${invalid(errors, 'occurredAt') ? ' utrecht-textbox--invalid' : ''}" type="text" inputmode="numeric" autocomplete="off" name="occurredAt" id="occurredAt" value="${value(values, 'occurredAt')}" placeholder="dd-mm-jjjj uu:mm" aria-describedby="${describedBy(errors, 'occurredAt', 'occurredAt-hint')}"${invalid(errors, 'occurredAt') ? html` aria-invalid="true"` : ''} aria-required="true">
</div>

<div class="utrecht-form-field">
<label class="utrecht-form-label" for="description">Wat is er gebeurd?</label>
<p class="utrecht-form-field-description" id="description-hint">Beschrijf de situatie zonder namen, telefoonnummers, adressen of andere persoonsgegevens. Minstens 10 en hoogstens ${DESCRIPTION_MAX} tekens.</p>
${fieldError(errors, 'description')}
<textarea class="utrecht-textarea utrecht-textarea--html-textarea${invalid(errors, 'description') ? ' utrecht-textarea--invalid' : ''}" name="description" id="description" rows="6" maxlength="${DESCRIPTION_MAX}" aria-describedby="${describedBy(errors, 'description', 'description-hint')}"${invalid(errors, 'description') ? html` aria-invalid="true"` : ''} aria-required="true">${value(values, 'description')}</textarea>
</div>

<div class="utrecht-form-field utrecht-form-field--checkbox" data-field="aangifteOverwogen">
${fieldError(errors, 'aangifteOverwogen')}
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" name="aangifteOverwogen" id="aangifteOverwogen" value="true"${aangifte ? html` checked` : ''} aria-describedby="aangifteOverwogen-hint">
<label class="utrecht-form-label utrecht-form-label--checkbox" for="aangifteOverwogen">De school overweegt aangifte</label>
<p class="utrecht-form-field-description" id="aangifteOverwogen-hint">Alleen bij een strafbaar feit. Over aangifte overlegt de school met de politie (artikel 3a).</p>
</div>

<p class="utrecht-paragraph" aria-live="polite" data-status></p>
<button class="utrecht-button utrecht-button--primary-action" type="submit">Melding versturen</button>
</form>`;
  return page({ title: errors.length ? 'Fout in melding' : 'Melding doen', body, script: true });
}
