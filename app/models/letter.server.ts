import { ownOpenLetters } from "./author-open-work";
import { notFound } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { can, isLetterAuthor, type LetterAction, type LetterResource, type Principal } from "~/utils/permissions";
import { parseRichDoc } from "~/utils/rich-text";
import type { CaseRole } from "~/utils/roles";
import { RecordIdSchema } from "~/utils/schemas";
import { displayName } from "~/utils/preparation";
import { isNewSince } from "./author-news";
import { WRITABLE_STATUSES, type LetterStatus } from "./letter-schemas";

export const letterDocName = (letterId: string) => `letter:${letterId}`;

/** The facts can() needs about one letter for one user, or null when it does not exist. */
export async function getLetterResource(user: Principal, letterId: string): Promise<LetterResource | null> {
  if (!RecordIdSchema.safeParse(letterId).success) return null;
  const found = await db.letter.findUnique({
    where: { id: letterId },
    select: {
      id: true,
      caseId: true,
      authorId: true,
      closedAt: true,
      destroyedAt: true,
      writer: { select: { removedAt: true } },
      case: { select: { serviceId: true, disposedAt: true, members: { where: { userId: user.id }, select: { role: true } } } },
    },
  });
  if (!found || found.case.disposedAt) return null;
  // As for a message workspace or a worksheet: a closed or destroyed letter, or one whose writer has
  // left the case, is no longer its author's, even while the same sign-in stays open for other work.
  const open = !found.closedAt && !found.destroyedAt && !found.writer.removedAt;
  return {
    kind: "letter",
    letterId: found.id,
    caseId: found.caseId,
    serviceId: found.case.serviceId,
    membership: isLetterAuthor(user) ? null : ((found.case.members[0]?.role as CaseRole | undefined) ?? null),
    isAuthor: open && isLetterAuthor(user) && found.authorId === user.id,
  };
}

/** Throws 404 (never 403) when the letter is missing or the action not allowed. */
export async function requireLetterAction(user: Principal, letterId: string | undefined, action: LetterAction, caseId?: string) {
  const resource = letterId ? await getLetterResource(user, letterId) : null;
  if (!resource || !can(user, action, resource) || (caseId !== undefined && resource.caseId !== caseId)) throw notFound("Letter not found");
  return resource;
}

/** Write for the author while drafting or revising and not locked; read for the case team; else nothing. */
export async function letterCollabLevel(user: Principal, letterId: string): Promise<{ level: "write" | "read"; caseId: string } | null> {
  const resource = await getLetterResource(user, letterId);
  if (!resource || !can(user, "letter:view", resource)) return null;
  const letter = await db.letter.findUnique({ where: { id: letterId }, select: { status: true, locked: true, closedAt: true } });
  if (!letter || letter.status === "DESTROYED") return null;
  const writable = !letter.locked && !letter.closedAt && WRITABLE_STATUSES.includes(letter.status as LetterStatus);
  if (can(user, "letter:write", resource) && writable) return { level: "write", caseId: resource.caseId };
  return { level: "read", caseId: resource.caseId };
}

/** The author's own letters that are still open: what /letters lists. */
export async function getAuthorLetters(authorId: string) {
  return db.letter.findMany({
    where: ownOpenLetters(authorId),
    orderBy: { createdAt: "asc" },
    select: { id: true, recipientLabel: true, status: true, updatedAt: true },
  });
}

/**
 * Everything the author's workspace shows, and nothing more: the recipient only as the facilitator
 * named them, no case, participants or contact details. tellAuthor is only what the recipient
 * agreed the author may be told. A comment made since `lastSeen` (when they last opened it, from
 * startLook) is marked new.
 */
export async function getAuthorWorkspace(letterId: string, lastSeen: Date | null) {
  const l = await db.letter.findUnique({
    where: { id: letterId },
    select: {
      id: true,
      recipientLabel: true,
      guidance: true,
      status: true,
      locked: true,
      writer: { select: { role: true } },
      replyToId: true,
      comments: { where: { resolvedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, quote: true, body: true, createdAt: true } },
      suggestions: { where: { status: "OPEN" }, orderBy: { createdAt: "asc" }, select: { id: true, original: true, replacement: true, note: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, decision: true, decisionReason: true, submittedAt: true } },
      choices: { orderBy: { createdAt: "desc" }, take: 1, select: { tellAuthor: true } },
    },
  });
  if (!l) return null;
  const { choices, versions, writer, replyToId, comments, ...rest } = l;
  // Only the writer's role (which prompts and guidance fit), whether this is a reply, and the words
  // of the letter it answers as they were delivered to them, reach the author.
  return {
    ...rest,
    comments: comments.map((c) => ({ ...c, isNew: isNewSince(c.createdAt, lastSeen) })),
    writerRole: writer.role,
    isReply: replyToId !== null,
    answering: replyToId ? await deliveredText(replyToId) : null,
    latest: versions[0] ?? null,
    tellAuthor: choices[0]?.tellAuthor || null,
  };
}

/**
 * The words of a letter as they reached its recipient: the version of its newest release, or null
 * when it was never released. The one answer to "what of this letter has its recipient had": a
 * reply's author reads it beside their reply (a reply is opened only to a delivered letter), and a
 * recipient's subject access export holds it and nothing else of a letter written to them, so a
 * draft, or a letter they hold, declined or asked to have destroyed, never reaches them that way.
 */
export async function deliveredText(letterId: string): Promise<string | null> {
  const release = await db.letterRelease.findFirst({
    where: { letterId, letter: { destroyedAt: null } },
    orderBy: { releasedAt: "desc" },
    select: { version: { select: { contentText: true } } },
  });
  return release?.version?.contentText ?? null;
}

/** The case screen's letters card: each letter with its status, for the case team. */
export async function getLettersSummary(caseId: string) {
  const letters = await db.letter.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      locked: true,
      recipientLabel: true,
      writerId: true,
      recipientId: true,
      replyToId: true,
      updatedAt: true,
      author: { select: { username: true } },
    },
  });
  const people = await db.participant.findMany({
    where: { id: { in: letters.flatMap((l) => [l.writerId, l.recipientId]) } },
    select: { id: true, name: true, preferredName: true },
  });
  const nameOf = new Map(people.map((p) => [p.id, displayName(p)]));
  return letters.map((l) => ({
    id: l.id,
    status: l.status as LetterStatus,
    locked: l.locked,
    writer: nameOf.get(l.writerId) ?? "Writer",
    recipient: nameOf.get(l.recipientId) ?? "Recipient",
    replyTo: l.replyToId !== null,
    username: l.author.username,
    updatedAt: l.updatedAt,
  }));
}
export type LettersSummary = Awaited<ReturnType<typeof getLettersSummary>>;

/** The facilitator's oversight page: the letter, its versions, comments, suggestions, choices and releases. */
export async function getOversight(letterId: string) {
  const l = await db.letter.findUnique({
    where: { id: letterId },
    select: {
      id: true,
      caseId: true,
      status: true,
      locked: true,
      recipientLabel: true,
      guidance: true,
      writerId: true,
      recipientId: true,
      writer: { select: { role: true } },
      replyTo: { select: { id: true, writerId: true, recipientId: true } },
      inviteExpiresAt: true,
      closedAt: true,
      author: { select: { username: true, name: true } },
      case: { select: { reference: true, title: true } },
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, contentText: true, contentHash: true, submittedAt: true, decision: true, decisionReason: true, decidedAt: true },
      },
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, quote: true, body: true, createdAt: true, resolvedAt: true } },
      suggestions: { orderBy: { createdAt: "asc" }, select: { id: true, original: true, replacement: true, note: true, status: true, createdAt: true } },
      choices: {
        orderBy: { createdAt: "desc" },
        select: { id: true, choice: true, deliverAfter: true, redactSignature: true, redactFirstName: true, tellAuthor: true, method: true, createdAt: true },
      },
      releases: { orderBy: { releasedAt: "desc" }, select: { id: true, method: true, releasedAt: true, versionId: true } },
    },
  });
  if (!l) return null;
  const people = await db.participant.findMany({
    where: { id: { in: [l.writerId, l.recipientId, ...(l.replyTo ? [l.replyTo.writerId, l.replyTo.recipientId] : [])] } },
    select: { id: true, name: true, preferredName: true },
  });
  const nameOf = new Map(people.map((p) => [p.id, displayName(p)]));
  const { writer, replyTo, ...rest } = l;
  return {
    ...rest,
    writerRole: writer.role,
    writer: nameOf.get(l.writerId) ?? "",
    recipient: nameOf.get(l.recipientId) ?? "",
    // "Reply to the letter from Dan to Jess", linked on the page.
    replyTo: replyTo ? { id: replyTo.id, from: nameOf.get(replyTo.writerId) ?? "", to: nameOf.get(replyTo.recipientId) ?? "" } : null,
  };
}

/** The approved (newest approved) version as stored, with its tree parsed back. */
export async function getApprovedVersion(letterId: string) {
  const v = await db.letterVersion.findFirst({
    where: { letterId, decision: "APPROVED" },
    orderBy: { number: "desc" },
    select: { id: true, number: true, contentJson: true, contentText: true, contentHash: true, decidedAt: true },
  });
  return v ? { ...v, doc: parseRichDoc(v.contentJson) } : null;
}
