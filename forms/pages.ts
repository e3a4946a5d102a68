import { html } from '../shared/domain/html.js';
import { ROLES } from '../shared/domain/parties.js';
import type { Recipient, RoutingGap } from '../shared/domain/routing.js';
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
} as const;

export interface ConfirmationInput {
  kind: 'melding' | 'voorlichting' | 'beeindiging';
  id: string;
  createdAt: string;
  recipients: Recipient[];
  gaps: RoutingGap[];
  newFormHref: string;
}

export function confirmationPage(input: ConfirmationInput): string {
  return page({
    title: `${CONFIRMATION_NOUNS[input.kind][0]} ontvangen (${input.id})`,
    body: html`<h1 class="utrecht-heading-1">Uw ${CONFIRMATION_NOUNS[input.kind][1]} is ontvangen</h1>
${alert(
  'ok',
  html`<p class="utrecht-paragraph">Referentie: <strong data-reference>${input.id}</strong></p>
<p class="utrecht-paragraph">Ontvangen op ${formatDutchDateTime(new Date(input.createdAt))}. U krijgt ook een bevestiging per e-mail.</p>`,
  { role: 'status' },
)}
<h2 class="utrecht-heading-2">Wie is ingelicht en waarom</h2>
<ul class="utrecht-unordered-list" data-recipients>${input.recipients.map(
      (r) =>
        html`<li class="utrecht-unordered-list__item">${r.name} (${ROLES[r.role]}), artikel ${r.article}: ${r.reason}</li>`,
    )}</ul>
${
  input.gaps.length
    ? alert(
        'warning',
        html`<p class="utrecht-paragraph">${input.gaps.map(
          (g) =>
            `Er is nog geen ${ROLES[g.role]}${g.wijk ? ` voor wijk ${g.wijk}` : ''} bekend. De beheerder is gewaarschuwd; neem bij spoed zelf contact op. `,
        )}</p>`,
      )
    : ''
}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${input.newFormHref}">${CONFIRMATION_NOUNS[input.kind][2]}</a></p>`,
  });
}
