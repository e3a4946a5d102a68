import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sourceAddress } from '../../shared/http/source.js';

const event = (headers: Record<string, string>) =>
  ({ headers, requestContext: { http: { sourceIp: '130.176.1.1' } } }) as unknown as APIGatewayProxyEventV2;

describe('Source address for rate limits', () => {
  it('is the viewer behind CloudFront, IPv4 and IPv6, without the port', () => {
    const header = 'cloudfront-viewer-address';
    expect(sourceAddress(event({ [header]: '198.51.100.7:51234' }), header)).toBe('198.51.100.7');
    expect(sourceAddress(event({ [header]: '2001:db8::7:443' }), header)).toBe('2001:db8::7');
  });

  it('is the caller the API sees without CloudFront, and a header is ignored unless the stack names it', () => {
    expect(sourceAddress(event({}), 'cloudfront-viewer-address')).toBe('130.176.1.1');
    expect(sourceAddress(event({ 'cloudfront-viewer-address': '198.51.100.7:1' }))).toBe('130.176.1.1');
  });
});
