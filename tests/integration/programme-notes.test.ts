import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flatField, idKey, insertFlat, readFlat } from "~/realtime/flat-store";
import { MARKER, PARAGRAPH_KEY, PLAIN_KEY } from "~/realtime/flat-text";
import { SESSION_NOTE_SECTIONS } from "~/models/programme-labels";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer, storedDoc, type TestPeer } from "../support/collab-client";
import { caseIdByReference, waitFor, type TestClient } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { useDemoServer } from "../support/server";

/**
 * A programme session's notes, against the real collab server with stock y-websocket clients: the
 * lead and the co-facilitator type into the same heading of the same session's notes at the same
 * time, keystroke by keystroke, and each tablet, and the stored document, ends with both sentences
 * whole, once each; the case supervisor reads them and cannot change them.
 */
const DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.programme")}`;
const LEAD_SAYS = "Daniel said he had not thought about who was waiting at the bus stop";
const CO_SAYS = "He asked twice whether the woman was hurt and went quiet";

/** Types a sentence on a line of its own at the end of the field, one key at a time, each after the peer's own previous key. */
async function typeLine(peer: TestPeer, field: string, sentence: string) {
  const f = flatField(peer.doc, field);
  const lastOwn = () => idKey(peer.doc.clientID, Y.getState(peer.doc.store, peer.doc.clientID) - 1);
  insertFlat(f, f.chars.length, MARKER, [PARAGRAPH_KEY]);
  let last = lastOwn();
  for (const ch of sentence) {
    // A pause between keys lets the other tablet's keys arrive in between, as in the room.
    await new Promise((resolve) => setTimeout(resolve, 2));
    const at = readFlat(f).ids.indexOf(last) + 1;
    insertFlat(f, at, ch, [PLAIN_KEY]);
    last = lastOwn();
  }
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("a programme session's notes, written by both facilitators at once", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient, co: TestClient, supervisor: TestClient;
  let docName = "";
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    const caseId = await caseIdByReference("RJ-2026-0142");
    [lead, co, supervisor] = await Promise.all([clientFor(server().origin, "lead"), clientFor(server().origin, "co"), clientFor(server().origin, "supervisor")]);
    const daniel = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;
    const templateId = (await db().programmeTemplate.findFirstOrThrow({ where: { standard: true, service: { cases: { some: { id: caseId } } } } })).id;
    const url = `/cases/${caseId}/programme?${DATA}`;
    expect((await lead.post(url, { intent: "start", participantId: daniel, templateId })).status).toBe(200);
    const first = await db().programmeSession.findFirstOrThrow({ where: { programme: { caseId } }, orderBy: { position: "asc" } });
    expect((await lead.post(url, { intent: "schedule", sessionId: first.id, scheduledOn: "2026-12-01", scheduledAt: "10:00", venueKind: "PRISON" })).status).toBe(200);
    docName = `programme-session:${first.id}:notes`;
  });

  afterAll(() => peers.forEach((p) => p.destroy()));

  it("the programme page offers each planned session's notes, opened one at a time", async () => {
    const page = await (await lead.get(`/cases/${await caseIdByReference("RJ-2026-0142")}/programme`)).text();
    // One planned session: one Notes button, and no editor until it is opened.
    expect(count(page, 'aria-controls="notes-')).toBe(1);
    expect(page).not.toContain("Opening the notes");
  });

  it("both facilitators type into the same heading at once: both sentences are whole and once on each tablet and in the stored document", async () => {
    const a = connectPeer(server().origin, lead.cookieHeader, docName);
    const b = connectPeer(server().origin, co.cookieHeader, docName);
    peers.push(a, b);
    await waitFor(() => a.provider.synced && b.provider.synced, 10_000, "both synced");
    const field = SESSION_NOTE_SECTIONS[1].field;
    await Promise.all([typeLine(a, field, LEAD_SAYS), typeLine(b, field, CO_SAYS)]);
    await waitFor(() => allSaved(a) && allSaved(b), 10_000, "both saved");
    await waitFor(() => readFlat(flatField(a.doc, field)).text === readFlat(flatField(b.doc, field)).text, 10_000, "converged");
    for (const text of [readFlat(flatField(a.doc, field)).text, readFlat(flatField(b.doc, field)).text, readFlat(flatField(storedDoc(docName), field)).text]) {
      expect(count(text, LEAD_SAYS)).toBe(1);
      expect(count(text, CO_SAYS)).toBe(1);
      expect(text.length).toBe(LEAD_SAYS.length + CO_SAYS.length + 2);
    }
    // The other headings were left alone.
    expect(readFlat(flatField(storedDoc(docName), SESSION_NOTE_SECTIONS[0].field)).text).toBe("");
  });

  it("the case supervisor reads the notes but what their tablet sends is not kept", async () => {
    const s = connectPeer(server().origin, supervisor.cookieHeader, docName);
    peers.push(s);
    await waitFor(() => s.provider.synced, 10_000, "supervisor synced");
    const field = SESSION_NOTE_SECTIONS[1].field;
    expect(readFlat(flatField(s.doc, field)).text).toContain(CO_SAYS);
    insertFlat(flatField(s.doc, field), 0, `${MARKER}supervisor edit`, [PARAGRAPH_KEY, ...Array<string>(15).fill(PLAIN_KEY)]);
    // Then a moment for anything that should not arrive (docs/conventions.md §10).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readFlat(flatField(peers[0]!.doc, field)).text).not.toContain("supervisor edit");
    expect(readFlat(flatField(storedDoc(docName), field)).text).not.toContain("supervisor edit");
    const opened = await db().auditEvent.findFirst({ where: { action: "collab.open", target: docName, actor: { email: "supervisor@demo.circle" } }, select: { details: true } });
    expect(JSON.parse(opened?.details ?? "{}")).toMatchObject({ access: "read" });
  });
});
