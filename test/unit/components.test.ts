import { describe, expect, it } from 'vitest';
import { calendarDonePage } from '../../forms/calendar-pages.js';
import { Alert } from '../../forms/components/alert.js';
import { ChoiceGroup, Fieldset } from '../../forms/components/fieldset.js';
import { ErrorSummary, PostForm } from '../../forms/components/form.js';
import {
  CheckboxField,
  type FieldContext,
  FieldErrorMessage,
  FormFieldDescription,
  SelectField,
  TextareaField,
  TextboxField,
} from '../../forms/components/form-field.js';
import { PageLayout, page } from '../../forms/components/page-layout.js';
import { render } from '../../forms/components/render.js';
import { Table, TableCell } from '../../forms/components/table.js';
import { notFoundPage } from '../../forms/info-pages.js';
import { keyProblemPage, messagePage } from '../../forms/message-pages.js';
import { overviewProblemPage } from '../../forms/overview-pages.js';

/** Text a user could type (or a directory could hold): markup, both quotes and an ampersand. */
const HOSTILE = `<script>alert(1)</script> "dubbel" 'enkel' & <img src=x onerror=alert(2)>`;
const ESCAPED =
  '&lt;script&gt;alert(1)&lt;/script&gt; &quot;dubbel&quot; &#39;enkel&#39; &amp; &lt;img src=x onerror=alert(2)&gt;';

/** Every place the text lands, in a text node or an attribute value, it is escaped: no tag, no way out of a quote. */
function expectEscaped(html: JSX.Element, places = 1) {
  const out = render(html);
  expect(out).not.toContain('<script');
  expect(out).not.toContain('<img');
  expect(out).not.toContain('"dubbel"');
  expect(out).not.toContain("'enkel'");
  expect(out.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(places);
}

const hostileCtx = (...names: string[]): FieldContext => ({
  values: Object.fromEntries(names.map((n) => [n, HOSTILE])),
  errors: names.map((n) => ({ path: n, message: HOSTILE })),
});
const rules = {
  required: HOSTILE,
  minLength: [3, HOSTILE] as const,
  date: { kind: 'date' as const, invalid: HOSTILE, future: HOSTILE },
};

describe('Form components escape every text they are given', () => {
  it('form field description, error message and the words the privacy guard found', () => {
    expectEscaped(FormFieldDescription({ id: 'h', text: HOSTILE }));
    const ctx: FieldContext = {
      values: { f: HOSTILE },
      errors: [{ path: 'f', message: HOSTILE, found: [{ kind: 'x', text: 'script', start: 1, end: 7 }] }],
    };
    const out = render(FieldErrorMessage({ ctx, name: 'f' }));
    expectEscaped(out);
    expect(out).toContain('&lt;<mark>script</mark>&gt;alert(1)');
  });

  it('textbox: label, hint, value, placeholder, error and the script rules', () => {
    expectEscaped(
      TextboxField({
        ctx: hostileCtx('f'),
        name: 'f',
        label: HOSTILE,
        hint: HOSTILE,
        placeholder: HOSTILE,
        rules,
      }),
      9,
    );
  });

  it('textarea: label, hint, text, error and rules', () => {
    expectEscaped(
      TextareaField({ ctx: hostileCtx('f'), name: 'f', label: HOSTILE, hint: HOSTILE, maxLength: 10, rules }),
      8,
    );
  });

  it('select: label, hint, group and option labels, error', () => {
    expectEscaped(
      SelectField({
        ctx: hostileCtx('f'),
        name: 'f',
        label: HOSTILE,
        hint: HOSTILE,
        placeholder: HOSTILE,
        rules,
        groups: [{ label: HOSTILE, data: {}, options: [{ value: HOSTILE, label: HOSTILE }] }],
      }),
      8,
    );
  });

  it('checkbox: label, hint, error', () => {
    expectEscaped(CheckboxField({ ctx: hostileCtx('f'), name: 'f', label: HOSTILE, hint: HOSTILE }), 3);
  });

  it('fieldset, radio group and checkbox group: legend, hint, error, choices', () => {
    expectEscaped(Fieldset({ ctx: hostileCtx('f'), name: 'f', legend: HOSTILE, hint: HOSTILE }), 3);
    for (const type of ['radio', 'checkbox'] as const) {
      expectEscaped(
        ChoiceGroup({
          ctx: hostileCtx('f'),
          name: 'f',
          legend: HOSTILE,
          hint: HOSTILE,
          type,
          rules,
          choices: [{ value: HOSTILE, label: HOSTILE, hint: HOSTILE }],
        }),
        9,
      );
    }
  });

  it('error summary, form (hidden fields, action) and button', () => {
    expectEscaped(ErrorSummary({ errors: [{ path: 'f', message: HOSTILE }], anchors: { f: HOSTILE } }), 2);
    expectEscaped(
      PostForm({
        action: HOSTILE,
        name: 'f',
        errors: [],
        anchors: {},
        hidden: { k: HOSTILE },
        button: HOSTILE,
      }),
      3,
    );
  });

  it('page layout title, table caption and cell label', () => {
    expectEscaped(PageLayout({ title: HOSTILE }));
    expectEscaped(
      Table({ caption: HOSTILE, head: '', children: TableCell({ label: HOSTILE, children: 1 }) }),
      2,
    );
  });

  it('pages built from them escape what the handlers pass in', () => {
    expectEscaped(notFoundPage(HOSTILE));
    expectEscaped(messagePage(HOSTILE, [HOSTILE]), 3);
    expectEscaped(overviewProblemPage(HOSTILE));
    expectEscaped(calendarDonePage(HOSTILE, HOSTILE), 2);
    expect(page(Alert({ type: 'info', children: 'vertrouwd' }))).toMatch(
      /^<!doctype html>\n<div class="utrecht-alert/,
    );
  });

  it('fixed texts pass through unchanged', () => {
    expect(keyProblemPage('missing')).toContain(
      '<h1 class="utrecht-heading-1">De link is niet compleet</h1>',
    );
  });
});
