import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { toZonedInput } from "~/utils/format";
import { factories } from "../../prisma/factories";
import { bookingForm, inDays } from "../support/booking";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { auditCount, makeCase, pageText } from "../support/preparation-cases";

const DAY = 864e5;
type Made = Awaited<ReturnType<typeof makeCase>>;
const schedule = (c: Made, over: Record<string, string | string[]> = {}) => bookingForm(c, { attendees: [c.harmed, c.responsible, c.supporter], ...over });
const conferences = (caseId: string) => getDb().conference.findMany({ where: { caseId }, include: { attendees: true } });
const stageOf = async (caseId: string) => (await getDb().case.findUniqueOrThrow({ where: { id: caseId } })).stage;

describe("conference scheduling", () => {
  const server = useDemoServer();
  const signIn = (who: string) => new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  let lead: TestClient;
  let co: TestClient;
  let supervisor: TestClient;
  const post = (client: TestClient, caseId: string, body: URLSearchParams | Record<string, string>) =>
    client.request(`/cases/${caseId}/conferences`, { method: "POST", body: body instanceof URLSearchParams ? body : new URLSearchParams(body) });

  beforeAll(async () => {
    [lead, co, supervisor] = await Promise.all([signIn("lead"), signIn("co"), signIn("supervisor")]);
  });

  it("refuses a sensitive case until the supervisor approves; then books it, and the co-facilitator sees it on My cases", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED_WITH_MEASURES" });
    const page = await pageText(await lead.get(`/cases/${c.caseId}`));
    expect(page).toContain("Can a conference be scheduled now?");
    expect(page).toContain("This case is sensitive or complex: a case supervisor must approve the current risk assessment first.");

    const refused = await post(lead, c.caseId, schedule(c));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { reasons: string[] };
    expect(body.reasons).toEqual(["This case is sensitive or complex: a case supervisor must approve the current risk assessment first."]);
    expect(await conferences(c.caseId)).toHaveLength(0);

    // Comments are required, then the approval goes through.
    expect((await supervisor.post(`/cases/${c.caseId}/approval`, { intent: "decide", assessmentId: c.assessmentId!, decision: "APPROVED", comments: "" })).status).toBe(400);
    expect(
      (await supervisor.post(`/cases/${c.caseId}/approval`, { intent: "decide", assessmentId: c.assessmentId!, decision: "APPROVED", comments: "Proportionate." })).status,
    ).toBe(200);

    const booked = await post(lead, c.caseId, schedule(c));
    expect(booked.status).toBe(200);
    const [conf] = await conferences(c.caseId);
    expect(conf).toMatchObject({ status: "SCHEDULED", venue: "Riverside Community Centre", room: "Room 2", leadId: c.users.lead.id, coFacilitatorId: c.users.co.id });
    expect(conf!.attendees.map((a) => a.participantId).sort()).toEqual([c.harmed, c.responsible, c.supporter].sort());
    expect(conf!.endsAt!.getTime() - conf!.scheduledAt.getTime()).toBe(2 * 3600 * 1000);
    expect(await stageOf(c.caseId)).toBe("CONFERENCE_SCHEDULED");
    const event = await getDb().caseStageEvent.findFirstOrThrow({ where: { caseId: c.caseId, actorId: c.users.lead.id } });
    expect(event).toMatchObject({ stage: "CONFERENCE_SCHEDULED" });
    expect(event.reason).toContain("Conference booked for");
    expect(await getDb().auditEvent.count({ where: { caseId: c.caseId, action: "conference.schedule", target: `conference:${conf!.id}` } })).toBe(1);

    const mine = await pageText(await co.get(`/cases?q=${encodeURIComponent(c.reference)}`));
    expect(mine).toContain(c.reference);
    expect(mine).toMatch(/Conference \w{3}, \d{1,2} \w{3} \d{4}/);
    expect(mine).not.toContain("No conference booked");
    // The approval stays current while the conference is booked: the page does not ask again.
    expect(await pageText(await lead.get(`/cases/${c.caseId}`))).not.toContain("must approve the current risk assessment first");
  });

  it.each<[string, (c: Made) => Record<string, string | string[]>, string, string]>([
    ["an end before the start", () => ({ endsAt: inDays(10, 9) }), "endsAt", "The end time must be after the start"],
    ["a start in the past", () => ({ scheduledAt: inDays(-2), endsAt: "" }), "scheduledAt", "Choose a date and time that has not passed"],
    ["no venue", () => ({ venue: " " }), "venue", "Enter the venue (neutral ground)"],
    ["no date", () => ({ scheduledAt: "" }), "scheduledAt", "Enter a date and time"],
    ["the same person as lead and co-facilitator", (c) => ({ coFacilitatorId: c.users.lead.id }), "coFacilitatorId", "Choose a different co-facilitator from the lead"],
    ["an unknown participant", (c) => ({ attendees: [c.harmed, c.responsible, "cunknownparticipant000000"] }), "attendees", "Choose attendees from the people on this case."],
    ["a lead who is not on the team", (c) => ({ leadId: c.users.other.id }), "leadId", "The lead facilitator must be a facilitator on this case's team."],
    ["the supervisor as co-facilitator", (c) => ({ coFacilitatorId: c.users.supervisor.id }), "coFacilitatorId", "The co-facilitator must be a facilitator on this case's team."],
    ["no person responsible attending", (c) => ({ attendees: [c.harmed, c.supporter] }), "attendees", "Include the person responsible: a face-to-face conference needs them."],
    ["nobody attending", () => ({ attendees: [] }), "attendees", "Choose who will attend"],
  ])("answers %s with 400 and books nothing", async (_label, override, field, message) => {
    const c = await makeCase({ recommendation: "PROCEED" });
    const res = await post(lead, c.caseId, schedule(c, override(c)));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string> }).errors[field]).toBe(message);
    expect(await conferences(c.caseId)).toHaveLength(0);
    expect(await stageOf(c.caseId)).toBe("PREPARATION");
  });

  it("a participant of another case is not an attendee here", async () => {
    const c = await makeCase({ recommendation: "PROCEED" });
    const elsewhere = await makeCase();
    const res = await post(lead, c.caseId, schedule(c, { attendees: [c.harmed, c.responsible, elsewhere.harmed] }));
    expect(res.status).toBe(400);
    expect(await conferences(c.caseId)).toHaveLength(0);
  });

  it("an indirect-only recommendation blocks a conference, with the reason shown before anyone taps", async () => {
    const c = await makeCase({ recommendation: "INDIRECT_ONLY" });
    const reason = "The current risk assessment recommends indirect communication only: letters are possible, a conference is not.";
    expect(await pageText(await lead.get(`/cases/${c.caseId}`))).toContain(reason);
    const res = await post(lead, c.caseId, schedule(c));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { reasons: string[] }).reasons).toEqual([reason]);
    expect(await conferences(c.caseId)).toHaveLength(0);
  });

  it("missing consent is listed per person", async () => {
    const c = await makeCase({ consent: false, recommendation: "PROCEED" });
    const res = await post(co, c.caseId, schedule(c));
    expect(res.status).toBe(400);
    const { reasons } = (await res.json()) as { reasons: string[] };
    expect(reasons).toContain("Asha Khan (person harmed) has not yet agreed to take part at all.");
    expect(reasons).toContain("Ben Ortiz (person responsible) has not yet agreed to meet face to face.");
  });

  it.each(["supervisor", "other", "manager"])("%s cannot schedule: 404, nothing booked", async (who) => {
    const c = await makeCase({ recommendation: "PROCEED" });
    const res = await post(await signIn(who), c.caseId, schedule(c));
    expect(res.status).toBe(404);
    expect(await conferences(c.caseId)).toHaveLength(0);
  });

  it("reschedules a booked conference's date, venue and room", async () => {
    const c = await makeCase({ recommendation: "PROCEED" });
    expect((await post(lead, c.caseId, schedule(c))).status).toBe(200);
    const [conf] = await conferences(c.caseId);
    const res = await post(co, c.caseId, { intent: "reschedule", conferenceId: conf!.id, scheduledAt: inDays(14, 14), endsAt: "", venue: "Town Hall", room: "B" });
    expect(res.status).toBe(200);
    const moved = await getDb().conference.findUniqueOrThrow({ where: { id: conf!.id } });
    expect(moved).toMatchObject({ venue: "Town Hall", room: "B", endsAt: null, status: "SCHEDULED" });
    expect(toZonedInput(moved.scheduledAt)).toBe(inDays(14, 14));
    expect(await auditCount(c.caseId, "conference.reschedule")).toBe(1);
    const past = await post(co, c.caseId, { intent: "reschedule", conferenceId: conf!.id, scheduledAt: inDays(-1), venue: "Town Hall" });
    expect(past.status).toBe(400);
  });

  it("cancels a booked conference: the case goes back to preparation with the reason", async () => {
    const c = await makeCase({ recommendation: "PROCEED" });
    expect((await post(lead, c.caseId, schedule(c))).status).toBe(200);
    const [conf] = await conferences(c.caseId);
    expect((await post(lead, c.caseId, { intent: "cancel", conferenceId: conf!.id, reason: "" })).status).toBe(400);
    const res = await post(lead, c.caseId, { intent: "cancel", conferenceId: conf!.id, reason: "Venue flooded" });
    expect(res.status).toBe(200);
    expect((await getDb().conference.findUniqueOrThrow({ where: { id: conf!.id } })).status).toBe("CANCELLED");
    expect(await stageOf(c.caseId)).toBe("PREPARATION");
    const event = await getDb().caseStageEvent.findFirstOrThrow({ where: { caseId: c.caseId, stage: "PREPARATION", actorId: c.users.lead.id } });
    expect(event.reason).toBe("Conference cancelled: Venue flooded");
    expect(await auditCount(c.caseId, "conference.cancel")).toBe(1);
    // Cancelling it again finds nothing to cancel.
    expect((await post(lead, c.caseId, { intent: "cancel", conferenceId: conf!.id, reason: "Again" })).status).toBe(400);
  });

  describe("a conference put on hold", () => {
    async function onHold() {
      const c = await makeCase({ recommendation: "PROCEED" });
      const conf = await getDb().conference.create({
        data: {
          caseId: c.caseId,
          scheduledAt: new Date(Date.now() + 5 * DAY),
          venue: "Library",
          leadId: c.users.lead.id,
          coFacilitatorId: c.users.co.id,
          status: "ON_HOLD",
          holdReason: "Ben Ortiz (person responsible) has withdrawn consent to meet face to face.",
          attendees: { create: [{ participantId: c.harmed }, { participantId: c.responsible }] },
        },
      });
      await factories(getDb()).consent({
        caseId: c.caseId,
        participantId: c.responsible,
        element: "MEET_FACE_TO_FACE",
        recordedById: c.users.lead.id,
        answer: "WITHDRAWN",
        givenAt: new Date(),
      });
      return { c, conf };
    }
    const rebook = (confId: string, over: Record<string, string> = {}) => ({
      intent: "rebook",
      conferenceId: confId,
      scheduledAt: inDays(20),
      endsAt: "",
      venue: "Library",
      room: "",
      ...over,
    });

    it("shows why it is on hold, refuses re-booking while the gate fails, and re-books once it holds", async () => {
      const { c, conf } = await onHold();
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toContain("On hold:");
      expect(page).toContain("has withdrawn consent to meet face to face.");
      expect(page).toContain("Re-book");

      const refused = await post(lead, c.caseId, rebook(conf.id));
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { reasons: string[] }).reasons).toEqual(["Ben Ortiz (person responsible) has withdrawn consent to meet face to face."]);
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).toBe("ON_HOLD");

      // A new conference cannot be booked beside the one on hold.
      // The ledger's current answer is its newest entry: this YES is recorded a second after the withdrawal.
      const later = new Date(Date.now() + 1_000);
      await factories(getDb()).consent({ caseId: c.caseId, participantId: c.responsible, element: "MEET_FACE_TO_FACE", recordedById: c.users.lead.id, createdAt: later });
      expect((await post(lead, c.caseId, schedule(c))).status).toBe(400);

      const res = await post(lead, c.caseId, rebook(conf.id));
      expect(res.status).toBe(200);
      const rebooked = await getDb().conference.findUniqueOrThrow({ where: { id: conf.id } });
      expect(rebooked).toMatchObject({ status: "SCHEDULED", holdReason: null });
      expect(toZonedInput(rebooked.scheduledAt)).toBe(inDays(20));
      expect(await stageOf(c.caseId)).toBe("CONFERENCE_SCHEDULED");
      expect(await auditCount(c.caseId, "conference.rebook")).toBe(1);
      expect(await getDb().caseStageEvent.count({ where: { caseId: c.caseId, stage: "CONFERENCE_SCHEDULED", actorId: c.users.lead.id } })).toBe(1);
    });

    it("can be cancelled instead; the case stays in preparation", async () => {
      const { c, conf } = await onHold();
      const res = await post(co, c.caseId, { intent: "cancel", conferenceId: conf.id, reason: "He no longer wants to meet" });
      expect(res.status).toBe(200);
      expect((await getDb().conference.findUniqueOrThrow({ where: { id: conf.id } })).status).toBe("CANCELLED");
      expect(await stageOf(c.caseId)).toBe("PREPARATION");
      expect(await auditCount(c.caseId, "conference.cancel")).toBe(1);
    });
  });
});
