import { notFound } from "~/utils/auth.server";
import { can, type CaseAction, type Principal } from "~/utils/permissions";
import { getConferenceAccess, type ConferenceAccess } from "./live.server";

/**
 * For conference pages and actions: the conference's access facts when `user` may do `action`
 * on its case; otherwise 404 (a conference's existence is not confirmed, like a case's).
 */
export async function requireConferenceAction(user: Principal, conferenceId: string | undefined, action: CaseAction): Promise<ConferenceAccess> {
  const access = conferenceId ? await getConferenceAccess(user, conferenceId) : null;
  if (!access || !can(user, action, access.resource)) throw notFound("Conference not found");
  return access;
}
