/**
 * Progressive enhancement for the hosted forms. Without this script every form still works (a plain
 * POST, errors rendered by the server). With it: dependent fields show only where they apply, the
 * same zod schemas as the server check fields as the user goes, and submit uses fetch with the
 * form's idempotency key, so a double click or a retry after a network error never makes two
 * submissions.
 */
import type { z } from 'zod';
import { toFieldErrors } from '../shared/app/field-errors.js';
import { beeindigingSchema } from '../shared/domain/beeindiging.js';
import type { FieldError } from '../shared/domain/errors.js';
import { markSegments } from '../shared/domain/marks.js';
import { meldingSchema } from '../shared/domain/melding.js';
import { amsterdamDate } from '../shared/domain/time.js';
import { voorlichtingSchema } from '../shared/domain/voorlichting.js';

type FormName =
  | 'melding'
  | 'voorlichting'
  | 'beeindiging'
  | 'beeindiging-uitkomst'
  | 'gezien'
  | 'terugkoppeling'
  | 'afdoening'
  | 'voorlichting-antwoord';

/** Forms checked as the user goes and sent with fetch; the answer forms behind links post plainly. */
const SCHEMAS: Partial<Record<FormName, () => z.ZodType>> = {
  melding: () => meldingSchema(() => new Date()),
  beeindiging: () => beeindigingSchema,
  voorlichting: () =>
    voorlichtingSchema({
      today: () => amsterdamDate(new Date()),
      // Weekends here; public holidays are checked by the server, which has the holiday table.
      isWorkingDay: (date) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()),
    }),
};

type Values = Record<string, unknown>;

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

function valuesOf(form: HTMLFormElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const element of Array.from(form.elements)) {
    if (
      !(
        element instanceof HTMLInputElement ||
        element instanceof HTMLSelectElement ||
        element instanceof HTMLTextAreaElement
      )
    )
      continue;
    if (!element.name || element.disabled) continue;
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

function fieldContainer(form: HTMLFormElement, name: string): HTMLElement | null {
  const input = form.querySelector<HTMLElement>(`[name="${name}"]`);
  return input?.closest<HTMLElement>('fieldset, .utrecht-form-field') ?? null;
}

/** Article 23: after the message, the field's own text with the words the guard found marked. */
function showFound(node: HTMLElement, form: HTMLFormElement, error: FieldError): void {
  const input = form.querySelector<HTMLTextAreaElement | HTMLInputElement>(`[name="${error.path}"]`);
  if (!error.found?.length || !input?.value) return;
  const wrap = document.createElement('span');
  wrap.className = 'veilig-gevonden';
  wrap.dataset.gevonden = '';
  const quote = document.createElement('q');
  for (const segment of markSegments(input.value, error.found)) {
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
  let node = container.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  const inputs = Array.from(container.querySelectorAll<HTMLElement>(`[name="${name}"]`));
  if (!message) {
    node?.remove();
    for (const input of inputs) {
      input.removeAttribute('aria-invalid');
      const described = (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((x) => x && x !== id);
      if (described.length) input.setAttribute('aria-describedby', described.join(' '));
      else input.removeAttribute('aria-describedby');
    }
    return;
  }
  if (!node) {
    node = document.createElement('p');
    node.className = 'utrecht-form-field-error-message';
    node.id = id;
    const anchor = container.querySelector('legend, label');
    if (anchor?.nextSibling) anchor.parentNode?.insertBefore(node, anchor.nextSibling);
    else container.prepend(node);
  }
  node.textContent = message;
  for (const input of inputs) {
    if (input.getAttribute('type') !== 'radio') input.setAttribute('aria-invalid', 'true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    if (!described.includes(id)) input.setAttribute('aria-describedby', [...described, id].join(' '));
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
    const target = form.querySelector<HTMLElement>(`[name="${error.path}"]`);
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
  return values;
}

/** Answer forms: only the dependent fields; they post as plain forms. */
function enhanceDependencies(form: HTMLFormElement, name: FormName): void {
  form.addEventListener('change', () => showApplicable(form, name));
  showApplicable(form, name);
}

function enhance(form: HTMLFormElement, name: FormName, makeSchema: () => z.ZodType): void {
  const schema = makeSchema();
  const touched = new Set<string>();
  const status = form.querySelector<HTMLElement>('[data-status]');
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  let sending = false;

  const applyDependencies = () => {
    const values = showApplicable(form, name);
    // Only the subcategories of the chosen category are offered.
    for (const group of Array.from(form.querySelectorAll<HTMLOptGroupElement>('optgroup[data-category]'))) {
      const match = group.dataset.category === values.category;
      group.hidden = !match;
      group.disabled = !match;
    }
  };

  const validate = (all: boolean): FieldError[] => {
    const result = schema.safeParse({ ...valuesOf(form), formKey: 'x' });
    const errors = result.success ? [] : toFieldErrors(result.error).filter((e) => e.path !== 'formKey');
    const names = new Set(
      Array.from(form.elements)
        .map((e) => (e as HTMLInputElement).name)
        .filter(Boolean),
    );
    for (const field of names) {
      if (all || touched.has(field))
        showFieldError(form, field, errors.find((e) => e.path === field)?.message);
    }
    return errors;
  };

  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name) touched.add(target.name);
    applyDependencies();
    validate(false);
  });
  form.addEventListener('focusout', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name && target.value !== '') touched.add(target.name);
    validate(false);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const errors = validate(true);
    if (errors.length) {
      showSummary(form, errors);
      return;
    }
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
      const body = (await response.json().catch(() => ({}))) as {
        id?: string;
        detail?: string;
        invalidParams?: Array<{ name: string; reason: string; found?: FieldError['found'] }>;
      };
      if (response.ok && body.id) {
        if (status) status.textContent = 'Verstuurd.';
        const formKey = encodeURIComponent(String(values.formKey ?? ''));
        window.location.assign(`/formulieren/bevestiging/${encodeURIComponent(body.id)}?sleutel=${formKey}`);
        return;
      }
      // Problem details (RFC 9457): every invalid field in invalidParams, else the detail as one message.
      // Personal data (article 23) comes with the words found, which are marked next to the field.
      const serverErrors: FieldError[] = body.invalidParams?.length
        ? body.invalidParams.map((p) => ({
            path: p.name,
            message: p.reason,
            ...(p.found ? { found: p.found } : {}),
          }))
        : [{ path: '', message: body.detail ?? 'Het versturen is niet gelukt. Probeer het opnieuw.' }];
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

  applyDependencies();
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
  const name = form.dataset.form as FormName;
  const makeSchema = SCHEMAS[name];
  if (makeSchema) enhance(form, name, makeSchema);
  else enhanceDependencies(form, name);
}
