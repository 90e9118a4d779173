import { afterEach, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { CollabClose } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { allSaved, storedDoc, authedWebSocket, collabUrl, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const peers: TestPeer[] = [];
const track = (p: TestPeer) => (peers.push(p), p);
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));

describe("collab server: jointly edited notes", () => {
  const server = useDemoServer();
  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  const notesDoc = async () => `case:${await caseIdByReference("RJ-2026-0142")}:notes`;

  it("lead and co-facilitator converge, and the writer is told when the edit is saved", async () => {
    const [lead, co] = await Promise.all([signIn("lead@demo.circle"), signIn("co@demo.circle")]);
    const name = await notesDoc();
    const a = track(connectPeer(server().origin, lead.cookieHeader, name));
    const b = track(connectPeer(server().origin, co.cookieHeader, name));
    await waitFor(() => a.provider.synced && b.provider.synced, 10_000, "both synced");
    a.text.insert(0, "Jessica wants to explain the effect on her health. ");
    b.text.insert(0, "Daniel has written a first letter. ");
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length > 60, 10_000, "convergence");
    expect(a.text.toString()).toContain("Jessica wants");
    expect(a.text.toString()).toContain("Daniel has written");
    await waitFor(() => allSaved(a) && allSaved(b), 10_000, "saved confirmations");
  });

  it("drops a supervisor's writes: nobody sees them and nothing is stored", async () => {
    const [lead, supervisor] = await Promise.all([signIn("lead@demo.circle"), signIn("supervisor@demo.circle")]);
    const name = await notesDoc();
    const a = track(connectPeer(server().origin, lead.cookieHeader, name));
    const s = track(connectPeer(server().origin, supervisor.cookieHeader, name));
    await waitFor(() => a.provider.synced && s.provider.synced, 10_000, "synced");
    s.text.insert(0, "SUPERVISOR EDIT ");
    a.text.insert(a.text.length, " lead-marker");
    await waitFor(() => s.text.toString().includes("lead-marker"), 10_000, "supervisor reads the lead's edit");
    await waitFor(() => allSaved(a), 10_000, "lead saved");
    expect(a.text.toString()).not.toContain("SUPERVISOR EDIT");
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(storedDoc(name)));
    expect(stored.getText("t").toString()).not.toContain("SUPERVISOR EDIT");
    expect(allSaved(s)).toBe(false);
  });

  it("replaces a forged presence name with the signed-in user's", async () => {
    const [lead, co] = await Promise.all([signIn("lead@demo.circle"), signIn("co@demo.circle")]);
    const name = await notesDoc();
    const a = track(connectPeer(server().origin, lead.cookieHeader, name));
    const b = track(connectPeer(server().origin, co.cookieHeader, name));
    await waitFor(() => a.provider.synced && b.provider.synced, 10_000, "synced");
    b.provider.awareness.setLocalStateField("user", { name: "Sam Okafor (supervisor)", color: "#000000" });
    const seen = await waitFor(
      () => {
        const state = a.provider.awareness.getStates().get(b.doc.clientID) as { user?: { name: string } } | undefined;
        return state?.user;
      },
      10_000,
      "co's presence at the lead",
    );
    expect(seen.name).toBe("Chris Patel");
  });

  it("closes an oversized frame with 1009 and leaves the document as it was", async () => {
    const lead = await signIn("lead@demo.circle");
    const name = await notesDoc();
    const before = Y.encodeStateAsUpdate(storedDoc(name));
    const WS = authedWebSocket(lead.cookieHeader, server().origin);
    const ws = new WS(collabUrl(server().origin, name));
    await new Promise((resolve) => ws.once("open", resolve));
    const code = await new Promise<number>((resolve) => {
      ws.once("close", (c: number) => resolve(c));
      ws.send(new Uint8Array(2 * 1024 * 1024));
    });
    expect(code).toBe(1009);
    expect(Buffer.from(Y.encodeStateAsUpdate(storedDoc(name))).equals(Buffer.from(before))).toBe(true);
    expect((await fetch(`${server().origin}/healthz`)).status).toBe(200);
  });

  it("closes connections that send malformed frames; the document stays byte-identical and others keep working", async () => {
    const [lead, co] = await Promise.all([signIn("lead@demo.circle"), signIn("co@demo.circle")]);
    const name = await notesDoc();
    const good = track(connectPeer(server().origin, co.cookieHeader, name));
    await waitFor(() => good.provider.synced, 10_000, "synced");
    await waitFor(() => allSaved(good), 10_000, "quiet");
    const before = Y.encodeStateAsUpdate(storedDoc(name));
    const valid = (() => {
      const d = new Y.Doc();
      d.getText("t").insert(0, "a valid update that will be cut short");
      return Y.encodeStateAsUpdate(d);
    })();
    const frame = (type: number[], payload: Uint8Array) =>
      Buffer.concat([
        Buffer.from(type),
        Buffer.from([(payload.length & 0x7f) | (payload.length > 127 ? 0x80 : 0)]),
        ...(payload.length > 127 ? [Buffer.from([payload.length >> 7])] : []),
        Buffer.from(payload),
      ]);
    const bad = [
      Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]),
      frame([0, 2], valid.subarray(0, valid.length - 5)), // truncated update
      frame([0, 2], new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])), // absurd struct count
      Buffer.from([0, 2, 50, 1, 2]), // length prefix longer than the frame
      Buffer.from([1, 3, 1, 1, 1]), // awareness that is not JSON
      Buffer.from("hello as text"),
    ];
    const WS = authedWebSocket(lead.cookieHeader, server().origin);
    for (const bytes of bad) {
      const ws = new WS(collabUrl(server().origin, name));
      await new Promise((resolve) => ws.once("open", resolve));
      const code = await new Promise<number>((resolve) => {
        ws.once("close", (c: number) => resolve(c));
        ws.send(bytes, { binary: !bytes.toString().startsWith("hello") });
      });
      expect(code).toBeGreaterThanOrEqual(4400);
    }
    expect(Buffer.from(Y.encodeStateAsUpdate(storedDoc(name))).equals(Buffer.from(before))).toBe(true);
    good.text.insert(0, "still working ");
    await waitFor(() => allSaved(good), 10_000, "the good client is still served");
  });

  it("refuses an awareness message over 8 KB (4400) and closes a connection streaming awareness faster than 16 KB/s (4429)", async () => {
    const lead = await signIn("lead@demo.circle");
    const name = await notesDoc();
    const url = collabUrl(server().origin, name);
    const WS = authedWebSocket(lead.cookieHeader, server().origin);
    const awarenessFrame = (bytes: number) => {
      const awareness = new Awareness(new Y.Doc());
      awareness.setLocalState({ cursor: null, filler: "x".repeat(bytes) });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [awareness.clientID]));
      return encoding.toUint8Array(e);
    };
    const closeCode = async (frames: Uint8Array[]) => {
      const ws = new WS(url);
      await new Promise((resolve) => ws.once("open", resolve));
      return new Promise<number>((resolve) => {
        ws.once("close", (c: number) => resolve(c));
        for (const f of frames) ws.send(f);
      });
    };
    expect(await closeCode([awarenessFrame(20_000)])).toBe(CollabClose.malformed);
    expect(await closeCode(Array.from({ length: 20 }, () => awarenessFrame(7_000)))).toBe(CollabClose.rateLimited);
    // A caret's ordinary awareness still goes through.
    const peer = track(connectPeer(server().origin, lead.cookieHeader, name));
    await waitFor(() => peer.provider.synced, 10_000, "synced");
    peer.provider.awareness.setLocalStateField("cursor", { anchor: null, head: null });
    await new Promise((r) => setTimeout(r, 300));
    expect(peer.closeCodes).toEqual([]);
  });

  it("closes a connection that floods messages (4429) and refuses a user's 17th open connection (429)", async () => {
    const lead = await signIn("lead@demo.circle");
    const name = await notesDoc();
    const url = collabUrl(server().origin, name);
    const WS = authedWebSocket(lead.cookieHeader, server().origin);
    const flooder = new WS(url);
    await new Promise((resolve) => flooder.once("open", resolve));
    const code = await new Promise<number>((resolve) => {
      flooder.once("close", (c: number) => resolve(c));
      const queryAwareness = new Uint8Array([3]);
      for (let i = 0; i < 1000; i++) flooder.send(queryAwareness);
    });
    expect(code).toBe(CollabClose.rateLimited);

    const open: WebSocket[] = [];
    try {
      for (let i = 0; i < 16; i++) {
        const ws = new WS(url);
        await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("unexpected-response", reject)));
        open.push(ws);
      }
      const status = await new Promise<number>((resolve) => {
        const extra = new WS(url);
        extra.once("unexpected-response", (_req: unknown, res: { statusCode: number }) => resolve(res.statusCode));
        extra.once("open", () => resolve(101));
        extra.on("error", () => undefined);
      });
      expect(status).toBe(429);
    } finally {
      open.forEach((ws) => ws.terminate());
    }
  });

  it("takes write access away from an open connection when a co-facilitator is made supervisor", async () => {
    const [co, admin] = await Promise.all([signIn("co@demo.circle"), signIn("manager@demo.circle")]);
    const name = await notesDoc();
    const caseId = name.split(":")[1]!;
    const b = track(connectPeer(server().origin, co.cookieHeader, name));
    await waitFor(() => b.provider.synced, 10_000, "synced");
    const coId = (await getDb().user.findUniqueOrThrow({ where: { email: "co@demo.circle" } })).id;
    const res = await admin.post("/admin/cases?index", { intent: "assign", caseId, userId: coId, role: "SUPERVISOR" });
    expect(res.status).toBe(200);
    try {
      await waitFor(() => b.closeCodes.includes(CollabClose.accessChanged), 10_000, "access-changed close");
      await waitFor(() => b.provider.synced && b.provider.wsconnected, 10_000, "reconnected");
      b.text.insert(0, "AFTER DEMOTION ");
      const lead = await signIn("lead@demo.circle");
      const a = track(connectPeer(server().origin, lead.cookieHeader, name));
      await waitFor(() => a.provider.synced, 10_000, "lead synced");
      a.text.insert(0, "x");
      await waitFor(() => allSaved(a), 10_000, "lead saved");
      expect(a.text.toString()).not.toContain("AFTER DEMOTION");
    } finally {
      await admin.post("/admin/cases?index", { intent: "assign", caseId, userId: coId, role: "CO_FACILITATOR" });
    }
  });

  it("keeps the content across a server restart", async () => {
    const lead = await signIn("lead@demo.circle");
    const name = await notesDoc();
    const a = track(connectPeer(server().origin, lead.cookieHeader, name));
    await waitFor(() => a.provider.synced, 10_000, "synced");
    a.text.insert(0, "before restart ");
    await waitFor(() => allSaved(a), 10_000, "saved");
    const expected = a.text.toString();
    const { server: first } = server();
    await first.close();
    const { createCircleServer } = await import("../../server/app");
    const second = await createCircleServer();
    const port = await second.listen(0, "127.0.0.1");
    try {
      const origin = `http://127.0.0.1:${port}`;
      const again = await new TestClient(origin).signIn("lead@demo.circle", DEMO_PASSWORD);
      const b = track(connectPeer(origin, again.cookieHeader, name));
      await waitFor(() => b.provider.synced, 10_000, "synced after restart");
      expect(b.text.toString()).toBe(expected);
    } finally {
      peers.splice(0).forEach((p) => p.destroy());
      await second.close();
    }
  });
});
