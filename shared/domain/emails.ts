import { ACTION_ARTICLES, ANSWER_LABELS, HANDLING_LABELS, type SubmissionEvent } from './actions.js';
import { AFSPRAAK_LABELS } from './afspraak.js';
import { html, type SafeHtml, singleLine } from './html.js';
import { MEDEDELING_LABELS } from './mededeling.js';
import { CATEGORY_LABELS, LOCATION_LABELS, type Melding, SUBCATEGORY_LABELS } from './melding.js';
import { describeMeeting, meetingChange } from './overleg.js';
import { type Party, ROLES } from './parties.js';
import type { Recipient, RoutingGap } from './routing.js';
import type { ActionKind } from './signing.js';
import { type MeldingSubmission, type Submission, submitterOf } from './submission.js';
import { amsterdamDate, formatDutchDate, formatDutchDateTime } from './time.js';
import { AUDIENCE_LABELS, providerLabel, themeLabel } from './voorlichting.js';

export type {
  BeeindigingSubmission,
  MeldingSubmission,
  Submission,
  VoorlichtingSubmission,
} from './submission.js';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
  /** Where an answer by email goes: the school's contact, for the partners that got its melding. */
  replyTo?: string;
}

/** The school's contact from the directory, for the partners that got its melding or request. */
export interface SchoolContact {
  school: string;
  contactName: string;
  email: string;
}

/** Signed links to put in an email, by action; rendered as a list of "what you can do". */
export type EmailLinks = Partial<Record<ActionKind, string>>;

const LINK_LABELS: Record<ActionKind, string> = {
  verlenging: 'Leg het besluit over verlenging vast (artikel 21a)',
  evaluatie: 'Vul de vragenlijst in',
  wijkrapport: 'Bekijk het wijkrapport',
  contact: 'Bevestig of u nog de contactpersoon bent',
  gedaan: 'Laat weten dat het gedaan is',
  gezien: 'Meld de school dat u de melding heeft gezien',
  terugkoppeling: 'Vertel de school hoe u de melding oppakt',
  afdoening: 'Meld dat de Halt-afdoening is afgerond',
  'voorlichting-antwoord': 'Beantwoord de aanvraag',
  'beeindiging-uitkomst': 'Leg de uitkomst van het overleg vast',
  'overleg-plannen': 'Plan het overleg: kies de datum (artikel 22b)',
  status: 'Bekijk de status en de antwoorden',
};

const FOOTER_TEXT =
  'Dit bericht komt van de meldingsdienst van het convenant "Veilig in en om school" (Utrecht, 2021). Onder het convenant worden geen persoonsgegevens uitgewisseld (artikel 23). Deze links zijn persoonlijk: stuur ze niet door.';

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em">
${body}
<hr><p style="font-size: 14px; color: #4b4b4b">${FOOTER_TEXT}</p>
</body></html>`.value;
}

type Facts = Array<[string, string]>;

const factsText = (facts: Facts) => facts.map(([k, v]) => `${k}: ${v}`).join('\n');
const factsHtml = (facts: Facts) =>
  html`<table role="presentation" style="border-collapse: collapse">${facts.map(
    ([k, v]) =>
      html`<tr><th scope="row" style="text-align: left; padding: 2px 12px 2px 0; vertical-align: top">${k}</th><td>${v}</td></tr>`,
  )}</table>`;

const linksText = (links: EmailLinks) =>
  Object.keys(links).length
    ? [
        'Wat u kunt doen:',
        ...Object.entries(links).flatMap(([action, url]) => [
          `${LINK_LABELS[action as ActionKind]}:`,
          url ?? '',
          '',
        ]),
      ]
    : [];
/** Each answer as a clear button: a link styled inline, the way email clients show it. */
const linksHtml = (links: EmailLinks) =>
  Object.keys(links).length
    ? html`<p style="margin: 24px 0 8px; font-weight: bold">Wat u kunt doen:</p>${Object.entries(links).map(
        ([action, url]) =>
          html`<p style="margin: 0 0 12px"><a href="${url}" style="display: inline-block; background: #24578f; color: #ffffff; font-weight: bold; text-decoration: none; padding: 12px 20px; border-radius: 4px">${LINK_LABELS[action as ActionKind]}</a></p>`,
      )}`
    : '';

interface Parts {
  subject: string;
  greeting: string;
  intro: string;
  facts: Facts;
  sections: Array<{ title: string; lines: string[]; preformatted?: boolean; numbered?: boolean }>;
  links: EmailLinks;
  closing?: string;
  replyTo?: string;
}

/** One shape for every email: greeting, facts, sections, the signed links, footer; text and HTML from the same parts. */
export function compose(parts: Parts): EmailMessage {
  const subject = singleLine(parts.subject);
  const text = [
    parts.greeting,
    '',
    parts.intro,
    '',
    factsText(parts.facts),
    ...parts.sections.flatMap((s) => [
      '',
      s.title.toUpperCase(),
      ...(s.preformatted ? s.lines : s.lines.map((l, i) => (s.numbered ? `${i + 1}. ${l}` : `- ${l}`))),
    ]),
    '',
    ...linksText(parts.links),
    ...(parts.closing ? [parts.closing, ''] : []),
    FOOTER_TEXT,
  ].join('\n');
  const body = html`<p>${parts.greeting}</p>
<p>${parts.intro}</p>
${factsHtml(parts.facts)}
${parts.sections.map(
  (s) =>
    html`<h2 style="font-size: 18px">${s.title}</h2>${
      s.preformatted
        ? html`<p style="white-space: pre-wrap">${s.lines.join('\n')}</p>`
        : s.numbered
          ? html`<ol>${s.lines.map((l) => html`<li>${l}</li>`)}</ol>`
          : html`<ul>${s.lines.map((l) => html`<li>${l}</li>`)}</ul>`
    }`,
)}
${linksHtml(parts.links)}
${parts.closing ? html`<p>${parts.closing}</p>` : ''}`;
  return { subject, text, html: layout(subject, body), ...(parts.replyTo ? { replyTo: parts.replyTo } : {}) };
}

export function meldingWhat(melding: Melding): string {
  const category = CATEGORY_LABELS[melding.category];
  return melding.subcategory
    ? `${category} (${lowerFirst(SUBCATEGORY_LABELS[melding.subcategory] ?? '')})`
    : category;
}

/** "melding strafbaar feit (diefstal)" or "voorlichting Halt: Groepsdruk": what a submission is about. */
export function submissionWhat(submission: Submission): string {
  switch (submission.kind) {
    case 'melding':
      return `melding ${lowerFirst(meldingWhat(submission.melding))}`;
    case 'voorlichting':
      return `aanvraag voorlichting ${providerLabel(submission.voorlichting)}: ${themeLabel(submission.voorlichting)}`;
    case 'beeindiging':
      return 'voornemen tot beëindiging van deelname aan het convenant';
    case 'mededeling':
      return `bericht van de wijkagent: ${lowerFirst(MEDEDELING_LABELS[submission.mededeling.soort])}`;
    case 'afspraak':
      return `afspraak in de wijk (artikel 20): ${lowerFirst(AFSPRAAK_LABELS[submission.afspraak.soort])}`;
  }
}

const where = (s: Submission) => {
  const from = submitterOf(s);
  return from.wijk ? `${from.name}, wijk ${from.wijk}` : from.name;
};

export function submissionFacts(submission: Submission): Facts {
  if (submission.kind === 'beeindiging') {
    return [
      ['Referentie', submission.id],
      ['Partij', submission.party.name],
      ['Einde van de huidige looptijd', formatDutchDate(submission.termEnd)],
      [
        'Tijdig aangekondigd (artikel 22a)',
        submission.timely ? 'ja, voor het einde van de looptijd' : 'nee, na het einde van de looptijd',
      ],
      ['Ontvangen', formatDutchDateTime(new Date(submission.createdAt))],
    ];
  }
  if (submission.kind === 'mededeling') {
    return [
      ['Referentie', submission.id],
      ['Van', submission.party.name],
      ['Aan', submission.school.name],
      ['Wijk', submission.school.wijk ?? 'onbekend'],
      ['Soort bericht', MEDEDELING_LABELS[submission.mededeling.soort]],
      ['Verstuurd', formatDutchDateTime(new Date(submission.createdAt))],
    ];
  }
  if (submission.kind === 'afspraak') {
    return [
      ['Referentie', submission.id],
      ['Vastgelegd door', submission.party.name],
      ['Wijk', submission.wijk],
      ['Voor', submission.school ? submission.school.name : `alle scholen in wijk ${submission.wijk}`],
      ['Soort afspraak', AFSPRAAK_LABELS[submission.afspraak.soort]],
      ['Vastgelegd', formatDutchDateTime(new Date(submission.createdAt))],
    ];
  }
  const facts: Facts = [
    ['Referentie', submission.id],
    ['School', submission.school.name],
    ['Wijk', submission.school.wijk ?? 'onbekend'],
  ];
  if (submission.kind === 'melding') {
    const { melding } = submission;
    facts.push(
      ['Soort melding', meldingWhat(melding)],
      ['Plaats', LOCATION_LABELS[melding.location]],
      [
        'Wanneer',
        melding.occurredAtTimeUnknown
          ? `${formatDutchDate(amsterdamDate(new Date(melding.occurredAt)))}, tijd onbekend`
          : formatDutchDateTime(new Date(melding.occurredAt)),
      ],
    );
    if (melding.aangifteOverwogen !== undefined) {
      facts.push([
        'Aangifte overwogen',
        melding.aangifteOverwogen ? 'ja, de school overweegt aangifte' : 'nee',
      ]);
    }
  } else {
    const { voorlichting: v } = submission;
    facts.push(
      ['Aanbieder', providerLabel(v)],
      ['Thema', themeLabel(v)],
      ['Voor', v.audience.map((a) => AUDIENCE_LABELS[a]).join(', ')],
      ['Aantal deelnemers', String(v.groupSize)],
      ['Voorkeursdata', v.preferredDates.map(formatDutchDate).join('; ')],
      ['Met ouderbijeenkomst', v.withParentMeeting ? 'ja' : 'nee'],
    );
  }
  facts.push(['Ontvangen', formatDutchDateTime(new Date(submission.createdAt))]);
  return facts;
}

const freeText = (submission: Submission) => {
  switch (submission.kind) {
    case 'melding':
      return [{ title: 'Wat er gebeurde', lines: [submission.melding.description], preformatted: true }];
    case 'beeindiging':
      return [{ title: 'Toelichting', lines: [submission.beeindiging.reason], preformatted: true }];
    case 'mededeling':
      return [{ title: 'Bericht', lines: [submission.mededeling.text], preformatted: true }];
    case 'afspraak':
      return [{ title: 'Wat is afgesproken', lines: [submission.afspraak.text], preformatted: true }];
    case 'voorlichting':
      return submission.voorlichting.remarks
        ? [
            {
              title: 'Opmerkingen van de school',
              lines: [submission.voorlichting.remarks],
              preformatted: true,
            },
          ]
        : [];
  }
};

const INTROS: Record<Submission['kind'], (s: Submission) => string> = {
  melding: (s) => `${submitterOf(s).name} heeft een melding gedaan.`,
  voorlichting: (s) => `${submitterOf(s).name} vraagt voorlichting aan.`,
  afspraak: (s) =>
    `${submitterOf(s).name} heeft een afspraak vastgelegd die de convenantpartners in de wijk hebben gemaakt (artikel 20 van het convenant). U hoeft niets terug te sturen.`,
  mededeling: (s) =>
    `${submitterOf(s).name} laat uw school vooraf iets weten, zoals afgesproken in artikel 7 van het convenant. U hoeft niets terug te sturen.`,
  beeindiging: (s) =>
    `${submitterOf(s).name} laat schriftelijk weten dat zij de deelname aan het convenant wil beëindigen (artikel 22a). De gemeente organiseert hierover overleg met alle partijen (artikel 22b).`,
};

/** To a partner the covenant makes responsible for a submission. */
export function toRecipient(
  submission: Submission,
  recipient: Recipient,
  party: Party,
  links: EmailLinks,
  contact?: SchoolContact,
): EmailMessage {
  const what = submissionWhat(submission);
  return compose({
    subject: `${what[0]?.toUpperCase()}${what.slice(1)} – ${where(submission)} [${submission.id}]`,
    greeting: `Beste ${party.contactName},`,
    intro: INTROS[submission.kind](submission),
    facts: submissionFacts(submission),
    sections: [
      ...freeText(submission),
      {
        title: 'Waarom u dit krijgt',
        lines: [`U bent ${ROLES[recipient.role]}. ${withArticle(recipient.reason, recipient.article)}`],
      },
      ...(contact && submission.kind !== 'beeindiging'
        ? [
            {
              title: 'Contact met de school',
              lines: [
                `${contact.contactName}, ${contact.school}: ${contact.email}`,
                'Antwoordt u op deze e-mail, dan gaat uw antwoord naar dit adres.',
              ],
            },
          ]
        : []),
    ],
    links,
    closing: `Noem bij vragen de referentie ${submission.id}. Zet geen namen van leerlingen in uw e-mail.`,
    ...(contact && submission.kind !== 'beeindiging' ? { replyTo: contact.email } : {}),
  });
}

/** "… gemeld bij de politie (artikel 3a).": a reason with the article it comes from, one sentence. */
export const withArticle = (reason: string, article: string): string =>
  `${reason.replace(/[.\s]+$/, '')} (artikel ${article}).`;

/** "wijkagent Oost" or "Halt Utrecht (contactpersoon Halt)": the role only where the name does not say it. */
export const recipientLabel = (r: Pick<Recipient, 'name' | 'role'>): string =>
  r.name.toLowerCase().includes(ROLES[r.role].toLowerCase()) ? r.name : `${r.name} (${ROLES[r.role]})`;

const recipientLine = (r: Recipient) => `${recipientLabel(r)}: ${withArticle(r.reason, r.article)}`;
export const gapText = (g: RoutingGap) =>
  `Er is nog geen ${ROLES[g.role]}${g.wijk ? ` voor wijk ${g.wijk}` : ''} bekend (artikel ${g.article}). De beheerder is gewaarschuwd. Is het dringend? Neem dan zelf contact op.`;
const gapLine = gapText;

const NOUN: Record<Submission['kind'], string> = {
  melding: 'melding',
  voorlichting: 'aanvraag',
  beeindiging: 'voornemen',
  mededeling: 'bericht',
  afspraak: 'afspraak',
};

/** To the submitter: its submission was received, and who was told, and why. */
export function confirmation(submission: Submission, school: Party, links: EmailLinks): EmailMessage {
  const what = submissionWhat(submission);
  return compose({
    subject: `Bevestiging ${what} – ${where(submission)} [${submission.id}]`,
    greeting: `Beste ${school.contactName},`,
    intro: `Uw ${NOUN[submission.kind]} is ontvangen en doorgestuurd naar de partners die het convenant daarvoor noemt.`,
    facts: submissionFacts(submission),
    sections: [
      ...freeText(submission),
      {
        title: 'Wie kreeg bericht en waarom',
        lines:
          submission.kind === 'beeindiging'
            ? [
                `Alle ${submission.recipients.length} andere partijen van het convenant (artikel 22a). De gemeente organiseert daarna overleg (artikel 22b).`,
              ]
            : submission.recipients.map(recipientLine),
      },
      ...(submission.gaps.length ? [{ title: 'Let op', lines: submission.gaps.map(gapLine) }] : []),
    ],
    links,
    closing:
      submission.kind === 'melding'
        ? 'Bij direct gevaar: bel 112. Vermoedt u huiselijk geweld of kindermishandeling? Bel Veilig Thuis: 0800-2000.'
        : undefined,
  });
}

/** The answer an event carries, in words. */
export function describeEvent(event: SubmissionEvent): string[] {
  const d = event.data;
  switch (event.action) {
    case 'gezien':
      return [`${event.partyName} heeft de melding gezien.`];
    case 'terugkoppeling':
      return [
        `${event.partyName}: ${HANDLING_LABELS[d.handling as keyof typeof HANDLING_LABELS]}.`,
        `Toelichting: ${String(d.text ?? '')}`,
      ];
    case 'afdoening':
      return [
        `${event.partyName}: de Halt-afdoening is afgerond op ${formatDutchDate(String(d.completedOn))}${
          d.result === 'niet-geslaagd'
            ? ' en is niet geslaagd'
            : d.result === 'geslaagd'
              ? ' en is geslaagd'
              : ''
        }.`,
        ...(d.reference ? [`Referentie van Halt: ${String(d.reference)}`] : []),
      ];
    case 'voorlichting-antwoord':
      if (d.answer === 'geaccepteerd') {
        return [
          `${event.partyName} accepteert de aanvraag: ${formatDutchDateTime(new Date(String(d.plannedAt)))}.`,
        ];
      }
      if (d.answer === 'ander-voorstel') {
        return [
          `${event.partyName} stelt andere data voor: ${(d.proposedDates as string[]).map(formatDutchDate).join('; ')}.`,
        ];
      }
      return [`${event.partyName} wijst de aanvraag af.`, `Reden: ${String(d.reason ?? '')}`];
    case 'overleg-plannen':
      return [
        `De gemeente heeft het overleg gepland op ${describeMeeting({
          meetingOn: String(d.meetingOn),
          ...(typeof d.time === 'string' ? { time: d.time } : {}),
          ...(typeof d.place === 'string' ? { place: d.place } : {}),
        })}.`,
      ];
    case 'beeindiging-uitkomst':
      return d.outcome === 'bevestigd'
        ? [
            `Het overleg van ${formatDutchDate(String(d.meetingOn))} heeft de beëindiging bevestigd.`,
            `De deelname eindigt op ${formatDutchDate(String(d.effectiveOn))}: de eerste dag van de zomervakantie voor het voortgezet onderwijs, regio Midden (artikel 22c).`,
          ]
        : [
            `Na het overleg van ${formatDutchDate(String(d.meetingOn))} is het voornemen ingetrokken: de partij blijft deelnemen.`,
          ];
  }
}

/** To every party: the outcome of the meeting about a termination (art. 22b, 22c). */
export function outcomeToAll(
  submission: Submission,
  event: SubmissionEvent,
  party: Party,
  links: EmailLinks,
): EmailMessage {
  const confirmed = event.data.outcome === 'bevestigd';
  return compose({
    subject: `${confirmed ? 'Beëindiging bevestigd' : 'Beëindiging ingetrokken'} – ${where(submission)} [${submission.id}]`,
    greeting: `Beste ${party.contactName},`,
    intro: `De gemeente heeft de uitkomst vastgelegd van het overleg over het voornemen van ${submitterOf(submission).name} om te stoppen met het convenant.`,
    facts: submissionFacts(submission),
    sections: [{ title: 'Uitkomst', lines: describeEvent(event) }],
    links,
  });
}

/**
 * To every party: the invitation to the meeting the gemeente organises about a termination (art.
 * 22b). When the date changed, the same email says so, with the date it replaces (the event names it),
 * so the wording is right in whatever order the emails are delivered.
 */
export function meetingInvitation(
  submission: Submission,
  event: SubmissionEvent,
  events: readonly SubmissionEvent[],
  party: Party,
  links: EmailLinks,
): EmailMessage {
  const { meeting, before } = meetingChange(event, events);
  const leaving = submitterOf(submission).name;
  const when = describeMeeting(meeting);
  return compose({
    subject: `${before ? 'Gewijzigd: overleg' : 'Uitnodiging: overleg'} over beëindiging door ${leaving} op ${formatDutchDate(meeting.meetingOn)} [${submission.id}]`,
    greeting: `Beste ${party.contactName},`,
    intro: before
      ? `De datum van het overleg over het voornemen van ${leaving} om te stoppen met het convenant is veranderd. Het overleg is nu op ${when}.`
      : `${leaving} wil stoppen met het convenant. De gemeente organiseert daarover overleg tussen alle partijen (artikel 22b). U bent uitgenodigd.`,
    facts: [
      ['Overleg', when],
      ...(before ? ([['In plaats van', describeMeeting(before)]] as Facts) : []),
      ...submissionFacts(submission),
    ],
    sections: [
      {
        title: 'Wat er daarna gebeurt',
        lines: [
          'Na het overleg legt de gemeente de uitkomst vast. U krijgt daarover bericht.',
          'Blijft het bij het voornemen, dan eindigt de deelname op de eerste dag van de eerstvolgende zomervakantie voor het voortgezet onderwijs na het overleg (artikel 22c).',
        ],
      },
    ],
    links,
    closing: `Kunt u niet? Laat het de gemeente weten en noem de referentie ${submission.id}.`,
  });
}

/** "Doorverwezen naar Halt" → "doorverwezen naar Halt": only the first letter, names keep their capital. */
const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** To the school: a partner answered. */
export function answerToSchool(
  submission: Submission,
  event: SubmissionEvent,
  school: Party,
  links: EmailLinks,
): EmailMessage {
  const label =
    event.action === 'voorlichting-antwoord'
      ? ANSWER_LABELS[event.data.answer as keyof typeof ANSWER_LABELS]
      : event.action === 'terugkoppeling'
        ? `Terugkoppeling: ${lowerFirst(HANDLING_LABELS[event.data.handling as keyof typeof HANDLING_LABELS])}`
        : event.action === 'afdoening'
          ? 'Halt-afdoening afgerond'
          : event.action === 'beeindiging-uitkomst'
            ? 'Uitkomst overleg'
            : event.action === 'overleg-plannen'
              ? 'Datum overleg'
              : 'Gezien';
  return compose({
    subject: `${label} – ${submissionWhat(submission)} – ${where(submission)} [${submission.id}]`,
    greeting: `Beste ${school.contactName},`,
    intro: `Er is een antwoord op uw ${NOUN[submission.kind]} (artikel ${ACTION_ARTICLES[event.action]} van het convenant).`,
    facts: submissionFacts(submission),
    sections: [{ title: 'Het antwoord', lines: describeEvent(event) }],
    links,
  });
}

/** To Halt, when the police referred a melding to Halt (art. 8, 16). */
export function afdoeningRequest(
  submission: MeldingSubmission,
  event: SubmissionEvent,
  halt: Party,
  links: EmailLinks,
  contact?: SchoolContact,
): EmailMessage {
  return compose({
    subject: `Doorverwezen naar Halt – ${submissionWhat(submission)} – ${where(submission)} [${submission.id}]`,
    greeting: `Beste ${halt.contactName},`,
    intro: `${event.partyName} heeft deze melding doorverwezen naar Halt. Meld de school wanneer de afdoening is afgerond (artikel 16): alleen een datum en eventueel uw referentie, geen namen.`,
    facts: submissionFacts(submission),
    sections: [
      { title: 'Terugkoppeling van de politie', lines: describeEvent(event) },
      ...(contact
        ? [
            {
              title: 'Contact met de school',
              lines: [
                `${contact.contactName}, ${contact.school}: ${contact.email}`,
                'Antwoordt u op deze e-mail, dan gaat uw antwoord naar dit adres.',
              ],
            },
          ]
        : []),
    ],
    links,
    ...(contact ? { replyTo: contact.email } : {}),
  });
}
