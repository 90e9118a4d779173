import { createHash } from "node:crypto";
import type { CircleLoadContext } from "~/utils/load-context";
import { db } from "~/utils/db.server";
import { Refusal } from "~/utils/refusal";
import { richDocFromYjs, richDocToText } from "~/utils/rich-text";
import { revokeUserSessions } from "~/utils/session.server";
import { releaseCheck, type NewestChoice } from "~/components/letter/letter-delivery";
import { letterDocName } from "./letter.server";
import { notifyAboutLetter } from "./notifications.server";
import { authorHasOpenWork } from "./sign-in.server";
import { programmeLetterReasons } from "./programme.server";
import { WRITABLE_STATUSES, type DeliveryChoice, type LetterStatus, type ReleaseMethod } from "./letter-schemas";

type Ctx = Pick<CircleLoadContext, "collab" | "realtime">;

async function letterState(letterId: string) {
  return db.letter.findUniqueOrThrow({ where: { id: letterId }, select: { status: true, locked: true, closedAt: true, authorId: true } });
}

/**
 * Freezes the author's draft as a new version: read the durable collab state on the server,
 * keep the allow-listed tree and its text, hash the JSON. The author stops writing until review.
 */
export async function submitLetter(ctx: Ctx, letterId: string) {
  const letter = await letterState(letterId);
  if (letter.closedAt || !WRITABLE_STATUSES.includes(letter.status as LetterStatus)) throw new Refusal("This letter is already with your facilitator.");
  if (letter.locked) throw new Refusal("Your facilitator has paused editing for now, so it cannot be submitted yet.");
  const doc = ctx.collab.readDocument(letterDocName(letterId));
  let rich;
  try {
    rich = richDocFromYjs(doc, "letter");
  } finally {
    doc.destroy();
  }
  const text = richDocToText(rich);
  if (text.trim().length < 20) throw new Refusal("Write your letter before you submit it.");
  const json = JSON.stringify(rich);
  const hash = createHash("sha256").update(json).digest("hex");
  const version = await db.$transaction(async (tx) => {
    const last = await tx.letterVersion.findFirst({ where: { letterId }, orderBy: { number: "desc" }, select: { number: true } });
    const created = await tx.letterVersion.create({
      data: { letterId, number: (last?.number ?? 0) + 1, contentJson: json, contentText: text, contentHash: hash },
      select: { id: true, number: true },
    });
    await tx.letter.update({ where: { id: letterId }, data: { status: "SUBMITTED" }, select: { id: true } });
    return created;
  });
  await ctx.collab.recheckDocument(letterDocName(letterId));
  await notifyAboutLetter("LETTER_SUBMITTED", letterId, version.id, letter.authorId);
  return { ...version, hash };
}

/** The facilitator's decision on the newest submitted version. */
export async function decideLetter(ctx: Ctx, letterId: string, decidedById: string, decision: "CHANGES_REQUESTED" | "APPROVED", reason: string | null) {
  const letter = await letterState(letterId);
  if (letter.status !== "SUBMITTED" || letter.closedAt) throw new Refusal("There is no submitted version waiting for a decision.");
  const latest = await db.letterVersion.findFirst({ where: { letterId, decision: null }, orderBy: { number: "desc" }, select: { id: true, number: true } });
  if (!latest) throw new Refusal("There is no submitted version waiting for a decision.");
  await db.$transaction([
    db.letterVersion.update({ where: { id: latest.id }, data: { decision, decisionReason: reason, decidedById, decidedAt: new Date() }, select: { id: true } }),
    db.letter.update({ where: { id: letterId }, data: { status: decision, locked: false }, select: { id: true } }),
  ]);
  await ctx.collab.recheckDocument(letterDocName(letterId));
  await notifyAboutLetter("LETTER_REPLIED", letterId, `decision:${latest.id}`, decidedById);
  return latest;
}

export async function setLocked(ctx: Ctx, letterId: string, locked: boolean) {
  await db.letter.update({ where: { id: letterId }, data: { locked }, select: { id: true } });
  await ctx.collab.recheckDocument(letterDocName(letterId));
}

/** The recipient's choice (whoever they are): append-only, the newest counts. A choice to destroy is acted on by destroyLetter. */
export async function recordChoice(
  letterId: string,
  recordedById: string,
  input: { choice: DeliveryChoice; deliverAfter: Date | null; redactSignature: boolean; redactFirstName: boolean; tellAuthor: string; method: string },
) {
  const letter = await db.letter.findUniqueOrThrow({ where: { id: letterId }, select: { recipientId: true, status: true } });
  if (letter.status === "DESTROYED") throw new Refusal("This letter has been destroyed.");
  return db.letterDeliveryChoice.create({ data: { letterId, participantId: letter.recipientId, recordedById, ...input }, select: { id: true } });
}

export async function newestChoice(letterId: string) {
  return db.letterDeliveryChoice.findFirst({
    where: { letterId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { choice: true, deliverAfter: true, redactSignature: true, redactFirstName: true, tellAuthor: true },
  });
}

/** Delivers the approved version as its recipient chose; refuses with the reason otherwise. */
export async function releaseLetter(letterId: string, releasedById: string, method: ReleaseMethod) {
  const letter = await letterState(letterId);
  const choice = await newestChoice(letterId);
  const check = releaseCheck(letter.status, choice as NewestChoice, new Date());
  if (!check.ok) throw new Refusal(check.reason);
  // The apology the programme leads to waits for it (or the case supervisor's recorded reason why not).
  const programme = await programmeLetterReasons(letterId);
  if (programme.length > 0) throw new Refusal(programme);
  const version = await db.letterVersion.findFirst({ where: { letterId, decision: "APPROVED" }, orderBy: { number: "desc" }, select: { id: true } });
  if (!version) throw new Refusal("Only an approved letter can be delivered.");
  await db.$transaction([
    db.letterRelease.create({ data: { letterId, versionId: version.id, method, releasedById }, select: { id: true } }),
    db.letter.update({ where: { id: letterId }, data: { status: "RELEASED" }, select: { id: true } }),
  ]);
  return version;
}

/** Ends the author's access: no sign-in (checked at sign-in), no sessions, no open sockets. */
async function endAuthorAccess(ctx: Ctx, authorId: string) {
  if (await authorHasOpenWork(authorId)) return;
  await revokeUserSessions(authorId);
  ctx.realtime.disconnectUser(authorId, "Your letter is closed");
}

export async function closeLetter(ctx: Ctx, letterId: string) {
  const letter = await letterState(letterId);
  if (letter.closedAt) throw new Refusal("This letter is already closed.");
  await db.letter.update({ where: { id: letterId }, data: { closedAt: new Date(), locked: true }, select: { id: true } });
  await ctx.collab.recheckDocument(letterDocName(letterId));
  await endAuthorAccess(ctx, letter.authorId);
}

/**
 * Destroys the content for good: the collab document, every version, comment and suggestion.
 * The letter row stays (status DESTROYED) with the choices and releases, as the audit record.
 */
export async function destroyLetter(ctx: Ctx, letterId: string) {
  const letter = await letterState(letterId);
  if (letter.status === "DESTROYED") throw new Refusal("This letter has already been destroyed.");
  const now = new Date();
  // The letter is marked first: the database lets a version be deleted only once its letter is DESTROYED.
  await db.$transaction([
    db.letter.update({
      where: { id: letterId },
      data: { status: "DESTROYED", destroyedAt: now, closedAt: letter.closedAt ?? now, locked: true, guidance: "", inviteCodeHash: null, inviteExpiresAt: null },
      select: { id: true },
    }),
    db.letterVersion.deleteMany({ where: { letterId } }),
    db.letterComment.deleteMany({ where: { letterId } }),
    db.letterSuggestion.deleteMany({ where: { letterId } }),
  ]);
  ctx.collab.destroyDocument(letterDocName(letterId));
  await endAuthorAccess(ctx, letter.authorId);
}
