import type { FieldError } from '../shared/domain/errors.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import { markSegments } from '../shared/domain/marks.js';
import { alert } from './components.js';

/**
 * Form fields in the Utrecht design system, each with its label, hint and error wired up for
 * assistive technology: the error sits next to the field and is named by aria-describedby.
 */
export type FormValues = Record<string, unknown>;

export interface FieldContext {
  values: FormValues;
  errors: readonly FieldError[];
}

export const stringValue = (values: FormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

const listValue = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
};

const errorOf = (ctx: FieldContext, name: string) => ctx.errors.find((e) => e.path === name);

function errorMessage(ctx: FieldContext, name: string): SafeHtml | '' {
  const error = errorOf(ctx, name);
  return error
    ? html`<p class="utrecht-form-field-error-message" id="${name}-fout">${error.message}${foundWords(ctx, name, error)}</p>`
    : '';
}

/** Article 23: the user's text with the words the guard found marked. */
function foundWords(ctx: FieldContext, name: string, error: FieldError): SafeHtml | '' {
  const text = stringValue(ctx.values, name);
  if (!error.found?.length || !text) return '';
  const segments = markSegments(text, error.found).map((s) =>
    s.marked ? html`<mark>${s.text}</mark>` : s.text,
  );
  return html`<span class="veilig-gevonden" data-gevonden> In uw tekst: <q>${segments}</q></span>`;
}

function describedBy(ctx: FieldContext, name: string, hint?: string): SafeHtml | '' {
  const ids = [hint, errorOf(ctx, name) ? `${name}-fout` : undefined].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

const invalidAttr = (ctx: FieldContext, name: string) =>
  errorOf(ctx, name) ? html` aria-invalid="true"` : '';
const invalidClass = (ctx: FieldContext, name: string, base: string) =>
  errorOf(ctx, name) ? ` ${base}--invalid` : '';

const hintHtml = (id: string, hint?: string | SafeHtml) =>
  hint ? html`<p class="utrecht-form-field-description" id="${id}">${hint}</p>` : '';

export interface TextOptions {
  name: string;
  label: string;
  hint?: string;
  id?: string;
  inputmode?: 'numeric' | 'text';
  placeholder?: string;
  required?: boolean;
  /** For repeated fields (several dates): the value to show. */
  value?: string;
  dataField?: string;
}

export function textField(ctx: FieldContext, o: TextOptions): SafeHtml {
  const id = o.id ?? o.name;
  const hintId = o.hint ? `${id}-hint` : undefined;
  return html`<div class="utrecht-form-field"${o.dataField ? html` data-field="${o.dataField}"` : ''}>
<label class="utrecht-form-label" for="${id}">${o.label}</label>
${hintHtml(`${id}-hint`, o.hint)}
${o.id && o.id !== o.name ? '' : errorMessage(ctx, o.name)}
<input class="utrecht-textbox utrecht-textbox--html-input${invalidClass(ctx, o.name, 'utrecht-textbox')}" type="text" name="${o.name}" id="${id}" value="${o.value ?? stringValue(ctx.values, o.name)}"${
    o.inputmode ? html` inputmode="${o.inputmode}"` : ''
  }${o.placeholder ? html` placeholder="${o.placeholder}"` : ''} autocomplete="off"${describedBy(ctx, o.name, hintId)}${invalidAttr(ctx, o.name)}${
    o.required ? html` aria-required="true"` : ''
  }>
</div>`;
}

export function textArea(
  ctx: FieldContext,
  o: {
    name: string;
    label: string;
    hint?: string;
    maxLength: number;
    required?: boolean;
    dataField?: string;
  },
): SafeHtml {
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  return html`<div class="utrecht-form-field"${o.dataField ? html` data-field="${o.dataField}"` : ''}>
<label class="utrecht-form-label" for="${o.name}">${o.label}</label>
${hintHtml(`${o.name}-hint`, o.hint)}
${errorMessage(ctx, o.name)}
<textarea class="utrecht-textarea utrecht-textarea--html-textarea${invalidClass(ctx, o.name, 'utrecht-textarea')}" name="${o.name}" id="${o.name}" rows="5" maxlength="${o.maxLength}"${describedBy(ctx, o.name, hintId)}${invalidAttr(ctx, o.name)}${
    o.required ? html` aria-required="true"` : ''
  }>${stringValue(ctx.values, o.name)}</textarea>
</div>`;
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** A group of radio buttons (one answer) or checkboxes (several), in a fieldset with a legend. */
export function choiceGroup(
  ctx: FieldContext,
  o: {
    name: string;
    legend: string;
    hint?: string;
    type: 'radio' | 'checkbox';
    choices: readonly Choice[];
    dataField?: string;
  },
): SafeHtml {
  const chosen = listValue(ctx.values, o.name);
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  return html`<fieldset class="utrecht-form-fieldset${errorOf(ctx, o.name) ? ' utrecht-form-fieldset--invalid' : ''}"${describedBy(ctx, o.name, hintId)}${
    o.dataField ? html` data-field="${o.dataField}"` : ''
  }>
<legend class="utrecht-form-fieldset__legend utrecht-form-label">${o.legend}</legend>
${hintHtml(`${o.name}-hint`, o.hint)}
${errorMessage(ctx, o.name)}
${o.choices.map(
  (
    c,
  ) => html`<div class="utrecht-form-field utrecht-form-field--${o.type === 'radio' ? 'radio' : 'checkbox'}">
<input class="${o.type === 'radio' ? 'utrecht-radio-button' : 'utrecht-checkbox utrecht-checkbox--html-input'}" type="${o.type}" name="${o.name}" id="${o.name}-${c.value}" value="${c.value}"${
    c.hint ? html` aria-describedby="${o.name}-${c.value}-hint"` : ''
  }${chosen.includes(c.value) ? html` checked` : ''}>
<label class="utrecht-form-label utrecht-form-label--${o.type === 'radio' ? 'radio' : 'checkbox'}" for="${o.name}-${c.value}">${c.label}</label>
${hintHtml(`${o.name}-${c.value}-hint`, c.hint)}
</div>`,
)}
</fieldset>`;
}

/** One checkbox for a yes/no question. */
export function checkbox(
  ctx: FieldContext,
  o: { name: string; label: string; hint?: string; dataField?: string },
): SafeHtml {
  const checked =
    ['true', 'on', 'ja'].includes(stringValue(ctx.values, o.name)) || ctx.values[o.name] === true;
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  return html`<div class="utrecht-form-field utrecht-form-field--checkbox"${o.dataField ? html` data-field="${o.dataField}"` : ''}>
${errorMessage(ctx, o.name)}
<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" name="${o.name}" id="${o.name}" value="true"${checked ? html` checked` : ''}${describedBy(ctx, o.name, hintId)}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="${o.name}">${o.label}</label>
${hintHtml(`${o.name}-hint`, o.hint)}
</div>`;
}

export const firstChoiceAnchor = (name: string, choices: readonly Choice[] | readonly string[]) =>
  `${name}-${typeof choices[0] === 'string' ? choices[0] : (choices[0] as Choice | undefined)?.value}`;

export const submitButton = (label: string) =>
  html`<p class="utrecht-paragraph" aria-live="polite" data-status></p>
<button class="utrecht-button utrecht-button--primary-action" type="submit">${label}</button>`;

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

export interface PostFormOptions {
  action: string;
  /** Which form it is, for the enhancement script (`data-form`). */
  name: string;
  errors: readonly FieldError[];
  /** Where each field's error in the summary links to. */
  anchors: Record<string, string>;
  hidden?: Record<string, string>;
  button: string;
}

/** Every form of the product: the error summary, the form posting to the API, hidden fields, fields, button. */
export function postForm(o: PostFormOptions, fields: SafeHtml | Array<SafeHtml | ''> | ''): SafeHtml {
  return html`${errorSummary(o.errors, o.anchors)}
<form id="formulier" class="app-stack" method="post" action="${o.action}" novalidate data-form="${o.name}">
${Object.entries(o.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${fields}
${submitButton(o.button)}
</form>`;
}
