/**
 * Progressive enhancement for the hosted forms. Without this script every form still works (a plain
 * POST, errors rendered by the server). With it: dependent fields show only where they apply, dates
 * are read back in words as they are typed, long texts count their characters, the simple checks
 * run as the user goes, and the submission forms send with fetch and the form's idempotency key, so
 * a double click or a retry after a network error never makes two submissions.
 *
 * The checks read their rules and messages from the fields' data attributes, written by the server
 * from the same constants its schemas use: an error reads the same with and without JavaScript.
 * zod stays on the server; everything else the server decides and its answer is shown as it is.
 */

import type { FieldError as DomainFieldError } from '../shared/domain/errors.js';
import { markSegments } from '../shared/domain/marks.js';
import { normaliseText } from '../shared/domain/text.js';
import {
  describeDateTimeInput,
  formatDutchDate,
  parseDate,
  parseDateTime,
  parseOccurrence,
  readDateTimeInput,
} from '../shared/domain/time.js';
import { charactersLeft } from './counter.js';

interface FieldError {
  path: string;
  message: string;
  /** Article 23: where in the field's text the guard found personal data. */
  found?: DomainFieldError['found'];
}

type FormName = string;
type Values = Record<string, unknown>;

/** The forms sent with fetch (JSON API with an idempotency key); the others post plainly. */
const FETCHED = new Set<FormName>(['melding', 'voorlichting', 'beeindiging']);

/** Fields that only apply for some answers: shown and enabled only then. */
const DEPENDENT: Partial<Record<FormName, Array<{ field: string; when: (values: Values) => boolean }>>> = {
  melding: [
    {
      field: 'subcategory',
      when: (v) => v.category === 'strafbaar-feit' || v.category === 'onveilige-situatie',
    },
    { field: 'aangifteOverwogen', when: (v) => v.category === 'strafbaar-feit' },
  ],
  voorlichting: [
    { field: 'haltTheme', when: (v) => v.provider === 'halt' },
    { field: 'freeTheme', when: (v) => v.provider !== undefined && v.provider !== 'halt' },
  ],
  'voorlichting-antwoord': [
    { field: 'plannedAt', when: (v) => v.answer === 'geaccepteerd' },
    { field: 'proposedDates', when: (v) => v.answer === 'ander-voorstel' },
    { field: 'reason', when: (v) => v.answer === 'afgewezen' },
  ],
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const isControl = (e: Element): e is Control =>
  e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement;

function valuesOf(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const element of Array.from(form.elements)) {
    if (!isControl(element) || !element.name || element.disabled) continue;
    if (element instanceof HTMLInputElement && element.type === 'checkbox') {
      const group = form.querySelectorAll(`input[type=checkbox][name="${element.name}"]`);
      if (group.length > 1) {
        if (element.checked)
          values[element.name] = [...((values[element.name] as string[]) ?? []), element.value];
      } else {
        values[element.name] = element.checked;
      }
      continue;
    }
    if (element instanceof HTMLInputElement && element.type === 'radio') {
      if (element.checked) values[element.name] = element.value;
      continue;
    }
    if (element.value === '') continue;
    const repeated = form.querySelectorAll(`[name="${element.name}"]`).length > 1;
    values[element.name] = repeated
      ? [...((values[element.name] as string[]) ?? []), element.value]
      : element.value;
  }
  return values;
}

/** The element that carries a field's rules and error: a group's fieldset, or the field's form field. */
function fieldContainer(form: HTMLFormElement, name: string): HTMLElement | null {
  const group = form.querySelector<HTMLElement>(`[data-group="${CSS.escape(name)}"]:not([hidden])`);
  if (group) return group;
  const input = form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]:not(:disabled)`);
  return input?.closest<HTMLElement>('.utrecht-form-fieldset, .utrecht-form-field') ?? null;
}

/** Article 23: after the message, the field's own text with the words the guard found marked. */
function showFound(node: HTMLElement, form: HTMLFormElement, error: FieldError): void {
  const input = form.querySelector<HTMLTextAreaElement | HTMLInputElement>(`[name="${error.path}"]`);
  if (!error.found?.length || !input?.value) return;
  const wrap = document.createElement('span');
  wrap.className = 'veilig-gevonden';
  wrap.dataset.gevonden = '';
  const quote = document.createElement('q');
  // The guard's offsets are in the text as the server stores it (NFC, no invisible characters), which
  // is also what the page without JavaScript shows.
  for (const segment of markSegments(normaliseText(input.value), error.found)) {
    if (segment.marked) {
      const mark = document.createElement('mark');
      mark.textContent = segment.text;
      quote.append(mark);
    } else quote.append(segment.text);
  }
  wrap.append(' In uw tekst: ', quote);
  node.append(wrap);
}

function showFieldError(form: HTMLFormElement, name: string, message: string | undefined): void {
  const container = fieldContainer(form, name);
  if (!container) return;
  const id = `${name}-fout`;
  const isGroup = container.matches('fieldset');
  let node = container.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  const inputs = Array.from(container.querySelectorAll<HTMLElement>(`[name="${CSS.escape(name)}"]`));
  const describedTarget = isGroup ? [container] : inputs;
  container.classList.toggle(
    isGroup ? 'utrecht-form-fieldset--invalid' : 'utrecht-form-field--invalid',
    !!message,
  );
  if (!message) {
    (node?.closest('.utrecht-form-field__error-message') ?? node)?.remove();
    for (const input of inputs) input.removeAttribute('aria-invalid');
    for (const target of describedTarget) {
      const described = (target.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((x) => x && x !== id);
      if (described.length) target.setAttribute('aria-describedby', described.join(' '));
      else target.removeAttribute('aria-describedby');
    }
    return;
  }
  if (!node) {
    node = document.createElement('p');
    node.className = 'utrecht-form-field-error-message';
    node.id = id;
    if (isGroup) {
      // In a group the message spans the fieldset, under the legend and hint, above the choices.
      const after =
        container.querySelector(':scope > .utrecht-form-field__description') ??
        container.querySelector('legend');
      after?.after(node);
    } else {
      const wrapper = document.createElement('div');
      wrapper.className = 'utrecht-form-field__error-message';
      wrapper.append(node);
      container.querySelector(':scope > .utrecht-form-field__input')?.before(wrapper);
    }
  }
  node.textContent = message;
  for (const input of inputs)
    if (input.getAttribute('type') !== 'radio') input.setAttribute('aria-invalid', 'true');
  for (const target of describedTarget) {
    const described = (target.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    if (!described.includes(id)) target.setAttribute('aria-describedby', [...described, id].join(' '));
  }
}

function showSummary(form: HTMLFormElement, errors: readonly FieldError[]): void {
  document.getElementById('foutmeldingen')?.remove();
  if (!errors.length) return;
  const box = document.createElement('div');
  box.className = 'utrecht-alert utrecht-alert--error';
  box.id = 'foutmeldingen';
  box.setAttribute('role', 'alert');
  box.tabIndex = -1;
  const heading = document.createElement('h2');
  heading.className = 'utrecht-heading-2';
  heading.textContent = 'Controleer het formulier';
  const list = document.createElement('ul');
  list.className = 'utrecht-unordered-list';
  for (const error of errors) {
    const item = document.createElement('li');
    item.className = 'utrecht-unordered-list__item';
    const link = document.createElement('a');
    link.className = 'utrecht-link';
    const target = form.querySelector<HTMLElement>(`[name="${CSS.escape(error.path)}"]:not(:disabled)`);
    link.href = `#${target?.id || form.id}`;
    link.textContent = error.message;
    item.append(link);
    list.append(item);
  }
  const content = document.createElement('div');
  content.className = 'utrecht-alert__content';
  const message = document.createElement('div');
  message.className = 'utrecht-alert__message';
  message.append(heading, list);
  content.append(message);
  box.append(content);
  form.before(box);
  box.focus();
}

/** Shows and enables only the fields that apply to the answers given so far; returns those answers. */
function showApplicable(form: HTMLFormElement, name: FormName): Values {
  const values = valuesOf(form);
  for (const { field, when } of DEPENDENT[name] ?? []) {
    const container = form.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (!container) continue;
    const applies = when(values);
    container.hidden = !applies;
    const inputs = container.matches('[name]')
      ? [container]
      : Array.from(container.querySelectorAll<HTMLElement>('[name]'));
    for (const input of inputs) (input as HTMLInputElement).disabled = !applies;
  }
  // Only the subcategories of the chosen category are offered.
  for (const group of Array.from(form.querySelectorAll<HTMLOptGroupElement>('optgroup[data-category]'))) {
    const match = group.dataset.category === values.category;
    group.hidden = !match;
    group.disabled = !match;
  }
  return values;
}

const DATE_READERS = {
  date: (v: string) => (parseDate(v) ? new Date(`${parseDate(v)}T12:00:00Z`) : undefined),
  datetime: (v: string) => parseDateTime(v),
  occurrence: (v: string) => parseOccurrence(v)?.instant,
} as const;

/** The error of one field under its data-attribute rules, or undefined. */
function checkField(element: HTMLElement, form: HTMLFormElement): string | undefined {
  const d = element.dataset;
  let value = '';
  if (element.matches('fieldset')) {
    value = element.querySelector('input:checked:not(:disabled)') ? 'x' : '';
  } else if (isControl(element)) {
    if (element.disabled) return undefined;
    value = element.value.trim();
  }
  if (!value) return d.required;
  if (d.min && value.length < Number(d.min)) return d.minMessage;
  if (d.date) {
    const read = DATE_READERS[d.date as keyof typeof DATE_READERS];
    const instant = read?.(value);
    if (!instant) return d.dateMessage;
    // An event cannot lie in the future; a date alone may be today.
    const slack = d.date === 'occurrence' && !parseDateTime(value) ? 12 * 3_600_000 : 5 * 60_000;
    if (d.futureMessage && instant.getTime() > Date.now() + slack) return d.futureMessage;
  }
  void form;
  return undefined;
}

function ruledElements(form: HTMLFormElement): HTMLElement[] {
  return Array.from(form.querySelectorAll<HTMLElement>('[data-required], [data-min], [data-date]')).filter(
    (e) => !e.closest('[hidden]'),
  );
}

const nameOf = (element: HTMLElement) => element.dataset.group ?? (element as HTMLInputElement).name ?? '';

function updateCounter(textarea: HTMLTextAreaElement): void {
  const counter = document.querySelector<HTMLElement>(`[data-counter-for="${CSS.escape(textarea.id)}"]`);
  const max = Number(textarea.dataset.max);
  if (!counter || !max) return;
  const left = max - textarea.value.length;
  counter.textContent = charactersLeft(left, max);
  counter.classList.toggle('app-counter--over', left < 0);
}

function updatePreview(input: HTMLInputElement): void {
  const preview = document.querySelector<HTMLElement>(`[data-preview-for="${CSS.escape(input.id)}"]`);
  if (!preview) return;
  // A date-only field (the date of a meeting, of a decision) shows the day without "tijd onbekend".
  const read = preview.dataset.dateOnly === undefined ? undefined : readDateTimeInput(input.value);
  const words = !input.value.trim()
    ? undefined
    : preview.dataset.dateOnly === undefined
      ? describeDateTimeInput(input.value)
      : read && !read.time
        ? formatDutchDate(read.date)
        : undefined;
  preview.textContent = words ? `U vulde in: ${words}.` : '';
}

/** Reads an error answer of the API: the contract's field list, in either shape it has had. */
function errorsOf(body: Record<string, unknown>): FieldError[] {
  const list = (body.errors ?? body.invalidParams ?? body['invalid-params']) as
    | Array<Record<string, unknown>>
    | undefined;
  if (Array.isArray(list) && list.length) {
    return list.map((e) => ({
      path: String(e.path ?? e.name ?? ''),
      message: String(e.message ?? e.reason ?? e.detail ?? ''),
      ...(Array.isArray(e.found) ? { found: e.found as FieldError['found'] } : {}),
    }));
  }
  const detail = typeof body.detail === 'string' ? body.detail : undefined;
  return [{ path: '', message: detail ?? 'Het versturen is niet gelukt. Probeer het opnieuw.' }];
}

function enhance(form: HTMLFormElement, name: FormName): void {
  const touched = new Set<string>();
  const status = form.querySelector<HTMLElement>('[data-status]');
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  let sending = false;

  const validate = (all: boolean): FieldError[] => {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    for (const element of ruledElements(form)) {
      const field = nameOf(element);
      if (!field || seen.has(field)) continue;
      seen.add(field);
      const message = checkField(element, form);
      if (message) errors.push({ path: field, message });
      if (all || touched.has(field)) showFieldError(form, field, message);
    }
    return errors;
  };

  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name) touched.add(target.name);
    showApplicable(form, name);
    validate(false);
  });
  form.addEventListener('focusout', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name && target.value !== '' && target.type !== 'radio' && target.type !== 'checkbox')
      touched.add(target.name);
    validate(false);
  });
  form.addEventListener('input', (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement) updateCounter(target);
    if (target instanceof HTMLInputElement) updatePreview(target);
    // A field that shows an error is checked again as it is corrected, so the message goes while typing
    // and the page does not jump under the pointer when the user then clicks the button.
    if (
      (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) &&
      touched.has(target.name)
    )
      validate(false);
  });
  for (const textarea of Array.from(form.querySelectorAll('textarea'))) updateCounter(textarea);
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-date]')))
    updatePreview(input);
  // "Tijd onbekend" as a choice: it keeps only the date in the field (the script's own control, never sent).
  for (const box of Array.from(form.querySelectorAll<HTMLElement>('[data-time-unknown-for]'))) {
    const field = form.querySelector<HTMLInputElement>(`#${CSS.escape(box.dataset.timeUnknownFor ?? '')}`);
    const check = box.querySelector<HTMLInputElement>('input[type=checkbox]');
    if (!field || !check) continue;
    box.hidden = false;
    check.addEventListener('change', () => {
      const read = readDateTimeInput(field.value);
      if (check.checked && read) field.value = read.date.split('-').reverse().join('-');
      updatePreview(field);
    });
    field.addEventListener('input', () => {
      if (readDateTimeInput(field.value)?.time) check.checked = false;
    });
  }

  form.addEventListener('submit', async (event) => {
    const errors = validate(true);
    if (errors.length) {
      event.preventDefault();
      showSummary(form, errors);
      return;
    }
    if (!FETCHED.has(name)) return;
    event.preventDefault();
    if (sending) return;
    sending = true;
    if (button) button.disabled = true;
    if (status) status.textContent = 'Bezig met versturen…';
    const values = valuesOf(form);
    const key = String(values.idempotencyKey ?? '');
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
        body: JSON.stringify(values),
      });
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.ok && typeof body.id === 'string') {
        if (status) status.textContent = 'Verstuurd.';
        const formKey = encodeURIComponent(String(values.formKey ?? ''));
        window.location.assign(`/formulieren/bevestiging/${encodeURIComponent(body.id)}?sleutel=${formKey}`);
        return;
      }
      // Problem details (RFC 9457): every invalid field at once; personal data (article 23) comes
      // with the words found, which are marked next to the field.
      const serverErrors = errorsOf(body);
      for (const error of serverErrors) {
        showFieldError(form, error.path, error.message);
        const node = document.getElementById(`${error.path}-fout`);
        if (node) showFound(node, form, error);
      }
      showSummary(form, serverErrors);
      if (status) status.textContent = '';
    } catch {
      // Nothing is lost: the same idempotency key goes with the retry, so the melding is made at most once.
      if (status)
        status.textContent =
          'Geen verbinding met de server. Uw gegevens staan er nog; probeer het zo opnieuw.';
    } finally {
      sending = false;
      if (button) button.disabled = false;
    }
  });

  showApplicable(form, name);
}

/**
 * The form key is a capability URL (docs/adr): after the first load it leaves the address bar, so it
 * does not end up in the history, a bookmark or a screenshot; the form keeps it in its hidden field.
 */
function hideKeyFromAddressBar(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('sleutel')) return;
  url.searchParams.delete('sleutel');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

hideKeyFromAddressBar();

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-form]'))) {
  enhance(form, form.dataset.form ?? '');
}

// "Print of bewaar als PDF" on the confirmation page: a button, since the page's CSP allows no inline script.
for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-print]'))) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
