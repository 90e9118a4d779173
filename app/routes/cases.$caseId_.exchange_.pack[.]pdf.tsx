import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadPack, packPdf } from "~/models/exchange-pack.server";
import { pdfResponse } from "~/utils/pdf.server";

/** The printable pack as a PDF: the same people may have it, with the same words and the same refusals as the print view. */
export async function loader(args: LoaderFunctionArgs) {
  const pack = await loadPack(args, "pdf");
  return pdfResponse(await packPdf(pack), `messages-for-${pack.firstName.toLowerCase().replace(/[^a-z0-9]+/g, "-") || "them"}.pdf`);
}
