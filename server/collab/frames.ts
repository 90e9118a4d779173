import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MESSAGE_SAVED } from "~/realtime/protocol";

/**
 * The y-websocket wire format, parsed completely before anything touches a document, so a
 * malformed frame changes nothing. Pure functions (property-tested in tests/unit).
 */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, saved: MESSAGE_SAVED } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type Frame =
  | { type: "sync-step1"; stateVector: Uint8Array }
  | { type: "sync-step2"; update: Uint8Array }
  /** `message`: the whole frame as received, relayed to other peers as it is (no re-encoding). */
  | { type: "update"; update: Uint8Array; message?: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" };

/** A frame, or null when the bytes are not exactly one well-formed message. */
export function parseFrame(bytes: Uint8Array): Frame | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const messageType = decoding.readVarUint(decoder);
    let frame: Frame | null = null;
    if (messageType === MessageType.sync) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === SyncType.step1) frame = { type: "sync-step1", stateVector: payload };
      else if (syncType === SyncType.step2) frame = { type: "sync-step2", update: payload };
      else if (syncType === SyncType.update) frame = { type: "update", update: payload, message: bytes };
    } else if (messageType === MessageType.awareness) {
      frame = { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (messageType === MessageType.queryAwareness) {
      frame = { type: "query-awareness" };
    }
    // Trailing bytes, or a number written in more bytes than it needs (the varint 3 as 0x83 0x00),
    // mean the frame is not exactly the message it claims to be.
    return frame && !decoding.hasContent(decoder) && bytes.length === canonicalLength(frame) ? frame : null;
  } catch {
    return null;
  }
}

const varUintLength = (n: number) => {
  let length = 1;
  for (let v = n; v > 127; v = Math.floor(v / 128)) length++;
  return length;
};

/** The length of the frame written with the fewest bytes (every type number fits in one). */
function canonicalLength(frame: Frame): number {
  const payload = frame.type === "sync-step1" ? frame.stateVector : frame.type === "query-awareness" ? null : frame.update;
  const header = frame.type === "sync-step1" || frame.type === "sync-step2" || frame.type === "update" ? 2 : 1;
  return header + (payload ? varUintLength(payload.length) + payload.length : 0);
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  message((e) => (encoding.writeVarUint(e, MessageType.sync), encoding.writeVarUint(e, SyncType.step1), encoding.writeVarUint8Array(e, stateVector)));

export const encodeSyncStep2 = (update: Uint8Array) =>
  message((e) => (encoding.writeVarUint(e, MessageType.sync), encoding.writeVarUint(e, SyncType.step2), encoding.writeVarUint8Array(e, update)));

export const encodeUpdate = (update: Uint8Array) =>
  message((e) => (encoding.writeVarUint(e, MessageType.sync), encoding.writeVarUint(e, SyncType.update), encoding.writeVarUint8Array(e, update)));

export const encodeAwareness = (update: Uint8Array) => message((e) => (encoding.writeVarUint(e, MessageType.awareness), encoding.writeVarUint8Array(e, update)));

/** The struct list of one client in a Y.Doc's store: its last struct ends at the client's clock. */
type ClientStructs = readonly { id: { clock: number }; length: number }[];

/**
 * Circle's one extension, "everything up to this state vector is durably stored" (y-websocket
 * clients ignore it): the message for a document's state vector, read straight from its store
 * (`doc.store.clients`) in one pass: no intermediate map, sorted copy or extra buffer. It is
 * sent after every commit. Clients decode it with Y.decodeStateVector, in any order.
 */
export function encodeSavedFromStore(clients: ReadonlyMap<number, ClientStructs>): Uint8Array {
  const sv = encoding.createEncoder();
  encoding.writeVarUint(sv, clients.size);
  for (const [client, structs] of clients) {
    const last = structs[structs.length - 1];
    encoding.writeVarUint(sv, client);
    encoding.writeVarUint(sv, last ? last.id.clock + last.length : 0);
  }
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, MessageType.saved);
  encoding.writeVarUint8Array(out, encoding.toUint8Array(sv));
  return encoding.toUint8Array(out);
}

export type AwarenessEntry = { clientId: number; clock: number; state: unknown };

/** Decode an awareness update (y-protocols format) without applying it; null when malformed. */
export function parseAwareness(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 64) return null;
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as unknown });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, JSON.stringify(entry.state));
    }
  });
}

/** An update with no structs and no deletions ([0, 0]): what a client with nothing new sends on sync. */
export const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0;
