import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ACTION_ANCHORS, actionPage, answerDonePage, linkProblemPage } from '../../forms/action-pages.js';
import { messagePage } from '../../forms/pages.js';
import { LinkUsedError } from '../adapters/store.js';
import { type ActionDeps, answerLink, LINK_USED_MESSAGE, LinkError, openLink } from '../app/actions.js';
import { ClientError, DependencyUnavailableError, unavailableMessage } from '../domain/errors.js';
import { formatDutchInput } from '../domain/time.js';
import { parseBody } from '../http/body.js';
import { type HttpResult, htmlPage, json } from '../http/responses.js';
import { jsonErrors, securityHeaders } from './common.js';
import { type Runtime, retentionOf } from './runtime.js';

export interface ActiesDeps extends ActionDeps {
  logger: Logger;
  maxBodyBytes: number;
}

const exampleDate = (now: Date) => formatDutchInput(new Date(now.getTime() + 7 * 86_400_000)).slice(0, 10);

/**
 * A partner's answer through a signed link: GET shows what it is about and the form; POST records
 * the answer (JSON or a plain form post). Tampered, expired and used links get a Dutch page.
 */
export function createActiesHandler(deps: ActiesDeps) {
  async function show(token: string): Promise<HttpResult> {
    try {
      const context = await openLink(deps, token);
      return htmlPage(200, actionPage({ context, token, exampleDate: exampleDate(deps.now()) }));
    } catch (error) {
      if (error instanceof LinkError) return htmlPage(error.statusCode, linkProblemPage(error.problem));
      throw error;
    }
  }

  async function answer(event: APIGatewayProxyEventV2, token: string): Promise<HttpResult> {
    const body = parseBody(event, deps.maxBodyBytes);
    try {
      const result = await answerLink(deps, token, body.fields, () => deps.store.listDirectory());
      deps.logger.info('answer recorded', { eventId: result.eventId, replayed: result.replayed });
      if (body.format === 'form') {
        const context = await openLink(deps, token);
        return htmlPage(
          200,
          answerDonePage(context, result.status, result.linkStillOpen ? `/acties/${token}` : undefined),
        );
      }
      return json(result.replayed ? 200 : 201, {
        id: result.eventId,
        status: result.status,
        linkStillOpen: result.linkStillOpen,
      });
    } catch (error) {
      if (error instanceof LinkUsedError) {
        if (body.format === 'form') return htmlPage(409, linkProblemPage('used'));
        throw new ClientError(409, [{ path: 'token', message: LINK_USED_MESSAGE }]);
      }
      if (body.format === 'form') {
        if (error instanceof LinkError) return htmlPage(error.statusCode, linkProblemPage(error.problem));
        if (error instanceof ClientError && (error.statusCode === 400 || error.statusCode === 422)) {
          const context = await openLink(deps, token);
          return htmlPage(
            error.statusCode,
            actionPage({
              context,
              token,
              values: body.fields,
              errors: error.errors.filter((e) => e.path in ACTION_ANCHORS || e.path === ''),
              exampleDate: exampleDate(deps.now()),
            }),
          );
        }
        if (error instanceof DependencyUnavailableError) {
          return htmlPage(503, messagePage('Tijdelijk niet bereikbaar', [unavailableMessage]), {
            'retry-after': '5',
          });
        }
      }
      throw error;
    }
  }

  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(securityHeaders())
    .use(jsonErrors(deps.logger))
    .handler(async (event) => {
      const token = event.pathParameters?.token ?? '';
      if (event.routeKey === 'GET /acties/{token}') {
        try {
          return await show(token);
        } catch (error) {
          if (error instanceof DependencyUnavailableError) {
            return htmlPage(503, messagePage('Tijdelijk niet bereikbaar', [unavailableMessage]), {
              'retry-after': '5',
            });
          }
          throw error;
        }
      }
      return answer(event, token);
    });
}

export const actiesFromRuntime = ({ config, clients, logger, now }: Runtime) =>
  createActiesHandler({
    store: clients.store,
    links: clients.links.assertConfigured(),
    now,
    retention: retentionOf(config),
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
