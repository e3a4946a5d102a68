import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beeindigingForm } from '../../forms/beeindiging-form.js';
import { CSS_NAME, JS_NAME } from '../../forms/generated/asset-names.js';
import { CSS, JS } from '../../forms/generated/assets.js';
import { meldingForm } from '../../forms/melding-form.js';
import { confirmationPage, indexPage, keyProblemPage, messagePage } from '../../forms/pages.js';
import { voorlichtingForm } from '../../forms/voorlichting-form.js';
import type { CovenantStore } from '../adapters/store.js';
import { DependencyUnavailableError, unavailableMessage } from '../domain/errors.js';
import { isActiveOn } from '../domain/parties.js';
import { type Submission, submitterOf } from '../domain/submission.js';
import { amsterdamDate, formatDutchInput } from '../domain/time.js';
import { type HttpResult, htmlPage } from '../http/responses.js';
import { securityHeaders } from './common.js';
import type { Runtime } from './runtime.js';

export interface PagesDeps {
  store: CovenantStore;
  logger: Logger;
  now: () => Date;
}

const ASSETS: Record<string, { body: string; type: string }> = {
  [CSS_NAME]: { body: CSS, type: 'text/css; charset=utf-8' },
  [JS_NAME]: { body: JS, type: 'text/javascript; charset=utf-8' },
};

function asset(name: string | undefined): HttpResult {
  const found = name ? ASSETS[name] : undefined;
  if (!found) return htmlPage(404, messagePage('Niet gevonden', ['Dit bestand bestaat niet.']));
  return {
    statusCode: 200,
    headers: { 'content-type': found.type, 'cache-control': 'public, max-age=31536000, immutable' },
    body: found.body,
  };
}

export function createPagesHandler(deps: PagesDeps) {
  async function route(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const key = event.queryStringParameters?.sleutel?.trim() ?? '';
    switch (event.routeKey) {
      case 'GET /':
        return htmlPage(200, indexPage());
      case 'GET /assets/{file}':
        return asset(event.pathParameters?.file);
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
            messagePage('Niet gevonden', [
              'Deze bevestiging bestaat niet, of hoort bij een andere organisatie.',
            ]),
          );
        }
        return htmlPage(
          200,
          confirmationPage({
            kind: submission.kind,
            id: submission.id,
            createdAt: submission.createdAt,
            recipients: submission.recipients,
            gaps: submission.gaps,
            newFormHref: `/formulieren/${submission.kind}?sleutel=${encodeURIComponent(key)}`,
          }),
        );
      }
      default:
        return htmlPage(404, messagePage('Niet gevonden', ['Deze pagina bestaat niet.']));
    }
  }

  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(securityHeaders())
    .handler(async (event) => {
      try {
        return await route(event);
      } catch (error) {
        if (error instanceof DependencyUnavailableError) {
          return htmlPage(503, messagePage('Tijdelijk niet bereikbaar', [unavailableMessage]), {
            'retry-after': '5',
          });
        }
        deps.logger.error('page failed', { errorName: (error as Error)?.name, routeKey: event.routeKey });
        return htmlPage(
          500,
          messagePage('Er ging iets mis', ['Er ging aan onze kant iets mis. Probeer het later opnieuw.']),
        );
      }
    });
}

export const pagesFromRuntime = ({ clients, logger, now }: Runtime) =>
  createPagesHandler({ store: clients.store, logger, now });
