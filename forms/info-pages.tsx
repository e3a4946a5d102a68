import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Heading1, Heading2, Link, ListItem, Paragraph, UnorderedList } from './components/typography.js';

/** The first thing to do in danger, on every form and error page. */
export const Call112 = () => (
  <Paragraph>
    <strong>Bij direct gevaar: bel 112.</strong>
  </Paragraph>
);

/** Veilig Thuis, the number for domestic violence and child abuse, as a link a phone can call. */
export const CallVeiligThuis = () => (
  <>
    Bel Veilig Thuis: <Link href="tel:08002000">0800-2000</Link> (gratis, dag en nacht).
  </>
);

/** The privacy statement of this service: what it keeps, why, how long, and what it never asks. */
export function privacyPage(): string {
  return page(
    <PageLayout title="Privacyverklaring">
      <Heading1>Privacyverklaring</Heading1>
      <Paragraph>
        Met deze dienst voeren scholen en partners in Utrecht de afspraken uit het convenant "Veilig in en om
        school" uit. De gemeente Utrecht beheert de dienst.
      </Paragraph>
      <Heading2>Geen persoonsgegevens van leerlingen</Heading2>
      <Paragraph>
        In het convenant staat dat partijen geen persoonsgegevens uitwisselen (artikel 23). Daarom vragen de
        formulieren nooit om namen, adressen, telefoonnummers of geboortedata. Vult u die toch in bij een vrij
        tekstveld, dan weigert de dienst het formulier en zegt welk veld u moet aanpassen.
      </Paragraph>
      <Heading2>Wat de dienst wel bewaart</Heading2>
      <UnorderedList>
        <ListItem>
          Per organisatie: de naam, de rol in het convenant, de wijk en het e-mailadres van de contactpersoon.
          Die gegevens komen uit het adresboek van de gemeente.
        </ListItem>
        <ListItem>
          Per melding of aanvraag: wat er is ingevuld, wanneer, en wie het bericht kreeg en antwoordde.
        </ListItem>
        <ListItem>Technische logboeken zonder de inhoud van formulieren, om storingen te vinden.</ListItem>
      </UnorderedList>
      <Heading2>Hoe lang</Heading2>
      <Paragraph>
        Meldingen, aanvragen en antwoorden worden na twee jaar automatisch verwijderd. Verzonden e-mails staan
        90 dagen in de wachtrij van de dienst.
      </Paragraph>
      <Heading2>Uw rechten</Heading2>
      <Paragraph>
        Wilt u weten welke gegevens over u als contactpersoon zijn opgeslagen, of wilt u ze laten aanpassen?
        Neem contact op met de gebiedsmanager veiligheid van uw wijk, of met de functionaris
        gegevensbescherming van de gemeente Utrecht via 14 030.
      </Paragraph>
    </PageLayout>,
  );
}

/** Who to ask for what: this service has no help desk of its own, the covenant names the contacts. */
export function contactPage(): string {
  return page(
    <PageLayout title="Contact">
      <Heading1>Contact</Heading1>
      <Call112 />
      <Paragraph>
        Zorgen over huiselijk geweld of kindermishandeling? <CallVeiligThuis />
      </Paragraph>
      <Heading2>Vragen over een melding of aanvraag</Heading2>
      <Paragraph>
        Vermeld altijd de referentie uit de bevestiging, bijvoorbeeld M-2026-0042. Met die referentie kan de
        ontvanger uw melding terugvinden. Stuur geen namen van leerlingen mee.
      </Paragraph>
      <UnorderedList>
        <ListItem>
          Over een melding: de wijkagent van de wijk van uw school. Het e-mailadres staat in de bevestiging.
        </ListItem>
        <ListItem>Over voorlichting: de aanbieder die u koos (Halt, de politie, JoU of de GGD).</ListItem>
        <ListItem>Over het convenant zelf: de gebiedsmanager veiligheid van uw wijk.</ListItem>
      </UnorderedList>
      <Heading2>De link of sleutel werkt niet</Heading2>
      <Paragraph>
        Vraag de contactpersoon van uw organisatie om de juiste link, of de gebiedsmanager veiligheid van uw
        wijk. Zij kunnen een nieuwe link laten maken.
      </Paragraph>
      <Heading2>Algemeen</Heading2>
      <Paragraph>Gemeente Utrecht, telefoon 14 030 (op werkdagen van 8.00 tot 18.00 uur).</Paragraph>
    </PageLayout>,
  );
}

/** The accessibility statement: the standard, how it is tested, what is known not to work. */
export function accessibilityPage(): string {
  return page(
    <PageLayout title="Toegankelijkheidsverklaring">
      <Heading1>Toegankelijkheidsverklaring</Heading1>
      <Paragraph>
        De gemeente Utrecht wil dat iedereen deze dienst kan gebruiken, ook met een schermlezer, alleen een
        toetsenbord of een vergroting van de tekst.
      </Paragraph>
      <Heading2>Welke norm</Heading2>
      <Paragraph>
        De dienst moet voldoen aan de Europese norm EN 301 549 en de richtlijnen WCAG 2.1 op niveau A en AA,
        zoals de wet voorschrijft voor overheidswebsites.
      </Paragraph>
      <Heading2>Hoe wij dat controleren</Heading2>
      <UnorderedList>
        <ListItem>
          De pagina’s zijn gebouwd met de onderdelen van het NL Design System van de gemeente Utrecht.
        </ListItem>
        <ListItem>
          Bij elke wijziging controleert een automatische test iedere pagina met axe op WCAG 2.1 A en AA, op
          een telefoon (375 pixels breed) en op een groot scherm (1280 pixels).
        </ListItem>
        <ListItem>Alle formulieren werken ook zonder JavaScript en met alleen het toetsenbord.</ListItem>
      </UnorderedList>
      <Heading2>Wat nog niet goed is</Heading2>
      <UnorderedList>
        <ListItem>
          De grafieken in het wijkrapport zijn plaatjes met een beschrijving. Dezelfde cijfers staan ook in
          tabellen en in het CSV-bestand.
        </ListItem>
        <ListItem>Er is nog geen onderzoek gedaan door een externe, onafhankelijke partij.</ListItem>
      </UnorderedList>
      <Heading2>Werkt iets niet?</Heading2>
      <Paragraph>
        Laat het weten aan de gebiedsmanager veiligheid van uw wijk of bel 14 030. Vertel op welke pagina het
        was en wat er misging. U krijgt binnen vijf werkdagen antwoord.
      </Paragraph>
    </PageLayout>,
  );
}

/** The page for an address that does not exist, in the same layout as every page. */
export function notFoundPage(
  text = 'Deze pagina bestaat niet. Misschien is de link niet compleet of is de pagina verhuisd.',
): string {
  return page(
    <PageLayout title="Pagina niet gevonden">
      <Heading1>Pagina niet gevonden</Heading1>
      <Paragraph>{escapeHtml(text)}</Paragraph>
      <Paragraph>
        Kwam u via een link in een e-mail? Kopieer dan de hele link, ook het deel na het vraagteken. Of ga
        naar de <Link href="/">startpagina</Link>.
      </Paragraph>
    </PageLayout>,
  );
}

/** A server error or an unavailable store: what happened, that nothing was sent twice, what to do. */
export function serverErrorPage(kind: 'error' | 'unavailable'): string {
  const title = kind === 'unavailable' ? 'Tijdelijk niet bereikbaar' : 'Er ging iets mis';
  return page(
    <PageLayout title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {kind === 'unavailable'
          ? 'De dienst is even niet bereikbaar. Probeer het over een paar minuten opnieuw.'
          : 'Er ging aan onze kant iets mis. De beheerder is gewaarschuwd. Probeer het later opnieuw.'}
      </Paragraph>
      <Paragraph>
        Had u een formulier verstuurd? Ga dan terug en verstuur het opnieuw. Het wordt niet twee keer
        verstuurd.
      </Paragraph>
      <Call112 />
    </PageLayout>,
  );
}
