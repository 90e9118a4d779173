import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as build from "../../build/index.js";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { composePattern } from "../support/matrix";
import { clientFor } from "../support/matrix-subject";
import { connectSocket, openCollab } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * The person responsible's own worksheets, against the real server: the lead sets Daniel a
 * reflection worksheet from a session, with the sign-in he has for his letter; he saves his
 * answers (still there after a reload), sends them; the facilitators read and comment, and he
 * reads the comment as from "Your facilitator". A worksheet for someone with no sign-in yet comes
 * with an invite code, keeps their sign-in working while it is open and ends it when closed.
 * Signed in, Daniel finds nothing of the case beyond his own worksheets and letter, on any route.
 */
const PROGRAMME = `_data=${encodeURIComponent("routes/cases.$caseId_.programme")}`;
const WORKSHEETS = `/worksheets?_data=${encodeURIComponent("routes/worksheets")}`;
const PASSWORD = "a-long-enough-password";
const stamp = Date.now().toString(36);
const NOTES_CANARY = `session-notes-${stamp}-qz`;
const VENUE_CANARY = `venue-${stamp}-qz`;
const OTHER_ANSWER = `other-account-answer-${stamp}-qz`;
const CASE_DETAILS = ["RJ-2026-0142", "Street robbery", "Linda Millington", "Chris Patel", "Sam Okafor"];
const manifest = (build as unknown as ServerBuild).routes;

type Own = { id: string; title: string; status: string; savedAt: string | null; answers: { id: string; prompt: string; answer: string }[]; comments: { body: string }[] };
type Staff = { id: string; status: string; username: string; answers: { prompt: string; answer: string }[]; comments: { body: string; by: string }[] };

describe("the person responsible's own worksheets", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient, co: TestClient, daniel: TestClient;
  let caseId = "",
    sessionId = "",
    worksheetId = "",
    otherWorksheetId = "";
  const peers: TestPeer[] = [];
  const programme = (client: TestClient, fields: Record<string, string>) => client.post(`/cases/${caseId}/programme?${PROGRAMME}`, fields);
  const staffView = async (client: TestClient) => ((await (await client.get(`/cases/${caseId}/programme?${PROGRAMME}`)).json()) as { worksheets: Staff[] }).worksheets;
  const ownView = async (client: TestClient) => {
    const res = await client.get(WORKSHEETS);
    expect(res.status).toBe(200);
    return ((await res.json()) as { worksheets: Own[] }).worksheets;
  };
  const answer = (client: TestClient, intent: "save" | "submit", w: Own, texts: string[], id = w.id) =>
    client.postForm(WORKSHEETS, [
      ["intent", intent],
      ["worksheetId", id],
      ...w.answers.flatMap((a, i): [string, string][] => [
        ["answerId[]", a.id],
        ["answer[]", texts[i] ?? ""],
      ]),
    ]);

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    [lead, co] = await Promise.all([clientFor(server().origin, "lead"), clientFor(server().origin, "co")]);
    daniel = await new TestClient(server().origin).signIn("daniel", DEMO_PASSWORD);
    const person = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;
    const templateId = (await db().programmeTemplate.findFirstOrThrow({ where: { standard: true, service: { cases: { some: { id: caseId } } } } })).id;
    expect((await programme(lead, { intent: "start", participantId: person, templateId })).status).toBe(200);
    sessionId = (await db().programmeSession.findFirstOrThrow({ where: { programme: { caseId } }, orderBy: { position: "asc" } })).id;
    expect((await programme(lead, { intent: "schedule", sessionId, scheduledOn: "2026-12-01", scheduledAt: "10:00", venueKind: "PRISON", venue: VENUE_CANARY })).status).toBe(200);
    // Notes the facilitators wrote about the session: never for the person's eyes.
    const peer = connectPeer(server().origin, lead.cookieHeader, `programme-session:${sessionId}:notes`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "notes synced");
    appendParagraphs(flatField(peer.doc, "said"), [NOTES_CANARY]);
    await waitFor(() => allSaved(peer), 10_000, "notes saved");
  });

  afterAll(() => peers.forEach((p) => p.destroy()));

  it("bad input sets nothing and says what to fix", async () => {
    const errorsOf = async (res: Response) => (expect(res.status).toBe(400), ((await res.json()) as { errors: Record<string, string> }).errors);
    expect(await errorsOf(await programme(lead, { intent: "worksheet-set", sessionId, access: "invite", username: "dan" }))).toMatchObject({ kind: "Choose the worksheet" });
    expect((await errorsOf(await programme(lead, { intent: "worksheet-set", sessionId, kind: "REFLECTION", access: "invite", username: "" }))).username).toBeTruthy();
    // A new sign-in cannot take a username already in use (Daniel's, for his letter).
    expect((await errorsOf(await programme(lead, { intent: "worksheet-set", sessionId, kind: "REFLECTION", access: "invite", username: "daniel" }))).username).toBe(
      "That username is taken. Choose another.",
    );
    expect(await db().programmeWorksheet.count({ where: { caseId } })).toBe(0);
  });

  it("the lead sets Daniel a reflection worksheet with the sign-in he has for his letter; it waits under My worksheets", async () => {
    const res = await programme(lead, { intent: "worksheet-set", sessionId, kind: "REFLECTION", access: "existing" });
    const body = (await res.json()) as { ok: boolean; worksheetId: string; username: string; inviteCode: string | null };
    expect(body).toMatchObject({ ok: true, username: "daniel", inviteCode: null });
    worksheetId = body.worksheetId;
    const [own] = await ownView(daniel);
    expect(own!.answers.map((a) => a.prompt)).toEqual(["What happened", "Who was affected and how", "What I would want to say"]);
    expect(own!.status).toBe("SET");
    // His navigation offers them, beside his letter.
    const page = await (await daniel.get("/letters")).text();
    expect(page).toContain('href="/worksheets"');
    expect(page).toContain("My worksheets");
    expect(await db().auditEvent.count({ where: { action: "programme.worksheet.set", target: `programme-worksheet:${worksheetId}` } })).toBe(1);
  });

  it("staff never open the author's workspace, and cannot write in it", async () => {
    expect((await lead.get("/worksheets")).status).toBe(404);
    const [own] = await ownView(daniel);
    expect((await answer(lead, "save", own!, ["by staff"])).status).toBe(404);
    expect((await answer(co, "submit", own!, ["by staff"])).status).toBe(404);
  });

  it("he saves his answers and they are there after a reload; the facilitators see nothing until he sends it", async () => {
    const [own] = await ownView(daniel);
    const res = await answer(daniel, "save", own!, ["I took a phone at the bus stop.", "", ""]);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { savedAt: string }).savedAt).toMatch(/^\d{4}-/);
    const [again] = await ownView(daniel);
    expect(again!.answers.map((a) => a.answer)).toEqual(["I took a phone at the bus stop.", "", ""]);
    expect(again!.savedAt).not.toBeNull();
    const page = await (await daniel.get("/worksheets")).text();
    expect(page).toContain("I took a phone at the bus stop.");
    expect(page).toMatch(/Saved at/);
    const [staff] = await staffView(lead);
    expect(staff!.answers).toEqual([]);
    expect(await db().auditEvent.count({ where: { action: "programme.worksheet.own.save", target: `programme-worksheet:${worksheetId}` } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "programme.worksheet.own.view", target: `programme-worksheet:${worksheetId}` } })).toBeGreaterThan(0);
  });

  it("he sends it; then it no longer changes, and the facilitators read it and comment", async () => {
    const [own] = await ownView(daniel);
    const texts = ["I took a phone at the bus stop.", "The woman, her daughter who came to get her, my mum.", "That I am sorry and that it was not her fault."];
    expect((await answer(daniel, "submit", own!, texts)).status).toBe(200);
    expect((await answer(daniel, "save", own!, ["changed after"])).status).toBe(409);
    // The case's facilitators are told, in words that hold none of his.
    const told = await db().notification.findMany({ where: { caseId, kind: "WORKSHEET_SUBMITTED" }, select: { recipient: { select: { email: true } }, text: true, link: true } });
    expect(told.map((n) => n.recipient.email).sort()).toEqual(["co@demo.circle", "lead@demo.circle"]);
    expect(told[0]!.text).toBe("The person responsible on RJ-2026-0142 sent a worksheet for you to read.");
    expect(told[0]!.link).toBe(`/cases/${caseId}/programme`);
    const [staff] = await staffView(co);
    expect(staff!.status).toBe("SUBMITTED");
    expect(staff!.answers.map((a) => a.answer)).toEqual(texts);
    const comment = await programme(lead, { intent: "worksheet-comment", worksheetId, body: "Thank you. Next time, let us talk about her daughter." });
    expect(comment.status).toBe(200);
    expect((await programme(lead, { intent: "worksheet-comment", worksheetId, body: "" })).status).toBe(400);
    const [withComment] = await staffView(lead);
    expect(withComment!.comments).toEqual([expect.objectContaining({ body: "Thank you. Next time, let us talk about her daughter.", by: "Linda Millington" })]);
  });

  it("he reads the comment as from his facilitator, never by a staff member's name", async () => {
    const [own] = await ownView(daniel);
    expect(own!.comments.map((c) => c.body)).toEqual(["Thank you. Next time, let us talk about her daughter."]);
    const page = await (await daniel.get("/worksheets")).text();
    expect(page).toContain("Your facilitator");
    expect(page).toContain("Next time, let us talk about her daughter.");
    for (const name of ["Linda Millington", "Chris Patel", "Sam Okafor"]) expect(page).not.toContain(name);
  });

  it("someone with no sign-in yet gets an invite code; their sign-in works while the worksheet is open and ends when it is closed", async () => {
    const res = await programme(lead, { intent: "worksheet-set", sessionId, kind: "AFTER_SESSION", access: "invite", username: "dan_worksheets" });
    const set = (await res.json()) as { ok: boolean; worksheetId: string; inviteCode: string };
    expect(set.ok).toBe(true);
    expect(set.inviteCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    otherWorksheetId = set.worksheetId;
    const redeemed = await new TestClient(server().origin).post("/login?invite=1", {
      intent: "redeem",
      username: "dan_worksheets",
      code: set.inviteCode,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(redeemed.status).toBe(302);
    const other = await new TestClient(server().origin).signIn("dan_worksheets", PASSWORD);
    // No letter: their home is their worksheets, and only this account's.
    const home = await other.get("/letters");
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/worksheets");
    const mine = await ownView(other);
    expect(mine.map((w) => w.id)).toEqual([otherWorksheetId]);
    expect((await answer(other, "save", mine[0]!, [OTHER_ANSWER])).status).toBe(200);
    // Neither account reaches the other's worksheet.
    const [danielOwn] = await ownView(daniel);
    expect((await answer(other, "save", danielOwn!, ["x"])).status).toBe(404);
    expect((await answer(daniel, "save", mine[0]!, ["x"], otherWorksheetId)).status).toBe(404);
    // Daniel's account sees only his own worksheet.
    expect((await ownView(daniel)).map((w) => w.id)).toEqual([worksheetId]);

    expect((await programme(lead, { intent: "worksheet-close", worksheetId: otherWorksheetId })).status).toBe(200);
    expect((await other.get("/worksheets")).status).toBe(302); // the session ended: sent to sign in
    const again = await new TestClient(server().origin).post("/login", { email: "dan_worksheets", password: PASSWORD });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("so this sign-in no longer works");
    // What they wrote stays with the facilitators.
    expect((await staffView(lead)).find((w) => w.id === otherWorksheetId)).toMatchObject({ status: "SET" });
    expect((await db().worksheetAnswer.findMany({ where: { worksheetId: otherWorksheetId } })).map((a) => a.answer)).toContain(OTHER_ANSWER);
  });

  describe("Daniel, signed in, finds nothing of the case beyond his own worksheets and letter", () => {
    const forbidden = [...CASE_DETAILS, NOTES_CANARY, VENUE_CANARY, OTHER_ANSWER];
    const leaks = (body: string) => forbidden.filter((f) => body.includes(f));

    it("on any route of the app, by page, data request or form post", async () => {
      const conference = await db().conference.findFirstOrThrow({ where: { caseId }, select: { id: true } });
      const letter = await db().letter.findFirstOrThrow({ where: { caseId, author: { username: "daniel" } }, select: { id: true } });
      const [own] = await ownView(daniel);
      for (const id of Object.keys(manifest)) {
        const path = composePattern(manifest, id).replace(":caseId", caseId).replace(":conferenceId", conference.id).replace(":letterId", letter.id).replace("*", "anything");
        for (const url of [path, `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(id)}`]) {
          const get = await daniel.get(url);
          expect(leaks(await get.text()), `GET ${url}`).toEqual([]);
          if (id === "routes/logout") continue;
          for (const target of [worksheetId, otherWorksheetId]) {
            const post = await daniel.postForm(url, [
              ["intent", "save"],
              ["worksheetId", target],
              ["answerId[]", own!.answers[0]!.id],
              ["answer[]", "probe"],
            ]);
            expect(leaks(await post.text()), `POST ${url}`).toEqual([]);
          }
        }
      }
      // Nothing took the probe: his own is sent, the other account's is closed.
      expect(await db().worksheetAnswer.count({ where: { answer: "probe" } })).toBe(0);
    }, 240_000);

    it("by following every link on his pages", async () => {
      const seen = new Set<string>();
      const queue = ["/worksheets", "/letters", "/"];
      while (queue.length) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const body = await (await daniel.get(path)).text();
        expect(leaks(body), path).toEqual([]);
        for (const m of body.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)) if (!m[1]!.startsWith("//") && seen.size < 200) queue.push(m[1]!.replaceAll("&amp;", "&"));
      }
      expect(seen.has("/worksheets")).toBe(true);
      expect(seen.size).toBeGreaterThan(5);
    });

    it("and Socket.IO and the session's notes refuse him", async () => {
      const outcome = await connectSocket(server().origin, { cookie: daniel.cookieHeader, transport: "websocket" });
      expect(outcome.connected).toBe(false);
      for (const name of [`programme-session:${sessionId}:notes`, `case:${caseId}:notes`]) {
        const opened = await openCollab(server().origin, name, { cookie: daniel.cookieHeader });
        expect(opened.opened, name).toBe(false);
      }
    });
  });
});
