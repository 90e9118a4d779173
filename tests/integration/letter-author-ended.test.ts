import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { openCollab } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * A letter stops being its author's when it is closed or when its writer leaves the case, even
 * while the same sign-in stays open for other work (a worksheet set with the letter's sign-in, or
 * a second letter): the workspace, its data, its form and its shared document all answer 404, and
 * "My letter" no longer lists it. Message workspaces and worksheets already worked this way.
 */
const PROGRAMME = `_data=${encodeURIComponent("routes/cases.$caseId_.programme")}`;
const LETTER_DATA = `_data=${encodeURIComponent("routes/letters.$letterId")}`;
const LETTERS_DATA = `_data=${encodeURIComponent("routes/letters._index")}`;
const OPEN_DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.letters._index")}`;
const PASSWORD = "a-long-enough-password";

describe("a closed letter, or a removed writer's, is no longer its author's", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient, daniel: TestClient;
  let caseId = "",
    letterId = "";

  /** What the author reaches of one letter: the page, its data, its form and its shared document. */
  const reach = async (author: TestClient, id: string) => {
    const collab = await openCollab(server().origin, `letter:${id}`, { cookie: author.cookieHeader });
    if (collab.opened) collab.ws.close();
    return {
      page: (await author.get(`/letters/${id}`)).status,
      data: (await author.get(`/letters/${id}?${LETTER_DATA}`)).status,
      submit: (await author.post(`/letters/${id}?${LETTER_DATA}`, { intent: "submit" })).status,
      collab: collab.opened ? 101 : collab.status,
    };
  };
  const listed = async (author: TestClient) => {
    const res = await author.get(`/letters?${LETTERS_DATA}`);
    // With no letter of theirs, "My letter" sends them on to their other work.
    if (res.status === 204) return (expect(res.headers.get("X-Remix-Redirect")).toBe("/worksheets"), []);
    expect(res.status).toBe(200);
    return ((await res.json()) as { letters: { id: string }[] }).letters.map((l) => l.id);
  };

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    lead = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    daniel = await new TestClient(server().origin).signIn("daniel", DEMO_PASSWORD);
    const danielId = (await db().user.findUniqueOrThrow({ where: { username: "daniel" }, select: { id: true } })).id;
    letterId = (await db().letter.findFirstOrThrow({ where: { caseId, authorId: danielId }, select: { id: true } })).id;
    // A worksheet set with the sign-in he has for his letter keeps that sign-in open after the letter closes.
    const person = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;
    const templateId = (await db().programmeTemplate.findFirstOrThrow({ where: { standard: true, service: { cases: { some: { id: caseId } } } } })).id;
    const programme = (fields: Record<string, string>) => lead.post(`/cases/${caseId}/programme?${PROGRAMME}`, fields);
    expect((await programme({ intent: "start", participantId: person, templateId })).status).toBe(200);
    const sessionId = (await db().programmeSession.findFirstOrThrow({ where: { programme: { caseId } }, orderBy: { position: "asc" } })).id;
    expect((await programme({ intent: "worksheet-set", sessionId, kind: "REFLECTION", access: "existing" })).status).toBe(200);
  });

  it("while open, the letter is his", async () => {
    const open = await reach(daniel, letterId);
    expect(open.page).toBe(200);
    expect(open.data).toBe(200);
    expect(open.collab).toBe(101);
    expect(await listed(daniel)).toContain(letterId);
  });

  it("once the lead closes it, his sign-in stays for the worksheet but the letter answers 404 everywhere", async () => {
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "close" })).status).toBe(200);
    // Still signed in: the worksheet is open.
    expect((await daniel.get("/worksheets")).status).toBe(200);
    expect(await reach(daniel, letterId)).toEqual({ page: 404, data: 404, submit: 404, collab: 404 });
    expect(await listed(daniel)).not.toContain(letterId);
    // The case team still reads it.
    expect((await lead.get(`/cases/${caseId}/letters/${letterId}`)).status).toBe(200);
  });

  it("a letter whose writer is taken off the case answers its author 404, though nobody closed it", async () => {
    const harmed = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED", removedAt: null }, select: { id: true } })).id;
    const opened = await lead.post(`/cases/${caseId}/letters?index&${OPEN_DATA}`, {
      intent: "open",
      access: "password",
      password: PASSWORD,
      recipientLabel: "Dan",
      writerId: harmed,
      recipientId: (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" }, select: { id: true } })).id,
      username: "jess_writes",
    });
    const harmedLetterId = opened.headers.get("X-Remix-Redirect")?.split("/").at(-1) ?? "";
    expect(harmedLetterId).not.toBe("");
    const username = (await db().letter.findUniqueOrThrow({ where: { id: harmedLetterId }, select: { author: { select: { username: true } } } })).author.username!;
    const author = await new TestClient(server().origin).signIn(username, PASSWORD);
    expect((await reach(author, harmedLetterId)).page).toBe(200);

    expect((await lead.post(`/cases/${caseId}/participants`, { intent: "remove", participantId: harmed })).status).toBe(200);
    expect(await reach(author, harmedLetterId)).toEqual({ page: 404, data: 404, submit: 404, collab: 404 });
    expect(await listed(author)).toEqual([]);
    // Nothing of theirs is open any more, so the same name and password no longer sign in.
    const again = await new TestClient(server().origin).post("/login", { email: username, password: PASSWORD, redirectTo: "/letters" });
    expect(again.status).toBe(403);
  });
});
