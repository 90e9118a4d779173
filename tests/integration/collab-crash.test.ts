import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectPeer, type TestPeer } from "../support/collab-client";
import { freshDatabaseFile, startChildServer } from "../support/child-server";
import { TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD } from "../support/server";

const ROUNDS = 3;

/** Tokens a peer typed, each with the clock its own client reached after typing it. */
type Typed = { token: string; clock: number }[];

function confirmedTokens(peer: TestPeer, typed: Typed): string[] {
  const last = peer.saved.at(-1);
  const confirmed = last ? (Y.decodeStateVector(last).get(peer.doc.clientID) ?? 0) : 0;
  return typed.filter((t) => t.clock <= confirmed).map((t) => t.token);
}

describe("collab durability under kill -9", () => {
  it(`keeps every edit a client saw confirmed or received from another, over ${ROUNDS} crashes`, async () => {
    const db = freshDatabaseFile();
    let server = await startChildServer(db);
    const sqlite = new Database(db, { readonly: true });
    const { id: caseId } = sqlite.prepare(`SELECT id FROM "Case" WHERE reference = 'RJ-2026-0142'`).get() as { id: string };
    sqlite.close();
    const name = `case:${caseId}:notes`;
    const mustSurvive = new Set<string>();

    for (let round = 0; round < ROUNDS; round++) {
      const [lead, co] = await Promise.all([
        new TestClient(server.origin).signIn("lead@demo.circle", DEMO_PASSWORD),
        new TestClient(server.origin).signIn("co@demo.circle", DEMO_PASSWORD),
      ]);
      const a = connectPeer(server.origin, lead.cookieHeader, name);
      const b = connectPeer(server.origin, co.cookieHeader, name);
      await waitFor(() => a.provider.synced && b.provider.synced, 15_000, "synced");
      const typedA: Typed = [];
      const typedB: Typed = [];
      let n = 0;
      const typing = setInterval(() => {
        for (const [peer, typed, who] of [
          [a, typedA, "A"],
          [b, typedB, "B"],
        ] as const) {
          const token = `<${who}${round}-${n}>`;
          peer.text.insert(peer.text.length, token);
          typed.push({ token, clock: Y.decodeStateVector(Y.encodeStateVector(peer.doc)).get(peer.doc.clientID) ?? 0 });
        }
        n++;
      }, 5);
      await waitFor(() => confirmedTokens(a, typedA).length > 20 && confirmedTokens(b, typedB).length > 20, 15_000, "edits confirmed");
      server.process.kill("SIGKILL");
      clearInterval(typing);
      // What each person had seen from the other, and what each had seen confirmed, at the crash.
      for (const t of confirmedTokens(a, typedA)) mustSurvive.add(t);
      for (const t of confirmedTokens(b, typedB)) mustSurvive.add(t);
      for (const t of typedB) if (a.text.toString().includes(t.token)) mustSurvive.add(t.token);
      for (const t of typedA) if (b.text.toString().includes(t.token)) mustSurvive.add(t.token);
      a.destroy();
      b.destroy();
      await server.exited;

      server = await startChildServer(db);
      const reader = await new TestClient(server.origin).signIn("supervisor@demo.circle", DEMO_PASSWORD);
      const check = connectPeer(server.origin, reader.cookieHeader, name);
      await waitFor(() => check.provider.synced, 15_000, "synced after restart");
      const text = check.text.toString();
      const lost = [...mustSurvive].filter((t) => !text.includes(t));
      check.destroy();
      expect(lost, `round ${round}: lost ${lost.length} of ${mustSurvive.size}`).toEqual([]);
    }
    server.process.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 120_000);
});
