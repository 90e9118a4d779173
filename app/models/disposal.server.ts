import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import type { CollabControl } from "~/utils/load-context";
import { can, type Principal } from "~/utils/permissions";
import { Refusal } from "~/utils/refusal";
import { agreementDocName } from "./agreement.server";
import { deleteCaseRecords, type CaseIds, type RemovedCounts } from "./disposal-delete.server";
import { scrubAuditDetails } from "./disposal-scrub";
import { holdInForce } from "./legal-hold.server";
import { vacuumDatabase } from "./disposal-vacuum.server";
import { letterDocName } from "./letter.server";

type Tx = Prisma.TransactionClient;

/**
 * The disposal of a closed case's personal data at the end of its retention (README, Decisions,
 * "Disposal is one transaction, let through by its own row"). One write transaction:
 * 1. re-checks the rules: a case of the approver's service, CLOSED, not disposed, no legal hold;
 * 2. inserts the CaseDisposal row RUNNING, which is what lets the append-only triggers pass for
 *    this case and no other (migration 20261210000000), with the anonymised summary reports count;
 * 3. rewrites the free text of the case's audit entries (and its letter authors') to the tombstone
 *    reference, then deletes every record of the case and its collab documents' stored updates,
 *    snapshots and journal rows, and the letter authors' accounts;
 * 4. replaces the case's reference and free text, and marks the row DONE before committing.
 * With `secure_delete` on for the transaction SQLite zeroes what it frees; afterwards the collab
 * server drops the documents from memory and storage (`destroyDocument`), a VACUUM rebuilds the
 * file from live rows (disposal-vacuum.server.ts says why zeroing alone is not enough) and a
 * TRUNCATE checkpoint empties the write-ahead log, so the words are gone from the file and its WAL.
 */
export type DisposeInput = {
  caseId: string;
  /** Why it is disposed of now, and the retention rule it falls under when there is one. */
  reason: string;
  ruleId?: string | null;
  /** The reference as the manager typed it to confirm (the page asks; a scheduled caller passes the case's own). */
  confirmReference?: string;
};

export type DisposalOutcome = {
  disposalId: string;
  tombstoneReference: string;
  counts: RemovedCounts;
  documents: string[];
  /** The case team as it was: their open connections to the case are to be re-checked (and closed). */
  formerMembers: string[];
  /** The file was rebuilt without the deleted rows' stale copies (VACUUM); false when that failed and was logged. */
  fileRewritten?: boolean;
};

/** "DISPOSED-7KQM2WXA": ten random base-32 characters' worth, never derived from the old reference. */
const tombstoneOf = () => `DISPOSED-${randomBytes(5).toString("hex").toUpperCase()}`;

/** SHA-256 of the service and the old reference: answers "was RJ-2026-0142 disposed of?" without keeping it. */
export const referenceHashOf = (serviceId: string, reference: string) => createHash("sha256").update(`${serviceId}\n${reference.trim().toUpperCase()}`).digest("hex");

export async function disposeCase(collab: CollabControl | null, approver: Principal, input: DisposeInput): Promise<DisposalOutcome> {
  if (!can(approver, "service:dispose", { kind: "service", serviceId: approver.serviceId })) throw new Refusal("Only the service manager can dispose of a case.", { status: 404 });
  const outcome = await db.$transaction(
    async (tx) => {
      // Per connection, and Prisma's is one connection that this transaction holds to itself.
      await tx.$queryRawUnsafe("PRAGMA secure_delete = ON");
      try {
        return await disposeInTransaction(tx, approver, input);
      } finally {
        await tx.$queryRawUnsafe("PRAGMA secure_delete = OFF");
      }
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  // Rooms loaded in memory and anything written to them since: closed, dropped and deleted too.
  for (const name of outcome.documents) collab?.destroyDocument(name);
  const vacuum = await vacuumDatabase().catch((error: unknown) => ({ ok: false, message: String(error) }));
  // A failed VACUUM leaves the disposal done (it committed) and says so to the manager and the audit trail.
  if (!vacuum.ok || ("busy" in vacuum && vacuum.busy)) await checkpointAway();
  return { ...outcome, fileRewritten: vacuum.ok };
}

async function disposeInTransaction(tx: Tx, approver: Principal, input: DisposeInput): Promise<DisposalOutcome> {
  const found = await tx.case.findFirst({
    where: { id: input.caseId, serviceId: approver.serviceId },
    select: { id: true, reference: true, stage: true, disposedAt: true, closureReason: true, completedBy: true },
  });
  if (!found) throw new Refusal("That case is not in your service.", { status: 404, field: "caseId" });
  if (found.disposedAt) throw new Refusal("This case's personal data has already been disposed of.", { status: 410, field: "caseId" });
  if (found.stage !== "CLOSED") throw new Refusal(`${found.reference} is not closed. Only a closed case can be disposed of.`, { field: "caseId" });
  if (input.confirmReference !== undefined && input.confirmReference.trim().toUpperCase() !== found.reference.toUpperCase())
    throw new Refusal(`Type the case's reference, ${found.reference}, exactly to confirm.`, { status: 400, field: "confirmReference" });
  if (await holdInForce(tx, found.id)) throw new Refusal(`${found.reference} is on legal hold. Lift the hold first if it no longer applies.`, { field: "caseId" });

  const tombstoneReference = tombstoneOf();
  const summary = { ...(await summaryOf(tx, found.id)), completedBy: found.completedBy };
  const disposal = await tx.caseDisposal.create({
    data: {
      caseId: found.id,
      tombstoneReference,
      referenceHash: referenceHashOf(approver.serviceId, found.reference),
      ruleId: input.ruleId || null,
      reason: input.reason,
      approvedById: approver.id,
      ...summary,
    },
    select: { id: true },
  });

  const ids = await idsOf(tx, found.id);
  const formerMembers = (await tx.caseMember.findMany({ where: { caseId: found.id }, select: { userId: true } })).map((m) => m.userId);
  const documents = [
    `case:${found.id}:notes`,
    ...ids.conferences.map((id) => `conference:${id}:seating`),
    ...ids.agreements.map(agreementDocName),
    ...ids.letters.map(letterDocName),
    ...ids.programmeSessions.map((id) => `programme-session:${id}:notes`),
  ];
  const scrubbed = await scrubAuditTrail(tx, found.id, ids.authors, tombstoneReference);
  const counts = await deleteCaseRecords(tx, found.id, ids, documents);
  counts.auditEntriesRewritten = scrubbed;

  await tx.case.update({
    where: { id: found.id },
    data: {
      reference: tombstoneReference,
      title: "Disposed case",
      offenceSummary: "",
      offenceOther: "",
      closureNote: null,
      referrerName: "",
      referrerContact: "",
      referrerNotes: "",
      disposedAt: new Date(),
    },
    select: { id: true },
  });
  await tx.caseDisposalCount.createMany({ data: Object.entries(counts).map(([kind, count]) => ({ disposalId: disposal.id, kind, count })) });
  await tx.caseDisposalDocument.createMany({ data: documents.map((docName) => ({ disposalId: disposal.id, docName })) });
  await tx.caseDisposal.update({ where: { id: disposal.id }, data: { state: "DONE" }, select: { id: true } });
  return { disposalId: disposal.id, tombstoneReference, counts, documents, formerMembers };
}

/**
 * What reports keep of the case: dates, people by role, whether a conference was held, a letter
 * sent, an agreement completed; beside it, how a completed case was completed (Case.completedBy).
 */
async function summaryOf(tx: Tx, caseId: string) {
  const [roles, closed, held, sent, completed] = await Promise.all([
    tx.participant.groupBy({ by: ["role"], where: { caseId, removedAt: null }, _count: { _all: true } }),
    tx.caseStageEvent.findFirst({ where: { caseId, stage: "CLOSED" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
    tx.conference.count({ where: { caseId, status: "HELD" } }),
    tx.letterRelease.count({ where: { letter: { caseId } } }),
    tx.agreement.count({ where: { caseId, status: "COMPLETED" } }),
  ]);
  const count = (role: string) => roles.find((r) => r.role === role)?._count._all ?? 0;
  return {
    closedAt: closed?.createdAt ?? null,
    personsHarmed: count("PERSON_HARMED"),
    personsResponsible: count("PERSON_RESPONSIBLE"),
    supporters: count("SUPPORTER"),
    communityMembers: count("COMMUNITY_MEMBER"),
    professionals: count("PROFESSIONAL"),
    conferenceHeld: held > 0,
    letterSent: sent > 0,
    agreementCompleted: completed > 0,
  };
}

async function idsOf(tx: Tx, caseId: string): Promise<CaseIds> {
  const [conferences, agreements, letters, writers, worksheets, sessions, participants] = await Promise.all([
    tx.conference.findMany({ where: { caseId }, select: { id: true } }),
    tx.agreement.findMany({ where: { caseId }, select: { id: true, versions: { select: { id: true } } } }),
    tx.letter.findMany({ where: { caseId }, select: { id: true, authorId: true } }),
    tx.exchangeWriter.findMany({ where: { caseId }, select: { authorId: true } }),
    tx.programmeWorksheet.findMany({ where: { caseId }, select: { authorId: true } }),
    tx.programmeSession.findMany({ where: { programme: { caseId } }, select: { id: true } }),
    tx.participant.findMany({ where: { caseId }, select: { id: true } }),
  ]);
  // An author account exists for its letters, message workspace and worksheets: it goes with them unless it also writes elsewhere (never, today).
  const authorIds = [...new Set([...letters, ...writers, ...worksheets].map((l) => l.authorId))];
  const [elsewhere, writesElsewhere, worksheetsElsewhere] = await Promise.all([
    tx.letter.findMany({ where: { authorId: { in: authorIds }, caseId: { not: caseId } }, select: { authorId: true } }),
    tx.exchangeWriter.findMany({ where: { authorId: { in: authorIds }, caseId: { not: caseId } }, select: { authorId: true } }),
    tx.programmeWorksheet.findMany({ where: { authorId: { in: authorIds }, caseId: { not: caseId } }, select: { authorId: true } }),
  ]);
  const kept = new Set([...elsewhere, ...writesElsewhere, ...worksheetsElsewhere].map((l) => l.authorId));
  return {
    conferences: conferences.map((c) => c.id),
    agreements: agreements.map((a) => a.id),
    versions: agreements.flatMap((a) => a.versions.map((v) => v.id)),
    letters: letters.map((l) => l.id),
    authors: authorIds.filter((id) => !kept.has(id)),
    participants: participants.map((p) => p.id),
    programmeSessions: sessions.map((s) => s.id),
  };
}

/**
 * The case's audit entries stay (who did what, when), with their free text replaced by the
 * tombstone reference; the letter authors' own entries anywhere (sign-ins, their letter list) lose
 * their author, who is deleted, and their address.
 */
async function scrubAuditTrail(tx: Tx, caseId: string, authors: string[], tombstone: string): Promise<number> {
  const targets = authors.map((id) => `user:${id}`);
  const rows = await tx.auditEvent.findMany({
    where: { OR: [{ caseId }, { actorId: { in: authors } }, { target: { in: targets } }] },
    select: { id: true, details: true, actorId: true },
  });
  let rewritten = 0;
  for (const row of rows) {
    const details = scrubAuditDetails(row.details, tombstone);
    const byAuthor = row.actorId !== null && authors.includes(row.actorId);
    if (details === row.details && !byAuthor) continue;
    await tx.auditEvent.update({ where: { id: row.id }, data: { details, ...(byAuthor ? { actorId: null, ip: null } : {}) }, select: { id: true } });
    rewritten++;
  }
  return rewritten;
}

/**
 * Moves every committed page back into the database file and empties the write-ahead log, so the
 * old versions of the pages the disposal zeroed are not left in the WAL. A reader still open can
 * make SQLite stop short (busy): it is tried again for a few seconds; what remains is overwritten
 * by the next checkpoint the server's checkpointer makes.
 */
async function checkpointAway(): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [row] = await db.$queryRawUnsafe<{ busy: bigint | number }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
    if (Number(row?.busy ?? 0) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
