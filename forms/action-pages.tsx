import {
  AFDOENING_LABELS,
  AFDOENING_RESULTS,
  ANSWER_CHOICES,
  ANSWERS,
  HANDLING_LABELS,
  HANDLINGS,
} from '../shared/domain/actions.js';
import { OUTCOME_LABELS, OUTCOMES } from '../shared/domain/beeindiging.js';
import { recipientLabel, submissionWhat } from '../shared/domain/emails.js';
import type { FieldError } from '../shared/domain/errors.js';
import {
  LINK_PROBLEM_MESSAGES,
  LINK_USED_MESSAGE,
  type LinkContext,
  type LinkProblem,
} from '../shared/domain/links.js';
import { describeMeeting, MEETING_MESSAGES, PLACE_MAX, plannedMeeting } from '../shared/domain/overleg.js';
import { submitterOf } from '../shared/domain/submission.js';
import { formatDutchInputDate } from '../shared/domain/time.js';
import { Alert } from './components/alert.js';
import { ChoiceGroup, firstChoiceAnchor } from './components/fieldset.js';
import { LinkAnswerForm } from './components/form.js';
import {
  DateField,
  type ExampleDates,
  type FieldContext,
  type FormValues,
  listValue,
  TextareaField,
  TextboxField,
} from './components/form-field.js';
import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Heading1, Heading2, Link, ListItem, Paragraph, UnorderedList } from './components/typography.js';
import { Facts, FreeText, History } from './pages.js';

const TITLES = {
  gezien: 'Melding gezien',
  terugkoppeling: 'Terugkoppeling aan de school',
  afdoening: 'Halt-afdoening afgerond',
  'voorlichting-antwoord': 'Aanvraag voorlichting beantwoorden',
  'beeindiging-uitkomst': 'Uitkomst van het overleg over beëindiging',
  'overleg-plannen': 'Overleg over beëindiging plannen',
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
  time: 'time',
  place: 'place',
};

const Summary = ({ context }: { context: LinkContext }) => (
  <>
    <Heading2>Waar het over gaat</Heading2>
    <Facts submission={context.submission} />
    <FreeText submission={context.submission} remarksTitle="Opmerkingen van de school" />
  </>
);

const Answers = ({ context }: { context: LinkContext }) => (
  <>
    <Heading2>Wie kreeg bericht</Heading2>
    <UnorderedList>
      {context.submission.recipients.map((r) => (
        <ListItem>{escapeHtml(recipientLabel(r))}</ListItem>
      ))}
    </UnorderedList>
    <Heading2>Antwoorden</Heading2>
    {context.events.length ? (
      <History events={context.events} />
    ) : (
      <Paragraph data-history>Nog geen antwoorden.</Paragraph>
    )}
  </>
);

/** Three optional other dates: the first carries the group's error and hint. */
const ProposedDates = ({ ctx, exampleDate }: { ctx: FieldContext; exampleDate: string }) => {
  const dates = listValue(ctx.values, 'proposedDates');
  return (
    <div data-field="proposedDates">
      {[1, 2, 3].map((n) => (
        <TextboxField
          ctx={{ values: {}, errors: n === 1 ? ctx.errors.filter((e) => e.path === 'proposedDates') : [] }}
          name="proposedDates"
          id={`proposedDates-${n}`}
          label={`Andere datum ${n}${n > 1 ? ' (niet verplicht)' : ''}`}
          hint={
            n === 1 ? `Alleen bij een ander voorstel: werkdagen, bijvoorbeeld ${exampleDate}.` : undefined
          }
          preview
          value={dates[n - 1] ?? ''}
        />
      ))}
    </div>
  );
};

type AnswerAction = Exclude<LinkContext['claims']['a'], 'status'>;

const BUTTONS: Record<AnswerAction, string> = {
  gezien: 'Ik heb de melding gezien',
  terugkoppeling: 'Terugkoppeling versturen',
  afdoening: 'Afronding melden',
  'voorlichting-antwoord': 'Antwoord versturen',
  'beeindiging-uitkomst': 'Uitkomst vastleggen',
  'overleg-plannen': 'Uitnodiging versturen',
};

/** The fields of each answer form. */
const ANSWER_FIELDS: Record<AnswerAction, (ctx: FieldContext, examples: ExampleDates) => JSX.Element> = {
  gezien: () => <Paragraph>Laat de school weten dat u deze melding heeft gezien.</Paragraph>,
  terugkoppeling: (ctx) => (
    <>
      <ChoiceGroup
        ctx={ctx}
        name="handling"
        legend="Hoe wordt de melding opgepakt?"
        type="radio"
        choices={HANDLINGS.map((h) => ({ value: h, label: HANDLING_LABELS[h] }))}
      />
      <TextareaField
        ctx={ctx}
        name="text"
        label="Korte toelichting voor de school"
        hint="Zonder namen of andere persoonsgegevens (artikel 23). Hoogstens 500 tekens."
        maxLength={500}
      />
    </>
  ),
  afdoening: (ctx, { past: exampleDate }) => (
    <>
      <ChoiceGroup
        ctx={ctx}
        name="result"
        legend="Hoe is de afdoening afgelopen?"
        type="radio"
        choices={AFDOENING_RESULTS.map((r) => ({ value: r, label: AFDOENING_LABELS[r] }))}
      />
      <DateField
        ctx={ctx}
        name="completedOn"
        label="Afgerond op"
        example={exampleDate}
        hint={`Datum, bijvoorbeeld ${exampleDate}.`}
      />
      <TextboxField
        ctx={ctx}
        name="reference"
        label="Referentie van Halt (niet verplicht)"
        hint="Alleen uw dossiernummer: letters, cijfers, - of /. Geen namen."
      />
    </>
  ),
  'voorlichting-antwoord': (ctx, { future: exampleDate }) => (
    <>
      <ChoiceGroup
        ctx={ctx}
        name="answer"
        legend="Uw antwoord"
        type="radio"
        choices={ANSWERS.map((x) => ({ value: x, label: ANSWER_CHOICES[x] }))}
      />
      <TextboxField
        ctx={ctx}
        name="plannedAt"
        label="Datum en tijd van de les"
        hint={`Alleen bij accepteren, bijvoorbeeld ${exampleDate} 10:00.`}
        dataField="plannedAt"
        preview
      />
      <ProposedDates ctx={ctx} exampleDate={exampleDate} />
      <TextareaField
        ctx={ctx}
        name="reason"
        label="Reden"
        hint="Alleen bij afwijzen. Zonder persoonsgegevens."
        maxLength={500}
        dataField="reason"
      />
    </>
  ),
  'beeindiging-uitkomst': (ctx, { past: exampleDate }) => (
    <>
      <ChoiceGroup
        ctx={ctx}
        name="outcome"
        legend="Uitkomst van het overleg (artikel 22b)"
        hint="Bij bevestigen eindigt de deelname op de eerste dag van de eerstvolgende zomervakantie voor het voortgezet onderwijs (artikel 22c)."
        type="radio"
        choices={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
      />
      <DateField ctx={ctx} name="meetingOn" label="Datum van het overleg" example={exampleDate} />
    </>
  ),
  'overleg-plannen': (ctx, { future: exampleDate }) => (
    <>
      <Paragraph>
        Alle partijen van het convenant krijgen een uitnodiging met deze datum (artikel 22b). Verandert de
        datum later? Gebruik dan weer deze link: iedereen krijgt dan bericht van de nieuwe datum.
      </Paragraph>
      <DateField
        ctx={ctx}
        name="meetingOn"
        label="Datum van het overleg"
        example={exampleDate}
        hint={`Een werkdag na vandaag, niet in een schoolvakantie van regio Midden. Bijvoorbeeld ${exampleDate}.`}
      />
      <TextboxField ctx={ctx} name="time" label="Tijd (niet verplicht)" hint="Bijvoorbeeld 14:00." />
      <TextboxField
        ctx={ctx}
        name="place"
        label="Plaats (niet verplicht)"
        hint={`Bijvoorbeeld: stadhuis, zaal 2, of online. Geen namen van personen (artikel 23). Hoogstens ${PLACE_MAX} tekens.`}
      />
    </>
  ),
};

/** "2026-11-10" → "10-11-2026": a stored date as the form shows it. */

/** What the form shows before anything was typed: the meeting as planned, where there is one. */
function defaultValues(context: LinkContext): FormValues {
  const meeting = plannedMeeting(context.events);
  if (!meeting) return {};
  if (context.claims.a === 'overleg-plannen')
    return {
      meetingOn: formatDutchInputDate(meeting.meetingOn),
      time: meeting.time ?? '',
      place: meeting.place ?? '',
    };
  if (context.claims.a === 'beeindiging-uitkomst')
    return { meetingOn: formatDutchInputDate(meeting.meetingOn) };
  return {};
}

const AnswerForm = ({
  action,
  ctx,
  token,
  exampleDate,
}: {
  action: AnswerAction;
  ctx: FieldContext;
  token: string;
  exampleDate: ExampleDates;
}) => (
  <LinkAnswerForm
    token={token}
    name={action}
    errors={ctx.errors}
    anchors={ACTION_ANCHORS}
    button={BUTTONS[action]}
  >
    {ANSWER_FIELDS[action](ctx, exampleDate)}
  </LinkAnswerForm>
);

export interface ActionPageInput {
  context: LinkContext;
  token: string;
  values?: FormValues;
  errors?: FieldError[];
  exampleDate: ExampleDates;
}

/** What a partner sees behind a link: what it is about, what happened so far, and the answer form. */
export function actionPage(input: ActionPageInput): string {
  const { context } = input;
  const ctx: FieldContext = { values: input.values ?? defaultValues(context), errors: input.errors ?? [] };
  const meeting = context.submission.kind === 'beeindiging' ? plannedMeeting(context.events) : undefined;
  const isStatus = context.claims.a === 'status';
  const from = submitterOf(context.submission);
  const title = TITLES[context.claims.a];
  return page(
    <PageLayout title={title} script={!isStatus && !context.usedAt}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {isStatus ? 'Uw' : 'De'} {escapeHtml(submissionWhat(context.submission))} van {escapeHtml(from.name)}
        {from.wijk ? escapeHtml(` (wijk ${from.wijk})`) : ''}.
      </Paragraph>
      <Alert type="info" role="status">
        <Paragraph>
          Status: <strong data-status-label>{escapeHtml(context.status)}</strong>
        </Paragraph>
      </Alert>
      {meeting && !isStatus ? (
        <Paragraph data-meeting>
          Het overleg staat gepland op <strong>{escapeHtml(describeMeeting(meeting))}</strong>.
        </Paragraph>
      ) : (
        ''
      )}
      {context.claims.a === 'status' ? (
        ''
      ) : context.usedAt ? (
        <Alert type="ok" role="status">
          <Paragraph>{escapeHtml(LINK_USED_MESSAGE)}</Paragraph>
        </Alert>
      ) : context.claims.a === 'overleg-plannen' &&
        context.events.some((e) => e.action === 'beeindiging-uitkomst') ? (
        <Alert type="ok" role="status">
          <Paragraph>{escapeHtml(MEETING_MESSAGES.closed)}</Paragraph>
        </Alert>
      ) : (
        <AnswerForm action={context.claims.a} ctx={ctx} token={input.token} exampleDate={input.exampleDate} />
      )}
      <Summary context={context} />
      <Answers context={context} />
    </PageLayout>,
  );
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
  return page(
    <PageLayout title="Antwoord ontvangen">
      <Heading1>Dank u, uw antwoord is ontvangen</Heading1>
      <Alert type="ok" role="status">
        <Paragraph>
          {toAll ? 'Alle partijen krijgen' : escapeHtml(`${school} krijgt`)} uw antwoord per e-mail. Status
          nu: <strong data-status-label>{escapeHtml(status)}</strong>.
        </Paragraph>
      </Alert>
      <Heading2>Wat nu?</Heading2>
      <UnorderedList>
        {context.claims.a === 'overleg-plannen' ? (
          <ListItem>
            Verandert de datum? Gebruik dezelfde link: <Link href={escapeHtml(linkHref)}>datum wijzigen</Link>
            . Alle partijen krijgen dan bericht van de nieuwe datum. Na het overleg legt u de uitkomst vast.
          </ListItem>
        ) : linkStillOpen ? (
          <ListItem>
            Is er later nieuws? Geef dan een update via dezelfde link:{' '}
            <Link href={escapeHtml(linkHref)}>update geven</Link>. Bewaar de e-mail met de link.
          </ListItem>
        ) : (
          <ListItem>
            Via dezelfde link ziet u later de status en de antwoorden:{' '}
            <Link href={escapeHtml(linkHref)}>status bekijken</Link>.
          </ListItem>
        )}
        {toAll ? (
          ''
        ) : (
          <ListItem>
            Wilt u overleggen met de school? De e-mail met de melding noemt de contactpersoon. Antwoorden op
            die e-mail kan ook.
          </ListItem>
        )}
        <ListItem>
          Noem bij vragen de referentie <strong>{escapeHtml(context.submission.id)}</strong>.
        </ListItem>
      </UnorderedList>
      <Paragraph>
        <Link href="/">Naar de startpagina</Link>
      </Paragraph>
    </PageLayout>,
  );
}

export function linkProblemPage(problem: LinkProblem | 'used'): string {
  const title =
    problem === 'expired'
      ? 'Deze link is verlopen'
      : problem === 'used'
        ? 'Deze link is al gebruikt'
        : 'Deze link werkt niet';
  return page(
    <PageLayout title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {escapeHtml(problem === 'used' ? LINK_USED_MESSAGE : LINK_PROBLEM_MESSAGES[problem])}
      </Paragraph>
      <Paragraph>Er is niets veranderd.</Paragraph>
    </PageLayout>,
  );
}
