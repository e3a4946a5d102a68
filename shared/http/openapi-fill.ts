import { amsterdamDate } from '../domain/time.js';
import { addDays, isWorkingDay } from '../domain/working-days.js';
import { API_PREFIX } from './routes.js';

/**
 * Fills the OpenAPI template (`openApiTemplate` in openapi.ts, written to openapi.json by
 * forms/build.ts) with the origin it is served from and the dates of its examples. No zod: the
 * health function serves the description with this alone (README "Cold start").
 */

type Json = Record<string, unknown>;

export interface OpenApiOptions {
  /** The origin the description is served from (`https://…`), listed first under `servers`. */
  origin?: string;
  now?: Date;
}

/** Where the served origin goes (the deprecated paths' server); the example address without one. */
export const ORIGIN_TOKEN = '{{origin}}';
const EXAMPLE_ORIGIN = 'https://veiligschool.example.org';

type DateToken = 'gisteren' | `werkdag+${number}`;
export const dateToken = (token: DateToken) => `{{${token}}}`;

/** A working day `offset` days ahead or the first after it, so an example request validates on any day. */
function exampleWorkingDay(today: string, offset: number): string {
  let date = addDays(today, offset);
  while (!isWorkingDay(date)) date = addDays(date, 1);
  return date;
}

export function fillOpenApi(template: string, { origin, now = new Date() }: OpenApiOptions = {}): Json {
  const today = amsterdamDate(now);
  // JSON.stringify escapes what a JSON string may not hold; the origin is checked by the caller too.
  const originText = JSON.stringify(origin ?? EXAMPLE_ORIGIN).slice(1, -1);
  const filled = template
    .replace(/\{\{(gisteren|werkdag\+(\d+))\}\}/g, (_, token: string, days?: string) =>
      token === 'gisteren' ? addDays(today, -1) : exampleWorkingDay(today, Number(days)),
    )
    .replaceAll(ORIGIN_TOKEN, originText);
  const document = JSON.parse(filled) as Json & { servers: Json[] };
  if (origin) document.servers.unshift({ url: `${origin}${API_PREFIX}`, description: 'Deze omgeving.' });
  return document;
}
