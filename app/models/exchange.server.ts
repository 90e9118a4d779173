import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import { serviceDate } from "./case-record-dates";
import type { ExchangeChoice } from "./exchange-labels";
import {
  approvalCheck,
  deliveryCheck,
  editCheck,
  packCheck,
  textToPass,
  threadCheck,
  threadTimeline,
  workspaceDeliveryCheck,
  type Check,
  type NewestChoice,
} from "./exchange-rules";
import type { ExchangeAction } from "./exchange-schemas";
import { greetingName } from "./feedback-rules";

/**
 * Shuttle communication (docs/architecture.md §2): the messages the case's facilitators carry
 * between the parties. Every write re-reads the facts inside its transaction and asks the pure
 * rules of exchange-rules.ts, so two taps cannot pass on what the rules refuse.
 */

type Tx = Prisma.TransactionClient;
type Input<I extends ExchangeAction["intent"]> = Extract<ExchangeAction, { intent: I }>;

/** The parties a message can go between: the person harmed and the person responsible, while on the case. */
const PARTY_ROLES = ["PERSON_HARMED", "PERSON_RESPONSIBLE"] as const;

const refuse = (check: Check, field = "form") => {
  if (!check.ok) throw new Refusal(check.reason, { status: 409, field });
};

async function party(tx: Tx, caseId: string, participantId: string, field: string) {
  const found = await tx.participant.findFirst({ where: { id: participantId, caseId, removedAt: null, role: { in: [...PARTY_ROLES] } }, select: { id: true } });
  if (!found) throw new Refusal("Choose the person harmed or the person responsible on this case", { status: 400, field });
  return found;
}

/** The recipient's newest choice about receiving messages on the case. */
export async function newestExchangeChoice(tx: Tx | typeof db, caseId: string, participantId: string): Promise<NewestChoice> {
  const row = await tx.exchangeChoice.findFirst({ where: { caseId, participantId }, orderBy: { createdAt: "desc" }, select: { choice: true, deliverAfter: true } });
  return row ? { choice: row.choice as ExchangeChoice, deliverAfter: row.deliverAfter } : null;
}

/** Whether the participant has their own message workspace open (a message can then be delivered into it). */
export async function hasOpenWriter(tx: Tx | typeof db, caseId: string, participantId: string): Promise<boolean> {
  return (await tx.exchangeWriter.count({ where: { caseId, participantId, closedAt: null } })) > 0;
}

async function messageFacts(tx: Tx, caseId: string, messageId: string) {
  const m = await tx.exchangeMessage.findFirst({
    where: { id: messageId, caseId },
    select: { id: true, status: true, senderConsent: true, text: true, toId: true, edits: { select: { text: true, senderAgreed: true, createdAt: true } } },
  });
  if (!m) throw new Refusal("This message cannot be found: reload the page.", { status: 400, field: "messageId" });
  return m;
}

export async function recordMessage(caseId: string, input: Input<"record">, actorId: string) {
  return db.$transaction(async (tx) => {
    await party(tx, caseId, input.fromId, "fromId");
    await party(tx, caseId, input.toId, "toId");
    const question = input.inReplyToId
      ? await tx.exchangeMessage.findUnique({ where: { id: input.inReplyToId }, select: { kind: true, fromId: true, toId: true, caseId: true } })
      : null;
    const thread = threadCheck(input, question, caseId);
    if (!thread.ok) throw new Refusal(thread.reason, { status: 400, field: input.kind === "ANSWER" ? "inReplyToId" : "toId" });
    const { intent: _intent, ...data } = input;
    return tx.exchangeMessage.create({ data: { ...data, caseId, recordedById: actorId }, select: { id: true, kind: true } });
  });
}

export async function editMessage(caseId: string, input: Input<"edit">, actorId: string) {
  return db.$transaction(async (tx) => {
    const m = await messageFacts(tx, caseId, input.messageId);
    refuse(editCheck(m));
    return tx.exchangeMessageEdit.create({
      data: { messageId: m.id, text: input.text, reason: input.reason, senderAgreed: input.senderAgreed, editedById: actorId },
      select: { id: true },
    });
  });
}

export async function approveMessage(caseId: string, messageId: string, actorId: string) {
  return db.$transaction(async (tx) => {
    const m = await messageFacts(tx, caseId, messageId);
    refuse(approvalCheck(m));
    await tx.exchangeMessage.update({ where: { id: m.id }, data: { status: "APPROVED", approvedById: actorId, approvedAt: new Date() } });
    return { id: m.id, edited: m.edits.length > 0 };
  });
}

export async function deliverMessage(caseId: string, input: Input<"deliver">, actorId: string) {
  return db.$transaction(async (tx) => {
    const m = await messageFacts(tx, caseId, input.messageId);
    // The day it reached them is the day the choice must have allowed it.
    refuse(deliveryCheck(m, await newestExchangeChoice(tx, caseId, m.toId), input.deliveredOn));
    refuse(workspaceDeliveryCheck(input.method, await hasOpenWriter(tx, caseId, m.toId)), "method");
    await tx.exchangeMessage.update({
      where: { id: m.id },
      data: { status: "DELIVERED", deliveryMethod: input.method, deliveredOn: input.deliveredOn, deliveredById: actorId, deliveredAt: new Date() },
    });
    return { id: m.id };
  });
}

export async function recordExchangeChoice(caseId: string, input: Input<"choice">, actorId: string) {
  return db.$transaction(async (tx) => {
    await party(tx, caseId, input.participantId, "participantId");
    const deliverAfter = input.choice === "DELIVER_LATER" ? input.deliverAfter || null : null;
    return tx.exchangeChoice.create({
      data: { caseId, participantId: input.participantId, choice: input.choice, deliverAfter, method: input.method, recordedById: actorId },
      select: { id: true },
    });
  });
}

const MESSAGE_SELECT = {
  id: true,
  kind: true,
  fromId: true,
  toId: true,
  inReplyToId: true,
  gatheredBy: true,
  gatheredOn: true,
  text: true,
  senderConsent: true,
  consentWording: true,
  status: true,
  createdAt: true,
  approvedAt: true,
  deliveryMethod: true,
  deliveredOn: true,
  recordedBy: { select: { name: true } },
  approvedBy: { select: { name: true } },
  deliveredBy: { select: { name: true } },
  edits: { select: { id: true, text: true, reason: true, senderAgreed: true, createdAt: true, editedBy: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.ExchangeMessageSelect;

/** The case's exchange as one timeline (question → answers), the parties, and each one's current choice. */
export async function getCaseExchange(caseId: string, today = serviceDate()) {
  const [messages, people, choices] = await Promise.all([
    db.exchangeMessage.findMany({ where: { caseId }, select: MESSAGE_SELECT, orderBy: { createdAt: "asc" } }),
    db.participant.findMany({
      where: { caseId, removedAt: null, role: { in: [...PARTY_ROLES] } },
      select: { id: true, name: true, preferredName: true, role: true },
      orderBy: { createdAt: "asc" },
    }),
    db.exchangeChoice.findMany({
      where: { caseId },
      select: { participantId: true, choice: true, deliverAfter: true, method: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const choiceOf = (id: string) => choices.find((c) => c.participantId === id) ?? null;
  const nameOf = new Map(people.map((p) => [p.id, p.preferredName || p.name]));
  const shaped = messages.map((m) => {
    const newest = choiceOf(m.toId);
    const choice = newest ? { choice: newest.choice as ExchangeChoice, deliverAfter: newest.deliverAfter } : null;
    return {
      ...m,
      fromName: nameOf.get(m.fromId) ?? "Someone no longer on the case",
      toName: nameOf.get(m.toId) ?? "Someone no longer on the case",
      passOn: textToPass(m),
      approval: approvalCheck(m),
      delivery: deliveryCheck(m, choice, today),
      editable: editCheck(m).ok,
    };
  });
  return {
    timeline: threadTimeline(shaped),
    parties: people.map((p) => ({ id: p.id, name: p.preferredName || p.name, role: p.role, choice: choiceOf(p.id) })),
    openQuestions: shaped.filter((m) => m.kind === "QUESTION").map((m) => ({ id: m.id, fromId: m.fromId, toId: m.toId, text: m.passOn })),
  };
}

/**
 * The printable pack for one recipient: only messages addressed to them that are approved and that
 * their current choice lets reach them today, as they would be passed on (the agreed edit), each
 * with the question it answers (their own, as passed on). Their first name only; nothing else of
 * the case. `{ ok: false, refused }` when their choice lets nothing reach them; null when they are not a party.
 */
export async function getExchangePack(caseId: string, recipientId: string, today = serviceDate()) {
  const recipient = await db.participant.findFirst({
    where: { id: recipientId, caseId, removedAt: null, role: { in: [...PARTY_ROLES] } },
    select: { name: true, preferredName: true },
  });
  if (!recipient) return null;
  const choice = await newestExchangeChoice(db, caseId, recipientId);
  const messages = await db.exchangeMessage.findMany({
    where: { caseId, toId: recipientId, status: { in: ["APPROVED", "DELIVERED"] } },
    select: {
      id: true,
      kind: true,
      status: true,
      text: true,
      createdAt: true,
      edits: { select: { text: true, senderAgreed: true, createdAt: true } },
      inReplyTo: { select: { id: true, fromId: true, status: true, text: true, edits: { select: { text: true, senderAgreed: true, createdAt: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const allowed = messages.filter((m) => packCheck(m, choice, today).ok);
  if (messages.length > 0 && allowed.length === 0) {
    const why = packCheck({ status: "APPROVED" }, choice, today);
    return { ok: false as const, refused: why.ok ? "Nothing approved can reach them today." : why.reason };
  }
  return {
    ok: true as const,
    firstName: greetingName(recipient),
    items: allowed.map((m) => ({
      id: m.id,
      kind: m.kind,
      text: textToPass(m),
      // The question they asked themselves, as it was passed on: nothing of anyone else's words beyond the answer.
      question: m.inReplyTo && m.inReplyTo.fromId === recipientId ? textToPass(m.inReplyTo) : null,
    })),
  };
}

/** Whom the pack is for, from `?for=` (a participant id), or null: parsed here, not in the route (docs/conventions.md §2). */
export function packRecipientOf(url: string): string | null {
  const id = new URL(url).searchParams.get("for") ?? "";
  return /^c[a-z0-9]{20,31}$/.test(id) ? id : null;
}
