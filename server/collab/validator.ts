import path from "node:path";
import { Worker } from "node:worker_threads";

const WORKER_FILE = path.join(process.cwd(), "server", "collab", "validate-worker.mjs");
/** How long the worker may go without answering while it holds work: the decode budget of one update. */
export const VALIDATE_TIMEOUT_MS = 1000;

type Pending = { update: Uint8Array; resolve: (ok: boolean) => void };

/**
 * Checks that an untrusted update decodes, in a worker thread with a deadline, so a hostile
 * payload can neither throw inside a live document nor stall the event loop (issue 3 limits).
 * The worker answers in order, so when it stalls the oldest pending update is the culprit:
 * that one is refused, the worker replaced, and everything behind it resubmitted.
 */
export class UpdateValidator {
  private worker: Worker | null = null;
  private online = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private watchdog: NodeJS.Timeout | null = null;

  constructor() {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE);
    this.online = false;
    worker.unref();
    worker.on("online", () => {
      this.online = true;
      this.arm();
    });
    worker.on("message", ({ id, ok }: { id: number; ok: boolean }) => this.settle(id, ok));
    worker.on("error", () => this.stalled());
    worker.on("exit", () => {
      if (this.worker === worker) this.stalled();
    });
    this.worker = worker;
    return worker;
  }

  private arm() {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    if (this.online && this.pending.size > 0) {
      this.watchdog = setTimeout(() => this.stalled(), VALIDATE_TIMEOUT_MS);
      this.watchdog.unref();
    }
  }

  private settle(id: number, ok: boolean) {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.resolve(ok);
    this.arm();
  }

  private stalled() {
    const old = this.worker;
    this.worker = null;
    void old?.terminate();
    const [culprit] = this.pending.keys();
    if (culprit !== undefined) this.settle(culprit, false);
    const rest = [...this.pending];
    if (rest.length === 0) return this.arm();
    const worker = this.ensureWorker();
    for (const [id, { update }] of rest) worker.postMessage({ id, update });
  }

  validate(update: Uint8Array): Promise<boolean> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { update, resolve });
      this.ensureWorker().postMessage({ id, update });
      if (!this.watchdog) this.arm();
    });
  }

  async close(): Promise<void> {
    if (this.watchdog) clearTimeout(this.watchdog);
    const worker = this.worker;
    this.worker = null;
    for (const id of [...this.pending.keys()]) this.settle(id, false);
    await worker?.terminate();
  }
}
