import { copyBusStopCase } from "./case-fixtures";

/**
 * A conference-held copy of the bus-stop case (same team, Jess and Dan as participants) for one
 * test project: both viewport projects share one seeded database and each drafts its own agreement.
 */
export function createHeldCase(reference: string): { caseId: string } {
  return copyBusStopCase(reference, { title: `Agreement drafting (${reference})`, stage: "CONFERENCE_HELD" });
}
