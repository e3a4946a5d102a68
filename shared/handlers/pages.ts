import { randomUUID } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beeindigingForm } from '../../forms/beeindiging-form.js';
import { CSS_NAME, FAVICON_NAME, FONT_NAME, JS_NAME } from '../../forms/generated/asset-names.js';
import { CSS, FAVICON, FONT_BASE64, JS } from '../../forms/generated/assets.js';
import {
  accessibilityPage,
  contactPage,
  notFoundPage,
  privacyPage,
  serverErrorPage,
} from '../../forms/info-pages.js';
import { meldingForm } from '../../forms/melding-form.js';
import { confirmationPage, indexPage, keyProblemPage } from '../../forms/pages.js';
import { voorlichtingForm } from '../../forms/voorlichting-form.js';
import type { Store } from '../app/ports.js';
import { deriveStatus, type SubmissionEvent } from '../domain/actions.js';
import { DependencyUnavailableError } from '../domain/errors.js';
import { isActiveOn } from '../domain/parties.js';
import { type Submission, submitterOf } from '../domain/submission.js';
import { amsterdamDate, formatDutchInput } from '../domain/time.js';
import { type HttpResult, htmlPage } from '../http/responses.js';
import { securityHeaders } from './common.js';
import type { Runtime } from './runtime.js';

export interface PagesDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
}

interface Asset {
  type: string;
  raw: Buffer;
  /** Text assets go compressed when the browser accepts it: API Gateway's HTTP API does not compress. */
  br?: Buffer;
  gzip?: Buffer;
}

const textAsset = (body: string, type: string): Asset => {
  const raw = Buffer.from(body, 'utf8');
  return {
    type,
    raw,
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(raw, { level: 9 }),
  };
};

let assets: Record<string, Asset> | undefined;
/** Built on first use, once per container: compressing at import time would slow every cold start of a page. */
const assetTable = (): Record<string, Asset> =>
  (assets ??= {
    [CSS_NAME]: textAsset(CSS, 'text/css; charset=utf-8'),
    [JS_NAME]: textAsset(JS, 'text/javascript; charset=utf-8'),
    [FAVICON_NAME]: textAsset(FAVICON, 'image/svg+xml'),
    [FONT_NAME]: { type: 'font/woff2', raw: Buffer.from(FONT_BASE64, 'base64') },
  });

function asset(name: string | undefined, acceptEncoding: string): HttpResult {
  const found = name ? assetTable()[name] : undefined;
  if (!found) return htmlPage(404, notFoundPage('Dit bestand bestaat niet.'));
  const encoding =
    found.br && /\bbr\b/.test(acceptEncoding)
      ? 'br'
      : found.gzip && /\bgzip\b/.test(acceptEncoding)
        ? 'gzip'
        : undefined;
  const body = encoding === 'br' ? found.br : encoding === 'gzip' ? found.gzip : found.raw;
  return {
    statusCode: 200,
    headers: {
      'content-type': found.type,
      'cache-control': 'public, max-age=31536000, immutable',
      ...(found.br ? { vary: 'accept-encoding' } : {}),
      ...(encoding ? { 'content-encoding': encoding } : {}),
    },
    body: (body ?? found.raw).toString('base64'),
    isBase64Encoded: true,
  };
}

export function createPagesHandler(deps: PagesDeps) {
  async function route(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const key = event.queryStringParameters?.sleutel?.trim() ?? '';
    switch (event.routeKey) {
      case 'GET /':
        return htmlPage(200, indexPage());
      case 'GET /assets/{file}':
        return asset(event.pathParameters?.file, event.headers?.['accept-encoding'] ?? '');
      case 'GET /privacy':
        return htmlPage(200, privacyPage());
      case 'GET /contact':
        return htmlPage(200, contactPage());
      case 'GET /toegankelijkheid':
        return htmlPage(200, accessibilityPage());
      case 'GET /formulieren/beeindiging': {
        if (!key) return htmlPage(401, keyProblemPage('missing'));
        const party = await deps.store.findPartyByFormKey(key);
        if (!party || !isActiveOn(party, amsterdamDate(deps.now())))
          return htmlPage(401, keyProblemPage('unknown'));
        return htmlPage(
          200,
          beeindigingForm({
            school: party,
            formKey: key,
            idempotencyKey: randomUUID(),
            exampleOccurredAt: '',
          }),
        );
      }
      case 'GET /formulieren/melding':
      case 'GET /formulieren/voorlichting': {
        if (!key) return htmlPage(401, keyProblemPage('missing'));
        const party = await deps.store.findPartyByFormKey(key);
        if (!party || !isActiveOn(party, amsterdamDate(deps.now())))
          return htmlPage(401, keyProblemPage('unknown'));
        if (party.kind !== 'school') return htmlPage(403, keyProblemPage('wrong-party'));
        const form = event.routeKey === 'GET /formulieren/melding' ? meldingForm : voorlichtingForm;
        return htmlPage(
          200,
          form({
            school: party,
            formKey: key,
            idempotencyKey: randomUUID(),
            exampleOccurredAt: formatDutchInput(deps.now()),
          }),
        );
      }
      case 'GET /formulieren/bevestiging/{id}': {
        const id = event.pathParameters?.id ?? '';
        const party = key ? await deps.store.findPartyByFormKey(key) : undefined;
        const submission = party ? await deps.store.getSubmission<Submission>(id) : undefined;
        // Only the school that sent it may see who was told; anyone else learns nothing, not even that it exists.
        if (!party || !submission || submitterOf(submission).id !== party.id) {
          return htmlPage(
            404,
            notFoundPage('Deze bevestiging bestaat niet, of hoort bij een andere organisatie.'),
          );
        }
        const [events, school] = await Promise.all([
          deps.store.listEvents<SubmissionEvent>(submission.id),
          deps.store.getParty(party.id),
        ]);
        const keyParam = `sleutel=${encodeURIComponent(key)}`;
        return htmlPage(
          200,
          confirmationPage({
            submission,
            events,
            status: deriveStatus(submission.kind, events),
            newFormHref: `/formulieren/${submission.kind}?${keyParam}`,
            copyAction: `/formulieren/bevestiging/${encodeURIComponent(submission.id)}/kopie?${keyParam}`,
            copyTo: (school ?? party).email,
            copySent: event.queryStringParameters?.kopie === '1',
          }),
        );
      }
      default:
        return htmlPage(404, notFoundPage());
    }
  }

  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(securityHeaders())
    .handler(async (event) => {
      try {
        return await route(event);
      } catch (error) {
        if (error instanceof DependencyUnavailableError) {
          return htmlPage(503, serverErrorPage('unavailable'), {
            'retry-after': '5',
          });
        }
        deps.logger.error('page failed', { errorName: (error as Error)?.name, routeKey: event.routeKey });
        return htmlPage(500, serverErrorPage('error'));
      }
    });
}

export const pagesFromRuntime = ({ clients, logger, now }: Runtime) =>
  createPagesHandler({ store: clients.store, logger, now });
