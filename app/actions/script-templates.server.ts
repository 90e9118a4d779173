import { TemplateActionSchema } from "~/models/script-schemas";
import { changeTemplate } from "~/models/script-templates.server";
import { formAction, onService } from "~/utils/action.server";

/** The script templates page's forms (routes/admin.scripts.tsx): the service manager's own templates. */
export const action = formAction({
  authorize: onService("service:manage-scripts"),
  schema: TemplateActionSchema,
  run: async ({ user, input }) => {
    const outcome = await changeTemplate(user, input);
    if (!outcome.ok) return { errors: outcome.errors };
    return { done: outcome.done, id: outcome.templateId, audit: { action: `script-template.${input.intent}`, target: `script-template:${outcome.templateId}` } };
  },
});
