import type { FieldError } from '../shared/domain/errors.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import { markSegments } from '../shared/domain/marks.js';
import { alert } from './components.js';
import { charactersLeft } from './counter.js';

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

/**
 * What the enhancement script checks before sending, as data attributes: the messages are the
 * server's own (the same constants its schemas use), so an error reads the same with and without
 * JavaScript. The server checks everything again.
 */
export interface FieldRules {
  /** Shown when the field is left empty. */
  required?: string;
  /** At least this many characters (after trimming), with the message. */
  minLength?: readonly [number, string];
  /** A date field: how it is read, and the messages for unreadable and (for events) future dates. */
  date?: { kind: 'date' | 'datetime' | 'occurrence'; invalid: string; future?: string };
}

const rulesAttrs = (rules?: FieldRules): SafeHtml | '' =>
  rules
    ? html`${rules.required ? html` data-required="${rules.required}"` : ''}${
        rules.minLength
          ? html` data-min="${rules.minLength[0]}" data-min-message="${rules.minLength[1]}"`
          : ''
      }${
        rules.date
          ? html` data-date="${rules.date.kind}" data-date-message="${rules.date.invalid}"${
              rules.date.future ? html` data-future-message="${rules.date.future}"` : ''
            }`
          : ''
      }`
    : '';

export const errorMessageHtml = (id: string, message: string) =>
  html`<div class="utrecht-form-field__error-message"><p class="utrecht-form-field-error-message" id="${id}">${message}</p></div>`;

function errorMessage(ctx: FieldContext, name: string): SafeHtml | '' {
  const error = errorOf(ctx, name);
  return error
    ? html`<div class="utrecht-form-field__error-message"><p class="utrecht-form-field-error-message" id="${name}-fout">${error.message}${foundWords(ctx, name, error)}</p></div>`
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

function describedBy(ctx: FieldContext, name: string, ...extra: Array<string | undefined>): SafeHtml | '' {
  const ids = [...extra, errorOf(ctx, name) ? `${name}-fout` : undefined].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

const invalidAttr = (ctx: FieldContext, name: string) =>
  errorOf(ctx, name) ? html` aria-invalid="true"` : '';
const invalidClass = (ctx: FieldContext, name: string, base: string) =>
  errorOf(ctx, name) ? ` ${base}--invalid` : '';

const hintHtml = (id: string, hint?: string | SafeHtml) =>
  hint
    ? html`<div class="utrecht-form-field__description"><p class="utrecht-form-field-description" id="${id}">${hint}</p></div>`
    : '';

const labelHtml = (id: string, label: string) =>
  html`<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${label}</label></div>`;

export interface TextOptions {
  name: string;
  label: string;
  hint?: string;
  id?: string;
  inputmode?: 'numeric' | 'text';
  placeholder?: string;
  /** For repeated fields (several dates): the value to show. */
  value?: string;
  dataField?: string;
  rules?: FieldRules;
  /** A line under the field that shows the date as the script reads it, in words. */
  preview?: boolean;
}

export function textField(ctx: FieldContext, o: TextOptions): SafeHtml {
  const id = o.id ?? o.name;
  const hintId = o.hint ? `${id}-hint` : undefined;
  const previewId = o.preview ? `${id}-uitleg` : undefined;
  const ownsError = !o.id || o.id === o.name;
  return html`<div class="utrecht-form-field utrecht-form-field--text${ownsError && errorOf(ctx, o.name) ? ' utrecht-form-field--invalid' : ''}"${o.dataField ? html` data-field="${o.dataField}"` : ''}>
${labelHtml(id, o.label)}
${hintHtml(`${id}-hint`, o.hint)}
${ownsError ? errorMessage(ctx, o.name) : ''}
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input${ownsError ? invalidClass(ctx, o.name, 'utrecht-textbox') : ''}" type="text" name="${o.name}" id="${id}" value="${o.value ?? stringValue(ctx.values, o.name)}"${
    o.inputmode ? html` inputmode="${o.inputmode}"` : ''
  }${o.placeholder ? html` placeholder="${o.placeholder}"` : ''} autocomplete="off"${
    ownsError
      ? describedBy(ctx, o.name, hintId, previewId)
      : describedBy({ values: {}, errors: [] }, o.name, hintId, previewId)
  }${ownsError ? invalidAttr(ctx, o.name) : ''}${o.rules?.required ? html` aria-required="true"` : ''}${rulesAttrs(o.rules)}></div>
${previewId ? html`<p class="utrecht-paragraph app-preview" id="${previewId}" aria-live="polite" data-preview-for="${id}"></p>` : ''}
</div>`;
}

export function textArea(
  ctx: FieldContext,
  o: {
    name: string;
    label: string;
    hint?: string;
    maxLength: number;
    dataField?: string;
    rules?: FieldRules;
  },
): SafeHtml {
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  const counterId = `${o.name}-teller`;
  const value = stringValue(ctx.values, o.name);
  const left = o.maxLength - value.length;
  // No maxlength attribute: the browser would cut a pasted text silently. The counter warns, the server refuses.
  return html`<div class="utrecht-form-field utrecht-form-field--textarea${errorOf(ctx, o.name) ? ' utrecht-form-field--invalid' : ''}"${o.dataField ? html` data-field="${o.dataField}"` : ''}>
${labelHtml(o.name, o.label)}
${hintHtml(`${o.name}-hint`, o.hint)}
${errorMessage(ctx, o.name)}
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea${invalidClass(ctx, o.name, 'utrecht-textarea')}" name="${o.name}" id="${o.name}" rows="6" data-max="${o.maxLength}"${describedBy(ctx, o.name, hintId, counterId)}${invalidAttr(ctx, o.name)}${
    o.rules?.required ? html` aria-required="true"` : ''
  }${rulesAttrs(o.rules)}>${value}</textarea></div>
<p class="utrecht-paragraph app-counter${left < 0 ? ' app-counter--over' : ''}" id="${counterId}" data-counter-for="${o.name}" aria-live="polite">${charactersLeft(left, o.maxLength)}</p>
</div>`;
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** A group of radio buttons (one answer) or checkboxes (several), in a fieldset with a legend, as the Utrecht components. */
export function choiceGroup(
  ctx: FieldContext,
  o: {
    name: string;
    legend: string;
    hint?: string;
    type: 'radio' | 'checkbox';
    choices: readonly Choice[];
    dataField?: string;
    rules?: FieldRules;
  },
): SafeHtml {
  const chosen = listValue(ctx.values, o.name);
  const hintId = o.hint ? `${o.name}-hint` : undefined;
  const error = errorOf(ctx, o.name);
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${describedBy(ctx, o.name, hintId)}${
    o.dataField ? html` data-field="${o.dataField}"` : ''
  } data-group="${o.name}"${rulesAttrs(o.rules)}>
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${o.legend}</legend>
${hintHtml(`${o.name}-hint`, o.hint)}
${error ? html`<p class="utrecht-form-field-error-message" id="${o.name}-fout">${error.message}</p>` : ''}
${o.choices.map((c) => choice(o.name, o.type, c, chosen.includes(c.value), Boolean(error)))}
</fieldset>`;
}

const INPUT_CLASSES = {
  radio: 'utrecht-radio-button utrecht-radio-button--html-input',
  checkbox: 'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom',
} as const;

function choice(
  name: string,
  type: 'radio' | 'checkbox',
  c: Choice,
  checked: boolean,
  invalid: boolean,
): SafeHtml {
  const id = `${name}-${c.value}`;
  return html`<div class="utrecht-form-field utrecht-form-field--${type}">
<div class="utrecht-form-field__label utrecht-form-field__label--${type}"><label class="utrecht-form-label utrecht-form-label--${type}" for="${id}">${c.label}</label></div>
<div class="utrecht-form-field__input"><input class="${INPUT_CLASSES[type]}${invalid ? ` ${type === 'radio' ? 'utrecht-radio-button' : 'utrecht-checkbox'}--invalid` : ''}" type="${type}" name="${name}" id="${id}" value="${c.value}"${
    c.hint ? html` aria-describedby="${id}-hint"` : ''
  }${checked ? html` checked` : ''}></div>
${hintHtml(`${id}-hint`, c.hint)}
</div>`;
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
<div class="utrecht-form-field__label utrecht-form-field__label--checkbox"><label class="utrecht-form-label utrecht-form-label--checkbox" for="${o.name}">${o.label}</label></div>
<div class="utrecht-form-field__input"><input class="${INPUT_CLASSES.checkbox}" type="checkbox" name="${o.name}" id="${o.name}" value="true"${checked ? html` checked` : ''}${describedBy(ctx, o.name, hintId)}></div>
${hintHtml(`${o.name}-hint`, o.hint)}
${errorMessage(ctx, o.name)}
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
