import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { wijkReportPage } from '../../forms/calendar-pages.js';
import { messagePage } from '../../forms/message-pages.js';
import {
  type AfspraakFormInput,
  coordinatorOverviewPage,
  type MededelingFormInput,
  overviewProblemPage,
  partnerOverviewPage,
  schoolOverviewPage,
} from '../../forms/overview-pages.js';
import { submitAfspraak } from '../app/afspraken.js';
import { KEY_BY_BODY } from '../app/intake.js';
import { mededelingSchools, submitMededeling } from '../app/mededelingen.js';
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
import {
  ClientError,
  DependencyUnavailableError,
  UnauthorizedError,
  unavailableMessage,
} from '../domain/errors.js';
import { IDEMPOTENCY_KEY } from '../domain/fields.js';
import type { OverviewFilter } from '../domain/overview.js';
import { isActiveOn, type Party } from '../domain/parties.js';
import { reportCsv } from '../domain/report.js';
import type { Submission } from '../domain/submission.js';
import { amsterdamDate, parseDate } from '../domain/time.js';
import { WIJKEN } from '../domain/wijken.js';
import { header, parseBody } from '../http/body.js';
import { type HttpResult, htmlPage, json, redirect } from '../http/responses.js';

export const OVERVIEW_ROUTE_KEYS = [
  'GET /overzicht',
  'GET /overzicht/{token}',
  'POST /overzicht/{token}/mededeling',
  'POST /overzicht/{token}/afspraak',
] as const;

const KINDS = ['melding', 'voorlichting', 'beeindiging', 'mededeling', 'afspraak'] as const;
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
    else
      problems.push(
        'Kies bij "Soort" meldingen, voorlichting, beëindiging, berichten van de wijkagent of afspraken.',
      );
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

/** The overview routes read like OverviewDeps; the notice form also stores (art. 7). */
export interface OverviewRouteDeps extends OverviewDeps {
  retention: { submissionDays: number; outboxDays: number; idempotencyDays: number };
  maxBodyBytes: number;
  logger?: Pick<Logger, 'info'>;
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
export function createOverviewRoute(deps: OverviewRouteDeps) {
  /** The wijkagent's notice form, with the schools it may address; for every other party nothing. */
  async function mededelingForm(party: Party, extra: Partial<MededelingFormInput> = {}) {
    if (party.role !== 'wijkagent') return undefined;
    const schools = await mededelingSchools(deps, party);
    return {
      schools: schools.map((s) => ({ id: s.id, name: s.name })),
      idempotencyKey: randomUUID(),
      ...extra,
    } satisfies MededelingFormInput;
  }

  /** The notice this party just sent, for the line "verstuurd aan …" after the redirect. */
  async function sentNotice(party: Party, id: string | undefined) {
    if (!id || id.length > 40) return undefined;
    const s = await deps.store.getSubmission<Submission>(id);
    return s?.kind === 'mededeling' && s.party.id === party.id ? { id: s.id, to: s.school.name } : undefined;
  }

  /** The agreement this coordinator just recorded, for the line "vastgelegd" after the redirect. */
  async function sentAgreement(party: Party, id: string | undefined) {
    if (!id || id.length > 40) return undefined;
    const s = await deps.store.getSubmission<Submission>(id);
    return s?.kind === 'afspraak' && s.party.id === party.id ? { id: s.id } : undefined;
  }

  /** The coordinator's agreement form (art. 20), with every active school. */
  async function afspraakForm(extra: Partial<AfspraakFormInput> = {}): Promise<AfspraakFormInput> {
    const today = amsterdamDate(deps.now());
    const schools = (await deps.store.listDirectory())
      .filter((p) => p.kind === 'school' && isActiveOn(p, today))
      .sort((a, b) => String(a.wijk).localeCompare(String(b.wijk)) || a.name.localeCompare(b.name));
    return {
      schools: schools.map((s) => ({ id: s.id, name: s.name, wijk: s.wijk })),
      idempotencyKey: randomUUID(),
      ...extra,
    };
  }

  /** The overview again, with the form's values and errors next to its fields (a form post without JS). */
  async function pageWithErrors(
    kind: 'mededeling' | 'afspraak',
    party: Party,
    token: string,
    error: ClientError,
    fields: Record<string, unknown>,
  ) {
    const state = { values: fields, errors: error.errors };
    if (kind === 'afspraak')
      return htmlPage(
        error.statusCode,
        coordinatorOverviewPage({
          party,
          token,
          overview: await coordinatorOverview(deps, party),
          afspraak: await afspraakForm(state),
        }),
      );
    const today = amsterdamDate(deps.now());
    const mededeling = await mededelingForm(party, state);
    return htmlPage(
      error.statusCode,
      partnerOverviewPage({
        party,
        token,
        rows: await partnerOverview(deps, party, {}),
        filter: {},
        period: periodOf(today, {}),
        ...(mededeling ? { mededeling } : {}),
      }),
    );
  }

  /**
   * `POST /overzicht/{token}/mededeling` (the wijkagent, art. 7) and `/afspraak` (the coordinator,
   * art. 20): JSON answers 201 or a problem; a form post is sent on to the overview (303) or gets the
   * overview again with the errors next to the fields.
   */
  async function post(event: APIGatewayProxyEventV2, kind: 'mededeling' | 'afspraak'): Promise<HttpResult> {
    const body = parseBody(event, deps.maxBodyBytes);
    const token = event.pathParameters?.token ?? '';
    const form = body.format === 'form';
    let party: Party | undefined;
    try {
      party = await partyByOverviewToken(deps, token);
      const fromHeader = header(event, 'idempotency-key');
      const fromField = typeof body.fields.idempotencyKey === 'string' ? body.fields.idempotencyKey : '';
      const key = fromHeader ?? (fromField || KEY_BY_BODY);
      if (key !== KEY_BY_BODY && !IDEMPOTENCY_KEY.test(key))
        throw new ClientError(400, [
          {
            path: 'idempotencyKey',
            message: 'De idempotentiesleutel bestaat uit 8 tot 100 letters, cijfers, - of _.',
          },
        ]);
      const submit = kind === 'afspraak' ? submitAfspraak : submitMededeling;
      const accepted = await submit(deps, party, body.fields, key);
      deps.logger?.info(`${kind} recorded`, { id: accepted.response.id, replayed: accepted.replayed });
      if (form) return redirect(`/overzicht/${token}?verstuurd=${encodeURIComponent(accepted.response.id)}`);
      return json(201, accepted.response, accepted.replayed ? { 'idempotent-replayed': 'true' } : {});
    } catch (error) {
      if (!form) throw error;
      if (error instanceof DependencyUnavailableError)
        return htmlPage(
          503,
          messagePage('Tijdelijk niet bereikbaar', [
            unavailableMessage,
            'Ga terug en verstuur het formulier opnieuw.',
          ]),
          { 'retry-after': '5' },
        );
      if (error instanceof UnauthorizedError)
        return htmlPage(401, overviewProblemPage(error.errors[0]?.message ?? ''));
      const mayUse = party?.role === (kind === 'afspraak' ? 'convenantcoordinator' : 'wijkagent');
      if (error instanceof ClientError && party && mayUse && error.statusCode < 500)
        return pageWithErrors(kind, party, token, error, body.fields);
      if (error instanceof ClientError && error.statusCode === 403)
        return htmlPage(403, overviewProblemPage(error.errors[0]?.message ?? ''));
      throw error;
    }
  }

  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    if (event.routeKey === 'POST /overzicht/{token}/mededeling') return post(event, 'mededeling');
    if (event.routeKey === 'POST /overzicht/{token}/afspraak') return post(event, 'afspraak');
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
        const recorded = await sentAgreement(party, query.verstuurd);
        return htmlPage(
          200,
          coordinatorOverviewPage({
            party,
            token,
            overview,
            afspraak: await afspraakForm(recorded ? { sent: recorded } : {}),
          }),
        );
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
      const sent = await sentNotice(party, query.verstuurd);
      const mededeling = await mededelingForm(party, sent ? { sent } : {});
      return htmlPage(
        error ? 400 : 200,
        partnerOverviewPage({
          party,
          token,
          rows,
          filter,
          period,
          ...(error ? { filterError: error } : {}),
          ...(mededeling ? { mededeling } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof UnauthorizedError)
        return htmlPage(401, overviewProblemPage(error.errors[0]?.message ?? ''));
      throw error;
    }
  };
}
