import type { SerializeFrom } from "@remix-run/node";
import type { getAgreementWorkspace } from "~/models/agreement.server";

/** The agreement workspace's data as the browser receives it (dates as ISO strings). */
export type Workspace = SerializeFrom<NonNullable<Awaited<ReturnType<typeof getAgreementWorkspace>>>> & {
  canDraft: boolean;
  canReview: boolean;
  /** The version being signed is exactly the current draft. */
  openIsCurrent: boolean;
  me: { id: string; name: string };
};
export type WorkspaceVersion = Workspace["versions"][number];
export type WorkspaceParticipant = Workspace["participants"][number];
export type DraftTerm = Workspace["terms"][number];
