import { describe, expect, it } from "vitest";
import { receivedAt } from "~/models/case-record-dates";
import { showCell } from "~/models/report-cells";
import { defaultPeriod, monthsOf, periodInstants, previousQuarter, quarterRange, recentQuarters } from "~/models/report-period";
import { victimsCodeDue } from "~/models/gates";
import { csvRowsOf, reportTables, showTables } from "~/models/report-tables";
import { medianOf, storedDate, victimsCodeDeadlines, type ReportData } from "~/models/reports";

const at = (iso: string) => new Date(iso);

describe("small-number suppression", () => {
  it("shows counts of 1 to 4 as 'fewer than 5' when suppressing, and every count otherwise", () => {
    expect([0, 1, 4, 5, 1234].map((n) => showCell({ kind: "count", n }, true).text)).toEqual(["0", "fewer than 5", "fewer than 5", "5", "1,234"]);
    expect([0, 1, 4, 5].map((n) => showCell({ kind: "count", n }, false).text)).toEqual(["0", "1", "4", "5"]);
    expect(showCell({ kind: "count", n: 3 }, true).value).toBeNull();
  });

  it("withholds a rate whose part or whole is 1 to 4, and says when there is nothing to divide by", () => {
    expect(showCell({ kind: "rate", part: 3, whole: 20 }, true).text).toBe("withheld");
    expect(showCell({ kind: "rate", part: 3, whole: 4 }, true).text).toBe("withheld");
    expect(showCell({ kind: "rate", part: 0, whole: 20 }, true).text).toBe("0%");
    expect(showCell({ kind: "rate", part: 15, whole: 20 }, true)).toEqual({ text: "75%", value: 75 });
    expect(showCell({ kind: "rate", part: 3, whole: 4 }, false).text).toBe("75%");
    expect(showCell({ kind: "rate", part: 0, whole: 0 }, false).text).toBe("–");
  });

  it("withholds an average or median of fewer than 5 values", () => {
    expect(showCell({ kind: "average", sum: 17, n: 4 }, true).text).toBe("withheld");
    expect(showCell({ kind: "average", sum: 17, n: 4 }, false).text).toBe("4.3");
    expect(showCell({ kind: "average", sum: 21, n: 5 }, true).text).toBe("4.2");
    expect(showCell({ kind: "median", value: 12, n: 3 }, true).text).toBe("withheld");
    expect(showCell({ kind: "median", value: 12, n: 5 }, true).text).toBe("12");
  });
});

describe("Victims' Code deadlines", () => {
  const easter = receivedAt("2026-04-02"); // the end of the Thursday before Good Friday 2026, in London

  it("counts five working days past Good Friday and Easter Monday, and one for enhanced rights", () => {
    const [[referral, standard, enhanced]] = victimsCodeDeadlines([storedDate(easter)]) as [[string, string, string]];
    expect(referral).toBe("2026-04-02T22:59:59.999+00:00");
    // Monday 13 April and Tuesday 7 April, each to the end of the day in London (BST).
    expect(standard).toBe("2026-04-13T22:59:59.999+00:00");
    expect(enhanced).toBe("2026-04-07T22:59:59.999+00:00");
  });

  it("gives the same deadlines as the case screen's own rule, as text that orders like the instants", () => {
    const referrals = ["2025-12-23", "2026-05-22", "2026-08-28", "2026-10-23"].map((d) => storedDate(receivedAt(d)));
    for (const [referral, standard, enhanced] of victimsCodeDeadlines(referrals)) {
      expect(standard).toBe(storedDate(victimsCodeDue(new Date(referral), false)));
      expect(enhanced).toBe(storedDate(victimsCodeDue(new Date(referral), true)));
      expect(referral < enhanced && enhanced < standard).toBe(true);
    }
  });
});

describe("periods", () => {
  it("splits a period into the London months it touches, clipped to the period", () => {
    expect(monthsOf("2025-11-15", "2026-01-10")).toEqual([
      { month: "2025-11", from: "2025-11-15", to: "2025-11-30" },
      { month: "2025-12", from: "2025-12-01", to: "2025-12-31" },
      { month: "2026-01", from: "2026-01-01", to: "2026-01-10" },
    ]);
    // A summer month starts at 23:00 UTC the day before (BST).
    expect(periodInstants("2026-07-01", "2026-07-31")).toEqual({ start: at("2026-06-30T23:00:00Z"), end: at("2026-07-31T23:00:00Z") });
  });

  it("names quarters and the twelve months before today", () => {
    expect(quarterRange("2026-Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(quarterRange("2024-Q4")).toEqual({ from: "2024-10-01", to: "2024-12-31" });
    expect(previousQuarter("2026-02-10")).toBe("2025-Q4");
    expect(recentQuarters("2026-12-07", 3)).toEqual(["2026-Q4", "2026-Q3", "2026-Q2"]);
    expect(defaultPeriod("2026-12-07")).toEqual({ from: "2026-01-01", to: "2026-12-07" });
  });
});

describe("report tables", () => {
  const data: ReportData = {
    months: ["2026-01"],
    referrals: [{ month: "2026-01", source: "POLICE", n: 6 }],
    stages: [{ stage: "CLOSED", n: 6 }],
    outcomes: [
      { outcome: "CONFERENCE", reason: "COMPLETED", n: 4 },
      { outcome: "NOT_PROCEEDING", reason: "WITHDRAWN", n: 2 },
    ],
    harmed: { people: 0, offered: 0, direct: 0, indirect: 0 },
    victimsCode: { onTime: 0, late: 0, overdue: 0, notYetDue: 0, notInvited: 0 },
    daysToConference: [
      { days: 10, n: 1 },
      { days: 20, n: 2 },
      { days: 90, n: 1 },
    ],
    agreements: [],
    feedback: [],
    disposed: 0,
  };

  it("takes the lower middle value as the median", () => {
    expect(medianOf(data.daysToConference)).toBe(20);
    expect(medianOf([])).toBeNull();
  });

  it("puts not proceeding under its reason, and marks tables with nothing to count as empty", () => {
    const tables = showTables(reportTables(data), false);
    const outcome = tables.find((t) => t.id === "cases-by-outcome")!;
    expect(outcome.rows.find((r) => r.label === "Not proceeding: withdrawn")!.cells[0]!.text).toBe("2");
    expect(outcome.rows.find((r) => r.label === "Face-to-face conference")!.cells[0]!.text).toBe("4");
    expect(tables.find((t) => t.id === "persons-harmed")!.hasData).toBe(false);
    expect(tables.find((t) => t.id === "referrals-by-source")!.hasData).toBe(true);
  });

  it("writes a table's CSV rows in the words shown, suppressed", () => {
    const csv = csvRowsOf(showTables(reportTables(data), true).find((t) => t.id === "cases-by-outcome")!);
    expect(csv[0]).toEqual(["Outcome", "Cases"]);
    expect(csv).toContainEqual(["Face-to-face conference", "fewer than 5"]);
    expect(csv).toContainEqual(["Letter sent, no conference", "0"]);
    expect(csv).toContainEqual(["Indirect communication (questions and answers passed on by the facilitator)", "0"]);
  });

  it("says a completed case counts as recorded at closure, not as guessed from its records", () => {
    const outcome = reportTables(data).find((t) => t.id === "cases-by-outcome")!;
    expect(outcome.note).toContain("A case closed as completed counts as it was recorded at closure");
    expect(outcome.note).not.toContain("does not record apart");
  });
});

describe("secondary suppression", () => {
  const none = { people: 0, offered: 0, direct: 0, indirect: 0 };
  const base: ReportData = {
    months: ["2026-01", "2026-02"],
    referrals: [
      { month: "2026-01", source: "POLICE", n: 5 },
      { month: "2026-01", source: "PRISON", n: 2 },
      { month: "2026-02", source: "POLICE", n: 9 },
      { month: "2026-02", source: "COURT", n: 6 },
    ],
    stages: [
      { stage: "PREPARATION", n: 3 },
      { stage: "CLOSED", n: 13 },
    ],
    outcomes: [{ outcome: "OPEN", reason: null, n: 16 }],
    harmed: { people: 20, offered: 12, direct: 6, indirect: 2 },
    victimsCode: { onTime: 0, late: 0, overdue: 0, notYetDue: 0, notInvited: 0 },
    daysToConference: [],
    agreements: [],
    feedback: [],
    disposed: 0,
  };
  const shown = (data: ReportData, suppress: boolean, id: string) =>
    showTables(reportTables(data), suppress)
      .find((t) => t.id === id)!
      .rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]);

  it("withholds the next smallest count of a month's sources when one is hidden, so the total cannot give it away", () => {
    const months = shown(base, true, "referrals-by-month");
    // January: 7 referrals, 5 from the police, 2 from the prison: the police's 5 would give the prison's 2 away.
    expect(months[0]!.slice(0, 2)).toEqual(["Jan 2026", "7"]);
    expect(months[0]).toContain("fewer than 5");
    expect(months[0]).toContain("withheld");
    expect(months[0]).not.toContain("5");
    // The police column adds up to the police's row in "by source": January's withheld 5 would come
    // back from February's 9, which is withheld in turn, and so is the court's 6 beside it.
    expect(months[1]!.slice(0, 2)).toEqual(["Feb 2026", "15"]);
    expect(months[1]!.filter((n) => n === "withheld")).toHaveLength(2);
    const bySource = Object.fromEntries(shown(base, true, "referrals-by-source").map(([label, n]) => [label, n]));
    expect(Object.values(bySource).filter((n) => n === "fewer than 5")).toHaveLength(1);
    expect(Object.values(bySource).filter((n) => n === "withheld")).toHaveLength(1);
  });

  it("withholds a second stage beside a lone small one, and the rates of a withheld row", () => {
    const stages = Object.fromEntries(shown(base, true, "cases-by-stage").map(([label, n]) => [label, n]));
    expect(stages).toMatchObject({ Preparation: "fewer than 5", Closed: "withheld", Referral: "0" });
    // Took part 8 = directly 6 + indirectly 2: the 2 is hidden, so the 6 and its rate are withheld too.
    const harmed = shown(base, true, "persons-harmed");
    expect(harmed.find(([label]) => label === "Took part indirectly (letters or messages)")).toEqual(["Took part indirectly (letters or messages)", "fewer than 5", "withheld"]);
    expect(harmed.find(([label]) => label === "Took part directly (face to face)")).toEqual(["Took part directly (face to face)", "withheld", "withheld"]);
    expect(harmed.find(([label]) => label === "Took part")).toEqual(["Took part", "8", "67%"]);
  });

  it("leaves a lone hidden count whose sum has nothing else above zero, and hides nothing for the case team", () => {
    const alone = { ...base, stages: [{ stage: "CLOSED" as const, n: 3 }], harmed: none };
    expect(shown(alone, true, "cases-by-stage").filter(([, n]) => n !== "0")).toEqual([["Closed", "fewer than 5"]]);
    expect(shown(base, false, "cases-by-stage").filter(([, n]) => n !== "0")).toEqual([
      ["Preparation", "3"],
      ["Closed", "13"],
    ]);
    expect(shown(base, false, "referrals-by-month")[0]).toContain("2");
  });
});
