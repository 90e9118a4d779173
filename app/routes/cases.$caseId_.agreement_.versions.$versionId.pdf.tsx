import type { LoaderFunctionArgs } from "@remix-run/node";
import { agreementPdf, getApprovedExport } from "~/models/agreement-output.server";
import { requireCaseAction } from "~/models/case-access.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { RecordIdSchema } from "~/utils/schemas";

/** The approved agreement as a PDF (text only: no script, links or images). Case members only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "agreement:read");
  const versionId = RecordIdSchema.safeParse(params.versionId);
  const exported = versionId.success ? await getApprovedExport(resource.caseId, versionId.data) : null;
  if (!exported) throw notFound("No approved agreement");
  await audit({ actor: user, action: "agreement.export.pdf", target: `case:${resource.caseId}`, caseId: resource.caseId, ip: context.clientIp, details: { version: exported.number } });
  return new Response(Buffer.from(agreementPdf(exported)), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="agreement-${exported.reference}-v${exported.number}.pdf"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
