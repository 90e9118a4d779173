import type { ActionFunctionArgs } from "@remix-run/node";
import { findServiceCase } from "~/models/case-team.server";
import { assignCaseRole, findServiceUser, removeCaseMember } from "~/models/user.server";
import { formAction, onServiceCase } from "~/utils/action.server";
import { CaseTeamSchema } from "~/utils/admin-schemas";
import { notFound } from "~/utils/auth.server";
import { Refusal } from "~/utils/refusal";
import { CASE_ROLE_LABELS } from "~/utils/roles";

/**
 * The case teams page's forms (app/routes/admin.cases._index.tsx): put a person on a case in a role,
 * or take them off. The page is the manager's; changing a team is also a rule about that case
 * (`case:assign`). A module of its own, so the pipeline and the schemas stay out of the page's
 * browser bundle (docs/conventions.md §2). A success names the case (`id`).
 */
export const action = (args: ActionFunctionArgs) => caseTeamAction()(args);

const caseTeamAction = () =>
  formAction({
    authorize: onServiceCase("service:list-cases", "case:assign"),
    schema: CaseTeamSchema,
    run: async ({ user: admin, input, context }) => {
      const [found, user] = await Promise.all([findServiceCase(admin.serviceId, input.caseId), findServiceUser(admin.serviceId, input.userId)]);
      if (!found || !user) throw notFound("Case or user not found");
      if (input.intent === "assign") {
        if (user.role === "ADMIN") throw new Refusal("Service managers are not case team members.", { status: 400, field: "userId" });
        await assignCaseRole(found.id, user.id, input.role);
        context.realtime.membershipChanged(user.id); // a changed role may take write access away
        return {
          done: `${user.email} is now ${CASE_ROLE_LABELS[input.role].toLowerCase()} on ${found.reference}.`,
          id: found.id,
          audit: { action: "case.member.assign", target: `user:${user.id}`, details: { role: input.role } },
        };
      }
      if (!(await removeCaseMember(found.id, user.id))) throw new Refusal("That person is not on this case.", { status: 400, field: "userId" });
      context.realtime.membershipChanged(user.id);
      return { done: `${user.email} was removed from ${found.reference}.`, id: found.id, audit: { action: "case.member.remove", target: `user:${user.id}` } };
    },
  });
