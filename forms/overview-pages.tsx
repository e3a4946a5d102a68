import { CATEGORY_LABELS, MELDING_CATEGORIES } from '../shared/domain/melding.js';
import {
  type CoordinatorOverview,
  KIND_LABELS,
  type OverviewFilter,
  type OverviewRow,
  type WijkGlance,
} from '../shared/domain/overview.js';
import { type Party, ROLES } from '../shared/domain/parties.js';
import { formatDutchDate, formatDutchDateTime } from '../shared/domain/time.js';
import { Alert } from './components/alert.js';
import { Button } from './components/form.js';
import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Table, TableCell, TableHeaderCell, TableRow } from './components/table.js';
import {
  Heading1,
  Heading2,
  Heading3,
  Link,
  ListItem,
  Paragraph,
  UnorderedList,
} from './components/typography.js';

/**
 * The overview pages (issue 15): one per kind of party. They work without JavaScript, are read
 * top to bottom on a phone (one card per row), and show free text only to a party that received it.
 */

const GAP_LABELS = {
  'geen-wijkagent': 'Wijk zonder wijkagent',
  'contact-vertrokken': 'Contactpersoon is vertrokken',
  'adres-onbereikbaar': 'E-mailadres onbereikbaar',
} as const;

function dueText(row: OverviewRow): string {
  if (row.workingDaysLeft === undefined || !row.dueOn || !row.open) return '';
  const n = row.workingDaysLeft;
  if (n < 0)
    return `${-n} ${-n === 1 ? 'werkdag' : 'werkdagen'} te laat (termijn was ${formatDutchDate(row.dueOn)})`;
  if (n === 0) return `Vandaag de laatste dag (${formatDutchDate(row.dueOn)})`;
  return `Nog ${n} ${n === 1 ? 'werkdag' : 'werkdagen'} (tot en met ${formatDutchDate(row.dueOn)})`;
}

const RowCard = ({ row, perspective }: { row: OverviewRow; perspective: 'school' | 'partner' }) => {
  const statusLink = row.actions.find((a) => a.action === 'status');
  const answerLinks = row.actions.filter((a) => a.action !== 'status');
  const safeTitle = escapeHtml(`${KIND_LABELS[row.kind]} ${row.id}`);
  const facts: Array<[string, JSX.Element]> = [
    ['Ontvangen', escapeHtml(formatDutchDateTime(new Date(row.createdAt)))],
    [
      row.kind === 'voorlichting' ? 'Aanbieder' : row.kind === 'beeindiging' ? 'Partij' : 'Categorie',
      escapeHtml(row.category),
    ],
    ['Status', escapeHtml(`${row.status}${row.open ? ' (open)' : ''}`)],
  ];
  if (perspective === 'partner') facts.push(['Van', escapeHtml(row.from)]);
  if (dueText(row)) facts.push(['Termijn', escapeHtml(dueText(row))]);
  if (perspective === 'school') {
    facts.push(['Verstuurd aan', escapeHtml(row.told.length ? row.told.join(', ') : 'niemand')]);
    facts.push([
      'Geantwoord door',
      escapeHtml(row.answeredBy.length ? row.answeredBy.join(', ') : 'nog niemand'),
    ]);
  }
  if (row.text) facts.push(['Tekst', <span class="app-pre">{escapeHtml(row.text)}</span>]);
  return (
    <li
      class={`app-row${row.overdue ? ' app-row--overdue' : ''}`}
      data-row={escapeHtml(row.id)}
      data-overdue={row.overdue}
    >
      <Heading3>
        {statusLink ? <Link href={escapeHtml(statusLink.href)}>{safeTitle}</Link> : safeTitle}
      </Heading3>
      {row.overdue ? (
        <Paragraph>
          <strong>Te laat.</strong>
        </Paragraph>
      ) : (
        ''
      )}
      <dl class="app-facts">
        {facts.map(([k, v]) => (
          <>
            <dt>{escapeHtml(k)}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
      {answerLinks.length ? (
        <Paragraph>
          {answerLinks.map((a, i) => (
            <>
              {i ? ' · ' : ''}
              <Link href={escapeHtml(a.href)}>{escapeHtml(a.label)}</Link>
            </>
          ))}
        </Paragraph>
      ) : (
        ''
      )}
    </li>
  );
};

const RowList = ({
  rows,
  perspective,
  empty,
}: {
  rows: readonly OverviewRow[];
  perspective: 'school' | 'partner';
  empty: string;
}) =>
  rows.length ? (
    <ol class="app-rows" data-rows>
      {rows.map((r) => (
        <RowCard row={r} perspective={perspective} />
      ))}
    </ol>
  ) : (
    <Paragraph data-rows-empty>{escapeHtml(empty)}</Paragraph>
  );

const FilterSelect = ({
  name,
  label,
  options,
  chosen,
}: {
  name: string;
  label: string;
  options: Array<[string, string]>;
  chosen: string | undefined;
}) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for={name}>
      {escapeHtml(label)}
    </label>
    <select class="utrecht-select utrecht-select--html-select" name={name} id={name}>
      {options.map(([value, text]) => (
        <option value={escapeHtml(value)} selected={value === (chosen ?? '')}>
          {escapeHtml(text)}
        </option>
      ))}
    </select>
  </div>
);

const DateInput = ({ name, label, value }: { name: string; label: string; value: string | undefined }) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for={name}>
      {escapeHtml(label)}
    </label>
    <input
      class="utrecht-textbox utrecht-textbox--html-input"
      type="date"
      name={name}
      id={name}
      value={escapeHtml(value ?? '')}
    />
  </div>
);

/** A GET form: the filters live in the address, so a filtered view can be bookmarked and works without JS. */
const FilterForm = ({
  action,
  hidden,
  filter,
  period,
}: {
  action: string;
  hidden: Record<string, string>;
  filter: OverviewFilter;
  period: { from: string; to: string };
}) => (
  <form method="get" action={escapeHtml(action)} class="app-filters" aria-label="Filters">
    {Object.entries(hidden).map(([k, v]) => (
      <input type="hidden" name={k} value={escapeHtml(v)} />
    ))}
    <FilterSelect
      name="soort"
      label="Soort"
      options={[
        ['', 'Alles'],
        ['melding', 'Meldingen'],
        ['voorlichting', 'Voorlichting'],
        ['beeindiging', 'Beëindiging'],
      ]}
      chosen={filter.kind}
    />
    <FilterSelect
      name="status"
      label="Status"
      options={[
        ['', 'Alles'],
        ['open', 'Open'],
        ['te-laat', 'Te laat'],
        ['afgerond', 'Afgerond'],
      ]}
      chosen={filter.status}
    />
    <DateInput name="van" label="Van" value={period.from} />
    <DateInput name="tot" label="Tot en met" value={period.to} />
    <Button type="submit" appearance="secondary-action">
      Toon
    </Button>
  </form>
);

const Counts = ({ rows }: { rows: readonly OverviewRow[] }) => (
  <Paragraph data-counts>
    {rows.length} in deze periode, {rows.filter((r) => r.open).length} open,{' '}
    {rows.filter((r) => r.overdue).length} te laat.
  </Paragraph>
);

const FilterError = ({ message }: { message: string | undefined }) =>
  message ? (
    <Alert type="error" role="alert">
      <Paragraph>{escapeHtml(message)}</Paragraph>
    </Alert>
  ) : (
    ''
  );

export function schoolOverviewPage(input: {
  school: Party;
  /** Reached with the form key (`/overzicht?sleutel=`) or the signed link from an email. */
  formKey?: string;
  token?: string;
  rows: readonly OverviewRow[];
  filter: OverviewFilter;
  period: { from: string; to: string };
  filterError?: string;
}): string {
  const key = input.formKey ? encodeURIComponent(input.formKey) : undefined;
  return page(
    <PageLayout title={`Overzicht ${input.school.name}`}>
      <Heading1>Overzicht {escapeHtml(input.school.name)}</Heading1>
      <Paragraph>
        Uw meldingen, aanvragen voor voorlichting en aankondigingen, de nieuwste eerst. Open een regel voor de
        hele geschiedenis.
      </Paragraph>
      {key ? (
        <Paragraph>
          <Link href={`/formulieren/melding?sleutel=${key}`}>Nieuwe melding</Link> ·{' '}
          <Link href={`/formulieren/voorlichting?sleutel=${key}`}>Voorlichting aanvragen</Link>
        </Paragraph>
      ) : (
        ''
      )}
      <FilterError message={input.filterError} />
      {input.formKey ? (
        <FilterForm
          action="/overzicht"
          hidden={{ sleutel: input.formKey }}
          filter={input.filter}
          period={input.period}
        />
      ) : (
        <FilterForm
          action={`/overzicht/${input.token ?? ''}`}
          hidden={{}}
          filter={input.filter}
          period={input.period}
        />
      )}
      <Counts rows={input.rows} />
      <RowList rows={input.rows} perspective="school" empty="Er is niets in deze periode." />
    </PageLayout>,
  );
}

export function partnerOverviewPage(input: {
  party: Party;
  token: string;
  rows: readonly OverviewRow[];
  filter: OverviewFilter;
  period: { from: string; to: string };
  filterError?: string;
}): string {
  return page(
    <PageLayout title={`Overzicht ${input.party.name}`}>
      <Heading1>Overzicht {escapeHtml(input.party.name)}</Heading1>
      <Paragraph>
        Wat aan u (
        {escapeHtml(`${ROLES[input.party.role]}${input.party.wijk ? `, wijk ${input.party.wijk}` : ''}`)}) is
        gestuurd: wat nog open staat eerst, met de werkdagen die u nog hebt. De knoppen om te antwoorden staan
        bij elke regel.
      </Paragraph>
      <FilterError message={input.filterError} />
      <FilterForm
        action={`/overzicht/${input.token}`}
        hidden={{}}
        filter={input.filter}
        period={input.period}
      />
      <Counts rows={input.rows} />
      <RowList rows={input.rows} perspective="partner" empty="Er is niets aan u gestuurd in deze periode." />
    </PageLayout>,
  );
}

const WijkTable = ({ wijken }: { wijken: readonly WijkGlance[] }) => {
  const columns = [
    'Wijk',
    'Meldingen',
    ...MELDING_CATEGORIES.map((c) => CATEGORY_LABELS[c]),
    'Voorlichting',
    'Open',
    'Te laat',
    'Terugkoppeling binnen termijn',
  ];
  return (
    // biome-ignore lint/a11y/useSemanticElements: a scrolling region around the table, named for screen readers; not a document section
    <div class="app-scroll" role="region" aria-label="Per wijk" tabindex="0">
      <Table
        data-wijken
        caption="Per wijk, de afgelopen twaalf maanden"
        head={columns.map((c) => <TableHeaderCell scope="col">{escapeHtml(c)}</TableHeaderCell>)}
      >
        {wijken.map((w) => (
          <TableRow data-wijk={escapeHtml(w.wijk)}>
            <TableHeaderCell scope="row">
              <Link href={`?wijk=${encodeURIComponent(w.wijk)}`}>{escapeHtml(w.wijk)}</Link>
            </TableHeaderCell>
            <TableCell>{w.meldingen}</TableCell>
            {MELDING_CATEGORIES.map((c) => (
              <TableCell>{w.perCategory[c] ?? 0}</TableCell>
            ))}
            <TableCell>{w.voorlichtingen}</TableCell>
            <TableCell>{w.open}</TableCell>
            <TableCell>{w.overdue}</TableCell>
            <TableCell>{w.answered ? `${w.withinTarget} van ${w.answered}` : '–'}</TableCell>
          </TableRow>
        ))}
      </Table>
    </div>
  );
};

export function coordinatorOverviewPage(input: {
  party: Party;
  token: string;
  overview: CoordinatorOverview;
}): string {
  const o = input.overview;
  return page(
    <PageLayout title="Overzicht convenant">
      <Heading1>Overzicht convenant: alle wijken</Heading1>
      <Paragraph>
        Voor {escapeHtml(input.party.name)} ({escapeHtml(ROLES[input.party.role])}). Alleen aantallen,
        categorieën en data; geen vrije tekst (artikel 23). Peildatum {escapeHtml(formatDutchDate(o.today))}.{' '}
        <Link href={`/overzicht/${escapeHtml(input.token)}?formaat=csv`} download>
          Download de cijfers per wijk als CSV
        </Link>
        .
      </Paragraph>
      <Heading2>Alle wijken in één oogopslag</Heading2>
      <Paragraph>Kies een wijk voor het wijkrapport.</Paragraph>
      <WijkTable wijken={o.wijken} />
      <Heading2>Aangekondigde beëindigingen zonder uitkomst</Heading2>
      {o.terminations.length ? (
        <UnorderedList data-terminations>
          {o.terminations.map((t) => (
            <ListItem>
              {escapeHtml(
                `${t.party}, aangekondigd op ${formatDutchDateTime(new Date(t.createdAt))} (${t.id}). `,
              )}
              {t.actions.map((a) => (
                <Link href={escapeHtml(a.href)}>{escapeHtml(a.label)}</Link>
              ))}
            </ListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph data-terminations>Geen.</Paragraph>
      )}
      <Heading2>Agenda</Heading2>
      <UnorderedList data-calendar>
        {o.calendar.map((c) => (
          <ListItem>
            {escapeHtml(formatDutchDate(c.date))}: {escapeHtml(c.what)}
          </ListItem>
        ))}
      </UnorderedList>
      <Heading2>Gaten in de adreslijst</Heading2>
      {o.gaps.length ? (
        <UnorderedList data-gaps>
          {o.gaps.map((g) => (
            <ListItem data-gap={g.kind}>
              <strong>{GAP_LABELS[g.kind]}:</strong> {escapeHtml(g.subject)}. {escapeHtml(g.detail)}
            </ListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph data-gaps>Geen gaten gevonden.</Paragraph>
      )}
    </PageLayout>,
  );
}

export function overviewProblemPage(message: string): string {
  return page(
    <PageLayout title="Deze link werkt niet (meer)">
      <Heading1>Deze link werkt niet (meer)</Heading1>
      <Paragraph>{escapeHtml(message)}</Paragraph>
      <Paragraph>Vraag de coördinator van het convenant bij de gemeente om een nieuwe link.</Paragraph>
    </PageLayout>,
  );
}

/** The link to the school's overview on its form pages. */
export const OverviewLink = ({ formKey }: { formKey: string }) => (
  <Paragraph>
    <Link href={`/overzicht?sleutel=${encodeURIComponent(formKey)}`}>
      Bekijk het overzicht van uw meldingen en aanvragen
    </Link>
  </Paragraph>
);
