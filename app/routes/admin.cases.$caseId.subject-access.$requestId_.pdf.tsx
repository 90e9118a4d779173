import type { LoaderFunctionArgs } from "@remix-run/node";
import { subjectAccessPdf } from "~/models/subject-access-document";
import { loadSubjectAccessDownload } from "~/models/subject-access-download.server";
import { pdfResponse, renderPdf } from "~/utils/pdf.server";

/** The subject access export as a readable PDF (the service manager; audited each time). */
export async function loader(args: LoaderFunctionArgs) {
  const { made, name } = await loadSubjectAccessDownload(args, "pdf");
  return pdfResponse(await renderPdf(subjectAccessPdf(made)), name);
}
