import { formatDay } from "~/utils/format";
import { isNewSince, type Stamp } from "./author-news";
import type { ExchangeChoice, ExchangeKind, ExchangeStatus } from "./exchange-labels";

/**
 * The rules of shuttle communication (docs/architecture.md §2, "Shuttle communication"): pure, so
 * the page shows the same reasons the server gives, and every output (delivery, the printable pack)
 * asks the same questions. Nothing passes to the other party without the sender's consent, a
 * facilitator's approval, every edit agreed by the sender, and the recipient's current choice.
 */

export type EditFacts = { text: string; senderAgreed: boolean; createdAt: Date | string };
export type MessageFacts = { status: ExchangeStatus; senderConsent: boolean; text: string; edits: readonly EditFacts[] };
/** The recipient's newest choice about receiving messages; deliverAfter is a day, "YYYY-MM-DD". */
export type NewestChoice = { choice: ExchangeChoice; deliverAfter: string | null } | null;
export type Check = { ok: true } | { ok: false; reason: string };

const newest = (edits: readonly EditFacts[]) => [...edits].sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());

/**
 * The words that would be passed on: the newest edit the sender agreed to, else the words as
 * recorded. An edit they did not agree to is never passed on (and blocks approval: see below).
 */
export function textToPass(m: Pick<MessageFacts, "text" | "edits">): string {
  return newest(m.edits).find((e) => e.senderAgreed)?.text ?? m.text;
}

/** Whether a facilitator may edit it for safety: only before approval, so what was approved is what passes. */
export function editCheck(m: Pick<MessageFacts, "status">): Check {
  if (m.status !== "RECORDED") return { ok: false, reason: "It has been approved: what was approved is what is passed on. Record a new message instead." };
  return { ok: true };
}

/**
 * Whether it may be approved. The sender must have agreed to it being passed on, and the newest
 * edit, if any, must be one they agreed to: a facilitator's change they have not seen is not their
 * message.
 */
export function approvalCheck(m: MessageFacts): Check {
  if (m.status !== "RECORDED") return { ok: false, reason: "It has already been approved." };
  if (!m.senderConsent) return { ok: false, reason: "The sender has not agreed to it being passed on. Record a new message once they have." };
  const latest = newest(m.edits)[0];
  if (latest && !latest.senderAgreed) return { ok: false, reason: "The sender has not agreed to the latest edit. Ask them, then record the edit again with their agreement." };
  return { ok: true };
}

/** Whether the recipient's newest choice lets messages reach them on `today` ("YYYY-MM-DD", the service's day). */
export function choiceAllows(choice: NewestChoice, today: string): Check {
  if (!choice) return { ok: false, reason: "The recipient has not said whether they want to receive messages. Record their choice first." };
  switch (choice.choice) {
    case "RECEIVE_NOW":
      return { ok: true };
    case "HOLD":
      return { ok: false, reason: "The recipient asked for messages to be held with the service until they ask for them." };
    case "DECLINE":
      return { ok: false, reason: "The recipient declined to receive messages. They are not passed on." };
    case "DELIVER_LATER":
      if (!choice.deliverAfter || today < choice.deliverAfter)
        return { ok: false, reason: `Not before ${choice.deliverAfter ? formatDay(choice.deliverAfter) : "the date they chose"}, as the recipient asked.` };
      return { ok: true };
  }
}

/** Whether it may reach the recipient now: approved (delivery is recorded once) and their choice allows it. */
export function deliveryCheck(m: Pick<MessageFacts, "status">, choice: NewestChoice, today: string): Check {
  if (m.status === "DELIVERED") return { ok: false, reason: "It has already been delivered." };
  if (m.status !== "APPROVED") return { ok: false, reason: "Only an approved message can be passed on. Review and approve it first." };
  return choiceAllows(choice, today);
}

/**
 * Whether it may be printed in the recipient's pack: approved (or already delivered, so a pack
 * can be printed again for a later visit) and the recipient's choice allows it now.
 */
export function packCheck(m: Pick<MessageFacts, "status">, choice: NewestChoice, today: string): Check {
  if (m.status === "RECORDED") return { ok: false, reason: "Not approved." };
  return choiceAllows(choice, today);
}

export type ThreadFacts = { kind: ExchangeKind; fromId: string; toId: string; caseId: string };

/**
 * An answer threads under a question of the same case that was put to the one answering, and goes
 * back to the one who asked; a question or message starts its own thread.
 */
export function threadCheck(m: { kind: ExchangeKind; fromId: string; toId: string; inReplyToId: string | null }, question: ThreadFacts | null, caseId: string): Check {
  if (m.fromId === m.toId) return { ok: false, reason: "Choose someone else to pass it to: a message goes from one party to the other." };
  if (m.kind !== "ANSWER") return m.inReplyToId ? { ok: false, reason: "Only an answer replies to a question." } : { ok: true };
  if (!m.inReplyToId || !question) return { ok: false, reason: "Choose the question this answers." };
  if (question.caseId !== caseId || question.kind !== "QUESTION") return { ok: false, reason: "Choose the question this answers." };
  if (question.toId !== m.fromId || question.fromId !== m.toId)
    return { ok: false, reason: "An answer comes from the person the question was put to, and goes back to the one who asked it." };
  return { ok: true };
}

export type TimelineItem = { id: string; kind: ExchangeKind; inReplyToId: string | null; createdAt: Date | string };

/**
 * The case's exchange as one timeline: threads in the order they began, each question followed
 * by its answers in the order they were recorded.
 */
export function threadTimeline<T extends TimelineItem>(items: readonly T[]): { item: T; replies: T[] }[] {
  const byTime = [...items].sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  const ids = new Set(byTime.map((i) => i.id));
  const roots = byTime.filter((i) => !i.inReplyToId || !ids.has(i.inReplyToId));
  return roots.map((item) => ({ item, replies: byTime.filter((r) => r.inReplyToId === item.id) }));
}

export type WriterMessageFacts = { fromId: string; toId: string; status: ExchangeStatus };

/**
 * What a party's own message workspace shows of a message: their own (whatever its state, so they
 * know where it is), or one addressed to them once a facilitator has recorded it as delivered and
 * while their newest choice still lets messages reach them (a hold asked for later hides what came
 * before too, until they ask again). Nothing else: never a message between others, never one
 * waiting for review or approved but not yet passed on.
 */
export function writerSees(m: WriterMessageFacts, participantId: string, choice: NewestChoice, today: string): "own" | "received" | null {
  if (m.fromId === participantId) return "own";
  if (m.toId === participantId && m.status === "DELIVERED" && choiceAllows(choice, today).ok) return "received";
  return null;
}

export type ReceivedFacts = WriterMessageFacts & { deliveredAt: Stamp | null };

/**
 * Whether a message is new in the party's workspace: one the workspace shows them as received (so,
 * by `writerSees`, never one waiting for review, approved but not passed on, someone else's, or one
 * their newest choice holds back or declined), recorded as delivered after they last opened it.
 */
export function isNewToWriter(m: ReceivedFacts, participantId: string, choice: NewestChoice, today: string, seenAt: Stamp | null): boolean {
  return writerSees(m, participantId, choice, today) === "received" && isNewSince(m.deliveredAt, seenAt);
}

/** How many messages are new to the party since they last opened their workspace: the count on "My messages". */
export function newToWriterCount(messages: readonly ReceivedFacts[], participantId: string, choice: NewestChoice, today: string, seenAt: Stamp | null): number {
  return messages.filter((m) => isNewToWriter(m, participantId, choice, today, seenAt)).length;
}

/**
 * Whether a facilitator may record it as shown in the recipient's own workspace: only when they
 * have one open. Any other way of delivering needs no workspace.
 */
export function workspaceDeliveryCheck(method: string, recipientHasWorkspace: boolean): Check {
  if (method === "IN_WORKSPACE" && !recipientHasWorkspace)
    return { ok: false, reason: "They have no message workspace of their own open. Open one for them, or choose another way it reached them." };
  return { ok: true };
}

/** How the party sees where their own message is: plain words, no facilitator's names. */
export function ownStatusWords(m: { status: ExchangeStatus; deliveredOn: string | null }): string {
  if (m.status === "DELIVERED") return m.deliveredOn ? `Passed on, ${formatDay(m.deliveredOn)}` : "Passed on";
  if (m.status === "APPROVED") return "Your facilitator has approved it to pass on";
  return "With your facilitator, who reads it before anything is passed on";
}
