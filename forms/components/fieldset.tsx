import type { Children } from '@kitajs/html';
import {
  CHECKBOX_CLASSES,
  describedBy,
  errorOf,
  type FieldContext,
  type FieldRules,
  FormField,
  FormFieldDescription,
  FormLabel,
  listValue,
  ruleAttributes,
} from './form-field.js';
import { escapeHtml } from './render.js';

/**
 * The Utrecht form fieldset: a group of controls under one legend, with the group's hint and error
 * (the error spans the group, under the legend and hint, above the controls).
 */
export const Fieldset = ({
  ctx,
  name,
  legend,
  hint,
  field,
  group,
  rules,
  children,
}: {
  ctx: FieldContext;
  /** The field the group's error belongs to. */
  name: string;
  legend: string;
  hint?: string | undefined;
  field?: string | undefined;
  /** Radio and checkbox groups: the field name, for the enhancement script (`data-group`). */
  group?: string;
  rules?: FieldRules | undefined;
  children?: Children;
}) => {
  const error = errorOf(ctx, name);
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={describedBy(hint && `${name}-hint`, error && `${name}-fout`)}
      data-field={field}
      data-group={group}
      {...ruleAttributes(rules)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {escapeHtml(legend)}
      </legend>
      <FormFieldDescription id={`${name}-hint`} text={hint} />
      {error ? (
        <p class="utrecht-form-field-error-message" id={`${name}-fout`}>
          {escapeHtml(error.message)}
        </p>
      ) : (
        ''
      )}
      {children}
    </fieldset>
  );
};

export interface Choice {
  value: string;
  label: string;
  hint?: string | undefined;
}

const INPUT_CLASSES = {
  radio: 'utrecht-radio-button utrecht-radio-button--html-input',
  checkbox: CHECKBOX_CLASSES,
} as const;

const INVALID_CLASSES = {
  radio: 'utrecht-radio-button--invalid',
  checkbox: 'utrecht-checkbox--invalid',
} as const;

/** One radio button or checkbox of a group, in its own form field. */
const ChoiceOption = ({
  name,
  type,
  choice,
  checked,
  invalid,
}: {
  name: string;
  type: 'radio' | 'checkbox';
  choice: Choice;
  checked: boolean;
  invalid: boolean;
}) => {
  const id = escapeHtml(`${name}-${choice.value}`);
  return (
    <FormField type={type}>
      <FormLabel for={id} type={type}>
        {escapeHtml(choice.label)}
      </FormLabel>
      <div class="utrecht-form-field__input">
        <input
          class={`${INPUT_CLASSES[type]}${invalid ? ` ${INVALID_CLASSES[type]}` : ''}`}
          type={type}
          name={name}
          id={id}
          value={escapeHtml(choice.value)}
          aria-describedby={choice.hint ? `${id}-hint` : undefined}
          checked={checked}
        />
      </div>
      <FormFieldDescription id={`${id}-hint`} text={choice.hint} />
    </FormField>
  );
};

/** A group of radio buttons (one answer) or checkboxes (several), in a fieldset with a legend. */
export const ChoiceGroup = ({
  ctx,
  name,
  legend,
  hint,
  type,
  choices,
  dataField,
  rules,
}: {
  ctx: FieldContext;
  name: string;
  legend: string;
  hint?: string;
  type: 'radio' | 'checkbox';
  choices: readonly Choice[];
  dataField?: string;
  rules?: FieldRules;
}) => {
  const chosen = listValue(ctx.values, name);
  const invalid = Boolean(errorOf(ctx, name));
  return (
    <Fieldset ctx={ctx} name={name} legend={legend} hint={hint} field={dataField} group={name} rules={rules}>
      {choices.map((c) => (
        <ChoiceOption
          name={name}
          type={type}
          choice={c}
          checked={chosen.includes(c.value)}
          invalid={invalid}
        />
      ))}
    </Fieldset>
  );
};

/** Where a group's error in the summary links to: its first choice. */
export const firstChoiceAnchor = (name: string, choices: readonly Choice[] | readonly string[]) =>
  `${name}-${typeof choices[0] === 'string' ? choices[0] : (choices[0] as Choice | undefined)?.value}`;
