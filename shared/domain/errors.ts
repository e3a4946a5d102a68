import type * as z from './zod.js';

/** One problem with one field, in the contract's error shape. */
export interface FieldError {
  path: string;
  message: string;
  /** Personal data found in a free-text field (article 23): what, and where in the field's text. */
  found?: Array<{ kind: string; text: string; start: number; end: number }>;
}

/** An error a user caused and can fix: its status and Dutch messages are shown as they are. */
export class ClientError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'ClientError';
  }
}

export class ValidationError extends ClientError {
  constructor(errors: FieldError[]) {
    super(400, errors);
    this.name = 'ValidationError';
  }
}

export class UnauthorizedError extends ClientError {
  constructor(
    message = 'Deze formuliersleutel is onbekend of ingetrokken. Vraag de contactpersoon van uw organisatie om de juiste link naar het formulier.',
  ) {
    super(401, [{ path: 'formKey', message }]);
    this.name = 'UnauthorizedError';
  }
}

/** The same idempotency key with another body: 422, as the IETF Idempotency-Key draft prescribes. */
export class IdempotencyConflictError extends ClientError {
  constructor() {
    super(422, [
      {
        path: 'idempotencyKey',
        message:
          'Deze idempotentiesleutel is al gebruikt voor een andere inzending. Gebruik een nieuwe sleutel voor een nieuwe inzending.',
      },
    ]);
    this.name = 'IdempotencyConflictError';
  }
}

/**
 * The same idempotency key while the first request with it is still being handled: 409, as the IETF
 * Idempotency-Key draft prescribes. Retrying a moment later with the same key is safe.
 */
export class IdempotencyInFlightError extends ClientError {
  constructor() {
    super(409, [
      {
        path: 'idempotencyKey',
        message:
          'Een verzoek met deze idempotentiesleutel wordt nog verwerkt. Wacht even en probeer het dan opnieuw met dezelfde sleutel.',
      },
    ]);
    this.name = 'IdempotencyInFlightError';
  }
}

/** Article 23: free text with personal data is invalid input (400), with its own problem type. */
export class PersonalDataError extends ClientError {
  constructor(errors: FieldError[]) {
    super(400, errors);
    this.name = 'PersonalDataError';
  }
}

/** A dependency (the store, the mail service) did not answer; the same request may be retried safely. */
export class DependencyUnavailableError extends Error {
  readonly statusCode = 503;
  constructor(
    readonly dependency: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} unavailable`, options);
    this.name = 'DependencyUnavailableError';
  }
}

export const unavailableMessage =
  'De dienst is tijdelijk niet bereikbaar. Er is niets opgeslagen. Probeer het over een paar minuten opnieuw; met dezelfde idempotentiesleutel ontstaat er geen dubbele melding.';

/** Art. 22: the party already announced that it wants to leave, and the outcome is not recorded yet. */
export class OpenBeeindigingError extends ClientError {
  constructor(readonly openReference: string) {
    super(409, [
      {
        path: '',
        message: `Uw organisatie heeft al gemeld dat zij wil stoppen (kenmerk ${openReference}). Het overleg daarover is nog niet afgerond. U hoeft het niet opnieuw te melden.`,
      },
    ]);
    this.name = 'OpenBeeindigingError';
  }
}

/** Turns zod issues into the contract's `{path, message}` list; a field appears once, with its first message. */
export function toFieldErrors(error: z.core.$ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const path =
      issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : issue.path.map((p) => String(p)).join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: issue.message });
  }
  return out;
}
