import { notFound } from "~/utils/auth.server";
import { Refusal } from "~/utils/refusal";
import type { CircleLoadContext } from "~/utils/load-context";
import { can, type CaseResource, type Principal } from "~/utils/permissions";
import type { AgreementChangedPayload } from "~/realtime/protocol";
import { getCaseAgreement } from "./agreement.server";
import { recordOutcomeNotice, recordPayment, recordProgress } from "./agreement-monitoring.server";
import { REVIEW_INTENTS, termProblems, type AgreementActionInput } from "./agreement-schemas";
import { commentOnVersion, decideVersion, freezeDraft, moveTerm, removeTerm, saveTerm, signVersion, startAgreement, submitVersion } from "./agreement-workflow.server";

type Ctx = Pick<CircleLoadContext, "collab">;
export type ActionOutcome = { done: string; id?: string; change?: AgreementChangedPayload["change"]; details?: Record<string, unknown> };

/**
 * One intent of the agreement workspace. Permission per intent: the case supervisor reviews,
 * the case's facilitators do everything else; anyone else gets 404 (docs/conventions.md §3).
 */
export async function runAgreementAction(ctx: Ctx, user: Principal & { name: string }, resource: CaseResource, input: AgreementActionInput): Promise<ActionOutcome> {
  const review = REVIEW_INTENTS.includes(input.intent);
  if (!can(user, review ? "agreement:review" : "agreement:draft", resource)) throw notFound("Case not found");
  if (input.intent === "start") {
    const started = await startAgreement(resource.caseId, user.id);
    return { done: started.created ? "Agreement started. Add its terms and write the narrative together." : "The agreement is already started.", id: started.id };
  }
  const agreement = await getCaseAgreement(resource.caseId);
  if (!agreement) throw new Refusal("Start the agreement first.");
  const id = agreement.id;
  switch (input.intent) {
    case "add-term":
    case "edit-term": {
      const problems = termProblems(input);
      const [field, message] = Object.entries(problems)[0] ?? [];
      if (field && message) throw new Refusal(message, { field });
      const termId = await saveTerm(id, input, input.intent === "edit-term" ? input.termId : null);
      return { done: input.intent === "add-term" ? "Term added." : "Term saved.", id: termId, details: { termId } };
    }
    case "remove-term":
      await removeTerm(id, input.termId);
      return { done: "Term removed.", details: { termId: input.termId } };
    case "move-term": {
      const moved = await moveTerm(id, input.termId, input.direction);
      return { done: `Term ${moved.from} is now term ${moved.to}.`, details: { termId: input.termId, from: moved.from, to: moved.to } };
    }
    case "freeze": {
      const v = await freezeDraft(ctx, id, user.id);
      return {
        done: v.reused ? `Version ${v.number} is unchanged and ready to sign.` : `Version ${v.number} is ready to sign.`,
        id: v.id,
        details: { versionId: v.id, number: v.number, hash: v.contentHash },
      };
    }
    case "sign": {
      const s = await signVersion(ctx, id, input.versionId, input, user.id);
      return { done: `${s.name} signed version ${s.number}.`, change: "signed", details: { versionId: input.versionId, participantId: input.participantId, method: input.method } };
    }
    case "submit": {
      const v = await submitVersion(ctx, id, input.versionId, user.id);
      return { done: `Version ${v.number} was sent to the supervisor for review.`, change: "submitted", details: { versionId: input.versionId } };
    }
    case "comment":
      await commentOnVersion(id, input.versionId, input.termId, input.body, user.id);
      return { done: "Comment added.", details: { versionId: input.versionId, termId: input.termId } };
    case "approve": {
      const v = await decideVersion(ctx, id, input.versionId, user.id, "APPROVED", null);
      return { done: `Version ${v.number} is approved: it is now the agreement of record.`, change: "approved", details: { versionId: input.versionId } };
    }
    case "request-changes": {
      const v = await decideVersion(ctx, id, input.versionId, user.id, "CHANGES_REQUESTED", input.reason);
      return { done: `Changes requested on version ${v.number}. The facilitators have been told.`, change: "changes_requested", details: { versionId: input.versionId } };
    }
    case "progress":
      await recordProgress(id, input.termId, input.status, input.note, user.id);
      return { done: "Progress recorded.", change: "monitoring", details: { termId: input.termId, status: input.status } };
    case "payment":
      await recordPayment(id, input.termId, input.amount, input.receivedAt, user.id);
      return { done: "Payment recorded.", change: "monitoring", details: { termId: input.termId, amountPence: input.amount } };
    case "notice":
      await recordOutcomeNotice(id, input, user.id);
      return { done: "Recorded that the person harmed was told.", change: "monitoring", details: { outcome: input.outcome, method: input.method } };
  }
}

const CHANGE_MESSAGES: Record<AgreementChangedPayload["change"], (name: string) => string> = {
  signed: (n) => `A signature was added (recorded by ${n}).`,
  submitted: (n) => `${n} sent the agreement to the supervisor for review.`,
  changes_requested: (n) => `${n} asked for changes to the agreement.`,
  approved: (n) => `${n} approved the agreement.`,
  monitoring: (n) => `${n} updated the agreement's monitoring.`,
};

/** Tells the case room (case page, agreement pages) what changed. */
export async function announce(
  realtime: Pick<CircleLoadContext["realtime"], "notifyAgreementChanged">,
  caseId: string,
  change: AgreementChangedPayload["change"],
  actorName: string,
) {
  const agreement = await getCaseAgreement(caseId);
  if (agreement) realtime.notifyAgreementChanged({ caseId, agreementId: agreement.id, change, message: CHANGE_MESSAGES[change](actorName) });
}
