import { describe, expect, it } from "vitest";
import { ageOn } from "~/utils/age";
import {
  addToDay,
  currentClosure,
  dayTurning,
  describeTerms,
  disposalDate,
  isDue,
  latestBirth,
  matchRule,
  type ClosureFacts,
  type PersonFacts,
  type RetentionRuleFacts,
} from "~/models/retention";

const rule = (r: Partial<RetentionRuleFacts> & Pick<RetentionRuleFacts, "id" | "caseType" | "basis">): RetentionRuleFacts => ({
  outcome: null,
  years: 0,
  months: 0,
  untilAge: null,
  reason: `reason of ${r.id}`,
  ...r,
});

/** The defaults a new service starts with. */
const DEFAULTS = [rule({ id: "adult", caseType: "ADULT", basis: "AFTER_CLOSURE", years: 6 }), rule({ id: "youth", caseType: "YOUTH", basis: "LATER_OF", years: 6, untilAge: 25 })];

const person = (p: Partial<PersonFacts> = {}): PersonFacts => ({
  role: "PERSON_RESPONSIBLE",
  dateOfBirth: null,
  ageBand: null,
  recordedOn: "2019-05-01",
  updatedOn: "2019-05-01",
  ...p,
});
const closed = (closedAt: string, c: Partial<ClosureFacts> = {}): ClosureFacts => ({ closedAt: new Date(closedAt), outcome: "COMPLETED", youth: false, people: [], ...c });
const due = (rules: RetentionRuleFacts[], c: ClosureFacts) => disposalDate(rules, c)?.dueOn;

describe("a closed adult case is due a fixed time after the London day it was closed", () => {
  it("6 years after closure is the same calendar day six years on", () => {
    expect(due(DEFAULTS, closed("2020-03-15T10:00:00Z"))).toBe("2026-03-15");
  });

  it("a case closed at 23:30 UTC on a summer evening was closed the next day in London", () => {
    expect(due(DEFAULTS, closed("2020-06-30T23:30:00Z"))).toBe("2026-07-01");
  });

  it("a case closed on 29 February is due on 1 March in a year without one", () => {
    expect(due(DEFAULTS, closed("2024-02-29T12:00:00Z"))).toBe("2030-03-01");
    expect(addToDay("2024-02-29", 4, 0)).toBe("2028-02-29");
  });

  it("months are calendar months, and a day the month lacks rolls to the 1st of the next", () => {
    const months = [rule({ id: "m", caseType: "ADULT", basis: "AFTER_CLOSURE", years: 1, months: 6 })];
    expect(due(months, closed("2021-08-31T12:00:00Z"))).toBe("2023-03-01");
    expect(addToDay("2021-01-31", 0, 1)).toBe("2021-03-01");
    expect(addToDay("2021-10-31", 0, 1)).toBe("2021-12-01");
    expect(addToDay("2021-11-15", 0, 3)).toBe("2022-02-15");
    expect(addToDay("2021-12-31", 2, 11)).toBe("2024-12-01");
  });
});

describe("a youth case is kept until its youngest person harmed or responsible is old enough", () => {
  const untilAge = [rule({ id: "age", caseType: "YOUTH", basis: "UNTIL_AGE", untilAge: 25 })];

  it("until 25: the 25th birthday of the youngest of them", () => {
    const people = [person({ dateOfBirth: "2008-07-10" }), person({ role: "PERSON_HARMED", dateOfBirth: "1970-01-01" })];
    expect(due(untilAge, closed("2024-01-10T12:00:00Z", { youth: true, people }))).toBe("2033-07-10");
  });

  it("someone born on 29 February turns 25 on 1 March, and 24 on 29 February in a leap year", () => {
    const people = [person({ dateOfBirth: "2008-02-29" })];
    expect(due(untilAge, closed("2024-01-10T12:00:00Z", { youth: true, people }))).toBe("2033-03-01");
    expect(dayTurning("2004-02-29", 24)).toBe("2028-02-29");
    // The consent gates' own age rule agrees: 24 on 28 February 2033 is still 24, 25 from 1 March.
    expect(ageOn("2008-02-29", "2033-02-28")).toBe(24);
    expect(ageOn("2008-02-29", "2033-03-01")).toBe(25);
  });

  it("whichever is later: six years after closure when the youngest is already past 19", () => {
    const people = [person({ dateOfBirth: "2000-01-01" })];
    expect(due(DEFAULTS, closed("2030-01-01T12:00:00Z", { youth: true, people }))).toBe("2036-01-01");
  });

  it("whichever is later: the 25th birthday when it comes after the six years", () => {
    const people = [person({ dateOfBirth: "2011-06-01" })];
    expect(due(DEFAULTS, closed("2026-01-01T12:00:00Z", { youth: true, people }))).toBe("2036-06-01");
  });

  it("a supporter's or professional's age does not decide it", () => {
    const people = [person({ dateOfBirth: "2000-01-01" }), person({ role: "SUPPORTER", dateOfBirth: "2015-01-01" }), person({ role: "PROFESSIONAL" })];
    expect(disposalDate(DEFAULTS, closed("2030-01-01T12:00:00Z", { youth: true, people }))).toMatchObject({ dueOn: "2036-01-01", dobUnknown: false });
  });
});

describe("an unknown date of birth counts as the latest birth the record allows, and is flagged", () => {
  const untilAge = [rule({ id: "age", caseType: "YOUTH", basis: "UNTIL_AGE", untilAge: 25 })];

  it("no date and no band: born no later than the day they were recorded", () => {
    expect(latestBirth(person())).toEqual({ born: "2019-05-01", estimated: true });
    expect(disposalDate(untilAge, closed("2020-01-01T12:00:00Z", { youth: true, people: [person()] }))).toMatchObject({ dueOn: "2044-05-01", dobUnknown: true });
  });

  it("a band: at least its youngest age on the day it was last written", () => {
    const teen = person({ ageBand: "16_17", recordedOn: "2019-05-01", updatedOn: "2020-01-10" });
    expect(latestBirth(teen)).toEqual({ born: "2004-01-10", estimated: true });
    expect(disposalDate(untilAge, closed("2020-06-01T12:00:00Z", { youth: true, people: [teen] }))).toMatchObject({ dueOn: "2029-01-10", dobUnknown: true });
  });

  it("an estimate later than a known date of birth decides, and says so", () => {
    const people = [person({ dateOfBirth: "2006-03-01" }), person({ role: "PERSON_HARMED", ageBand: "UNKNOWN", recordedOn: "2019-05-01" })];
    expect(disposalDate(untilAge, closed("2020-01-01T12:00:00Z", { youth: true, people }))).toMatchObject({ dueOn: "2044-05-01", dobUnknown: true });
  });

  it("an older estimate than the known youngest changes nothing and raises no flag", () => {
    const people = [person({ dateOfBirth: "2008-03-01" }), person({ role: "PERSON_HARMED", ageBand: "25_PLUS", recordedOn: "2019-05-01", updatedOn: "2019-05-01" })];
    expect(disposalDate(untilAge, closed("2020-01-01T12:00:00Z", { youth: true, people }))).toMatchObject({ dueOn: "2033-03-01", dobUnknown: false });
  });

  it("when six years after closure is later than even the estimate, the flag is not raised", () => {
    const teen = person({ ageBand: "25_PLUS", recordedOn: "2019-05-01", updatedOn: "2019-05-01" });
    expect(disposalDate(DEFAULTS, closed("2020-01-01T12:00:00Z", { youth: true, people: [teen] }))).toMatchObject({ dueOn: "2026-01-01", dobUnknown: false });
  });

  it("nobody harmed or responsible recorded: counted from the closure day", () => {
    expect(disposalDate(untilAge, closed("2020-01-01T12:00:00Z", { youth: true, people: [] }))).toMatchObject({ dueOn: "2045-01-01", dobUnknown: true });
  });
});

describe("the most specific rule wins", () => {
  const rules = [
    ...DEFAULTS,
    rule({ id: "adult-completed", caseType: "ADULT", outcome: "COMPLETED", basis: "AFTER_CLOSURE", years: 2 }),
    rule({ id: "youth-declined", caseType: "YOUTH", outcome: "DECLINED_BY_HARMED", basis: "AFTER_CLOSURE", years: 3 }),
  ];

  it("a rule for the type and outcome beats the type's rule for any outcome", () => {
    expect(disposalDate(rules, closed("2020-03-15T10:00:00Z", { outcome: "COMPLETED" }))).toMatchObject({ dueOn: "2022-03-15", rule: { id: "adult-completed" } });
    expect(disposalDate(rules, closed("2020-03-15T10:00:00Z", { outcome: "WITHDRAWN" }))).toMatchObject({ dueOn: "2026-03-15", rule: { id: "adult" } });
    expect(matchRule(rules, true, "COMPLETED")?.id).toBe("youth");
    expect(matchRule(rules, true, "DECLINED_BY_HARMED")?.id).toBe("youth-declined");
  });

  it("a case closed with no outcome recorded takes its type's rule for any outcome", () => {
    expect(matchRule(rules, false, null)?.id).toBe("adult");
  });

  it("a case type without any rule has no date (it is kept)", () => {
    expect(disposalDate(rules.slice(0, 1), closed("2020-03-15T10:00:00Z", { youth: true }))).toBeNull();
  });
});

describe("the closure a date counts from", () => {
  const at = (stage: string, iso: string) => ({ stage, createdAt: new Date(iso) });

  it("is the newest stage event when that is CLOSED", () => {
    expect(currentClosure([at("REFERRAL", "2020-01-01T00:00:00Z"), at("CLOSED", "2020-02-01T00:00:00Z")])?.createdAt.toISOString()).toBe("2020-02-01T00:00:00.000Z");
  });

  it("a reopened case has none", () => {
    expect(currentClosure([at("REFERRAL", "2020-01-01T00:00:00Z"), at("CLOSED", "2020-02-01T00:00:00Z"), at("ASSESSMENT", "2020-03-01T00:00:00Z")])).toBeNull();
  });

  it("closing it again starts the clock again from the new closure", () => {
    const events = [at("REFERRAL", "2019-01-01T00:00:00Z"), at("CLOSED", "2019-02-01T00:00:00Z"), at("REFERRAL", "2020-03-01T00:00:00Z"), at("CLOSED", "2021-04-01T12:00:00Z")];
    const closure = currentClosure(events)!;
    expect(due(DEFAULTS, closed(closure.createdAt.toISOString()))).toBe("2027-04-01");
  });
});

describe("due from midnight in London on the disposal day", () => {
  it("not yet at 23:30 the evening before (winter: London is UTC)", () => {
    expect(isDue("2026-03-15", new Date("2026-03-14T23:30:00Z"))).toBe(false);
    expect(isDue("2026-03-15", new Date("2026-03-15T00:00:00Z"))).toBe(true);
  });

  it("in summer, 23:30 UTC is already the next day in London", () => {
    expect(isDue("2026-07-01", new Date("2026-06-30T23:30:00Z"))).toBe(true);
    expect(isDue("2026-07-01", new Date("2026-06-30T22:59:00Z"))).toBe(false);
  });
});

describe("the rules read as sentences", () => {
  it("describes each basis", () => {
    expect(describeTerms({ basis: "AFTER_CLOSURE", years: 6, months: 0, untilAge: null })).toBe("6 years after closure");
    expect(describeTerms({ basis: "AFTER_CLOSURE", years: 1, months: 6, untilAge: null })).toBe("1 year and 6 months after closure");
    expect(describeTerms({ basis: "LATER_OF", years: 6, months: 0, untilAge: 25 })).toBe(
      "until the youngest person harmed or responsible is 25, or 6 years after closure if that is later",
    );
  });
});
