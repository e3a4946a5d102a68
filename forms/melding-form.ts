import type { FieldError } from '../shared/domain/errors.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import {
  CATEGORY_LABELS,
  DESCRIPTION_MAX,
  LOCATION_LABELS,
  LOCATIONS,
  MELDING_CATEGORIES,
  MELDING_MESSAGES,
  SUBCATEGORIES,
  SUBCATEGORY_LABELS,
} from '../shared/domain/melding.js';
import type { Party } from '../shared/domain/parties.js';
import type { ProviderChoice } from '../shared/domain/voorlichting.js';
import { alert } from './components.js';
import {
  checkbox,
  choiceGroup,
  errorMessageHtml,
  type FieldContext,
  type FormValues,
  firstChoiceAnchor,
  postForm,
  stringValue,
  textArea,
  textField,
} from './fields.js';
import { page } from './layout.js';
import { overviewLink } from './overview-pages.js';

export type { FormValues } from './fields.js';

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

/** The warning every submission form opens with. */
export const safetyNotice = () =>
  alert(
    'warning',
    html`<p class="utrecht-paragraph"><strong>Bij direct gevaar: bel 112.</strong></p>
<p class="utrecht-paragraph">Vermoedt u huiselijk geweld of kindermishandeling? Bel Veilig Thuis: <a class="utrecht-link" href="tel:08002000">0800-2000</a> (gratis, dag en nacht).</p>
<p class="utrecht-paragraph">Vul geen namen of andere persoonsgegevens in: onder het convenant worden geen persoonsgegevens uitgewisseld (artikel 23).</p>`,
    { role: 'note' },
  );

export const MELDING_ANCHORS: Record<string, string> = {
  category: firstChoiceAnchor('category', MELDING_CATEGORIES),
  subcategory: 'subcategory',
  location: firstChoiceAnchor('location', LOCATIONS),
  occurredAt: 'occurredAt',
  description: 'description',
  aangifteOverwogen: 'aangifteOverwogen',
};

export interface SubmissionFormInput {
  school: Party;
  formKey: string;
  idempotencyKey: string;
  values?: FormValues;
  errors?: FieldError[];
  /** A date-time in the Dutch format the fields expect, to show as an example (now). */
  exampleOccurredAt: string;
  /** The voorlichting form's providers: the fixed ones and those from the directory (art. 3d). */
  providers?: readonly ProviderChoice[];
}

function subcategorySelect(ctx: FieldContext): SafeHtml {
  const error = ctx.errors.find((e) => e.path === 'subcategory');
  const chosen = stringValue(ctx.values, 'subcategory');
  return html`<div class="utrecht-form-field utrecht-form-field--select${error ? ' utrecht-form-field--invalid' : ''}" data-field="subcategory">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="subcategory">Wat gebeurde er?</label></div>
<div class="utrecht-form-field__description"><p class="utrecht-form-field-description" id="subcategory-hint">Alleen bij een strafbaar feit of een onveilige situatie.</p></div>
${error ? errorMessageHtml('subcategory-fout', error.message) : ''}
<div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}" name="subcategory" id="subcategory" aria-describedby="subcategory-hint${error ? ' subcategory-fout' : ''}"${error ? html` aria-invalid="true"` : ''} data-required="${MELDING_MESSAGES.subcategory}">
<option value="">Kies…</option>
${Object.entries(SUBCATEGORIES).map(
  ([group, options]) =>
    html`<optgroup label="${CATEGORY_LABELS[group as keyof typeof SUBCATEGORIES]}" data-category="${group}">${options.map(
      (o) =>
        html`<option value="${o}"${chosen === o ? html` selected` : ''}>${SUBCATEGORY_LABELS[o]}</option>`,
    )}</optgroup>`,
)}
</select></div>
</div>`;
}

/** The melding form (art. 3a, 3h, 4). Works as a plain HTML form; the script only adds comfort. */
export function meldingForm(input: SubmissionFormInput): string {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const body = html`
<h1 class="utrecht-heading-1">Melding doen</h1>
${safetyNotice()}
<p class="utrecht-paragraph">U meldt namens <strong>${input.school.name}</strong> (wijk ${input.school.wijk}).</p>
${overviewLink(input.formKey)}
${postForm(
  {
    action: '/api/meldingen',
    name: 'melding',
    errors: ctx.errors,
    anchors: MELDING_ANCHORS,
    hidden: { formKey: input.formKey, idempotencyKey: input.idempotencyKey },
    button: 'Melding versturen',
  },
  html`${choiceGroup(ctx, {
    name: 'category',
    legend: 'Soort melding',
    type: 'radio',
    choices: MELDING_CATEGORIES.map((c) => ({
      value: c,
      label: CATEGORY_LABELS[c],
      hint: CATEGORY_HINTS[c],
    })),
    rules: { required: MELDING_MESSAGES.category },
  })}
${subcategorySelect(ctx)}
${choiceGroup(ctx, {
  name: 'location',
  legend: 'Waar gebeurde het?',
  type: 'radio',
  choices: LOCATIONS.map((l) => ({ value: l, label: LOCATION_LABELS[l] })),
  rules: { required: MELDING_MESSAGES.location },
})}
${textField(ctx, {
  name: 'occurredAt',
  label: 'Wanneer gebeurde het?',
  hint: `Datum en tijd, bijvoorbeeld ${input.exampleOccurredAt}. Weet u de tijd niet? Vul dan alleen de datum in: de tijd is dan onbekend.`,
  inputmode: 'text',
  rules: {
    required: MELDING_MESSAGES.occurredAtMissing,
    date: {
      kind: 'occurrence',
      invalid: MELDING_MESSAGES.occurredAtInvalid,
      future: MELDING_MESSAGES.occurredAtFuture,
    },
  },
  preview: true,
})}
<div class="utrecht-form-field utrecht-form-field--checkbox" data-time-unknown-for="occurredAt" hidden>
<div class="utrecht-form-field__label utrecht-form-field__label--checkbox"><label class="utrecht-form-label utrecht-form-label--checkbox" for="occurredAt-tijd-onbekend">Tijd onbekend</label></div>
<div class="utrecht-form-field__input"><input class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom" type="checkbox" id="occurredAt-tijd-onbekend"></div>
</div>
${textArea(ctx, {
  name: 'description',
  label: 'Wat is er gebeurd?',
  hint: `Beschrijf de situatie zonder namen, telefoonnummers, adressen of andere persoonsgegevens. Schrijf bijvoorbeeld "een leerling uit de tweede klas" in plaats van een naam, en "een docent" of "een ouder" in plaats van wie het is. Minstens 10 en hoogstens ${DESCRIPTION_MAX.toLocaleString('nl-NL')} tekens.`,
  maxLength: DESCRIPTION_MAX,
  rules: {
    required: MELDING_MESSAGES.descriptionShort,
    minLength: [10, MELDING_MESSAGES.descriptionShort],
  },
})}
${checkbox(ctx, {
  name: 'aangifteOverwogen',
  label: 'De school overweegt aangifte',
  hint: 'Alleen bij een strafbaar feit. Over aangifte overlegt de school met de politie (artikel 3a).',
  dataField: 'aangifteOverwogen',
})}
`,
)}`;
  return page({ title: ctx.errors.length ? 'Fout in melding' : 'Melding doen', body, script: true });
}
