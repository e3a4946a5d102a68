import { DECISIONS } from '../shared/domain/covenant.js';
import type { FieldError } from '../shared/domain/errors.js';
import type { CalendarLinkContext } from '../shared/domain/links.js';
import { MELDING_CATEGORIES } from '../shared/domain/melding.js';
import { EVALUATIE_QUESTIONS, EVALUATIE_SCALES } from '../shared/domain/reminder-emails.js';
import type { WijkReport } from '../shared/domain/report.js';
import { formatDutchDate } from '../shared/domain/time.js';
import { Alert } from './components/alert.js';
import { ChoiceGroup } from './components/fieldset.js';
import { LinkAnswerForm } from './components/form.js';
import {
  DateField,
  type ExampleDates,
  type FieldContext,
  type FormValues,
  TextareaField,
  TextboxField,
} from './components/form-field.js';
import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Table, TableCell, TableHeaderCell, TableRow } from './components/table.js';
import { Heading1, Heading2, Link, ListItem, Paragraph, UnorderedList } from './components/typography.js';

export const CALENDAR_ANCHORS: Record<string, string> = {
  decision: 'decision-verlengd',
  decidedOn: 'decidedOn',
  stillContact: 'stillContact-ja',
  doneOn: 'doneOn',
  ...Object.fromEntries(
    EVALUATIE_QUESTIONS.flatMap((_, i) => [
      [`score${i + 1}`, `score${i + 1}-1`],
      [`comment${i + 1}`, `comment${i + 1}`],
    ]),
  ),
};

/** What each yearly school duty asks (art. 2b, 21c), in one sentence. */
export const DUTY_WHAT = {
  bekendmaking:
    'De school maakt strekking en inhoud van het convenant bekend aan schoolpersoneel, leerlingen en ouders, en neemt het op in het schoolbeleid (artikel 2b).',
  leerlingenraad:
    'De school bespreekt het convenant met de leerlingenraad of de studentenraad (artikel 21c).',
} as const;

const TITLES = {
  verlenging: 'Besluit over verlenging van het convenant',
  evaluatie: 'Vragenlijst jaarlijkse evaluatie',
  contact: 'Bent u nog de contactpersoon?',
  gedaan: 'Jaarlijkse taak van de school: gedaan',
  wijkrapport: 'Wijkrapport',
} as const;

const BUTTONS = {
  verlenging: 'Besluit vastleggen',
  evaluatie: 'Antwoorden versturen',
  contact: 'Antwoord versturen',
  gedaan: 'Vastleggen: gedaan',
} as const;

type QuestionAction = keyof typeof BUTTONS;

const CalendarForm = ({
  a,
  ctx,
  exampleDate,
  context,
}: {
  a: QuestionAction;
  ctx: FieldContext;
  exampleDate: ExampleDates;
  context: CalendarLinkContext;
}) => {
  switch (a) {
    case 'verlenging':
      return (
        <>
          <ChoiceGroup
            ctx={ctx}
            name="decision"
            legend="Besluit van de gemeente"
            type="radio"
            choices={DECISIONS.map((d) => ({
              value: d,
              label: d === 'verlengd' ? 'Verlengd voor drie jaar' : 'Niet verlengd',
            }))}
            rules={{ required: 'Kies of het convenant wordt verlengd.' }}
          />
          <DateField ctx={ctx} name="decidedOn" label="Datum van het besluit" example={exampleDate.past} />
        </>
      );
    case 'evaluatie':
      return (
        <>
          {EVALUATIE_QUESTIONS.map((q, i) => (
            <>
              <ChoiceGroup
                ctx={ctx}
                name={`score${i + 1}`}
                legend={`Vraag ${i + 1}: ${q}`}
                type="radio"
                choices={(EVALUATIE_SCALES[i] ?? []).map((label, n) => ({ value: String(n + 1), label }))}
                rules={{ required: 'Kies een antwoord op deze vraag.' }}
              />
              <TextareaField
                ctx={ctx}
                name={`comment${i + 1}`}
                label={`Toelichting bij vraag ${i + 1} (niet verplicht)`}
                maxLength={1000}
              />
            </>
          ))}
        </>
      );
    case 'contact':
      return (
        <ChoiceGroup
          ctx={ctx}
          name="stillContact"
          legend="Bent u nog de contactpersoon?"
          type="radio"
          choices={[
            { value: 'ja', label: 'Ja' },
            { value: 'nee', label: 'Nee, dit klopt niet meer' },
          ]}
        />
      );
    case 'gedaan':
      return (
        <TextboxField
          ctx={ctx}
          name="doneOn"
          label="Wanneer is het gedaan?"
          hint={`Vandaag of eerder, bijvoorbeeld 15-9-${context.duty?.year ?? ''}.`}
          inputmode="numeric"
          preview
          rules={{ required: 'Vul de datum in waarop het gedaan is.' }}
        />
      );
  }
};

const CalendarIntro = ({ a, context }: { a: QuestionAction; context: CalendarLinkContext }) => {
  switch (a) {
    case 'verlenging':
      return (
        <Paragraph>
          De huidige termijn ({escapeHtml(context.term?.number)}) loopt tot en met{' '}
          {escapeHtml(formatDutchDate(context.term?.end ?? ''))}. Na evaluatie kan het convenant voor drie
          jaar worden verlengd (artikel 21a). Alle partijen krijgen het besluit per e-mail.
        </Paragraph>
      );
    case 'evaluatie':
      return (
        <Paragraph>
          Jaarlijks overleg over het convenant in wijk {escapeHtml(context.round?.wijk)} (
          {escapeHtml(context.round?.year)}), artikel 21b. Kies bij elke vraag het antwoord dat het best past.
          Schrijf eventueel een toelichting, zonder namen of andere persoonsgegevens.
        </Paragraph>
      );
    case 'contact':
      return (
        <Paragraph>
          U staat geregistreerd als contactpersoon van <strong>{escapeHtml(context.party.name)}</strong> voor
          het convenant (artikel 1, 10 en 15).
        </Paragraph>
      );
    case 'gedaan': {
      const duty = context.duty;
      return (
        <>
          <Paragraph>
            {escapeHtml(duty ? DUTY_WHAT[duty.duty] : '')} Schooljaar{' '}
            {escapeHtml(duty ? `${duty.year}-${duty.year + 1}` : '')}, {escapeHtml(context.party.name)}.
          </Paragraph>
          <Paragraph>
            Is het gedaan? Vul de datum in. Het telt mee in het overzicht van de gemeente en in de jaarlijkse
            evaluatie (artikel 21b), en u krijgt er geen herinnering meer over.
          </Paragraph>
        </>
      );
    }
  }
};

export function calendarPage(input: {
  context: CalendarLinkContext;
  token: string;
  values?: FormValues;
  errors?: FieldError[];
  exampleDate: ExampleDates;
}): string {
  const { context, token } = input;
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const a = context.claims.a as QuestionAction;
  return page(
    <PageLayout title={TITLES[a]} script={!context.answeredAt}>
      <Heading1>{TITLES[a]}</Heading1>
      <CalendarIntro a={a} context={context} />
      {context.answeredAt ? (
        <Alert type="ok" role="status">
          <Paragraph>
            Hierop is al geantwoord op {escapeHtml(formatDutchDate(context.answeredAt.slice(0, 10)))}. Dank u.
          </Paragraph>
        </Alert>
      ) : (
        <LinkAnswerForm
          token={token}
          name={a}
          errors={ctx.errors}
          anchors={CALENDAR_ANCHORS}
          button={BUTTONS[a]}
        >
          <CalendarForm a={a} ctx={ctx} exampleDate={input.exampleDate} context={context} />
        </LinkAnswerForm>
      )}
    </PageLayout>,
  );
}

/** After a calendar answer: the confirmation, what happens next, and a way on. */
export function calendarDonePage(message: string, linkHref: string): string {
  return page(
    <PageLayout title="Ontvangen">
      <Heading1>Dank u, uw antwoord is ontvangen</Heading1>
      <Alert type="ok" role="status">
        <Paragraph>{escapeHtml(message)}</Paragraph>
      </Alert>
      <Heading2>Wat nu?</Heading2>
      <UnorderedList>
        <ListItem>
          U hoeft niets meer te doen. Via dezelfde link ziet u later dat u heeft geantwoord:{' '}
          <Link href={escapeHtml(linkHref)}>bekijken</Link>.
        </ListItem>
        <ListItem>
          Vragen over het convenant? Neem contact op met de gebiedsmanager veiligheid van uw wijk. Zie ook{' '}
          <Link href="/contact">contact</Link>.
        </ListItem>
      </UnorderedList>
      <Paragraph>
        <Link href="/">Naar de startpagina</Link>
      </Paragraph>
    </PageLayout>,
  );
}

/**
 * A bar chart as SVG that scales with the page: each bar has its label above it and its number next
 * to it as text, so it reads without colour and stays legible on a phone; title and desc name it.
 */
const BarChart = ({
  id,
  title,
  bars,
}: {
  id: string;
  title: string;
  bars: Array<{ label: string; value: number }>;
}) => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 48;
  const width = 400;
  const height = bars.length * rowHeight + 8;
  const description = bars.map((b) => `${b.label}: ${b.value}`).join('; ');
  return (
    <figure class="app-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{escapeHtml(title)}</title>
        <desc id={`${id}-desc`}>{escapeHtml(description)}</desc>
        {bars.map((b, i) => {
          const barWidth = Math.max(Math.round(((width - 50) * b.value) / max), 2);
          const y = i * rowHeight + 4;
          return (
            <>
              <text x="0" y={y + 16} font-size="16" fill="#1a1a1a">
                {escapeHtml(b.label)}
              </text>
              <rect
                x="0"
                y={y + 22}
                width={barWidth}
                height="18"
                fill="#24578f"
                stroke="#1a1a1a"
                stroke-width="1"
              ></rect>
              <text x={barWidth + 6} y={y + 37} font-size="16" font-weight="bold" fill="#1a1a1a">
                {b.value}
              </text>
            </>
          );
        })}
      </svg>
      <figcaption class="utrecht-paragraph">{escapeHtml(title)}</figcaption>
    </figure>
  );
};

const monthLabel = (month: string) =>
  new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );

const SHORT_CATEGORY: Record<(typeof MELDING_CATEGORIES)[number], string> = {
  'strafbaar-feit': 'Strafbaar feit',
  'onveilige-situatie': 'Onveilige situatie',
  'overlast-omgeving': 'Overlast',
  zorgsignaal: 'Zorgsignaal',
};

const Th = ({ text, scope = 'col' }: { text: string; scope?: 'col' | 'row' }) => (
  <TableHeaderCell scope={scope}>{escapeHtml(text)}</TableHeaderCell>
);

const PROVIDER_COLUMNS = [
  ['Geaccepteerd', 'geaccepteerd'],
  ['Andere datum', 'ander-voorstel'],
  ['Afgewezen', 'afgewezen'],
  ['Nog geen antwoord', 'open'],
] as const;

export function wijkReportPage(report: WijkReport, csvHref: string): string {
  const totals = report.months.map((_, i) =>
    MELDING_CATEGORIES.reduce((sum, c) => sum + (report.meldingenPerCategory[c][i] ?? 0), 0),
  );
  const perMonth = report.months.map((m, i) => ({ label: monthLabel(m), value: totals[i] ?? 0 }));
  const fb = report.terugkoppeling;
  // One row per month and a column per kind: twelve short rows fit a phone (stacked) and a desktop, no month hidden.
  return page(
    <PageLayout title={`Wijkrapport ${report.wijk}`}>
      <Heading1>Wijkrapport {escapeHtml(report.wijk)}</Heading1>
      <Paragraph>
        Van {escapeHtml(formatDutchDate(report.from))} tot en met {escapeHtml(formatDutchDate(report.to))}.
        Alleen aantallen, geen vrije tekst (artikel 23).
      </Paragraph>
      <Paragraph>
        <Link href={escapeHtml(csvHref)} download>
          Download de cijfers voor Excel (CSV)
        </Link>
      </Paragraph>
      <Heading2>Meldingen per maand</Heading2>
      <BarChart id="per-maand" title={`Meldingen per maand in wijk ${report.wijk}`} bars={perMonth} />
      <Table
        class="app-table app-table--stack"
        data-months
        caption="Meldingen per soort en per maand"
        head={
          <>
            <Th text="Maand" />
            {MELDING_CATEGORIES.map((c) => (
              <Th text={SHORT_CATEGORY[c]} />
            ))}
            <Th text="Totaal" />
          </>
        }
      >
        {report.months.map((m, i) => (
          <TableRow>
            <Th text={monthLabel(m)} scope="row" />
            {MELDING_CATEGORIES.map((c) => (
              <TableCell label={SHORT_CATEGORY[c]}>{report.meldingenPerCategory[c][i] ?? 0}</TableCell>
            ))}
            <TableCell label="Totaal">{totals[i] ?? 0}</TableCell>
          </TableRow>
        ))}
      </Table>
      <Heading2>Meldingen per school</Heading2>
      {report.meldingenPerSchool.length ? (
        <BarChart
          id="per-school"
          title={`Meldingen per school in wijk ${report.wijk}`}
          bars={report.meldingenPerSchool.map((s) => ({ label: s.school, value: s.count }))}
        />
      ) : (
        <Paragraph>Geen meldingen.</Paragraph>
      )}
      <Heading2>Voorlichting per aanbieder</Heading2>
      <Table
        class="app-table app-table--stack"
        caption="Aanvragen voor voorlichting en de antwoorden"
        head={
          <>
            <Th text="Aanbieder" />
            {PROVIDER_COLUMNS.map(([label]) => (
              <Th text={label} />
            ))}
          </>
        }
      >
        {Object.entries(report.voorlichtingPerProvider).map(([p, o]) => (
          <TableRow>
            <Th text={report.providerLabels[p] ?? p} scope="row" />
            {PROVIDER_COLUMNS.map(([label, key]) => (
              <TableCell label={label}>{o[key]}</TableCell>
            ))}
          </TableRow>
        ))}
      </Table>
      <Heading2>Terugkoppeling door de politie (artikel 8)</Heading2>
      <UnorderedList data-feedback>
        <ListItem>
          Meldingen waarop terugkoppeling wordt verwacht: {fb.meldingen}. Met terugkoppeling: {fb.answered}.
        </ListItem>
        <ListItem>
          Mediaan:{' '}
          {fb.medianWorkingDays === null
            ? 'nog niet te bepalen'
            : escapeHtml(`${String(fb.medianWorkingDays).replace('.', ',')} werkdagen`)}
          .
        </ListItem>
        <ListItem>
          Binnen {fb.target} werkdagen:{' '}
          {fb.answered
            ? escapeHtml(
                `${fb.withinTarget} van de ${fb.answered} (${Math.round((100 * fb.withinTarget) / fb.answered)}%)`,
              )
            : 'nog niet te bepalen'}
          .
        </ListItem>
      </UnorderedList>
      <Heading2>Te laat</Heading2>
      <UnorderedList data-overdue>
        <ListItem>
          Meldingen zonder terugkoppeling na {fb.target} werkdagen: {report.overdue.terugkoppeling}.
        </ListItem>
        <ListItem>Aanvragen voor voorlichting zonder antwoord: {report.overdue.voorlichting}.</ListItem>
      </UnorderedList>
    </PageLayout>,
  );
}
