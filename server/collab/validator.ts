import path from "node:path";
import { Worker } from "node:worker_threads";

const WORKER_FILE = path.join(process.cwd(), "server", "collab", "validate-worker.mjs");
export const VALIDATE_TIMEOUT_MS = 500;

type Pending = { resolve: (ok: boolean) => void; timer: NodeJS.Timeout };

/**
 * Checks that an untrusted update decodes, in a worker thread with a deadline, so a hostile
 * payload can neither throw inside a live document nor stall the event loop (issue 3 limits).
 */
export class UpdateValidator {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE);
    worker.unref();
    worker.on("message", ({ id, ok }: { id: number; ok: boolean }) => this.settle(id, ok));
    worker.on("error", () => this.replaceWorker());
    worker.on("exit", () => {
      if (this.worker === worker) this.replaceWorker();
    });
    this.worker = worker;
    return worker;
  }

  private settle(id: number, ok: boolean) {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.resolve(ok);
  }

  /** A stuck worker fails everything it holds and is replaced on next use. */
  private replaceWorker() {
    const old = this.worker;
    this.worker = null;
    for (const id of [...this.pending.keys()]) this.settle(id, false);
    void old?.terminate();
  }

  validate(update: Uint8Array): Promise<boolean> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.replaceWorker(), VALIDATE_TIMEOUT_MS);
      this.pending.set(id, { resolve, timer });
      this.ensureWorker().postMessage({ id, update });
    });
  }

  close(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = null;
    return worker?.terminate();
  }
}
