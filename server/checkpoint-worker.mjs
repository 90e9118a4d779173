// Checkpoints the SQLite write-ahead log off the main thread (see server/checkpointer.ts).
import { workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  // Tests only (CIRCLE_FAULTS=checkpoint:throw): the worker dies of an error it does not catch.
  if (workerData.fault) throw new Error("injected fault: checkpoint");
  try {
    // PASSIVE: copies what it can without waiting for or blocking readers and writers.
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or closing: the next tick tries again.
  }
}, workerData.intervalMs);
process.on("exit", () => {
  clearInterval(timer);
  db.close();
});
