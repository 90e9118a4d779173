import type { Prisma } from "@prisma/client";
import { Refusal } from "~/utils/refusal";
import { CLOSURE_REASON_LABELS, COMPLETED_BY_LABELS, type ClosureReason, type CompletedBy } from "~/utils/preparation";
import { STAGE_LABELS, type Stage } from "~/utils/roles";
import { completionGate, nextStages, stageGate, type GateFacts } from "./gates";
import { loadGateFacts } from "./preparation.server";

/** Moves the case's stage and records the event, guarded against a concurrent move from another tap. */
export async function setStage(tx: Prisma.TransactionClient, input: { caseId: string; from: Stage; to: Stage; actorId: string; reason?: string | null }) {
  const moved = await tx.case.updateMany({ where: { id: input.caseId, stage: input.from }, data: { stage: input.to } });
  if (moved.count !== 1) throw new Refusal(["The case's stage changed while you were working. Look again and retry."], { status: 400 });
  await tx.caseStageEvent.create({ data: { caseId: input.caseId, stage: input.to, actorId: input.actorId, reason: input.reason ?? null } });
}

export type StageMove = { to: Stage; closureReason?: ClosureReason; closureNote: string; completedBy?: CompletedBy };

/** Refuses closing as completed in a way the case's records do not bear out (gates.ts, completionGate). */
async function checkCompletion(tx: Prisma.TransactionClient, caseId: string, facts: GateFacts, by: CompletedBy) {
  const [held, released, delivered] = await Promise.all([
    tx.conference.count({ where: { caseId, status: "HELD" } }),
    tx.letterRelease.count({ where: { letter: { caseId } } }),
    tx.exchangeMessage.count({ where: { caseId, status: "DELIVERED" } }),
  ]);
  const gate = completionGate(facts, { conferenceHeld: held > 0, letterReleased: released > 0, messageDelivered: delivered > 0 }, by);
  if (!gate.ok) throw new Refusal(gate.reasons, { status: 400 });
}

/**
 * Moves a case on by hand, re-checking the gate inside the transaction so two taps cannot skip a
 * rule. Holding a conference marks the booking held; closing cancels any booking still open, and
 * closing as completed records how (checked against what happened on the case).
 */
export async function moveStage(tx: Prisma.TransactionClient, caseId: string, move: StageMove, actorId: string) {
  const facts = await loadGateFacts(caseId, tx);
  if (!facts) throw new Refusal(["Case not found."], { status: 400 });
  const from = facts.stage;
  // A closed case moves nowhere by hand: say who can reopen it rather than "cannot move to".
  if (from === "CLOSED") throw new Refusal((stageGate(facts, move.to) as { reasons: string[] }).reasons, { status: 400 });
  if (!nextStages(from).includes(move.to) && move.to !== "CONFERENCE_SCHEDULED") {
    throw new Refusal([`A case at ${STAGE_LABELS[from].toLowerCase()} cannot move to ${STAGE_LABELS[move.to].toLowerCase()}.`], { status: 400 });
  }
  const gate = stageGate(facts, move.to);
  if (!gate.ok) throw new Refusal(gate.reasons, { status: 400 });
  if (move.to === "CONFERENCE_HELD") {
    await tx.conference.updateMany({ where: { caseId, status: "SCHEDULED" }, data: { status: "HELD" } });
  }
  const completedBy = move.to === "CLOSED" && move.closureReason === "COMPLETED" ? move.completedBy : undefined;
  if (move.to === "CLOSED" && move.closureReason === "COMPLETED") {
    // The form requires it; a caller that leaves it out must not record a completion nobody described.
    if (!completedBy) throw new Refusal(["Choose how the case was completed."], { status: 400, field: "completedBy" });
    await checkCompletion(tx, caseId, facts, completedBy);
  }
  if (move.to === "CLOSED") {
    await tx.conference.updateMany({ where: { caseId, status: { in: ["SCHEDULED", "ON_HOLD"] } }, data: { status: "CANCELLED" } });
    await tx.case.update({ where: { id: caseId }, data: { closureReason: move.closureReason || "OTHER", closureNote: move.closureNote, completedBy: completedBy ?? null } });
  }
  const label = move.closureReason ? [CLOSURE_REASON_LABELS[move.closureReason], completedBy ? COMPLETED_BY_LABELS[completedBy].toLowerCase() : ""].filter(Boolean).join(" ") : "";
  const reason = move.to === "CLOSED" ? [label, move.closureNote].filter(Boolean).join(": ") : null;
  await setStage(tx, { caseId, from, to: move.to, actorId, reason });
  if (move.to === "CLOSED") {
    // The record's history keeps the stage it left: reopening returns there (case-record.server.ts).
    await tx.caseRecordChange.create({
      data: { caseId, action: "CLOSED", field: "stage", before: from, after: "CLOSED", reason: reason ?? "", actorId },
      select: { id: true },
    });
  }
  return { from, to: move.to, completedBy: completedBy ?? null };
}
