import type { CollabDocName } from "~/realtime/protocol";
import { can, type Principal } from "~/utils/permissions";
import { agreementCollabLevel } from "./agreement.server";
import { getCaseResource } from "./case-access.server";
import { letterCollabLevel } from "./letter.server";
import { getConferenceAccess } from "./live.server";
import { programmeSessionCaseId } from "./programme.server";
import { isSeatingLocked } from "./seating.server";
import type { CollabAccess } from "./collab-access";

export type { CollabAccess };

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
    case "seating": {
      // The plan is read-only once the conference starts (the lead can unlock it from the live screen or the plan).
      const access = await getConferenceAccess(user, doc.id);
      if (!access) return null;
      if (can(user, "seating:write", access.resource) && !(await isSeatingLocked(access.conferenceId))) return { level: "write", caseId: access.caseId };
      if (can(user, "seating:read", access.resource)) return { level: "read", caseId: access.caseId };
      return null;
    }
    // Facilitators write while the agreement is drafting; every case member reads; others get 404.
    case "agreement":
      return agreementCollabLevel(user, doc.id);
    // The author writes their own letter while drafting (not locked); the case team reads; others get 404.
    case "letter":
      return letterCollabLevel(user, doc.id);
    // A programme session's notes: the case's facilitators write them together, the case team reads.
    case "session-notes": {
      const caseId = await programmeSessionCaseId(doc.id);
      const resource = caseId ? await getCaseResource(user, caseId) : null;
      if (!resource) return null;
      if (can(user, "programme:record", resource)) return { level: "write", caseId: resource.caseId };
      if (can(user, "programme:read", resource)) return { level: "read", caseId: resource.caseId };
      return null;
    }
  }
}
