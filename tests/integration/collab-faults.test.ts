import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CollabClose } from "~/realtime/protocol";
import { CollabStorage } from "../../server/collab/storage";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { freePort, freshDatabaseFile, startChildServer, type ChildServer } from "../support/child-server";
import { TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD } from "../support/server";

// The real server in its own process, made to fail on purpose with the test-only switch
// CIRCLE_FAULTS (server/faults.ts; honoured only with NODE_ENV=test), as a failing disk would.

const faulty = (faults: string, extra: Record<string, string> = {}) => ({ NODE_ENV: "test", CIRCLE_FAULTS: faults, ...extra });

/** JSON log lines the server wrote (non-JSON lines are skipped). */
function logLines(output: string): { level: string; msg: string; err?: string; [k: string]: unknown }[] {
  return output.split("\n").flatMap((line) => {
    try {
      const parsed = JSON.parse(line);
      return parsed && typeof parsed === "object" && typeof parsed.msg === "string" ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

/** Resolves with the exit code, or rejects if the process is still running after `ms`. */
function exitWithin(child: ChildServer, ms: number): Promise<number | null> {
  return Promise.race([child.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms).unref())]);
}

function notesOf(dbFile: string): string {
  const sqlite = new Database(dbFile, { readonly: true });
  try {
    const { id } = sqlite.prepare(`SELECT id FROM "Case" WHERE reference = 'RJ-2026-0142'`).get() as { id: string };
    return `case:${id}:notes`;
  } finally {
    sqlite.close();
  }
}

function snapshotCount(dbFile: string, name: string): number {
  const sqlite = new Database(dbFile, { readonly: true });
  try {
    return (sqlite.prepare(`SELECT count(*) AS n FROM "CollabSnapshot" WHERE docName = ?`).get(name) as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

const lines = (child: ChildServer) => logLines(child.output());
const signIn = (origin: string, who: string) => new TestClient(origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);

describe("background failures in the real server", () => {
  const children: ChildServer[] = [];
  const peers: TestPeer[] = [];
  const start = async (...args: Parameters<typeof startChildServer>) => {
    const child = await startChildServer(...args);
    children.push(child);
    return child;
  };
  const connect = (...args: Parameters<typeof connectPeer>) => {
    const peer = connectPeer(...args);
    peers.push(peer);
    return peer;
  };
  afterEach(() => {
    peers.splice(0).forEach((p) => p.destroy());
    for (const child of children.splice(0)) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
  });

  it("keeps serving and confirming edits while compaction, the journal sweep and the checkpointer fail, and loses nothing confirmed", async () => {
    const db = freshDatabaseFile();
    let server = await start(db, { env: faulty("compaction:throw,sweep:throw,checkpoint:throw"), capture: true });
    const name = notesOf(db);
    // A log long enough to be compacted as soon as the document loads (and at every commit after).
    const earlier = new Y.Doc();
    const logged: Uint8Array[] = [];
    earlier.on("update", (u: Uint8Array) => logged.push(u));
    for (let i = 0; i < 520; i++) earlier.getText("t").insert(earlier.getText("t").length, String.fromCharCode(97 + (i % 26)));
    const writerStore = new CollabStorage(db);
    writerStore.appendMany([{ docName: name, firstSeq: 1, updates: logged }]);
    writerStore.close();
    const before = earlier.getText("t").toString();

    const [lead, co, supervisor] = await Promise.all([signIn(server.origin, "lead"), signIn(server.origin, "co"), signIn(server.origin, "supervisor")]);
    const a = connect(server.origin, lead.cookieHeader, name);
    const b = connect(server.origin, co.cookieHeader, name);
    await waitFor(() => a.provider.synced && b.provider.synced, 15_000, "synced");
    expect(a.text.toString()).toBe(before);

    const tokens: string[] = [];
    for (let n = 0; n < 40; n++) {
      for (const [peer, who] of [
        [a, "A"],
        [b, "B"],
      ] as const) {
        const token = `<${who}${n}>`;
        peer.text.insert(peer.text.length, token);
        tokens.push(token);
      }
      await new Promise((r) => setTimeout(r, 20));
      if (n === 20) expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    }
    await waitFor(() => allSaved(a) && allSaved(b), 15_000, "every edit confirmed despite the failing compaction");
    // A newcomer is served the whole document from memory and the log.
    const c = connect(server.origin, supervisor.cookieHeader, name);
    await waitFor(() => c.provider.synced && c.text.length === a.text.length, 15_000, "a third tablet synced");
    for (const t of tokens) expect(c.text.toString()).toContain(t);
    expect(a.closeCodes).toEqual([]);

    // The failures happened, were logged with their stacks, rolled back, and are retried with a backoff.
    await waitFor(() => logLines(server.output()).some((l) => l.msg.includes("checkpointer")), 10_000, "the checkpointer's failure logged");
    const lines = logLines(server.output());
    const compaction = lines.filter((l) => l.msg.includes("compaction failed"));
    const sweep = lines.filter((l) => l.msg.includes("sweep failed"));
    expect(compaction.length).toBeGreaterThan(0);
    expect(compaction[0]!.err).toMatch(/injected fault: compaction[\s\S]*\n\s+at /);
    expect(sweep.length).toBeGreaterThan(0);
    expect(sweep[0]!.err).toMatch(/injected fault: sweep[\s\S]*\n\s+at /);
    // Without a backoff the sweep (every 50 ms) and the compaction (every commit) would log dozens of times.
    expect(sweep.length).toBeLessThan(15);
    expect(compaction.length).toBeLessThan(10);
    expect(snapshotCount(db, name)).toBe(0);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    expect(server.process.exitCode).toBeNull();

    // Shutdown cannot compact either; it still closes cleanly.
    peers.splice(0).forEach((p) => p.destroy());
    server.process.kill("SIGTERM");
    expect(await exitWithin(server, 10_000)).toBe(0);

    // The fault clears (a restart without it): every confirmed edit is there, and the log is compacted at last.
    server = await start(db);
    const reader = connect(server.origin, (await signIn(server.origin, "supervisor")).cookieHeader, name);
    await waitFor(() => reader.provider.synced, 15_000, "synced after restart");
    const text = reader.text.toString();
    expect(text.startsWith(before)).toBe(true);
    for (const t of tokens) expect(text).toContain(t);
    await waitFor(() => snapshotCount(db, name) === 1, 10_000, "compacted after the restart");
  }, 90_000);

  it("never tells a client 'saved' for an update the disk refused; the client keeps it and resends it once the server can store it", async () => {
    const db = freshDatabaseFile();
    const port = await freePort();
    let server = await start(db, { port, env: faulty("append:throw"), capture: true });
    const name = notesOf(db);
    const lead = await signIn(server.origin, "lead");
    const a = connect(server.origin, lead.cookieHeader, name);
    await waitFor(() => a.provider.synced, 15_000, "synced");
    a.text.insert(0, "<refused by the disk>");
    await waitFor(() => a.closeCodes.includes(CollabClose.unavailable), 10_000, "the writer told to reconnect");
    expect(allSaved(a)).toBe(false);
    expect(lines(server).some((l) => l.msg.includes("commit failed"))).toBe(true);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);

    server.process.kill("SIGTERM");
    expect(await exitWithin(server, 10_000)).toBe(0);
    expect(allSaved(a)).toBe(false);
    server = await start(db, { port });
    // The same tablet reconnects on its own and sends what the server never confirmed.
    await waitFor(() => allSaved(a), 20_000, "the edit confirmed after the restart");
    const reader = connect(server.origin, (await signIn(server.origin, "supervisor")).cookieHeader, name);
    await waitFor(() => reader.provider.synced, 15_000, "reader synced");
    expect(reader.text.toString()).toBe("<refused by the disk>");
  }, 60_000);

  it.each(["timer", "rejection"])(
    "an unexpected %s error is logged with its stack, the server closes and exits non-zero",
    async (point) => {
      const server = await start(freshDatabaseFile(), { env: faulty(`${point}:throw`, { LOG_LEVEL: "info" }), capture: true, waitHealthy: false });
      const code = await exitWithin(server, 30_000);
      expect(code).toBe(1);
      const out = lines(server);
      const fatal = out.find((l) => l.level === "error" && l.msg.includes("unexpected error"));
      expect(fatal, server.output()).toBeDefined();
      expect(fatal!.err).toMatch(new RegExp(`injected fault: ${point}[\\s\\S]*\\n\\s+at `));
      // It closed before exiting (HTTP server, sockets, collab store, database), after the error.
      const closed = out.findIndex((l) => l.msg === "closed after an unexpected error; exiting");
      expect(closed).toBeGreaterThan(out.indexOf(fatal!));
    },
    40_000,
  );
});
