import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CreateProgrammeTemplate, ProgrammeTemplateCard } from "~/components/programme/template-editor";
import { listProgrammeTemplates } from "~/models/programme-templates.server";
import { auditRequest } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import styles from "~/styles/programme.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Programme templates · Circle" }];

/** The service's intervention programme templates: the manager adapts the standard one or adds their own; facilitators start a case's programme from one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-programmes");
  const templates = await listProgrammeTemplates(admin.serviceId);
  await auditRequest(context, { actor: admin, action: "programme-template.view", target: `service:${admin.serviceId}` });
  return json({ templates });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/programme-templates.server";

export default function ProgrammeTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <h1>Programme templates</h1>
      <p className="hint">
        Facilitators start the person responsible&rsquo;s intervention programme from one of these and then adapt it for the case. A change here does not change a programme already
        started.
      </p>
      <CreateProgrammeTemplate />
      <section className="section-gap" aria-labelledby="own-heading">
        <h2 id="own-heading">Your service&rsquo;s programmes</h2>
        {templates.length === 0 ? (
          <p className="empty card">Your service has no programmes. Add one above.</p>
        ) : (
          <div className="stack">
            {templates.map((t) => (
              <ProgrammeTemplateCard key={t.id} template={t} />
            ))}
          </div>
        )}
      </section>
    </main>
  );
}
