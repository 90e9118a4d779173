import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import type { Stage } from "~/utils/roles";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { signInDemoStaff, useDemoServer } from "../support/server";

/** How the case screen writes the booked conference's time (bookedCase below books it for 8 Dec 2026, 10:00 UTC). */
const BOOKED_AT = formatDateTime("2026-12-08T10:00:00.000Z");
const pageText = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
const staff = (email: string) => getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true, serviceId: true, name: true } });
type Preview = { question: string; effects: string[]; holds: boolean; token: string; participantId: string; element: string; sharedWith: string };
type Answer = { status: number; body: { ok: boolean; id?: string; done?: string; errors?: Record<string, string>; confirm?: Preview } };

/** A fresh case with the demo lead, co and supervisor, a person harmed and a person responsible. */
async function newCase(stage: Stage = "PREPARATION") {
  const [lead, co, sup] = await Promise.all([staff("lead@demo.circle"), staff("co@demo.circle"), staff("supervisor@demo.circle")]);
  const make = factories(getDb());
  const c = await make.case({
    serviceId: lead.serviceId,
    reference: `T-${randomUUID().slice(0, 8)}`,
    title: "Consent test case",
    offenceSummary: "A test.",
    stage,
    members: [
      { userId: lead.id, role: "LEAD" },
      { userId: co.id, role: "CO_FACILITATOR" },
      { userId: sup.id, role: "SUPERVISOR" },
    ],
  });
  const harmed = await make.participant({ caseId: c.id, role: "PERSON_HARMED", name: "Joanna Bloggs", preferredName: "Jo" });
  const responsible = await make.participant({ caseId: c.id, role: "PERSON_RESPONSIBLE", name: "Sam Carter" });
  return { caseId: c.id, lead, co, sup, make, harmed, responsible };
}

/**
 * A case at CONFERENCE_SCHEDULED whose booking stands: both principals agreed to take part and to
 * meet (the person responsible by phone), a current assessment says proceed, a conference is booked.
 */
async function bookedCase() {
  const f = await newCase("CONFERENCE_SCHEDULED");
  for (const p of [f.harmed, f.responsible]) {
    for (const element of ["TAKE_PART", "MEET_FACE_TO_FACE"] as const) {
      await f.make.consent({
        caseId: f.caseId,
        participantId: p.id,
        element,
        recordedById: f.lead.id,
        method: p === f.responsible ? "PHONE" : "IN_PERSON",
        givenAt: new Date(Date.now() - 86_400_000),
      });
    }
  }
  await f.make.riskAssessment({ caseId: f.caseId, stage: "CONFERENCE_SCHEDULED", assessedById: f.lead.id });
  const conference = await f.make.conference({
    caseId: f.caseId,
    scheduledAt: new Date("2026-12-08T10:00:00Z"),
    venue: "Community centre",
    leadId: f.lead.id,
    coFacilitatorId: f.co.id,
  });
  return { ...f, conferenceId: conference.id };
}

const record = (participantId: string, over: Record<string, string> = {}) => ({
  intent: "record",
  participantId,
  element: "TAKE_PART",
  answer: "YES",
  method: "IN_PERSON",
  givenAt: "2026-11-20T14:00",
  ...over,
});

describe("the consent ledger", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let co: TestClient;
  let supervisor: TestClient;
  let admin: TestClient;
  let other: TestClient;

  beforeAll(async () => {
    ({ lead, co, supervisor, admin, other } = await signInDemoStaff(server().origin));
  });

  /** A withdrawal as the case screen makes it: ask, then confirm with the token of what it will do. */
  const withdraw = async (client: TestClient, caseId: string, fields: Record<string, string>): Promise<Answer> => {
    const asked = await post(client, caseId, { intent: "withdraw", ...fields });
    if (asked.status !== 409) return asked;
    return post(client, caseId, { intent: "withdraw", ...fields, confirm: asked.body.confirm!.token });
  };

  const post = async (client: TestClient, caseId: string, fields: Record<string, string>): Promise<Answer> => {
    const res = await client.post(`/cases/${caseId}/consent`, fields);
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      throw new Error(`${res.status}: ${text.slice(0, 300)}`);
    }
  };

  it("records answers as new entries: history is never overwritten and the newest is current", async () => {
    const { caseId, harmed, co: coUser } = await newCase();
    const first = await post(lead, caseId, record(harmed.id, { answer: "UNDECIDED", method: "PHONE", note: "Wants to talk to her sister first." }));
    expect(first).toMatchObject({ status: 200, body: { ok: true, done: "Recorded for Jo: take part at all — Undecided." } });
    const second = await post(co, caseId, record(harmed.id, { answer: "YES", givenAt: "2026-11-22T11:15" }));
    expect(second.status).toBe(200);

    const entries = await getDb().consentEntry.findMany({ where: { participantId: harmed.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.answer, e.method, e.note])).toEqual([
      ["UNDECIDED", "PHONE", "Wants to talk to her sister first."],
      ["YES", "IN_PERSON", ""],
    ]);
    expect(entries[1]!.recordedById).toBe(coUser.id);
    expect(entries[1]!.givenAt.toISOString()).toBe("2026-11-22T11:15:00.000Z");
    await expect(getDb().consentEntry.update({ where: { id: entries[0]!.id }, data: { answer: "YES" } })).rejects.toThrow();

    const page = await pageText(await lead.get(`/cases/${caseId}`));
    expect(page).toMatch(/Take part at all<\/th><td><span class="answer answer-yes">/);
    expect(page).toContain("Consent history (2 entries");
    expect(page.indexOf("Wants to talk to her sister first.")).toBeGreaterThan(page.indexOf("Consent history (2 entries"));
    expect(await getDb().auditEvent.count({ where: { caseId, action: "consent.record" } })).toBe(2);
  });

  it("keeps consent to share information per named party", async () => {
    const { caseId, responsible } = await newCase();
    const res = await post(lead, caseId, record(responsible.id, { element: "SHARE_INFORMATION", sharedWith: "His probation officer" }));
    expect(res.status).toBe(200);
    expect(await getDb().consentEntry.findFirstOrThrow({ where: { participantId: responsible.id } })).toMatchObject({
      element: "SHARE_INFORMATION",
      sharedWith: "His probation officer",
      answer: "YES",
    });
    expect(await pageText(await lead.get(`/cases/${caseId}`))).toContain("Share information with His probation officer");
  });

  describe("bad input answers 400 with the message and records nothing", () => {
    let f: Awaited<ReturnType<typeof newCase>>;
    let foreignId = "";
    let removedId = "";
    beforeAll(async () => {
      f = await newCase();
      foreignId = (await newCase()).harmed.id;
      removedId = (await f.make.participant({ caseId: f.caseId, role: "SUPPORTER", name: "Gone Person", supportsId: f.harmed.id })).id;
      await getDb().participant.update({ where: { id: removedId }, data: { removedAt: new Date() } });
    });

    it.each([
      ["a date in the future", () => record(f.harmed.id, { givenAt: "2099-06-01T10:00" }), "givenAt", "That is in the future: enter when it happened"],
      ["a date that is not a date", () => record(f.harmed.id, { givenAt: "yesterday" }), "givenAt", "Enter a date and time like 2026-12-01 10:30"],
      ["an unknown element", () => record(f.harmed.id, { element: "HUG" }), "element", "Choose what they are consenting to"],
      ["an unknown answer", () => record(f.harmed.id, { answer: "MAYBE" }), "answer", "Choose their answer"],
      ["an unknown method", () => record(f.harmed.id, { method: "CARRIER_PIGEON" }), "method", "Choose how they gave it"],
      [
        "sharing without naming the party",
        () => record(f.harmed.id, { element: "SHARE_INFORMATION", sharedWith: " " }),
        "sharedWith",
        "Name who the information may be shared with",
      ],
      ["an over-long note", () => record(f.harmed.id, { note: "x".repeat(1001) }), "note", "Note must be at most 1000 characters"],
      ["another case's participant", () => record(foreignId), "participantId", "Choose someone on this case"],
      ["a removed participant", () => record(removedId), "participantId", "Choose someone on this case"],
      ["an unknown participant", () => record("cmbx3k9qv0000abcdefghijkl"), "participantId", "Choose someone on this case"],
      [
        "withdrawing what was never agreed",
        () => ({ intent: "withdraw", participantId: f.harmed.id, element: "LETTER" }),
        "form",
        "Jo has not said yes to send or receive a letter, so there is nothing to withdraw.",
      ],
    ])("%s", async (_label, fields, field, message) => {
      const before = await getDb().consentEntry.count();
      const res = await post(lead, f.caseId, fields());
      expect(res.status).toBe(400);
      expect(res.body.errors?.[field]).toBe(message);
      expect(await getDb().consentEntry.count()).toBe(before);
    });
  });

  describe("withdrawing", () => {
    /** What no unconfirmed withdrawal may change. */
    const snapshot = async (caseId: string, conferenceId: string) => ({
      entries: await getDb().consentEntry.count({ where: { caseId } }),
      conference: await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { status: true, holdReason: true } }),
      stage: (await getDb().case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true } })).stage,
      audits: await getDb().auditEvent.count({ where: { caseId, action: "consent.withdraw" } }),
    });

    it("first asks, changing nothing: it says the booked conference will be put on hold and the case goes back", async () => {
      const { caseId, responsible, conferenceId } = await bookedCase();
      const before = await snapshot(caseId, conferenceId);
      const res = await post(lead, caseId, { intent: "withdraw", participantId: responsible.id, element: "MEET_FACE_TO_FACE" });
      expect(res.status).toBe(409);
      expect(res.body.ok).toBe(false);
      expect(res.body.confirm).toMatchObject({
        question: "Withdraw Sam Carter's consent to meet face to face?",
        holds: true,
        participantId: responsible.id,
        element: "MEET_FACE_TO_FACE",
      });
      expect(res.body.confirm!.effects).toEqual([
        `Withdrawing consent to meet face to face will put the conference booked for ${BOOKED_AT} on hold.`,
        "The case will go back to preparation.",
        "To go ahead later, record their consent again and re-book the conference.",
        "The withdrawal is added to the consent history; earlier answers stay there.",
      ]);
      expect(await snapshot(caseId, conferenceId)).toEqual(before);

      // A confirmation of something else (here: "it holds nothing") is not this one: asked again, nothing changes.
      const wrong = await post(lead, caseId, { intent: "withdraw", participantId: responsible.id, element: "MEET_FACE_TO_FACE", confirm: "no-hold" });
      expect(wrong.status).toBe(409);
      expect(wrong.body.confirm!.token).toBe(res.body.confirm!.token);
      expect(await snapshot(caseId, conferenceId)).toEqual(before);
    });

    it("with the confirmation it records WITHDRAWN, puts the booked conference on hold and returns the case to preparation", async () => {
      const { caseId, responsible, conferenceId, lead: leadUser } = await bookedCase();
      // An unrelated answer leaves the booking standing: the hold below is the withdrawal's doing.
      const unrelated = await post(lead, caseId, record(responsible.id, { element: "TOLD_OF_OUTCOME" }));
      expect(unrelated.body.done).not.toContain("on hold");
      expect(await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).toMatchObject({ status: "SCHEDULED" });

      const before = Date.now();
      const res = await withdraw(lead, caseId, { participantId: responsible.id, element: "MEET_FACE_TO_FACE" });
      expect(res.status).toBe(200);
      expect(res.body.done).toContain("Recorded for Sam Carter: meet face to face — Withdrawn.");
      expect(res.body.done).toMatch(/The conference on .*8 Dec 2026, 10:00 is on hold: Sam Carter \(person responsible\) has withdrawn consent to meet face to face\./);

      const newest = await getDb().consentEntry.findFirstOrThrow({ where: { participantId: responsible.id, element: "MEET_FACE_TO_FACE" }, orderBy: { createdAt: "desc" } });
      expect(newest).toMatchObject({ answer: "WITHDRAWN", method: "PHONE", recordedById: leadUser.id });
      expect(newest.givenAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(await getDb().consentEntry.count({ where: { participantId: responsible.id, element: "MEET_FACE_TO_FACE" } })).toBe(2);

      const conference = await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } });
      expect(conference.status).toBe("ON_HOLD");
      expect(conference.holdReason).toContain("has withdrawn consent to meet face to face");
      expect((await getDb().case.findUniqueOrThrow({ where: { id: caseId } })).stage).toBe("PREPARATION");
      expect(await getDb().caseStageEvent.count({ where: { caseId, stage: "PREPARATION", actorId: leadUser.id } })).toBe(1);
      expect(await getDb().auditEvent.findFirst({ where: { caseId, action: "consent.withdraw", target: `consent:${newest.id}` }, select: { details: true } })).toMatchObject({
        details: expect.stringContaining('"held":true'),
      });

      const page = await pageText(await lead.get(`/cases/${caseId}`));
      expect(page).toMatch(/Meet face to face<\/th><td><span class="answer answer-withdrawn">/);
    });

    it("a withdrawal that leaves the gate standing says so when it asks, and nothing about a hold after", async () => {
      const { caseId, harmed, conferenceId } = await bookedCase();
      await post(lead, caseId, record(harmed.id, { element: "LETTER" }));
      const asked = await post(co, caseId, { intent: "withdraw", participantId: harmed.id, element: "LETTER" });
      expect(asked.status).toBe(409);
      expect(asked.body.confirm).toMatchObject({ question: "Withdraw Jo's consent to send or receive a letter?", holds: false, token: "no-hold" });
      expect(asked.body.confirm!.effects[0]).toBe(`The conference booked for ${BOOKED_AT} is not affected.`);
      const res = await withdraw(co, caseId, { participantId: harmed.id, element: "LETTER" });
      expect(res.status).toBe(200);
      expect(res.body.done).toBe("Recorded for Jo: send or receive a letter — Withdrawn.");
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).status).toBe("SCHEDULED");
    });

    it("without JavaScript, Withdraw opens a page that asks; its form makes the withdrawal, and the answer is neutral", async () => {
      const { caseId, responsible, conferenceId } = await bookedCase();
      // On the case screen Withdraw is a plain GET form to that page (the dialog replaces it once the page runs).
      const casePage = await pageText(await lead.get(`/cases/${caseId}`));
      expect(casePage).toContain(`method="get" action="/cases/${caseId}/consent/withdraw"`);

      const url = `/cases/${caseId}/consent/withdraw?participantId=${responsible.id}&element=MEET_FACE_TO_FACE&sharedWith=`;
      const asked = await lead.get(url);
      expect(asked.status).toBe(200);
      const question = await pageText(asked);
      expect(question).toContain("<h1>Withdraw Sam Carter's consent to meet face to face?</h1>");
      expect(question).toContain(`Withdrawing consent to meet face to face will put the conference booked for ${BOOKED_AT} on hold.`);
      const token = /name="confirm" value="([^"]+)"/.exec(question)?.[1];
      expect(token).toBe(`hold:${conferenceId}.booked`);
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).status).toBe("SCHEDULED");

      // The page's form without its confirmation (or with an old one) asks again and changes nothing.
      const fields = { intent: "withdraw", participantId: responsible.id, element: "MEET_FACE_TO_FACE", sharedWith: "" };
      const unconfirmed = await lead.post(url, { ...fields, confirm: "no-hold" });
      expect(unconfirmed.status).toBe(409);
      expect(await pageText(unconfirmed)).toContain("What this would do has changed since you were asked.");
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).status).toBe("SCHEDULED");

      const res = await lead.post(url, { ...fields, confirm: token! });
      expect(res.status).toBe(200);
      const done = await pageText(res);
      expect(done).toContain("<h1>Consent withdrawn</h1>");
      expect(done).toMatch(
        /<p class="alert info" role="status" data-testid="withdraw-result">Recorded for Sam Carter: meet face to face — Withdrawn\. The conference on .* is on hold/,
      );
      expect(done).not.toContain("alert success");
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).status).toBe("ON_HOLD");
      expect(await getDb().auditEvent.count({ where: { caseId, action: "consent.withdraw" } })).toBe(1);

      // Opened again (the back button), there is nothing left to withdraw.
      expect(await pageText(await lead.get(url))).toContain("Sam Carter has not said yes to meet face to face, so there is nothing to withdraw.");
    });

    it("removing the person responsible also puts the booked conference on hold", async () => {
      const { caseId, responsible, conferenceId } = await bookedCase();
      const res = await lead.post(`/cases/${caseId}/participants`, { intent: "remove", participantId: responsible.id });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { done: string }).done).toContain("is on hold: Add the person responsible to the case first.");
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).status).toBe("ON_HOLD");
      expect((await getDb().case.findUniqueOrThrow({ where: { id: caseId } })).stage).toBe("PREPARATION");
    });
  });

  it.each([
    ["the case supervisor", () => supervisor],
    ["the service manager", () => admin],
    ["a facilitator of another case", () => other],
  ])("%s gets 404, records nothing and leaves the booking alone", async (_who, client) => {
    const { caseId, responsible, conferenceId } = await bookedCase();
    const before = await getDb().consentEntry.count({ where: { caseId } });
    const attempts: Record<string, string>[] = [
      record(responsible.id, { answer: "NO" }),
      { intent: "withdraw", participantId: responsible.id, element: "TAKE_PART" },
      { intent: "withdraw", participantId: responsible.id, element: "TAKE_PART", confirm: "no-hold" },
    ];
    for (const fields of attempts) {
      const res = await client().post(`/cases/${caseId}/consent`, fields);
      expect(res.status).toBe(404);
      await res.body?.cancel();
    }
    expect(await getDb().consentEntry.count({ where: { caseId } })).toBe(before);
    expect((await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).status).toBe("SCHEDULED");
  });

  it("the supervisor sees consent read-only: no Withdraw and no form", async () => {
    const { caseId } = await bookedCase();
    const page = await pageText(await supervisor.get(`/cases/${caseId}`));
    expect(page).toMatch(/answer-yes/);
    expect(page).not.toContain(">Withdraw<");
    // The recording form is drawn when its fold is opened; the fold itself is there only for those who may record.
    expect(page).not.toContain("Record an answer");
    const leadPage = await pageText(await lead.get(`/cases/${caseId}`));
    expect(leadPage).toContain("Record an answer");
    expect(leadPage).toContain(">Withdraw<");
  });
});
