import { every } from './periodic.js';

/** What the worker needs of core's deliveries domain. */
export interface DeliveryQueue {
  /** One tick: claims due deliveries and attempts them; how many it attempted. */
  work(): Promise<number>;
  /** Told of each enqueue on this instance; answers the unsubscribe. */
  onEnqueued(listener: () => void): () => void;
}

/**
 * This instance's delivery worker: a tick every KICI_DELIVERY_TICK_MS, and one at once when
 * this instance enqueues (a test invoke need not wait for the timer). Ticks never overlap: a
 * wake during a tick asks for one more, and a tick that found work looks again, so that a
 * backlog drains without waiting for the timer. Every instance runs one; PostgreSQL hands
 * each due delivery to exactly one of them (SKIP LOCKED).
 */
export function startDeliveryWorker(
  queue: DeliveryQueue,
  tickMs: number,
  log: (line: string) => void,
) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function drain() {
    do {
      again = false;
      try {
        if ((await queue.work()) > 0) again = true;
      } catch (error) {
        // The name only: a driver's message could quote a statement's parameters.
        log(`delivery tick failed: ${(error as Error).name}`);
        again = false;
      }
    } while (again && !stopped);
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = every(tickMs, wake);
  // After the enqueue's transaction has committed: the listener runs in the caller's stack.
  const unsubscribe = queue.onEnqueued(() => {
    setImmediate(() => void wake());
  });

  return {
    /** Stops the timer and waits for the tick in flight (the store closes after). */
    async stop() {
      stopped = true;
      unsubscribe();
      await timer.stop();
      await running;
    },
  };
}
