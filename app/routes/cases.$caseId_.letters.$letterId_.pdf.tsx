import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLetterAction } from "~/models/letter.server";
import { deliverablePdf, getDeliverable } from "~/models/letter-output.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";

/** The approved letter as a PDF, as it will be delivered (redactions applied). Facilitators only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:release", params.caseId);
  const deliverable = await getDeliverable(access.letterId);
  if (!deliverable) throw notFound("No approved letter");
  await audit({ actor: user, action: "letter.export.pdf", target: `letter:${access.letterId}`, caseId: access.caseId, ip: context.clientIp, details: { version: deliverable.number } });
  return new Response(Buffer.from(deliverablePdf(deliverable)), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="letter-v${deliverable.number}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
