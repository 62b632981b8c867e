/** What the worker needs of core's deliveries domain. */
export interface DeliveryQueue {
  /**
   * One tick: claims due deliveries (up to the room this instance has left) and attempts
   * them; how many it claimed. Ticks may overlap: core counts what is in flight.
   */
  work(): Promise<number>;
  /** Told of each enqueue on this instance; answers the unsubscribe. */
  onEnqueued(listener: () => void): () => void;
}

/**
 * This instance's delivery worker: a tick every KICI_DELIVERY_TICK_MS, and one at once when
 * this instance enqueues (a test invoke need not wait for the timer). Ticks overlap, so that
 * a slow receiver (up to its timeout) holds only its own deliveries, never the queue behind
 * them; KICI_DELIVERY_CONCURRENCY bounds what is in flight. A tick that claimed work ticks
 * again, so that a backlog drains without waiting for the timer. Every instance runs one;
 * PostgreSQL hands each due delivery to exactly one of them (SKIP LOCKED).
 */
export function startDeliveryWorker(
  queue: DeliveryQueue,
  tickMs: number,
  log: (line: string) => void,
) {
  const running = new Set<Promise<void>>();
  let stopped = false;

  function tick(): void {
    if (stopped) return;
    const ticking: Promise<void> = queue
      .work()
      .then(
        (claimed) => {
          if (claimed > 0) tick();
        },
        (error: unknown) => {
          // The name only: a driver's message could quote a statement's parameters.
          log(`delivery tick failed: ${(error as Error).name}`);
        },
      )
      .finally(() => running.delete(ticking));
    running.add(ticking);
  }

  const timer = setInterval(tick, tickMs);
  timer.unref();
  // After the enqueue's transaction has committed: the listener runs in the caller's stack.
  const unsubscribe = queue.onEnqueued(() => {
    setImmediate(tick);
  });

  return {
    /** Stops the timer and waits for every attempt in flight (the store closes after). */
    async stop() {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      while (running.size > 0) await Promise.all(running);
    },
  };
}
