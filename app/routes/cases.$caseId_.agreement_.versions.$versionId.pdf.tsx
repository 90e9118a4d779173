import type { LoaderFunctionArgs } from "@remix-run/node";
import { agreementPdf, loadApprovedExport } from "~/models/agreement-output.server";
import { pdfResponse } from "~/utils/pdf.server";

/** The approved agreement as a PDF (text only: no script, links or images). Case members only. */
export async function loader(args: LoaderFunctionArgs) {
  const { exported } = await loadApprovedExport(args, "pdf");
  return pdfResponse(await agreementPdf(exported), `agreement-${exported.reference}-v${exported.number}.pdf`);
}
