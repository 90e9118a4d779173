import Database from "better-sqlite3";
import fc from "fast-check";
import * as decoding from "lib0/decoding";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { CommitScheduler } from "../../server/collab/commits";
import { MessageType, parseFrame } from "../../server/collab/frames";
import { splitLog } from "../../server/collab/log-load";
import { COMPACT_AFTER_LOAD_MS, COMPACT_AGE_MS, DocumentRoom } from "../../server/collab/room";
import { CollabStorage } from "../../server/collab/storage";
import { decodesCleanly } from "../../server/collab/validator";
import { CollabClose } from "~/realtime/protocol";
import { databaseFilePath } from "~/utils/env.server";
import { stubPeer as makeStubPeer, storedDoc, type StubPeer as StubPeerOf } from "../support/collab-stub-peer";

// DocumentRoom against real SQLite (this file's own database), with stub sockets that record what
// they are sent and check, at the moment of sending, that it is already stored.
const storage = new CollabStorage();
const commits = new CommitScheduler(storage);
afterAll(() => storage.close());

type Sent = { kind: "update"; update: Uint8Array } | { kind: "saved"; sv: Map<number, number> } | { kind: "other" };
type StubPeer = StubPeerOf<Sent>;

/** Everything stored for the document, applied to a fresh Y.Doc. */
const stored = (name: string) => storedDoc(storage, name);

function stubPeer(name: string, label: string): StubPeer {
  return makeStubPeer(label, (data): Sent => {
    const frame = parseFrame(data);
    if (frame?.type === "update") {
      // Durable before it is relayed: everything in the frame is already in SQLite.
      const has = Y.encodeStateVector(stored(name));
      expect(Y.diffUpdate(frame.update, has).length).toBeLessThanOrEqual(Y.encodeStateAsUpdate(new Y.Doc()).length + 1);
      return { kind: "update", update: frame.update };
    }
    if (data[0] === MessageType.saved) {
      const d = decoding.createDecoder(data);
      decoding.readVarUint(d);
      const sv = Y.decodeStateVector(decoding.readVarUint8Array(d));
      // Durable before it is confirmed: the stored state covers the confirmed state vector.
      const storedSv = Y.decodeStateVector(Y.encodeStateVector(stored(name)));
      for (const [client, clock] of sv) expect(storedSv.get(client) ?? 0).toBeGreaterThanOrEqual(clock);
      return { kind: "saved", sv };
    }
    return { kind: "other" };
  });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const settle = async () => {
  for (let i = 0; i < 3; i++) await tick();
};
const updates = (p: StubPeer) => p.sent.filter((s): s is Extract<Sent, { kind: "update" }> => s.kind === "update").map((s) => s.update);
const saves = (p: StubPeer) => p.sent.filter((s): s is Extract<Sent, { kind: "saved" }> => s.kind === "saved").map((s) => s.sv);

/** A writer's doc whose updates we capture (what a client would send). */
function writer(clientID: number, base?: Uint8Array) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (base) Y.applyUpdate(doc, base);
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  return { doc, text: doc.getText("t"), out };
}

/** A writer that has typed `chars` one at a time: one update per character. */
function typed(clientID: number, chars: string) {
  const w = writer(clientID);
  for (const ch of chars) w.text.insert(w.text.length, ch);
  return w;
}

let n = 0;
const docName = () => `room-test-${++n}`;

describe("DocumentRoom: coalesced relays and confirmations after the group commit", () => {
  it("relays one tick's updates from one writer as ONE message to each other peer, and confirms once, after the commit", async () => {
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    const [a, b, c] = [stubPeer(name, "a"), stubPeer(name, "b"), stubPeer(name, "c")];
    [a, b, c].forEach((p) => room.join(p));
    const w = writer(101);
    w.text.insert(0, "one ");
    w.text.insert(4, "two ");
    w.text.insert(8, "three");
    for (const u of w.out) room.receive(a, { type: "update", update: u });
    // Nothing goes out before the commit tick.
    expect(updates(b)).toHaveLength(0);
    expect(saves(a)).toHaveLength(0);
    await settle();
    for (const peer of [b, c]) {
      expect(updates(peer)).toHaveLength(1);
      const replica = new Y.Doc();
      Y.applyUpdate(replica, updates(peer)[0]!);
      expect(replica.getText("t").toString()).toBe("one two three");
    }
    expect(updates(a)).toHaveLength(0); // no echo to a lone writer
    expect(saves(a)).toHaveLength(1);
    expect(saves(a)[0]!.get(101)).toBe(Y.getState(w.doc.store, 101));
    expect(saves(b)).toHaveLength(0);
    expect(stored(name).getText("t").toString()).toBe("one two three");
    room.destroy();
  });

  it("with two writers in one tick, every peer gets one merged message and each writer one confirmation", async () => {
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    const [a, b, c] = [stubPeer(name, "a"), stubPeer(name, "b"), stubPeer(name, "c")];
    [a, b, c].forEach((p) => room.join(p));
    const wa = writer(201);
    const wb = writer(202);
    wa.text.insert(0, "alpha");
    wb.text.insert(0, "beta");
    room.receive(a, { type: "update", update: wa.out[0]! });
    room.receive(b, { type: "update", update: wb.out[0]! });
    await settle();
    for (const peer of [a, b, c]) expect(updates(peer)).toHaveLength(1);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, updates(c)[0]!);
    expect(replica.getText("t").toString()).toBe(room.doc.getText("t").toString());
    expect(replica.getText("t").length).toBe(9);
    expect(saves(a)).toHaveLength(1);
    expect(saves(b)).toHaveLength(1);
    expect(saves(c)).toHaveLength(0);
    room.destroy();
  });

  it("keeps order across ticks: a peer applying the messages as they come ends with the writer's text", async () => {
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    const [a, b] = [stubPeer(name, "a"), stubPeer(name, "b")];
    [a, b].forEach((p) => room.join(p));
    const w = writer(301);
    const replica = new Y.Doc();
    for (let i = 0; i < 30; i++) {
      w.text.insert(w.text.length, `${i},`);
      room.receive(a, { type: "update", update: w.out.at(-1)! });
      if (i % 4 === 0) await settle();
    }
    await settle();
    for (const u of updates(b)) {
      Y.applyUpdate(replica, u);
      // Causal order: nothing arrives before what it depends on.
      expect(replica.store.pendingStructs).toBeNull();
    }
    expect(replica.getText("t").toString()).toBe(w.text.toString());
    expect(updates(b).length).toBeLessThan(30);
    expect(saves(a).at(-1)!.get(301)).toBe(Y.getState(w.doc.store, 301));
    room.destroy();
  });

  it("refuses an update that decodes but throws inside the document: not relayed, not confirmed, removed from the log; the rest of the tick goes through", async () => {
    const name = docName();
    // The document: "hello world" by client 1 with a bold range (the state the poison was found against).
    const base = new Y.Doc();
    base.clientID = 1;
    base.getText("t").insert(0, "hello world");
    base.getText("t").format(0, 5, { bold: true });
    storage.appendMany([{ docName: name, firstSeq: 1, updates: [Y.encodeStateAsUpdate(base)] }]);
    const poison = Uint8Array.from(Buffer.from("01010200c4020c0105012100", "hex"));
    expect(decodesCleanly(poison)).toBe(true);
    expect(() => {
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(base));
      Y.applyUpdate(probe, poison);
    }).toThrow();

    const room = new DocumentRoom(name, storage, commits);
    const [bad, good, reader] = [stubPeer(name, "bad"), stubPeer(name, "good"), stubPeer(name, "reader")];
    [bad, good, reader].forEach((p) => room.join(p));
    const w = writer(3, Y.encodeStateAsUpdate(base));
    w.text.insert(11, "!");
    room.receive(bad, { type: "update", update: poison });
    room.receive(good, { type: "update", update: w.out[0]! });
    await settle();

    expect(bad.closed).toEqual([CollabClose.malformed]);
    expect(saves(bad)).toHaveLength(0);
    expect(saves(good)).toHaveLength(1);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
    updates(reader).forEach((u) => Y.applyUpdate(replica, u));
    expect(replica.getText("t").toString()).toBe("hello world!");
    expect(room.doc.getText("t").toString()).toBe("hello world!");
    expect(storage.load(name).log.ends).toHaveLength(2); // base + the good update; the poison is gone
    expect(stored(name).getText("t").toString()).toBe("hello world!");
    // The room keeps working.
    w.text.insert(0, ">");
    room.receive(good, { type: "update", update: w.out.at(-1)! });
    await settle();
    expect(room.doc.getText("t").toString()).toBe(">hello world!");
    room.destroy();
  });
});

describe("DocumentRoom: changes the server makes itself", () => {
  const text = (doc: Y.Doc) => doc.getText("t").toString();
  const append = (suffix: string) => (doc: Y.Doc) => doc.getText("t").insert(doc.getText("t").length, suffix);
  /** A room whose document says "kept" (stored), with one peer joined; `before`: what it was sent so far. */
  const keptRoom = () => {
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    room.changeFromServer(append("kept"));
    const peer = stubPeer(name, "p");
    room.join(peer);
    return { name, room, peer, before: peer.sent.length };
  };

  it("commits what writers queued first, stores the change, then relays it to every peer", async () => {
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    const [a, b] = [stubPeer(name, "a"), stubPeer(name, "b")];
    [a, b].forEach((p) => room.join(p));
    const w = writer(501);
    w.text.insert(0, "typed");
    room.receive(a, { type: "update", update: w.out[0]! }); // queued, not yet committed
    expect(room.changeFromServer(append(" | heading"))).toBe(true);
    // Both peers got the heading (the stub checks it was stored when sent); b also got a's text.
    const replica = new Y.Doc();
    updates(b).forEach((u) => Y.applyUpdate(replica, u));
    expect(text(replica)).toBe("typed | heading");
    expect(updates(a).length).toBeGreaterThan(0);
    expect(saves(a)).toHaveLength(1);
    expect(text(room.doc)).toBe("typed | heading");
    expect(text(stored(name))).toBe("typed | heading");
    // A change that changes nothing stores and relays nothing.
    const sent = b.sent.length;
    const logged = storage.load(name).log.ends.length;
    expect(room.changeFromServer(() => undefined)).toBe(false);
    expect(b.sent.length).toBe(sent);
    expect(storage.load(name).log.ends).toHaveLength(logged);
    await settle();
    room.destroy();
    // Loaded again, numbering and content carry on.
    const again = new DocumentRoom(name, storage, commits);
    expect(text(again.doc)).toBe("typed | heading");
    again.changeFromServer(append("!"));
    expect(text(stored(name))).toBe("typed | heading!");
    again.destroy();
  });

  it.each([1, 2 ** 31, 0xfffffffe])("goes after what a writer (client id %i) was typing at the same spot and the server had not received yet", async (clientID) => {
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    const peer = stubPeer(name, "scribe");
    room.join(peer);
    const w = typed(clientID, "Jess spoke");
    for (const u of w.out) room.receive(peer, { type: "update", update: u });
    await settle();
    // The scribe types on; before those keys reach the server, it adds a heading at the end.
    const before = w.out.length;
    for (const ch of " first") w.text.insert(w.text.length, ch);
    room.changeFromServer(append(" | Welcome"));
    for (const u of w.out.slice(before)) room.receive(peer, { type: "update", update: u });
    await settle();
    updates(peer).forEach((u) => Y.applyUpdate(w.doc, u));
    expect(text(room.doc)).toBe("Jess spoke first | Welcome");
    expect(text(w.doc)).toBe("Jess spoke first | Welcome");
    expect(text(stored(name))).toBe("Jess spoke first | Welcome");
    room.destroy();
  });

  it("a change that throws part-way leaves the document as stored and sends nothing", () => {
    const { name, room, peer, before } = keptRoom();
    expect(() =>
      room.changeFromServer((doc) => {
        append(" half-done")(doc);
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(text(room.doc)).toBe("kept");
    expect(text(stored(name))).toBe("kept");
    expect(peer.sent.length).toBe(before);
    room.destroy();
  });

  it("when the disk refuses the append, the document stays as stored, nothing is relayed, and the room keeps working", () => {
    const { name, room, peer, before } = keptRoom();
    const other = new Database(databaseFilePath());
    other.exec(`CREATE TRIGGER refuse_append BEFORE INSERT ON "CollabJournal" BEGIN SELECT RAISE(ABORT, 'disk refused'); END`);
    try {
      expect(() => room.changeFromServer(append(" lost"))).toThrow("disk refused");
    } finally {
      other.exec("DROP TRIGGER refuse_append");
      other.close();
    }
    expect(text(room.doc)).toBe("kept");
    expect(peer.sent.length).toBe(before);
    expect(room.changeFromServer(append(" again"))).toBe(true);
    expect(text(stored(name))).toBe("kept again");
    expect(text(room.doc)).toBe("kept again");
    room.destroy();
  });
});

describe("DocumentRoom: compaction by age", () => {
  it("snapshots a document at its next commit once its oldest unsnapshotted update is 10–20 s old, not before", async () => {
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    const p = stubPeer(name, "p");
    room.join(p);
    const w = writer(95);
    w.text.insert(0, "a");
    room.receive(p, { type: "update", update: w.out.at(-1)! });
    await settle();
    expect(storage.load(name)).toMatchObject({ snapshot: null, lastSeq: 1 });
    const clock = vi.spyOn(Date, "now");
    try {
      // Half the nominal age: under the 10 s minimum, so the next commit only logs.
      clock.mockReturnValue(Date.now() + COMPACT_AGE_MS / 2);
      w.text.insert(1, "b");
      room.receive(p, { type: "update", update: w.out.at(-1)! });
      await settle();
      expect(storage.load(name)).toMatchObject({ snapshot: null, lastSeq: 2 });
      // Twice the nominal age: past the 20 s maximum.
      clock.mockReturnValue(Date.now() + 2 * COMPACT_AGE_MS);
      w.text.insert(2, "c");
      room.receive(p, { type: "update", update: w.out.at(-1)! });
      await settle();
    } finally {
      clock.mockRestore();
    }
    const after = storage.load(name);
    expect(after.snapshot).not.toBeNull();
    expect(after.log.ends).toEqual([]);
    expect(stored(name).getText("t").toString()).toBe("abc");
    room.destroy();
  });
});

describe("DocumentRoom: loading", () => {
  it("compacts a long log into a snapshot shortly after loading it, with the same content", async () => {
    const name = docName();
    const w = writer(401);
    for (let i = 0; i < 1200; i++) w.text.insert(w.text.length, String.fromCharCode(97 + (i % 26)));
    storage.appendMany([{ docName: name, firstSeq: 1, updates: w.out }]);
    expect(storage.load(name).log.ends).toHaveLength(1200);
    const room = new DocumentRoom(name, storage, commits);
    expect(room.doc.getText("t").toString()).toBe(w.text.toString());
    await new Promise((resolve) => setTimeout(resolve, COMPACT_AFTER_LOAD_MS + 100));
    const after = storage.load(name);
    expect(after.snapshot).not.toBeNull();
    expect(after.log.ends).toHaveLength(0);
    expect(stored(name).getText("t").toString()).toBe(w.text.toString());
    // Numbering continues after the compacted log.
    const p = stubPeer(name, "p");
    room.join(p);
    w.text.insert(0, "#");
    room.receive(p, { type: "update", update: w.out.at(-1)! });
    await settle();
    expect(stored(name).getText("t").toString()).toBe(w.text.toString());
    room.destroy();
  });

  it("salvages a stored log the document throws on: drops the refused update and keeps the rest", () => {
    const name = docName();
    const base = new Y.Doc();
    base.clientID = 1;
    base.getText("t").insert(0, "hello world");
    base.getText("t").format(0, 5, { bold: true });
    const later = writer(5, Y.encodeStateAsUpdate(base));
    later.text.insert(0, "> ");
    const poison = Uint8Array.from(Buffer.from("01010200c4020c0105012100", "hex"));
    storage.appendMany([{ docName: name, firstSeq: 1, updates: [Y.encodeStateAsUpdate(base), poison, later.out[0]!] }]);
    const room = new DocumentRoom(name, storage, commits);
    expect(room.doc.getText("t").toString()).toBe("> hello world");
    expect(storage.load(name).log.ends).toHaveLength(2);
    room.destroy();
    expect(stored(name).getText("t").toString()).toBe("> hello world");
  });
});

describe("CollabStorage: a log read back", () => {
  const hex = (u: Uint8Array) => Buffer.from(u).toString("hex");

  it("gives every logged update back byte for byte and in seq order, whatever the bytes, with gaps in the numbering", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 3 })), { maxLength: 40 }), (entries) => {
        const name = docName();
        let seq = 0;
        const numbered = entries.map(([bytes, step]) => ({ seq: (seq += step), bytes }));
        // Appended newest first: the table's own order must not matter.
        for (const { seq, bytes } of [...numbered].reverse()) storage.appendMany([{ docName: name, firstSeq: seq, updates: [bytes] }]);
        const { snapshot, log, lastSeq } = storage.load(name);
        expect(snapshot).toBeNull();
        expect(splitLog(log).map(hex)).toEqual(numbered.map((e) => hex(e.bytes)));
        expect(lastSeq).toBe(numbered.at(-1)?.seq ?? 0);
      }),
      { numRuns: 60 },
    );
  });

  it("reads only the updates logged after the snapshot", () => {
    const name = docName();
    const w = typed(77, "abcdef");
    storage.appendMany([{ docName: name, firstSeq: 1, updates: w.out.slice(0, 4) }]);
    storage.compact(name, 4, Y.encodeStateAsUpdate(w.doc));
    storage.appendMany([{ docName: name, firstSeq: 5, updates: w.out.slice(4) }]);
    const { snapshot, log, lastSeq } = storage.load(name);
    expect(snapshot).not.toBeNull();
    expect(splitLog(log).map(hex)).toEqual(w.out.slice(4).map(hex));
    expect(lastSeq).toBe(6);
  });
});

describe("CollabStorage: the journal", () => {
  const hex = (u: Uint8Array) => Buffer.from(u).toString("hex");
  const logOf = (name: string) => splitLog(storage.load(name).log).map(hex);
  const sweepAll = (now: number, keep: { rows: number; ms: number }) => {
    let total = 0;
    for (let n = storage.sweep(now, keep); n > 0; n = storage.sweep(now, keep)) total += n;
    return total;
  };
  function rows(table: "CollabJournal" | "CollabUpdate", name: string): number[] {
    const db = new Database(databaseFilePath(), { readonly: true });
    try {
      return (db.prepare(`SELECT seq FROM "${table}" WHERE docName = ? ORDER BY seq`).all(name) as { seq: number }[]).map((r) => r.seq);
    } finally {
      db.close();
    }
  }

  it("sweeps old rows: those a snapshot covers are deleted, the rest move to the per-document log, and every load reads the same", () => {
    const compacted = docName();
    const plain = docName();
    const a = typed(91, "abcdef");
    storage.appendMany([{ docName: compacted, firstSeq: 1, updates: a.out.slice(0, 4) }]);
    storage.compact(compacted, 4, Y.encodeStateAsUpdate(a.doc));
    storage.appendMany([{ docName: compacted, firstSeq: 5, updates: a.out.slice(4, 6) }]);
    const b = typed(92, "xyz");
    storage.appendMany([{ docName: plain, firstSeq: 1, updates: b.out }]);
    const before = { compacted: logOf(compacted), plain: logOf(plain) };
    expect(rows("CollabJournal", compacted)).toEqual([1, 2, 3, 4, 5, 6]);

    expect(sweepAll(Date.now(), { rows: 0, ms: 60_000 })).toBeGreaterThanOrEqual(9);
    expect(rows("CollabJournal", compacted)).toEqual([]);
    expect(rows("CollabJournal", plain)).toEqual([]);
    expect(rows("CollabUpdate", compacted)).toEqual([5, 6]);
    expect(rows("CollabUpdate", plain)).toEqual([1, 2, 3]);
    expect({ compacted: logOf(compacted), plain: logOf(plain) }).toEqual(before);

    // Later updates are journaled again, and a load reads the per-document log and then the journal.
    a.text.insert(0, "#");
    storage.appendMany([{ docName: compacted, firstSeq: 7, updates: [a.out.at(-1)!] }]);
    expect(logOf(compacted)).toEqual([...before.compacted, hex(a.out.at(-1)!)]);
    expect(stored(compacted).getText("t").toString()).toBe("#abcdef");
    expect(storage.load(compacted).lastSeq).toBe(7);
  });

  it("keeps the newest rows and any row younger than the time limit", () => {
    const name = docName();
    const w = typed(93, "hello");
    storage.appendMany([{ docName: name, firstSeq: 1, updates: w.out }]);
    sweepAll(Date.now(), { rows: 2, ms: 60_000 });
    expect(rows("CollabJournal", name)).toEqual([4, 5]);
    expect(rows("CollabUpdate", name)).toEqual([1, 2, 3]);
    sweepAll(Date.now(), { rows: 0, ms: 60_000 });
    expect(rows("CollabJournal", name)).toEqual([]);
    expect(rows("CollabUpdate", name)).toEqual([1, 2, 3, 4, 5]);
    storage.appendMany([{ docName: name, firstSeq: 6, updates: [w.out[0]!] }]);
    // By count nothing is over; by age only rows older than a minute go.
    expect(sweepAll(Date.now(), { rows: 1_000_000, ms: 60_000 })).toBe(0);
    expect(rows("CollabJournal", name)).toEqual([6]);
    expect(sweepAll(Date.now() + 61_000, { rows: 1_000_000, ms: 60_000 })).toBeGreaterThan(0);
    expect(rows("CollabJournal", name)).toEqual([]);
    expect(stored(name).getText("t").toString()).toBe("hello");
  });

  it("deletes a document from the journal, the per-document log and the snapshot", () => {
    const name = docName();
    const w = typed(94, "secret");
    storage.appendMany([{ docName: name, firstSeq: 1, updates: w.out.slice(0, 2) }]);
    storage.compact(name, 2, Y.encodeStateAsUpdate(w.doc));
    storage.appendMany([{ docName: name, firstSeq: 3, updates: w.out.slice(2, 4) }]);
    sweepAll(Date.now(), { rows: 0, ms: 60_000 });
    storage.appendMany([{ docName: name, firstSeq: 5, updates: w.out.slice(4) }]);
    expect(rows("CollabUpdate", name)).toEqual([3, 4]);
    expect(rows("CollabJournal", name)).toEqual([5, 6]);
    storage.deleteDocument(name);
    expect(rows("CollabUpdate", name)).toEqual([]);
    expect(rows("CollabJournal", name)).toEqual([]);
    expect(storage.load(name)).toMatchObject({ snapshot: null, lastSeq: 0 });
    expect(storage.load(name).log.ends).toEqual([]);
  });
});
