import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { writeUpdate } from "y-protocols/sync";
import * as Y from "yjs";
import { MESSAGE_SAVED } from "~/realtime/protocol";
import { authedWebSocket, collabUrl, storedDoc } from "../support/collab-client";
import { caseIdByReference, waitFor } from "../support/http";
import { signInDemoStaff, useDemoServer } from "../support/server";

/** A raw connection that keeps every binary message the server sends it. */
async function openRaw(origin: string, cookie: string, docName: string) {
  const WS = authedWebSocket(cookie, origin);
  const ws = new WS(collabUrl(origin, docName)) as WebSocket;
  const received: Buffer[] = [];
  ws.on("message", (data) => received.push(data as Buffer));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  // The room greets every peer it has joined with its state vector (sync step 1).
  await waitFor(() => received.length > 0, 10_000, "joined the room");
  return { ws, received };
}

describe("relaying an update to everyone on a document", () => {
  const server = useDemoServer();

  it("every other tablet on the notes gets the writer's update byte for byte, also while one of them has just dropped off the Wi-Fi", async () => {
    const { origin } = server();
    const { lead, co, supervisor } = await signInDemoStaff(origin);
    const name = `case:${await caseIdByReference("RJ-2026-0142")}:notes`;
    const writer = await openRaw(origin, lead.cookieHeader, name);
    const readers = [
      await openRaw(origin, co.cookieHeader, name),
      await openRaw(origin, supervisor.cookieHeader, name),
      await openRaw(origin, lead.cookieHeader, name), // the lead's second tablet
      await openRaw(origin, co.cookieHeader, name),
    ];
    // A tablet that vanished without closing: the room may still be relaying to it.
    const gone = await openRaw(origin, co.cookieHeader, name);
    gone.ws.terminate();

    const doc = new Y.Doc();
    doc.getText("t").insert(0, "Agreed: the bike is repaired by Friday.");
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // y-websocket's sync message
    writeUpdate(e, Y.encodeStateAsUpdate(doc));
    const message = Buffer.from(encoding.toUint8Array(e));
    const before = readers.map((r) => r.received.length);
    writer.ws.send(message);

    await waitFor(() => writer.received.some((m) => m[0] === MESSAGE_SAVED), 10_000, "the writer is told it is saved");
    await waitFor(() => readers.every((r, i) => r.received.length > before[i]!), 10_000, "every reader got the update");
    readers.forEach((r, i) => expect(r.received.slice(before[i]!)).toEqual([message]));
    // Nothing of the writer's own update comes back to it.
    expect(writer.received.filter((m) => m.equals(message))).toEqual([]);
    expect(storedDoc(name).getText("t").toString()).toContain("Agreed: the bike is repaired by Friday.");
    for (const { ws } of [writer, ...readers]) ws.close();
  });
});
