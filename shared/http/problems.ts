import {
  ClientError,
  DependencyUnavailableError,
  type FieldError,
  IdempotencyConflictError,
  IdempotencyInFlightError,
  OpenBeeindigingError,
  PersonalDataError,
  unavailableMessage,
} from '../domain/errors.js';
import type { HttpResult } from './responses.js';
import { API_VERSION } from './version.js';

/**
 * Problem details (RFC 9457) for every error of the JSON API: one `type` URI per kind of problem,
 * a Dutch `title` per kind, the Dutch `detail` of this occurrence, and for input problems every
 * field at once in `invalidParams` (`name` and `reason`, the same text the form pages show next to
 * the field). This module is the one place that maps errors to problem types; the README lists them.
 */
export const PROBLEM_BASE = 'https://veiligschool.example.org/problemen/';

export const PROBLEM_KINDS = {
  'ongeldige-invoer': { status: 400, title: 'De invoer is niet geldig' },
  persoonsgegevens: { status: 400, title: 'De tekst bevat persoonsgegevens' },
  'ongeldige-sleutel': { status: 401, title: 'De formuliersleutel ontbreekt of is onbekend' },
  'geen-toegang': { status: 403, title: 'Dit mag niet met deze sleutel of link' },
  'niet-gevonden': { status: 404, title: 'Niet gevonden' },
  'al-beantwoord': { status: 409, title: 'Hierop is al geantwoord' },
  'beeindiging-al-gemeld': { status: 409, title: 'Uw organisatie heeft al gemeld dat zij wil stoppen' },
  'idempotentiesleutel-in-behandeling': {
    status: 409,
    title: 'Een verzoek met deze idempotentiesleutel wordt nog verwerkt',
  },
  'link-verlopen': { status: 410, title: 'De link is verlopen' },
  'te-groot': { status: 413, title: 'De inzending is te groot' },
  'niet-ondersteund-type': { status: 415, title: 'Dit soort inhoud wordt niet ondersteund' },
  'idempotentiesleutel-hergebruikt': {
    status: 422,
    title: 'Deze idempotentiesleutel is al gebruikt voor een andere inzending',
  },
  'te-veel-verzoeken': { status: 429, title: 'Te veel verzoeken' },
  'interne-fout': { status: 500, title: 'Er ging aan onze kant iets mis' },
  'tijdelijk-niet-beschikbaar': { status: 503, title: 'De dienst is tijdelijk niet bereikbaar' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const problemType = (kind: ProblemKind) => `${PROBLEM_BASE}${kind}`;

export interface InvalidParam {
  name: string;
  reason: string;
  /** Personal data found in this free-text field (article 23): what, and where in the field's text. */
  found?: FieldError['found'];
}

export interface Problem {
  type: string;
  status: number;
  title: string;
  detail: string;
  invalidParams?: InvalidParam[];
}

const BY_STATUS: Record<number, ProblemKind> = {
  400: 'ongeldige-invoer',
  401: 'ongeldige-sleutel',
  403: 'geen-toegang',
  404: 'niet-gevonden',
  409: 'al-beantwoord',
  410: 'link-verlopen',
  413: 'te-groot',
  415: 'niet-ondersteund-type',
  422: 'idempotentiesleutel-hergebruikt',
  429: 'te-veel-verzoeken',
  500: 'interne-fout',
  503: 'tijdelijk-niet-beschikbaar',
};

/** The kind of problem a user's error is: by its class where the status alone does not say. */
export function problemKindOf(error: ClientError): ProblemKind {
  if (error instanceof PersonalDataError) return 'persoonsgegevens';
  if (error instanceof IdempotencyConflictError) return 'idempotentiesleutel-hergebruikt';
  if (error instanceof IdempotencyInFlightError) return 'idempotentiesleutel-in-behandeling';
  if (error instanceof OpenBeeindigingError) return 'beeindiging-al-gemeld';
  return BY_STATUS[error.statusCode] ?? (error.statusCode >= 500 ? 'interne-fout' : 'ongeldige-invoer');
}

const INPUT_KINDS: readonly ProblemKind[] = ['ongeldige-invoer', 'persoonsgegevens'];

/** A problem from field errors: the detail names every message; fields go to `invalidParams`. */
export function problemOf(kind: ProblemKind, errors: readonly FieldError[], status?: number): Problem {
  const spec = PROBLEM_KINDS[kind];
  const fields = errors.filter((e) => e.path !== '');
  const detail =
    INPUT_KINDS.includes(kind) && fields.length > 1
      ? `${fields.length} velden zijn niet goed ingevuld: ${fields.map((e) => e.path).join(', ')}. Zie invalidParams voor de reden per veld.`
      : errors.map((e) => e.message).join(' ') || spec.title;
  return {
    type: problemType(kind),
    status: status ?? spec.status,
    title: spec.title,
    detail,
    ...(fields.length
      ? {
          invalidParams: fields.map((e) => ({
            name: e.path,
            reason: e.message,
            ...(e.found ? { found: e.found } : {}),
          })),
        }
      : {}),
  };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const problemResponse = (problem: Problem, headers: Record<string, string> = {}): HttpResult => ({
  statusCode: problem.status,
  headers: {
    'content-type': PROBLEM_CONTENT_TYPE,
    'cache-control': 'no-store',
    'api-version': API_VERSION,
    ...headers,
  },
  body: JSON.stringify(problem),
});

export const clientErrorResponse = (error: ClientError): HttpResult =>
  problemResponse(problemOf(problemKindOf(error), error.errors, error.statusCode), error.headers);

export const unavailableResponse = (message = unavailableMessage): HttpResult =>
  problemResponse(problemOf('tijdelijk-niet-beschikbaar', [{ path: '', message }]), { 'retry-after': '5' });

export const internalErrorResponse = (): HttpResult =>
  problemResponse(
    problemOf('interne-fout', [
      {
        path: '',
        message: 'Er ging aan onze kant iets mis. Probeer het later opnieuw; de beheerder is gewaarschuwd.',
      },
    ]),
  );

/** Any thrown error as a problem response: the user's own, a missing dependency, or a hidden 500. */
export function errorResponse(error: unknown): HttpResult {
  if (error instanceof ClientError) return clientErrorResponse(error);
  if (error instanceof DependencyUnavailableError) return unavailableResponse();
  return internalErrorResponse();
}
