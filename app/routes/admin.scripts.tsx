import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CreateTemplate, TemplateCard } from "~/components/script/template-editor";
import { TemplateActionSchema } from "~/models/script-schemas";
import { changeTemplate, listServiceTemplates } from "~/models/script-templates.server";
import { audit } from "~/utils/audit.server";
import { requireServiceUser } from "~/utils/auth.server";
import { formDone, formError, parseForm } from "~/utils/forms.server";

/**
 * Script templates of the service: the built-in standard script is always there; a
 * service manager adds the service's own, which facilitators then pick when preparing a script.
 */
export const meta: MetaFunction = () => [{ title: "Script templates · Circle" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-scripts");
  return json(await listServiceTemplates(admin.serviceId));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireServiceUser(request, context, "service:manage-scripts");
  const parsed = await parseForm(request, TemplateActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const outcome = await changeTemplate(admin, input);
  if (!outcome.ok) return formError(outcome.errors, input.intent);
  await audit({ actor: admin, action: `script-template.${input.intent}`, target: `script-template:${outcome.templateId}`, ip: context.clientIp });
  return formDone(outcome.done, input.intent, outcome.templateId);
}

export default function ScriptTemplates() {
  const { templates, standard } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <h1>Script templates</h1>
      <p className="hint">
        Facilitators start each conference script from a template and then tailor it. <strong>{standard.name}</strong> ({standard.steps} steps) is always
        available; add your service's own here.
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
