import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { appendParagraphs, flatField, readFlat } from "~/realtime/flat-store";
import * as build from "../../build/index.js";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { composePattern } from "../support/matrix";
import { connectSocket, openCollab } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * The person responsible signed in as `daniel` reaches only their own letter (docs/architecture.md §4).
 * Canaries are written where a leak would show: the case notes (through a real collab peer as the
 * lead), the person harmed's contact details, and another author's letter. Nothing daniel can
 * request, open or receive may carry them, or the case's identifying details.
 */
const CANARY = `canary-${Date.now().toString(36)}-zq`;
const FORBIDDEN = [CANARY, "RJ-2026-0142", "Barnes", "Jessica", "07700 900142", "Orchard Row", "Street robbery", "Linda Millington"];
const manifest = (build as unknown as ServerBuild).routes;

function writeParagraph(peer: TestPeer, field: string, text: string) {
  appendParagraphs(flatField(peer.doc, field), [text]);
}

function leaks(body: string): string[] {
  return FORBIDDEN.filter((f) => body.includes(f));
}

describe("a letter author reaches nothing but their own letter", () => {
  const server = useDemoServer();
  const lead = () => new TestClient(server().origin);
  let daniel: TestClient;
  let caseId = "";
  let ownLetterId = "";
  let otherLetterId = "";
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    const origin = server().origin;
    caseId = await caseIdByReference("RJ-2026-0142");
    const leadClient = await lead().signIn("lead@demo.circle", DEMO_PASSWORD);
    // Canary 1: the case notes, through a real collab peer as the lead.
    const notes = connectPeer(origin, leadClient.cookieHeader, `case:${caseId}:notes`);
    peers.push(notes);
    await waitFor(() => notes.provider.synced, 10_000, "notes synced");
    writeParagraph(notes, "notes", `Private note ${CANARY}`);
    await waitFor(() => allSaved(notes), 10_000, "notes saved");
    // Canary 2: the person harmed's contact details.
    await getDb().participant.updateMany({ where: { caseId, name: "Jessica Barnes" }, data: { phone: "07700 900142", address: `14 Orchard Row ${CANARY}` } });
    // Canary 3: another author's letter on the same case, written by its own author.
    const writer = await getDb().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" }, select: { id: true } });
    const recipient = await getDb().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" }, select: { id: true } });
    const opened = await leadClient.post(`/cases/${caseId}/letters?index&_data=${encodeURIComponent("routes/cases.$caseId_.letters._index")}`, {
      intent: "open",
      writerId: writer.id,
      recipientId: recipient.id,
      recipientLabel: "Jessica Barnes",
      username: "second_author",
      access: "password",
      password: "a-long-enough-password",
    });
    otherLetterId = opened.headers.get("X-Remix-Redirect")?.split("/").at(-1) ?? "";
    expect(otherLetterId).toMatch(/^c[a-z0-9]+$/);
    const second = await new TestClient(origin).signIn("second_author", "a-long-enough-password");
    const other = connectPeer(origin, second.cookieHeader, `letter:${otherLetterId}`);
    peers.push(other);
    await waitFor(() => other.provider.synced, 10_000, "other letter synced");
    writeParagraph(other, "letter", `Another letter ${CANARY}`);
    await waitFor(() => allSaved(other), 10_000, "other letter saved");

    daniel = await new TestClient(origin).signIn("daniel", DEMO_PASSWORD);
    ownLetterId = (await getDb().letter.findFirstOrThrow({ where: { author: { username: "daniel" } }, select: { id: true } })).id;
  });

  afterAll(() => peers.forEach((p) => p.destroy()));

  it("lands on /letters after signing in, and sees only their letter there", async () => {
    const res = await new TestClient(server().origin).post("/login", { email: "daniel", password: DEMO_PASSWORD, redirectTo: `/cases/${caseId}` });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/letters");
    const html = await (await daniel.get("/letters")).text();
    expect(html).toMatch(/Letter to (?:<!-- -->)?Jess</);
    expect(html).toContain(`/letters/${ownLetterId}`);
    expect(html).not.toContain(otherLetterId);
    expect(leaks(html)).toEqual([]);
  });

  it("finds no case data by following every link on their pages", async () => {
    const seen = new Set<string>();
    const queue = ["/letters", `/letters/${ownLetterId}`, "/"];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await daniel.get(path);
      const body = await res.text();
      expect(leaks(body), path).toEqual([]);
      for (const m of body.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)) {
        const next = m[1]!.replaceAll("&amp;", "&");
        if (!next.startsWith("//") && seen.size < 200) queue.push(next);
      }
    }
    expect(seen.size).toBeGreaterThan(5); // pages, scripts and styles were all fetched
  });

  it("gets nothing from any route of the app, by page, data request or form post", async () => {
    const conference = await getDb().conference.findFirstOrThrow({ where: { caseId }, select: { id: true } });
    const statuses: Record<string, number> = {};
    for (const id of Object.keys(manifest)) {
      const pattern = composePattern(manifest, id);
      for (const letterId of [ownLetterId, otherLetterId]) {
        const path = pattern.replace(":caseId", caseId).replace(":conferenceId", conference.id).replace(":letterId", letterId).replace("*", "anything");
        for (const url of [path, `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(id)}`]) {
          const get = await daniel.get(url);
          const body = await get.text();
          expect(leaks(body), `GET ${url}`).toEqual([]);
          statuses[`GET ${id} ${letterId === ownLetterId ? "own" : "other"}${url.includes("_data") ? " data" : ""}`] = get.status;
          if (id === "routes/logout") continue; // a POST there would end daniel's session
          const post = await daniel.post(url, { intent: "approve" });
          expect(leaks(await post.text()), `POST ${url}`).toEqual([]);
        }
      }
    }
    // Staff pages are 404 to the author, whatever the id; their own letter page works.
    expect(statuses["GET routes/cases.$caseId own"]).toBe(404);
    expect(statuses["GET routes/cases.$caseId_.notes own"]).toBe(404);
    expect(statuses["GET routes/cases.$caseId_.letters.$letterId own"]).toBe(404);
    expect(statuses["GET routes/letters.$letterId other"]).toBe(404);
    expect(statuses["GET routes/letters.$letterId own"]).toBe(200);
  });

  it("can never approve, release, destroy or comment on their own letter (404)", async () => {
    for (const body of <Record<string, string>[]>[
      { intent: "approve" },
      { intent: "release", method: "IN_PERSON" },
      { intent: "destroy", confirm: "destroy" },
      { intent: "comment", body: "x" },
      { intent: "choice", choice: "RECEIVE_NOW", method: "IN_PERSON" },
      { intent: "lock" },
      { intent: "close" },
    ]) {
      const res = await daniel.post(`/cases/${caseId}/letters/${ownLetterId}`, body);
      expect(res.status, body.intent).toBe(404);
    }
    expect((await daniel.post(`/cases/${caseId}/letters?index`, { intent: "open" })).status).toBe(404);
    const letter = await getDb().letter.findUniqueOrThrow({ where: { id: ownLetterId }, select: { status: true, locked: true } });
    expect(letter).toEqual({ status: "DRAFTING", locked: false });
    expect(await getDb().letterRelease.count({ where: { letterId: ownLetterId } })).toBe(0);
  });

  it("is refused by Socket.IO on every transport", async () => {
    for (const transport of ["websocket", "polling"] as const) {
      const outcome = await connectSocket(server().origin, { cookie: daniel.cookieHeader, transport });
      expect(outcome.connected).toBe(false);
      if (!outcome.connected) expect(outcome.message).toBe("unauthorized");
    }
  });

  it("opens no collab document but their own letter, and its frames carry no case data", async () => {
    const db = getDb();
    const names = [
      ...(await db.case.findMany({ select: { id: true } })).map((c) => `case:${c.id}:notes`),
      ...(await db.conference.findMany({ select: { id: true } })).map((c) => `conference:${c.id}:seating`),
      `letter:${otherLetterId}`,
      "agreement:cmatrixplaceholder0000000",
    ];
    for (const name of names) {
      const outcome = await openCollab(server().origin, name, { cookie: daniel.cookieHeader });
      expect(outcome.opened, name).toBe(false);
      if (!outcome.opened) {
        expect(outcome.status, name).toBe(404);
        expect(leaks(outcome.body)).toEqual([]);
      }
    }
    const own = await openCollab(server().origin, `letter:${ownLetterId}`, { cookie: daniel.cookieHeader });
    expect(own.opened).toBe(true);
    if (!own.opened) return;
    const frames: Buffer[] = [];
    own.ws.on("message", (data: WebSocket.RawData) => frames.push(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer)));
    // As a client would: sync step 1 with an empty state vector, so the server sends the whole document.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    own.ws.send(encoding.toUint8Array(encoder));
    // Text travels one character per item, so the frames are read as a client reads them, not as bytes.
    const received = new Y.Doc();
    const read = () => {
      for (const frame of frames.splice(0)) {
        const decoder = decoding.createDecoder(frame);
        if (decoding.readVarUint(decoder) === 0) syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), received, null);
      }
      return [...received.share.keys()].map((key) => JSON.stringify(received.get(key).toJSON())).join("\n") + readFlat(flatField(received, "letter")).text;
    };
    let all = "";
    await waitFor(() => (all += read()).includes("Dear Jess"), 5_000, "the letter's content");
    own.ws.close();
    await own.closed;
    expect(all).toContain("Dear Jess");
    expect(leaks(all)).toEqual([]);
  });

  it('sees the facilitators in their letter only as "Your facilitator": no names, no ids; staff still see who is who', async () => {
    const origin = server().origin;
    const leadClient = await lead().signIn("lead@demo.circle", DEMO_PASSWORD);
    const leadId = (await getDb().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } })).id;
    const author = connectPeer(origin, daniel.cookieHeader, `letter:${ownLetterId}`);
    const facilitator = connectPeer(origin, leadClient.cookieHeader, `letter:${ownLetterId}`);
    peers.push(author, facilitator);
    await waitFor(() => author.provider.synced && facilitator.provider.synced, 10_000, "both synced");
    facilitator.provider.awareness.setLocalStateField("cursor", { anchor: null, head: null });
    author.provider.awareness.setLocalStateField("cursor", { anchor: null, head: null });
    const others = (peer: TestPeer) => [...peer.provider.awareness.getStates()].filter(([id]) => id !== peer.provider.awareness.clientID).map(([, state]) => state);
    await waitFor(() => others(author).length > 0 && others(facilitator).length > 0, 10_000, "presence both ways");
    const seenByAuthor = JSON.stringify(others(author));
    expect(others(author)).toEqual([expect.objectContaining({ user: { name: "Your facilitator", color: expect.stringMatching(/^#[0-9a-f]{6}$/i) } })]);
    expect(seenByAuthor).not.toContain("Linda Millington");
    expect(seenByAuthor).not.toContain(leadId);
    expect(others(facilitator)).toEqual([expect.objectContaining({ user: expect.objectContaining({ name: "Dan" }) })]);
    author.destroy();
    facilitator.destroy();
  });

  it("sees only what the facilitator wrote to them, never the case's notes or other letters", async () => {
    const html = await (await daniel.get(`/letters/${ownLetterId}`)).text();
    expect(html).toContain("Good that you own it");
    expect(leaks(html)).toEqual([]);
    const data = await (await daniel.get(`/letters/${ownLetterId}?_data=${encodeURIComponent("routes/letters.$letterId")}`)).text();
    expect(data).not.toMatch(/caseId|writerId|recipientId|phone|address|email/);
  });
});
