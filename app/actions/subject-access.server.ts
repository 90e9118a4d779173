import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCaseAction } from "~/models/case-access.server";
import { addRedaction, getSubjectAccess, recordSubjectAccess, releaseSubjectAccess, removeRedaction } from "~/models/subject-access.server";
import { StartSubjectAccessSchema, SubjectAccessActionSchema } from "~/models/subject-access-schemas";
import { formAction, onCase } from "~/utils/action.server";
import { notFound } from "~/utils/auth.server";
import type { SessionUser } from "~/utils/session.server";

/** Recording a subject access request (the case's requests page): then straight to its review. */
export const startAction = formAction({
  authorize: onCase("case:subject-access"),
  schema: StartSubjectAccessSchema,
  run: async ({ user, access, input }) => {
    const created = await recordSubjectAccess(access.caseId, input, user.id);
    return {
      done: "Recorded the request.",
      id: created.id,
      audit: { action: "subject-access.request", target: `subject-access:${created.id}`, details: { participantId: input.participantId } },
      redirectTo: `/admin/cases/${access.caseId}/subject-access/${created.id}`,
    };
  },
});

/** The request named in the URL, on the case named in the URL, for whoever answers subject access (404 otherwise). */
async function onRequest(user: SessionUser, { params }: ActionFunctionArgs) {
  const resource = await requireCaseAction(user, params.caseId, "case:subject-access");
  const request = await getSubjectAccess(resource.caseId, params.requestId);
  if (!request) throw notFound("Request not found");
  return { caseId: resource.caseId, request };
}

/** The review screen: redact a phrase, take a redaction back, release the export. */
export const reviewAction = formAction({
  authorize: onRequest,
  schema: SubjectAccessActionSchema,
  run: async ({ user, access: { request }, input, context }) => {
    const target = `subject-access:${request.id}`;
    if (input.intent === "redact") {
      const made = await addRedaction(request, input.phrase, user.id);
      return { done: "Redacted: the export below shows it.", id: made.id, audit: { action: "subject-access.redact", target } };
    }
    if (input.intent === "unredact") {
      await removeRedaction(request, input.redactionId);
      return { done: "The redaction is taken back.", audit: { action: "subject-access.unredact", target } };
    }
    const released = await releaseSubjectAccess(context, request, user);
    return {
      done: "Released. The export is kept as it was sent.",
      audit: { action: "subject-access.release", target, details: { manualRedactions: released.manualRedactions, hash: released.hash } },
    };
  },
});
