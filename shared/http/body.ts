import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ClientError } from '../domain/errors.js';
import { cleanFields, UNSAFE_TEXT_MESSAGES } from '../domain/text.js';

export type BodyFormat = 'json' | 'form';

export interface ParsedBody {
  format: BodyFormat;
  fields: Record<string, unknown>;
}

export const header = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
};

/** Repeated form fields (checkbox groups) become arrays; single ones stay strings. */
export function parseFormBody(text: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const known = fields[key];
    if (known === undefined) fields[key] = value;
    else fields[key] = Array.isArray(known) ? [...known, value] : [known, value];
  }
  return fields;
}

/**
 * Every string of every body, whichever route: normalised, and refused (400, per field) when email
 * cannot carry it. See shared/domain/text.ts.
 */
function sesSafe(fields: Record<string, unknown>): Record<string, unknown> {
  const cleaned = cleanFields(fields);
  if (cleaned.issues.length) {
    throw new ClientError(
      400,
      cleaned.issues.map((i) => ({ path: i.path, message: UNSAFE_TEXT_MESSAGES[i.kind] })),
    );
  }
  return cleaned.fields;
}

/**
 * Reads a JSON or urlencoded body, with the contract's errors: 413 over the limit, 415 for other
 * types, 400 for JSON that does not parse or is not an object.
 */
export function parseBody(event: APIGatewayProxyEventV2, maxBytes: number): ParsedBody {
  const contentType = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new ClientError(413, [
      {
        path: '',
        message: `De inzending is te groot (meer dan ${Math.floor(maxBytes / 1024)} kB). Maak de tekst korter.`,
      },
    ]);
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    return { format: 'form', fields: sesSafe(parseFormBody(text)) };
  }
  if (contentType === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ClientError(400, [
        { path: '', message: 'De inhoud is geen geldige JSON. Controleer de opmaak.' },
      ]);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new ClientError(400, [
        { path: '', message: 'Stuur een JSON-object met de velden van het formulier.' },
      ]);
    }
    return { format: 'json', fields: sesSafe(value as Record<string, unknown>) };
  }
  throw new ClientError(415, [
    {
      path: '',
      message:
        'Dit soort inhoud wordt niet ondersteund. Stuur application/json of application/x-www-form-urlencoded.',
    },
  ]);
}
