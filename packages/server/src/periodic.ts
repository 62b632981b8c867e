/**
 * A timer for periodic work (backend sync, run cleanup): a tick is skipped while the last one
 * is still running, and `stop()` waits for the one in flight, so that the store is never
 * closed under a tick (which would then fail and say so in the log).
 */
export function every(ms: number, tick: () => Promise<void>) {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = tick().finally(() => {
      running = undefined;
    });
  }, ms);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
