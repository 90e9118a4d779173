import type { ActionFunctionArgs } from "@remix-run/node";
import { DisposalActionSchema } from "~/models/disposal-schemas";
import { disposeCase } from "~/models/disposal.server";
import { findServiceCase } from "~/models/case-team.server";
import { liftLegalHold, placeLegalHold } from "~/models/legal-hold.server";
import { formAction, onService, type Access } from "~/utils/action.server";
import type { FormFields } from "~/utils/forms.server";
import { CaseIdSchema } from "~/utils/schemas";
import type { SessionUser } from "~/utils/session.server";

/**
 * The disposals page's forms (app/routes/admin.disposals.tsx): a legal hold placed or lifted, and a
 * disposal. Holds need `service:legal-hold`, a disposal `service:dispose` (404 otherwise, before the
 * form is read); the case named in the form must be the service's, so the entries land in its trail.
 */
export const action = (args: ActionFunctionArgs) => disposalAction()(args);

async function authorize(user: SessionUser, _args: ActionFunctionArgs, intent: string, form: FormFields | null): Promise<Access> {
  await onService(intent === "dispose" ? "service:dispose" : "service:legal-hold")(user);
  const caseId = CaseIdSchema.safeParse(form?.caseId);
  if (!caseId.success) return { caseId: null };
  const found = await findServiceCase(user.serviceId, caseId.data);
  return { caseId: found?.id ?? null };
}

const disposalAction = () =>
  formAction({
    authorize,
    schema: DisposalActionSchema,
    run: async ({ user, input, context, transaction }) => {
      if (input.intent === "hold") {
        const held = await transaction((tx) => placeLegalHold(tx, user, input.caseId, input.reason));
        return {
          done: `${held.reference} is on legal hold: it cannot be disposed of until the hold is lifted.`,
          id: input.caseId,
          audit: { action: "case.legal-hold.place", target: `case:${input.caseId}`, details: { holdId: held.holdId, reason: input.reason } },
        };
      }
      if (input.intent === "lift") {
        const lifted = await transaction((tx) => liftLegalHold(tx, user, input.caseId, input.reason));
        return {
          done: `The legal hold on ${lifted.reference} is lifted.`,
          id: input.caseId,
          audit: { action: "case.legal-hold.lift", target: `case:${input.caseId}`, details: { holdId: lifted.holdId, reason: input.reason } },
        };
      }
      const disposed = await disposeCase(context.collab, user, { caseId: input.caseId, reason: input.reason, ruleId: input.ruleId, confirmReference: input.confirmReference });
      const removed = Object.entries(disposed.counts).reduce((sum, [kind, n]) => (kind === "auditEntriesRewritten" ? sum : sum + n), 0);
      return {
        done: disposed.fileRewritten
          ? `The case's personal data was disposed of. It is now ${disposed.tombstoneReference}; its certificate is below.`
          : `The case's personal data was disposed of (now ${disposed.tombstoneReference}), but the database file could not be compacted afterwards: ask whoever runs Circle to run VACUUM on it.`,
        id: disposed.disposalId,
        data: { disposalId: disposed.disposalId },
        // The team's live screens and subscriptions to the case: re-checked, and closed, now that nobody is on it.
        afterwards: () => disposed.formerMembers.forEach((userId) => context.realtime.membershipChanged(userId)),
        audit: {
          action: "case.disposed",
          target: `case:${input.caseId}`,
          details: {
            tombstone: disposed.tombstoneReference,
            disposalId: disposed.disposalId,
            ruleId: input.ruleId,
            reason: input.reason,
            removed,
            counts: disposed.counts,
            fileRewritten: disposed.fileRewritten,
          },
        },
      };
    },
  });
