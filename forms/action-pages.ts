import type { LinkContext, LinkProblem } from '../shared/app/actions.js';
import { LINK_PROBLEM_MESSAGES, LINK_USED_MESSAGE } from '../shared/app/actions.js';
import {
  AFDOENING_LABELS,
  AFDOENING_RESULTS,
  ANSWER_CHOICES,
  ANSWERS,
  HANDLING_LABELS,
  HANDLINGS,
} from '../shared/domain/actions.js';
import { OUTCOME_LABELS, OUTCOMES } from '../shared/domain/beeindiging.js';
import { describeEvent, recipientLabel, submissionFacts, submissionWhat } from '../shared/domain/emails.js';
import type { FieldError } from '../shared/domain/errors.js';
import { html, type SafeHtml } from '../shared/domain/html.js';
import { submitterOf } from '../shared/domain/submission.js';
import { formatDutchDateTime } from '../shared/domain/time.js';
import { alert } from './components.js';
import {
  choiceGroup,
  type FieldContext,
  type FormValues,
  firstChoiceAnchor,
  postForm,
  textArea,
  textField,
} from './fields.js';
import { page } from './layout.js';

const TITLES = {
  gezien: 'Melding gezien',
  terugkoppeling: 'Terugkoppeling aan de school',
  afdoening: 'Halt-afdoening afgerond',
  'voorlichting-antwoord': 'Aanvraag voorlichting beantwoorden',
  'beeindiging-uitkomst': 'Uitkomst van het overleg over beëindiging',
  status: 'Status',
} as const;

export const ACTION_ANCHORS: Record<string, string> = {
  handling: firstChoiceAnchor('handling', HANDLINGS),
  text: 'text',
  result: firstChoiceAnchor('result', AFDOENING_RESULTS),
  completedOn: 'completedOn',
  reference: 'reference',
  answer: firstChoiceAnchor('answer', ANSWERS),
  plannedAt: 'plannedAt',
  proposedDates: 'proposedDates-1',
  reason: 'reason',
  outcome: firstChoiceAnchor('outcome', OUTCOMES),
  meetingOn: 'meetingOn',
};

function freeTextOf(submission: LinkContext['submission']): SafeHtml | '' {
  const block = (title: string, text: string) =>
    html`<h3 class="utrecht-heading-3">${title}</h3><p class="utrecht-paragraph app-pre">${text}</p>`;
  switch (submission.kind) {
    case 'melding':
      return block('Wat er gebeurde', submission.melding.description);
    case 'beeindiging':
      return block('Toelichting', submission.beeindiging.reason);
    case 'voorlichting':
      return submission.voorlichting.remarks
        ? block('Opmerkingen van de school', submission.voorlichting.remarks)
        : '';
    case 'mededeling':
      return block('Bericht', submission.mededeling.text);
    case 'afspraak':
      return block('Afspraak', submission.afspraak.text);
  }
}

function summary(context: LinkContext): SafeHtml {
  const facts = submissionFacts(context.submission);
  const { submission } = context;
  return html`<h2 class="utrecht-heading-2">Waar het over gaat</h2>
<dl class="app-facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${freeTextOf(submission)}`;
}

function history(context: LinkContext): SafeHtml {
  const { submission, events } = context;
  return html`<h2 class="utrecht-heading-2">Wie kreeg bericht</h2>
<ul class="utrecht-unordered-list">${submission.recipients.map(
    (r) => html`<li class="utrecht-unordered-list__item">${recipientLabel(r)}</li>`,
  )}</ul>
<h2 class="utrecht-heading-2">Antwoorden</h2>
${
  events.length
    ? html`<ol class="utrecht-ordered-list" data-history>${events.map(
        (e) =>
          html`<li class="utrecht-ordered-list__item">${formatDutchDateTime(new Date(e.at))}: ${describeEvent(e).join(' ')}</li>`,
      )}</ol>`
    : html`<p class="utrecht-paragraph" data-history>Nog geen antwoorden.</p>`
}`;
}

function answerForm(context: LinkContext, ctx: FieldContext, token: string, exampleDate: string): SafeHtml {
  const action = `/api/acties/${encodeURIComponent(token)}`;
  const open = (name: string, fields: SafeHtml | SafeHtml[], button: string) =>
    postForm({ action, name, errors: ctx.errors, anchors: ACTION_ANCHORS, button }, fields);
  switch (context.claims.a) {
    case 'gezien':
      return open(
        'gezien',
        html`<p class="utrecht-paragraph">Laat de school weten dat u deze melding heeft gezien.</p>`,
        'Ik heb de melding gezien',
      );
    case 'terugkoppeling':
      return open(
        'terugkoppeling',
        [
          choiceGroup(ctx, {
            name: 'handling',
            legend: 'Hoe wordt de melding opgepakt?',
            type: 'radio',
            choices: HANDLINGS.map((h) => ({ value: h, label: HANDLING_LABELS[h] })),
          }),
          textArea(ctx, {
            name: 'text',
            label: 'Korte toelichting voor de school',
            hint: 'Zonder namen of andere persoonsgegevens (artikel 23). Hoogstens 500 tekens.',
            maxLength: 500,
          }),
        ],
        'Terugkoppeling versturen',
      );
    case 'afdoening':
      return open(
        'afdoening',
        [
          choiceGroup(ctx, {
            name: 'result',
            legend: 'Hoe is de afdoening afgelopen?',
            type: 'radio',
            choices: AFDOENING_RESULTS.map((r) => ({ value: r, label: AFDOENING_LABELS[r] })),
          }),
          textField(ctx, {
            name: 'completedOn',
            label: 'Afgerond op',
            hint: `Datum, bijvoorbeeld ${exampleDate}.`,
            inputmode: 'numeric',
            preview: true,
          }),
          textField(ctx, {
            name: 'reference',
            label: 'Referentie van Halt (niet verplicht)',
            hint: 'Alleen uw dossiernummer: letters, cijfers, - of /. Geen namen.',
          }),
        ],
        'Afronding melden',
      );
    case 'voorlichting-antwoord':
      return open(
        'voorlichting-antwoord',
        [
          choiceGroup(ctx, {
            name: 'answer',
            legend: 'Uw antwoord',
            type: 'radio',
            choices: ANSWERS.map((a) => ({ value: a, label: ANSWER_CHOICES[a] })),
          }),
          textField(ctx, {
            name: 'plannedAt',
            label: 'Datum en tijd van de les',
            hint: `Alleen bij accepteren, bijvoorbeeld ${exampleDate} 10:00.`,
            dataField: 'plannedAt',
            preview: true,
          }),
          html`<div data-field="proposedDates">${[1, 2, 3].map((n) =>
            textField(
              {
                values: {},
                errors:
                  n === 1
                    ? ctx.errors
                        .filter((e) => e.path === 'proposedDates')
                        .map((e) => ({ ...e, path: 'proposedDates' }))
                    : [],
              },
              {
                name: 'proposedDates',
                id: `proposedDates-${n}`,
                label: `Andere datum ${n}${n > 1 ? ' (niet verplicht)' : ''}`,
                hint:
                  n === 1
                    ? `Alleen bij een ander voorstel: werkdagen, bijvoorbeeld ${exampleDate}.`
                    : undefined,
                preview: true,
                value: Array.isArray(ctx.values.proposedDates)
                  ? String(ctx.values.proposedDates[n - 1] ?? '')
                  : n === 1
                    ? String(ctx.values.proposedDates ?? '')
                    : '',
              },
            ),
          )}</div>`,
          textArea(ctx, {
            name: 'reason',
            label: 'Reden',
            hint: 'Alleen bij afwijzen. Zonder persoonsgegevens.',
            maxLength: 500,
            dataField: 'reason',
          }),
        ],
        'Antwoord versturen',
      );
    case 'beeindiging-uitkomst':
      return open(
        'beeindiging-uitkomst',
        [
          choiceGroup(ctx, {
            name: 'outcome',
            legend: 'Uitkomst van het overleg (artikel 22b)',
            hint: 'Bij bevestigen eindigt de deelname op de eerste dag van de eerstvolgende zomervakantie voor het voortgezet onderwijs (artikel 22c).',
            type: 'radio',
            choices: OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] })),
          }),
          textField(ctx, {
            name: 'meetingOn',
            label: 'Datum van het overleg',
            hint: `Bijvoorbeeld ${exampleDate}.`,
            inputmode: 'numeric',
            preview: true,
          }),
        ],
        'Uitkomst vastleggen',
      );
    case 'status':
      return html``;
  }
}

export interface ActionPageInput {
  context: LinkContext;
  token: string;
  values?: FormValues;
  errors?: FieldError[];
  exampleDate: string;
}

/** What a partner sees behind a link: what it is about, what happened so far, and the answer form. */
export function actionPage(input: ActionPageInput): string {
  const { context } = input;
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const what = submissionWhat(context.submission);
  const isStatus = context.claims.a === 'status';
  const from = submitterOf(context.submission);
  const body = html`<h1 class="utrecht-heading-1">${TITLES[context.claims.a]}</h1>
<p class="utrecht-paragraph">${isStatus ? 'Uw' : 'De'} ${what} van ${from.name}${from.wijk ? ` (wijk ${from.wijk})` : ''}.</p>
${alert('info', html`<p class="utrecht-paragraph">Status: <strong data-status-label>${context.status}</strong></p>`, { role: 'status' })}
${
  context.usedAt && !isStatus
    ? alert('ok', html`<p class="utrecht-paragraph">${LINK_USED_MESSAGE}</p>`, { role: 'status' })
    : answerForm(context, ctx, input.token, input.exampleDate)
}
${summary(context)}
${history(context)}`;
  return page({ title: TITLES[context.claims.a], body, script: !isStatus && !context.usedAt });
}

/** After an answer: what happens now, and where to go from here; never a dead end. */
export function answerDonePage(
  context: LinkContext,
  status: string,
  linkHref: string,
  linkStillOpen: boolean,
): string {
  const toAll = context.submission.kind === 'beeindiging';
  const school = submitterOf(context.submission).name;
  return page({
    title: 'Antwoord ontvangen',
    body: html`<h1 class="utrecht-heading-1">Dank u, uw antwoord is ontvangen</h1>
${alert(
  'ok',
  html`<p class="utrecht-paragraph">${toAll ? 'Alle partijen krijgen' : `${school} krijgt`} uw antwoord per e-mail. Status nu: <strong data-status-label>${status}</strong>.</p>`,
  { role: 'status' },
)}
<h2 class="utrecht-heading-2">Wat nu?</h2>
<ul class="utrecht-unordered-list">
${
  linkStillOpen
    ? html`<li class="utrecht-unordered-list__item">Is er later nieuws? Geef dan een update via dezelfde link: <a class="utrecht-link" href="${linkHref}">update geven</a>. Bewaar de e-mail met de link.</li>`
    : html`<li class="utrecht-unordered-list__item">Via dezelfde link ziet u later de status en de antwoorden: <a class="utrecht-link" href="${linkHref}">status bekijken</a>.</li>`
}
${toAll ? '' : html`<li class="utrecht-unordered-list__item">Wilt u overleggen met de school? De e-mail met de melding noemt de contactpersoon. Antwoorden op die e-mail kan ook.</li>`}
<li class="utrecht-unordered-list__item">Noem bij vragen de referentie <strong>${context.submission.id}</strong>.</li>
</ul>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/">Naar de startpagina</a></p>`,
  });
}

export function linkProblemPage(problem: LinkProblem | 'used'): string {
  const title =
    problem === 'expired'
      ? 'Deze link is verlopen'
      : problem === 'used'
        ? 'Deze link is al gebruikt'
        : 'Deze link werkt niet';
  return page({
    title,
    body: html`<h1 class="utrecht-heading-1">${title}</h1>
<p class="utrecht-paragraph">${problem === 'used' ? LINK_USED_MESSAGE : LINK_PROBLEM_MESSAGES[problem]}</p>
<p class="utrecht-paragraph">Er is niets veranderd.</p>`,
  });
}
