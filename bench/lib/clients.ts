import WebSocket from "ws";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * The load client: a minimal y-websocket / Hocuspocus speaker on raw `ws`.
 *
 * Every client owns a real Y.Doc and makes real Yjs edits (Y.Text inserts), so every update the
 * servers receive is a genuine Yjs update. In "lean" mode (the latency scenarios) a client does
 * NOT apply what it receives: it only decodes each incoming update's metadata
 * (Y.parseUpdateMeta: which client's clocks it carries) to time the arrival of every edit. That
 * keeps the single load-generator core far from saturation, so the numbers describe the server.
 * In "full" mode (cold load, crash test) received updates are applied, like a real editor.
 */

export type Protocol = "y-websocket" | "hocuspocus";

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_AUTH = 2;
const MSG_SYNC_REPLY = 4; // Hocuspocus only
const MSG_SYNC_STATUS = 8; // Hocuspocus only: "your update was applied"
const MSG_SAVED = 100; // Circle only: "everything up to this state vector is durably stored"
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
const REMOTE = Symbol("remote");

export type Edit = { clock: number; t: number; measured: boolean };

/** Collects edit-propagation samples across all clients of one scenario (one process, one clock). */
export class Tracker {
  readonly senders = new Map<number, LoadClient>();
  measuring = false;
  samples: number[] = [];
  /** Deliveries of measured edits to other clients (expected = measured edits × (peers − 1)). */
  delivered = 0;
  measuredEdits = 0;
  expected = 0;
}

export type ClientOptions = {
  url: string;
  docName: string;
  protocol: Protocol;
  headers?: Record<string, string>;
  tracker?: Tracker;
  /** Apply received updates to the local Y.Doc (a real editor); off for the latency load. */
  apply?: boolean;
  /** Number of clients on this document (for expected-delivery accounting). */
  peers?: number;
};

export class LoadClient {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText("t");
  readonly edits: Edit[] = [];
  /** Per sender: index of the first of its edits this client has not seen yet. */
  private readonly cursors = new Map<LoadClient, number>();
  ws: WebSocket | null = null;
  synced = false;
  closed = false;
  closeCode: number | null = null;
  /** Circle: highest own clock the server confirmed as durably saved. */
  confirmedClock = 0;
  /** Hocuspocus: number of SyncStatus acks. */
  acks = 0;
  onSaved: ((clock: number, at: number) => void) | null = null;
  private syncedWaiters: ((ok: boolean) => void)[] = [];
  private readonly tracker: Tracker | undefined;

  constructor(readonly opts: ClientOptions) {
    this.tracker = opts.tracker;
    this.tracker?.senders.set(this.doc.clientID, this);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.send(this.frame((e) => (encoding.writeVarUint(e, MSG_SYNC), encoding.writeVarUint(e, SYNC_UPDATE), encoding.writeVarUint8Array(e, update))));
    });
  }

  get clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  /** Open the socket; resolves true once the server's sync step 2 arrived (the "synced" moment). */
  connect(timeoutMs = 30_000): Promise<boolean> {
    const ws = new WebSocket(this.opts.url, { headers: this.opts.headers, perMessageDeflate: false });
    ws.binaryType = "nodebuffer";
    this.ws = ws;
    ws.on("open", () => {
      if (this.opts.protocol === "hocuspocus") {
        // Hocuspocus queues everything for a document until an Auth message for it arrives.
        this.send(this.frame((e) => (encoding.writeVarUint(e, MSG_AUTH), encoding.writeVarUint(e, 0), encoding.writeVarString(e, ""))));
      }
      this.send(this.frame((e) => (encoding.writeVarUint(e, MSG_SYNC), encoding.writeVarUint(e, SYNC_STEP1), encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc)))));
    });
    ws.on("message", (data: Buffer) => this.receive(data));
    ws.on("close", (code) => {
      this.closed = true;
      this.closeCode = code;
      this.settleSynced(false);
    });
    ws.on("error", () => undefined);
    ws.on("unexpected-response", (_req, res) => {
      this.closeCode = res.statusCode ?? -1;
      this.closed = true;
      this.settleSynced(false);
      ws.terminate();
    });
    return new Promise<boolean>((resolve) => {
      if (this.synced) return resolve(true);
      const timer = setTimeout(() => this.settleSynced(false), timeoutMs);
      this.syncedWaiters.push((ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
    });
  }

  private settleSynced(ok: boolean) {
    const waiters = this.syncedWaiters;
    this.syncedWaiters = [];
    waiters.forEach((w) => w(ok));
  }

  /** One local edit: insert `chars` at the end of this client's text. */
  edit(chars: string, now = performance.now()): void {
    const clock = this.clock;
    const measured = this.tracker?.measuring ?? false;
    this.edits.push({ clock, t: now, measured });
    if (measured && this.tracker) {
      this.tracker.measuredEdits++;
      this.tracker.expected += (this.opts.peers ?? 1) - 1;
    }
    this.text.insert(this.text.length, chars);
  }

  send(data: Uint8Array): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  close(): void {
    this.closed = true;
    try {
      this.ws?.terminate();
    } catch {
      // already gone
    }
    this.tracker?.senders.delete(this.doc.clientID);
  }

  /** Every outgoing message: Hocuspocus prefixes the document name (its multiplexing address). */
  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder();
    if (this.opts.protocol === "hocuspocus") encoding.writeVarString(e, this.opts.docName);
    write(e);
    return encoding.toUint8Array(e);
  }

  private receive(data: Buffer) {
    const now = performance.now();
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (this.opts.protocol === "hocuspocus") decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MSG_SYNC:
      case MSG_SYNC_REPLY: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC_STEP1) {
          const reply = Y.encodeStateAsUpdate(this.doc, payload);
          this.send(this.frame((e) => (encoding.writeVarUint(e, MSG_SYNC), encoding.writeVarUint(e, SYNC_STEP2), encoding.writeVarUint8Array(e, reply))));
        } else {
          this.incoming(payload, now);
          if (sub === SYNC_STEP2 && !this.synced) {
            this.synced = true;
            this.settleSynced(true);
          }
        }
        return;
      }
      case MSG_SAVED: {
        const sv = Y.decodeStateVector(decoding.readVarUint8Array(d));
        const clock = sv.get(this.doc.clientID) ?? 0;
        if (clock > this.confirmedClock) this.confirmedClock = clock;
        this.onSaved?.(clock, now);
        return;
      }
      case MSG_SYNC_STATUS:
        this.acks++;
        return;
      case MSG_AUTH: {
        const sub = decoding.readVarUint(d);
        if (sub === 1) {
          this.closeCode = 4403;
          this.settleSynced(false);
        }
        return;
      }
      case MSG_AWARENESS:
      default:
        return;
    }
  }

  private incoming(update: Uint8Array, now: number) {
    if (this.opts.apply) Y.applyUpdate(this.doc, update, REMOTE);
    const tracker = this.tracker;
    if (!tracker) return;
    const { to } = Y.parseUpdateMeta(update);
    for (const [client, toClock] of to) {
      const sender = tracker.senders.get(client);
      if (!sender || sender === this) continue;
      let cursor = this.cursors.get(sender) ?? 0;
      const edits = sender.edits;
      while (cursor < edits.length && edits[cursor]!.clock < toClock) {
        const edit = edits[cursor]!;
        if (edit.measured) {
          tracker.samples.push(now - edit.t);
          tracker.delivered++;
        }
        cursor++;
      }
      this.cursors.set(sender, cursor);
    }
  }
}

/** Run `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}
