import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import type { CircleLoadContext } from "~/utils/load-context";
import { Refusal } from "~/utils/refusal";
import { subjectAccessDueOn } from "./subject-access-dates";
import { gatherSubjectData } from "./subject-access-gather.server";
import { REDACTED, redactDeep, redactor, THIRD_PARTY } from "./subject-access-redact";
import { EXPORT_FORMAT, UNREDACTED_KEYS, type SubjectAccessExport } from "./subject-access-shape";

/**
 * Subject access requests (README, Decisions, "Subject access and rectification"): recorded by the
 * service manager for one participant, reviewed as a redacted export, redacted further by hand, and
 * released. Until release the export is made afresh from the records each time; release freezes
 * it, and from then on every download is the export as it was released.
 */
type Ctx = Pick<CircleLoadContext, "collab">;

const REQUEST_SELECT = {
  id: true,
  caseId: true,
  requestedBy: true,
  receivedOn: true,
  createdAt: true,
  releasedAt: true,
  releasedJson: true,
  participant: { select: { id: true, name: true, role: true } },
  createdBy: { select: { name: true } },
  releasedBy: { select: { name: true } },
  redactions: { select: { id: true, phrase: true, createdAt: true }, orderBy: { createdAt: "asc" } },
  case: { select: { reference: true } },
} satisfies Prisma.SubjectAccessRequestSelect;

export type SubjectAccessRow = Prisma.SubjectAccessRequestGetPayload<{ select: typeof REQUEST_SELECT }>;

/** The case's requests, newest first, and the people a new one may be about. */
export async function listSubjectAccess(caseId: string) {
  const [requests, participants] = await Promise.all([
    db.subjectAccessRequest.findMany({ where: { caseId }, select: REQUEST_SELECT, orderBy: { createdAt: "desc" } }),
    db.participant.findMany({ where: { caseId }, select: { id: true, name: true, role: true, removedAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return {
    requests: requests.map(({ releasedJson: _frozen, ...r }) => ({ ...r, dueOn: subjectAccessDueOn(r.receivedOn) })),
    participants,
  };
}

export async function getSubjectAccess(caseId: string, requestId: string | undefined): Promise<SubjectAccessRow | null> {
  if (!requestId) return null;
  return db.subjectAccessRequest.findFirst({ where: { id: requestId, caseId }, select: REQUEST_SELECT });
}

export async function recordSubjectAccess(caseId: string, input: { participantId: string; requestedBy: string; receivedOn: string }, actorId: string) {
  const person = await db.participant.findFirst({ where: { id: input.participantId, caseId }, select: { id: true } });
  if (!person) throw new Refusal("Choose someone on this case", { status: 400, field: "participantId" });
  return db.subjectAccessRequest.create({ data: { caseId, ...input, createdById: actorId }, select: { id: true } });
}

/** The export of a request: as released, or made now from the records with the current redactions. */
export async function subjectAccessExport(ctx: Ctx, request: SubjectAccessRow): Promise<SubjectAccessExport> {
  if (request.releasedJson) return JSON.parse(request.releasedJson) as SubjectAccessExport;
  const gathered = await gatherSubjectData(ctx, request.caseId, request.participant.id);
  const redact = redactor(
    gathered.subject,
    gathered.others,
    request.redactions.map((r) => r.phrase),
  );
  return {
    format: EXPORT_FORMAT,
    request: {
      id: request.id,
      caseReference: request.case.reference,
      requestedBy: redact(request.requestedBy),
      receivedOn: request.receivedOn,
      dueOn: subjectAccessDueOn(request.receivedOn),
      generatedAt: new Date().toISOString(),
      releasedAt: null,
      releasedBy: null,
    },
    redaction: { thirdParty: THIRD_PARTY, manual: REDACTED, manualPhrases: request.redactions.length },
    ...redactDeep(gathered.sections, redact, (key) => UNREDACTED_KEYS.has(key)),
  };
}

const notReleased = (request: { releasedAt: Date | null }) => {
  if (request.releasedAt) throw new Refusal("This export has been released: it is kept as it was sent and can no longer change.");
};

export async function addRedaction(request: SubjectAccessRow, phrase: string, actorId: string) {
  notReleased(request);
  return db.subjectAccessRedaction.create({ data: { requestId: request.id, phrase, createdById: actorId }, select: { id: true } });
}

export async function removeRedaction(request: SubjectAccessRow, redactionId: string) {
  notReleased(request);
  const found = request.redactions.find((r) => r.id === redactionId);
  if (!found) throw new Refusal("That redaction is not on this export: reload the page.", { status: 400, field: "redactionId" });
  await db.subjectAccessRedaction.delete({ where: { id: found.id } });
}

/**
 * Freezes the export as it is now and records who released it and when. Only one release: a
 * second one (two managers at once) changes nothing and is told so.
 */
export async function releaseSubjectAccess(ctx: Ctx, request: SubjectAccessRow, actor: { id: string; name: string }) {
  notReleased(request);
  const at = new Date();
  const made = await subjectAccessExport(ctx, request);
  const frozen: SubjectAccessExport = { ...made, request: { ...made.request, generatedAt: at.toISOString(), releasedAt: at.toISOString(), releasedBy: actor.name } };
  const json = JSON.stringify(frozen);
  const hash = createHash("sha256").update(json).digest("hex");
  const { count } = await db.subjectAccessRequest.updateMany({
    where: { id: request.id, releasedAt: null },
    data: { releasedAt: at, releasedById: actor.id, releasedJson: json, releasedHash: hash },
  });
  if (count === 0) throw new Refusal("This export has just been released by someone else: reload the page.");
  return { hash, manualRedactions: request.redactions.length };
}
