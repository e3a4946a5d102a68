import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The client's address for per-source rate limits. Behind CloudFront (the `edge` setting) the API
 * sees an edge location, so the viewer's address comes from the header CloudFront sets itself
 * (CloudFront-Viewer-Address, "ip:port"); the execute-api URL is off then, so nobody can forge it.
 */
export function sourceAddress(event: APIGatewayProxyEventV2, viewerHeader?: string): string | undefined {
  if (viewerHeader) {
    const value = event.headers?.[viewerHeader.toLowerCase()];
    const colon = value?.lastIndexOf(':') ?? -1;
    if (value && colon > 0) return value.slice(0, colon);
  }
  return event.requestContext?.http?.sourceIp;
}
