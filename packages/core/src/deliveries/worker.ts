import { CALLBACK_TIMEOUT_MAX_MS } from '@kici/contracts/vocabulary';
import type { Repositories, Store } from '../store.js';
import { type AttemptDeps, type AttemptResult, attemptDelivery } from './attempt.js';
import { LEASE_MARGIN_MS } from './config.js';
import type { DeliveryRead, DeliveryWithPayload } from './port.js';

/** Records the reads of a delivery in its completion's transaction (the access log's hook). */
export type RecordReads = (tx: Repositories, reads: readonly DeliveryRead[]) => Promise<void>;

export interface WorkerDeps extends AttemptDeps {
  readonly store: AttemptDeps['store'] & Pick<Store, 'deliveries' | 'transaction'>;
  readonly recordReads: RecordReads;
  readonly instanceId: string;
}

/**
 * One worker tick: claims due deliveries (at most `concurrency` in flight on this instance),
 * attempts them concurrently, and records each attempt, the delivery's new state and the
 * reads in ONE transaction. Answers how many were attempted.
 */
export function createWorker(deps: WorkerDeps) {
  const { store, config, instanceId } = deps;
  // A manifest may ask for up to CALLBACK_TIMEOUT_MAX_MS: the lease outlives any attempt.
  const leaseMs = Math.max(config.timeoutMs, CALLBACK_TIMEOUT_MAX_MS) + LEASE_MARGIN_MS;
  let inFlight = 0;

  async function run(delivery: DeliveryWithPayload) {
    const startedAt = new Date();
    let result: AttemptResult;
    try {
      result = await attemptDelivery(deps, delivery);
    } catch (error) {
      // A bug or a lost database: retried later like a transient failure, the cause named.
      const reason = error instanceof Error ? error.name : 'error';
      result = {
        status: delivery.attempts >= delivery.maxAttempts ? 'failed' : 'pending',
        outcome: delivery.attempts >= delivery.maxAttempts ? 'failed' : 'retry',
        statusCode: null,
        error: `internal error (${reason})`,
        retryInMs: config.retryBaseMs,
        reads: [],
      };
    }
    const latencyMs = Date.now() - startedAt.getTime();
    await store.transaction(async (tx) => {
      const recorded = await tx.deliveries.complete({
        id: delivery.id,
        instanceId,
        status: result.status,
        ...(result.retryInMs === undefined ? {} : { retryInMs: result.retryInMs }),
        attempt: {
          attempt: delivery.attempts,
          startedAt,
          latencyMs,
          statusCode: result.statusCode,
          outcome: result.outcome,
          error: result.error,
        },
      });
      if (recorded && result.reads.length > 0) await deps.recordReads(tx, result.reads);
    });
  }

  return async function work(): Promise<number> {
    const room = config.concurrency - inFlight;
    if (room <= 0) return 0;
    inFlight += room;
    let claimed: DeliveryWithPayload[];
    try {
      claimed = await store.deliveries.claim(instanceId, room, leaseMs);
    } finally {
      inFlight -= room;
    }
    inFlight += claimed.length;
    const settled = await Promise.allSettled(
      claimed.map((delivery) =>
        run(delivery).finally(() => {
          inFlight -= 1;
        }),
      ),
    );
    // A completion that could not be written is attempted again once its lease ends.
    const failure = settled.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    return claimed.length;
  };
}
