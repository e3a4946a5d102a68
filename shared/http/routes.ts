/**
 * The one route table. The CDK app turns it into HTTP API routes and functions; the local runner
 * serves the same routes with the same handlers. A handler name is also its entry file:
 * `functions/<handler>.ts` exporting `handler`.
 */
export type HttpHandlerName = 'intake' | 'pages' | 'health' | 'acties';

/** The use cases behind the submission routes (shared/app), by the name of their function. */
export type SubmissionUseCase = 'submitMelding' | 'submitVoorlichting' | 'submitBeeindiging';
/** The submission forms (forms/), by the kind of submission they make. */
export type SubmissionForm = 'melding' | 'voorlichting' | 'beeindiging';

export interface RouteDefinition {
  method: 'GET' | 'POST';
  path: string;
  handler: HttpHandlerName;
  /** JSON API routes: `current` under `/api/v1`, `deprecated` the unversioned path kept for old clients. */
  api?: 'current' | 'deprecated';
  /**
   * Submission routes: the use case the intake handler runs, and the form it shows again when a plain
   * form post has errors. Named here, resolved in shared/handlers/intake.ts, so this table stays free
   * of application code (the CDK app reads it).
   */
  submission?: { useCase: SubmissionUseCase; form: SubmissionForm };
}

/** The JSON API's routes under the major version (the path after `/api/v1`). */
const API_ROUTES: ReadonlyArray<
  Pick<RouteDefinition, 'method' | 'handler' | 'submission'> & { path: string }
> = [
  {
    method: 'POST',
    path: '/meldingen',
    handler: 'intake',
    submission: { useCase: 'submitMelding', form: 'melding' },
  },
  {
    method: 'POST',
    path: '/voorlichtingen',
    handler: 'intake',
    submission: { useCase: 'submitVoorlichting', form: 'voorlichting' },
  },
  {
    method: 'POST',
    path: '/beeindigingen',
    handler: 'intake',
    submission: { useCase: 'submitBeeindiging', form: 'beeindiging' },
  },
  { method: 'POST', path: '/acties/{token}', handler: 'acties' },
  { method: 'GET', path: '/health', handler: 'health' },
];

export const API_PREFIX = '/api/v1';
export const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', path: '/', handler: 'pages' },
  { method: 'GET', path: '/formulieren/melding', handler: 'pages' },
  { method: 'GET', path: '/formulieren/voorlichting', handler: 'pages' },
  { method: 'GET', path: '/formulieren/beeindiging', handler: 'pages' },
  { method: 'GET', path: '/formulieren/bevestiging/{id}', handler: 'pages' },
  { method: 'POST', path: '/formulieren/bevestiging/{id}/kopie', handler: 'intake' },
  { method: 'GET', path: '/assets/{file}', handler: 'pages' },
  { method: 'GET', path: '/acties/{token}', handler: 'acties' },
  ...API_ROUTES.flatMap((r): RouteDefinition[] => [
    { ...r, path: `${API_PREFIX}${r.path}`, api: 'current' },
    { ...r, path: `/api${r.path}`, api: 'deprecated' },
  ]),
  { method: 'GET', path: OPENAPI_PATH, handler: 'health' },
  // Overviews per party (issue 15): served by acties, which holds the key that signs links.
  { method: 'GET', path: '/overzicht', handler: 'acties' },
  { method: 'GET', path: '/overzicht/{token}', handler: 'acties' },
  // The wijkagent tells a school something first (art. 7), from its overview.
  { method: 'POST', path: '/overzicht/{token}/mededeling', handler: 'acties' },
  // The coordinator records an agreement per wijk or school (art. 20), from its overview.
  { method: 'POST', path: '/overzicht/{token}/afspraak', handler: 'acties' },
  { method: 'GET', path: '/privacy', handler: 'pages' },
  { method: 'GET', path: '/contact', handler: 'pages' },
  { method: 'GET', path: '/toegankelijkheid', handler: 'pages' },
  // Last: every other address gets a Dutch 404 page in the layout, not the gateway's English JSON.
  { method: 'GET', path: '/{proxy+}', handler: 'pages' },
];

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** Settings per function, read by the CDK app: memory and timeout are explicit, never defaults. */
export const FUNCTION_SETTINGS = {
  intake: { memorySize: 512, timeoutSeconds: 10, tableAccess: 'readwrite' },
  pages: { memorySize: 256, timeoutSeconds: 5, tableAccess: 'read' },
  health: { memorySize: 128, timeoutSeconds: 3, tableAccess: 'read' },
  acties: { memorySize: 512, timeoutSeconds: 10, tableAccess: 'readwrite' },
  notify: { memorySize: 256, timeoutSeconds: 30, tableAccess: 'readwrite' },
  // The sweeper sends like notify, with the same deadline behaviour.
  sweeper: { memorySize: 256, timeoutSeconds: 30, tableAccess: 'readwrite' },
  daily: { memorySize: 512, timeoutSeconds: 120, tableAccess: 'readwrite' },
  bounces: { memorySize: 256, timeoutSeconds: 30, tableAccess: 'readwrite' },
} as const;

export type FunctionName = keyof typeof FUNCTION_SETTINGS;

/** A path segment decoded; a malformed escape (`%`, `%zz`) stays as sent, as API Gateway passes it on. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Matches a concrete path against a route path with `{param}` parts; returns the parameters or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  const greedy = want.at(-1) === '{proxy+}';
  if (greedy ? got.length < want.length : want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w === '{proxy+}') {
      params.proxy = decodeURIComponent(got.slice(i).join('/'));
      return params;
    }
    if (w.startsWith('{') && w.endsWith('}')) {
      if (!g) return undefined;
      params[w.slice(1, -1)] = decodeSegment(g);
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}
