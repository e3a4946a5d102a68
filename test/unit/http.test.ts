import { existsSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../../local/stream.js';
import { OUTBOX_STREAM_FILTER } from '../../shared/adapters/table.js';
import { canonicalJson } from '../../shared/app/ids.js';
import type { ClientError } from '../../shared/domain/errors.js';
import { parseBody } from '../../shared/http/body.js';
import { FUNCTION_SETTINGS, matchPath, ROUTES } from '../../shared/http/routes.js';

const event = (body: string, contentType?: string): APIGatewayProxyEventV2 =>
  ({ headers: contentType ? { 'Content-Type': contentType } : {}, body, isBase64Encoded: false }) as never;

const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 0;
  } catch (error) {
    return (error as ClientError).statusCode;
  }
};

describe('Body parsing', () => {
  it('reads JSON objects and urlencoded forms, repeated fields as lists', () => {
    expect(parseBody(event('{"a":1}', 'application/json; charset=utf-8'), 1000).fields).toEqual({ a: 1 });
    expect(parseBody(event('a=1&b=x&b=y', 'application/x-www-form-urlencoded'), 1000).fields).toEqual({
      a: '1',
      b: ['x', 'y'],
    });
  });

  it('answers 400 for broken JSON or a JSON array, 415 for other types, 413 over the limit', () => {
    expect(statusOf(() => parseBody(event('{', 'application/json'), 1000))).toBe(400);
    expect(statusOf(() => parseBody(event('[1]', 'application/json'), 1000))).toBe(400);
    expect(statusOf(() => parseBody(event('x', 'text/plain'), 1000))).toBe(415);
    expect(statusOf(() => parseBody(event('x'), 1000))).toBe(415);
    expect(statusOf(() => parseBody(event(`{"a":"${'é'.repeat(600)}"}`, 'application/json'), 1000))).toBe(
      413,
    );
  });
});

describe('Route table', () => {
  it('names a function entry file for every handler, with explicit settings', () => {
    for (const route of ROUTES) {
      expect(existsSync(new URL(`../../functions/${route.handler}.ts`, import.meta.url))).toBe(true);
      // An HTTP API gives up after 30 s: a handler behind it must end sooner, within Lambda's memory range.
      const settings = FUNCTION_SETTINGS[route.handler];
      expect(settings.timeoutSeconds).toBeLessThan(30);
      expect(settings.memorySize).toBeGreaterThanOrEqual(128);
      expect(settings.memorySize).toBeLessThanOrEqual(10_240);
    }
  });

  it('matches path parameters', () => {
    expect(matchPath('/formulieren/bevestiging/{id}', '/formulieren/bevestiging/M-1')).toEqual({ id: 'M-1' });
    expect(matchPath('/formulieren/bevestiging/{id}', '/formulieren/bevestiging/')).toBeUndefined();
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/api/meldingen', '/api/meldingen/x')).toBeUndefined();
  });
});

describe('Stream filter', () => {
  const record = (eventName: string, sk: string) => ({ eventName, dynamodb: { Keys: { sk: { S: sk } } } });
  it('passes new outbox items only', () => {
    expect(matchesFilter(record('INSERT', 'OUT#school-a'), OUTBOX_STREAM_FILTER as never)).toBe(true);
    expect(matchesFilter(record('MODIFY', 'OUT#school-a'), OUTBOX_STREAM_FILTER as never)).toBe(false);
    expect(matchesFilter(record('INSERT', 'SUB'), OUTBOX_STREAM_FILTER as never)).toBe(false);
  });
});

describe('Canonical JSON', () => {
  it('gives the same text for the same fields in any order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, z: 'q' }] })).toBe(
      canonicalJson({ a: [{ z: 'q', y: 2 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
