import { html, type SafeHtml } from '../shared/domain/html.js';
import { page } from './layout.js';

const p = (text: string | SafeHtml) => html`<p class="utrecht-paragraph">${text}</p>`;
const h2 = (text: string) => html`<h2 class="utrecht-heading-2">${text}</h2>`;
const list = (items: Array<string | SafeHtml>) =>
  html`<ul class="utrecht-unordered-list">${items.map((i) => html`<li class="utrecht-unordered-list__item">${i}</li>`)}</ul>`;

/** The privacy statement of this service: what it keeps, why, how long, and what it never asks. */
export function privacyPage(): string {
  return page({
    title: 'Privacyverklaring',
    body: html`<h1 class="utrecht-heading-1">Privacyverklaring</h1>
${p('Met deze dienst voeren scholen en partners in Utrecht de afspraken uit het convenant "Veilig in en om school" uit. De gemeente Utrecht beheert de dienst.')}
${h2('Geen persoonsgegevens van leerlingen')}
${p('In het convenant staat dat partijen geen persoonsgegevens uitwisselen (artikel 23). Daarom vragen de formulieren nooit om namen, adressen, telefoonnummers of geboortedata. Vult u die toch in bij een vrij tekstveld, dan weigert de dienst het formulier en zegt welk veld u moet aanpassen.')}
${h2('Wat de dienst wel bewaart')}
${list([
  'Per organisatie: de naam, de rol in het convenant, de wijk en het e-mailadres van de contactpersoon. Die gegevens komen uit het adresboek van de gemeente.',
  'Per melding of aanvraag: wat er is ingevuld, wanneer, en wie het bericht kreeg en antwoordde.',
  'Technische logboeken zonder de inhoud van formulieren, om storingen te vinden.',
])}
${h2('Hoe lang')}
${p('Meldingen, aanvragen en antwoorden worden na twee jaar automatisch verwijderd. Verzonden e-mails staan 90 dagen in de wachtrij van de dienst.')}
${h2('Uw rechten')}
${p('Wilt u weten welke gegevens over u als contactpersoon zijn opgeslagen, of wilt u ze laten aanpassen? Neem contact op met de gebiedsmanager veiligheid van uw wijk, of met de functionaris gegevensbescherming van de gemeente Utrecht via 14 030.')}`,
  });
}

/** Who to ask for what: this service has no help desk of its own, the covenant names the contacts. */
export function contactPage(): string {
  return page({
    title: 'Contact',
    body: html`<h1 class="utrecht-heading-1">Contact</h1>
${p(html`<strong>Bij direct gevaar: bel 112.</strong>`)}
${p(html`Zorgen over huiselijk geweld of kindermishandeling? Bel Veilig Thuis: <a class="utrecht-link" href="tel:08002000">0800-2000</a> (gratis, dag en nacht).`)}
${h2('Vragen over een melding of aanvraag')}
${p('Vermeld altijd de referentie uit de bevestiging, bijvoorbeeld M-2026-0042. Met die referentie kan de ontvanger uw melding terugvinden. Stuur geen namen van leerlingen mee.')}
${list([
  'Over een melding: de wijkagent van de wijk van uw school. Het e-mailadres staat in de bevestiging.',
  'Over voorlichting: de aanbieder die u koos (Halt, de politie, JoU of de GGD).',
  'Over het convenant zelf: de gebiedsmanager veiligheid van uw wijk.',
])}
${h2('De link of sleutel werkt niet')}
${p('Vraag de contactpersoon van uw organisatie om de juiste link, of de gebiedsmanager veiligheid van uw wijk. Zij kunnen een nieuwe link laten maken.')}
${h2('Algemeen')}
${p('Gemeente Utrecht, telefoon 14 030 (op werkdagen van 8.00 tot 18.00 uur).')}`,
  });
}

/** The accessibility statement: the standard, how it is tested, what is known not to work. */
export function accessibilityPage(): string {
  return page({
    title: 'Toegankelijkheidsverklaring',
    body: html`<h1 class="utrecht-heading-1">Toegankelijkheidsverklaring</h1>
${p('De gemeente Utrecht wil dat iedereen deze dienst kan gebruiken, ook met een schermlezer, alleen een toetsenbord of een vergroting van de tekst.')}
${h2('Welke norm')}
${p('De dienst moet voldoen aan de Europese norm EN 301 549 en de richtlijnen WCAG 2.1 op niveau A en AA, zoals de wet voorschrijft voor overheidswebsites.')}
${h2('Hoe wij dat controleren')}
${list([
  'De pagina’s zijn gebouwd met de onderdelen van het NL Design System van de gemeente Utrecht.',
  'Bij elke wijziging controleert een automatische test iedere pagina met axe op WCAG 2.1 A en AA, op een telefoon (375 pixels breed) en op een groot scherm (1280 pixels).',
  'Alle formulieren werken ook zonder JavaScript en met alleen het toetsenbord.',
])}
${h2('Wat nog niet goed is')}
${list([
  'De grafieken in het wijkrapport zijn plaatjes met een beschrijving. Dezelfde cijfers staan ook in tabellen en in het CSV-bestand.',
  'Er is nog geen onderzoek gedaan door een externe, onafhankelijke partij.',
])}
${h2('Werkt iets niet?')}
${p('Laat het weten aan de gebiedsmanager veiligheid van uw wijk of bel 14 030. Vertel op welke pagina het was en wat er misging. U krijgt binnen vijf werkdagen antwoord.')}`,
  });
}

/** The page for an address that does not exist, in the same layout as every page. */
export function notFoundPage(
  text = 'Deze pagina bestaat niet. Misschien is de link niet compleet of is de pagina verhuisd.',
): string {
  return page({
    title: 'Pagina niet gevonden',
    body: html`<h1 class="utrecht-heading-1">Pagina niet gevonden</h1>
${p(text)}
${p(html`Kwam u via een link in een e-mail? Kopieer dan de hele link, ook het deel na het vraagteken. Of ga naar de <a class="utrecht-link" href="/">startpagina</a>.`)}`,
  });
}

/** A server error or an unavailable store: what happened, that nothing was sent twice, what to do. */
export function serverErrorPage(kind: 'error' | 'unavailable'): string {
  const title = kind === 'unavailable' ? 'Tijdelijk niet bereikbaar' : 'Er ging iets mis';
  return page({
    title,
    body: html`<h1 class="utrecht-heading-1">${title}</h1>
${p(
  kind === 'unavailable'
    ? 'De dienst is even niet bereikbaar. Probeer het over een paar minuten opnieuw.'
    : 'Er ging aan onze kant iets mis. De beheerder is gewaarschuwd. Probeer het later opnieuw.',
)}
${p('Had u een formulier verstuurd? Ga dan terug en verstuur het opnieuw. Het wordt niet twee keer verstuurd.')}
${p(html`<strong>Bij direct gevaar: bel 112.</strong>`)}`,
  });
}
