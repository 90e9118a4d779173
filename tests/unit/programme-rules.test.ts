import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conferenceGate, bookedConferenceStands, type GateFacts } from "~/models/gates";
import { STANDARD_PROGRAMME } from "~/models/programme-library";
import { PROGRAMME_MODULES, type AttendanceStatus, type CancelledBy } from "~/models/programme-labels";
import {
  missedEscalation,
  missedInARow,
  moveCheck,
  moveSession,
  openConcern,
  programmeComplete,
  programmeGate,
  programmeRecordHold,
  progressOf,
  restoreCheck,
  reviewCheck,
  skipCheck,
  type ProgrammeGateFacts,
  type RuleSession,
} from "~/models/programme-rules";

/** A programme of `n` sessions in order, none recorded, one module each in turn. */
const sessions = (n: number): RuleSession[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    title: `Session ${i + 1}`,
    position: i,
    module: PROGRAMME_MODULES[i % PROGRAMME_MODULES.length]!,
    skipped: false,
    attendance: null,
  }));
const record = (list: RuleSession[], id: string, status: AttendanceStatus, cancelledBy: CancelledBy | null = null) =>
  list.map((s) => (s.id === id ? { ...s, attendance: { status, cancelledBy } } : s));
const skip = (list: RuleSession[], id: string) => list.map((s) => (s.id === id ? { ...s, skipped: true } : s));
const allHeld = (list: RuleSession[]) => list.reduce((acc, s) => (s.skipped ? acc : record(acc, s.id, "ATTENDED")), list);

describe("the standard programme", () => {
  it("is twelve sessions of three hours, every module in the standard order, the letter last", () => {
    expect(STANDARD_PROGRAMME).toHaveLength(12);
    expect(STANDARD_PROGRAMME.every((s) => s.minutes === 180 && s.aims && s.guidance && s.exercises)).toBe(true);
    const order = STANDARD_PROGRAMME.map((s) => PROGRAMME_MODULES.indexOf(s.module));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(STANDARD_PROGRAMME.map((s) => s.module))).toEqual(new Set(PROGRAMME_MODULES));
    expect(STANDARD_PROGRAMME.at(-1)!.module).toBe("THE_LETTER");
  });
});

describe("reordering", () => {
  it("moves one session to the place asked and keeps every other in its order (any programme, any move)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.nat(), fc.integer({ min: -3, max: 20 }), (n, pick, to) => {
        const order = sessions(n).map((s) => s.id);
        const id = order[pick % n]!;
        const moved = moveSession(order, id, to);
        expect([...moved].sort()).toEqual([...order].sort());
        expect(moved.indexOf(id)).toBe(Math.max(0, Math.min(n - 1, to)));
        expect(moved.filter((x) => x !== id)).toEqual(order.filter((x) => x !== id));
      }),
    );
  });

  it("needs a reason, a place that exists and a place that differs", () => {
    const list = sessions(4);
    expect(moveCheck(list, "s3", 0, "Best before the empathy work")).toEqual({ ok: true });
    expect(moveCheck(list, "s3", 0, "  ")).toEqual({ ok: false, reason: "Say why the order changes." });
    expect(moveCheck(list, "s3", 4, "Later")).toEqual({ ok: false, reason: "Choose a place from 1 to 4." });
    expect(moveCheck(list, "s3", 3, "Same")).toEqual({ ok: false, reason: "The session is already in that place." });
    expect(moveCheck(list, "nope", 1, "Why")).toMatchObject({ ok: false });
  });
});

describe("skipping with a reason", () => {
  it("skips a session not yet held only with a reason, and never one that was held or already skipped", () => {
    const list = record(sessions(3), "s0", "LATE");
    expect(skipCheck(list[1], "Covered at the last session")).toEqual({ ok: true });
    expect(skipCheck(list[1], "")).toEqual({ ok: false, reason: "Say why the session is skipped." });
    expect(skipCheck(list[0], "Done")).toEqual({ ok: false, reason: "This session has been held, so it cannot be skipped." });
    expect(skipCheck(skip(list, "s2")[2], "Again")).toEqual({ ok: false, reason: "This session is already skipped." });
  });

  it("puts back only a skipped session, with a reason; a skipped session takes no attendance or review", () => {
    const list = skip(sessions(2), "s1");
    expect(restoreCheck(list[1], "He asked for it after all")).toEqual({ ok: true });
    expect(restoreCheck(list[1], "")).toMatchObject({ ok: false });
    expect(restoreCheck(list[0], "Why")).toEqual({ ok: false, reason: "This session is not skipped." });
    expect(reviewCheck(list[1])).toEqual({ ok: false, reason: "This session is skipped: put it back before recording it." });
    expect(reviewCheck(list[0])).toEqual({ ok: false, reason: "Record that they attended before reviewing the session." });
  });

  it("counts a skipped session out of the planned sessions and the modules", () => {
    let list = skip(sessions(6), "s5");
    list = record(list, "s0", "ATTENDED");
    list = record(list, "s1", "DID_NOT_ATTEND");
    list = record(list, "s2", "CANCELLED", "SERVICE");
    const p = progressOf(list);
    expect(p).toMatchObject({ planned: 5, held: 1, skipped: 1, missed: 1, attendanceRate: 0.5 });
    expect(p.modules).toEqual(PROGRAMME_MODULES.slice(0, 5));
    expect(p.modulesDone).toEqual(["UNDERSTANDING_THE_OFFENCE"]);
  });
});

describe("the readiness gate", () => {
  const facts = (list: RuleSession[], readiness: ProgrammeGateFacts["readiness"] = null, override: ProgrammeGateFacts["override"] = null): ProgrammeGateFacts => ({
    sessions: list,
    readiness,
    override,
    concern: null,
  });

  it("says nothing for a case without a programme", () => {
    expect(programmeGate(null)).toEqual([]);
    expect(programmeGate(undefined)).toEqual([]);
  });

  it("opens only when every session still in the programme was held and the facilitators judged them ready", () => {
    const list = skip(sessions(4), "s2");
    const held = allHeld(list);
    expect(programmeGate(facts(held, { kind: "READY", reasons: "" }))).toEqual([]);
    expect(programmeComplete(facts(held, { kind: "READY", reasons: "" }))).toBe(true);
    expect(programmeGate(facts(held))).toEqual(["The facilitators have not yet recorded whether the person responsible is ready."]);
    expect(programmeGate(facts(held, { kind: "NOT_READY", reasons: "Still blames the victim" }))).toEqual([
      "The facilitators judged the person responsible not ready: Still blames the victim",
    ]);
    const oneLeft = record(list, "s0", "ATTENDED");
    expect(programmeGate(facts(record(oneLeft, "s1", "DID_NOT_ATTEND"), { kind: "READY", reasons: "" }))[0]).toMatch(/^The programme is not complete: 1 of 3 sessions held\./);
  });

  it("opens on the case supervisor's recorded decision, but never past a concern that needs a new risk assessment", () => {
    const list = sessions(3);
    expect(programmeGate(facts(list, null, { reasons: "The person harmed asked for the letter now" }))).toEqual([]);
    const concern = { ...facts(list, null, { reasons: "Go ahead" }), concern: { sessionTitle: "Empathy", raisedAt: "2026-12-01T10:00:00Z" } };
    expect(programmeGate(concern)).toEqual(['A risk or safeguarding concern was raised at "Empathy" on 1 December 2026: record a new risk assessment.']);
  });

  it("a concern is open until a risk assessment newer than it", () => {
    const at = (iso: string) => new Date(iso);
    const reviews = [
      { concern: true, createdAt: at("2026-12-01T10:00:00Z"), sessionTitle: "Empathy" },
      { concern: false, createdAt: at("2026-12-03T10:00:00Z"), sessionTitle: "Shame" },
    ];
    expect(openConcern(reviews, null)).toEqual({ sessionTitle: "Empathy", raisedAt: at("2026-12-01T10:00:00Z") });
    expect(openConcern(reviews, at("2026-11-30T10:00:00Z"))).not.toBeNull();
    expect(openConcern(reviews, at("2026-12-02T10:00:00Z"))).toBeNull();
  });

  it("holds back a conference booking only for a case with a programme; a later consent or assessment change does not ask it again (a record does: programmeRecordHold)", () => {
    const base: GateFacts = {
      stage: "PREPARATION",
      sensitive: false,
      participants: ["PERSON_HARMED", "PERSON_RESPONSIBLE"].map((role, i) => ({
        id: `p${i}`,
        role: role as "PERSON_HARMED",
        name: `P${i}`,
        preferredName: "",
        infoOfferedAt: null,
        notInvitedReason: null,
        consent: { TAKE_PART: "YES", MEET_FACE_TO_FACE: "YES" },
        dateOfBirth: "1990-01-01",
      })),
      currentAssessment: { id: "r", recommendation: "PROCEED" },
      approval: null,
      hasScheduledConference: false,
    };
    expect(conferenceGate(base)).toEqual({ ok: true });
    const withProgramme = { ...base, programme: facts(sessions(2)) };
    expect(conferenceGate(withProgramme).ok).toBe(false);
    expect(bookedConferenceStands(withProgramme)).toEqual({ ok: true });
    expect(conferenceGate({ ...base, programme: facts(allHeld(sessions(2)), { kind: "READY", reasons: "" }) })).toEqual({ ok: true });
  });
});

describe("a record that puts a booked conference on hold", () => {
  const at = "2026-12-04T15:00:00Z";
  const review = (concern: boolean) => ({ kind: "review", concern, session: { title: "Empathy", number: 7 }, at }) as const;
  const judgement = (j: "READY" | "NOT_READY" | "OVERRIDE") => ({ kind: "judgement", judgement: j, at }) as const;
  const noOverride = { override: null };
  const override = { override: { reasons: "The person harmed asked to meet before her move" } };

  it("a review raising a concern holds it, whatever the case supervisor decided, naming the session and the day and what releases it", () => {
    const reason = 'A risk or safeguarding concern was raised in programme session 7 ("Empathy") on 4 December 2026: record a new risk assessment, then re-book the conference.';
    expect(programmeRecordHold(review(true), noOverride)).toEqual({ reason, summary: "the risk assessment needs review" });
    expect(programmeRecordHold(review(true), override)?.reason).toBe(reason);
  });

  it("a judgement of not ready holds it unless the case supervisor recorded why the case goes ahead", () => {
    expect(programmeRecordHold(judgement("NOT_READY"), noOverride)?.reason).toBe(
      "The facilitators judged the person responsible not ready on 4 December 2026 (their reasons are on the programme page): re-book the conference once they judge them ready, or once the case supervisor records why the case goes ahead.",
    );
    expect(programmeRecordHold(judgement("NOT_READY"), override)).toBeNull();
  });

  it("a concern-free review, a judgement of ready and the supervisor's decision never hold anything", () => {
    for (const p of [noOverride, override]) {
      expect(programmeRecordHold(review(false), p)).toBeNull();
      expect(programmeRecordHold(judgement("READY"), p)).toBeNull();
      expect(programmeRecordHold(judgement("OVERRIDE"), p)).toBeNull();
    }
  });

  it("the live screens' words name nobody and repeat nothing typed", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 40 }), (title, number) => {
        const hold = programmeRecordHold({ kind: "review", concern: true, session: { title, number }, at }, noOverride)!;
        expect(hold.reason).toContain(`programme session ${number} ("${title}")`);
        expect(hold.summary).toBe("the risk assessment needs review");
      }),
    );
  });
});

describe("missed-session escalation", () => {
  it("tells the facilitators of a missed session, and the case supervisor too from the second in a row", () => {
    let list = sessions(5);
    list = record(list, "s0", "DID_NOT_ATTEND");
    expect(missedEscalation(list, "s0")).toEqual({ facilitators: true, supervisor: false });
    list = record(list, "s1", "DID_NOT_ATTEND");
    expect(missedInARow(list, "s1")).toBe(2);
    expect(missedEscalation(list, "s1")).toEqual({ facilitators: true, supervisor: true });
  });

  it("a session they came to ends the run; a cancellation by the service or prison is passed over; skipped and unrecorded sessions do not count", () => {
    let list = sessions(6);
    list = record(list, "s0", "DID_NOT_ATTEND");
    list = record(list, "s1", "ATTENDED");
    list = record(list, "s2", "DID_NOT_ATTEND");
    expect(missedInARow(list, "s2")).toBe(1);
    list = record(list, "s3", "CANCELLED", "PRISON_OR_PROBATION");
    list = skip(list, "s4");
    list = record(list, "s5", "DID_NOT_ATTEND");
    expect(missedEscalation(list, "s5")).toEqual({ facilitators: true, supervisor: true });
    const theirOwn = record(list, "s3", "CANCELLED", "PERSON");
    expect(missedInARow(theirOwn, "s5")).toBe(1);
  });

  it("tells nobody of attendance that is not a miss", () => {
    const list = record(record(sessions(2), "s0", "DID_NOT_ATTEND"), "s1", "LATE");
    expect(missedEscalation(list, "s1")).toEqual({ facilitators: false, supervisor: false });
  });
});
