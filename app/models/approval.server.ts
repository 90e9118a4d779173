import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import type { ApprovalDecision, Recommendation } from "~/utils/preparation";
import type { Stage } from "~/utils/roles";
import { isAssessmentCurrent } from "./gates";
import { holdBookingsIfGateFails, loadGateFacts } from "./preparation.server";
import { Refusal } from "~/utils/refusal";

/**
 * The case supervisor's decision on the CURRENT risk assessment (append-only; the newest decision
 * counts). A decline also puts a booked conference on hold, in the same transaction.
 */
export async function decideApproval(
  tx: Prisma.TransactionClient,
  caseId: string,
  input: { assessmentId: string; decision: ApprovalDecision; comments: string },
  supervisorId: string,
) {
  const assessment = await tx.riskAssessment.findFirst({ where: { id: input.assessmentId, caseId }, select: { id: true } });
  if (!assessment) throw new Refusal(["That risk assessment is not on this case."], { status: 400, field: "assessmentId" });
  const facts = await loadGateFacts(caseId, tx);
  if (facts?.currentAssessment?.id !== assessment.id) {
    throw new Refusal(["This risk assessment is no longer current: a newer one has been recorded, or the case has moved on. Decide on the current assessment."], { status: 400 });
  }
  const created = await tx.supervisorApproval.create({
    data: { caseId, riskAssessmentId: assessment.id, decision: input.decision, comments: input.comments, supervisorId },
    select: { id: true },
  });
  const held = await holdBookingsIfGateFails(tx, caseId, supervisorId);
  return { id: created.id, held };
}

export type AwaitingApproval = {
  caseId: string;
  reference: string;
  title: string;
  stage: Stage;
  assessmentId: string;
  recommendation: Recommendation;
  assessedBy: string;
  assessedAt: string;
};

/** Sensitive cases this user supervises whose current risk assessment has no decision yet, oldest wait first. */
export async function listAwaitingApproval(userId: string): Promise<AwaitingApproval[]> {
  const rows = await db.caseMember.findMany({
    where: { userId, role: "SUPERVISOR", user: { role: "SUPERVISOR" }, case: { sensitive: true, stage: { not: "CLOSED" } } },
    select: {
      case: {
        select: {
          id: true,
          reference: true,
          title: true,
          stage: true,
          riskAssessments: {
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { id: true, stage: true, recommendation: true, assessedById: true, createdAt: true, approvals: { select: { id: true }, take: 1 } },
          },
        },
      },
    },
  });
  const waiting = rows.flatMap(({ case: c }) => {
    const a = c.riskAssessments[0];
    if (!a || a.approvals.length > 0 || !isAssessmentCurrent(a.stage as Stage, c.stage as Stage)) return [];
    return [{ c, a }];
  });
  const assessors = await db.user.findMany({ where: { id: { in: waiting.map((w) => w.a.assessedById) } }, select: { id: true, name: true } });
  const nameOf = new Map(assessors.map((u) => [u.id, u.name]));
  return waiting
    .map(({ c, a }) => ({
      caseId: c.id,
      reference: c.reference,
      title: c.title,
      stage: c.stage as Stage,
      assessmentId: a.id,
      recommendation: a.recommendation as Recommendation,
      assessedBy: nameOf.get(a.assessedById) ?? "A former colleague",
      assessedAt: a.createdAt.toISOString(),
    }))
    .sort((x, y) => x.assessedAt.localeCompare(y.assessedAt));
}

/** For the top nav's "Approvals (N)": how many decisions wait for this supervisor. */
export async function countAwaitingApproval(userId: string): Promise<number> {
  return (await listAwaitingApproval(userId)).length;
}
