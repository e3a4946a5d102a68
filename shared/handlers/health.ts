import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CovenantStore } from '../adapters/store.js';
import { errorJson, type HttpResult, json } from '../http/responses.js';
import type { Runtime } from './runtime.js';

export interface HealthDeps {
  store: CovenantStore;
  logger: Logger;
}

/** 200 when the store answers a read, 503 when it does not. */
export function createHealthHandler(deps: HealthDeps) {
  return middy<APIGatewayProxyEventV2, HttpResult>().handler(async () => {
    try {
      await deps.store.getItem({ pk: 'HEALTH', sk: 'HEALTH' });
      return json(200, { status: 'ok' });
    } catch (error) {
      deps.logger.warn('health check failed', { errorName: (error as Error)?.name });
      return errorJson(503, [{ path: '', message: 'De opslag is niet bereikbaar.' }]);
    }
  });
}

export const healthFromRuntime = ({ clients, logger }: Runtime) =>
  createHealthHandler({ store: clients.store, logger });
