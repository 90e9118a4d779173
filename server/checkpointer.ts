import { Worker } from "node:worker_threads";
import { faultActive } from "./faults";
import { log, stackOf } from "./log";
import { backoffMs } from "./retry";

/** A worker that dies is started again after 1 s, then 2, 4, ... up to a minute. */
const RESTART_BASE_MS = 1_000;
const RESTART_MAX_MS = 60_000;
/** A worker that ran this long before dying starts the backoff afresh. */
const HEALTHY_AFTER_MS = 60_000;

/**
 * SQLite checkpoints the write-ahead log into the database file every 1,000 pages by default, on
 * the connection whose commit crossed the line: on our main thread, a pause of tens to hundreds of
 * milliseconds in the middle of live editing. The server's connections turn that off
 * (`wal_autocheckpoint = 0`) and this worker thread checkpoints passively once a second instead,
 * so the event loop never waits for it.
 *
 * If the worker dies (it cannot open the database, an error it does not catch), nothing is lost:
 * commits still go to the WAL, which only grows until a checkpoint copies it back. So the failure
 * is logged with its stack and the worker is started again after a backoff; the server keeps going.
 */
export function startCheckpointer(file: string, intervalMs = 1_000) {
  let worker: Worker | null = null;
  let restart: NodeJS.Timeout | null = null;
  let stopped = false;
  let failures = 0;

  const retryLater = (error: unknown, startedAt: number) => {
    if (stopped) return;
    if (Date.now() - startedAt > HEALTHY_AFTER_MS) failures = 0;
    failures++;
    const retryInMs = backoffMs(failures, RESTART_BASE_MS, RESTART_MAX_MS);
    log.error({ failures, retryInMs, err: stackOf(error) }, "WAL checkpointer failed; the WAL grows until it runs again; restarting it later");
    restart = setTimeout(start, retryInMs);
    restart.unref();
  };

  function start() {
    restart = null;
    if (stopped) return;
    const startedAt = Date.now();
    let failure: unknown = new Error("the checkpoint worker exited");
    let current: Worker;
    try {
      current = new Worker(new URL("./checkpoint-worker.mjs", import.meta.url), { workerData: { file, intervalMs, fault: faultActive("checkpoint") } });
    } catch (error) {
      return retryLater(error, startedAt);
    }
    current.on("error", (error) => (failure = error));
    current.on("exit", () => {
      if (worker !== current) return; // stopped, or replaced
      worker = null;
      retryLater(failure, startedAt);
    });
    current.unref();
    worker = current;
  }

  start();
  return {
    stop: async () => {
      stopped = true;
      if (restart) clearTimeout(restart);
      const current = worker;
      worker = null;
      await current?.terminate();
    },
  };
}
