import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { OPENAPI_TEMPLATE_FILE } from '../../forms/build.js';
import { createHealthHandler } from '../../shared/handlers/health.js';
import { openApiDocument, openApiTemplate } from '../../shared/http/openapi.js';
import { fillOpenApi } from '../../shared/http/openapi-fill.js';
import { PROBLEM_KINDS, problemType } from '../../shared/http/problems.js';
import { API_PREFIX, OPENAPI_PATH, ROUTES } from '../../shared/http/routes.js';
import { API_VERSION } from '../../shared/http/version.js';

const RULESET = 'test/fixtures/adr-ruleset.yaml';
const SHARED_RULESET = '../shared/adr-ruleset.yaml';

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

/** Runs the pinned Spectral CLI with the Logius ruleset on a description; returns its findings. */
async function spectral(document: unknown): Promise<SpectralResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const run = await promisify(execFile)(
      process.execPath,
      [
        'node_modules/@stoplight/spectral-cli/dist/index.js',
        'lint',
        '-r',
        RULESET,
        '-f',
        'json',
        '--quiet',
        '-F',
        'hint',
        file,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return JSON.parse(run.stdout || '[]') as SpectralResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const errorsOf = (results: SpectralResult[]) =>
  results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);

describe('The OpenAPI description against the API Design Rules (Logius Spectral ruleset)', () => {
  it('uses the ruleset unchanged: the copy in the repository equals the shared one', () => {
    const copy = readFileSync(RULESET, 'utf8');
    expect(copy).toContain('Logius-standaarden/API-Design-Rules');
    if (existsSync(SHARED_RULESET)) expect(copy).toBe(readFileSync(SHARED_RULESET, 'utf8'));
  });

  it('reports no errors on the generated description', async () => {
    // Served locally the first server is plain http: the ruleset warns about it, which also shows it ran.
    const results = await spectral(openApiDocument({ origin: 'http://localhost:3000' }));
    expect(errorsOf(results)).toEqual([]);
    expect(results.map((r) => r.code)).toContain('nlgov:servers-use-https');
  }, 60_000);
});

describe('The OpenAPI description covers the route table', () => {
  const document = openApiDocument() as {
    info: { version: string };
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, any> };
  };

  it('has every JSON route, versioned, and the unversioned ones marked deprecated', () => {
    for (const route of ROUTES.filter((r) => r.api)) {
      const method = route.method.toLowerCase();
      if (route.api === 'current') {
        const operation = document.paths[route.path.slice(API_PREFIX.length)]?.[method];
        expect(operation, route.path).toBeDefined();
        expect(operation.deprecated, route.path).toBeUndefined();
      } else {
        const operation = document.paths[route.path]?.[method];
        expect(operation, route.path).toBeDefined();
        expect(operation.deprecated, route.path).toBe(true);
      }
    }
    expect(document.paths['/openapi.json']?.get).toBeDefined();
    expect(document.info.version).toBe(API_VERSION);
  });

  it('takes the request fields from the zod schemas (one source of truth)', () => {
    const melding = document.components.schemas.Melding;
    expect(melding.additionalProperties).toBe(false);
    expect(melding.properties.category.enum).toEqual([
      'strafbaar-feit',
      'onveilige-situatie',
      'overlast-omgeving',
      'zorgsignaal',
    ]);
    expect(melding.properties.description.maxLength).toBe(2000);
    expect(document.components.schemas.Voorlichting.properties.audience.items.enum).toContain('ouders');
  });

  it('documents every problem type', () => {
    const text = JSON.stringify(document);
    for (const kind of Object.keys(PROBLEM_KINDS)) expect(text).toContain(problemType(kind as never));
  });
});

describe('The OpenAPI description the health function serves: built once, filled in per request', () => {
  const built = () => readFileSync(OPENAPI_TEMPLATE_FILE, 'utf8');

  it('is built from the live zod schemas: the file equals the template of today’s code', () => {
    // vitest.config.ts runs forms/build.ts first, like every entry point (ADR 0011).
    expect(JSON.parse(built())).toEqual(openApiTemplate());
  });

  it('does not depend on the day it was built: only the examples’ dates change, when filled in', () => {
    const winter = new Date('2026-12-19T09:00:00Z');
    const summer = new Date('2027-07-05T09:00:00Z');
    expect(openApiTemplate(winter)).toEqual(openApiTemplate(summer));
    const filled = fillOpenApi(built(), { origin: 'https://school.example.org', now: winter });
    expect(filled).toEqual(openApiDocument({ origin: 'https://school.example.org', now: winter }));
    const text = JSON.stringify(filled);
    expect(text).not.toMatch(/\{\{/);
    expect(text).toContain('"occurredAt":"2026-12-18T10:30:00+01:00"');
    // Three and four weeks after Saturday 19 December are Saturdays: the next Monday is the example.
    expect(text).toContain('"preferredDates":["2027-01-11","2027-01-18"]');
    expect((filled.servers as Array<{ url: string }>)[0]?.url).toBe(
      `https://school.example.org${API_PREFIX}`,
    );
  });

  const event = (routeKey: string) =>
    ({
      routeKey,
      rawPath: routeKey.split(' ')[1],
      headers: { host: 'school.example.org', 'x-forwarded-proto': 'https' },
      requestContext: { http: { method: 'GET' } },
    }) as unknown as APIGatewayProxyEventV2;
  const context = {} as never;
  const logger = new Logger({ logLevel: 'SILENT' });
  const store = { ping: async () => undefined } as never;

  it('serves the built file filled in for the request’s origin and day', async () => {
    const now = new Date('2026-12-24T09:00:00Z');
    const handler = createHealthHandler({ store, logger, now: () => now });
    const response = await handler(event(`GET ${OPENAPI_PATH}`), context);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual(
      openApiDocument({ origin: 'https://school.example.org', now }),
    );
  });

  it('answers 503 in Dutch, not an empty or stale description, when the file is missing', async () => {
    const handler = createHealthHandler({
      store,
      logger,
      now: () => new Date(),
      openApiTemplate: () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })),
    });
    const response = await handler(event(`GET ${OPENAPI_PATH}`), context);
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('De beschrijving van de API is tijdelijk niet beschikbaar.');
  });
});
