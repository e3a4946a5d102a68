import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BEEINDIGING_ANCHORS, beeindigingForm } from '../../forms/beeindiging-form.js';
import { MELDING_ANCHORS, meldingForm, type SubmissionFormInput } from '../../forms/melding-form.js';
import { keyProblemPage, messagePage } from '../../forms/pages.js';
import { VOORLICHTING_ANCHORS, voorlichtingForm } from '../../forms/voorlichting-form.js';
import { submitBeeindiging } from '../app/beeindigingen.js';
import type { Accepted, IntakeDeps } from '../app/intake.js';
import { submitMelding } from '../app/meldingen.js';
import { enforceRateLimits, type RateLimits } from '../app/rate-limit.js';
import { submitVoorlichting } from '../app/voorlichtingen.js';
import {
  ClientError,
  DependencyUnavailableError,
  IdempotencyConflictError,
  IdempotencyInFlightError,
  unavailableMessage,
} from '../domain/errors.js';
import { formatDutchInput } from '../domain/time.js';
import { header, type ParsedBody, parseBody } from '../http/body.js';
import { type HttpResult, htmlPage, json, redirect } from '../http/responses.js';
import { unversionedRouteKey } from '../http/routes.js';
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

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

interface SubmissionRoute {
  kind: 'melding' | 'voorlichting' | 'beeindiging';
  submit: (deps: IntakeDeps, raw: Record<string, unknown>, key: string) => Promise<Accepted>;
  form: (input: SubmissionFormInput) => string;
  anchors: Record<string, string>;
}

/** Per submission route: the use case, and the form to show again when a plain form post has errors. */
const SUBMISSION_ROUTES: Record<string, SubmissionRoute> = {
  'POST /api/meldingen': {
    kind: 'melding',
    submit: submitMelding,
    form: meldingForm,
    anchors: MELDING_ANCHORS,
  },
  'POST /api/beeindigingen': {
    kind: 'beeindiging',
    submit: submitBeeindiging,
    form: beeindigingForm,
    anchors: BEEINDIGING_ANCHORS,
  },
  'POST /api/voorlichtingen': {
    kind: 'voorlichting',
    submit: submitVoorlichting,
    form: voorlichtingForm,
    anchors: VOORLICHTING_ANCHORS,
  },
};

function idempotencyKeyOf(event: APIGatewayProxyEventV2, body: ParsedBody): string {
  const fromHeader = header(event, 'idempotency-key');
  const fromField = body.fields.idempotencyKey;
  const key = fromHeader ?? (typeof fromField === 'string' && fromField !== '' ? fromField : undefined);
  if (key === undefined) return `auto-${randomUUID()}`;
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
        idempotencyKey: String(body.fields.idempotencyKey || randomUUID()),
        values: body.fields,
        errors: error.errors.filter((e) => e.path in spec.anchors || e.path === ''),
        exampleOccurredAt: formatDutchInput(deps.now()),
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

export function createIntakeHandler(deps: IntakeHandlerDeps) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(logMetrics(deps.metrics))
    .use(securityHeaders())
    .use(countRefusals(deps.metrics))
    .use(jsonErrors(deps.logger))
    .handler(async (event) => {
      const spec = SUBMISSION_ROUTES[unversionedRouteKey(event.routeKey)];
      if (!spec) throw new ClientError(404, [{ path: '', message: 'Deze route bestaat niet.' }]);
      const body = parseBody(event, deps.maxBodyBytes);
      try {
        await enforceRateLimits(
          deps.store,
          deps.rateLimits,
          { formKey: body.fields.formKey, sourceIp: sourceAddress(event, deps.sourceIpHeader) },
          deps.now(),
        );
        const idempotencyKey = idempotencyKeyOf(event, body);
        const accepted = await spec.submit(deps, body.fields, idempotencyKey);
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
  });
