import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import type { ReportFilter } from "~/models/report-period";
import type { Outcome } from "~/models/reports";
import { getReportData } from "~/models/reports.server";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import type { TestClient } from "../support/http";
import { makeCase, pageText } from "../support/preparation-cases";
import { signInDemoStaff, useDemoServer } from "../support/server";

/**
 * A case completed through indirect communication, without a conference: the facilitator passes
 * questions and answers between the two people, and closes the case saying so. Closing that way
 * needs both people's consent to have their messages passed on; the outcome is recorded, audited,
 * cleared on reopening, and counted by the reports as recorded.
 */
const everything = (): ReportFilter => ({ from: "2000-01-01", to: serviceDate(), quarter: "", facilitator: "", type: "all" });
const outcomeCount = async (serviceId: string, outcome: Outcome) =>
  (await getReportData(serviceId, { kind: "service" }, everything(), new Date())).outcomes.filter((o) => o.outcome === outcome).reduce((s, o) => s + o.n, 0);
const closure = (caseId: string) => getDb().case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true, closureReason: true, completedBy: true } });
const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString().slice(0, 16);

describe("completing a case through indirect communication", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let admin: TestClient;

  beforeAll(async () => {
    ({ lead, admin } = await signInDemoStaff(server().origin));
  });

  const close = (caseId: string, completedBy: string) =>
    lead.post(`/cases/${caseId}/stage`, { intent: "move", to: "CLOSED", closureReason: "COMPLETED", completedBy, closureNote: "" });
  const consent = (caseId: string, participantId: string, answer = "YES") =>
    lead.post(`/cases/${caseId}/consent`, { intent: "record", participantId, element: "PASS_MESSAGES", answer, method: "PHONE", givenAt: anHourAgo(), note: "" });

  /** One question recorded, approved and delivered through the case's exchange page, as the facilitators do it. */
  const passOneQuestion = async (caseId: string, fromId: string, toId: string) => {
    const url = `/cases/${caseId}/exchange?_data=${encodeURIComponent("routes/cases.$caseId_.exchange")}`;
    const today = serviceDate();
    const recorded = await lead.post(url, {
      intent: "record",
      kind: "QUESTION",
      fromId,
      toId,
      gatheredBy: "VISIT",
      gatheredOn: today,
      text: "Why me?",
      senderConsent: "yes",
      consentWording: "THEIR_WORDS",
    });
    const { id } = (await recorded.json()) as { id: string };
    expect((await lead.post(url, { intent: "approve", messageId: id })).status).toBe(200);
    expect((await lead.post(url, { intent: "choice", participantId: toId, choice: "RECEIVE_NOW", method: "At a visit" })).status).toBe(200);
    expect((await lead.post(url, { intent: "deliver", messageId: id, method: "READ_AT_VISIT", deliveredOn: today })).status).toBe(200);
  };

  it("is refused until both people agree to have questions and answers passed on, then recorded, audited, shown and counted", async () => {
    const c = await makeCase({ recommendation: "INDIRECT_ONLY" });
    const serviceId = c.users.lead.serviceId;
    const indirectBefore = await outcomeCount(serviceId, "INDIRECT");

    const refused = await close(c.caseId, "INDIRECT_MESSAGES");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { reasons: string[] }).reasons).toEqual([
      "Asha Khan (person harmed) has not yet agreed to have questions and answers passed on by the facilitator.",
      "Ben Ortiz (person responsible) has not yet agreed to have questions and answers passed on by the facilitator.",
      "No message has reached the other party: record a delivery on the messages page, or choose how the case was completed.",
    ]);
    expect(await closure(c.caseId)).toEqual({ stage: "PREPARATION", closureReason: null, completedBy: null });

    // The consent is recorded on the case screen like any other element, and audited.
    const recorded = await consent(c.caseId, c.harmed);
    expect(recorded.status).toBe(200);
    expect(((await recorded.json()) as { done: string }).done).toBe("Recorded for Asha Khan: have questions and answers passed on by the facilitator — Yes.");
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "consent.record" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(audit.details)).toMatchObject({ element: "PASS_MESSAGES", answer: "YES" });
    expect(await pageText(await lead.get(`/cases/${c.caseId}`))).toContain("Have questions and answers passed on by the facilitator");

    // One yes is not enough: the person responsible said no.
    expect((await consent(c.caseId, c.responsible, "NO")).status).toBe(200);
    const stillRefused = await close(c.caseId, "INDIRECT_MESSAGES");
    expect(stillRefused.status).toBe(400);
    expect(((await stillRefused.json()) as { reasons: string[] }).reasons).toEqual([
      "Ben Ortiz (person responsible) has said no to: have questions and answers passed on by the facilitator.",
      "No message has reached the other party: record a delivery on the messages page, or choose how the case was completed.",
    ]);
    expect(await outcomeCount(serviceId, "INDIRECT")).toBe(indirectBefore);

    expect((await consent(c.caseId, c.responsible)).status).toBe(200);
    // Agreement is not communication: a message must have reached the other party.
    const nothingPassed = await close(c.caseId, "INDIRECT_MESSAGES");
    expect(nothingPassed.status).toBe(400);
    expect(((await nothingPassed.json()) as { reasons: string[] }).reasons).toEqual([
      "No message has reached the other party: record a delivery on the messages page, or choose how the case was completed.",
    ]);
    await passOneQuestion(c.caseId, c.harmed, c.responsible);
    const closed = await close(c.caseId, "INDIRECT_MESSAGES");
    expect(closed.status).toBe(200);
    expect(await closure(c.caseId)).toEqual({ stage: "CLOSED", closureReason: "COMPLETED", completedBy: "INDIRECT_MESSAGES" });
    const event = await getDb().caseStageEvent.findFirstOrThrow({ where: { caseId: c.caseId, stage: "CLOSED" } });
    expect(event.reason).toBe("Completed by questions and answers passed on by the facilitator");
    const stageAudit = await getDb().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "case.stage" } });
    expect(JSON.parse(stageAudit.details)).toMatchObject({ to: "CLOSED", closureReason: "COMPLETED", completedBy: "INDIRECT_MESSAGES" });
    expect(await pageText(await lead.get(`/cases/${c.caseId}`))).toContain("Completed by questions and answers passed on by the facilitator");
    expect(await outcomeCount(serviceId, "INDIRECT")).toBe(indirectBefore + 1);

    // Reopened, the case is no longer completed, in any way.
    const reopened = await admin.post(`/cases/${c.caseId}/record`, { intent: "reopen", reason: "The person harmed has more questions" });
    expect(reopened.status).toBe(200);
    expect(await closure(c.caseId)).toMatchObject({ closureReason: null, completedBy: null });
    expect(await outcomeCount(serviceId, "INDIRECT")).toBe(indirectBefore);
  });

  it("asks how a completed case was completed, and refuses a way the case does not bear out", async () => {
    const c = await makeCase({ recommendation: "INDIRECT_ONLY" });
    const unsaid = await lead.post(`/cases/${c.caseId}/stage`, { intent: "move", to: "CLOSED", closureReason: "COMPLETED", closureNote: "" });
    expect(unsaid.status).toBe(400);
    expect(((await unsaid.json()) as { errors: Record<string, string> }).errors.completedBy).toBe("Choose how the case was completed");

    const noConference = await close(c.caseId, "CONFERENCE");
    expect(noConference.status).toBe(400);
    expect(((await noConference.json()) as { reasons: string[] }).reasons).toEqual([
      "No conference has been held on this case: choose how it was completed, or close it with another reason.",
    ]);
    const noLetter = await close(c.caseId, "LETTERS");
    expect(noLetter.status).toBe(400);
    expect(((await noLetter.json()) as { reasons: string[] }).reasons).toEqual([
      "No letter has been released to the person harmed: choose how the case was completed, or close it with another reason.",
    ]);
    expect((await closure(c.caseId)).stage).toBe("PREPARATION");

    // The case record's "Close the case" has the same rule.
    const fromRecord = await admin.post(`/cases/${c.caseId}/record`, { intent: "close", closureReason: "COMPLETED", completedBy: "CONFERENCE", closureNote: "" });
    expect(fromRecord.status).toBe(400);

    await factories(getDb()).conference({ caseId: c.caseId, scheduledAt: new Date(Date.now() - 864e5), venue: "Library", status: "HELD" });
    expect((await close(c.caseId, "CONFERENCE")).status).toBe(200);
    expect(await closure(c.caseId)).toEqual({ stage: "CLOSED", closureReason: "COMPLETED", completedBy: "CONFERENCE" });
  });

  it("a case closed for another reason records no way of completion, whatever was sent", async () => {
    const c = await makeCase({ recommendation: "INDIRECT_ONLY" });
    expect(
      (await lead.post(`/cases/${c.caseId}/stage`, { intent: "move", to: "CLOSED", closureReason: "WITHDRAWN", completedBy: "INDIRECT_MESSAGES", closureNote: "" })).status,
    ).toBe(200);
    expect(await closure(c.caseId)).toEqual({ stage: "CLOSED", closureReason: "WITHDRAWN", completedBy: null });
  });
});

describe("reports count a completed case as recorded", () => {
  it("prefers the recorded way over what the records suggest, falls back to the old inference for a case closed before, and reads a disposed case's summary", async () => {
    const db = getDb();
    const f = factories(db);
    const service = await f.service(`Indirect outcomes ${Date.now().toString(36)}`);
    const manager = await f.user({
      serviceId: service.id,
      email: `indirect-${Date.now().toString(36)}@outcomes.test`,
      name: "Manager",
      role: "ADMIN",
      password: "outcomes-2026-test",
    });
    let n = 0;
    const closedCase = async (completedBy: "CONFERENCE" | "LETTERS" | "INDIRECT_MESSAGES" | null) => {
      const c = await f.case({ serviceId: service.id, reference: `OUT-${++n}`, title: "Outcome", offenceSummary: "Outcome", stage: "CLOSED" });
      await db.case.update({ where: { id: c.id }, data: { closureReason: "COMPLETED", completedBy } });
      return c.id;
    };
    // Recorded as indirect, though a letter was also released: the record wins.
    const both = await closedCase("INDIRECT_MESSAGES");
    const writer = await f.participant({ caseId: both, role: "PERSON_RESPONSIBLE", name: "Writer" });
    const reader = await f.participant({ caseId: both, role: "PERSON_HARMED", name: "Reader" });
    const letter = await db.letter.create({
      data: { caseId: both, authorId: manager.id, writerId: writer.id, recipientId: reader.id, recipientLabel: "them", guidance: "", status: "RELEASED", createdById: manager.id },
    });
    await db.letterRelease.create({ data: { letterId: letter.id, method: "POST", releasedById: manager.id } });
    // Closed as completed before Circle asked how, with neither a conference nor a letter: indirect, as before.
    await closedCase(null);
    // Disposed of: only its summary says how it was completed.
    const disposed = await closedCase(null);
    await db.case.update({ where: { id: disposed }, data: { disposedAt: new Date() } });
    await db.caseDisposal.create({
      data: {
        caseId: disposed,
        state: "DONE",
        tombstoneReference: `DISPOSED-OUT${n}`,
        referenceHash: "x",
        reason: "Retention",
        approvedById: manager.id,
        letterSent: true,
        completedBy: "LETTERS",
      },
    });

    const data = await getReportData(service.id, { kind: "service" }, everything(), new Date());
    const count = (o: Outcome) => data.outcomes.filter((x) => x.outcome === o).reduce((s, x) => s + x.n, 0);
    expect({ conference: count("CONFERENCE"), letter: count("LETTER"), indirect: count("INDIRECT") }).toEqual({ conference: 0, letter: 1, indirect: 2 });
  });

  it("counts a person harmed as taking part indirectly when a message to or from them was delivered, or a letter they wrote was released", async () => {
    const db = getDb();
    const f = factories(db);
    const service = await f.service(`Indirect people ${Date.now().toString(36)}`);
    const staff = await f.user({
      serviceId: service.id,
      email: `people-${Date.now().toString(36)}@outcomes.test`,
      name: "Facilitator",
      role: "FACILITATOR",
      password: "outcomes-2026-test",
    });
    const harmedOn = async (reference: string) => {
      const c = await f.case({ serviceId: service.id, reference, title: "People", offenceSummary: "People", stage: "PREPARATION" });
      const harmed = await f.participant({ caseId: c.id, role: "PERSON_HARMED", name: "Harmed" });
      const responsible = await f.participant({ caseId: c.id, role: "PERSON_RESPONSIBLE", name: "Responsible" });
      return { caseId: c.id, harmed: harmed.id, responsible: responsible.id };
    };
    const message = (p: { caseId: string }, fromId: string, toId: string, status: "RECORDED" | "APPROVED" | "DELIVERED") =>
      db.exchangeMessage.create({
        data: {
          caseId: p.caseId,
          fromId,
          toId,
          kind: "MESSAGE",
          gatheredBy: "VISIT",
          gatheredOn: "2026-06-01",
          text: "x",
          senderConsent: true,
          consentWording: "THEIR_WORDS",
          recordedById: staff.id,
          status,
        },
      });
    const indirect = async () => (await getReportData(service.id, { kind: "service" }, everything(), new Date())).harmed.indirect;
    const received = await harmedOn("PEOPLE-1");
    const sent = await harmedOn("PEOPLE-2");
    const pending = await harmedOn("PEOPLE-3");
    await message(pending, pending.harmed, pending.responsible, "APPROVED"); // approved is not passed on
    await message(pending, pending.responsible, pending.harmed, "RECORDED");
    expect(await indirect()).toBe(0);
    await message(received, received.responsible, received.harmed, "DELIVERED");
    expect(await indirect()).toBe(1);
    await message(sent, sent.harmed, sent.responsible, "DELIVERED");
    expect(await indirect()).toBe(2);
  });
});
