import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { MaintenanceRepository } from '../app/ports.js';
import { header } from '../http/body.js';
import { fillOpenApi } from '../http/openapi-fill.js';
import { problemOf, problemResponse } from '../http/problems.js';
import { type HttpResult, json } from '../http/responses.js';
import { OPENAPI_PATH } from '../http/routes.js';
import { securityHeaders } from './common.js';
import type { Runtime } from './runtime.js';

export interface HealthDeps {
  store: MaintenanceRepository;
  logger: Logger;
  now: () => Date;
  /** The OpenAPI template built by forms/build.ts (openapi.json); read at the first request for it. */
  openApiTemplate?: () => Promise<string>;
}

/**
 * Where the OpenAPI template is: in Lambda the CDK copies forms/generated/openapi.json next to the
 * function's code (PACKAGED_FILES); locally the handler reads the file the build wrote.
 */
export const defaultOpenApiFile = (): string =>
  process.env.LAMBDA_TASK_ROOT
    ? join(process.env.LAMBDA_TASK_ROOT, 'openapi.json')
    : fileURLToPath(new URL('../../forms/generated/openapi.json', import.meta.url));

/** Reads the file once per container; a failed read is tried again at the next request. */
function templateReader(file: string): () => Promise<string> {
  let template: Promise<string> | undefined;
  return () => {
    template ??= readFile(file, 'utf8').catch((error: unknown) => {
      template = undefined;
      throw error;
    });
    return template;
  };
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
  const openApiTemplate = deps.openApiTemplate ?? templateReader(defaultOpenApiFile());
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(securityHeaders())
    .handler(async (event) => {
      if (event.routeKey === `GET ${OPENAPI_PATH}`) {
        let template: string;
        try {
          template = await openApiTemplate();
        } catch (error) {
          deps.logger.error('OpenAPI description missing', { errorName: (error as Error)?.name });
          return problemResponse(
            problemOf('tijdelijk-niet-beschikbaar', [
              { path: '', message: 'De beschrijving van de API is tijdelijk niet beschikbaar.' },
            ]),
            { 'retry-after': '5' },
          );
        }
        return {
          statusCode: 200,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
            'access-control-allow-origin': '*',
          },
          body: JSON.stringify(fillOpenApi(template, { origin: originOf(event), now: deps.now() })),
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
