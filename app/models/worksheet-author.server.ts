import { ownOpenWorksheets } from "./author-open-work";
import { notFound } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { can, isLetterAuthor, type Principal, type WorksheetResource } from "~/utils/permissions";
import { Refusal } from "~/utils/refusal";
import { RecordIdSchema } from "~/utils/schemas";
import { isNewSince } from "./author-news";
import type { WorksheetStatus } from "./worksheet-labels";

/**
 * The person responsible's own worksheets (app/routes/worksheets.tsx), signed in with their author
 * account like a letter's: they see the worksheets set for them that are still open, their own
 * answers and their facilitators' comments (as "Your facilitator"), and nothing else of the case:
 * no case reference, no staff names, no session plans.
 */

/** The facts can() needs about one worksheet for one principal, or null when there is none. */
export async function getWorksheetResource(user: Principal, worksheetId: string): Promise<WorksheetResource | null> {
  if (!RecordIdSchema.safeParse(worksheetId).success) return null;
  const found = await db.programmeWorksheet.findUnique({
    where: { id: worksheetId },
    select: { id: true, caseId: true, authorId: true, closedAt: true, participant: { select: { removedAt: true } }, case: { select: { serviceId: true, disposedAt: true } } },
  });
  if (!found || found.case.disposedAt) return null;
  // A closed worksheet, or one whose person has left the case, shows nothing to anyone signing in as them.
  const open = !found.closedAt && !found.participant.removedAt;
  return {
    kind: "programme-worksheet",
    worksheetId: found.id,
    caseId: found.caseId,
    serviceId: found.case.serviceId,
    isAuthor: open && isLetterAuthor(user) && found.authorId === user.id,
  };
}

/** Throws 404 (never 403) unless the principal is the open worksheet's own author. */
export async function requireOwnWorksheet(user: Principal, worksheetId: string | undefined) {
  const resource = worksheetId ? await getWorksheetResource(user, worksheetId) : null;
  if (!resource || !can(user, "worksheet:write-own", resource)) throw notFound("Not found");
  return resource;
}

/** The author's open worksheets, oldest first: what /worksheets shows. */
export async function getAuthorWorksheetIds(authorId: string): Promise<string[]> {
  const rows = await db.programmeWorksheet.findMany({
    where: ownOpenWorksheets(authorId),
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * One worksheet as its author sees it: its title, prompts and answers, where it is, and the comments,
 * unsigned; a comment made since `lastSeen` (when they last opened it, from startLook) marked new.
 */
export async function getOwnWorksheet(worksheetId: string, lastSeen: Date | null) {
  const w = await db.programmeWorksheet.findUniqueOrThrow({
    where: { id: worksheetId },
    select: {
      id: true,
      title: true,
      status: true,
      savedAt: true,
      submittedAt: true,
      answers: { orderBy: { position: "asc" }, select: { id: true, prompt: true, answer: true } },
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true } },
    },
  });
  return { ...w, status: w.status as WorksheetStatus, comments: w.comments.map((c) => ({ ...c, isNew: isNewSince(c.createdAt, lastSeen) })) };
}

type Answers = { "answerId[]": string[]; "answer[]": string[] };

/**
 * Saves the author's answers, and sends the worksheet to the facilitators when `submit`; once sent
 * it is theirs to read and no longer changes. Answers that are not this worksheet's are refused.
 */
export async function saveOwnWorksheet(worksheetId: string, input: Answers, submit: boolean) {
  return db.$transaction(async (tx) => {
    const w = await tx.programmeWorksheet.findUniqueOrThrow({ where: { id: worksheetId }, select: { id: true, caseId: true, status: true, answers: { select: { id: true } } } });
    if (w.status !== "SET") throw new Refusal("You have already sent this worksheet to your facilitator, so it can no longer be changed.", { status: 409 });
    const own = new Set(w.answers.map((a) => a.id));
    if (input["answerId[]"].some((id) => !own.has(id))) throw new Refusal("Reload the page and try again.", { status: 400 });
    const now = new Date();
    for (const [i, id] of input["answerId[]"].entries()) await tx.worksheetAnswer.update({ where: { id }, data: { answer: input["answer[]"][i] ?? "" }, select: { id: true } });
    if (submit) {
      const all = await tx.worksheetAnswer.findMany({ where: { worksheetId }, select: { answer: true } });
      if (all.every((a) => a.answer === "")) throw new Refusal("Write at least one answer before you send it.", { status: 400, field: "form" });
    }
    await tx.programmeWorksheet.update({ where: { id: w.id }, data: { savedAt: now, ...(submit ? { status: "SUBMITTED", submittedAt: now } : {}) }, select: { id: true } });
    return { id: w.id, caseId: w.caseId, savedAt: now };
  });
}
