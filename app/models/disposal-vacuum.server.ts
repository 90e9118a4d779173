import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { databaseFilePath } from "~/utils/env.server";

// Runs in a worker thread with a connection of its own: VACUUM rewrites the whole file, and on the
// event loop it would stop every live conference and collab edit while it ran.
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
try {
  db.pragma("busy_timeout = 30000");
  db.exec("VACUUM");
  let result = db.pragma("wal_checkpoint(TRUNCATE)")[0];
  for (let i = 0; i < 40 && result.busy; i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    result = db.pragma("wal_checkpoint(TRUNCATE)")[0];
  }
  parentPort.postMessage({ ok: true, busy: result.busy });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error && error.message) });
} finally {
  db.close();
}
`;

/**
 * Rebuilds the database file from its live rows (VACUUM) and empties the write-ahead log into it.
 * secure_delete zeroes what the disposal deletes, but not the stale copies of a row that earlier,
 * ordinary writes left in the unused space of pages (a page split or defragmentation moves cells
 * and leaves the old bytes behind): a test found a disposed case's names there. VACUUM writes only
 * live rows into fresh pages, so nothing of the case is left anywhere in the file. Costs one full
 * rewrite of the database (seconds for a large service); other writers wait for it (up to their
 * busy timeout: a collab edit that times out is resent by its tablet, docs/architecture.md §3).
 */
export function vacuumDatabase(file = databaseFilePath()): Promise<{ ok: boolean; busy?: number; message?: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { file, sqlite: createRequire(import.meta.url).resolve("better-sqlite3") } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`the vacuum worker exited with ${code}`))));
  });
}
