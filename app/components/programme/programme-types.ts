import type { AttendanceStatus, CancelledBy, ContactReadiness, ProgrammeModule, ProgrammeVenue } from "~/models/programme-labels";
import type { WorksheetStatus } from "~/models/worksheet-labels";

/** What the programme page's components get of the loader's data (dates are ISO strings once serialised). */
export type SessionView = {
  id: string;
  position: number;
  title: string;
  module: ProgrammeModule;
  aims: string;
  minutes: number;
  guidance: string;
  exercises: string;
  added: boolean;
  skipped: boolean;
  skipReason: string;
  scheduledOn: string | null;
  scheduledAt: string | null;
  venueKind: ProgrammeVenue | null;
  venue: string;
  coFacilitator: { id: string; name: string } | null;
  attendance: { status: AttendanceStatus; reason: string; cancelledBy: CancelledBy | null; createdAt: string; recordedBy: { name: string } } | null;
  review: { engagement: number; concern: boolean; concernText: string; contactReadiness: ContactReadiness; createdAt: string; recordedBy: { name: string } } | null;
};

export type ProgressView = {
  planned: number;
  held: number;
  skipped: number;
  missed: number;
  attendanceRate: number | null;
  modulesDone: ProgrammeModule[];
  modules: ProgrammeModule[];
};

export type SummaryView = {
  progress: ProgressView;
  readiness: { kind: "READY" | "NOT_READY"; reasons: string } | null;
  override: { reasons: string } | null;
  concern: { sessionTitle: string; raisedAt: string } | null;
  complete: boolean;
  gate: string[];
};

export type TeamMember = { id: string; name: string };

/** A worksheet set from a session, as the programme page shows it (app/models/programme-worksheets.server.ts). */
export type WorksheetView = {
  id: string;
  sessionId: string;
  title: string;
  status: WorksheetStatus;
  createdAt: string;
  submittedAt: string | null;
  open: boolean;
  username: string;
  waitingForInvite: boolean;
  answers: { id: string; prompt: string; answer: string }[];
  comments: { id: string; body: string; createdAt: string; by: string }[];
};
