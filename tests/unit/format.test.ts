import { describe, expect, it } from "vitest";
import { termSpecifics } from "~/models/agreement-schemas";
import { formatDay } from "~/utils/format";

describe("dates as people read them", () => {
  it("shows a calendar day in words, the same day wherever it is read", () => {
    expect(formatDay("2026-12-01")).toBe("1 December 2026");
    expect(formatDay("2027-01-31")).toBe("31 January 2027");
    // Midsummer: a day stored as UTC midnight is not pulled back to the day before.
    expect(formatDay("2026-06-30")).toBe("30 June 2026");
    expect(formatDay("2028-02-29")).toBe("29 February 2028");
  });

  it("shows an instant as the day it falls on in the service's time zone", () => {
    expect(formatDay("2026-12-01T10:00:00.000Z")).toBe("1 December 2026");
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    expect(formatDay(new Date("2026-06-30T23:30:00Z"))).toBe("1 July 2026");
    expect(formatDay(new Date("2026-12-31T23:30:00Z"))).toBe("31 December 2026");
  });

  it("never shows 'Invalid Date': text that is not a date comes back as it was", () => {
    expect(formatDay("2026-02-30")).toBe("2026-02-30");
    expect(formatDay("soon")).toBe("soon");
    expect(formatDay(new Date(NaN))).toBe("");
  });

  it("a term's specifics name its due date in words, not as an ISO string", () => {
    const text = termSpecifics({ type: "RESTITUTION", amountPence: 12000, instalments: 2, hours: null, dueDate: "2027-01-31" });
    expect(text).toBe("£120.00 in 2 instalments · due 31 January 2027");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
