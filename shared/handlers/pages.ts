import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beeindigingForm } from '../../forms/beeindiging-form.js';
import { CSS_NAME, FAVICON_NAME, FONT_NAME, JS_NAME } from '../../forms/generated/asset-names.js';
import {
  accessibilityPage,
  contactPage,
  notFoundPage,
  privacyPage,
  serverErrorPage,
} from '../../forms/info-pages.js';
import { meldingForm } from '../../forms/melding-form.js';
import { keyProblemPage } from '../../forms/message-pages.js';
import { confirmationPage, indexPage } from '../../forms/pages.js';
import { voorlichtingForm } from '../../forms/voorlichting-form.js';
import type { Store } from '../app/ports.js';
import { voorlichtingProviders } from '../app/voorlichting-providers.js';
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
  /** The folder of the static files (forms/generated/assets/ as built); see defaultAssetsDir. */
  assetsDir?: string;
}

const ASSET_TYPES: Record<string, string> = {
  [CSS_NAME]: 'text/css; charset=utf-8',
  [JS_NAME]: 'text/javascript; charset=utf-8',
  [FAVICON_NAME]: 'image/svg+xml',
  [FONT_NAME]: 'font/woff2',
};

/**
 * Where the static files are: in Lambda the CDK copies forms/generated/assets/ next to the function's
 * code (not into its bundle); locally the handler reads the folder the asset build wrote.
 */
export const defaultAssetsDir = (): string =>
  process.env.LAMBDA_TASK_ROOT
    ? join(process.env.LAMBDA_TASK_ROOT, 'assets')
    : fileURLToPath(new URL('../../forms/generated/assets/', import.meta.url));

/**
 * A static file by its hashed name, read when asked for (once per container: the name changes with
 * the content), brotli or gzip as built when the browser accepts it: API Gateway's HTTP API does not compress.
 */
function assetServer(dir: string) {
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const read = (file: string) => {
    let found = cache.get(file);
    if (!found) {
      found = readFile(join(dir, file)).catch(() => undefined);
      cache.set(file, found);
    }
    return found;
  };
  return async (name: string | undefined, acceptEncoding: string): Promise<HttpResult> => {
    const type = name ? ASSET_TYPES[name] : undefined;
    if (!name || !type) return htmlPage(404, notFoundPage('Dit bestand bestaat niet.'));
    const text = name !== FONT_NAME;
    const encoding = !text
      ? undefined
      : /\bbr\b/.test(acceptEncoding)
        ? 'br'
        : /\bgzip\b/.test(acceptEncoding)
          ? 'gzip'
          : undefined;
    const body = await read(encoding === 'br' ? `${name}.br` : encoding === 'gzip' ? `${name}.gz` : name);
    if (!body) throw new Error('static asset missing from the package');
    return {
      statusCode: 200,
      headers: {
        'content-type': type,
        'cache-control': 'public, max-age=31536000, immutable',
        ...(text ? { vary: 'accept-encoding' } : {}),
        ...(encoding ? { 'content-encoding': encoding } : {}),
      },
      body: body.toString('base64'),
      isBase64Encoded: true,
    };
  };
}

export function createPagesHandler(deps: PagesDeps) {
  const asset = assetServer(deps.assetsDir ?? defaultAssetsDir());
  async function route(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const key = event.queryStringParameters?.sleutel?.trim() ?? '';
    switch (event.routeKey) {
      case 'GET /':
        return htmlPage(200, indexPage());
      case 'GET /assets/{file}':
        return await asset(event.pathParameters?.file, event.headers?.['accept-encoding'] ?? '');
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
            ...(form === voorlichtingForm ? { providers: await voorlichtingProviders(deps) } : {}),
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
