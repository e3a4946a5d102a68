import { html, type SafeHtml, singleLine } from './html.js';
import { CATEGORY_LABELS, LOCATION_LABELS, type Melding, SUBCATEGORY_LABELS } from './melding.js';
import { type Party, ROLES } from './parties.js';
import type { Recipient, RoutingGap } from './routing.js';
import { formatDutchDateTime } from './time.js';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** The submission as the templates see it: stored at intake, so an email can be rendered again later. */
export interface MeldingSubmission {
  id: string;
  kind: 'melding';
  createdAt: string;
  school: Pick<Party, 'id' | 'name' | 'wijk' | 'schoolType'>;
  melding: Melding;
  recipients: Recipient[];
  gaps: RoutingGap[];
}

const FOOTER_TEXT =
  'Dit bericht komt van de meldingsdienst van het convenant "Veilig in en om school" (Utrecht, 2021). Onder het convenant worden geen persoonsgegevens uitgewisseld (artikel 23).';

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">
${body}
<hr><p style="font-size: 14px; color: #4b4b4b">${FOOTER_TEXT}</p>
</body></html>`.value;
}

function meldingWhat(melding: Melding): string {
  const category = CATEGORY_LABELS[melding.category];
  return melding.subcategory
    ? `${category} (${SUBCATEGORY_LABELS[melding.subcategory]?.toLowerCase()})`
    : category;
}

function meldingFacts(submission: MeldingSubmission): Array<[string, string]> {
  const { melding, school } = submission;
  const facts: Array<[string, string]> = [
    ['Referentie', submission.id],
    ['School', school.name],
    ['Wijk', school.wijk ?? 'onbekend'],
    ['Soort melding', meldingWhat(melding)],
    ['Plaats', LOCATION_LABELS[melding.location]],
    ['Wanneer', formatDutchDateTime(new Date(melding.occurredAt))],
  ];
  if (melding.aangifteOverwogen !== undefined) {
    facts.push([
      'Aangifte overwogen',
      melding.aangifteOverwogen ? 'ja, de school overweegt aangifte' : 'nee',
    ]);
  }
  facts.push(['Ontvangen', formatDutchDateTime(new Date(submission.createdAt))]);
  return facts;
}

const factsText = (facts: Array<[string, string]>) => facts.map(([k, v]) => `${k}: ${v}`).join('\n');
const factsHtml = (facts: Array<[string, string]>) =>
  html`<table role="presentation" style="border-collapse: collapse">${facts.map(
    ([k, v]) =>
      html`<tr><th scope="row" style="text-align: left; padding: 2px 12px 2px 0; vertical-align: top">${k}</th><td>${v}</td></tr>`,
  )}</table>`;

/** To a partner the covenant makes responsible for this melding. */
export function meldingToRecipient(
  submission: MeldingSubmission,
  recipient: Recipient,
  party: Party,
): EmailMessage {
  const where = `${submission.school.name}, wijk ${submission.school.wijk}`;
  const subject = singleLine(
    `Melding ${meldingWhat(submission.melding).toLowerCase()} – ${where} [${submission.id}]`,
  );
  const facts = meldingFacts(submission);
  const why = `U ontvangt deze melding als ${ROLES[recipient.role]} op grond van artikel ${recipient.article} van het convenant: ${recipient.reason}`;
  const text = [
    `Beste ${party.contactName},`,
    '',
    `${submission.school.name} heeft een melding gedaan.`,
    '',
    factsText(facts),
    '',
    'Wat er gebeurde:',
    submission.melding.description,
    '',
    why,
    '',
    'Neem voor overleg contact op met de contactpersoon van de school. Vermeld de referentie.',
    '',
    FOOTER_TEXT,
  ].join('\n');
  const body = html`<p>Beste ${party.contactName},</p>
<p>${submission.school.name} heeft een melding gedaan.</p>
${factsHtml(facts)}
<h2 style="font-size: 18px">Wat er gebeurde</h2>
<p style="white-space: pre-wrap">${submission.melding.description}</p>
<p>${why}</p>
<p>Neem voor overleg contact op met de contactpersoon van de school. Vermeld de referentie <strong>${submission.id}</strong>.</p>`;
  return { subject, text, html: layout(subject, body) };
}

function recipientLine(r: Recipient): string {
  return `${r.name} (${ROLES[r.role]}), artikel ${r.article}: ${r.reason}`;
}

function gapLine(g: RoutingGap): string {
  const where = g.wijk ? ` voor wijk ${g.wijk}` : '';
  return `Er is nog geen ${ROLES[g.role]}${where} bekend (artikel ${g.article}). De beheerder is gewaarschuwd; neem bij spoed zelf contact op.`;
}

/** To the school: its melding was received, and who was told, and why. */
export function meldingConfirmation(submission: MeldingSubmission, school: Party): EmailMessage {
  const subject = singleLine(
    `Bevestiging melding ${meldingWhat(submission.melding).toLowerCase()} – ${submission.school.name}, wijk ${submission.school.wijk} [${submission.id}]`,
  );
  const facts = meldingFacts(submission);
  const told = submission.recipients.map(recipientLine);
  const gaps = submission.gaps.map(gapLine);
  const text = [
    `Beste ${school.contactName},`,
    '',
    `Uw melding is ontvangen en doorgestuurd. Referentie: ${submission.id}.`,
    '',
    factsText(facts),
    '',
    'Wie is ingelicht en waarom:',
    ...told.map((line) => `- ${line}`),
    ...(gaps.length ? ['', 'Let op:', ...gaps.map((line) => `- ${line}`)] : []),
    '',
    'Bij direct gevaar: bel 112. Vermoedt u huiselijk geweld of kindermishandeling? Bel Veilig Thuis: 0800-2000.',
    '',
    FOOTER_TEXT,
  ].join('\n');
  const body = html`<p>Beste ${school.contactName},</p>
<p>Uw melding is ontvangen en doorgestuurd. Referentie: <strong>${submission.id}</strong>.</p>
${factsHtml(facts)}
<h2 style="font-size: 18px">Wie is ingelicht en waarom</h2>
<ul>${told.map((line) => html`<li>${line}</li>`)}</ul>
${gaps.length ? html`<h2 style="font-size: 18px">Let op</h2><ul>${gaps.map((line) => html`<li>${line}</li>`)}</ul>` : ''}
<p>Bij direct gevaar: bel 112. Vermoedt u huiselijk geweld of kindermishandeling? Bel Veilig Thuis: 0800-2000.</p>`;
  return { subject, text, html: layout(subject, body) };
}
