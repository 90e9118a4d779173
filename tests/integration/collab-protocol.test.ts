import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { COLLAB_OUTDATED_REASON, COLLAB_VERSION_PARAM, CollabClose, PROTOCOL_VERSION } from "~/realtime/protocol";
import { allSaved, authedWebSocket, connectPeer, storedDoc, type TestPeer } from "../support/collab-client";
import { caseIdByReference, waitFor } from "../support/http";
import { signInDemoStaff, useDemoServer } from "../support/server";

const peers: TestPeer[] = [];
const track = (p: TestPeer) => (peers.push(p), p);
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));

const SECRET = "Only pages of this version may read this.";

describe("the collab protocol version a page speaks", () => {
  const server = useDemoServer();
  const notesDoc = async () => `case:${await caseIdByReference("RJ-2026-0142")}:notes`;

  /** The notes hold something, saved, that an outdated page must not receive. */
  async function notesWithContent(cookie: string) {
    const name = await notesDoc();
    const writer = track(connectPeer(server().origin, cookie, name));
    await waitFor(() => writer.provider.synced, 10_000, "writer synced");
    if (!writer.text.toString().includes(SECRET)) writer.text.insert(writer.text.length, SECRET);
    await waitFor(() => allSaved(writer), 10_000, "saved");
    return name;
  }

  it("a page that speaks the server's version connects, syncs, and its edits are saved and seen by the other tablet", async () => {
    const { lead, co } = await signInDemoStaff(server().origin);
    const name = await notesDoc();
    const a = track(connectPeer(server().origin, lead.cookieHeader, name));
    const b = track(connectPeer(server().origin, co.cookieHeader, name));
    await waitFor(() => a.provider.synced && b.provider.synced, 10_000, "both synced");
    a.text.insert(0, "Opened on the current version. ");
    await waitFor(() => b.text.toString().includes("Opened on the current version."), 10_000, "the co-facilitator sees it");
    await waitFor(() => allSaved(a), 10_000, "the lead is told it is saved");
    expect(storedDoc(name).getText("t").toString()).toContain("Opened on the current version.");
    expect([...a.closeCodes, ...b.closeCodes]).toEqual([]);
  });

  it.each([
    ["an older version", `${COLLAB_VERSION_PARAM}=${PROTOCOL_VERSION - 1}`],
    ["a newer version", `${COLLAB_VERSION_PARAM}=${PROTOCOL_VERSION + 1}`],
    ["no version at all", ""],
    ["a version that is not one", `${COLLAB_VERSION_PARAM}=${PROTOCOL_VERSION}.0`],
    ["the version under another name", `v=${PROTOCOL_VERSION}`],
  ])("a page that sends %s is told to reload the page, and gets nothing of the document", async (_label, query) => {
    const { lead } = await signInDemoStaff(server().origin);
    const name = await notesWithContent(lead.cookieHeader);
    const WS = authedWebSocket(lead.cookieHeader, server().origin);
    const ws = new WS(`${server().origin.replace(/^http/, "ws")}/collab/${encodeURIComponent(name)}${query ? `?${query}` : ""}`) as WebSocket;
    const received: Buffer[] = [];
    ws.on("message", (data) => received.push(data as Buffer));
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    expect(closed).toEqual({ code: CollabClose.outdated, reason: COLLAB_OUTDATED_REASON });
    expect(received).toEqual([]);
  });

  it("the stock y-websocket client of an outdated page stops trying, with the server's reason to show, and holds nothing of the document", async () => {
    const { co } = await signInDemoStaff(server().origin);
    const name = await notesWithContent(co.cookieHeader);
    const stale = track(connectPeer(server().origin, co.cookieHeader, name, { params: { [COLLAB_VERSION_PARAM]: String(PROTOCOL_VERSION + 1) } }));
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => stale.provider.once("closed", (event) => resolve(event)));
    expect(closed).toEqual({ code: CollabClose.outdated, reason: COLLAB_OUTDATED_REASON });
    // 4400-4499: y-websocket does not reconnect by itself.
    expect(stale.provider.shouldConnect).toBe(false);
    expect(stale.provider.synced).toBe(false);
    expect(stale.text.toString()).not.toContain(SECRET);
  });
});
