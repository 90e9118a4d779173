import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { requireCaseAction } from "./case-access.server";
import { getSubjectAccess, subjectAccessExport } from "./subject-access.server";
import type { SubjectAccessExport } from "./subject-access-shape";

/**
 * The two downloads of a subject access export (PDF and JSON) read the same way: the manager, the
 * request on the case in the URL, its export (as released, once it is), and an audit entry written
 * every time. Returns the export and a file name without the person's name in it.
 */
export async function loadSubjectAccessDownload({ request, params, context }: LoaderFunctionArgs, format: "pdf" | "json") {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "case:subject-access");
  const found = await getSubjectAccess(resource.caseId, params.requestId);
  if (!found) throw notFound("Request not found");
  const made: SubjectAccessExport = await subjectAccessExport(context, found);
  await auditRequest(context, {
    actor: user,
    action: format === "pdf" ? "subject-access.export.pdf" : "subject-access.export.json",
    target: `subject-access:${found.id}`,
    caseId: found.caseId,
    details: { released: found.releasedAt !== null },
  });
  const name = `subject-access-${found.case.reference.replace(/[^A-Za-z0-9-]/g, "_")}-${found.id}${found.releasedAt ? "-released" : "-review"}.${format}`;
  return { made, name };
}
