import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { MaintenanceRepository } from '../app/ports.js';
import { header } from '../http/body.js';
import { openApiDocument } from '../http/openapi.js';
import { problemOf, problemResponse } from '../http/problems.js';
import { type HttpResult, json } from '../http/responses.js';
import { OPENAPI_PATH } from '../http/routes.js';
import { securityHeaders } from './common.js';
import type { Runtime } from './runtime.js';

export interface HealthDeps {
  store: MaintenanceRepository;
  logger: Logger;
  now: () => Date;
}

/** The origin the request came to, for the description's first server (API Gateway sets x-forwarded-proto). */
function originOf(event: APIGatewayProxyEventV2): string | undefined {
  const host = header(event, 'host') ?? event.requestContext?.domainName;
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return undefined;
  const proto =
    header(event, 'x-forwarded-proto') === 'https'
      ? 'https'
      : /^(localhost|127\.)/.test(host)
        ? 'http'
        : 'https';
  return `${proto}://${host}`;
}

/**
 * `GET /api/v1/health`: 200 when the store answers a read, 503 when it does not. Also serves the
 * API's OpenAPI description, the one document other origins may read (CORS `*`).
 */
export function createHealthHandler(deps: HealthDeps) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(securityHeaders())
    .handler(async (event) => {
      if (event.routeKey === `GET ${OPENAPI_PATH}`) {
        return {
          statusCode: 200,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
            'access-control-allow-origin': '*',
          },
          body: JSON.stringify(openApiDocument({ origin: originOf(event), now: deps.now() })),
        };
      }
      try {
        await deps.store.ping();
        return json(200, { status: 'ok' });
      } catch (error) {
        deps.logger.warn('health check failed', { errorName: (error as Error)?.name });
        return problemResponse(
          problemOf('tijdelijk-niet-beschikbaar', [{ path: '', message: 'De opslag is niet bereikbaar.' }]),
          { 'retry-after': '5' },
        );
      }
    });
}

export const healthFromRuntime = ({ clients, logger, now }: Runtime) =>
  createHealthHandler({ store: clients.store, logger, now });
