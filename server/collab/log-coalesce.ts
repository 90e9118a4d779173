import * as encoding from "lib0/encoding";
import type { UpdateLog } from "./document-store";
import { cursor, readUint, sameBytes, skipString, utf16Length, varUints } from "./v1-bytes";

/**
 * Folds a stored update log into fewer, larger updates before a cold load applies it, so that a
 * long log costs one Yjs integration per stretch of typing instead of one per keystroke (the target:
 * a 100,000-update document loads in 300 ms or less; Yjs spends microseconds per update and per
 * item, so applying such a log update by update takes several times that).
 *
 * Only the shape typing produces is folded: updates (Yjs v1 encoding) of one client, one after
 * another in the log with contiguous clocks, deleting nothing, whose every struct is a text item
 * (ContentString) that continues the one before it: its origin is that item's last character and
 * its right origin is the same. Such a stretch becomes ONE item holding all the characters. That is
 * the merge Yjs makes itself once both are integrated (Item.mergeWith), and the joined item lands
 * where the pieces would: a piece integrated right after its predecessor finds its origin as its
 * left neighbour, since no integrated item can refer to characters not yet integrated. Every other
 * update (deletions, formatting, maps, other clients, items that do not continue, anything unusual
 * or malformed) ends the stretch and is passed on byte for byte, in order, for Yjs to decode and
 * judge as before. What the bytes cannot show (text kept as a map key's value) log-load.ts checks.
 *
 * "Lands where the pieces would" holds for updates as Yjs writes them (property-tested against
 * applying them one by one, several writers, out-of-order arrival). An item crafted with a right
 * origin at or before its origin has no true place: Yjs puts it somewhere that depends on how its
 * neighbours happen to be split into items, on a live server as on a load, and only that item moves.
 */
export function coalesceLog(log: UpdateLog): Coalesced {
  const out: Uint8Array[] = [];
  const runs: Id[] = [];
  const typing = new Typing(log.bytes);
  let run: Run | null = null;
  let start = 0;
  for (const end of log.ends) {
    if (run?.extendedBy(start, end)) {
      start = end;
      continue;
    }
    const ok = typing.read(start, end);
    if (ok && run?.continuedBy(typing)) run.add(typing);
    else {
      if (run) run.finish(out, runs);
      run = ok ? new Run(typing, start, end) : null;
      if (!ok) out.push(log.bytes.subarray(start, end));
    }
    start = end;
  }
  if (run) run.finish(out, runs);
  return { updates: out, runs };
}

/** The updates to apply in order, and where each joined item starts (see log-load.ts for why). */
export type Coalesced = { updates: Uint8Array[]; runs: Id[] };
export type Id = { client: number; clock: number };

const CONTENT_STRING = 4;
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const NONE = -1;

/**
 * One update read as typing: its items, each continuing the one before, as one item. Read into
 * reused fields (a long log must not cost objects per update). The first item's head (info byte,
 * origins, parent fields) is bytes[headStart, headEnd); the characters of item i are
 * bytes[texts[2i], texts[2i + 1]); `length` is their length in UTF-16 units (the clock length).
 */
class Typing {
  client = 0;
  clock = 0;
  headStart = 0;
  headEnd = 0;
  originClient = NONE;
  originClock = NONE;
  rightClient = NONE;
  rightClock = NONE;
  texts: number[] = [];
  length = 0;

  constructor(readonly bytes: Uint8Array) {}

  /** Whether bytes[start, end) is one update of typing; never throws. */
  read(start: number, end: number): boolean {
    const b = this.bytes;
    const clients = readUint(b, start, end);
    const count = readUint(b, cursor.next, end);
    this.client = readUint(b, cursor.next, end);
    this.clock = readUint(b, cursor.next, end);
    if (clients !== 1 || count < 1 || this.clock < 0) return false;
    this.texts.length = 0;
    this.length = 0;
    let p = cursor.next;
    for (let i = 0; i < count; i++) {
      const headStart = p;
      const info = p < end ? b[p]! : 0;
      if ((info & 0x1f) !== CONTENT_STRING) return false;
      const hasOrigin = (info & HAS_ORIGIN) !== 0;
      const hasRight = (info & HAS_RIGHT_ORIGIN) !== 0;
      cursor.next = p + 1;
      const originClient = hasOrigin ? readUint(b, cursor.next, end) : NONE;
      const originClock = hasOrigin ? readUint(b, cursor.next, end) : NONE;
      const rightClient = hasRight ? readUint(b, cursor.next, end) : NONE;
      const rightClock = hasRight ? readUint(b, cursor.next, end) : NONE;
      if ((hasOrigin && originClock < 0) || (hasRight && rightClock < 0)) return false;
      if (!hasOrigin && !hasRight) {
        // The parent is written out: 1 and a root type's name, or the id of the item that holds the type.
        const named = readUint(b, cursor.next, end) === 1;
        const parent = named ? skipString(b, end) : readUint(b, cursor.next, end) >= 0 && readUint(b, cursor.next, end) >= 0;
        if (!parent || ((info & HAS_PARENT_SUB) !== 0 && !skipString(b, end))) return false;
      }
      const headEnd = cursor.next;
      const size = readUint(b, cursor.next, end);
      const textStart = cursor.next;
      p = textStart + size;
      const length = size < 0 || p > end ? -1 : utf16Length(b, textStart, p);
      if (length <= 0) return false;
      if (i === 0) {
        this.headStart = headStart;
        this.headEnd = headEnd;
        this.originClient = originClient;
        this.originClock = originClock;
        this.rightClient = rightClient;
        this.rightClock = rightClock;
      } else if (!continues(this, this.clock + this.length, originClient, originClock, rightClient, rightClock)) {
        return false;
      }
      this.texts.push(textStart, p);
      this.length += length;
    }
    // An empty delete set, and nothing after it.
    return readUint(b, p, end) === 0 && cursor.next === end;
  }
}

type Item = { client: number; rightClient: number; rightClock: number };

/**
 * Whether an item with these origins continues `item`, which ends before clock `end`: its origin
 * is the item's last character and its right origin the same (Item.mergeWith's test).
 */
function continues(item: Item, end: number, originClient: number, originClock: number, rightClient: number, rightClock: number): boolean {
  return originClient === item.client && originClock === end - 1 && rightClient === item.rightClient && rightClock === item.rightClock;
}

/** A stretch of one client's typing, as one item: its first update's head, then all the characters. */
class Run {
  readonly client: number;
  readonly rightClient: number;
  readonly rightClock: number;
  private readonly clock: number;
  private end: number;
  private readonly bytes: Uint8Array;
  private readonly head: Uint8Array;
  /** The characters so far: text[0, size). */
  private text = new Uint8Array(256);
  private size = 0;
  /** A run of one update is passed on as it is. */
  private single: Uint8Array | null;
  /** What a continuing update repeats: the client (as a varUint), its info byte, the right origin (two varUints or none). */
  private readonly clientBytes: Uint8Array;
  private readonly info: number;
  private readonly rightBytes: Uint8Array;

  constructor(first: Typing, start: number, end: number) {
    this.client = first.client;
    this.rightClient = first.rightClient;
    this.rightClock = first.rightClock;
    this.clock = first.clock;
    this.end = first.clock;
    this.bytes = first.bytes;
    this.head = first.bytes.subarray(first.headStart, first.headEnd);
    this.clientBytes = varUints([first.client]);
    const hasRight = first.rightClient !== NONE;
    this.info = CONTENT_STRING | HAS_ORIGIN | (hasRight ? HAS_RIGHT_ORIGIN : 0);
    this.rightBytes = varUints(hasRight ? [first.rightClient, first.rightClock] : []);
    this.add(first);
    this.single = first.bytes.subarray(start, end);
  }

  /**
   * The usual case, checked on the bytes without a general read: bytes[start, end) is one text item
   * of this client at the next clock, typed right after the last character, before the same right
   * neighbour, deleting nothing. If so its characters join the run. False means "read it in full":
   * this only ever says yes to what Typing.read and continuedBy would join, never more.
   */
  extendedBy(start: number, end: number): boolean {
    const b = this.bytes;
    let p = start + 2;
    if (b[start] !== 1 || b[start + 1] !== 1 || end - start < 8) return false; // one client, one item
    if (!sameBytes(b, p, this.clientBytes)) return false;
    p += this.clientBytes.length;
    const clock = readUint(b, p, end);
    if (clock !== this.end || b[cursor.next] !== this.info) return false;
    p = cursor.next + 1;
    if (!sameBytes(b, p, this.clientBytes)) return false;
    p += this.clientBytes.length;
    if (readUint(b, p, end) !== this.end - 1 || !sameBytes(b, cursor.next, this.rightBytes)) return false;
    p = cursor.next + this.rightBytes.length;
    const size = readUint(b, p, end);
    const textStart = cursor.next;
    const textEnd = textStart + size;
    if (size < 0 || textEnd !== end - 1 || b[textEnd] !== 0) return false; // the text, then no deletions
    const length = utf16Length(b, textStart, textEnd);
    if (length <= 0) return false;
    this.append(textStart, textEnd);
    this.end += length;
    return true;
  }

  continuedBy(t: Typing): boolean {
    return t.client === this.client && t.clock === this.end && continues(this, this.end, t.originClient, t.originClock, t.rightClient, t.rightClock);
  }

  add(t: Typing): void {
    for (let k = 0; k < t.texts.length; k += 2) this.append(t.texts[k]!, t.texts[k + 1]!);
    this.end += t.length;
  }

  /** Add the characters bytes[from, to) of the log. */
  private append(from: number, to: number): void {
    if (this.size + to - from > this.text.length) this.grow(to - from);
    const { bytes, text } = this;
    let size = this.size;
    for (let b = from; b < to; b++) text[size++] = bytes[b]!;
    this.size = size;
    this.single = null;
  }

  private grow(extra: number): void {
    const text = new Uint8Array(Math.max(this.text.length * 2, this.size + extra));
    text.set(this.text.subarray(0, this.size));
    this.text = text;
  }

  /** Hand over the run: as it was stored if it is one update, else as one joined item (noted in `runs`). */
  finish(out: Uint8Array[], runs: Id[]): void {
    if (this.single) out.push(this.single);
    else {
      out.push(this.encode());
      runs.push({ client: this.client, clock: this.clock });
    }
  }

  private encode(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // one client
    encoding.writeVarUint(encoder, 1); // one item
    encoding.writeVarUint(encoder, this.client);
    encoding.writeVarUint(encoder, this.clock);
    encoding.writeUint8Array(encoder, this.head);
    encoding.writeVarUint8Array(encoder, this.text.subarray(0, this.size)); // the content: all the characters
    encoding.writeVarUint(encoder, 0); // no deletions
    return encoding.toUint8Array(encoder);
  }
}
