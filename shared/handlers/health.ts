import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CovenantStore } from '../adapters/store.js';
import { openApiDocument } from '../http/openapi.js';
import { problemOf, problemResponse } from '../http/problems.js';
import { type HttpResult, json } from '../http/responses.js';
import { OPENAPI_PATH } from '../http/routes.js';
import { securityHeaders } from './common.js';
import type { Runtime } from './runtime.js';

export interface HealthDeps {
  store: CovenantStore;
  logger: Logger;
}

/**
 * `GET /api/v1/health`: 200 when the store answers a read, 503 when it does not. Also serves the
 * API's OpenAPI description, the one document other origins may read (CORS `*`).
 */
export function createHealthHandler(deps: HealthDeps) {
  let description: string | undefined;
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(securityHeaders())
    .handler(async (event) => {
      if (event.routeKey === `GET ${OPENAPI_PATH}`) {
        description ??= JSON.stringify(openApiDocument());
        return {
          statusCode: 200,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
            'access-control-allow-origin': '*',
          },
          body: description,
        };
      }
      try {
        await deps.store.getItem({ pk: 'HEALTH', sk: 'HEALTH' });
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

export const healthFromRuntime = ({ clients, logger }: Runtime) =>
  createHealthHandler({ store: clients.store, logger });
