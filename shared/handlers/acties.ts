import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ACTION_ANCHORS, actionPage, answerDonePage, linkProblemPage } from '../../forms/action-pages.js';
import { calendarDonePage, calendarPage, wijkReportPage } from '../../forms/calendar-pages.js';
import type { ExampleDates } from '../../forms/components/form-field.js';
import { messagePage } from '../../forms/message-pages.js';
import { buildLinks } from '../adapters/clients.js';
import { type ActionDeps, answerLink, isCalendarAction, LinkError, openLink } from '../app/actions.js';
import { answerCalendarLink, openCalendarLink } from '../app/calendar-actions.js';
import { LinkUsedError } from '../app/ports.js';
import { loadWijkReport } from '../app/report.js';
import { ClientError, DependencyUnavailableError, unavailableMessage } from '../domain/errors.js';
import { LINK_USED_MESSAGE } from '../domain/links.js';
import { reportCsv } from '../domain/report.js';
import { amsterdamDate, formatDutchInputDate } from '../domain/time.js';
import { addDays, nextSchoolDay } from '../domain/working-days.js';
import { parseBody } from '../http/body.js';
import { type HttpResult, htmlPage, json } from '../http/responses.js';
import { jsonErrors, securityHeaders } from './common.js';
import { createOverviewRoute, OVERVIEW_ROUTE_KEYS } from './overzicht.js';
import { type Runtime, retentionOf } from './runtime.js';

export interface ActiesDeps extends ActionDeps {
  logger: Logger;
  maxBodyBytes: number;
}

/**
 * The dates a form's hints give as examples, each one the field accepts: today for a date that may
 * not lie in the future (a decision, an outcome), and the first school day a week ahead for one that
 * must (a meeting, a proposed lesson).
 */
const exampleDate = (now: Date): ExampleDates => {
  const today = amsterdamDate(now);
  return {
    past: formatDutchInputDate(today),
    future: formatDutchInputDate(nextSchoolDay(addDays(today, 7))),
  };
};

/**
 * A partner's answer through a signed link: GET shows what it is about and the form; POST records
 * the answer (JSON or a plain form post). Tampered, expired and used links get a Dutch page.
 */
export function createActiesHandler(deps: ActiesDeps) {
  const overview = createOverviewRoute(deps);
  const isCalendarLink = async (token: string) => {
    const verified = await deps.links.verify(token);
    return verified.ok && isCalendarAction(verified.claims.a);
  };

  async function showCalendar(token: string, format: string | undefined): Promise<HttpResult> {
    try {
      const context = await openCalendarLink(deps, token);
      if (context.claims.a === 'wijkrapport' && context.round) {
        const report = await loadWijkReport(deps.store, context.round.wijk, amsterdamDate(deps.now()));
        if (format === 'csv') {
          return {
            statusCode: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="wijkrapport-${context.round.id}.csv"`,
              'cache-control': 'no-store',
            },
            body: reportCsv(report),
          };
        }
        return htmlPage(200, wijkReportPage(report, `/acties/${token}?formaat=csv`));
      }
      return htmlPage(200, calendarPage({ context, token, exampleDate: exampleDate(deps.now()) }));
    } catch (error) {
      if (error instanceof LinkError) return htmlPage(error.statusCode, linkProblemPage(error.problem));
      throw error;
    }
  }

  async function answerCalendar(event: APIGatewayProxyEventV2, token: string): Promise<HttpResult> {
    const body = parseBody(event, deps.maxBodyBytes);
    try {
      const { message } = await answerCalendarLink(deps, token, body.fields, () =>
        deps.store.listDirectory(),
      );
      deps.logger.info('calendar answer recorded');
      return body.format === 'form'
        ? htmlPage(200, calendarDonePage(message, `/acties/${token}`))
        : json(201, { status: message });
    } catch (error) {
      if (body.format === 'form') {
        if (error instanceof LinkError) return htmlPage(error.statusCode, linkProblemPage(error.problem));
        if (error instanceof ClientError && error.statusCode === 409)
          return htmlPage(409, linkProblemPage('used'));
        if (error instanceof ClientError && (error.statusCode === 400 || error.statusCode === 422)) {
          const context = await openCalendarLink(deps, token);
          return htmlPage(
            error.statusCode,
            calendarPage({
              context,
              token,
              values: body.fields,
              errors: error.errors,
              exampleDate: exampleDate(deps.now()),
            }),
          );
        }
      }
      throw error;
    }
  }

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
        const { context } = result;
        return htmlPage(
          200,
          answerDonePage(context, result.status, `/acties/${token}`, result.linkStillOpen),
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
        if (error instanceof ClientError && error.statusCode === 409)
          return htmlPage(
            409,
            messagePage('Dit kan niet meer', [
              error.errors[0]?.message ?? LINK_USED_MESSAGE,
              'Er is niets veranderd.',
            ]),
          );
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
      // The wijkagent's notice (art. 7): JSON errors are problems, a form post gets its own pages.
      if (event.routeKey.startsWith('POST /overzicht/')) return overview(event);
      if ((OVERVIEW_ROUTE_KEYS as readonly string[]).includes(event.routeKey)) {
        try {
          return await overview(event);
        } catch (error) {
          if (error instanceof DependencyUnavailableError) {
            return htmlPage(503, messagePage('Tijdelijk niet bereikbaar', [unavailableMessage]), {
              'retry-after': '5',
            });
          }
          throw error;
        }
      }
      if (event.routeKey === 'GET /acties/{token}') {
        try {
          if (await isCalendarLink(token))
            return await showCalendar(token, event.queryStringParameters?.formaat);
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
      return (await isCalendarLink(token)) ? answerCalendar(event, token) : answer(event, token);
    });
}

export const actiesFromRuntime = ({ config, clients, logger, now }: Runtime) =>
  createActiesHandler({
    store: clients.store,
    links: buildLinks(config, now).assertConfigured(),
    now,
    retention: retentionOf(config),
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
