import type { LoaderFunctionArgs } from "@remix-run/node";
import { disposalCertificatePdf } from "~/models/disposal-certificate.server";
import { getDisposalRecord } from "~/models/disposal-list.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireServiceUser } from "~/utils/auth.server";
import { pdfResponse } from "~/utils/pdf.server";

/** A disposal's certificate as a PDF, for the service manager (404 for anyone else or another service's). Audited as an export. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:dispose");
  const record = await getDisposalRecord(admin.serviceId, params.disposalId ?? "");
  if (!record) throw notFound("Disposal not found");
  const bytes = await disposalCertificatePdf(record);
  await auditRequest(context, {
    actor: admin,
    action: "disposal.certificate.export",
    target: `disposal:${record.id}`,
    caseId: record.caseId,
    details: { tombstone: record.tombstoneReference },
  });
  return pdfResponse(bytes, `disposal-certificate-${record.tombstoneReference}.pdf`);
}
