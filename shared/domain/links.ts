import type { SubmissionAction, SubmissionEvent } from './actions.js';
import type { SchoolDuty } from './calendar.js';
import type { Term } from './covenant.js';
import type { Party } from './parties.js';
import type { ActionClaims, CalendarAction, VerifyFailure } from './signing.js';
import type { Submission } from './submission.js';

/**
 * Signed links in emails (answers, status, calendar questions): why a link cannot be used, in the
 * Dutch words both the JSON answer and the page show, and what a usable link opens.
 */
export type LinkProblem = VerifyFailure | 'unknown-subject' | 'not-allowed' | 'inactive';

export const LINK_PROBLEM_MESSAGES: Record<LinkProblem, string> = {
  malformed: 'Deze link is niet compleet of klopt niet. Gebruik de volledige link uit de e-mail.',
  signature: 'Deze link is niet compleet of klopt niet. Gebruik de volledige link uit de e-mail.',
  'not-yet-valid':
    'Deze link is nog niet geldig. Controleer de klok van uw computer, of gebruik de link uit de e-mail later opnieuw.',
  expired: 'Deze link is verlopen. Neem contact op met de school en vermeld de referentie uit de e-mail.',
  'unknown-subject':
    'De melding of aanvraag bij deze link bestaat niet (meer). Neem contact op met de school.',
  'not-allowed': 'Met deze link kunt u dit niet doen. Gebruik de link uit de e-mail die u zelf ontving.',
  inactive: 'Uw organisatie neemt niet (meer) deel aan het convenant. Neem contact op met de gemeente.',
};

export const LINK_USED_MESSAGE =
  'Deze link is al gebruikt: uw antwoord is ontvangen en de school heeft bericht gekregen. Wilt u iets aanvullen? Neem contact op met de school en noem de referentie.';

export interface LinkContext {
  claims: ActionClaims & { a: SubmissionAction };
  submission: Submission;
  party: Party;
  events: SubmissionEvent[];
  status: string;
  /** Set when the link was used for an answer that closes it. */
  usedAt?: string;
}

export interface CalendarLinkContext {
  claims: ActionClaims & { a: CalendarAction };
  party: Party;
  term?: Term;
  round?: { id: string; wijk: string; year: number; invited: string[] };
  /** A school's yearly duty (`gedaan`): which one, of which year. */
  duty?: { duty: SchoolDuty; year: number };
  /** When the link's one answer was given already. */
  answeredAt?: string;
}
