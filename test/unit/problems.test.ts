import { describe, expect, it } from 'vitest';
import { storeOnce } from '../../shared/app/intake.js';
import { type Store, TransactionRaceError } from '../../shared/app/ports.js';
import {
  ClientError,
  DependencyUnavailableError,
  IdempotencyConflictError,
  IdempotencyInFlightError,
  PersonalDataError,
  ValidationError,
} from '../../shared/domain/errors.js';
import { errorResponse, PROBLEM_BASE, problemKindOf } from '../../shared/http/problems.js';
import { API_VERSION } from '../../shared/http/version.js';

const bodyOf = (error: unknown) => {
  const response = errorResponse(error);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['api-version']).toBe(API_VERSION);
  const body = JSON.parse(String(response.body));
  expect(body.status).toBe(response.statusCode);
  return body;
};

describe('Problem details (RFC 9457)', () => {
  it('gives every invalid field at once, with name and reason, under the invalid-input type', () => {
    const body = bodyOf(
      new ValidationError([
        { path: 'category', message: 'Kies wat voor melding het is.' },
        { path: 'description', message: 'Beschrijf kort wat er gebeurde.' },
      ]),
    );
    expect(body).toEqual({
      type: `${PROBLEM_BASE}ongeldige-invoer`,
      status: 400,
      title: 'De invoer is niet geldig',
      detail: expect.stringContaining('category, description'),
      invalidParams: [
        { name: 'category', reason: 'Kies wat voor melding het is.' },
        { name: 'description', reason: 'Beschrijf kort wat er gebeurde.' },
      ],
    });
  });

  it('has its own types for personal data (400) and for idempotency keys (422 reused, 409 in flight)', () => {
    expect(
      bodyOf(new PersonalDataError([{ path: 'description', message: 'Persoonsgegevens.' }])),
    ).toMatchObject({
      type: `${PROBLEM_BASE}persoonsgegevens`,
      status: 400,
    });
    expect(bodyOf(new IdempotencyConflictError())).toMatchObject({
      type: `${PROBLEM_BASE}idempotentiesleutel-hergebruikt`,
      status: 422,
    });
    expect(bodyOf(new IdempotencyInFlightError())).toMatchObject({
      type: `${PROBLEM_BASE}idempotentiesleutel-in-behandeling`,
      status: 409,
    });
    expect(problemKindOf(new ClientError(409, [{ path: 'token', message: 'Al gebruikt.' }]))).toBe(
      'al-beantwoord',
    );
  });

  it('answers a missing dependency with 503 and Retry-After, anything else with a 500 that hides it', () => {
    const unavailable = errorResponse(new DependencyUnavailableError('dynamodb'));
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('5');
    const hidden = bodyOf(new TypeError('secret internals at file.ts:1:2'));
    expect(hidden.status).toBe(500);
    expect(JSON.stringify(hidden)).not.toMatch(/secret|file\.ts/);
  });
});

describe('An idempotency key still in flight', () => {
  it('answers 409 when the key stays contended through every retry, and stores nothing', async () => {
    let writes = 0;
    const store = {
      getIdempotency: async () => undefined,
      writeSubmission: async () => {
        writes++;
        throw new TransactionRaceError(['ConditionalCheckFailed']);
      },
    } as unknown as Store;
    const attempt = storeOnce(
      {
        store,
        now: () => new Date('2026-11-28T10:00:00Z'),
        retention: { submissionDays: 730, outboxDays: 90, idempotencyDays: 7 },
      },
      {
        party: { id: 'lyceum-de-proefhoek' } as never,
        idempotencyKey: 'in-behandeling-0001',
        body: { a: 1 },
        build: () => ({
          id: 'M-1',
          submission: { id: 'M-1', kind: 'melding', createdAt: '2026-11-28T10:00:00.000Z' },
          outbox: [],
          response: { id: 'M-1', status: 'ontvangen', notified: [] },
        }),
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(IdempotencyInFlightError);
    expect(writes).toBeGreaterThan(1);
  });
});
