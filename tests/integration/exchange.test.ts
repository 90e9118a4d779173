import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, type TestClient } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { pdfText } from "../support/pdf-text";
import { useDemoServer } from "../support/server";

/**
 * Shuttle communication on the bus-stop case, against the real server: the case's facilitators
 * record what Jess wants to ask Daniel and his answer, edit for safety, approve, record each one's
 * choice and deliver; the printable pack and delivery let nothing through that is unapproved, edited
 * without the sender's agreement, held or declined; the case team reads; everyone else gets 404.
 */
const DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.exchange")}`;

describe("messages between the parties: recorded, reviewed and passed on by the case's facilitators", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient;
  let caseId = "",
    jess = "",
    daniel = "",
    carol = "";
  const url = () => `/cases/${caseId}/exchange?${DATA}`;
  const pack = (who: string) => `/cases/${caseId}/exchange/pack?for=${who}`;
  const packPdf = (who: string) => `/cases/${caseId}/exchange/pack.pdf?for=${who}`;
  const today = serviceDate();
  const answerOf = async (res: Response) => (await res.json()) as { ok: boolean; id?: string; errors?: Record<string, string> };
  const record = (fields: Record<string, string>) =>
    lead.post(url(), {
      intent: "record",
      gatheredBy: "VISIT",
      gatheredOn: today,
      senderConsent: "yes",
      consentWording: "THEIR_WORDS",
      fromId: jess,
      toId: daniel,
      kind: "QUESTION",
      ...fields,
    });
  const recorded = async (fields: Record<string, string>) => {
    const res = await record(fields);
    expect(res.status).toBe(200);
    return (await answerOf(res)).id!;
  };

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    jess = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Jessica Barnes" } })).id;
    daniel = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Daniel Price" } })).id;
    carol = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Carol Barnes" } })).id;
    lead = await clientFor(server().origin, "lead");
  });

  it("bad input records nothing and says what to fix", async () => {
    const empty = await answerOf(await lead.post(url(), { intent: "record" }));
    expect(empty.errors).toMatchObject({
      kind: "Choose whether it is a question, an answer or a message",
      fromId: "Choose who it comes from",
      toId: "Choose who it is for",
      gatheredBy: "Choose how it was gathered",
      gatheredOn: "Enter the date it was gathered",
      text: "Write down what they want to pass on",
      senderConsent: "Say whether they agreed to it being passed on",
    });
    // A supporter is not a party; an answer needs its question; a message goes to the other party.
    expect((await answerOf(await record({ toId: carol, text: "Hello" }))).errors?.toId).toMatch(/person harmed or the person responsible/);
    expect((await answerOf(await record({ kind: "ANSWER", fromId: daniel, toId: jess, text: "Sorry" }))).errors?.inReplyToId).toBe("Choose the question this answers.");
    expect((await answerOf(await record({ toId: jess, text: "Hello" }))).errors?.toId).toMatch(/from one party to the other/);
    expect((await answerOf(await record({ gatheredOn: "2999-01-01", text: "Hi" }))).errors?.gatheredOn).toBe("The date it was gathered cannot be in the future");
    expect(await db().exchangeMessage.count({ where: { caseId } })).toBe(0);
  });

  it("a question is recorded, approved and delivered only once the recipient chose to receive it, and only then reaches the pack", async () => {
    const q = await recorded({ text: "CANARY-Q1 Why me?" });
    // Not approved: not in the pack, and not deliverable.
    expect(await (await lead.get(pack(daniel))).text()).not.toContain("CANARY-Q1");
    const early = await lead.post(url(), { intent: "deliver", messageId: q, method: "READ_AT_VISIT", deliveredOn: today });
    expect(early.status).toBe(409);
    expect((await answerOf(early)).errors?.form).toMatch(/Only an approved message/);

    expect((await lead.post(url(), { intent: "approve", messageId: q })).status).toBe(200);
    // Approved, but Daniel has not said whether he wants messages: nothing reaches him.
    const noChoice = await lead.get(pack(daniel));
    expect(noChoice.status).toBe(409);
    expect(await noChoice.text()).not.toContain("CANARY-Q1");
    expect((await lead.post(url(), { intent: "deliver", messageId: q, method: "READ_AT_VISIT", deliveredOn: today })).status).toBe(409);

    expect((await lead.post(url(), { intent: "choice", participantId: daniel, choice: "RECEIVE_NOW", method: "at the prison visit" })).status).toBe(200);
    const packPage = await lead.get(pack(daniel));
    expect(packPage.status).toBe(200);
    const html = await packPage.text();
    expect(html).toContain("CANARY-Q1 Why me?");
    expect(html).toContain("For Dan");
    // First name only, no contact details, nothing of the case.
    for (const secret of ["Price", "07700 900150", "Mill Street", "RJ-2026-0142", "Street robbery", "Jessica", "Barnes"]) expect(html, secret).not.toContain(secret);

    expect((await lead.post(url(), { intent: "deliver", messageId: q, method: "READ_AT_VISIT", deliveredOn: today })).status).toBe(200);
    expect(await db().exchangeMessage.findUniqueOrThrow({ where: { id: q } })).toMatchObject({ status: "DELIVERED", deliveryMethod: "READ_AT_VISIT", deliveredOn: today });
    // Delivered once.
    expect((await lead.post(url(), { intent: "deliver", messageId: q, method: "PRINTED", deliveredOn: today })).status).toBe(409);
  });

  it("an answer edited for safety passes on only once the sender agreed, and the words as recorded stay in the record", async () => {
    const q = (await db().exchangeMessage.findFirstOrThrow({ where: { caseId, kind: "QUESTION" } })).id;
    const a = await recorded({
      kind: "ANSWER",
      inReplyToId: q,
      fromId: daniel,
      toId: jess,
      gatheredBy: "PRISON_VISIT",
      consentWording: "FACILITATOR_SUMMARY",
      text: "CANARY-A1-RAW I was off my head",
    });
    expect((await lead.post(url(), { intent: "edit", messageId: a, text: "CANARY-A1-UNAGREED It was not about you", reason: "Removes a detail", senderAgreed: "no" })).status).toBe(
      200,
    );
    const refused = await lead.post(url(), { intent: "approve", messageId: a });
    expect(refused.status).toBe(409);
    expect((await answerOf(refused)).errors?.form).toMatch(/not agreed to the latest edit/);
    expect((await lead.post(url(), { intent: "choice", participantId: jess, choice: "RECEIVE_NOW" })).status).toBe(200);
    // Not approved: Jess's pack holds nothing of it.
    const before = await (await lead.get(pack(jess))).text();
    expect(before).not.toContain("CANARY-A1");

    expect(
      (await lead.post(url(), { intent: "edit", messageId: a, text: "CANARY-A1-AGREED It was not about you. I am sorry.", reason: "Agreed wording", senderAgreed: "yes" })).status,
    ).toBe(200);
    expect((await lead.post(url(), { intent: "approve", messageId: a })).status).toBe(200);
    const html = await (await lead.get(pack(jess))).text();
    expect(html).toContain("CANARY-A1-AGREED It was not about you. I am sorry.");
    // Her own question above his answer; neither the raw words nor the unagreed edit.
    expect(html).toContain("CANARY-Q1 Why me?");
    expect(html).not.toContain("CANARY-A1-RAW");
    expect(html).not.toContain("CANARY-A1-UNAGREED");
    expect(html).not.toContain("07700 900142");
    expect(html).not.toContain("Orchard Row");
    // No edit after approval; the original stays as recorded (a trigger refuses changing it).
    expect((await lead.post(url(), { intent: "edit", messageId: a, text: "Later", reason: "Later", senderAgreed: "yes" })).status).toBe(409);
    await expect(db().exchangeMessage.update({ where: { id: a }, data: { text: "changed" } })).rejects.toThrow();
    await expect(db().exchangeMessage.delete({ where: { id: a } })).rejects.toThrow();
    await expect(db().exchangeMessage.update({ where: { id: a }, data: { status: "RECORDED" } })).rejects.toThrow();
    expect((await db().exchangeMessage.findUniqueOrThrow({ where: { id: a } })).text).toBe("CANARY-A1-RAW I was off my head");

    // The case page shows both texts side by side, threaded under the question.
    const page = await (await lead.get(`/cases/${caseId}/exchange`)).text();
    const timeline = page.slice(page.indexOf('id="timeline-heading"'), page.indexOf("</main>"));
    expect(timeline).toContain("CANARY-A1-RAW I was off my head");
    expect(timeline).toContain("CANARY-A1-AGREED");
    expect(timeline).toContain("CANARY-A1-UNAGREED");
    expect(timeline.indexOf("CANARY-Q1")).toBeGreaterThan(-1);
    // The answer is in the list of answers that follows its question.
    expect(timeline.indexOf("CANARY-Q1")).toBeLessThan(timeline.indexOf('aria-label="Answers"'));
    expect(timeline.indexOf('aria-label="Answers"')).toBeLessThan(timeline.indexOf("CANARY-A1-RAW"));
  });

  it("a message without the sender's consent is never approved", async () => {
    const m = await recorded({ kind: "MESSAGE", fromId: daniel, toId: jess, senderConsent: "no", text: "CANARY-NOCONSENT" });
    const res = await lead.post(url(), { intent: "approve", messageId: m });
    expect(res.status).toBe(409);
    expect(await (await lead.get(pack(jess))).text()).not.toContain("CANARY-NOCONSENT");
    // The PDF holds the same words as the print view, and nothing it leaves out.
    const pdf = await lead.get(packPdf(jess));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("CANARY-A1-AGREED It was not about you. I am sorry.");
    expect(text).toContain("For Jess");
    for (const left of ["CANARY-A1-RAW", "CANARY-A1-UNAGREED", "CANARY-NOCONSENT", "07700 900142", "Barnes", "RJ-2026-0142"]) expect(text, left).not.toContain(left);
  });

  it("a hold, a later date or a decline keeps even approved messages from the pack and from delivery", async () => {
    const a = (await db().exchangeMessage.findFirstOrThrow({ where: { caseId, kind: "ANSWER" } })).id;
    const choices: Record<string, string>[] = [{ choice: "HOLD" }, { choice: "DELIVER_LATER", deliverAfter: "2999-01-01" }, { choice: "DECLINE" }];
    for (const choice of choices) {
      expect((await lead.post(url(), { intent: "choice", participantId: jess, ...choice })).status).toBe(200);
      const res = await lead.get(pack(jess));
      expect(res.status, choice.choice).toBe(409);
      expect(await res.text(), choice.choice).not.toContain("CANARY");
      const pdf = await lead.get(packPdf(jess));
      expect(pdf.status, choice.choice).toBe(409);
      expect(await pdf.text(), choice.choice).not.toContain("CANARY");
      expect((await lead.post(url(), { intent: "deliver", messageId: a, method: "PRINTED", deliveredOn: today })).status, choice.choice).toBe(409);
    }
    expect(await db().exchangeMessage.findUniqueOrThrow({ where: { id: a } })).toMatchObject({ status: "APPROVED", deliveredAt: null });
    const refusals = await db().auditEvent.count({ where: { caseId, action: "exchange.pack.refused" } });
    expect(refusals).toBeGreaterThanOrEqual(3);
    // "Later" without a date is refused with a message.
    expect((await answerOf(await lead.post(url(), { intent: "choice", participantId: jess, choice: "DELIVER_LATER" }))).errors?.deliverAfter).toBe(
      "Enter the date from which they want to receive them",
    );
  });

  it("every view, change, approval, delivery and print is audited, without the words", async () => {
    const entries = await db().auditEvent.findMany({ where: { caseId, action: { startsWith: "exchange." } }, select: { action: true, details: true } });
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ["exchange.record", "exchange.edit", "exchange.approve", "exchange.deliver", "exchange.choice", "exchange.pack.print", "exchange.pack.refused"])
      expect(actions, a).toContain(a);
    for (const e of entries) expect(e.details).not.toContain("CANARY");
    expect(await db().auditEvent.count({ where: { caseId, action: "case.exchange.view" } })).toBeGreaterThanOrEqual(1);
  });

  it("the case team reads the exchange; the supervisor records nothing; nobody else sees it or the pack", async () => {
    const supervisor = await clientFor(server().origin, "supervisor");
    const read = await supervisor.get(`/cases/${caseId}/exchange`);
    expect(read.status).toBe(200);
    const html = await read.text();
    expect(html).toContain("CANARY-Q1");
    expect(html).not.toContain("Record the message");
    expect((await supervisor.get(pack(daniel))).status).toBe(404);
    expect((await supervisor.get(packPdf(daniel))).status).toBe(404);
    expect((await supervisor.post(url(), { intent: "choice", participantId: jess, choice: "RECEIVE_NOW" })).status).toBe(404);
    for (const who of ["other", "admin", "letterAuthor"] as const) {
      const client = await clientFor(server().origin, who);
      const page = await client.get(`/cases/${caseId}/exchange`);
      expect(page.status, who).toBe(404);
      expect(await page.text(), who).not.toContain("CANARY");
      const printed = await client.get(pack(daniel));
      expect(printed.status, who).toBe(404);
      expect(await printed.text(), who).not.toContain("CANARY");
      const pdf = await client.get(packPdf(daniel));
      expect(pdf.status, who).toBe(404);
      expect(await pdf.text(), who).not.toContain("CANARY");
      expect((await client.post(url(), { intent: "record", fromId: jess, toId: daniel, kind: "MESSAGE", text: "CANARY-INTRUDER" })).status, who).toBe(404);
    }
    expect(await db().exchangeMessage.count({ where: { text: "CANARY-INTRUDER" } })).toBe(0);
  });
});
