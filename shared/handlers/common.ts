import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ClientError, DependencyUnavailableError } from '../domain/errors.js';
import { errorResponse, internalErrorResponse } from '../http/problems.js';
import type { HttpResult } from '../http/responses.js';
import { API_VERSION } from '../http/version.js';

/**
 * The powerful browser features no page of this service uses, switched off. Only names every current
 * browser knows: middy's default list holds retired and experimental names, and Chromium logs a
 * warning for each of those on every page.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/**
 * Security headers on every response. The CSP allows only this origin's stylesheet, font and script
 * (no inline script), forbids framing, and the referrer is never sent because form keys sit in the URL.
 */
const middySecurityHeaders = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => {
  const helmet = httpSecurityHeaders({
    contentSecurityPolicy: {
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
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
    permissionsPolicy: false,
    poweredBy: false,
    reportingEndpoints: false,
    reportTo: false,
  } as unknown as Parameters<typeof httpSecurityHeaders>[0]) as MiddlewareObj<
    APIGatewayProxyEventV2,
    HttpResult
  >;
  const withPermissions = (request: { response?: HttpResult | null }) => {
    if (request.response?.headers) request.response.headers['Permissions-Policy'] = PERMISSIONS_POLICY;
  };
  return {
    after: async (request) => {
      await helmet.after?.(request);
      withPermissions(request);
    },
    onError: async (request) => {
      await helmet.onError?.(request);
      withPermissions(request);
    },
  };
};

/**
 * The headers of the API Design Rules that every response carries, whatever answered it (handler,
 * error, problem): `API-Version` (/core/version-header), and from the transport section's security
 * headers what middy sets for HTML only: `no-store` unless the handler chose a cache policy (static
 * assets), `nosniff`, `X-Frame-Options: DENY` and a CSP of `frame-ancestors 'none'` for JSON too.
 */
export function apiHeaders(): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  const add = async (request: { response?: HttpResult | null }) => {
    const response = request.response;
    if (!response) return;
    response.headers = response.headers ?? {};
    const headers = response.headers;
    const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
    headers['api-version'] = API_VERSION;
    if (!has('cache-control')) headers['cache-control'] = 'no-store';
    if (!has('x-content-type-options')) headers['x-content-type-options'] = 'nosniff';
    if (!has('x-frame-options')) headers['x-frame-options'] = 'DENY';
    if (!has('content-security-policy'))
      headers['content-security-policy'] = "default-src 'none'; frame-ancestors 'none'";
  };
  return { after: add, onError: add };
}

/** Security headers and the API version, on every response of an HTTP function. */
export const securityHeaders = () => [middySecurityHeaders(), apiHeaders()];

/**
 * Turns every error into problem details (RFC 9457, see `shared/http/problems.ts`): the user's own
 * mistakes with their Dutch messages, an unavailable store as 503 (safe to retry), anything else as
 * a 500 that hides the details. Logs carry the error's name, never the request body.
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
        request.response = errorResponse(error);
        return;
      }
      if (error instanceof DependencyUnavailableError) {
        logger.warn('dependency unavailable', { dependency: error.dependency, cause: causeName(error) });
        request.response = errorResponse(error);
        return;
      }
      logger.error('unexpected error', { errorName: error?.name, errorMessage: error?.message });
      request.response = internalErrorResponse();
    },
  };
}

export const causeName = (error: Error): string | undefined => {
  const cause = (error as { cause?: { name?: string; code?: string } }).cause;
  return cause?.code ?? cause?.name;
};
