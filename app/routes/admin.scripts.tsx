import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CreateTemplate, TemplateCard } from "~/components/script/template-editor";
import { listServiceTemplates } from "~/models/script-templates.server";
import { requireServiceUser } from "~/utils/auth.server";

/**
 * Script templates of the service: the built-in standard script is always there; a
 * service manager adds the service's own, which facilitators then pick when preparing a script.
 */
export const meta: MetaFunction = () => [{ title: "Script templates · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-scripts");
  return json(await listServiceTemplates(admin.serviceId));
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/script-templates.server";

export default function ScriptTemplates() {
  const { templates, standard } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <h1>Script templates</h1>
      <p className="hint">
        Facilitators start each conference script from a template and then tailor it. <strong>{standard.name}</strong> ({standard.steps} steps) is always available; add your
        service's own here.
      </p>
      <CreateTemplate />
      <section className="section-gap" aria-labelledby="own-heading">
        <h2 id="own-heading">Your service's templates</h2>
        {templates.length === 0 ? (
          <p className="empty card">Your service has no templates of its own yet.</p>
        ) : (
          <div className="stack">
            {templates.map((t) => (
              <TemplateCard key={t.id} template={t} />
            ))}
          </div>
        )}
      </section>
    </main>
  );
}
