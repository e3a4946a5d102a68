import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ClientError, DependencyUnavailableError, unavailableMessage } from '../domain/errors.js';
import { errorJson, type HttpResult } from '../http/responses.js';

/**
 * Security headers on every response. The CSP allows only this origin's stylesheet and script (no
 * inline script), forbids framing, and the referrer is never sent because form keys sit in the URL.
 */
export const securityHeaders = () =>
  httpSecurityHeaders({
    contentSecurityPolicy: {
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
      sandbox: false,
      'navigate-to': false,
      'report-to': false,
      'require-trusted-types-for': false,
      'trusted-types': false,
      'upgrade-insecure-requests': false,
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    poweredBy: false,
    reportingEndpoints: false,
    reportTo: false,
  } as unknown as Parameters<typeof httpSecurityHeaders>[0]);

/**
 * Turns every error into the contract's JSON shape: the user's own mistakes with their Dutch
 * messages, an unavailable store as 503 (safe to retry), anything else as a 500 that hides the
 * details. Logs carry the error's name, never the request body.
 */
export function jsonErrors(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof ClientError) {
        logger.info('request refused', {
          statusCode: error.statusCode,
          fields: error.errors.map((e) => e.path),
        });
        request.response = errorJson(error.statusCode, error.errors, error.headers);
        return;
      }
      if (error instanceof DependencyUnavailableError) {
        logger.warn('dependency unavailable', { dependency: error.dependency, cause: causeName(error) });
        request.response = errorJson(503, [{ path: '', message: unavailableMessage }], {
          'retry-after': '5',
        });
        return;
      }
      logger.error('unexpected error', { errorName: error?.name, errorMessage: error?.message });
      request.response = errorJson(500, [
        {
          path: '',
          message: 'Er ging aan onze kant iets mis. Probeer het later opnieuw; de beheerder is gewaarschuwd.',
        },
      ]);
    },
  };
}

export const causeName = (error: Error): string | undefined => {
  const cause = (error as { cause?: { name?: string; code?: string } }).cause;
  return cause?.code ?? cause?.name;
};
