import { BEEINDIGING_MESSAGES, REASON_MAX } from '../shared/domain/beeindiging.js';
import { Alert } from './components/alert.js';
import { type FieldContext, TextareaField } from './components/form-field.js';
import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Heading1, Paragraph } from './components/typography.js';
import { type SubmissionFormInput, SubmissionPostForm } from './submission-form.js';

export const BEEINDIGING_ANCHORS: Record<string, string> = { reason: 'reason' };

/** Art. 22: a party announces in writing that it intends to stop taking part. */
export function beeindigingForm(input: SubmissionFormInput): string {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  return page(
    <PageLayout title={ctx.errors.length ? 'Fout in voornemen' : 'Deelname beëindigen'} script>
      <Heading1>Deelname aan het convenant beëindigen</Heading1>
      <Alert type="info" role="note">
        <Paragraph>
          Met dit formulier laat <strong>{escapeHtml(input.school.name)}</strong> schriftelijk weten dat zij
          wil stoppen met het convenant (artikel 22a). Alle andere partijen krijgen dit bericht. De gemeente
          organiseert daarna overleg (artikel 22b).
        </Paragraph>
        <Paragraph>
          Leidt het overleg niet tot andere inzichten, dan eindigt de deelname op de eerste dag van de
          eerstvolgende zomervakantie voor het voortgezet onderwijs (artikel 22c). Tot die dag blijft uw
          organisatie meldingen ontvangen.
        </Paragraph>
      </Alert>
      <SubmissionPostForm
        kind="beeindiging"
        input={input}
        anchors={BEEINDIGING_ANCHORS}
        button="Voornemen versturen"
      >
        <TextareaField
          ctx={ctx}
          name="reason"
          label="Waarom wil uw organisatie stoppen?"
          hint={`Zonder namen of andere persoonsgegevens (artikel 23). Minstens 10 en hoogstens ${REASON_MAX.toLocaleString('nl-NL')} tekens.`}
          maxLength={REASON_MAX}
          rules={{
            required: BEEINDIGING_MESSAGES.reasonShort,
            minLength: [10, BEEINDIGING_MESSAGES.reasonShort],
          }}
        />
      </SubmissionPostForm>
    </PageLayout>,
  );
}
