import type { SerializeFrom } from "@remix-run/node";
import { useFetcher } from "@remix-run/react";
import type { getAgreementWorkspace } from "~/models/agreement.server";
import type { FormResult } from "~/utils/forms.server";

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

/** A fetcher posting to the agreement action, with its field errors and confirmation. */
export function useAgreementFetcher(key?: string) {
  const fetcher = useFetcher<FormResult>(key ? { key } : undefined);
  const errors = fetcher.data && !fetcher.data.ok ? fetcher.data.errors : {};
  const done = fetcher.data?.ok ? fetcher.data.done : undefined;
  return { fetcher, errors, done, busy: fetcher.state !== "idle" };
}
