import { changeConferenceScript } from "~/models/conference-script-actions.server";
import { ScriptActionSchema } from "~/models/script-schemas";
import { formAction, onConference } from "~/utils/action.server";

/** The conference script page's forms (routes/conferences.$conferenceId_.script.tsx): the facilitators tailor the script before the day. */
export const action = formAction({
  authorize: onConference("script:edit"),
  schema: ScriptActionSchema,
  run: async ({ access, input }) => {
    const outcome = await changeConferenceScript(access, input);
    if (!outcome.ok) return { errors: outcome.errors };
    const details = "stepId" in input ? { stepId: input.stepId } : {};
    return { done: outcome.done, audit: { action: `conference.script.${input.intent}`, target: `conference:${access.conferenceId}`, details } };
  },
});
