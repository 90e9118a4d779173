import path from "node:path";
import { Worker } from "node:worker_threads";
import * as Y from "yjs";

const WORKER_FILE = path.join(process.cwd(), "server", "collab", "validate-worker.mjs");
/** How long the worker may go without answering while it holds work: the decode budget of one batch. */
export const VALIDATE_TIMEOUT_MS = 1000;

/**
 * Updates up to this size are decoded inline on the main thread. Decoding is linear in the input;
 * its most expensive construct (a subdocument item: a new Y.Doc per ~6 bytes) costs about 1.5 ms
 * per KB, and an update that decodes is then applied on the main thread anyway at a similar cost,
 * so an inline decode of at most this many bytes never stalls the loop more than that apply will.
 * Typing updates are 20–100 bytes. Larger updates go to the worker, whose watchdog bounds them.
 */
export const INLINE_MAX_BYTES = 512;

/**
 * The validity check: the update parses completely as a Yjs v1 update (Y.decodeUpdate: every
 * struct, its content and the delete set), without integrating it anywhere. This reads the same
 * fields as Y.applyUpdate's reader, and is stricter in one respect (an info byte whose low five
 * bits are 10 is a Skip only when it is exactly 10). It is not a proof that applying it to a
 * particular document succeeds; the room guards that too (room.ts, committed()).
 */
export function decodesCleanly(update: Uint8Array): boolean {
  try {
    return withinBounds(Y.decodeUpdate(update));
  } catch {
    return false;
  }
}

/**
 * No real tablet comes near 2^31 operations in one session, while clocks and lengths near 2^53
 * break Yjs's arithmetic; and Circle has no subdocuments, so an update that creates one (each
 * would be loaded and tracked) is refused. Keep identical to validate-worker.mjs.
 */
const MAX_CLOCK = 2 ** 31;
export function withinBounds({ structs, ds }: ReturnType<typeof Y.decodeUpdate>): boolean {
  for (const s of structs) {
    if (s.id.clock + s.length > MAX_CLOCK) return false;
    if (s instanceof Y.Item && s.content instanceof Y.ContentDoc) return false;
  }
  for (const ranges of ds.clients.values()) for (const r of ranges) if (r.clock + r.len > MAX_CLOCK) return false;
  return true;
}

type Item = { update: Uint8Array; resolve: (ok: boolean) => void; reject: (error: unknown) => void };
type Batch = { items: Item[]; isolated: boolean };

/**
 * Checks that untrusted updates decode: small ones inline, the rest in a worker thread with a deadline, so a hostile payload
 * can neither throw inside a live document nor stall the event loop. Updates of
 * one tick travel as one batch. When the worker stalls, the oldest batch is the culprit: if it held
 * one update that update is refused; otherwise its updates are retried one by one, and every
 * other batch is resubmitted to a fresh worker.
 */
export class UpdateValidator {
  private worker: Worker | null = null;
  private online = false;
  private nextId = 1;
  private readonly inFlight = new Map<number, Batch>();
  private collecting: Item[] = [];
  private watchdog: NodeJS.Timeout | null = null;

  constructor() {
    this.ensureWorker();
  }

  /** The verdict now for a small update, or a promise from the worker for a large one. */
  check(update: Uint8Array): boolean | Promise<boolean> {
    return update.length <= INLINE_MAX_BYTES ? decodesCleanly(update) : this.validate(update);
  }

  /** The worker's verdict (any size). */
  validate(update: Uint8Array): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (this.collecting.length === 0) setImmediate(() => this.sendCollected());
      this.collecting.push({ update, resolve, reject });
    });
  }

  private sendCollected() {
    const items = this.collecting;
    this.collecting = [];
    if (items.length > 0) this.send({ items, isolated: false });
  }

  /**
   * Never throws (it runs from timers and worker events): if no worker can be started or reached,
   * the batch's updates are rejected, not refused, so their connections close as "unavailable"
   * and their writers resend them after reconnecting, instead of being told they sent garbage.
   */
  private send(batch: Batch) {
    const id = this.nextId++;
    this.inFlight.set(id, batch);
    try {
      this.ensureWorker().postMessage({ id, updates: batch.items.map((i) => i.update) });
    } catch (error) {
      this.inFlight.delete(id);
      batch.items.forEach((item) => item.reject(error));
      return;
    }
    if (!this.watchdog) this.arm();
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
    worker.on("message", ({ id, results }: { id: number; results: boolean[] }) => this.settle(id, results));
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
    if (this.online && this.inFlight.size > 0) {
      this.watchdog = setTimeout(() => this.stalled(), VALIDATE_TIMEOUT_MS);
      this.watchdog.unref();
    }
  }

  private settle(id: number, results: boolean[]) {
    const batch = this.inFlight.get(id);
    if (!batch) return;
    this.inFlight.delete(id);
    batch.items.forEach((item, i) => item.resolve(results[i] === true));
    this.arm();
  }

  private stalled() {
    const old = this.worker;
    this.worker = null;
    void old?.terminate();
    const batches = [...this.inFlight.values()];
    this.inFlight.clear();
    const [culprit, ...rest] = batches;
    if (!culprit) return this.arm();
    if (culprit.isolated || culprit.items.length === 1) culprit.items.forEach((i) => i.resolve(false));
    else culprit.items.forEach((item) => this.send({ items: [item], isolated: true }));
    rest.forEach((batch) => this.send(batch));
    this.arm();
  }

  async close(): Promise<void> {
    if (this.watchdog) clearTimeout(this.watchdog);
    const worker = this.worker;
    this.worker = null;
    for (const batch of this.inFlight.values()) batch.items.forEach((i) => i.resolve(false));
    this.inFlight.clear();
    this.collecting.forEach((i) => i.resolve(false));
    this.collecting = [];
    await worker?.terminate();
  }
}
