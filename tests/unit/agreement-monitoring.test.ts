import { describe, expect, it } from "vitest";
import { countDue, newestStatuses, termDueState } from "~/models/agreement-monitoring";
import { MoneySchema, SignaturePathSchema, termProblems } from "~/models/agreement-schemas";

describe("agreement monitoring and forms", () => {
  it("counts a term overdue once its date passed without completion, due within two weeks", () => {
    expect(termDueState("2026-11-20", "IN_PROGRESS", "2026-11-25")).toBe("overdue");
    expect(termDueState("2026-11-20", "COMPLETED", "2026-11-25")).toBeNull();
    expect(termDueState("2026-12-05", "NOT_STARTED", "2026-11-25")).toBe("due");
    expect(termDueState("2027-02-01", "NOT_STARTED", "2026-11-25")).toBeNull();
    expect(termDueState(null, "NOT_STARTED", "2026-11-25")).toBeNull();
  });

  it("takes the newest progress row of each term", () => {
    const statuses = newestStatuses([
      { termId: "a", status: "IN_PROGRESS", createdAt: "2026-11-01T00:00:00Z" },
      { termId: "a", status: "COMPLETED", createdAt: "2026-11-10T00:00:00Z" },
      { termId: "b", status: "MISSED", createdAt: "2026-11-05T00:00:00Z" },
    ]);
    expect(statuses.get("a")).toBe("COMPLETED");
    const terms = [
      { id: "a", dueDate: "2026-11-01" },
      { id: "b", dueDate: "2026-11-01" },
      { id: "c", dueDate: "2026-11-30" },
    ] as never[];
    expect(countDue(terms, statuses, "2026-11-25")).toEqual({ due: 1, overdue: 1 });
  });

  it("reads money as pence and refuses anything else", () => {
    expect(MoneySchema.parse("£45.50")).toBe(4550);
    expect(MoneySchema.parse("120")).toBe(12000);
    expect(MoneySchema.parse("1,200.5")).toBe(120050);
    expect(MoneySchema.safeParse("-3").success).toBe(false);
    expect(MoneySchema.safeParse("0").success).toBe(false);
  });

  it("accepts signature path data only, never markup", () => {
    expect(SignaturePathSchema.safeParse("M10 20 L30.5 40").success).toBe(true);
    expect(SignaturePathSchema.safeParse('<svg onload="x"><path d="M1 1"/></svg>').success).toBe(false);
    expect(SignaturePathSchema.safeParse("M1 1 Z").success).toBe(false);
    expect(SignaturePathSchema.safeParse("").success).toBe(false);
  });

  it("requires an amount for restitution and hours for community work", () => {
    const base = { description: "x", responsibleId: "p1", beneficiaryId: "p2", dueDate: null, verification: "", amount: null, instalments: null, hours: null };
    expect(termProblems({ ...base, type: "RESTITUTION" })).toHaveProperty("amount");
    expect(termProblems({ ...base, type: "COMMUNITY_WORK" })).toHaveProperty("hours");
    expect(termProblems({ ...base, type: "APOLOGY_LETTER" })).toEqual({});
    expect(termProblems({ ...base, type: "OTHER", beneficiaryId: "p1" })).toHaveProperty("beneficiaryId");
  });
});
