import type { Prisma } from "@prisma/client";
import type { Stage } from "~/utils/roles";
import { assessmentStageOf } from "./gates";
import { holdBookingsIfGateFails } from "./preparation.server";
import type { RiskAssessmentInput } from "./safety-schemas";
import { Refusal } from "~/utils/refusal";

/**
 * Records a risk assessment for the case's current stage (the table is append-only: earlier ones
 * stay as history). Marking the case sensitive is one-way: an assessment never un-marks it.
 * A worse recommendation puts a booked conference on hold in the same transaction.
 */
export async function createRiskAssessment(tx: Prisma.TransactionClient, caseId: string, input: RiskAssessmentInput, actorId: string) {
  const c = await tx.case.findUnique({ where: { id: caseId }, select: { stage: true, sensitive: true } });
  if (!c) throw new Refusal(["Case not found."], { status: 400 });
  if (c.stage === "CLOSED") throw new Refusal(["This case is closed: no new risk assessment can be recorded."], { status: 400 });
  const { intent: _intent, ...fields } = input;
  const created = await tx.riskAssessment.create({
    data: { ...fields, caseId, stage: assessmentStageOf(c.stage as Stage), assessedById: actorId },
    select: { id: true, stage: true },
  });
  const markedSensitive = input.sensitive && !c.sensitive;
  if (markedSensitive) {
    await tx.case.update({ where: { id: caseId }, data: { sensitive: true } });
    // The flag is part of the case record, so its history says when and by whom it was set.
    await tx.caseRecordChange.create({
      data: { caseId, action: "EDITED", field: "sensitive", before: "false", after: "true", reason: "Marked in a risk assessment", actorId },
      select: { id: true },
    });
  }
  const held = await holdBookingsIfGateFails(tx, caseId, actorId);
  // A sensitive case's assessment waits for its case supervisor (the booking gate): they are asked.
  return { id: created.id, stage: created.stage, markedSensitive, held, needsApproval: c.sensitive || input.sensitive };
}
