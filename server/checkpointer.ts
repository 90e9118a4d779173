import { Worker } from "node:worker_threads";
import { faultActive } from "./faults";
import { log } from "./log";

/**
 * SQLite checkpoints the write-ahead log into the database file every 1,000 pages by default, on
 * the connection whose commit crossed the line: on our main thread, a pause of tens to hundreds of
 * milliseconds in the middle of live editing. The server's connections turn that off
 * (`wal_autocheckpoint = 0`) and this worker thread checkpoints passively once a second instead,
 * so the event loop never waits for it.
 */
export function startCheckpointer(file: string, intervalMs = 1_000) {
  const worker = new Worker(new URL("./checkpoint-worker.mjs", import.meta.url), { workerData: { file, intervalMs, fault: faultActive("checkpoint") } });
  worker.on("error", (err) => log.error({ err: String(err) }, "WAL checkpointer failed"));
  worker.unref();
  return { stop: () => worker.terminate().then(() => undefined) };
}
