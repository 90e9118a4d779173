import { ProgrammeTemplateSchema } from "~/models/programme-schemas";
import { changeProgrammeTemplate } from "~/models/programme-templates.server";
import { formAction, onService } from "~/utils/action.server";

/** The programme templates page's forms (routes/admin.programmes.tsx): the service manager's templates. */
export const action = formAction({
  authorize: onService("service:manage-programmes"),
  schema: ProgrammeTemplateSchema,
  run: async ({ user, input }) => {
    const outcome = await changeProgrammeTemplate(user, input);
    return { done: outcome.done, id: outcome.templateId, audit: { action: `programme-template.${input.intent}`, target: `programme-template:${outcome.templateId}` } };
  },
});
