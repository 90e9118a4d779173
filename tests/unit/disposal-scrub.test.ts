import { describe, expect, it } from "vitest";
import { scrubAuditDetails } from "~/models/disposal-scrub";

const T = "DISPOSED-0A1B2C3D4E";
const scrub = (details: unknown) => JSON.parse(scrubAuditDetails(JSON.stringify(details), T)) as unknown;

describe("what a disposed case's audit entries keep of their details", () => {
  it("keeps codes, ids, times and numbers, so the trail still says what was done", () => {
    const details = {
      from: "PREPARATION",
      to: "CLOSED",
      intent: "request-changes",
      access: "write",
      version: 3,
      held: true,
      scheduledAt: "2026-12-01T10:30:00.000Z",
      day: "2026-12-01",
      disposalId: "cm4k2j3h4g5f6d7s8a9q0w1e2",
      counts: { participants: 3 },
    };
    expect(scrub(details)).toEqual(details);
  });

  it("replaces free text and names with the tombstone reference, wherever they are", () => {
    expect(
      scrub({
        closureNote: "Jess moved to 14 Elm Road",
        reason: "settled",
        email: "daniel",
        venue: "Town Hall, Room 2",
        nested: { words: ["fine", "Mr Khan said sorry"] },
        long: "a".repeat(41),
      }),
    ).toEqual({ closureNote: T, reason: T, email: T, venue: T, nested: { words: ["fine", T] }, long: T });
  });

  it("keeps an empty note empty, and turns unreadable details into an empty object", () => {
    expect(scrub({ closureNote: "" })).toEqual({ closureNote: "" });
    expect(scrubAuditDetails("not json", T)).toBe("{}");
    expect(scrubAuditDetails("null", T)).toBe("{}");
  });
});
