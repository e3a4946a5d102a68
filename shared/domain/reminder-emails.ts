import type { ReminderKind, ReminderPlan } from './calendar.js';
import { compose, type EmailLinks, type EmailMessage } from './emails.js';
import { type Party, ROLES } from './parties.js';
import { formatDutchDate } from './time.js';

/** The five questions of article 21b, word for word. */
export const EVALUATIE_QUESTIONS = [
  'Hoe loopt de samenwerking?',
  'Leidt de samenwerking tot de gewenste resultaten?',
  'Pakt iedereen zijn rol?',
  'Zijn er belemmeringen om het convenant uit te voeren?',
  'Zijn er ontwikkelingen die om aanpassing van het convenant vragen?',
] as const;

const AGREEMENT = ['Helemaal niet', 'Weinig', 'Deels', 'Grotendeels', 'Helemaal'] as const;

/**
 * The answers to each question, from 1 to 5, worded for that question. 5 is always the answer that
 * says the covenant works well, also for the questions about obstacles and needed changes, so every
 * average reads the same way: higher is better.
 */
export const EVALUATIE_SCALES: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['Slecht', 'Matig', 'Redelijk', 'Goed', 'Heel goed'],
  AGREEMENT,
  AGREEMENT,
  [
    'Veel belemmeringen',
    'Een aantal belemmeringen',
    'Enkele belemmeringen',
    'Bijna geen belemmeringen',
    'Geen belemmeringen',
  ],
  [
    'Grote aanpassing nodig',
    'Een aantal aanpassingen nodig',
    'Kleine aanpassingen nodig',
    'Bijna geen aanpassing nodig',
    'Geen aanpassing nodig',
  ],
];

export type NoticeKind = ReminderKind | 'verlenging-besluit' | 'contact-vertrokken';
export type Notice = Pick<ReminderPlan, 'key' | 'dueOn' | 'subjectId' | 'data'> & { kind: NoticeKind };

export interface EvaluatieSummary {
  respondents: number;
  invited: number;
  averages: Array<number | null>;
  comments: string[][];
  /** The agreements for the wijk or its schools (art. 20), as lines. */
  agreements?: string[];
  /** The wijk's schools and their yearly duties (art. 2b, 21c): done out of asked, and who not yet. */
  duties?: Array<{ label: string; done: number; asked: number; notDone: string[] }>;
}

const questionsLines = () => [...EVALUATIE_QUESTIONS];

/** The yearly school duties (art. 2b, 21c): one click when it is done, counted for the evaluation. */
const DUTY_ASK = {
  title: 'Wat wordt er gevraagd',
  lines: [
    'Is het gedaan? Laat het weten via de link. Het telt mee in het overzicht van de gemeente en in de jaarlijkse evaluatie, en u krijgt er geen herinnering meer over.',
  ],
};

/** "1 van de 8 partners in wijk Oost heeft de vragenlijst ingevuld." with the verb that fits the number. */
export const respondentsSentence = (respondents: number, invited: number, wijk: string): string =>
  `${respondents} van de ${invited} partners in wijk ${wijk} ${respondents === 1 ? 'heeft' : 'hebben'} de vragenlijst ingevuld (artikel 21b).`;

/** Every calendar email: what the covenant asks now, of whom, under which article. */
export function noticeEmail(
  notice: Notice,
  party: Party,
  links: EmailLinks,
  summary?: EvaluatieSummary,
): EmailMessage {
  const d = notice.data;
  const greeting = `Beste ${party.contactName},`;
  const base = {
    greeting,
    facts: [['Datum', formatDutchDate(notice.dueOn)]] as Array<[string, string]>,
    links,
  };
  switch (notice.kind) {
    case 'verlenging':
      return compose({
        ...base,
        subject: `Herinnering: het convenant loopt over ${d.months} ${d.months === 1 ? 'maand' : 'maanden'} af (${formatDutchDate(String(d.termEnd))}) – besluit over verlenging`,
        intro: `Over ${d.months} ${d.months === 1 ? 'maand' : 'maanden'} eindigt de looptijd van het convenant "Veilig in en om school" (termijn ${d.term}). Na evaluatie kan het voor drie jaar worden verlengd (artikel 21a).`,
        sections: [
          {
            title: 'Wat wordt er gevraagd',
            lines: [
              'Leg het besluit van de gemeente vast via de link: verlengd of niet verlengd. Alle partijen krijgen bericht.',
            ],
          },
        ],
      });
    case 'verlenging-besluit':
      return compose({
        ...base,
        subject:
          d.decision === 'verlengd'
            ? `Het convenant is verlengd tot en met ${formatDutchDate(String(d.newEnd))}`
            : `Het convenant wordt niet verlengd en eindigt op ${formatDutchDate(String(d.termEnd))}`,
        intro:
          'De gemeente heeft besloten over de verlenging van het convenant "Veilig in en om school" (artikel 21a).',
        sections: [
          {
            title: 'Besluit',
            lines: [
              d.decision === 'verlengd'
                ? `Verlengd: de nieuwe termijn loopt van ${formatDutchDate(String(d.newStart))} tot en met ${formatDutchDate(String(d.newEnd))}.`
                : `Niet verlengd: het convenant eindigt na ${formatDutchDate(String(d.termEnd))}.`,
            ],
          },
        ],
      });
    case 'contact-vertrokken':
      return compose({
        ...base,
        subject: `Contactpersoon vertrokken: ${String(d.partyName)} – adreslijst bijwerken`,
        intro: `De contactpersoon van ${String(d.partyName)} (${String(d.roleLabel)}) meldt dat hij of zij geen contactpersoon meer is (artikel 1, 10 en 15). Tot de adreslijst is bijgewerkt, komen berichten voor deze partij mogelijk niet goed terecht.`,
        sections: [
          {
            title: 'Wat wordt er gevraagd',
            lines: [
              'Vraag de organisatie wie de nieuwe contactpersoon is en laat de beheerder de adreslijst bijwerken. In uw overzicht staat dit bij de gaten in de adreslijst.',
            ],
          },
        ],
      });
    case 'beeindiging-overleg':
      return compose({
        ...base,
        subject: `Herinnering: overleg over beëindiging door ${String(d.partyName)} (week ${d.weeks})`,
        intro: `${String(d.partyName)} kondigde op ${formatDutchDate(String(d.announcedOn))} aan te willen stoppen met het convenant. De gemeente draagt zorg voor overleg tussen alle partijen (artikel 22b).`,
        sections: [
          {
            title: 'Wat wordt er gevraagd',
            lines: [
              'Plan het overleg via de eerste link: alle partijen krijgen dan een uitnodiging. Leg na het overleg de uitkomst vast via de tweede link. U krijgt elke week een herinnering tot de uitkomst is vastgelegd; staat het overleg gepland, dan pas weer vanaf de dag van het overleg.',
            ],
          },
        ],
      });
    case 'evaluatie-uitnodiging':
      return compose({
        ...base,
        subject: `Jaarlijks overleg convenant in wijk ${String(d.wijk)} – ${d.year}`,
        intro: `In elke wijk is er op initiatief van de gemeente jaarlijks overleg tussen de convenantpartners (artikel 21b). Wilt u het overleg voor wijk ${String(d.wijk)} organiseren? De partners in de wijk krijgen vandaag een korte vragenlijst; over vier weken krijgt u een samenvatting en het wijkrapport.`,
        sections: [{ title: 'De vragen van artikel 21b', lines: questionsLines(), numbered: true }],
      });
    case 'evaluatie-vragenlijst':
      return compose({
        ...base,
        subject: `Vragenlijst evaluatie convenant, wijk ${String(d.wijk)} – ${d.year}`,
        intro: `De gemeente organiseert het jaarlijkse overleg over het convenant in wijk ${String(d.wijk)} (artikel 21b). Beantwoord vooraf vijf korte vragen. Bij elke vraag kiest u een antwoord en schrijft u eventueel een toelichting, zonder persoonsgegevens.`,
        facts: [
          ['Datum', formatDutchDate(notice.dueOn)],
          ...(d.deadline
            ? ([['Invullen vóór', formatDutchDate(String(d.deadline))]] as Array<[string, string]>)
            : []),
        ],
        sections: [{ title: 'De vragen', lines: questionsLines(), numbered: true }],
      });
    case 'evaluatie-samenvatting':
      return compose({
        ...base,
        subject: `Samenvatting evaluatie convenant, wijk ${String(d.wijk)} – ${d.year}`,
        intro: `${respondentsSentence(summary?.respondents ?? 0, summary?.invited ?? 0, String(d.wijk))} Per vraag ziet u het gemiddelde van 1 tot 5. Hoe hoger, hoe beter het gaat.`,
        sections: EVALUATIE_QUESTIONS.map((q, i): { title: string; lines: string[] } => ({
          title: q,
          lines: [
            `Gemiddeld: ${summary?.averages[i] == null ? 'geen antwoorden' : `${(summary.averages[i] as number).toFixed(1).replace('.', ',')} (1 is ${EVALUATIE_SCALES[i]?.[0]?.toLowerCase()}, 5 is ${EVALUATIE_SCALES[i]?.[4]?.toLowerCase()})`}`,
            ...(summary?.comments[i] ?? []).map((c) => `Toelichting: ${c}`),
          ],
        })).concat(
          summary?.agreements?.length
            ? [{ title: 'Afspraken in de wijk (artikel 20)', lines: summary.agreements }]
            : [],
          summary?.duties?.length
            ? [
                {
                  title: 'Jaarlijkse taken van de scholen in de wijk',
                  lines: summary.duties.map(
                    (duty) =>
                      `${duty.label}: ${duty.done} van ${duty.asked} ${duty.asked === 1 ? 'school' : 'scholen'} gedaan${duty.notDone.length ? ` (nog niet: ${duty.notDone.join(', ')})` : ''}.`,
                  ),
                },
              ]
            : [],
        ),
      });
    case 'leerlingenraad':
      return compose({
        ...base,
        subject: `Jaarlijkse herinnering: bespreek het convenant met de leerlingen- of studentenraad (${d.year})`,
        intro:
          'Om leerlingen te betrekken bij veiligheid in en om de school wordt de school gevraagd het convenant te bespreken met de leerlingenraad of studentenraad (artikel 21c).',
        sections: [DUTY_ASK],
      });
    case 'bekendmaking':
      return compose({
        ...base,
        subject: `Begin van het schooljaar: maak het convenant bekend aan personeel, leerlingen en ouders (${d.year})`,
        intro:
          'De school draagt zorg voor bekendmaking van strekking en inhoud van het convenant aan schoolpersoneel, leerlingen en ouders, en neemt het op in het schoolbeleid (artikel 2).',
        sections: [DUTY_ASK],
      });
    case 'schooltaak-herinnering':
      return compose({
        ...base,
        subject:
          d.duty === 'leerlingenraad'
            ? `Tweede herinnering: bespreek het convenant met de leerlingen- of studentenraad (${d.year})`
            : `Tweede herinnering: maak het convenant bekend aan personeel, leerlingen en ouders (${d.year})`,
        intro: `Op ${formatDutchDate(String(d.firstOn))} kreeg u een herinnering voor deze jaarlijkse taak van de school (${d.duty === 'leerlingenraad' ? 'artikel 21c' : 'artikel 2'}). We hebben nog niet gehoord dat het gedaan is.`,
        sections: [DUTY_ASK],
      });
    case 'contact-bevestigen':
      return compose({
        ...base,
        subject: `Jaarlijkse controle: bent u nog de contactpersoon voor het convenant? (${d.year})`,
        intro: `U staat geregistreerd als ${ROLES[party.role]} van ${party.name} voor het convenant "Veilig in en om school" (artikel 1, 10 en 15).`,
        sections: [
          {
            title: 'Wat wordt er gevraagd',
            lines: [
              'Bevestig via de link dat u nog de contactpersoon bent, of meld dat het niet meer klopt. Dan neemt de beheerder contact op.',
            ],
          },
        ],
      });
    case 'terugkoppeling-te-laat':
      return compose({
        ...base,
        subject: `Herinnering: terugkoppeling op melding ${notice.subjectId} is nog niet gegeven`,
        intro: `Na ${d.workingDays} werkdagen heeft de school nog geen terugkoppeling gekregen over hoe de melding wordt opgepakt (artikel 8).`,
        sections: [
          {
            title: 'Wat wordt er gevraagd',
            lines: ['Vertel de school via de link hoe u de melding oppakt.'],
          },
        ],
      });
    case 'vakantietabel':
      return compose({
        ...base,
        subject: `Vul de schoolvakanties aan: de tabel loopt tot de zomervakantie van ${formatDutchDate(String(d.lastFirstDay))}`,
        intro: `Een beëindiging gaat in op de eerste dag van de eerstvolgende zomervakantie voor het voortgezet onderwijs (artikel 22c). Het product kent de schoolvakanties van regio Midden tot en met schooljaar ${String(d.schoolYear)}. Na de zomervakantie die begint op ${formatDutchDate(String(d.lastFirstDay))} kan het geen beëindiging meer bevestigen en weet het niet welke dagen schoolvakantie zijn.`,
        sections: [
          {
            title: 'Wat wordt er gevraagd',
            lines: [
              'Laat de beheerder het volgende schooljaar toevoegen aan config/school-holidays-midden.json, met de data van rijksoverheid.nl (Overzicht schoolvakanties per schooljaar) en de link naar die pagina.',
            ],
          },
        ],
      });
    case 'voorlichting-te-laat':
      return compose({
        ...base,
        subject: `Herinnering: aanvraag voorlichting ${notice.subjectId} is nog niet beantwoord`,
        intro: `Na ${d.workingDays} werkdagen heeft de school nog geen antwoord op de aanvraag voor voorlichting.`,
        sections: [
          {
            title: 'Wat wordt er gevraagd',
            lines: [
              'Beantwoord de aanvraag via de link: accepteren, een andere datum voorstellen of afwijzen.',
            ],
          },
        ],
      });
  }
}
