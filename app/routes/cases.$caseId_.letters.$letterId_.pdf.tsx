import type { LoaderFunctionArgs } from "@remix-run/node";
import { deliverablePdf, loadDeliverable } from "~/models/letter-output.server";
import { pdfResponse } from "~/utils/pdf.server";

/** The approved letter as a PDF, as it will be delivered (redactions applied). Facilitators only. */
export async function loader(args: LoaderFunctionArgs) {
  const { deliverable } = await loadDeliverable(args, "pdf");
  return pdfResponse(await deliverablePdf(deliverable), `letter-v${deliverable.number}.pdf`);
}
