import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The invocation an asynchronous call belongs to, with a signal that fires at its deadline. Lambda
 * freezes a container whose invocation timed out: nothing it started is sent afterwards. The local
 * event source runs each invocation in such a scope and aborts it at the function's timeout, and
 * every AWS call (the SES send, each DynamoDB request) refuses to start once it fired.
 */
export const invocationScope = new AsyncLocalStorage<{ signal: AbortSignal }>();

export class InvocationAbandonedError extends Error {
  constructor() {
    super('invocation abandoned at its deadline');
    this.name = 'InvocationAbandonedError';
  }
}

export const currentInvocationSignal = (): AbortSignal | undefined => invocationScope.getStore()?.signal;

export function throwIfAbandoned(): void {
  if (currentInvocationSignal()?.aborted) throw new InvocationAbandonedError();
}

/** The SDK middleware that makes a client refuse requests of an abandoned invocation. */
export const abandonGuard = {
  middleware:
    <A, R>(next: (args: A) => Promise<R>) =>
    (args: A): Promise<R> => {
      throwIfAbandoned();
      return next(args);
    },
  options: { step: 'finalizeRequest', name: 'invocationAbandonGuard' } as const,
};
