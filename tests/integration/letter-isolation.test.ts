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
 * Letter authors reach only their own letter (docs/architecture.md §4), whichever side they are on:
 * `daniel`, the person responsible's demo author, and `jess_writes`, the person harmed's author of
 * a letter to him. Canaries are written where a leak would show: the case notes (through a real
 * collab peer as the lead), each principal's contact details, and each other's letters. Nothing
 * either can request, open or receive may carry the other party's details or letter, or the case's.
 */
const CANARY = `canary-${Date.now().toString(36)}-zq`;
const HARMED_MARK = `harmed-letter-${Date.now().toString(36)}-qx`;
const CASE_DETAILS = [CANARY, "RJ-2026-0142", "Street robbery", "Linda Millington"];
const manifest = (build as unknown as ServerBuild).routes;

function writeParagraph(peer: TestPeer, field: string, text: string) {
  appendParagraphs(flatField(peer.doc, field), [text]);
}

type AuthorCase = {
  who: string;
  username: string;
  password: string;
  /** How the author sees the recipient named, and the first words of their own letter. */
  recipientLabel: string;
  greeting: string;
  /** The name the facilitator sees beside the author's caret, and a comment the facilitator wrote to them. */
  presenceName: string;
  comment: string;
  /** The other party's details and letter, and the case's: none may reach this author. */
  forbidden: string[];
};

const AUTHORS: AuthorCase[] = [
  {
    who: "the person responsible's author",
    username: "daniel",
    password: DEMO_PASSWORD,
    recipientLabel: "Jess",
    greeting: "Dear Jess",
    presenceName: "Dan",
    comment: "Good that you own it",
    forbidden: [...CASE_DETAILS, "Barnes", "Jessica", "07700 900142", "Orchard Row", HARMED_MARK],
  },
  {
    who: "the person harmed's author",
    username: "jess_writes",
    password: "a-long-enough-password",
    recipientLabel: "Dan",
    greeting: "Dear Dan",
    presenceName: "Jess",
    comment: "Thank you for writing this. Take your time.",
    // Daniel's surname, contact details, and his letter and its comment.
    forbidden: [...CASE_DETAILS, "Barnes", "Jessica", "Price", "Daniel", "07700 900150", "Mill Street", "no excuse", "Good that you own it"],
  },
];

describe("a letter author reaches nothing but their own letter, on either side", () => {
  const server = useDemoServer();
  const lead = () => new TestClient(server().origin);
  let caseId = "";
  const letterOf: Record<string, string> = {};
  let secondLetterId = "";
  const clients: Record<string, TestClient> = {};
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
    // Canary 2: both principals' contact details.
    await getDb().participant.updateMany({ where: { caseId, name: "Jessica Barnes" }, data: { phone: "07700 900142", address: `14 Orchard Row ${CANARY}` } });
    await getDb().participant.updateMany({ where: { caseId, name: "Daniel Price" }, data: { phone: "07700 900150", address: `22 Mill Street ${CANARY}` } });
    const responsible = await getDb().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" }, select: { id: true } });
    const harmed = await getDb().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" }, select: { id: true } });
    const open = async (fields: Record<string, string>) => {
      const res = await leadClient.post(`/cases/${caseId}/letters?index&_data=${encodeURIComponent("routes/cases.$caseId_.letters._index")}`, {
        intent: "open",
        access: "password",
        password: "a-long-enough-password",
        ...fields,
      });
      const id = res.headers.get("X-Remix-Redirect")?.split("/").at(-1) ?? "";
      expect(id, await res.text()).toMatch(/^c[a-z0-9]+$/);
      return id;
    };
    const writeAs = async (username: string, letterId: string, lines: string[]) => {
      const client = await new TestClient(origin).signIn(username, "a-long-enough-password");
      const peer = connectPeer(origin, client.cookieHeader, `letter:${letterId}`);
      peers.push(peer);
      await waitFor(() => peer.provider.synced, 10_000, `${username} synced`);
      appendParagraphs(flatField(peer.doc, "letter"), lines);
      await waitFor(() => allSaved(peer), 10_000, `${username} saved`);
    };
    // Canary 3: another author's letter on the same case, written by its own author.
    secondLetterId = await open({ writerId: responsible.id, recipientId: harmed.id, recipientLabel: "Jessica Barnes", username: "second_author" });
    await writeAs("second_author", secondLetterId, [`Another letter ${CANARY}`]);
    // The person harmed's own letter to the person responsible, with a comment from the facilitator.
    letterOf.jess_writes = await open({ writerId: harmed.id, recipientId: responsible.id, recipientLabel: "Dan", username: "jess_writes" });
    await writeAs("jess_writes", letterOf.jess_writes, ["Dear Dan,", `I want you to know what that night changed for me. ${HARMED_MARK}`]);
    const commented = await leadClient.post(`/cases/${caseId}/letters/${letterOf.jess_writes}`, { intent: "comment", body: "Thank you for writing this. Take your time." });
    expect(commented.status).toBe(200);

    letterOf.daniel = (await getDb().letter.findFirstOrThrow({ where: { author: { username: "daniel" } }, select: { id: true } })).id;
    for (const a of AUTHORS) clients[a.username] = await new TestClient(origin).signIn(a.username, a.password);
  });

  afterAll(() => peers.forEach((p) => p.destroy()));

  describe.each(AUTHORS)("$who", (a) => {
    const leaks = (body: string) => a.forbidden.filter((f) => body.includes(f));
    const own = () => letterOf[a.username]!;
    const others = () => [...Object.values(letterOf).filter((id) => id !== own()), secondLetterId];
    const me = () => clients[a.username]!;

    it("lands on /letters after signing in, and sees only their letter there", async () => {
      const res = await new TestClient(server().origin).post("/login", { email: a.username, password: a.password, redirectTo: `/cases/${caseId}` });
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/letters");
      const html = await (await me().get("/letters")).text();
      expect(html).toMatch(new RegExp(`Letter to (?:<!-- -->)?${a.recipientLabel}<`));
      expect(html).toContain(`/letters/${own()}`);
      for (const other of others()) expect(html).not.toContain(other);
      expect(leaks(html)).toEqual([]);
    });

    it("finds no case data by following every link on their pages", async () => {
      const seen = new Set<string>();
      const queue = ["/letters", `/letters/${own()}`, "/"];
      while (queue.length) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await me().get(path);
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
        for (const letterId of [own(), ...others()]) {
          const path = pattern.replace(":caseId", caseId).replace(":conferenceId", conference.id).replace(":letterId", letterId).replace("*", "anything");
          for (const url of [path, `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(id)}`]) {
            const get = await me().get(url);
            const body = await get.text();
            expect(leaks(body), `GET ${url}`).toEqual([]);
            statuses[`GET ${id} ${letterId === own() ? "own" : "other"}${url.includes("_data") ? " data" : ""}`] = get.status;
            if (id === "routes/logout") continue; // a POST there would end the author's session
            const post = await me().post(url, { intent: "approve" });
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
      // Every route, twice (page and data), for each of the three letters: longer than the default.
    }, 240_000);

    it("can never approve, release, destroy or comment on their own letter, nor open one (404)", async () => {
      for (const body of <Record<string, string>[]>[
        { intent: "approve" },
        { intent: "release", method: "IN_PERSON" },
        { intent: "destroy", confirm: "destroy" },
        { intent: "comment", body: "x" },
        { intent: "choice", choice: "RECEIVE_NOW", method: "IN_PERSON" },
        { intent: "lock" },
        { intent: "close" },
      ]) {
        const res = await me().post(`/cases/${caseId}/letters/${own()}`, body);
        expect(res.status, body.intent).toBe(404);
      }
      expect((await me().post(`/cases/${caseId}/letters?index`, { intent: "open" })).status).toBe(404);
      expect((await me().post(`/cases/${caseId}/letters?index`, { intent: "open", replyToId: own() })).status).toBe(404);
      const letter = await getDb().letter.findUniqueOrThrow({ where: { id: own() }, select: { status: true, locked: true } });
      expect(letter).toEqual({ status: "DRAFTING", locked: false });
      expect(await getDb().letterRelease.count({ where: { letterId: own() } })).toBe(0);
    });

    it("is refused by Socket.IO on every transport", async () => {
      for (const transport of ["websocket", "polling"] as const) {
        const outcome = await connectSocket(server().origin, { cookie: me().cookieHeader, transport });
        expect(outcome.connected).toBe(false);
        if (!outcome.connected) expect(outcome.message).toBe("unauthorized");
      }
    });

    it("opens no collab document but their own letter, and its frames carry nothing of the other party or the case", async () => {
      const db = getDb();
      const names = [
        ...(await db.case.findMany({ select: { id: true } })).map((c) => `case:${c.id}:notes`),
        ...(await db.conference.findMany({ select: { id: true } })).map((c) => `conference:${c.id}:seating`),
        ...others().map((id) => `letter:${id}`),
        "agreement:cmatrixplaceholder0000000",
      ];
      for (const name of names) {
        const outcome = await openCollab(server().origin, name, { cookie: me().cookieHeader });
        expect(outcome.opened, name).toBe(false);
        if (!outcome.opened) {
          expect(outcome.status, name).toBe(404);
          expect(leaks(outcome.body)).toEqual([]);
        }
      }
      const opened = await openCollab(server().origin, `letter:${own()}`, { cookie: me().cookieHeader });
      expect(opened.opened).toBe(true);
      if (!opened.opened) return;
      const frames: Buffer[] = [];
      opened.ws.on("message", (data: WebSocket.RawData) => frames.push(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer)));
      // As a client would: sync step 1 with an empty state vector, so the server sends the whole document.
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, new Y.Doc());
      opened.ws.send(encoding.toUint8Array(encoder));
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
      await waitFor(() => (all += read()).includes(a.greeting), 5_000, "the letter's content");
      opened.ws.close();
      await opened.closed;
      expect(all).toContain(a.greeting);
      expect(leaks(all)).toEqual([]);
    });

    it('sees the facilitators in their letter only as "Your facilitator": no names, no ids; staff still see who is who', async () => {
      const origin = server().origin;
      const leadClient = await lead().signIn("lead@demo.circle", DEMO_PASSWORD);
      const leadId = (await getDb().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } })).id;
      const author = connectPeer(origin, me().cookieHeader, `letter:${own()}`);
      const facilitator = connectPeer(origin, leadClient.cookieHeader, `letter:${own()}`);
      peers.push(author, facilitator);
      await waitFor(() => author.provider.synced && facilitator.provider.synced, 10_000, "both synced");
      facilitator.provider.awareness.setLocalStateField("cursor", { anchor: null, head: null });
      author.provider.awareness.setLocalStateField("cursor", { anchor: null, head: null });
      const othersSeen = (peer: TestPeer) => [...peer.provider.awareness.getStates()].filter(([id]) => id !== peer.provider.awareness.clientID).map(([, state]) => state);
      await waitFor(() => othersSeen(author).length > 0 && othersSeen(facilitator).length > 0, 10_000, "presence both ways");
      const seenByAuthor = JSON.stringify(othersSeen(author));
      expect(othersSeen(author)).toEqual([expect.objectContaining({ user: { name: "Your facilitator", color: expect.stringMatching(/^#[0-9a-f]{6}$/i) } })]);
      expect(seenByAuthor).not.toContain("Linda Millington");
      expect(seenByAuthor).not.toContain(leadId);
      expect(othersSeen(facilitator)).toEqual([expect.objectContaining({ user: expect.objectContaining({ name: a.presenceName }) })]);
      author.destroy();
      facilitator.destroy();
    });

    it("sees only what the facilitator wrote to them, never the case's notes or other letters", async () => {
      const html = await (await me().get(`/letters/${own()}`)).text();
      expect(html).toContain(a.comment);
      expect(leaks(html)).toEqual([]);
      const data = await (await me().get(`/letters/${own()}?_data=${encodeURIComponent("routes/letters.$letterId")}`)).text();
      // Field names only: the person harmed's guidance itself says "leave out phone numbers".
      expect(data).not.toMatch(/"(?:caseId|writerId|recipientId|replyToId|phone|address|email)"\s*:/);
      expect(leaks(data)).toEqual([]);
    });
  });
});
