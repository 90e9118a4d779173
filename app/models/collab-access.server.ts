import type { CollabDocName } from "~/realtime/protocol";
import { can, type Principal } from "~/utils/permissions";
import { getCaseResource } from "./case-access.server";

export type CollabAccess = { level: "write" | "read"; caseId: string };

/**
 * What a user may do with one collab document: write, read, or nothing (null).
 * Each document kind maps to the case it belongs to and the can() actions that govern it.
 */
export async function getCollabAccess(user: Principal, doc: CollabDocName): Promise<CollabAccess | null> {
  switch (doc.kind) {
    case "notes": {
      const resource = await getCaseResource(user, doc.id);
      if (!resource) return null;
      if (can(user, "notes:write", resource)) return { level: "write", caseId: resource.caseId };
      if (can(user, "notes:read", resource)) return { level: "read", caseId: resource.caseId };
      return null;
    }
    // Seating, agreements and letters arrive with their issues; until then no document of theirs exists.
    case "seating":
    case "agreement":
    case "letter":
      return null;
  }
}
