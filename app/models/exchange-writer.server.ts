import type { Prisma } from "@prisma/client";
import { ownOpenWriters } from "./author-open-work";
import { notFound } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { can, isLetterAuthor, type Principal, type WriterResource } from "~/utils/permissions";
import { displayName } from "~/utils/preparation";
import { Refusal } from "~/utils/refusal";
import { RecordIdSchema } from "~/utils/schemas";
import { serviceDate } from "./case-record-dates";
import type { ExchangeKind, ExchangeStatus } from "./exchange-labels";
import { isNewToWriter, ownStatusWords, textToPass, threadCheck, writerSees } from "./exchange-rules";
import type { ExchangeAction, WriterAction } from "./exchange-schemas";
import { newestExchangeChoice } from "./exchange.server";
import { loadGateFacts } from "./preparation.server";
import { messageWriterGate } from "./gates";
import { authorEmail, INVITE_DAYS, newInviteCode } from "./letter-author.server";
import { authorHasOpenWork, hashInviteCode } from "./sign-in.server";
import { revokeUserSessions } from "~/utils/session.server";

/**
 * A party's own message workspace (docs/architecture.md §2, "Shuttle communication"): the person
 * harmed or the person responsible writes their questions, answers and messages themselves, signed
 * in with an author account like a letter's. They see their own messages and those a facilitator
 * has delivered to them, named only as the facilitator chose, and nothing else of the case; what
 * they write waits for a facilitator's review like any message recorded at a visit.
 */

type Tx = Prisma.TransactionClient;
type OpenInput = Extract<ExchangeAction, { intent: "open-writer" }>;
type WriteInput = Extract<WriterAction, { intent: "write" }>;

const PARTY_ROLES = ["PERSON_HARMED", "PERSON_RESPONSIBLE"] as const;
const ROLE_WORDS: Record<string, string> = { PERSON_HARMED: "the person harmed", PERSON_RESPONSIBLE: "the person responsible" };

/** The facts can() needs about one workspace for one principal, or null when there is none. */
export async function getWriterResource(user: Principal, writerId: string): Promise<WriterResource | null> {
  if (!RecordIdSchema.safeParse(writerId).success) return null;
  const found = await db.exchangeWriter.findUnique({
    where: { id: writerId },
    select: { id: true, caseId: true, authorId: true, closedAt: true, party: { select: { removedAt: true } }, case: { select: { serviceId: true, disposedAt: true } } },
  });
  if (!found || found.case.disposedAt) return null;
  // A closed workspace, or one whose party has left the case, shows nothing to anyone signing in as them.
  const open = !found.closedAt && !found.party.removedAt;
  return {
    kind: "exchange-writer",
    writerId: found.id,
    caseId: found.caseId,
    serviceId: found.case.serviceId,
    isWriter: open && isLetterAuthor(user) && found.authorId === user.id,
  };
}

/** Throws 404 (never 403) unless the principal is the open workspace's own author. */
export async function requireOwnWorkspace(user: Principal, writerId: string | undefined) {
  const resource = writerId ? await getWriterResource(user, writerId) : null;
  if (!resource || !can(user, "exchange:write-own", resource)) throw notFound("Not found");
  return resource;
}

/** The author's open workspaces (normally one): what /messages shows. */
export async function getAuthorWriterIds(authorId: string): Promise<string[]> {
  const rows = await db.exchangeWriter.findMany({
    where: ownOpenWriters(authorId),
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The author account of a letter this party writes on the case, if any: they can use the same sign-in for their messages. */
async function letterAccountOf(tx: Tx | typeof db, caseId: string, participantId: string) {
  const letter = await tx.letter.findFirst({
    where: { caseId, writerId: participantId, destroyedAt: null },
    orderBy: { createdAt: "desc" },
    select: { author: { select: { id: true, username: true, disabled: true } } },
  });
  return letter && !letter.author.disabled ? letter.author : null;
}

/**
 * Opens a workspace for a party: checks both people are parties on the case, that the writer has
 * agreed to messages being passed (the indirect consent element) and has no workspace open already,
 * then creates (or reuses) their author account. The invite code is returned once, to hand over.
 */
export async function openWriter(caseId: string, serviceId: string, createdById: string, input: OpenInput) {
  const people = await db.participant.findMany({
    where: { caseId, removedAt: null, role: { in: [...PARTY_ROLES] }, id: { in: [input.participantId, input.recipientId] } },
    select: { id: true, role: true, name: true, preferredName: true },
  });
  const party = people.find((p) => p.id === input.participantId);
  const recipient = people.find((p) => p.id === input.recipientId);
  if (!party) throw new Refusal("Choose the person harmed or the person responsible on this case", { status: 400, field: "participantId" });
  if (!recipient || recipient.role === party.role) throw new Refusal("Choose the other party: they write to the person on the other side", { status: 400, field: "recipientId" });
  // Their newest answers (a withdrawal too, and a parent's for a child), as the gates read them.
  const facts = await loadGateFacts(caseId);
  const gate = facts ? messageWriterGate(facts, party.id) : { ok: false as const, reasons: ["Case not found."] };
  if (!gate.ok) throw new Refusal(gate.reasons.join(" "), { status: 409 });
  const existing = input.access === "existing" ? await letterAccountOf(db, caseId, party.id) : null;
  if (input.access === "existing" && !existing)
    throw new Refusal("They have no letter sign-in on this case. Choose an invite code or a password instead.", { status: 400, field: "access" });
  if (!existing) {
    const taken = await db.user.count({ where: { OR: [{ username: input.username }, { email: authorEmail(input.username) }] } });
    if (taken) throw new Refusal("That username is taken. Choose another.", { status: 400, field: "username" });
  }
  const hash = input.access === "password" ? await hashPassword(input.password) : null;
  const inviteCode = input.access === "invite" ? newInviteCode() : null;
  const writer = await db.$transaction(async (tx) => {
    const open = await tx.exchangeWriter.count({ where: { caseId, participantId: party.id, closedAt: null } });
    if (open) throw new Refusal(`${displayName(party)} already has a message workspace open. Close it first to open another.`, { status: 409 });
    const authorId =
      existing?.id ??
      (
        await tx.user.create({
          data: {
            email: authorEmail(input.username),
            username: input.username,
            name: displayName(party),
            role: "LETTER_AUTHOR",
            serviceId,
            ...(hash ? { password: { create: { hash } } } : {}),
          },
          select: { id: true },
        })
      ).id;
    return tx.exchangeWriter.create({
      data: {
        caseId,
        participantId: party.id,
        authorId,
        recipientId: recipient.id,
        recipientLabel: input.recipientLabel,
        createdById,
        inviteCodeHash: inviteCode ? hashInviteCode(inviteCode) : null,
        inviteExpiresAt: inviteCode ? new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000) : null,
      },
      select: { id: true },
    });
  });
  return { writerId: writer.id, inviteCode, username: existing?.username ?? input.username };
}

async function openWriterOnCase(caseId: string, writerId: string) {
  const w = await db.exchangeWriter.findFirst({ where: { id: writerId, caseId, closedAt: null }, select: { id: true, authorId: true } });
  if (!w) throw new Refusal("This workspace is closed or cannot be found: reload the page.", { status: 400, field: "writerId" });
  return w;
}

/** A fresh one-time code (the old one stops working). */
export async function renewWriterInvite(caseId: string, writerId: string): Promise<string> {
  const w = await openWriterOnCase(caseId, writerId);
  const code = newInviteCode();
  await db.exchangeWriter.update({
    where: { id: w.id },
    data: { inviteCodeHash: hashInviteCode(code), inviteExpiresAt: new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000) },
    select: { id: true },
  });
  return code;
}

/**
 * Closes it: from now on the author sees nothing of it, and when they have no open letter either
 * their sessions end and they can no longer sign in. What they wrote stays in the case's exchange.
 */
export async function closeWriter(caseId: string, writerId: string, actorId: string) {
  const w = await openWriterOnCase(caseId, writerId);
  await db.exchangeWriter.update({ where: { id: w.id }, data: { closedAt: new Date(), closedById: actorId, inviteCodeHash: null, inviteExpiresAt: null }, select: { id: true } });
  if (!(await authorHasOpenWork(w.authorId))) await revokeUserSessions(w.authorId);
}

/** The case's workspaces for the facilitators' page: who writes to whom, the username, and whether it is open. */
export async function getCaseWriters(caseId: string) {
  const rows = await db.exchangeWriter.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      participantId: true,
      recipientId: true,
      recipientLabel: true,
      createdAt: true,
      closedAt: true,
      inviteExpiresAt: true,
      author: { select: { username: true, password: { select: { userId: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participantId,
    recipientId: r.recipientId,
    recipientLabel: r.recipientLabel,
    username: r.author.username ?? "",
    open: r.closedAt === null,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    // Until the invite is used the author has no password.
    waitingForInvite: !r.author.password && r.inviteExpiresAt !== null,
  }));
}

/** The party ids on the case that can reuse a letter sign-in (for the form's choice). */
export async function partiesWithLetterSignIn(caseId: string): Promise<Record<string, string>> {
  const letters = await db.letter.findMany({
    where: { caseId, destroyedAt: null, author: { disabled: false } },
    select: { writerId: true, author: { select: { username: true } } },
  });
  return Object.fromEntries(letters.map((l) => [l.writerId, l.author.username ?? ""]));
}

const EDITS = { select: { text: true, reason: true, senderAgreed: true, createdAt: true }, orderBy: { createdAt: "asc" } } as const;

/**
 * Everything the workspace shows, and nothing more: the party's own messages (with any change a
 * facilitator proposed for safety, for them to agree to) and the messages delivered to them, as
 * passed on (never the words before an agreed edit, never who edited or why). The other party is
 * named as the facilitator chose; no case, no names of staff, no contact details. A message passed on
 * to them since `lastSeen` (when they last opened it, from startLook) is marked new.
 */
export async function getWriterWorkspace(writerId: string, lastSeen: Date | null, today = serviceDate()) {
  const w = await db.exchangeWriter.findUniqueOrThrow({ where: { id: writerId }, select: { caseId: true, participantId: true, recipientId: true, recipientLabel: true } });
  const [party, messages, choice] = await Promise.all([
    db.participant.findUniqueOrThrow({ where: { id: w.participantId }, select: { name: true, preferredName: true, role: true } }),
    db.exchangeMessage.findMany({
      where: { caseId: w.caseId, OR: [{ fromId: w.participantId }, { toId: w.participantId, status: "DELIVERED" }] },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        kind: true,
        fromId: true,
        toId: true,
        inReplyToId: true,
        status: true,
        text: true,
        gatheredBy: true,
        createdAt: true,
        deliveredOn: true,
        deliveredAt: true,
        edits: EDITS,
      },
    }),
    newestExchangeChoice(db, w.caseId, w.participantId),
  ]);
  const labelOf = (participantId: string) => (participantId === w.recipientId ? w.recipientLabel : null);
  const shown = messages.flatMap((m) => {
    const seen = writerSees({ fromId: m.fromId, toId: m.toId, status: m.status as ExchangeStatus }, w.participantId, choice, today);
    return seen ? [{ m, seen }] : [];
  });
  const received = shown
    .filter((x) => x.seen === "received")
    .map(({ m }) => ({
      id: m.id,
      kind: m.kind as ExchangeKind,
      text: textToPass(m),
      fromLabel: labelOf(m.fromId) ?? ROLE_WORDS[party.role === "PERSON_HARMED" ? "PERSON_RESPONSIBLE" : "PERSON_HARMED"]!,
      deliveredOn: m.deliveredOn,
      isNew: isNewToWriter({ fromId: m.fromId, toId: m.toId, status: m.status as ExchangeStatus, deliveredAt: m.deliveredAt }, w.participantId, choice, today, lastSeen),
    }));
  const receivedIds = new Set(received.map((r) => r.id));
  const own = shown
    .filter((x) => x.seen === "own")
    .map(({ m }) => {
      const newest = [...m.edits].reverse()[0];
      return {
        id: m.id,
        kind: m.kind as ExchangeKind,
        text: m.text,
        // What will be passed on, when it differs from what they wrote: the change they agreed to.
        passOn: textToPass(m) !== m.text ? textToPass(m) : null,
        // A change proposed for safety that they have not agreed to yet: theirs to agree to.
        proposed: newest && !newest.senderAgreed && m.status === "RECORDED" ? { text: newest.text, reason: newest.reason } : null,
        // The question it answers, only when that question reached them.
        answers: m.inReplyToId && receivedIds.has(m.inReplyToId) ? m.inReplyToId : null,
        toLabel: labelOf(m.toId) ?? "the other person",
        status: ownStatusWords({ status: m.status as ExchangeStatus, deliveredOn: m.deliveredOn }),
        writtenHere: m.gatheredBy === "WRITTEN_BY_PARTY",
        createdAt: m.createdAt,
      };
    });
  return {
    firstName: party.preferredName || party.name.split(" ")[0] || party.name,
    recipientLabel: w.recipientLabel,
    received: received.map((r) => ({ ...r, myAnswers: own.filter((o) => o.answers === r.id).map((o) => o.id) })),
    own,
    // Questions delivered to them that they can answer here.
    questions: received.filter((r) => r.kind === "QUESTION").map((r) => ({ id: r.id, text: r.text, fromLabel: r.fromLabel })),
  };
}

/**
 * The party writes a message themselves: a question or message goes to the person the workspace
 * was opened for, an answer to whoever asked the question (which must have been delivered to them
 * and still be visible). Recorded as written by them, in their own words, with their consent, and
 * waiting for review.
 */
export async function writeOwnMessage(writerId: string, input: WriteInput, authorId: string, today = serviceDate()) {
  return db.$transaction(async (tx) => {
    const w = await tx.exchangeWriter.findUniqueOrThrow({ where: { id: writerId }, select: { caseId: true, participantId: true, recipientId: true } });
    let toId = w.recipientId;
    let question: { kind: ExchangeKind; fromId: string; toId: string; caseId: string } | null = null;
    if (input.kind === "ANSWER") {
      const q = input.inReplyToId
        ? await tx.exchangeMessage.findFirst({ where: { id: input.inReplyToId, caseId: w.caseId }, select: { kind: true, fromId: true, toId: true, caseId: true, status: true } })
        : null;
      const visible =
        q && writerSees({ fromId: q.fromId, toId: q.toId, status: q.status as ExchangeStatus }, w.participantId, await newestExchangeChoice(tx, w.caseId, w.participantId), today);
      if (!q || visible !== "received" || q.kind !== "QUESTION") throw new Refusal("Choose the question you are answering.", { status: 400, field: "inReplyToId" });
      question = { kind: q.kind as ExchangeKind, fromId: q.fromId, toId: q.toId, caseId: q.caseId };
      toId = q.fromId;
    }
    const recipient = await tx.participant.findFirst({ where: { id: toId, caseId: w.caseId, removedAt: null }, select: { id: true } });
    if (!recipient) throw new Refusal("The person you write to is no longer part of this. Ask your facilitator.", { status: 409 });
    const thread = threadCheck({ kind: input.kind, fromId: w.participantId, toId, inReplyToId: input.kind === "ANSWER" ? input.inReplyToId : null }, question, w.caseId);
    if (!thread.ok) throw new Refusal(thread.reason, { status: 400, field: "inReplyToId" });
    return tx.exchangeMessage.create({
      data: {
        caseId: w.caseId,
        kind: input.kind,
        fromId: w.participantId,
        toId,
        inReplyToId: input.kind === "ANSWER" ? input.inReplyToId : null,
        gatheredBy: "WRITTEN_BY_PARTY",
        gatheredOn: today,
        text: input.text,
        senderConsent: true,
        consentWording: "THEIR_WORDS",
        recordedById: authorId,
      },
      select: { id: true, caseId: true },
    });
  });
}

/**
 * The party agrees to the change their facilitator proposed for safety: recorded as a new edit
 * with the same words, agreed (edits are append-only; the newest agreed edit is what passes).
 */
export async function agreeToEdit(writerId: string, messageId: string, authorId: string) {
  return db.$transaction(async (tx) => {
    const w = await tx.exchangeWriter.findUniqueOrThrow({ where: { id: writerId }, select: { caseId: true, participantId: true } });
    const m = await tx.exchangeMessage.findFirst({
      where: { id: messageId, caseId: w.caseId, fromId: w.participantId },
      select: { id: true, status: true, edits: { select: { text: true, senderAgreed: true }, orderBy: { createdAt: "desc" }, take: 1 } },
    });
    const newest = m?.edits[0];
    if (!m || m.status !== "RECORDED" || !newest || newest.senderAgreed) throw new Refusal("There is no change waiting for your agreement on that message.", { status: 409 });
    await tx.exchangeMessageEdit.create({
      data: { messageId: m.id, text: newest.text, reason: "Agreed by them in their own message workspace.", senderAgreed: true, editedById: authorId },
      select: { id: true },
    });
    return { id: m.id, caseId: w.caseId };
  });
}
