import {
  AFSPRAAK_LABELS,
  AFSPRAAK_MESSAGES,
  AFSPRAAK_SOORTEN,
  AFSPRAAK_TEXT_MAX,
  AFSPRAAK_TEXT_MIN,
  wijkSlug,
} from '../shared/domain/afspraak.js';
import type { FieldError } from '../shared/domain/errors.js';
import {
  MEDEDELING_LABELS,
  MEDEDELING_MESSAGES,
  MEDEDELING_SOORTEN,
  MEDEDELING_TEXT_MAX,
  MEDEDELING_TEXT_MIN,
} from '../shared/domain/mededeling.js';
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
import { WIJKEN } from '../shared/domain/wijken.js';
import { Alert } from './components/alert.js';
import { ChoiceGroup, firstChoiceAnchor } from './components/fieldset.js';
import { Button, PostForm } from './components/form.js';
import { type FieldContext, TextareaField } from './components/form-field.js';
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
  if (row.kind === 'mededeling') facts[1] = ['Soort bericht', escapeHtml(row.category)];
  if (row.kind === 'afspraak') facts[1] = ['Soort afspraak', escapeHtml(row.category)];
  const received = perspective === 'school' && (row.kind === 'mededeling' || row.kind === 'afspraak');
  if (perspective === 'partner' || received) facts.push(['Van', escapeHtml(row.from)]);
  if (dueText(row)) facts.push(['Termijn', escapeHtml(dueText(row))]);
  if (perspective === 'school' && !received) {
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
        ['mededeling', 'Berichten van de wijkagent'],
        ['afspraak', 'Afspraken in de wijk'],
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

export const MEDEDELING_ANCHORS: Record<string, string> = {
  school: 'school-',
  soort: firstChoiceAnchor('soort', MEDEDELING_SOORTEN),
  text: 'text',
};

/** The wijkagent's form (art. 7): which school, what kind of notice, a short text without names. */
export interface MededelingFormInput {
  schools: ReadonlyArray<Pick<Party, 'id' | 'name'>>;
  idempotencyKey: string;
  values?: Record<string, unknown>;
  errors?: readonly FieldError[];
  /** Set after a notice was sent: its reference and the school. */
  sent?: { id: string; to: string };
}

const MededelingSection = ({ token, input }: { token: string; input: MededelingFormInput }) => {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  const anchors = { ...MEDEDELING_ANCHORS, school: `school-${input.schools[0]?.id ?? ''}` };
  return (
    <section aria-labelledby="bericht-kop" data-mededeling>
      <h2 class="utrecht-heading-2" id="bericht-kop">
        De school vooraf iets laten weten (artikel 7)
      </h2>
      {input.sent ? (
        <Alert type="ok" role="status">
          <Paragraph data-mededeling-sent>
            Uw bericht {escapeHtml(input.sent.id)} is verstuurd aan {escapeHtml(input.sent.to)}. U ziet het
            hieronder in uw overzicht.
          </Paragraph>
        </Alert>
      ) : (
        ''
      )}
      <Paragraph>
        Een aangekondigde aanhouding, een controle van kluisjes of afgesproken surveillance: de school krijgt
        uw bericht per e-mail en ziet het in haar overzicht. Er hoeft geen melding aan vast te zitten.
      </Paragraph>
      {input.schools.length ? (
        <PostForm
          action={`/overzicht/${token}/mededeling`}
          name="mededeling"
          errors={ctx.errors}
          anchors={anchors}
          hidden={{ idempotencyKey: input.idempotencyKey }}
          button="Bericht versturen"
        >
          <ChoiceGroup
            ctx={ctx}
            name="school"
            legend="Aan welke school?"
            type="radio"
            choices={input.schools.map((s) => ({ value: s.id, label: s.name }))}
            rules={{ required: MEDEDELING_MESSAGES.school }}
          />
          <ChoiceGroup
            ctx={ctx}
            name="soort"
            legend="Wat voor bericht?"
            type="radio"
            choices={MEDEDELING_SOORTEN.map((s) => ({ value: s, label: MEDEDELING_LABELS[s] }))}
            rules={{ required: MEDEDELING_MESSAGES.soort }}
          />
          <TextareaField
            ctx={ctx}
            name="text"
            label="Uw bericht"
            hint={`Wanneer en wat de school moet weten. Zonder namen of andere persoonsgegevens (artikel 23). Minstens ${MEDEDELING_TEXT_MIN} en hoogstens ${MEDEDELING_TEXT_MAX.toLocaleString('nl-NL')} tekens.`}
            maxLength={MEDEDELING_TEXT_MAX}
            rules={{
              required: MEDEDELING_MESSAGES.textShort,
              minLength: [MEDEDELING_TEXT_MIN, MEDEDELING_MESSAGES.textShort],
            }}
          />
        </PostForm>
      ) : (
        <Paragraph>
          Er staat geen school in uw wijk in het adresboek. Neem contact op met de coördinator van het
          convenant bij de gemeente.
        </Paragraph>
      )}
    </section>
  );
};

export function partnerOverviewPage(input: {
  party: Party;
  token: string;
  rows: readonly OverviewRow[];
  filter: OverviewFilter;
  period: { from: string; to: string };
  filterError?: string;
  /** The wijkagent's notice form (art. 7); absent for other partners. */
  mededeling?: MededelingFormInput;
}): string {
  const failed = input.mededeling?.errors?.length;
  return page(
    <PageLayout
      title={`${failed ? 'Fout in bericht – ' : ''}Overzicht ${input.party.name}`}
      script={Boolean(input.mededeling)}
    >
      <Heading1>Overzicht {escapeHtml(input.party.name)}</Heading1>
      <Paragraph>
        Wat aan u (
        {escapeHtml(`${ROLES[input.party.role]}${input.party.wijk ? `, wijk ${input.party.wijk}` : ''}`)}) is
        gestuurd: wat nog open staat eerst, met de werkdagen die u nog hebt. De knoppen om te antwoorden staan
        bij elke regel.
      </Paragraph>
      {input.mededeling ? <MededelingSection token={input.token} input={input.mededeling} /> : ''}
      <Heading2>Wat aan u is gestuurd</Heading2>
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

export const AFSPRAAK_ANCHORS: Record<string, string> = {
  wijk: firstChoiceAnchor('wijk', WIJKEN.map(wijkSlug)),
  school: 'school-',
  soort: firstChoiceAnchor('soort', AFSPRAAK_SOORTEN),
  text: 'text',
};

/** The coordinator's form for an agreement per wijk or school (art. 20). */
export interface AfspraakFormInput {
  schools: ReadonlyArray<Pick<Party, 'id' | 'name' | 'wijk'>>;
  idempotencyKey: string;
  values?: Record<string, unknown>;
  errors?: readonly FieldError[];
  sent?: { id: string };
}

const AfspraakSection = ({ token, input }: { token: string; input: AfspraakFormInput }) => {
  const ctx: FieldContext = { values: input.values ?? {}, errors: input.errors ?? [] };
  return (
    <section aria-labelledby="afspraak-kop" data-afspraak>
      <h2 class="utrecht-heading-2" id="afspraak-kop">
        Afspraak per wijk of school vastleggen (artikel 20)
      </h2>
      {input.sent ? (
        <Alert type="ok" role="status">
          <Paragraph data-afspraak-sent>
            Afspraak {escapeHtml(input.sent.id)} is vastgelegd. De school of scholen, de wijkagent en de
            gebiedsmanager van de wijk krijgen bericht.
          </Paragraph>
        </Alert>
      ) : (
        ''
      )}
      <Paragraph>
        Bijvoorbeeld een jassencontrole, een fietsverlichtingsactie of een snoeproute-actie. De afspraak staat
        in de overzichten van wie het aangaat en in de evaluatie van de wijk.
      </Paragraph>
      <PostForm
        action={`/overzicht/${token}/afspraak`}
        name="afspraak"
        errors={ctx.errors}
        anchors={AFSPRAAK_ANCHORS}
        hidden={{ idempotencyKey: input.idempotencyKey }}
        button="Afspraak vastleggen"
      >
        <ChoiceGroup
          ctx={ctx}
          name="wijk"
          legend="Wijk"
          type="radio"
          choices={WIJKEN.map((w) => ({ value: wijkSlug(w), label: w }))}
          rules={{ required: AFSPRAAK_MESSAGES.wijk }}
        />
        <ChoiceGroup
          ctx={ctx}
          name="school"
          legend="Voor welke school?"
          hint="Een school uit de gekozen wijk, of alle scholen in die wijk."
          type="radio"
          choices={[
            { value: '', label: 'Alle scholen in de wijk' },
            ...input.schools.map((s) => ({ value: s.id, label: `${s.name} (wijk ${s.wijk})` })),
          ]}
        />
        <ChoiceGroup
          ctx={ctx}
          name="soort"
          legend="Wat voor afspraak?"
          type="radio"
          choices={AFSPRAAK_SOORTEN.map((s) => ({ value: s, label: AFSPRAAK_LABELS[s] }))}
          rules={{ required: AFSPRAAK_MESSAGES.soort }}
        />
        <TextareaField
          ctx={ctx}
          name="text"
          label="Wat is afgesproken"
          hint={`Wie wat doet en wanneer. Zonder namen of andere persoonsgegevens (artikel 23). Minstens ${AFSPRAAK_TEXT_MIN} en hoogstens ${AFSPRAAK_TEXT_MAX.toLocaleString('nl-NL')} tekens.`}
          maxLength={AFSPRAAK_TEXT_MAX}
          rules={{
            required: AFSPRAAK_MESSAGES.textShort,
            minLength: [AFSPRAAK_TEXT_MIN, AFSPRAAK_MESSAGES.textShort],
          }}
        />
      </PostForm>
    </section>
  );
};

const AgreementsList = ({ wijken }: { wijken: readonly WijkGlance[] }) => {
  const withAgreements = wijken.filter((w) => w.afspraken.length);
  return withAgreements.length ? (
    <UnorderedList data-afspraken>
      {withAgreements.flatMap((w) =>
        w.afspraken.map((a) => (
          <ListItem data-afspraak-row={escapeHtml(a.id)}>
            <strong>{escapeHtml(`${w.wijk}, ${a.voor}:`)}</strong>{' '}
            {escapeHtml(`${a.soort} (${formatDutchDate(a.createdAt.slice(0, 10))}).`)}{' '}
            <span class="app-pre">{escapeHtml(a.text)}</span>
          </ListItem>
        )),
      )}
    </UnorderedList>
  ) : (
    <Paragraph data-afspraken>Nog geen afspraken vastgelegd.</Paragraph>
  );
};

export function coordinatorOverviewPage(input: {
  party: Party;
  token: string;
  overview: CoordinatorOverview;
  /** The agreement form (art. 20). */
  afspraak?: AfspraakFormInput;
}): string {
  const o = input.overview;
  return page(
    <PageLayout
      title={`${input.afspraak?.errors?.length ? 'Fout in afspraak – ' : ''}Overzicht convenant`}
      script={Boolean(input.afspraak)}
    >
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
      <Heading2>Afspraken per wijk en per school (artikel 20)</Heading2>
      <AgreementsList wijken={o.wijken} />
      {input.afspraak ? <AfspraakSection token={input.token} input={input.afspraak} /> : ''}
      <Heading2>Aangekondigde beëindigingen zonder uitkomst</Heading2>
      {o.terminations.length ? (
        <UnorderedList data-terminations>
          {o.terminations.map((t) => (
            <ListItem>
              {escapeHtml(
                `${t.party}, aangekondigd op ${formatDutchDateTime(new Date(t.createdAt))} (${t.id}). `,
              )}
              {t.meeting ? (
                <span data-meeting>{escapeHtml(`Overleg gepland op ${t.meeting}. `)}</span>
              ) : (
                <span data-meeting>Nog geen datum voor het overleg. </span>
              )}
              {t.actions.map((a, i) => (
                <>
                  {i ? ' · ' : ''}
                  <Link href={escapeHtml(a.href)}>{escapeHtml(a.label)}</Link>
                </>
              ))}
            </ListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph data-terminations>Geen.</Paragraph>
      )}
      <Heading2>Jaarlijkse taken van de scholen</Heading2>
      {o.schoolDuties.length ? (
        <UnorderedList data-duties>
          {o.schoolDuties.map((d) => (
            <ListItem data-duty={escapeHtml(`${d.duty}-${d.year}`)}>
              {escapeHtml(d.label)}:{' '}
              <strong>
                {d.done} van {d.asked}
              </strong>{' '}
              scholen hebben laten weten dat het gedaan is.
              {d.notDone.length ? escapeHtml(` Nog niet: ${d.notDone.join(', ')}.`) : ''}
            </ListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph data-duties>Er is dit jaar en vorig jaar nog geen herinnering verstuurd.</Paragraph>
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
