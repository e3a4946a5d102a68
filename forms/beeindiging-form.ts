import { BEEINDIGING_MESSAGES, REASON_MAX } from '../shared/domain/beeindiging.js';
import { html } from '../shared/domain/html.js';
import { alert } from './components.js';
import { type FieldContext, postForm, textArea } from './fields.js';
import { page } from './layout.js';
import type { SubmissionFormInput } from './melding-form.js';

export const BEEINDIGING_ANCHORS: Record<string, string> = { reason: 'reason' };

/** Art. 22: a party announces in writing that it intends to stop taking part. */
export function beeindigingForm(input: SubmissionFormInput): string {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const body = html`
<h1 class="utrecht-heading-1">Deelname aan het convenant beëindigen</h1>
${alert(
  'info',
  html`<p class="utrecht-paragraph">Met dit formulier laat <strong>${input.school.name}</strong> schriftelijk weten dat zij wil stoppen met het convenant (artikel 22a). Alle andere partijen krijgen dit bericht. De gemeente organiseert daarna overleg (artikel 22b).</p>
<p class="utrecht-paragraph">Leidt het overleg niet tot andere inzichten, dan eindigt de deelname op de eerste dag van de eerstvolgende zomervakantie voor het voortgezet onderwijs (artikel 22c). Tot die dag blijft uw organisatie meldingen ontvangen.</p>`,
  { role: 'note' },
)}
${postForm(
  {
    action: '/api/beeindigingen',
    name: 'beeindiging',
    errors: ctx.errors,
    anchors: BEEINDIGING_ANCHORS,
    hidden: { formKey: input.formKey, idempotencyKey: input.idempotencyKey },
    button: 'Voornemen versturen',
  },
  html`${textArea(ctx, {
    name: 'reason',
    label: 'Waarom wil uw organisatie stoppen?',
    hint: `Zonder namen of andere persoonsgegevens (artikel 23). Minstens 10 en hoogstens ${REASON_MAX.toLocaleString('nl-NL')} tekens.`,
    maxLength: REASON_MAX,
    rules: { required: BEEINDIGING_MESSAGES.reasonShort, minLength: [10, BEEINDIGING_MESSAGES.reasonShort] },
  })}
`,
)}`;
  return page({ title: ctx.errors.length ? 'Fout in voornemen' : 'Deelname beëindigen', body, script: true });
}
