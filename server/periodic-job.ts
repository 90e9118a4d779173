/**
 * A background job of the server process: `work` runs once at start and then every `intervalMs`,
 * one run at a time (a run that outlasts the interval is not overlapped by the next), until
 * stopped. `work` contains its own failures (README Decisions, "Background failures are
 * contained"); the timer never keeps the process alive.
 */
export type PeriodicJob<T> = {
  /** Runs now, after any run in progress (which may have read an earlier clock). */
  runNow(): Promise<T | null>;
  /** No run starts after this; resolves when the one in progress ends. */
  stop(): Promise<void>;
};

export function startPeriodicJob<T>(work: () => Promise<T>, intervalMs: number): PeriodicJob<T> {
  let running: Promise<T> | null = null;
  let stopped = false;
  const run = (): Promise<T | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= work().finally(() => (running = null));
    return running;
  };

  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  void run();

  return {
    async runNow() {
      await running;
      return run();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
