import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { HttpResult } from '../shared/http/responses.js';
import { type HttpHandlerName, matchPath, ROUTES, routeKey } from '../shared/http/routes.js';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

/** API Gateway caps an HTTP API payload at 10 MB; the handlers enforce the contract's smaller limit. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

export function fakeContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The event API Gateway (payload 2.0) would hand to the function for this request. */
export function toEvent(
  req: IncomingMessage,
  url: URL,
  route: string,
  params: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    // As HTTP APIs do: text (JSON, text/*) as is, anything else (form posts too) base64-encoded.
    ...(body.length
      ? isTextType(headers['content-type'])
        ? { body: body.toString('utf8'), isBase64Encoded: false }
        : { body: body.toString('base64'), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
}

const isTextType = (contentType: string | undefined): boolean => {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.startsWith('text/') || type.endsWith('+json');
};

function send(res: ServerResponse, result: HttpResult): void {
  res.statusCode = result.statusCode;
  for (const [key, value] of Object.entries(result.headers ?? {})) res.setHeader(key, String(value));
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}

/**
 * Serves the route table with the same handlers the Lambdas run, translating each request into an
 * API Gateway HTTP API event and the handler's result back into a response.
 */
export function createLocalServer(handlers: Record<HttpHandlerName, HttpHandler>): Server {
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      let matched: { route: (typeof ROUTES)[number]; params: Record<string, string> } | undefined;
      for (const route of ROUTES) {
        if (route.method !== method) continue;
        const params = matchPath(route.path, url.pathname);
        if (params) {
          matched = { route, params };
          break;
        }
      }
      if (!matched) {
        res.statusCode = 404;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ message: 'Not Found' }));
        return;
      }
      const body = await readBody(req);
      if (!body) {
        res.statusCode = 413;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
        return;
      }
      const event = toEvent(req, url, routeKey(matched.route), matched.params, body);
      const handler = handlers[matched.route.handler];
      const result = await handler(event, fakeContext(matched.route.handler));
      send(res, result);
    } catch (error) {
      console.error('local server: handler threw', (error as Error)?.name);
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
}
