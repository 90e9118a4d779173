import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { displayName } from "~/utils/preparation";
import { Refusal } from "~/utils/refusal";
import { revokeUserSessions } from "~/utils/session.server";
import { authorEmail, INVITE_DAYS, newInviteCode } from "./letter-author.server";
import type { ProgrammeAction } from "./programme-schemas";
import { authorHasOpenWork, hashInviteCode } from "./sign-in.server";
import { WORKSHEET_LIBRARY, type WorksheetStatus } from "./worksheet-labels";

/**
 * The facilitators' side of the person responsible's worksheets (docs/architecture.md §2, "The
 * intervention programme"): set from a session of the case's programme, for its person
 * responsible, who fills it in signed in with an author account (worksheet-author.server.ts); read
 * and commented on here once it is sent. Every call is made after `programme:record` on the case.
 */

type SetInput = Extract<ProgrammeAction, { intent: "worksheet-set" }>;

/**
 * The sign-in the programme's person responsible already has on this case, if any: that of an open
 * worksheet, else of a letter of theirs. One person, one sign-in: they find their worksheets beside
 * their letter.
 */
async function existingSignIn(caseId: string, participantId: string) {
  const worksheet = await db.programmeWorksheet.findFirst({
    where: { caseId, participantId, closedAt: null, author: { disabled: false } },
    orderBy: { createdAt: "desc" },
    select: { author: { select: { id: true, username: true } } },
  });
  if (worksheet) return worksheet.author;
  const letter = await db.letter.findFirst({
    where: { caseId, writerId: participantId, destroyedAt: null, author: { disabled: false } },
    orderBy: { createdAt: "desc" },
    select: { author: { select: { id: true, username: true } } },
  });
  return letter?.author ?? null;
}

/** The username the set form can offer to reuse, or null when they have no sign-in on the case. */
export async function worksheetSignInOf(caseId: string): Promise<string | null> {
  const programme = await db.caseProgramme.findUnique({ where: { caseId }, select: { participantId: true } });
  if (!programme) return null;
  return (await existingSignIn(caseId, programme.participantId))?.username ?? null;
}

/**
 * Sets a worksheet from a session (not skipped) for the programme's person responsible, with its
 * prompts from the library, and the account they sign in with: their existing one, or a new one
 * with a password or a one-time invite code, returned once to hand over.
 */
export async function setWorksheet(caseId: string, serviceId: string, createdById: string, input: SetInput) {
  const session = await db.programmeSession.findFirst({
    where: { id: input.sessionId, programme: { caseId } },
    select: { id: true, skipped: true, programme: { select: { participant: { select: { id: true, name: true, preferredName: true, removedAt: true } } } } },
  });
  if (!session) throw new Refusal("That session is not part of this programme: reload the page.", { status: 400, field: "sessionId" });
  if (session.skipped) throw new Refusal("That session is skipped. Put it back first, or set the worksheet from another session.", { status: 409 });
  const person = session.programme.participant;
  if (person.removedAt) throw new Refusal("The person responsible is no longer on the case.", { status: 409 });
  const existing = input.access === "existing" ? await existingSignIn(caseId, person.id) : null;
  if (input.access === "existing" && !existing)
    throw new Refusal("They have no sign-in on this case yet. Choose an invite code or a password instead.", { status: 400, field: "access" });
  const username = existing?.username ?? input.username.trim().toLowerCase();
  if (!existing && (await db.user.count({ where: { OR: [{ username }, { email: authorEmail(username) }] } })))
    throw new Refusal("That username is taken. Choose another.", { status: 400, field: "username" });
  const hash = input.access === "password" ? await hashPassword(input.password) : null;
  const inviteCode = input.access === "invite" ? newInviteCode() : null;
  const { title, prompts } = WORKSHEET_LIBRARY[input.kind];
  const worksheet = await db.$transaction(async (tx) => {
    const authorId =
      existing?.id ??
      (
        await tx.user.create({
          data: { email: authorEmail(username), username, name: displayName(person), role: "LETTER_AUTHOR", serviceId, ...(hash ? { password: { create: { hash } } } : {}) },
          select: { id: true },
        })
      ).id;
    return tx.programmeWorksheet.create({
      data: {
        caseId,
        sessionId: session.id,
        participantId: person.id,
        authorId,
        kind: input.kind,
        title,
        createdById,
        inviteCodeHash: inviteCode ? hashInviteCode(inviteCode) : null,
        inviteExpiresAt: inviteCode ? new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000) : null,
        answers: { create: prompts.map((prompt, position) => ({ prompt, position })) },
      },
      select: { id: true },
    });
  });
  return { worksheetId: worksheet.id, inviteCode, username };
}

async function openWorksheetOnCase(caseId: string, worksheetId: string) {
  const w = await db.programmeWorksheet.findFirst({ where: { id: worksheetId, caseId, closedAt: null }, select: { id: true, authorId: true, status: true } });
  if (!w) throw new Refusal("This worksheet is closed or cannot be found: reload the page.", { status: 400, field: "worksheetId" });
  return w;
}

/** A facilitator's comment on a worksheet the person has sent; they read it as "Your facilitator". */
export async function commentOnWorksheet(caseId: string, worksheetId: string, body: string, authorId: string) {
  const w = await openWorksheetOnCase(caseId, worksheetId);
  if (w.status !== "SUBMITTED") throw new Refusal("They have not sent this worksheet yet: comment once they have.", { status: 409 });
  return db.worksheetComment.create({ data: { worksheetId: w.id, caseId, body, authorId }, select: { id: true } });
}

/**
 * Closes a worksheet: the author sees it no more, and with nothing else open their sessions end and
 * their sign-in stops working. What they wrote stays on the programme page.
 */
export async function closeWorksheet(caseId: string, worksheetId: string, actorId: string) {
  const w = await openWorksheetOnCase(caseId, worksheetId);
  await db.programmeWorksheet.update({
    where: { id: w.id },
    data: { closedAt: new Date(), closedById: actorId, inviteCodeHash: null, inviteExpiresAt: null },
    select: { id: true },
  });
  if (!(await authorHasOpenWork(w.authorId))) await revokeUserSessions(w.authorId);
  return { id: w.id };
}

/**
 * The case's worksheets for the programme page. What the person wrote shows once they have sent it:
 * until then the worksheet is theirs to draft.
 */
export async function getCaseWorksheets(caseId: string) {
  const rows = await db.programmeWorksheet.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      sessionId: true,
      title: true,
      status: true,
      createdAt: true,
      submittedAt: true,
      closedAt: true,
      inviteExpiresAt: true,
      author: { select: { username: true, password: { select: { userId: true } } } },
      answers: { orderBy: { position: "asc" }, select: { id: true, prompt: true, answer: true } },
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.sessionId,
    title: r.title,
    status: r.status as WorksheetStatus,
    createdAt: r.createdAt,
    submittedAt: r.submittedAt,
    open: r.closedAt === null,
    username: r.author.username ?? "",
    waitingForInvite: !r.author.password && r.inviteExpiresAt !== null,
    answers: r.status === "SUBMITTED" ? r.answers.map((a) => ({ id: a.id, prompt: a.prompt, answer: a.answer })) : [],
    comments: r.comments.map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, by: c.author.name })),
  }));
}
