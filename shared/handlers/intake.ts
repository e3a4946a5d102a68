import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BEEINDIGING_ANCHORS, beeindigingForm } from '../../forms/beeindiging-form.js';
import { notFoundPage } from '../../forms/info-pages.js';
import { MELDING_ANCHORS, meldingForm } from '../../forms/melding-form.js';
import { keyProblemPage, messagePage } from '../../forms/message-pages.js';
import type { SubmissionFormInput } from '../../forms/submission-form.js';
import { VOORLICHTING_ANCHORS, voorlichtingForm } from '../../forms/voorlichting-form.js';
import { submitBeeindiging } from '../app/beeindigingen.js';
import { MAX_COPIES, requestCopy } from '../app/copies.js';
import { type Accepted, type IntakeDeps, KEY_BY_BODY } from '../app/intake.js';
import { IntakeCache } from '../app/intake-cache.js';
import { submitMelding } from '../app/meldingen.js';
import { DirectoryChangedError, FormKeyChangedError, RateLimitedError } from '../app/ports.js';
import {
  countOutsideTransaction,
  enforceRateLimits,
  type RateLimits,
  type RequestCounters,
  requestCounters,
  tooManyRequests,
} from '../app/rate-limit.js';
import { voorlichtingProviders } from '../app/voorlichting-providers.js';
import { submitVoorlichting } from '../app/voorlichtingen.js';
import {
  ClientError,
  DependencyUnavailableError,
  type FieldError,
  IdempotencyConflictError,
  IdempotencyInFlightError,
  UnauthorizedError,
  unavailableMessage,
} from '../domain/errors.js';
import { IDEMPOTENCY_KEY } from '../domain/fields.js';
import { formatDutchInput } from '../domain/time.js';
import { header, type ParsedBody, parseBody } from '../http/body.js';
import { type HttpResult, htmlPage, json, redirect } from '../http/responses.js';
import { ROUTES, routeKey, type SubmissionForm, type SubmissionUseCase } from '../http/routes.js';
import { sourceAddress } from '../http/source.js';
import { jsonErrors, securityHeaders } from './common.js';
import { type Runtime, retentionOf } from './runtime.js';

export interface IntakeHandlerDeps extends IntakeDeps {
  logger: Logger;
  metrics: Metrics;
  maxBodyBytes: number;
  rateLimits: RateLimits;
  /** Behind CloudFront: the header with the viewer's address (see shared/http/source.ts). */
  sourceIpHeader?: string;
}

interface SubmissionRoute {
  kind: SubmissionForm;
  submit: (deps: IntakeDeps, raw: Record<string, unknown>, key: string) => Promise<Accepted>;
  form: (input: SubmissionFormInput) => string;
  anchors: Record<string, string>;
}

/** The use cases the route table names (`submission.useCase` in shared/http/routes.ts). */
const USE_CASES: Record<SubmissionUseCase, SubmissionRoute['submit']> = {
  submitMelding,
  submitVoorlichting,
  submitBeeindiging,
};

/** The forms the route table names (`submission.form`), shown again when a plain form post has errors. */
const FORMS: Record<SubmissionForm, Pick<SubmissionRoute, 'form' | 'anchors'>> = {
  melding: { form: meldingForm, anchors: MELDING_ANCHORS },
  voorlichting: { form: voorlichtingForm, anchors: VOORLICHTING_ANCHORS },
  beeindiging: { form: beeindigingForm, anchors: BEEINDIGING_ANCHORS },
};

/** Per route key of the one route table (versioned and unversioned path alike): what it runs. */
const SUBMISSION_ROUTES = new Map<string, SubmissionRoute>(
  ROUTES.flatMap((route) =>
    route.submission
      ? [
          [
            routeKey(route),
            {
              kind: route.submission.form,
              submit: USE_CASES[route.submission.useCase],
              ...FORMS[route.submission.form],
            },
          ],
        ]
      : [],
  ),
);

function idempotencyKeyOf(event: APIGatewayProxyEventV2, body: ParsedBody): string {
  const fromHeader = header(event, 'idempotency-key');
  const fromField = body.fields.idempotencyKey;
  const key = fromHeader ?? (typeof fromField === 'string' && fromField !== '' ? fromField : undefined);
  // Without a key, party and canonical body are the key (see storeOnce): a double post is one melding.
  if (key === undefined) return KEY_BY_BODY;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ClientError(400, [
      {
        path: 'idempotencyKey',
        message:
          'De idempotentiesleutel bestaat uit 8 tot 100 letters, cijfers, - of _. Gebruik bijvoorbeeld een UUID.',
      },
    ]);
  }
  return key;
}

/**
 * The errors a form page shows: each at its field, and one line on top for a field the user cannot
 * see (a hidden field a browser or extension garbled), so the page never comes back without a reason.
 */
function visibleErrors(errors: readonly FieldError[], anchors: Record<string, string>): FieldError[] {
  const shown = errors.filter((e) => e.path in anchors || e.path === '');
  return shown.length < errors.length
    ? [
        ...shown,
        {
          path: '',
          message:
            'Een verborgen deel van het formulier klopte niet. Controleer uw antwoorden en verstuur het formulier opnieuw.',
        },
      ]
    : shown;
}

/**
 * A form post without JavaScript gets HTML back: the same form with its values and the errors next
 * to the fields, or a page that says what went wrong with the link or the service.
 */
async function formErrorPage(
  deps: IntakeHandlerDeps,
  spec: SubmissionRoute,
  body: ParsedBody,
  error: unknown,
): Promise<HttpResult | undefined> {
  if (error instanceof DependencyUnavailableError) {
    return htmlPage(
      503,
      messagePage('Tijdelijk niet bereikbaar', [
        unavailableMessage,
        'Ga terug en verstuur het formulier opnieuw.',
      ]),
      {
        'retry-after': '5',
      },
    );
  }
  if (!(error instanceof ClientError)) return undefined;
  if (error.statusCode === 401) {
    return htmlPage(
      401,
      keyProblemPage(typeof body.fields.formKey === 'string' && body.fields.formKey ? 'unknown' : 'missing'),
    );
  }
  if (error.statusCode === 403) return htmlPage(403, keyProblemPage('wrong-party'));
  const idempotency = error instanceof IdempotencyConflictError || error instanceof IdempotencyInFlightError;
  if (!idempotency && (error.statusCode === 400 || error.statusCode === 422)) {
    const formKey = String(body.fields.formKey ?? '');
    const school = await deps.store.findPartyByFormKey(formKey);
    if (!school) return htmlPage(401, keyProblemPage('unknown'));
    return htmlPage(
      error.statusCode,
      spec.form({
        school,
        formKey,
        // A garbled hidden field (the key) would refuse every retry of this page: it gets a fresh one.
        idempotencyKey: IDEMPOTENCY_KEY.test(String(body.fields.idempotencyKey))
          ? String(body.fields.idempotencyKey)
          : randomUUID(),
        values: body.fields,
        errors: visibleErrors(error.errors, spec.anchors),
        exampleOccurredAt: formatDutchInput(deps.now()),
        ...(spec.kind === 'voorlichting' ? { providers: await voorlichtingProviders(deps) } : {}),
      }),
    );
  }
  const message = error.errors.map((e) => e.message);
  return htmlPage(
    error.statusCode,
    messagePage('Het formulier kon niet worden verstuurd', [
      ...message,
      'Ga terug naar het formulier via de link van uw organisatie.',
    ]),
  );
}

/** "Mail mij een kopie": back to the confirmation page, which says where the copy went. */
async function copy(deps: IntakeHandlerDeps, event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const id = event.pathParameters?.id ?? '';
  const formKey = event.queryStringParameters?.sleutel?.trim() ?? '';
  await enforceRateLimits(
    deps.store,
    deps.rateLimits,
    { formKey, sourceIp: event.requestContext?.http?.sourceIp },
    deps.now(),
  );
  const outcome = await requestCopy(deps, { formKey, id });
  if (outcome === 'not-found')
    return htmlPage(404, notFoundPage('Deze bevestiging bestaat niet, of hoort bij een andere organisatie.'));
  if (outcome === 'limit')
    return htmlPage(
      429,
      messagePage('Geen kopie meer', [
        `Van deze bevestiging zijn al ${MAX_COPIES} kopieën gemaild. Kijk in de mailbox van uw school, of druk de pagina af.`,
      ]),
    );
  return redirect(
    `/formulieren/bevestiging/${encodeURIComponent(id)}?sleutel=${encodeURIComponent(formKey)}&kopie=1`,
  );
}

/** Counts every refusal by its status (400, 401, 422, 429, 503…), whichever way it is answered. */
function countRefusals(metrics: Metrics): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  const count = (status: number | undefined) => {
    if (status && status >= 400) metrics.addMetric(`Refused_${status}`, MetricUnit.Count, 1);
  };
  return {
    after: async (request) => count(request.response?.statusCode),
    onError: async (request) => {
      const error = request.error as { statusCode?: number } | null;
      count(error?.statusCode ?? 500);
    },
  };
}

/**
 * Runs the use case with the request's counters in its transaction. Every request is counted once
 * per window: inside the transaction when it is stored, by a separate update when it is not (a
 * replay, a refusal), so a request over the limit is answered 429 whatever else is wrong with it.
 * A key the transaction proved stale is forgotten and the request runs once more against the store.
 */
async function submitCounted(
  deps: IntakeHandlerDeps,
  spec: SubmissionRoute,
  body: ParsedBody,
  idempotencyKeyOfRequest: () => string,
  counted: RequestCounters,
): Promise<Accepted> {
  const run = () => spec.submit({ ...deps, counters: counted.counters }, body.fields, idempotencyKey);
  let idempotencyKey = '';
  try {
    idempotencyKey = idempotencyKeyOfRequest();
    let accepted: Accepted;
    try {
      accepted = await run();
    } catch (error) {
      if (!(error instanceof FormKeyChangedError || error instanceof DirectoryChangedError)) throw error;
      deps.cache?.forget(String(body.fields.formKey));
      accepted = await run();
    }
    if (accepted.replayed) await countOutsideTransaction(deps.store, counted);
    return accepted;
  } catch (error) {
    if (error instanceof RateLimitedError) {
      await countOutsideTransaction(deps.store, counted);
      throw tooManyRequests(counted.what[error.counter] ?? '', counted.retryAfter);
    }
    if (error instanceof FormKeyChangedError) throw new UnauthorizedError();
    if (error instanceof DirectoryChangedError)
      throw new DependencyUnavailableError('dynamodb', { cause: error });
    if (error instanceof ClientError && error.statusCode !== 429)
      await countOutsideTransaction(deps.store, counted);
    throw error;
  }
}

export function createIntakeHandler(deps: IntakeHandlerDeps) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(logMetrics(deps.metrics))
    .use(securityHeaders())
    .use(countRefusals(deps.metrics))
    .use(jsonErrors(deps.logger))
    .handler(async (event) => {
      if (event.routeKey === 'POST /formulieren/bevestiging/{id}/kopie') return copy(deps, event);
      const spec = SUBMISSION_ROUTES.get(event.routeKey);
      if (!spec) throw new ClientError(404, [{ path: '', message: 'Deze route bestaat niet.' }]);
      const body = parseBody(event, deps.maxBodyBytes);
      const counted = requestCounters(
        deps.rateLimits,
        { formKey: body.fields.formKey, sourceIp: sourceAddress(event, deps.sourceIpHeader) },
        deps.now(),
      );
      try {
        const accepted = await submitCounted(deps, spec, body, () => idempotencyKeyOf(event, body), counted);
        if (!accepted.replayed) deps.metrics.addMetric(`Accepted_${spec.kind}`, MetricUnit.Count, 1);
        deps.logger.info('submission accepted', {
          kind: spec.kind,
          id: accepted.response.id,
          replayed: accepted.replayed,
          recipients: accepted.response.notified.length,
        });
        if (body.format === 'form') {
          const key = encodeURIComponent(String(body.fields.formKey));
          return redirect(
            `/formulieren/bevestiging/${encodeURIComponent(accepted.response.id)}?sleutel=${key}`,
          );
        }
        return json(201, accepted.response, accepted.replayed ? { 'idempotent-replayed': 'true' } : {});
      } catch (error) {
        if (body.format === 'form') {
          const page = await formErrorPage(deps, spec, body, error);
          if (page) return page;
        }
        throw error;
      }
    });
}

export const intakeFromRuntime = ({ config, clients, logger, metrics, now }: Runtime) =>
  createIntakeHandler({
    store: clients.store,
    now,
    retention: retentionOf(config),
    logger,
    metrics,
    maxBodyBytes: config.MAX_BODY_BYTES,
    rateLimits: {
      perKeyPerMinute: config.RATE_LIMIT_PER_KEY_PER_MINUTE,
      perSourcePerMinute: config.RATE_LIMIT_PER_SOURCE_PER_MINUTE,
    },
    ...(config.SOURCE_IP_HEADER ? { sourceIpHeader: config.SOURCE_IP_HEADER } : {}),
    cache: new IntakeCache(config.INTAKE_CACHE_SECONDS * 1000),
  });
