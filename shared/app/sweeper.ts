import { ClaimedElsewhereError, DeadlineError, deliver, type NotifyDeps } from './notify.js';
import type { OutboxItem } from './ports.js';

export interface SweepResult {
  sent: number;
  /** Claimed by a live lease: the next sweep comes back for them. */
  busy: number;
  failed: number;
  /** Stopped before the deadline with items left: the next sweep goes on. */
  stoppedEarly: boolean;
  /** Age of the oldest item still unsent after this sweep, 0 when none: the alarm's metric. */
  oldestUnsentAgeSeconds: number;
}

export interface SweepOptions {
  /** Items written longer ago than this are the sweeper's: the stream had its chance. */
  sweepAfterMs: number;
  /** Epoch ms after which no new send starts. */
  notAfter: number;
  onFailure?: (item: OutboxItem, error: unknown) => void;
}

/**
 * The safety net behind the stream: every outbox item still unsent some minutes after it was written
 * is delivered here, read from the sparse pending index (a Query, never a Scan). The stream is the
 * fast path; this is the guarantee that nothing waits for an operator.
 */
export async function sweep(deps: NotifyDeps, options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { sent: 0, busy: 0, failed: 0, stoppedEarly: false, oldestUnsentAgeSeconds: 0 };
  const cutoff = new Date(deps.now().getTime() - options.sweepAfterMs);
  outer: for await (const page of deps.store.pendingOutboxBefore(cutoff)) {
    for (const item of page) {
      if (Date.now() > options.notAfter) {
        result.stoppedEarly = true;
        break outer;
      }
      try {
        const outcome = await deliver(deps, { pk: item.pk, sk: item.sk }, { notAfter: options.notAfter });
        if (outcome === 'sent') result.sent++;
      } catch (error) {
        if (error instanceof DeadlineError) {
          result.stoppedEarly = true;
          break outer;
        }
        if (error instanceof ClaimedElsewhereError) result.busy++;
        else {
          result.failed++;
          options.onFailure?.(item, error);
        }
      }
    }
  }
  const oldest = await deps.store.oldestPendingOutbox();
  if (oldest)
    result.oldestUnsentAgeSeconds = Math.max(
      0,
      Math.round((deps.now().getTime() - Date.parse(oldest)) / 1000),
    );
  return result;
}
