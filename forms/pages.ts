import type { SubmissionEvent } from '../shared/domain/actions.js';
import {
  describeEvent,
  gapText,
  recipientLabel,
  submissionFacts,
  withArticle,
} from '../shared/domain/emails.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import type { Submission } from '../shared/domain/submission.js';
import { formatDutchDateTime } from '../shared/domain/time.js';
import { alert } from './components.js';
import { page } from './layout.js';

export function indexPage(): string {
  return page({
    title: 'Formulieren',
    body: html`<h1 class="utrecht-heading-1">Veilig in en om school</h1>
<p class="utrecht-paragraph">Met deze formulieren voeren de scholen en partners in Utrecht de afspraken uit het convenant "Veilig in en om school" uit.
Iedere organisatie heeft een eigen link met een sleutel. Open het formulier via die link.</p>
<ul class="utrecht-unordered-list">
<li class="utrecht-unordered-list__item"><strong>Melding</strong> (scholen): een strafbaar feit, een onveilige situatie, overlast in de omgeving of een zorgsignaal.</li>
<li class="utrecht-unordered-list__item"><strong>Voorlichting aanvragen</strong> (scholen): bij Halt, de politie, JoU of de GGD.</li>
<li class="utrecht-unordered-list__item"><strong>Deelname beëindigen</strong> (alle partijen): het schriftelijke voornemen van artikel 22.</li>
</ul>
<p class="utrecht-paragraph">Geen link? Vraag de contactpersoon van uw school of de gebiedsmanager veiligheid van uw wijk.</p>
<p class="utrecht-paragraph"><strong>Bij direct gevaar: bel 112.</strong> Vermoeden van huiselijk geweld of kindermishandeling: Veilig Thuis, 0800-2000.</p>`,
  });
}

export type KeyProblem = 'missing' | 'unknown' | 'wrong-party';

const KEY_PROBLEMS: Record<KeyProblem, { title: string; text: string }> = {
  missing: {
    title: 'De link is niet compleet',
    text: 'In de link naar dit formulier ontbreekt de sleutel van uw organisatie. Gebruik de volledige link die uw organisatie heeft gekregen.',
  },
  unknown: {
    title: 'Deze link werkt niet (meer)',
    text: 'De sleutel in deze link is onbekend of ingetrokken. Misschien is er een nieuwe link gemaakt.',
  },
  'wrong-party': {
    title: 'Dit formulier is niet voor uw organisatie',
    text: 'Dit formulier is voor scholen. Gebruik het formulier dat bij uw organisatie hoort.',
  },
};

export function keyProblemPage(problem: KeyProblem): string {
  const { title, text } = KEY_PROBLEMS[problem];
  return page({
    title,
    body: html`<h1 class="utrecht-heading-1">${title}</h1>
<p class="utrecht-paragraph">${text}</p>
<p class="utrecht-paragraph">Vraag de contactpersoon van uw organisatie om de juiste link, of de gebiedsmanager veiligheid van uw wijk.</p>
<p class="utrecht-paragraph"><strong>Bij direct gevaar: bel 112.</strong></p>`,
  });
}

export function messagePage(title: string, paragraphs: string[]): string {
  return page({
    title,
    body: html`<h1 class="utrecht-heading-1">${title}</h1>${paragraphs.map((p) => html`<p class="utrecht-paragraph">${p}</p>`)}`,
  });
}

const CONFIRMATION_NOUNS = {
  melding: ['Melding', 'melding', 'Nog een melding doen'],
  voorlichting: ['Aanvraag', 'aanvraag', 'Nog een aanvraag doen'],
  beeindiging: ['Voornemen', 'voornemen tot beëindiging', 'Terug naar het formulier'],
  mededeling: ['Bericht', 'bericht aan de school', 'Terug naar het overzicht'],
  afspraak: ['Afspraak', 'afspraak', 'Terug naar het overzicht'],
} as const;

export interface ConfirmationInput {
  submission: Submission;
  events: readonly SubmissionEvent[];
  status: string;
  newFormHref: string;
  /** Where "mail mij een kopie" posts; the copy goes to the school's address in the directory only. */
  copyAction: string;
  /** The directory address the copy goes to, shown so the school knows where to look. */
  copyTo: string;
  copySent?: boolean;
}

function whoWasTold(submission: Submission): SafeHtml {
  const { recipients } = submission;
  if (submission.kind === 'beeindiging') {
    // Everyone gets it for the same reason: say it once, then the names.
    return html`<p class="utrecht-paragraph" data-recipients>Alle ${recipients.length} andere partijen van het convenant kregen uw voornemen, omdat een partij dat schriftelijk aan alle partijen laat weten (artikel 22a). De gemeente organiseert daarna overleg (artikel 22b).</p>
<details><summary>De ${recipients.length} partijen</summary>
<ul class="utrecht-unordered-list">${recipients.map((r) => html`<li class="utrecht-unordered-list__item">${recipientLabel(r)}</li>`)}</ul>
</details>`;
  }
  return html`<ul class="utrecht-unordered-list" data-recipients>${recipients.map(
    (r) =>
      html`<li class="utrecht-unordered-list__item"><strong>${recipientLabel(r)}</strong>: ${withArticle(r.reason, r.article)}</li>`,
  )}</ul>`;
}

/** The confirmation the school can keep: what was sent, who was told and why, the status, print and a copy by email. */
export function confirmationPage(input: ConfirmationInput): string {
  const { submission } = input;
  const [title, noun, again] = CONFIRMATION_NOUNS[submission.kind];
  const free = freeTextOf(submission);
  return page({
    title: `${title} ontvangen (${submission.id})`,
    script: true,
    body: html`<h1 class="utrecht-heading-1">Uw ${noun} is ontvangen</h1>
${alert(
  'ok',
  html`<p class="utrecht-paragraph">Referentie: <strong data-reference>${submission.id}</strong></p>
<p class="utrecht-paragraph">Ontvangen op ${formatDutchDateTime(new Date(submission.createdAt))}. U krijgt ook een bevestiging per e-mail.</p>`,
  { role: 'status' },
)}
${input.copySent ? alert('info', html`<p class="utrecht-paragraph">Een kopie is onderweg naar ${input.copyTo}.</p>`, { role: 'status' }) : ''}
<h2 class="utrecht-heading-2">Status</h2>
<p class="utrecht-paragraph">Nu: <strong data-status-label>${input.status}</strong></p>
${
  input.events.length
    ? html`<ol class="utrecht-ordered-list" data-history>${input.events.map(
        (e) =>
          html`<li class="utrecht-ordered-list__item">${formatDutchDateTime(new Date(e.at))}: ${describeEvent(e).join(' ')}</li>`,
      )}</ol>`
    : ''
}
<p class="utrecht-paragraph">De bevestiging per e-mail heeft een link naar deze status. Via die link ziet u later wie heeft geantwoord. Geen e-mail gekregen? Vraag hieronder een kopie.</p>
<h2 class="utrecht-heading-2">Wie kreeg bericht en waarom</h2>
${whoWasTold(submission)}
${
  submission.gaps.length
    ? alert(
        'warning',
        html`${submission.gaps.map((g) => html`<p class="utrecht-paragraph">${gapText(g)}</p>`)}`,
      )
    : ''
}
<h2 class="utrecht-heading-2">Wat u heeft gestuurd</h2>
<dl class="app-facts">${submissionFacts(submission).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${free}
<div class="app-no-print app-stack">
<h2 class="utrecht-heading-2">Bewaren</h2>
<p class="utrecht-paragraph"><button class="utrecht-button utrecht-button--secondary-action" type="button" data-print hidden>Afdrukken of bewaren als pdf</button></p>
<form method="post" action="${input.copyAction}" class="app-stack">
<p class="utrecht-paragraph">Een kopie gaat alleen naar het e-mailadres van uw school in het adresboek: ${input.copyTo}.</p>
<button class="utrecht-button utrecht-button--secondary-action" type="submit">Mail mij een kopie</button>
</form>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${input.newFormHref}">${again}</a></p>
</div>`,
  });
}

function freeTextOf(submission: Submission): SafeHtml | '' {
  const block = (title: string, text: string) =>
    html`<h3 class="utrecht-heading-3">${title}</h3><p class="utrecht-paragraph app-pre">${text}</p>`;
  switch (submission.kind) {
    case 'melding':
      return block('Wat er gebeurde', submission.melding.description);
    case 'beeindiging':
      return block('Toelichting', submission.beeindiging.reason);
    case 'voorlichting':
      return submission.voorlichting.remarks ? block('Opmerkingen', submission.voorlichting.remarks) : '';
    case 'mededeling':
      return block('Bericht', submission.mededeling.text);
    case 'afspraak':
      return block('Afspraak', submission.afspraak.text);
  }
}
