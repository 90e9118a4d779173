import { describe, expect, it } from "vitest";
import { addWorkingDays, victimsCodeStatus } from "~/models/gates";
import { bankHolidays, easterSunday, isBankHoliday } from "~/utils/bank-holidays";

// England and Wales, as published on gov.uk/bank-holidays.
const PUBLISHED: Record<number, string[]> = {
  2020: ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"],
  2022: ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
  2023: ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"],
  2025: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"],
  2026: ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
  2027: ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
};

describe("bank holidays in England and Wales", () => {
  it.each(Object.entries(PUBLISHED))("%s matches the published list, weekend substitutes and proclaimed changes included", (year, days) => {
    expect(bankHolidays(Number(year))).toEqual(days);
  });

  it("finds Easter Sunday", () => {
    expect(["2024", "2025", "2026", "2027", "2038"].map((y) => easterSunday(Number(y)))).toEqual(["2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25"]);
  });

  it("answers for a single date", () => {
    expect(isBankHoliday("2026-12-28")).toBe(true);
    expect(isBankHoliday("2026-12-26")).toBe(false); // a Saturday; Monday the 28th is the holiday
    expect(isBankHoliday("2026-11-27")).toBe(false);
  });
});

describe("Victims' Code working days skip bank holidays", () => {
  it("over Christmas and New Year: 5 working days from Christmas Eve 2026 end on 5 January", () => {
    expect(addWorkingDays(new Date("2026-12-24T10:00:00Z"), 5).toISOString()).toBe("2027-01-05T10:00:00.000Z");
  });

  it("over Easter: 1 working day from the Thursday before Good Friday is the Tuesday after", () => {
    const referred = new Date("2026-04-02T09:00:00Z");
    expect(addWorkingDays(referred, 1).toISOString()).toBe("2026-04-07T09:00:00.000Z");
    const p = { enhancedRights: true, infoOfferedAt: null, notInvitedReason: null };
    expect(victimsCodeStatus(referred, p, new Date("2026-04-06T17:00:00Z")).state).toBe("due");
    expect(victimsCodeStatus(referred, p, new Date("2026-04-07T12:00:00Z")).state).toBe("overdue");
  });

  it("counts days in London, not UTC: just after midnight in summer is already the next day", () => {
    // Referred at 00:30 on Sunday 24 May 2026 in London (23:30 UTC on the Saturday). A day later it
    // is 00:30 on Monday 25 May, a bank holiday; the working day is Tuesday 26 May, which begins at
    // 23:30 UTC on the 25th. Counting in UTC would have called the 25th a Monday and waited a day more.
    expect(addWorkingDays(new Date("2026-05-23T23:30:00Z"), 1).toISOString()).toBe("2026-05-25T23:30:00.000Z");
  });
});
