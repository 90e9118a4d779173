import { copyBusStopCase, cuidLike } from "./case-fixtures";

/**
 * A copy of the bus-stop case in preparation (same team, Jess and Dan as its two parties) where
 * only indirect communication was agreed: both have said yes to taking part and to having questions
 * and answers passed on. One per test project, since both share one seeded database and the walk
 * ends by closing the case.
 */
export function createIndirectCase(reference: string): { caseId: string } {
  return copyBusStopCase(reference, {
    title: `Messages only (${reference})`,
    stage: "PREPARATION",
    more: (insert, { caseId, leadId, participants, now }) => {
      for (const participantId of Object.values(participants))
        for (const element of ["TAKE_PART", "PASS_MESSAGES"])
          insert("ConsentEntry", {
            id: cuidLike(),
            caseId,
            participantId,
            element,
            answer: "YES",
            method: "IN_PERSON",
            givenAt: now,
            note: "",
            sharedWith: "",
            recordedById: leadId,
            createdAt: now,
          });
    },
  });
}
