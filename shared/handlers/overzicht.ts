import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { wijkReportPage } from '../../forms/calendar-pages.js';
import {
  coordinatorOverviewPage,
  overviewProblemPage,
  partnerOverviewPage,
  schoolOverviewPage,
} from '../../forms/overview-pages.js';
import {
  coordinatorCsv,
  coordinatorOverview,
  type OverviewDeps,
  partnerOverview,
  partyByFormKey,
  partyByOverviewToken,
  periodOf,
  schoolOverview,
} from '../app/overviews.js';
import { loadWijkReport } from '../app/report.js';
import { UnauthorizedError } from '../domain/errors.js';
import type { OverviewFilter } from '../domain/overview.js';
import { reportCsv } from '../domain/report.js';
import { amsterdamDate, parseDate } from '../domain/time.js';
import { WIJKEN } from '../domain/wijken.js';
import { type HttpResult, htmlPage } from '../http/responses.js';

export const OVERVIEW_ROUTE_KEYS = ['GET /overzicht', 'GET /overzicht/{token}'] as const;

const KINDS = ['melding', 'voorlichting', 'beeindiging'] as const;
const STATUSES = ['open', 'afgerond', 'te-laat'] as const;

/** The filters from the query string, or a Dutch message naming what is wrong. */
export function parseFilter(query: Record<string, string | undefined>): {
  filter: OverviewFilter;
  error?: string;
} {
  const filter: OverviewFilter = {};
  const problems: string[] = [];
  const kind = query.soort?.trim();
  if (kind) {
    if ((KINDS as readonly string[]).includes(kind)) filter.kind = kind as OverviewFilter['kind'] & string;
    else problems.push('Kies bij "Soort" meldingen, voorlichting of beëindiging.');
  }
  const status = query.status?.trim();
  if (status) {
    if ((STATUSES as readonly string[]).includes(status)) filter.status = status as (typeof STATUSES)[number];
    else problems.push('Kies bij "Status" open, te laat of afgerond.');
  }
  for (const [name, label, key] of [
    ['van', 'Van', 'from'],
    ['tot', 'Tot en met', 'to'],
  ] as const) {
    const raw = query[name]?.trim();
    if (!raw) continue;
    const date = parseDate(raw.slice(0, 20));
    if (date) filter[key] = date;
    else problems.push(`"${label}" is geen datum. Schrijf bijvoorbeeld 7-12-2026.`);
  }
  if (filter.from && filter.to && filter.from > filter.to)
    problems.push('De datum bij "Van" ligt na de datum bij "Tot en met".');
  return problems.length ? { filter: {}, error: problems.join(' ') } : { filter };
}

const csv = (name: string, body: string): HttpResult => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  },
  body,
});

/**
 * `GET /overzicht?sleutel=` (a school, by its form key) and `GET /overzicht/{token}` (any party, by
 * its signed overview link). Unknown or revoked: 401 with a Dutch page. Served by the acties function,
 * which holds the key that signs links.
 */
export function createOverviewRoute(deps: OverviewDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const query = event.queryStringParameters ?? {};
    const today = amsterdamDate(deps.now());
    try {
      if (event.routeKey === 'GET /overzicht') {
        const key = query.sleutel?.trim() ?? '';
        const school = await partyByFormKey(deps, key);
        const { filter, error } = parseFilter(query);
        const rows = school.kind === 'school' ? await schoolOverview(deps, school, filter) : [];
        const page =
          school.kind === 'school'
            ? schoolOverviewPage({
                school,
                formKey: key,
                rows,
                filter,
                period: periodOf(today, filter),
                ...(error ? { filterError: error } : {}),
              })
            : overviewProblemPage(
                'Met deze sleutel opent u de formulieren van uw organisatie. Uw overzicht staat achter de link onderaan elke e-mail die u van ons krijgt.',
              );
        return htmlPage(error ? 400 : school.kind === 'school' ? 200 : 403, page);
      }
      const token = event.pathParameters?.token ?? '';
      const party = await partyByOverviewToken(deps, token);
      if (party.role === 'convenantcoordinator') {
        const wijk = query.wijk;
        if (wijk !== undefined) {
          if (!(WIJKEN as readonly string[]).includes(wijk))
            return htmlPage(404, overviewProblemPage(`Er is geen wijk "${wijk.slice(0, 40)}".`));
          const report = await loadWijkReport(deps.store, wijk, today);
          if (query.formaat === 'csv') return csv(`wijkrapport-${wijk}-${today}.csv`, reportCsv(report));
          return htmlPage(
            200,
            wijkReportPage(report, `/overzicht/${token}?wijk=${encodeURIComponent(wijk)}&formaat=csv`),
          );
        }
        const overview = await coordinatorOverview(deps, party);
        if (query.formaat === 'csv') return csv(`overzicht-wijken-${today}.csv`, coordinatorCsv(overview));
        return htmlPage(200, coordinatorOverviewPage({ party, token, overview }));
      }
      const { filter, error } = parseFilter(query);
      const period = periodOf(today, filter);
      if (party.kind === 'school') {
        // A school that follows the link from an email: the same rows, without its form key in the page.
        const rows = await schoolOverview(deps, party, filter);
        return htmlPage(
          error ? 400 : 200,
          schoolOverviewPage({
            school: party,
            token,
            rows,
            filter,
            period,
            ...(error ? { filterError: error } : {}),
          }),
        );
      }
      const rows = await partnerOverview(deps, party, filter);
      return htmlPage(
        error ? 400 : 200,
        partnerOverviewPage({ party, token, rows, filter, period, ...(error ? { filterError: error } : {}) }),
      );
    } catch (error) {
      if (error instanceof UnauthorizedError)
        return htmlPage(401, overviewProblemPage(error.errors[0]?.message ?? ''));
      throw error;
    }
  };
}
