import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseNotes } from "~/components/editor/case-notes";
import { requireCaseAction } from "~/models/case-access.server";
import { getCaseHeading } from "~/models/case.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Notes ${data.reference} · Circle` : "Notes · Circle" }];

/** Full-screen notes for a tablet in the meeting room. Members only; supervisors read. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "notes:read");
  const heading = await getCaseHeading(resource.caseId);
  if (!heading) throw notFound("Case not found");
  await auditRequest(context, { actor: user, action: "case.notes.view", target: `case:${heading.id}`, caseId: heading.id });
  return json({ ...heading, readOnly: !can(user, "notes:write", resource) });
}

export default function FullScreenNotes() {
  const { id, reference, title, readOnly } = useLoaderData<typeof loader>();
  return (
    <main className="page notes-full" id="main">
      <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <div>
          <p className="hint" style={{ margin: 0 }}>
            {reference}
          </p>
          <h1 style={{ margin: 0 }}>Notes · {title}</h1>
        </div>
        <Link to={`/cases/${id}`} className="button secondary">
          Back to case
        </Link>
      </div>
      <CaseNotes caseId={id} readOnly={readOnly} />
    </main>
  );
}
