import type { Prisma } from "@prisma/client";
import { json } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { CLOSURE_REASON_LABELS, type ClosureReason } from "~/utils/preparation";
import { STAGE_LABELS, type Stage } from "~/utils/roles";
import { nextStages, stageGate } from "./gates";
import { loadGateFacts } from "./preparation.server";

/**
 * Thrown inside a transaction when a rule refuses the change: the transaction rolls back and the
 * route answers 400 with the reasons, each a sentence the facilitator can act on.
 */
export class Refusal extends Error {
  constructor(
    readonly reasons: string[],
    readonly field = "form",
  ) {
    super(reasons.join(" "));
  }
}

/** What the safety routes answer on a refusal: the form-level message plus the reasons as a list. */
export type RefusalBody = { ok: false; errors: Record<string, string>; reasons: string[]; intent?: string };

export function refusalResponse(refusal: Refusal, intent?: string) {
  return json<RefusalBody>({ ok: false, errors: { [refusal.field]: refusal.message }, reasons: refusal.reasons, intent }, { status: 400 });
}

/** Runs `work` in one transaction; a Refusal becomes a 400 answer, anything else is rethrown. */
export async function refusable<T>(intent: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<{ value: T } | { response: Response }> {
  try {
    return { value: await db.$transaction(work) };
  } catch (error) {
    if (error instanceof Refusal) return { response: refusalResponse(error, intent) };
    throw error;
  }
}

/** Moves the case's stage and records the event, guarded against a concurrent move from another tap. */
export async function setStage(tx: Prisma.TransactionClient, input: { caseId: string; from: Stage; to: Stage; actorId: string; reason?: string | null }) {
  const moved = await tx.case.updateMany({ where: { id: input.caseId, stage: input.from }, data: { stage: input.to } });
  if (moved.count !== 1) throw new Refusal(["The case's stage changed while you were working. Look again and retry."]);
  await tx.caseStageEvent.create({ data: { caseId: input.caseId, stage: input.to, actorId: input.actorId, reason: input.reason ?? null } });
}

export type StageMove = { to: Stage; closureReason?: ClosureReason; closureNote: string };

/**
 * Moves a case on by hand, re-checking the gate inside the transaction so two taps cannot skip a
 * rule. Holding a conference marks the booking held; closing cancels any booking still open.
 */
export async function moveStage(tx: Prisma.TransactionClient, caseId: string, move: StageMove, actorId: string) {
  const facts = await loadGateFacts(caseId, tx);
  if (!facts) throw new Refusal(["Case not found."]);
  const from = facts.stage;
  // A closed case moves nowhere by hand: say who can reopen it rather than "cannot move to".
  if (from === "CLOSED") throw new Refusal((stageGate(facts, move.to) as { reasons: string[] }).reasons);
  if (!nextStages(from).includes(move.to) && move.to !== "CONFERENCE_SCHEDULED") {
    throw new Refusal([`A case at ${STAGE_LABELS[from].toLowerCase()} cannot move to ${STAGE_LABELS[move.to].toLowerCase()}.`]);
  }
  const gate = stageGate(facts, move.to);
  if (!gate.ok) throw new Refusal(gate.reasons);
  if (move.to === "CONFERENCE_HELD") {
    await tx.conference.updateMany({ where: { caseId, status: "SCHEDULED" }, data: { status: "HELD" } });
  }
  if (move.to === "CLOSED") {
    await tx.conference.updateMany({ where: { caseId, status: { in: ["SCHEDULED", "ON_HOLD"] } }, data: { status: "CANCELLED" } });
    await tx.case.update({ where: { id: caseId }, data: { closureReason: move.closureReason || "OTHER", closureNote: move.closureNote } });
  }
  const label = move.closureReason ? CLOSURE_REASON_LABELS[move.closureReason] : "";
  const reason = move.to === "CLOSED" ? [label, move.closureNote].filter(Boolean).join(": ") : null;
  await setStage(tx, { caseId, from, to: move.to, actorId, reason });
  if (move.to === "CLOSED") {
    // The record's history keeps the stage it left: reopening returns there (case-record.server.ts).
    await tx.caseRecordChange.create({
      data: { caseId, action: "CLOSED", field: "stage", before: from, after: "CLOSED", reason: reason ?? "", actorId },
      select: { id: true },
    });
  }
  return { from, to: move.to };
}
