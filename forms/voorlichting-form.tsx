import { formatDutchInputDate, parseDate } from '../shared/domain/time.js';
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
import { ChoiceGroup, Fieldset, firstChoiceAnchor } from './components/fieldset.js';
import {
  CheckboxField,
  type FieldContext,
  listValue,
  NO_CONTEXT,
  stringValue,
  TextareaField,
  TextboxField,
} from './components/form-field.js';
import { OverviewLink } from './components/overview-link.js';
import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Heading1, Paragraph } from './components/typography.js';
import { type SubmissionFormInput, SubmissionPostForm } from './submission-form.js';

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
  return iso ? formatDutchInputDate(addWorkingDays(iso, 10)) : '7-12-2026';
}

const PREFERENCE_LABELS = [
  'Eerste voorkeur',
  'Tweede voorkeur (niet verplicht)',
  'Derde voorkeur (niet verplicht)',
] as const;

/** The voorlichting request form (art. 9, 13, 17, 3d). */
export function voorlichtingForm(input: SubmissionFormInput): string {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const provider = stringValue(ctx.values, 'provider');
  const dates = listValue(ctx.values, 'preferredDates');
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
  return page(
    <PageLayout title={ctx.errors.length ? 'Fout in aanvraag' : 'Voorlichting aanvragen'} script>
      <Heading1>Voorlichting aanvragen</Heading1>
      <Paragraph>
        U vraagt aan namens <strong>{escapeHtml(input.school.name)}</strong> (wijk{' '}
        {escapeHtml(input.school.wijk)}). De aanbieder antwoordt via een link in de e-mail; u krijgt het
        antwoord per e-mail.
      </Paragraph>
      <Paragraph>Vul geen namen of andere persoonsgegevens in (artikel 23).</Paragraph>
      <OverviewLink formKey={input.formKey} />
      <SubmissionPostForm
        kind="voorlichting"
        input={input}
        anchors={{
          ...VOORLICHTING_ANCHORS,
          theme: provider === 'halt' ? (VOORLICHTING_ANCHORS.haltTheme ?? 'theme') : 'theme',
        }}
        button="Aanvraag versturen"
      >
        <ChoiceGroup
          ctx={ctx}
          name="provider"
          legend="Wie geeft de voorlichting?"
          type="radio"
          choices={(
            input.providers ?? PROVIDERS.map((id): ProviderChoice => ({ id, label: PROVIDER_LABELS[id] }))
          ).map((p) => ({
            value: p.id,
            label: p.label,
            ...(isFixedProvider(p.id) ? { hint: PROVIDER_HINTS[p.id] } : p.hint ? { hint: p.hint } : {}),
          }))}
          rules={{ required: VOORLICHTING_MESSAGES.provider }}
        />
        <ChoiceGroup
          ctx={haltCtx}
          name="theme"
          legend="Thema van Halt"
          hint="Alleen als Halt de voorlichting geeft."
          type="radio"
          choices={HALT_THEMES.map((t) => ({ value: t, label: HALT_THEME_LABELS[t] }))}
          dataField="haltTheme"
          rules={{ required: VOORLICHTING_MESSAGES.haltTheme }}
        />
        <TextboxField
          ctx={freeCtx}
          name="theme"
          id="theme"
          label="Thema"
          hint="Alleen bij politie, JoU of GGD. Bijvoorbeeld: alcohol en drugs, veilig uitgaan."
          dataField="freeTheme"
          rules={{ required: VOORLICHTING_MESSAGES.theme, minLength: [3, VOORLICHTING_MESSAGES.theme] }}
        />
        <ChoiceGroup
          ctx={ctx}
          name="audience"
          legend="Voor wie?"
          hint="Kies een of meer."
          type="checkbox"
          choices={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
          rules={{ required: VOORLICHTING_MESSAGES.audience }}
        />
        <TextboxField
          ctx={ctx}
          name="groupSize"
          label="Aantal deelnemers"
          hint="Ongeveer, als getal."
          inputmode="numeric"
          rules={{ required: VOORLICHTING_MESSAGES.groupSize }}
        />
        <Fieldset
          ctx={ctx}
          name="preferredDates"
          legend="Voorkeursdata"
          hint={`Eén tot drie werkdagen in de toekomst, bijvoorbeeld ${exampleDate(input.exampleOccurredAt)}. Geen weekend of feestdag.`}
        >
          {PREFERENCE_LABELS.map((label, i) => (
            <TextboxField
              ctx={NO_CONTEXT}
              name="preferredDates"
              id={`preferredDates-${i + 1}`}
              label={label}
              inputmode="text"
              value={dates[i] ?? ''}
              rules={{
                ...(i === 0 ? { required: VOORLICHTING_MESSAGES.preferredDates } : {}),
                date: { kind: 'date', invalid: VOORLICHTING_MESSAGES.dateInvalid },
              }}
              preview
            />
          ))}
        </Fieldset>
        <CheckboxField
          ctx={ctx}
          name="withParentMeeting"
          label="Met een ouderbijeenkomst over hetzelfde thema"
          hint="Halt koppelt lessen bij voorkeur aan een ouderbijeenkomst (artikel 17)."
        />
        <TextareaField
          ctx={ctx}
          name="remarks"
          label="Opmerkingen (niet verplicht)"
          hint="Zonder persoonsgegevens."
          maxLength={REMARKS_MAX}
        />
      </SubmissionPostForm>
    </PageLayout>,
  );
}
