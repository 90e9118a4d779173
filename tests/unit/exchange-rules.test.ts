import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  approvalCheck,
  choiceAllows,
  deliveryCheck,
  editCheck,
  isNewToWriter,
  newToWriterCount,
  packCheck,
  textToPass,
  threadCheck,
  threadTimeline,
  writerSees,
  type MessageFacts,
  type NewestChoice,
  type ReceivedFacts,
} from "~/models/exchange-rules";
import { EXCHANGE_CHOICES, EXCHANGE_STATUSES } from "~/models/exchange-labels";
import { DELIVERY_CHOICES } from "~/models/letter-labels";

const recorded = (over: Partial<MessageFacts> = {}): MessageFacts => ({ status: "RECORDED", senderConsent: true, text: "Why me?", edits: [], ...over });
const edit = (text: string, senderAgreed: boolean, minute: number) => ({ text, senderAgreed, createdAt: new Date(Date.UTC(2026, 11, 1, 10, minute)) });
const TODAY = "2026-12-07";

describe("shuttle messages: what may be passed on", () => {
  it("approves a message only once the sender agreed to it being passed on", () => {
    expect(approvalCheck(recorded())).toEqual({ ok: true });
    const refused = approvalCheck(recorded({ senderConsent: false }));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/not agreed to it being passed on/);
  });

  it("refuses approval while the newest safety edit is not agreed by the sender, and passes on the newest agreed edit", () => {
    const unagreed = recorded({ edits: [edit("Why did you pick me?", true, 1), edit("Why me, at the bus stop?", false, 2)] });
    expect(approvalCheck(unagreed).ok).toBe(false);
    // The unagreed words are never what would be passed on.
    expect(textToPass(unagreed)).toBe("Why did you pick me?");
    const agreed = recorded({ edits: [edit("Why did you pick me?", false, 1), edit("Why me?", true, 3)] });
    expect(approvalCheck(agreed)).toEqual({ ok: true });
    expect(textToPass(agreed)).toBe("Why me?");
    expect(textToPass(recorded())).toBe("Why me?");
  });

  it("never approves twice, and allows no edit after approval", () => {
    expect(approvalCheck(recorded({ status: "APPROVED" })).ok).toBe(false);
    expect(editCheck({ status: "APPROVED" }).ok).toBe(false);
    expect(editCheck({ status: "DELIVERED" }).ok).toBe(false);
    expect(editCheck({ status: "RECORDED" }).ok).toBe(true);
  });

  it("delivers only an approved message, and only when the recipient's current choice is to receive now or a later date has come", () => {
    const now = { choice: "RECEIVE_NOW" as const, deliverAfter: null };
    expect(deliveryCheck({ status: "RECORDED" }, now, TODAY).ok).toBe(false);
    expect(deliveryCheck({ status: "DELIVERED" }, now, TODAY).ok).toBe(false);
    expect(deliveryCheck({ status: "APPROVED" }, now, TODAY)).toEqual({ ok: true });
    expect(deliveryCheck({ status: "APPROVED" }, null, TODAY).ok).toBe(false);
    expect(deliveryCheck({ status: "APPROVED" }, { choice: "HOLD", deliverAfter: null }, TODAY).ok).toBe(false);
    expect(deliveryCheck({ status: "APPROVED" }, { choice: "DECLINE", deliverAfter: null }, TODAY).ok).toBe(false);
    expect(deliveryCheck({ status: "APPROVED" }, { choice: "DELIVER_LATER", deliverAfter: "2026-12-08" }, TODAY).ok).toBe(false);
    expect(deliveryCheck({ status: "APPROVED" }, { choice: "DELIVER_LATER", deliverAfter: "2026-12-07" }, TODAY)).toEqual({ ok: true });
    expect(deliveryCheck({ status: "APPROVED" }, { choice: "DELIVER_LATER", deliverAfter: null }, TODAY).ok).toBe(false);
  });

  it("keeps held, declined, not-yet-due and unapproved messages out of the pack; a delivered one may be printed again", () => {
    for (const choice of EXCHANGE_CHOICES) {
      const c = { choice, deliverAfter: choice === "DELIVER_LATER" ? "2099-01-01" : null };
      expect(packCheck({ status: "RECORDED" }, c, TODAY).ok).toBe(false);
      expect(packCheck({ status: "APPROVED" }, c, TODAY).ok).toBe(choice === "RECEIVE_NOW");
      expect(packCheck({ status: "DELIVERED" }, c, TODAY).ok).toBe(choice === "RECEIVE_NOW");
    }
    expect(packCheck({ status: "APPROVED" }, null, TODAY).ok).toBe(false);
  });

  it("uses only the letters' choices that fit a message", () => {
    for (const c of EXCHANGE_CHOICES) expect(DELIVERY_CHOICES).toContain(c);
    expect(choiceAllows({ choice: "HOLD", deliverAfter: null }, TODAY)).toMatchObject({ ok: false, reason: expect.stringMatching(/held/) });
  });
});

describe("shuttle messages: threads", () => {
  const caseId = "case-1";
  const question = { kind: "QUESTION" as const, fromId: "harmed", toId: "responsible", caseId };

  it("threads an answer under a question put to the one answering, going back to the one who asked", () => {
    expect(threadCheck({ kind: "ANSWER", fromId: "responsible", toId: "harmed", inReplyToId: "q1" }, question, caseId)).toEqual({ ok: true });
    expect(threadCheck({ kind: "ANSWER", fromId: "harmed", toId: "responsible", inReplyToId: "q1" }, question, caseId).ok).toBe(false);
    expect(threadCheck({ kind: "ANSWER", fromId: "responsible", toId: "harmed", inReplyToId: null }, null, caseId).ok).toBe(false);
    expect(threadCheck({ kind: "ANSWER", fromId: "responsible", toId: "harmed", inReplyToId: "q1" }, { ...question, caseId: "other" }, caseId).ok).toBe(false);
    expect(threadCheck({ kind: "ANSWER", fromId: "responsible", toId: "harmed", inReplyToId: "q1" }, { ...question, kind: "MESSAGE" }, caseId).ok).toBe(false);
    expect(threadCheck({ kind: "QUESTION", fromId: "harmed", toId: "responsible", inReplyToId: "q1" }, question, caseId).ok).toBe(false);
    expect(threadCheck({ kind: "MESSAGE", fromId: "harmed", toId: "harmed", inReplyToId: null }, null, caseId).ok).toBe(false);
  });

  it("reads as one timeline: threads in the order they began, answers under their question", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m));
    const items = [
      { id: "a2", kind: "ANSWER" as const, inReplyToId: "q1", createdAt: at(5) },
      { id: "q2", kind: "QUESTION" as const, inReplyToId: null, createdAt: at(2) },
      { id: "q1", kind: "QUESTION" as const, inReplyToId: null, createdAt: at(1) },
      { id: "a1", kind: "ANSWER" as const, inReplyToId: "q1", createdAt: at(4) },
      { id: "m1", kind: "MESSAGE" as const, inReplyToId: null, createdAt: at(6) },
    ];
    expect(threadTimeline(items).map((t) => [t.item.id, t.replies.map((r) => r.id)])).toEqual([
      ["q1", ["a1", "a2"]],
      ["q2", []],
      ["m1", []],
    ]);
  });
});

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 10, minute));
const ME = "harmed";
const OTHER = "responsible";
const NOW = { choice: "RECEIVE_NOW" as const, deliverAfter: null };
const delivered = (minute: number | null, over: Partial<ReceivedFacts> = {}): ReceivedFacts => ({
  fromId: OTHER,
  toId: ME,
  status: "DELIVERED",
  deliveredAt: minute === null ? null : at(minute),
  ...over,
});

describe("what is new in a party's own message workspace", () => {
  it("counts a message delivered to them after they last opened it", () => {
    expect(newToWriterCount([delivered(1), delivered(6)], ME, NOW, TODAY, at(5))).toBe(1);
    expect(newToWriterCount([delivered(1), delivered(6)], ME, NOW, TODAY, null)).toBe(2);
    expect(newToWriterCount([delivered(1), delivered(6)], ME, NOW, TODAY, at(7))).toBe(0);
  });

  it("never counts a message waiting for review, approved but not passed on, or not theirs to see", () => {
    expect(newToWriterCount([delivered(6, { status: "RECORDED", deliveredAt: null }), delivered(6, { status: "APPROVED", deliveredAt: null })], ME, NOW, TODAY, null)).toBe(0);
    // Delivered, but to someone else; their own message passed on to the other party is not news to them.
    expect(newToWriterCount([delivered(6, { toId: "supporter" }), delivered(6, { fromId: ME, toId: OTHER })], ME, NOW, TODAY, null)).toBe(0);
  });

  it("a hold, a decline or a later date they asked for hides delivered messages from the count as from the page", () => {
    const messages = [delivered(6), delivered(7)];
    const hidden: NewestChoice[] = [
      null,
      { choice: "HOLD", deliverAfter: null },
      { choice: "DECLINE", deliverAfter: null },
      { choice: "DELIVER_LATER", deliverAfter: "2026-12-08" },
    ];
    for (const choice of hidden) expect(newToWriterCount(messages, ME, choice, TODAY, at(5)), JSON.stringify(choice)).toBe(0);
    // Once they ask for them again, what was delivered since they last looked counts again.
    expect(newToWriterCount(messages, ME, { choice: "DELIVER_LATER", deliverAfter: TODAY }, TODAY, at(5))).toBe(2);
    expect(newToWriterCount(messages, ME, NOW, TODAY, at(5))).toBe(2);
  });

  it("a delivered message with no time of delivery is new only to someone who never looked", () => {
    expect(isNewToWriter(delivered(null), ME, NOW, TODAY, null)).toBe(true);
    expect(isNewToWriter(delivered(null), ME, NOW, TODAY, at(5))).toBe(false);
  });

  it("never counts more than the workspace shows them as received, whatever the messages, choice and time", () => {
    const person = fc.constantFrom(ME, OTHER, "supporter");
    const message = fc.record({
      fromId: person,
      toId: person,
      status: fc.constantFrom(...EXCHANGE_STATUSES),
      deliveredAt: fc.option(fc.integer({ min: 0, max: 59 }).map(at), { nil: null }),
    });
    const choice = fc.option(
      fc.record({ choice: fc.constantFrom(...EXCHANGE_CHOICES), deliverAfter: fc.option(fc.constantFrom("2026-12-06", TODAY, "2026-12-08"), { nil: null }) }),
      {
        nil: null,
      },
    );
    const seenAt = fc.option(fc.integer({ min: 0, max: 59 }).map(at), { nil: null });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), choice, seenAt, (messages, c, seen) => {
        const shown = messages.filter((m) => writerSees(m, ME, c, TODAY) === "received");
        const count = newToWriterCount(messages, ME, c, TODAY, seen);
        expect(count).toBeLessThanOrEqual(shown.length);
        if (seen === null) expect(count).toBe(shown.length);
      }),
    );
  });
});
