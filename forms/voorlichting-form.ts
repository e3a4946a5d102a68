import { html } from '../shared/domain/html.js';
import { parseDate } from '../shared/domain/time.js';
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  HALT_THEME_LABELS,
  HALT_THEMES,
  isFixedProvider,
  PROVIDER_LABELS,
  PROVIDERS,
  type ProviderChoice,
  REMARKS_MAX,
  VOORLICHTING_MESSAGES,
} from '../shared/domain/voorlichting.js';
import { addWorkingDays } from '../shared/domain/working-days.js';
import {
  checkbox,
  choiceGroup,
  type FieldContext,
  firstChoiceAnchor,
  postForm,
  stringValue,
  textArea,
  textField,
} from './fields.js';
import { page } from './layout.js';
import type { SubmissionFormInput } from './melding-form.js';
import { overviewLink } from './overview-pages.js';

const PROVIDER_HINTS: Record<(typeof PROVIDERS)[number], string> = {
  halt: 'Lessen op maat over de thema’s van artikel 17, bij voorkeur met een ouderbijeenkomst.',
  politie: 'De wijkagent van uw wijk, na afstemming (artikel 9).',
  jou: 'Jongerenwerk Utrecht (artikel 3d).',
  ggd: 'Volksgezondheid: alcohol en andere genotsmiddelen (artikel 13).',
};

export const VOORLICHTING_ANCHORS: Record<string, string> = {
  provider: firstChoiceAnchor('provider', PROVIDERS),
  theme: 'theme',
  haltTheme: firstChoiceAnchor('theme', HALT_THEMES),
  audience: firstChoiceAnchor('audience', AUDIENCES),
  groupSize: 'groupSize',
  preferredDates: 'preferredDates-1',
  withParentMeeting: 'withParentMeeting',
  remarks: 'remarks',
};

/** Two working weeks after the example "now" (dd-mm-jjjj uu:mm), as dd-mm-jjjj. */
function exampleDate(now: string): string {
  const iso = parseDate(now.slice(0, 10));
  return iso ? addWorkingDays(iso, 10).split('-').reverse().join('-') : '7-12-2026';
}

/** The voorlichting request form (art. 9, 13, 17, 3d). */
export function voorlichtingForm(input: SubmissionFormInput): string {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const provider = stringValue(ctx.values, 'provider');
  const dates = (() => {
    const v = ctx.values.preferredDates;
    return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
  })();
  const theme = stringValue(ctx.values, 'theme');
  // Halt's themes are a fixed list (radio buttons); other providers take free text. Without
  // JavaScript both are shown and the server reads whichever fits the provider.
  const haltCtx: FieldContext = {
    values: provider === 'halt' ? { theme } : {},
    errors: provider === 'halt' ? ctx.errors : [],
  };
  const freeCtx: FieldContext = {
    values: provider === 'halt' ? {} : { theme },
    errors: provider === 'halt' ? [] : ctx.errors,
  };
  const body = html`
<h1 class="utrecht-heading-1">Voorlichting aanvragen</h1>
<p class="utrecht-paragraph">U vraagt aan namens <strong>${input.school.name}</strong> (wijk ${input.school.wijk}). De aanbieder antwoordt via een link in de e-mail; u krijgt het antwoord per e-mail.</p>
<p class="utrecht-paragraph">Vul geen namen of andere persoonsgegevens in (artikel 23).</p>
${overviewLink(input.formKey)}
${postForm(
  {
    action: '/api/voorlichtingen',
    name: 'voorlichting',
    errors: ctx.errors,
    anchors: {
      ...VOORLICHTING_ANCHORS,
      theme: provider === 'halt' ? (VOORLICHTING_ANCHORS.haltTheme ?? 'theme') : 'theme',
    },
    hidden: { formKey: input.formKey, idempotencyKey: input.idempotencyKey },
    button: 'Aanvraag versturen',
  },
  html`${choiceGroup(ctx, {
    name: 'provider',
    legend: 'Wie geeft de voorlichting?',
    type: 'radio',
    choices: (
      input.providers ?? PROVIDERS.map((id): ProviderChoice => ({ id, label: PROVIDER_LABELS[id] }))
    ).map((p) => ({
      value: p.id,
      label: p.label,
      ...(isFixedProvider(p.id) ? { hint: PROVIDER_HINTS[p.id] } : p.hint ? { hint: p.hint } : {}),
    })),
    rules: { required: VOORLICHTING_MESSAGES.provider },
  })}
${choiceGroup(haltCtx, {
  name: 'theme',
  legend: 'Thema van Halt',
  hint: 'Alleen als Halt de voorlichting geeft.',
  type: 'radio',
  choices: HALT_THEMES.map((t) => ({ value: t, label: HALT_THEME_LABELS[t] })),
  dataField: 'haltTheme',
  rules: { required: VOORLICHTING_MESSAGES.haltTheme },
})}
${textField(freeCtx, {
  name: 'theme',
  id: 'theme',
  label: 'Thema',
  hint: 'Alleen bij politie, JoU of GGD. Bijvoorbeeld: alcohol en drugs, veilig uitgaan.',
  dataField: 'freeTheme',
  rules: { required: VOORLICHTING_MESSAGES.theme, minLength: [3, VOORLICHTING_MESSAGES.theme] },
})}
${choiceGroup(ctx, {
  name: 'audience',
  legend: 'Voor wie?',
  hint: 'Kies een of meer.',
  type: 'checkbox',
  choices: AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] })),
  rules: { required: VOORLICHTING_MESSAGES.audience },
})}
${textField(ctx, { name: 'groupSize', label: 'Aantal deelnemers', hint: 'Ongeveer, als getal.', inputmode: 'numeric', rules: { required: VOORLICHTING_MESSAGES.groupSize } })}
<fieldset class="utrecht-form-fieldset${ctx.errors.some((e) => e.path === 'preferredDates') ? ' utrecht-form-fieldset--invalid' : ''}" aria-describedby="preferredDates-hint${ctx.errors.some((e) => e.path === 'preferredDates') ? ' preferredDates-fout' : ''}">
<legend class="utrecht-form-fieldset__legend utrecht-form-label">Voorkeursdata</legend>
<p class="utrecht-form-field-description" id="preferredDates-hint">Eén tot drie werkdagen in de toekomst, bijvoorbeeld ${exampleDate(input.exampleOccurredAt)}. Geen weekend of feestdag.</p>
${
  ctx.errors.some((e) => e.path === 'preferredDates')
    ? html`<p class="utrecht-form-field-error-message" id="preferredDates-fout">${ctx.errors.find((e) => e.path === 'preferredDates')?.message}</p>`
    : ''
}
${[1, 2, 3].map((n) =>
  textField(
    { values: {}, errors: [] },
    {
      name: 'preferredDates',
      id: `preferredDates-${n}`,
      label:
        n === 1
          ? 'Eerste voorkeur'
          : n === 2
            ? 'Tweede voorkeur (niet verplicht)'
            : 'Derde voorkeur (niet verplicht)',
      inputmode: 'text',
      value: dates[n - 1] ?? '',
      rules: {
        ...(n === 1 ? { required: VOORLICHTING_MESSAGES.preferredDates } : {}),
        date: { kind: 'date', invalid: VOORLICHTING_MESSAGES.dateInvalid },
      },
      preview: true,
    },
  ),
)}
</fieldset>
${checkbox(ctx, {
  name: 'withParentMeeting',
  label: 'Met een ouderbijeenkomst over hetzelfde thema',
  hint: 'Halt koppelt lessen bij voorkeur aan een ouderbijeenkomst (artikel 17).',
})}
${textArea(ctx, { name: 'remarks', label: 'Opmerkingen (niet verplicht)', hint: 'Zonder persoonsgegevens.', maxLength: REMARKS_MAX })}
`,
)}`;
  return page({
    title: ctx.errors.length ? 'Fout in aanvraag' : 'Voorlichting aanvragen',
    body,
    script: true,
  });
}
