import {
  ClientError,
  IdempotencyConflictError,
  IdempotencyInFlightError,
  UnauthorizedError,
} from '../domain/errors.js';
import { authenticatingFormKey } from '../domain/fields.js';
import { hashFormKey } from '../domain/form-keys.js';
import { isActiveOn, type Party } from '../domain/parties.js';
import { amsterdamDate } from '../domain/time.js';
import { canonicalJson, sha256 } from './ids.js';
import type { IntakeCache } from './intake-cache.js';
import { newOutboxItem } from './outbox.js';
import {
  type DirectoryRepository,
  type NewOutboxItem,
  type RateCounter,
  type Store,
  type SubmissionGuards,
  type SubmissionRecord,
  TransactionRaceError,
} from './ports.js';

export interface IntakeDeps {
  store: Store;
  now: () => Date;
  retention: { submissionDays: number; outboxDays: number; idempotencyDays: number };
  /** Form keys and directory per container for a short time; absent: every request reads the store. */
  cache?: IntakeCache;
  /** This request's rate-limit counters: counted inside the submission's transaction. */
  counters?: RateCounter[];
}

/** The directory for routing: from the container's cache when there is one. */
export const directoryOf = (deps: Pick<IntakeDeps, 'store' | 'cache'>): Promise<Party[]> =>
  deps.cache ? deps.cache.listDirectory(deps.store) : deps.store.listDirectory();

export interface SubmissionResponse {
  id: string;
  status: string;
  notified: string[];
  [extra: string]: unknown;
}

export interface Accepted {
  response: SubmissionResponse;
  /** True when this was a repeat of an earlier request with the same key and body. */
  replayed: boolean;
}

const DAY_S = 86_400;

/**
 * 401 for a missing or unknown key, 403 for a key of a party that may not use this form. With a
 * cache the answer may be a few seconds old; storeOnce then proves the key inside its transaction.
 */
export async function authenticate(
  store: DirectoryRepository,
  today: string,
  raw: Record<string, unknown>,
  allowed: (party: Party) => boolean,
  forbiddenMessage: string,
  cache?: IntakeCache,
): Promise<Party> {
  const formKey = raw.formKey;
  if (typeof formKey !== 'string' || formKey.trim() === '') {
    throw new UnauthorizedError(
      'De formuliersleutel ontbreekt. Open het formulier via de persoonlijke link van uw organisatie.',
    );
  }
  if (formKey.length > 200) throw new UnauthorizedError();
  const key = authenticatingFormKey(formKey);
  const party = cache ? await cache.partyOf(store, key) : await store.findPartyByFormKey(key);
  if (!party || !isActiveOn(party, today)) throw new UnauthorizedError();
  if (!allowed(party)) throw new ClientError(403, [{ path: 'formKey', message: forbiddenMessage }]);
  return party;
}

/** The schools' forms (melding, voorlichting): only an active school's key gets in. */
export const authenticateSchool = (
  deps: IntakeDeps,
  raw: Record<string, unknown>,
  refusal: string,
): Promise<Party> =>
  authenticate(
    deps.store,
    amsterdamDate(deps.now()),
    raw,
    (party) => party.kind === 'school',
    `${refusal} Gebruik de formulierlink van uw school.`,
    deps.cache,
  );

/**
 * The idempotency key of a request that brought none: the submission is keyed by its party and its
 * canonical body, so an identical repeat within the idempotency window is the same submission.
 */
export const KEY_BY_BODY = 'body';

export interface NewSubmission {
  party: Party;
  /** The plain form key the party was authenticated with: proved current inside the transaction. */
  formKey?: string;
  idempotencyKey: string;
  /** The validated fields; their canonical form decides whether a repeat is "the same body". */
  body: unknown;
  /**
   * Checked before a new submission is written: throws to refuse it. A repeat of a stored
   * submission replays its answer instead, so the record is read only when this refuses.
   */
  precondition?: () => Promise<void>;
  /** The recipients came from the container's cached directory: the transaction checks they are active. */
  routedFromCache?: boolean;
  build: () => {
    id: string;
    /** The submission as stored (the store gives it its key and its place in the index). */
    submission: SubmissionRecord;
    outbox: Array<Pick<NewOutboxItem, 'template' | 'recipientId'>>;
    response: SubmissionResponse;
  };
}

/**
 * Stores a submission exactly once per (party, idempotency key), in one TransactWriteItems that also
 * counts the request's rate limits and proves the form key current. Nothing is read before the
 * write: only when the idempotency record exists already is it read, to replay its answer (same
 * body) or refuse (422). Concurrent repeats race on that record; the losers read the winner's answer.
 */
export async function storeOnce(deps: IntakeDeps, input: NewSubmission): Promise<Accepted> {
  const bodyHash = sha256(canonicalJson(input.body));
  if (input.idempotencyKey === KEY_BY_BODY)
    input = { ...input, idempotencyKey: `body-${bodyHash.slice(0, 48)}` };
  const guards: SubmissionGuards = {
    ...(deps.counters?.length ? { counters: deps.counters } : {}),
    ...(input.formKey
      ? {
          keyCheck: {
            partyId: input.party.id,
            formKeyHash: hashFormKey(authenticatingFormKey(input.formKey)),
            kind: input.party.kind,
            today: amsterdamDate(deps.now()),
          },
        }
      : {}),
  };
  const replayOf = async (): Promise<Accepted | undefined> => {
    const existing = await deps.store.getIdempotency(input.party.id, input.idempotencyKey);
    if (!existing) return undefined;
    if (existing.bodyHash !== bodyHash) throw new IdempotencyConflictError();
    return { response: existing.response as SubmissionResponse, replayed: true };
  };
  if (input.precondition) {
    try {
      await input.precondition();
    } catch (error) {
      const replay = await replayOf();
      if (replay) return replay;
      throw error;
    }
  }
  for (let attempt = 0; attempt < 6; attempt++) {
    const built = input.build();
    if (input.routedFromCache) {
      guards.recipientsActive = {
        partyIds: built.outbox.map((o) => o.recipientId),
        today: amsterdamDate(deps.now()),
      };
    }
    const now = deps.now();
    const nowS = Math.floor(now.getTime() / 1000);
    const outbox = built.outbox.map((o) =>
      newOutboxItem({ ...o, subjectId: built.id }, now, deps.retention.outboxDays),
    );
    try {
      await deps.store.writeSubmission({
        submission: { ...built.submission, ttl: nowS + deps.retention.submissionDays * DAY_S },
        outbox,
        inbox: { submitterId: input.party.id, partyIds: built.outbox.map((o) => o.recipientId) },
        idempotency: {
          partyId: input.party.id,
          key: input.idempotencyKey,
          record: { submissionId: built.id, bodyHash, response: built.response },
          ttl: nowS + deps.retention.idempotencyDays * DAY_S,
        },
        guards,
      });
      return { response: built.response, replayed: false };
    } catch (error) {
      if (!(error instanceof TransactionRaceError)) throw error;
      if (error.idempotencyExists) {
        const replay = await replayOf();
        if (replay) return replay;
      }
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1) + Math.random() * 30));
    }
  }
  // Still contended after every retry: another request with this key is being handled right now.
  throw new IdempotencyInFlightError();
}
