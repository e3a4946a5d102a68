import type { Children } from '@kitajs/html';
import type { FieldError } from '../../shared/domain/errors.js';
import { markSegments } from '../../shared/domain/marks.js';
import { charactersLeft } from '../counter.js';
import { escapeHtml } from './render.js';

/**
 * Form fields in the Utrecht design system, each with its label, hint and error wired up for
 * assistive technology: the error sits next to the field and is named by aria-describedby.
 */
export type FormValues = Record<string, unknown>;

/** Example dates for hints (dd-mm-jjjj), each one its field accepts: today, and a school day ahead. */
export interface ExampleDates {
  past: string;
  future: string;
}

export interface FieldContext {
  values: FormValues;
  errors: readonly FieldError[];
}

export const NO_CONTEXT: FieldContext = { values: {}, errors: [] };

export const stringValue = (values: FormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

export const listValue = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];
};

export const errorOf = (ctx: FieldContext, name: string) => ctx.errors.find((e) => e.path === name);

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

/** The rules as the data attributes the script reads. */
export const ruleAttributes = (rules?: FieldRules): Record<string, string | number | undefined> => ({
  'data-required': rules?.required && escapeHtml(rules.required),
  'data-min': rules?.minLength?.[0],
  'data-min-message': rules?.minLength && escapeHtml(rules.minLength[1]),
  'data-date': rules?.date?.kind,
  'data-date-message': rules?.date && escapeHtml(rules.date.invalid),
  'data-future-message': rules?.date?.future && escapeHtml(rules.date.future),
});

/** The ids a control is described by: its hint, extra lines, and its error when it has one. */
export const describedBy = (...ids: Array<string | undefined | false>): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;

export const FormLabel = ({
  for: id,
  type,
  children,
}: {
  for: string;
  type?: 'radio' | 'checkbox';
  children?: Children;
}) => (
  <div
    class={
      type ? `utrecht-form-field__label utrecht-form-field__label--${type}` : 'utrecht-form-field__label'
    }
  >
    <label class={type ? `utrecht-form-label utrecht-form-label--${type}` : 'utrecht-form-label'} for={id}>
      {children}
    </label>
  </div>
);

/** The field's hint (Utrecht form field description); nothing when there is no hint. */
export const FormFieldDescription = ({ id, text }: { id: string; text?: string | undefined }) =>
  text ? (
    <div class="utrecht-form-field__description">
      <p class="utrecht-form-field-description" id={id}>
        {escapeHtml(text)}
      </p>
    </div>
  ) : (
    ''
  );

export const FormFieldErrorMessage = ({ id, children }: { id: string; children?: Children }) => (
  <div class="utrecht-form-field__error-message">
    <p class="utrecht-form-field-error-message" id={id}>
      {children}
    </p>
  </div>
);

/** Article 23: the user's text with the words the guard found marked. */
const FoundWords = ({ text, error }: { text: string; error: FieldError }) =>
  error.found?.length && text ? (
    <span class="veilig-gevonden" data-gevonden>
      {' In uw tekst: '}
      <q>
        {markSegments(text, error.found).map((s) =>
          s.marked ? <mark>{escapeHtml(s.text)}</mark> : escapeHtml(s.text),
        )}
      </q>
    </span>
  ) : (
    ''
  );

/** The field's error, next to it, with the words the privacy guard found. */
export const FieldErrorMessage = ({ ctx, name }: { ctx: FieldContext; name: string }) => {
  const error = errorOf(ctx, name);
  return error ? (
    <FormFieldErrorMessage id={`${name}-fout`}>
      {escapeHtml(error.message)}
      <FoundWords text={stringValue(ctx.values, name)} error={error} />
    </FormFieldErrorMessage>
  ) : (
    ''
  );
};

/** The Utrecht form field: one control with its label, description and error. */
export const FormField = ({
  type,
  invalid,
  field,
  hidden,
  children,
  ...data
}: {
  type?: 'text' | 'textarea' | 'select' | 'checkbox' | 'radio';
  invalid?: boolean;
  /** Shown by the script only. */
  hidden?: boolean;
  /** Which field it is, for the enhancement script (`data-field`). */
  field?: string | undefined;
  children?: Children;
  [data: `data-${string}`]: string | undefined;
}) => (
  <div
    class={`utrecht-form-field${type ? ` utrecht-form-field--${type}` : ''}${invalid ? ' utrecht-form-field--invalid' : ''}`}
    data-field={field}
    {...data}
    hidden={hidden}
  >
    {children}
  </div>
);

export interface TextboxOptions {
  name: string;
  label: string;
  hint?: string | undefined;
  id?: string;
  inputmode?: 'numeric' | 'text';
  placeholder?: string;
  /** For repeated fields (several dates): the value to show. */
  value?: string;
  dataField?: string;
  rules?: FieldRules;
  /** A line under the field that shows the date as the script reads it, in words ('date': a date only, no time). */
  preview?: boolean | 'date';
}

/** A Utrecht textbox in its form field. A field with its own id (one of several dates) leaves the error to its group. */
export const TextboxField = ({ ctx, ...o }: TextboxOptions & { ctx: FieldContext }) => {
  const id = o.id ?? o.name;
  const previewId = o.preview ? `${id}-uitleg` : undefined;
  const own: FieldContext = !o.id || o.id === o.name ? ctx : NO_CONTEXT;
  const invalid = Boolean(errorOf(own, o.name));
  return (
    <FormField type="text" invalid={invalid} field={o.dataField}>
      <FormLabel for={id}>{escapeHtml(o.label)}</FormLabel>
      <FormFieldDescription id={`${id}-hint`} text={o.hint} />
      <FieldErrorMessage ctx={own} name={o.name} />
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
          type="text"
          name={o.name}
          id={id}
          value={escapeHtml(o.value ?? stringValue(ctx.values, o.name))}
          inputmode={o.inputmode}
          placeholder={o.placeholder && escapeHtml(o.placeholder)}
          autocomplete="off"
          aria-describedby={describedBy(o.hint && `${id}-hint`, previewId, invalid && `${o.name}-fout`)}
          aria-invalid={invalid ? 'true' : undefined}
          aria-required={o.rules?.required ? 'true' : undefined}
          {...ruleAttributes(o.rules)}
        />
      </div>
      {previewId ? (
        <p
          class="utrecht-paragraph app-preview"
          id={previewId}
          aria-live="polite"
          data-preview-for={id}
          data-date-only={o.preview === 'date' ? '' : undefined}
        ></p>
      ) : (
        ''
      )}
    </FormField>
  );
};

/** A date typed as people type it, with the script's preview in words; the hint gives an example. */
export const DateField = ({
  ctx,
  name,
  label,
  example,
  hint = `Bijvoorbeeld ${example}.`,
}: {
  ctx: FieldContext;
  name: string;
  label: string;
  example: string;
  hint?: string;
}) => <TextboxField ctx={ctx} name={name} label={label} hint={hint} inputmode="numeric" preview="date" />;

/** A Utrecht textarea with a character counter. */
export const TextareaField = ({
  ctx,
  ...o
}: {
  ctx: FieldContext;
  name: string;
  label: string;
  hint?: string;
  maxLength: number;
  dataField?: string;
  rules?: FieldRules;
}) => {
  const counterId = `${o.name}-teller`;
  const value = stringValue(ctx.values, o.name);
  const left = o.maxLength - value.length;
  const invalid = Boolean(errorOf(ctx, o.name));
  // No maxlength attribute: the browser would cut a pasted text silently. The counter warns, the server refuses.
  return (
    <FormField type="textarea" invalid={invalid} field={o.dataField}>
      <FormLabel for={o.name}>{escapeHtml(o.label)}</FormLabel>
      <FormFieldDescription id={`${o.name}-hint`} text={o.hint} />
      <FieldErrorMessage ctx={ctx} name={o.name} />
      <div class="utrecht-form-field__input">
        <textarea
          class={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
          name={o.name}
          id={o.name}
          rows="6"
          data-max={o.maxLength}
          aria-describedby={describedBy(o.hint && `${o.name}-hint`, counterId, invalid && `${o.name}-fout`)}
          aria-invalid={invalid ? 'true' : undefined}
          aria-required={o.rules?.required ? 'true' : undefined}
          {...ruleAttributes(o.rules)}
        >
          {escapeHtml(value)}
        </textarea>
      </div>
      <p
        class={`utrecht-paragraph app-counter${left < 0 ? ' app-counter--over' : ''}`}
        id={counterId}
        data-counter-for={o.name}
        aria-live="polite"
      >
        {escapeHtml(charactersLeft(left, o.maxLength))}
      </p>
    </FormField>
  );
};

export interface SelectOption {
  value: string;
  label: string;
}

/** A Utrecht select in its form field; options may come in groups (optgroup). */
export const SelectField = ({
  ctx,
  name,
  label,
  hint,
  field,
  rules,
  placeholder,
  groups,
}: {
  ctx: FieldContext;
  name: string;
  label: string;
  hint: string;
  field?: string;
  rules?: FieldRules;
  placeholder: string;
  groups: ReadonlyArray<{ label: string; data: Record<string, string>; options: readonly SelectOption[] }>;
}) => {
  const error = errorOf(ctx, name);
  const chosen = stringValue(ctx.values, name);
  return (
    <FormField type="select" invalid={Boolean(error)} field={field}>
      <FormLabel for={name}>{escapeHtml(label)}</FormLabel>
      <FormFieldDescription id={`${name}-hint`} text={hint} />
      {error ? (
        <FormFieldErrorMessage id={`${name}-fout`}>{escapeHtml(error.message)}</FormFieldErrorMessage>
      ) : (
        ''
      )}
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
          name={name}
          id={name}
          aria-describedby={describedBy(`${name}-hint`, error && `${name}-fout`)}
          aria-invalid={error ? 'true' : undefined}
          {...ruleAttributes(rules)}
        >
          <option value="">{escapeHtml(placeholder)}</option>
          {groups.map((g) => (
            <optgroup label={escapeHtml(g.label)} {...g.data}>
              {g.options.map((o) => (
                <option value={escapeHtml(o.value)} selected={chosen === o.value}>
                  {escapeHtml(o.label)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </FormField>
  );
};

export const CHECKBOX_CLASSES = 'utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom';

/** One checkbox for a yes/no question. */
export const CheckboxField = ({
  ctx,
  name,
  label,
  hint,
  dataField,
}: {
  ctx: FieldContext;
  name: string;
  label: string;
  hint?: string;
  dataField?: string;
}) => {
  const checked = ['true', 'on', 'ja'].includes(stringValue(ctx.values, name)) || ctx.values[name] === true;
  return (
    <FormField type="checkbox" field={dataField}>
      <FormLabel for={name} type="checkbox">
        {escapeHtml(label)}
      </FormLabel>
      <div class="utrecht-form-field__input">
        <input
          class={CHECKBOX_CLASSES}
          type="checkbox"
          name={name}
          id={name}
          value="true"
          checked={checked}
          aria-describedby={describedBy(hint && `${name}-hint`, errorOf(ctx, name) && `${name}-fout`)}
        />
      </div>
      <FormFieldDescription id={`${name}-hint`} text={hint} />
      <FieldErrorMessage ctx={ctx} name={name} />
    </FormField>
  );
};
