import { EventEmitter } from "node:events";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { collabServices } from "../../server/app";
import { startCheckpointer } from "../../server/checkpointer";
import { createCollabServer } from "../../server/collab";
import { CommitScheduler } from "../../server/collab/commits";
import { MessageType, encodeUpdate, parseFrame } from "../../server/collab/frames";
import { COLLAB_LIMITS } from "../../server/collab/limits";
import { COMPACT_AGE_MS, COMPACT_RETRY_MAX_MS, DocumentRoom } from "../../server/collab/room";
import { CollabStorage } from "../../server/collab/storage";
import { log } from "../../server/log";
import { CollabClose } from "~/realtime/protocol";
import { databaseFilePath } from "~/utils/env.server";
import type { CollabConnectionContext } from "../../server/collab/upgrade";
import { stubPeer as makeStubPeer, storedDoc, type StubPeer as StubPeerOf } from "../support/collab-stub-peer";
import { waitFor } from "../support/http";

// Failures of the collab server's background work (compaction at a commit, after a load and on
// unload; a room's follow-up after the group commit; the journal sweep; the WAL checkpointer),
// made real with SQLite triggers that refuse the writes, as a failing disk would. Before these were
// contained, each of them threw into the event loop (vitest reports that as an unhandled error).

const storage = new CollabStorage();
const commits = new CommitScheduler(storage);
afterAll(() => storage.close());

type StubPeer = StubPeerOf<"update" | "saved" | "other">;

const stubPeer = (label: string): StubPeer => makeStubPeer(label, (data) => (parseFrame(data)?.type === "update" ? "update" : data[0] === MessageType.saved ? "saved" : "other"));

const stored = (name: string, from: CollabStorage = storage) => storedDoc(from, name);

function writer(clientID: number, base?: Uint8Array) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (base) Y.applyUpdate(doc, base);
  const out: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => out.push(u));
  return { doc, text: doc.getText("t"), out };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};
const text = (doc: Y.Doc) => doc.getText("t").toString();

/** The disk refuses something (a trigger, on a connection of its own) until the returned function is called. */
function refuse(what: "snapshots" | "journal deletions"): () => void {
  const db = new Database(databaseFilePath());
  const triggers =
    what === "snapshots"
      ? [
          `CREATE TRIGGER refuse_snapshot_insert BEFORE INSERT ON "CollabSnapshot" BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
          `CREATE TRIGGER refuse_snapshot_update BEFORE UPDATE ON "CollabSnapshot" BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
        ]
      : [`CREATE TRIGGER refuse_journal_delete BEFORE DELETE ON "CollabJournal" BEGIN SELECT RAISE(ABORT, 'disk refused'); END`];
  triggers.forEach((t) => db.exec(t));
  return () => {
    for (const t of triggers) db.exec(`DROP TRIGGER ${/TRIGGER (\w+)/.exec(t)![1]}`);
    db.close();
  };
}

/** Error log lines whose message includes `msg`. */
const errorsAbout = (spy: { mock: { calls: unknown[][] } }, msg: string) =>
  spy.mock.calls.filter(([, m]) => String(m).includes(msg)).map(([fields]) => fields as { err: string; [k: string]: unknown });

let n = 0;
const docName = () => `contained-${++n}`;

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("compaction that fails is contained and tried again", () => {
  it("at a commit: the writer is still confirmed, the others get the edit, and compaction is retried after a backoff, not at every commit", async () => {
    const errors = vi.spyOn(log, "error");
    const name = docName();
    const room = new DocumentRoom(name, storage, commits);
    const [a, b] = [stubPeer("a"), stubPeer("b")];
    [a, b].forEach((p) => room.join(p));
    const w = writer(11);
    const type = async (ch: string) => {
      w.text.insert(w.text.length, ch);
      room.receive(a, { type: "update", update: w.out.at(-1)! });
      await settle();
    };
    await type("x"); // logged; its age starts now
    const clock = vi.spyOn(Date, "now");
    const start = Date.now();
    const restore = refuse("snapshots");
    try {
      // Old enough to be compacted at the next commit.
      clock.mockReturnValue(start + 2 * COMPACT_AGE_MS);
      await type("y");
      expect(a.sent.filter((s) => s === "saved")).toHaveLength(2);
      expect(b.sent.filter((s) => s === "update")).toHaveLength(2);
      expect(storage.load(name)).toMatchObject({ snapshot: null, lastSeq: 2 });
      const failed = errorsAbout(errors, "compaction failed");
      expect(failed).toHaveLength(1);
      expect(failed[0]!.err).toMatch(/disk full[\s\S]*\n\s+at /);
      // The next commit, before the retry is due, does not hammer the disk again.
      await type("z");
      expect(a.sent.filter((s) => s === "saved")).toHaveLength(3);
      expect(errorsAbout(errors, "compaction failed")).toHaveLength(1);
    } finally {
      restore();
    }
    // The disk takes writes again and the retry is due: the next commit compacts.
    clock.mockReturnValue(start + 2 * COMPACT_AGE_MS + 2 * COMPACT_RETRY_MAX_MS);
    await type("!");
    const after = storage.load(name);
    expect(after.snapshot).not.toBeNull();
    expect(after.log.ends).toEqual([]);
    expect(text(stored(name))).toBe("xyz!");
    expect(text(room.doc)).toBe("xyz!");
    room.destroy();
  });

  it("after loading a long log: the timer's failure is logged, the document is served, and the compaction is tried again on its own", async () => {
    const errors = vi.spyOn(log, "error");
    const name = docName();
    const w = writer(12);
    for (let i = 0; i < 600; i++) w.text.insert(w.text.length, String.fromCharCode(97 + (i % 26)));
    storage.appendMany([{ docName: name, firstSeq: 1, updates: w.out }]);
    const restore = refuse("snapshots");
    let room: DocumentRoom;
    try {
      room = new DocumentRoom(name, storage, commits);
      await waitFor(() => errorsAbout(errors, "compaction failed").length > 0, 5_000, "the failed compaction logged");
      expect(errorsAbout(errors, "compaction failed")[0]).toMatchObject({ reason: "after load" });
      expect(text(room.doc)).toBe(w.text.toString());
      expect(storage.load(name).snapshot).toBeNull();
    } finally {
      restore();
    }
    await waitFor(() => storage.load(name).snapshot !== null, 5_000, "compacted by the retry");
    expect(storage.load(name).log.ends).toEqual([]);
    expect(text(stored(name))).toBe(w.text.toString());
    room!.destroy();
  });
});

describe("a room that fails after the group commit", () => {
  it("breaks alone: the other rooms of the same commit are applied and confirmed; its peers are told to reconnect; nothing is compacted from it; its log loads again", async () => {
    vi.spyOn(log, "error");
    // Room A holds the state an update was found to throw against (see collab-room.test.ts).
    const nameA = docName();
    const base = new Y.Doc();
    base.clientID = 1;
    base.getText("t").insert(0, "hello world");
    base.getText("t").format(0, 5, { bold: true });
    storage.appendMany([{ docName: nameA, firstSeq: 1, updates: [Y.encodeStateAsUpdate(base)] }]);
    const poison = Uint8Array.from(Buffer.from("01010200c4020c0105012100", "hex"));
    const roomA = new DocumentRoom(nameA, storage, commits);
    const [bad, readerA] = [stubPeer("bad"), stubPeer("readerA")];
    [bad, readerA].forEach((p) => roomA.join(p));
    const nameB = docName();
    const roomB = new DocumentRoom(nameB, storage, commits);
    const [writerB, readerB] = [stubPeer("writerB"), stubPeer("readerB")];
    [writerB, readerB].forEach((p) => roomB.join(p));
    const w = writer(13);
    w.text.insert(0, "kept");

    // A's refused update must be removed from the log, and the disk refuses that removal.
    const restore = refuse("journal deletions");
    try {
      roomA.receive(bad, { type: "update", update: poison }); // A is first in the commit
      roomB.receive(writerB, { type: "update", update: w.out[0]! });
      await settle();
    } finally {
      restore();
    }
    expect(writerB.sent).toContain("saved");
    expect(readerB.sent).toContain("update");
    expect(text(roomB.doc)).toBe("kept");
    expect(roomA.broken).toBe(true);
    expect(bad.closed).toEqual([CollabClose.unavailable]);
    expect(readerA.closed).toEqual([CollabClose.unavailable]);
    expect(bad.sent).not.toContain("saved");
    roomA.destroy();
    expect(storage.load(nameA).snapshot).toBeNull();
    // Loaded afresh, the stored log is salvaged (the refused update dropped now) and nothing else lost.
    const again = new DocumentRoom(nameA, storage, commits);
    expect(text(again.doc)).toBe("hello world");
    again.destroy();
    roomB.destroy();
  });
});

describe("unloading an idle document whose compaction fails", () => {
  it("keeps it loaded and served, and unloads it once the disk takes the snapshot", async () => {
    const errors = vi.spyOn(log, "error");
    const idle = COLLAB_LIMITS.idleUnloadMs;
    // A short idle wait for this test (the object is frozen only in its type).
    (COLLAB_LIMITS as { idleUnloadMs: number }).idleUnloadMs = 100;
    const own = new CollabStorage();
    const collab = createCollabServer({ ...collabServices, storage: own });
    const name = docName();
    const ws = Object.assign(new EventEmitter(), { OPEN: 1, readyState: 1, send: () => undefined, close: () => undefined, terminate: () => undefined });
    const ctx = {
      user: { id: "u1", email: "u1@test.invalid", name: "U One", role: "FACILITATOR", serviceId: "s1", sessionId: "no-session" },
      doc: { kind: "notes", id: "c1", name },
      access: { level: "write", caseId: "c1" },
      clientIp: null,
    } as unknown as CollabConnectionContext;
    let restore: (() => void) | null = null;
    try {
      collab.onConnection(ws as never, ctx);
      const w = writer(14);
      w.text.insert(0, "typed before leaving");
      ws.emit("message", Buffer.from(encodeUpdate(w.out[0]!)), true);
      await settle();
      expect(text(stored(name, own))).toBe("typed before leaving");
      restore = refuse("snapshots");
      ws.emit("close");
      await waitFor(() => errorsAbout(errors, "compaction failed").length > 0, 5_000, "the unload's compaction failed");
      expect(errorsAbout(errors, "compaction failed")[0]).toMatchObject({ reason: "unload" });
      expect(text(collab.readDocument(name))).toBe("typed before leaving");
      expect(own.load(name).snapshot).toBeNull();
      restore();
      restore = null;
      await waitFor(() => own.load(name).snapshot !== null, 5_000, "compacted once the disk takes it");
      expect(own.load(name).log.ends).toEqual([]);
      expect(text(collab.readDocument(name))).toBe("typed before leaving");
    } finally {
      restore?.();
      (COLLAB_LIMITS as { idleUnloadMs: number }).idleUnloadMs = idle;
      await collab.close();
    }
  });
});

describe("the journal sweep", () => {
  it("backs off while it fails (logged with its stack) and returns to its pace once it works", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const errors = vi.spyOn(log, "error");
    const own = new CollabStorage();
    try {
      const sweep = vi.spyOn(own, "sweep").mockImplementation(() => {
        throw new Error("disk I/O error");
      });
      own.startSweeping();
      vi.advanceTimersByTime(10_000);
      // Every 50 ms that would be 200 tries; with the backoff (1, 2, 4 s ...) a handful.
      expect(sweep.mock.calls.length).toBeGreaterThan(1);
      expect(sweep.mock.calls.length).toBeLessThan(8);
      const failed = errorsAbout(errors, "sweep failed");
      expect(failed).toHaveLength(sweep.mock.calls.length);
      expect(failed[0]!.err).toMatch(/disk I\/O error[\s\S]*\n\s+at /);
      sweep.mockImplementation(() => 0);
      vi.advanceTimersByTime(20_000);
      const calls = sweep.mock.calls.length;
      vi.advanceTimersByTime(1_000);
      expect(sweep.mock.calls.length - calls).toBeGreaterThanOrEqual(15);
    } finally {
      own.close();
    }
  });
});

describe("the WAL checkpointer", () => {
  it("is started again, with a backoff, when its worker dies", async () => {
    const errors = vi.spyOn(log, "error");
    // A database it cannot open: the worker dies on start, every time.
    const checkpointer = startCheckpointer("/nonexistent-circle-dir/circle.db", 50);
    try {
      await waitFor(() => errorsAbout(errors, "checkpointer failed").length >= 2, 10_000, "a restarted worker failing again");
      const failed = errorsAbout(errors, "checkpointer failed");
      expect(failed[0]!.err).toMatch(/directory does not exist[\s\S]*\n\s+at /);
      expect(failed.map((f) => f.failures)).toEqual([1, 2]);
    } finally {
      await checkpointer.stop();
    }
  });
});
