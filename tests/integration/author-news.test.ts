import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * What is new to a letter author, against the real server: Daniel (the person responsible on the
 * bus-stop case) has his letter, a message workspace opened with the same sign-in, and a worksheet.
 * What a facilitator passes on or comments shows as a count on his navigation ("My messages, 1 new")
 * on his other pages, is marked "New" on the page that shows it, and is gone from the count once he
 * has opened that page. Nothing he may not see is ever counted: not a message waiting for review,
 * approved but not passed on, or held back by his own choice; and staff looking changes nothing.
 */
const EXCHANGE = `_data=${encodeURIComponent("routes/cases.$caseId_.exchange")}`;
const PROGRAMME = `_data=${encodeURIComponent("routes/cases.$caseId_.programme")}`;
const OVERSIGHT = `_data=${encodeURIComponent("routes/cases.$caseId_.letters.$letterId")}`;
const stamp = Date.now().toString(36);

describe("what is new to an author since they last looked", () => {
  const server = useDemoServer();
  const db = () => getDb();
  const today = serviceDate();
  let lead: TestClient, daniel: TestClient;
  let caseId = "",
    jess = "",
    danielId = "",
    writerId = "",
    letterId = "",
    worksheetId = "";
  const exchange = async (fields: Record<string, string>) => {
    const res = await lead.post(`/cases/${caseId}/exchange?${EXCHANGE}`, fields);
    return { status: res.status, body: (await res.json()) as { ok: boolean; id?: string; writerId?: string } };
  };
  const choose = async (choice: "RECEIVE_NOW" | "HOLD") => expect((await exchange({ intent: "choice", participantId: danielId, choice, method: "Phone call" })).status).toBe(200);
  /** A message from Jess, recorded at a visit and approved: ready to pass on. */
  const approved = async (text: string) => {
    const recorded = await exchange({
      intent: "record",
      kind: "MESSAGE",
      fromId: jess,
      toId: danielId,
      gatheredBy: "VISIT",
      gatheredOn: today,
      text,
      senderConsent: "yes",
      consentWording: "THEIR_WORDS",
    });
    expect(recorded.status).toBe(200);
    expect((await exchange({ intent: "approve", messageId: recorded.body.id! })).status).toBe(200);
    return recorded.body.id!;
  };
  const deliver = (messageId: string) => exchange({ intent: "deliver", messageId, method: "IN_WORKSPACE", deliveredOn: today });
  /** The page as his browser gets it, and what its navigation says is new (the links' accessible names). */
  const page = async (path: string) => {
    const res = await daniel.get(path);
    expect(res.status, path).toBe(200);
    const html = await res.text();
    const news = [...html.matchAll(/aria-label="(My (?:letter|messages|worksheets), \d+ new)"/g)].map((m) => m[1]);
    return { html, news };
  };

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    jess = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Jessica Barnes" } })).id;
    danielId = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Daniel Price" } })).id;
    lead = await clientFor(server().origin, "lead");
    const leadId = (await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" } })).id;
    for (const participantId of [jess, danielId])
      await db().consentEntry.create({ data: { caseId, participantId, element: "PASS_MESSAGES", answer: "YES", method: "IN_PERSON", givenAt: new Date(), recordedById: leadId } });
    const opened = await exchange({ intent: "open-writer", participantId: danielId, recipientId: jess, recipientLabel: "Jess", access: "existing" });
    expect(opened.status).toBe(200);
    writerId = opened.body.writerId!;
    await choose("RECEIVE_NOW");
    letterId = (await db().letter.findFirstOrThrow({ where: { caseId, author: { username: "daniel" }, closedAt: null, destroyedAt: null } })).id;
    daniel = await new TestClient(server().origin).signIn("daniel", DEMO_PASSWORD);
    // He has looked at everything once: what follows is all that is new to him.
    for (const path of ["/messages", `/letters/${letterId}`]) await page(path);
  });

  it("a message delivered into his workspace shows as 1 new on My messages, on his other pages", async () => {
    expect((await page("/letters")).news).toEqual([]);
    const id = await approved(`first-${stamp}`);
    // Approved is not passed on: nothing to tell him yet.
    expect((await page("/letters")).news).toEqual([]);
    expect((await deliver(id)).status).toBe(200);
    const { html, news } = await page("/letters");
    expect(news).toEqual(["My messages, 1 new"]);
    expect(html).toMatch(/<span class="badge count"[^>]*>1 new<\/span>/);
  });

  it("opening My messages marks it New there and records it seen: the count is gone on the next page, the mark on the next visit", async () => {
    const messages = await page("/messages");
    expect(messages.html).toContain(`first-${stamp}`);
    expect(messages.html).toMatch(/<span class="badge new">New<\/span>/);
    // The page that shows it does not count it as well.
    expect(messages.news).toEqual([]);
    expect((await page("/letters")).news).toEqual([]);
    const again = await page("/messages");
    expect(again.html).toContain(`first-${stamp}`);
    expect(again.html).not.toContain('class="badge new"');
  });

  it("his page refreshing itself with nothing new leaves the stamp where it was; a new message moves it once", async () => {
    const seenAt = async () => (await db().exchangeWriter.findUniqueOrThrow({ where: { id: writerId } })).seenAt;
    await page("/messages");
    const settled = await seenAt();
    expect(settled).not.toBeNull();
    // The page asks again every few seconds: nothing new, nothing written.
    for (let i = 0; i < 3; i++) expect((await page("/messages")).html).not.toContain('class="badge new"');
    expect(await seenAt()).toEqual(settled);
    const id = await approved(`moves-${stamp}`);
    expect((await deliver(id)).status).toBe(200);
    const shown = await page("/messages");
    expect(shown.html).toMatch(/<span class="badge new">New<\/span>/);
    const moved = await seenAt();
    expect(moved!.getTime()).toBeGreaterThan(settled!.getTime());
    await page("/messages");
    expect(await seenAt()).toEqual(moved);
    expect((await page("/letters")).news).toEqual([]);
  });

  it("a held message never counts, and a hold he asks for later takes delivered ones out of the count until he asks again, when they count as new if he had not seen them", async () => {
    await choose("HOLD");
    const held = await approved(`held-${stamp}`);
    expect((await deliver(held)).status).toBe(409);
    expect((await page("/letters")).news).toEqual([]);
    await choose("RECEIVE_NOW");
    expect((await deliver(held)).status).toBe(200);
    expect((await page("/letters")).news).toEqual(["My messages, 1 new"]);
    await choose("HOLD");
    expect((await page("/letters")).news).toEqual([]);
    // Opening his messages while it is held shows nothing of it, so it is not seen.
    expect((await page("/messages")).html).not.toContain(`held-${stamp}`);
    await choose("RECEIVE_NOW");
    // Shown again, it is still new to him: he never saw it.
    expect((await page("/letters")).news).toEqual(["My messages, 1 new"]);
    const shown = await page("/messages");
    expect(shown.html).toMatch(new RegExp(`<span class="badge new">New</span>[^]*held-${stamp}|held-${stamp}[^]*<span class="badge new">New</span>`));
    // Approved but never passed on: not counted, whatever his choice.
    await approved(`waiting-${stamp}`);
    expect((await page("/letters")).news).toEqual([]);
  });

  it("staff looking at the case or trying his page records nothing as seen for him", async () => {
    const id = await approved(`staff-${stamp}`);
    expect((await deliver(id)).status).toBe(200);
    const before = (await db().exchangeWriter.findUniqueOrThrow({ where: { id: writerId } })).seenAt;
    expect((await lead.get(`/cases/${caseId}/exchange`)).status).toBe(200);
    expect((await lead.get("/messages")).status).toBe(404);
    expect((await db().exchangeWriter.findUniqueOrThrow({ where: { id: writerId } })).seenAt).toEqual(before);
    expect((await page("/letters")).news).toEqual(["My messages, 1 new"]);
    // The staff page never shows a count of his.
    expect(await (await lead.get(`/cases/${caseId}/exchange`)).text()).not.toMatch(/\d+ new/);
    await page("/messages");
  });

  it("a facilitator's comment on his letter shows on My letter and beside the letter until he opens it; his looking does not change the letter", async () => {
    const res = await lead.post(`/cases/${caseId}/letters/${letterId}?${OVERSIGHT}`, { intent: "comment", body: `letter-comment-${stamp}` });
    expect(res.status).toBe(200);
    const list = await page("/messages");
    expect(list.news).toEqual(["My letter, 1 new"]);
    const letters = await page("/letters");
    expect(letters.html).toMatch(/<span class="badge new">1 new<\/span>/);
    const updatedAt = (await db().letter.findUniqueOrThrow({ where: { id: letterId } })).updatedAt;
    const opened = await page(`/letters/${letterId}`);
    expect(opened.html).toContain(`letter-comment-${stamp}`);
    expect(opened.html).toMatch(/<span class="badge new">New<\/span>/);
    expect(opened.news).toEqual([]);
    expect((await page("/messages")).news).toEqual([]);
    expect((await db().letter.findUniqueOrThrow({ where: { id: letterId } })).updatedAt).toEqual(updatedAt);
  });

  it("a facilitator's comment on a worksheet he sent shows as 1 new on My worksheets until he opens them", async () => {
    const programme = (fields: Record<string, string>) => lead.post(`/cases/${caseId}/programme?${PROGRAMME}`, fields);
    const templateId = (await db().programmeTemplate.findFirstOrThrow({ where: { standard: true, service: { cases: { some: { id: caseId } } } } })).id;
    expect((await programme({ intent: "start", participantId: danielId, templateId })).status).toBe(200);
    const sessionId = (await db().programmeSession.findFirstOrThrow({ where: { programme: { caseId } }, orderBy: { position: "asc" } })).id;
    const set = await programme({ intent: "worksheet-set", sessionId, kind: "REFLECTION", access: "existing" });
    expect(set.status).toBe(200);
    worksheetId = ((await set.json()) as { worksheetId: string }).worksheetId;
    const answers = await db().worksheetAnswer.findMany({ where: { worksheetId }, orderBy: { position: "asc" } });
    const sent = await daniel.postForm(`/worksheets?_data=${encodeURIComponent("routes/worksheets")}`, [
      ["intent", "submit"],
      ["worksheetId", worksheetId],
      ...answers.flatMap((a): [string, string][] => [
        ["answerId[]", a.id],
        ["answer[]", "I took a phone at the bus stop."],
      ]),
    ]);
    expect(sent.status).toBe(200);
    await page("/worksheets");
    expect((await page("/letters")).news).toEqual([]);
    expect((await programme({ intent: "worksheet-comment", worksheetId, body: `worksheet-comment-${stamp}` })).status).toBe(200);
    expect((await page("/letters")).news).toEqual(["My worksheets, 1 new"]);
    const opened = await page("/worksheets");
    expect(opened.html).toContain(`worksheet-comment-${stamp}`);
    expect(opened.html).toMatch(/<span class="badge new">New<\/span>/);
    expect((await page("/letters")).news).toEqual([]);
    // Seen is recorded for him, on the worksheet he opened.
    expect((await db().programmeWorksheet.findUniqueOrThrow({ where: { id: worksheetId } })).seenAt).not.toBeNull();
  });
});
