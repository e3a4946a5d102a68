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
import { Alert } from './components/alert.js';
import { ChoiceGroup, firstChoiceAnchor } from './components/fieldset.js';
import {
  CHECKBOX_CLASSES,
  CheckboxField,
  type FieldContext,
  FormField,
  FormLabel,
  SelectField,
  TextareaField,
  TextboxField,
} from './components/form-field.js';
import { OverviewLink } from './components/overview-link.js';
import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Heading1, Paragraph } from './components/typography.js';
import { Call112, CallVeiligThuis } from './info-pages.js';
import { type SubmissionFormInput, SubmissionPostForm } from './submission-form.js';

export type { FormValues } from './components/form-field.js';

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
export const SafetyNotice = () => (
  <Alert type="warning" role="note">
    <Call112 />
    <Paragraph>
      Vermoedt u huiselijk geweld of kindermishandeling? <CallVeiligThuis />
    </Paragraph>
    <Paragraph>
      Vul geen namen of andere persoonsgegevens in: onder het convenant worden geen persoonsgegevens
      uitgewisseld (artikel 23).
    </Paragraph>
  </Alert>
);

export const MELDING_ANCHORS: Record<string, string> = {
  category: firstChoiceAnchor('category', MELDING_CATEGORIES),
  subcategory: 'subcategory',
  location: firstChoiceAnchor('location', LOCATIONS),
  occurredAt: 'occurredAt',
  description: 'description',
  aangifteOverwogen: 'aangifteOverwogen',
};

/** Shown by the script next to a date without a time: the time is then unknown. */
const TimeUnknown = ({ forField }: { forField: string }) => (
  <FormField type="checkbox" data-time-unknown-for={forField} hidden>
    <FormLabel for={`${forField}-tijd-onbekend`} type="checkbox">
      Tijd onbekend
    </FormLabel>
    <div class="utrecht-form-field__input">
      <input class={CHECKBOX_CLASSES} type="checkbox" id={`${forField}-tijd-onbekend`} />
    </div>
  </FormField>
);

/** The melding form (art. 3a, 3h, 4). Works as a plain HTML form; the script only adds comfort. */
export function meldingForm(input: SubmissionFormInput): string {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  return page(
    <PageLayout title={ctx.errors.length ? 'Fout in melding' : 'Melding doen'} script>
      <Heading1>Melding doen</Heading1>
      <SafetyNotice />
      <Paragraph>
        U meldt namens <strong>{escapeHtml(input.school.name)}</strong> (wijk {escapeHtml(input.school.wijk)}
        ).
      </Paragraph>
      <OverviewLink formKey={input.formKey} />
      <SubmissionPostForm kind="melding" input={input} anchors={MELDING_ANCHORS} button="Melding versturen">
        <ChoiceGroup
          ctx={ctx}
          name="category"
          legend="Soort melding"
          type="radio"
          choices={MELDING_CATEGORIES.map((c) => ({
            value: c,
            label: CATEGORY_LABELS[c],
            hint: CATEGORY_HINTS[c],
          }))}
          rules={{ required: MELDING_MESSAGES.category }}
        />
        <SelectField
          ctx={ctx}
          name="subcategory"
          label="Wat gebeurde er?"
          hint="Alleen bij een strafbaar feit of een onveilige situatie."
          field="subcategory"
          rules={{ required: MELDING_MESSAGES.subcategory }}
          placeholder="Kies…"
          groups={Object.entries(SUBCATEGORIES).map(([group, options]) => ({
            label: CATEGORY_LABELS[group as keyof typeof SUBCATEGORIES],
            data: { 'data-category': group },
            options: options.map((o) => ({ value: o, label: SUBCATEGORY_LABELS[o] ?? '' })),
          }))}
        />
        <ChoiceGroup
          ctx={ctx}
          name="location"
          legend="Waar gebeurde het?"
          type="radio"
          choices={LOCATIONS.map((l) => ({ value: l, label: LOCATION_LABELS[l] }))}
          rules={{ required: MELDING_MESSAGES.location }}
        />
        <TextboxField
          ctx={ctx}
          name="occurredAt"
          label="Wanneer gebeurde het?"
          hint={`Datum en tijd, bijvoorbeeld ${input.exampleOccurredAt}. Weet u de tijd niet? Vul dan alleen de datum in: de tijd is dan onbekend.`}
          inputmode="text"
          rules={{
            required: MELDING_MESSAGES.occurredAtMissing,
            date: {
              kind: 'occurrence',
              invalid: MELDING_MESSAGES.occurredAtInvalid,
              future: MELDING_MESSAGES.occurredAtFuture,
            },
          }}
          preview
        />
        <TimeUnknown forField="occurredAt" />
        <TextareaField
          ctx={ctx}
          name="description"
          label="Wat is er gebeurd?"
          hint={`Beschrijf de situatie zonder namen, telefoonnummers, adressen of andere persoonsgegevens. Schrijf bijvoorbeeld "een leerling uit de tweede klas" in plaats van een naam, en "een docent" of "een ouder" in plaats van wie het is. Minstens 10 en hoogstens ${DESCRIPTION_MAX.toLocaleString('nl-NL')} tekens.`}
          maxLength={DESCRIPTION_MAX}
          rules={{
            required: MELDING_MESSAGES.descriptionShort,
            minLength: [10, MELDING_MESSAGES.descriptionShort],
          }}
        />
        <CheckboxField
          ctx={ctx}
          name="aangifteOverwogen"
          label="De school overweegt aangifte"
          hint="Alleen bij een strafbaar feit. Over aangifte overlegt de school met de politie (artikel 3a)."
          dataField="aangifteOverwogen"
        />
      </SubmissionPostForm>
    </PageLayout>,
  );
}
