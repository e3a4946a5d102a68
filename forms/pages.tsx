import type { SubmissionEvent } from '../shared/domain/actions.js';
import {
  describeEvent,
  gapText,
  recipientLabel,
  submissionFacts,
  withArticle,
} from '../shared/domain/emails.js';
import type { Submission } from '../shared/domain/submission.js';
import { formatDutchDateTime } from '../shared/domain/time.js';
import { Alert } from './components/alert.js';
import { Button, PrintButton } from './components/form.js';
import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import {
  Heading1,
  Heading2,
  Heading3,
  Link,
  ListItem,
  OrderedList,
  OrderedListItem,
  Paragraph,
  UnorderedList,
} from './components/typography.js';

export function indexPage(): string {
  return page(
    <PageLayout title="Formulieren">
      <Heading1>Veilig in en om school</Heading1>
      <Paragraph>
        Met deze formulieren voeren de scholen en partners in Utrecht de afspraken uit het convenant "Veilig
        in en om school" uit. Iedere organisatie heeft een eigen link met een sleutel. Open het formulier via
        die link.
      </Paragraph>
      <UnorderedList>
        <ListItem>
          <strong>Melding</strong> (scholen): een strafbaar feit, een onveilige situatie, overlast in de
          omgeving of een zorgsignaal.
        </ListItem>
        <ListItem>
          <strong>Voorlichting aanvragen</strong> (scholen): bij Halt, de politie, JoU of de GGD.
        </ListItem>
        <ListItem>
          <strong>Deelname beëindigen</strong> (alle partijen): het schriftelijke voornemen van artikel 22.
        </ListItem>
      </UnorderedList>
      <Paragraph>
        Geen link? Vraag de contactpersoon van uw school of de gebiedsmanager veiligheid van uw wijk.
      </Paragraph>
      <Paragraph>
        <strong>Bij direct gevaar: bel 112.</strong> Vermoeden van huiselijk geweld of kindermishandeling:
        Veilig Thuis, 0800-2000.
      </Paragraph>
    </PageLayout>,
  );
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

const WhoWasTold = ({ submission }: { submission: Submission }) => {
  const { recipients } = submission;
  if (submission.kind === 'beeindiging') {
    // Everyone gets it for the same reason: say it once, then the names.
    return (
      <>
        <Paragraph data-recipients>
          Alle {recipients.length} andere partijen van het convenant kregen uw voornemen, omdat een partij dat
          schriftelijk aan alle partijen laat weten (artikel 22a). De gemeente organiseert daarna overleg
          (artikel 22b).
        </Paragraph>
        <details>
          <summary>De {recipients.length} partijen</summary>
          <UnorderedList>
            {recipients.map((r) => (
              <ListItem>{escapeHtml(recipientLabel(r))}</ListItem>
            ))}
          </UnorderedList>
        </details>
      </>
    );
  }
  return (
    <UnorderedList data-recipients>
      {recipients.map((r) => (
        <ListItem>
          <strong>{escapeHtml(recipientLabel(r))}</strong>: {escapeHtml(withArticle(r.reason, r.article))}
        </ListItem>
      ))}
    </UnorderedList>
  );
};

/** What happened to a submission so far, oldest first. */
export const History = ({ events }: { events: readonly SubmissionEvent[] }) => (
  <OrderedList data-history>
    {events.map((e) => (
      <OrderedListItem>
        {escapeHtml(formatDutchDateTime(new Date(e.at)))}: {escapeHtml(describeEvent(e).join(' '))}
      </OrderedListItem>
    ))}
  </OrderedList>
);

/** The facts of a submission as a description list. */
export const Facts = ({ submission }: { submission: Submission }) => (
  <dl class="app-facts">
    {submissionFacts(submission).map(([k, v]) => (
      <>
        <dt>{escapeHtml(k)}</dt>
        <dd>{escapeHtml(v)}</dd>
      </>
    ))}
  </dl>
);

/** The free text of a submission under its own heading, kept as typed (line breaks and all). */
export const FreeText = ({
  submission,
  remarksTitle = 'Opmerkingen',
}: {
  submission: Submission;
  remarksTitle?: string;
}) => {
  const block = (title: string, text: string) => (
    <>
      <Heading3>{escapeHtml(title)}</Heading3>
      <Paragraph class="app-pre">{escapeHtml(text)}</Paragraph>
    </>
  );
  switch (submission.kind) {
    case 'melding':
      return block('Wat er gebeurde', submission.melding.description);
    case 'beeindiging':
      return block('Toelichting', submission.beeindiging.reason);
    case 'voorlichting':
      return submission.voorlichting.remarks ? block(remarksTitle, submission.voorlichting.remarks) : '';
    case 'mededeling':
      return block('Bericht', submission.mededeling.text);
    case 'afspraak':
      return block('Afspraak', submission.afspraak.text);
  }
};

/** The confirmation the school can keep: what was sent, who was told and why, the status, print and a copy by email. */
export function confirmationPage(input: ConfirmationInput): string {
  const { submission } = input;
  const [title, noun, again] = CONFIRMATION_NOUNS[submission.kind];
  return page(
    <PageLayout title={`${title} ontvangen (${submission.id})`} script>
      <Heading1>Uw {noun} is ontvangen</Heading1>
      <Alert type="ok" role="status">
        <Paragraph>
          Referentie: <strong data-reference>{escapeHtml(submission.id)}</strong>
        </Paragraph>
        <Paragraph>
          Ontvangen op {escapeHtml(formatDutchDateTime(new Date(submission.createdAt)))}. U krijgt ook een
          bevestiging per e-mail.
        </Paragraph>
      </Alert>
      {input.copySent ? (
        <Alert type="info" role="status">
          <Paragraph>Een kopie is onderweg naar {escapeHtml(input.copyTo)}.</Paragraph>
        </Alert>
      ) : (
        ''
      )}
      <Heading2>Status</Heading2>
      <Paragraph>
        Nu: <strong data-status-label>{escapeHtml(input.status)}</strong>
      </Paragraph>
      {input.events.length ? <History events={input.events} /> : ''}
      <Paragraph>
        De bevestiging per e-mail heeft een link naar deze status. Via die link ziet u later wie heeft
        geantwoord. Geen e-mail gekregen? Vraag hieronder een kopie.
      </Paragraph>
      <Heading2>Wie kreeg bericht en waarom</Heading2>
      <WhoWasTold submission={submission} />
      {submission.gaps.length ? (
        <Alert type="warning">
          {submission.gaps.map((g) => (
            <Paragraph>{escapeHtml(gapText(g))}</Paragraph>
          ))}
        </Alert>
      ) : (
        ''
      )}
      <Heading2>Wat u heeft gestuurd</Heading2>
      <Facts submission={submission} />
      <FreeText submission={submission} />
      <div class="app-no-print app-stack">
        <Heading2>Bewaren</Heading2>
        <Paragraph>
          <PrintButton>Afdrukken of bewaren als pdf</PrintButton>
        </Paragraph>
        <form method="post" action={escapeHtml(input.copyAction)} class="app-stack">
          <Paragraph>
            Een kopie gaat alleen naar het e-mailadres van uw school in het adresboek:{' '}
            {escapeHtml(input.copyTo)}.
          </Paragraph>
          <Button type="submit" appearance="secondary-action">
            Mail mij een kopie
          </Button>
        </form>
        <Paragraph>
          <Link href={escapeHtml(input.newFormHref)}>{again}</Link>
        </Paragraph>
      </div>
    </PageLayout>,
  );
}
