import type { ParticipantRole } from "~/utils/preparation";

/** What the live screen shows besides the state (getLiveScript in live.server.ts, as JSON). */
export type LiveScriptStep = { id: string; position: number; phase: string; title: string; prompt: string; addressedTo: string[] };
export type LiveAttendee = { id: string; name: string; fullName: string; role: ParticipantRole; supportsId: string | null };
export type LiveScript = {
  id: string;
  caseId: string;
  reference: string;
  title: string;
  scheduledAt: string;
  venue: string;
  status: string;
  holdReason: string | null;
  steps: LiveScriptStep[];
  attendees: LiveAttendee[];
};
