import type { SerializeFrom } from "@remix-run/node";
import type { Preparation } from "~/models/preparation.server";

/** The case screen's preparation data as the browser receives it (dates as ISO strings). */
export type PrepData = SerializeFrom<Preparation>;
export type PrepParticipant = PrepData["participants"][number];

/** What every case-screen section receives. */
export type SectionProps = {
  caseId: string;
  prep: PrepData;
  /** Lead or co-facilitator: may change preparation. */
  canEdit: boolean;
  /** The case's supervisor: may approve risk assessments. */
  canApprove: boolean;
  me: { id: string; name: string };
};
