import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../shared/domain/signing.js';
import { EXAMPLE_FORM_KEY, EXAMPLE_TOKEN } from '../../shared/http/openapi.js';
import { API_PREFIX, ROUTES } from '../../shared/http/routes.js';
import { API_VERSION } from '../../shared/http/version.js';
import { postJson, startTestStack, type TestStack } from '../support/stack.js';

/**
 * The description cannot drift from the code: every request example in the served description is
 * sent to the running API, and the answer must have the status the example documents and the
 * shape of that response's schema. Every error of every JSON route is a problem (RFC 9457).
 */
const SECRET = 'integration-secret-contract-secret-0001';
let stack: TestStack;
let description: any;

beforeAll(async () => {
  stack = await startTestStack({ env: { ACTION_LINK_SECRET: SECRET } });
});

afterAll(async () => {
  await stack?.stop();
});

type Operation = {
  operationId: string;
  requestBody?: { content: Record<string, { examples?: Record<string, any> }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }
  >;
};

function validator(document: any) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
  return (schema: unknown, value: unknown) => {
    const resolved = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
    const validate = ajv.compile(resolved);
    const ok = validate(value);
    return ok
      ? []
      : (validate.errors ?? []).map(
          (e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`,
        );
  };
}

/** A melding to answer, and a signed link of the given action for its first recipient. */
async function tokenFor(action: string): Promise<string> {
  const res = await postJson(`${stack.url}${API_PREFIX}/meldingen`, {
    formKey: stack.keyOf('lyceum-de-proefhoek'),
    category: 'strafbaar-feit',
    subcategory: 'vernieling',
    location: 'schoolterrein',
    occurredAt: new Date(stack.now().getTime() - 3_600_000).toISOString(),
    description: 'Op het plein is een bank vernield.',
  });
  expect(res.status).toBe(201);
  const now = Math.floor(stack.now().getTime() / 1000);
  return signToken(
    { a: action as never, s: res.body.id, p: res.body.notified[0], i: now, e: now + 86_400 },
    SECRET,
  );
}

const partyFor: Record<string, string> = {
  meldingIndienen: 'lyceum-de-proefhoek',
  voorlichtingAanvragen: 'lyceum-de-proefhoek',
  beeindigingAankondigen: 'jou',
};

describe('The description at /api/v1/openapi.json', () => {
  it('is served with CORS for everyone, the API version and the security headers', async () => {
    const res = await fetch(`${stack.url}${API_PREFIX}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('api-version')).toBe(API_VERSION);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    description = await res.json();
    expect(description.openapi).toMatch(/^3\.1\./);
    expect(description.servers[0].url).toBe(`${stack.url}${API_PREFIX}`);
    // Only the description is open to other origins.
    const health = await fetch(`${stack.url}${API_PREFIX}/health`);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers every request example with its documented status and response shape', async () => {
    const check = validator(description);
    let sent = 0;
    for (const [path, item] of Object.entries<Record<string, Operation>>(description.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'servers' || method === 'parameters') continue;
        const examples = operation.requestBody?.content['application/json']?.examples ?? {};
        for (const [name, example] of Object.entries<any>(examples)) {
          const party = partyFor[operation.operationId];
          const body = JSON.parse(
            JSON.stringify(example.value).replaceAll(
              JSON.stringify(EXAMPLE_FORM_KEY),
              JSON.stringify(party ? stack.keyOf(party) : ''),
            ),
          );
          const concrete = path.includes('{token}')
            ? path.replace('{token}', await tokenFor(example['x-action']))
            : path;
          expect(path.replace('{token}', EXAMPLE_TOKEN)).not.toContain('{');
          const res = await postJson(`${description.servers[0].url}${concrete}`, body, {
            'Idempotency-Key': `contract-${operation.operationId}-${name}-${Date.now()}`,
          });
          const where = `${method.toUpperCase()} ${path} example ${name}`;
          expect(res.status, where).toBe(example['x-expected-status']);
          const response = operation.responses[String(res.status)];
          expect(response, where).toBeDefined();
          const [type, media] = Object.entries(response?.content ?? {})[0] ?? [];
          expect(res.headers.get('content-type'), where).toContain(type);
          expect(check(media?.schema, res.body), where).toEqual([]);
          for (const header of Object.keys(response?.headers ?? {})) {
            if (header === 'API-Version') expect(res.headers.get(header), where).toBe(API_VERSION);
          }
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(8);
  });
});

const problemShape = async (res: Response, status: number) => {
  const where = `${res.url} ${status}`;
  expect(res.status, where).toBe(status);
  expect(res.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
  expect(res.headers.get('api-version'), where).toBe(API_VERSION);
  expect(res.headers.get('cache-control'), where).toBe('no-store');
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(res.headers.get('strict-transport-security'), where).toMatch(/max-age=\d+/);
  expect(res.headers.get('x-frame-options'), where).toBe('DENY');
  expect(res.headers.get('content-security-policy'), where).toContain("frame-ancestors 'none'");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body, where).toMatchObject({
    type: expect.stringMatching(/^https:\/\/veiligschool\.example\.org\/problemen\/[a-z-]+$/),
    status,
    title: expect.any(String),
    detail: expect.any(String),
  });
  return body;
};

describe('Every 4xx and 5xx of every JSON route is a problem (RFC 9457)', () => {
  const postRoutes = ROUTES.filter((r) => r.api && r.method === 'POST');

  it('415, 413 and 400 (malformed JSON) on every POST route, versioned and not', async () => {
    for (const route of postRoutes) {
      const url = `${stack.url}${route.path.replace('{token}', 'v1.kapot.kapot')}`;
      const post = (body: string, type: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
      await problemShape(await post('<x/>', 'text/xml'), 415);
      await problemShape(await post(JSON.stringify({ reason: 'a'.repeat(40_000) }), 'application/json'), 413);
      await problemShape(await post('{"formKey": ', 'application/json'), 400);
    }
  });

  it('401 for a missing key, 403 for another party, 400 with every invalid field at once', async () => {
    for (const route of postRoutes.filter((r) => r.handler === 'intake')) {
      const url = `${stack.url}${route.path}`;
      const post = (body: unknown) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      await problemShape(await post({}), 401);
      if (!route.path.endsWith('beeindigingen'))
        await problemShape(await post({ formKey: stack.keyOf('wijkagent-oost') }), 403);
      const invalid = await problemShape(
        await post({ formKey: stack.keyOf('lyceum-de-proefhoek'), onbekend: 'x', groupSize: 'veel' }),
        400,
      );
      const names = (invalid.invalidParams as Array<{ name: string; reason: string }>).map((p) => p.name);
      expect(names.length, route.path).toBeGreaterThan(1);
      expect(names, route.path).toContain('onbekend');
    }
  });

  it('404 for a tampered link, 410 for an expired one, 409 for one already used', async () => {
    await problemShape(await postJson_(`${API_PREFIX}/acties/v1.kapot.kapot`, {}), 404);
    const token = await tokenFor('gezien');
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const now = Math.floor(stack.now().getTime() / 1000);
    const expired = signToken({ ...claims, i: now - 90 * 86_400, e: now - 3600, n: undefined }, SECRET);
    await problemShape(await postJson_(`${API_PREFIX}/acties/${expired}`, {}), 410);
    expect((await postJson_(`${API_PREFIX}/acties/${token}`, {})).status).toBe(201);
    const terugkoppeling = await tokenFor('terugkoppeling');
    const body = { handling: 'afgehandeld', text: 'Afgehandeld met de school.' };
    expect((await postJson_(`/api/acties/${terugkoppeling}`, body)).status).toBe(201);
    await problemShape(
      await postJson_(`/api/acties/${terugkoppeling}`, { handling: 'in-behandeling', text: 'Toch weer.' }),
      409,
    );
  });

  it('422 for an idempotency key reused with another body, with its own problem type', async () => {
    const base = {
      // Not the party the examples announce with: one open announcement per party (409).
      formKey: stack.keyOf('buurtteam-mbo'),
      reason: 'Onze organisatie fuseert en gaat op in een regionale samenwerking.',
    };
    const headers = { 'content-type': 'application/json', 'idempotency-key': `hergebruik-${Date.now()}` };
    const url = `${stack.url}${API_PREFIX}/beeindigingen`;
    const first = await fetch(url, { method: 'POST', headers, body: JSON.stringify(base) });
    expect(first.status).toBe(201);
    const again = await fetch(url, { method: 'POST', headers, body: JSON.stringify(base) });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...base, reason: `${base.reason} Anders.` }),
    });
    const problem = await problemShape(other, 422);
    expect(problem.type).toBe('https://veiligschool.example.org/problemen/idempotentiesleutel-hergebruikt');
  });

  it('puts the API version and the security headers on successful answers too', async () => {
    for (const path of [`${API_PREFIX}/health`, '/api/health']) {
      const res = await fetch(`${stack.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('api-version')).toBe(API_VERSION);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });
});

const postJson_ = (path: string, body: unknown) =>
  fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
