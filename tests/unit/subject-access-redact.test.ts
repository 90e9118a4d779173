import { describe, expect, it } from "vitest";
import { subjectAccessDueOn } from "~/models/subject-access-dates";
import { namesPerson, redactDeep, redactor } from "~/models/subject-access-redact";

const jess = { name: "Jess Barnes", preferredName: "Jess", phone: "07700 900111", address: "1 Heol y Cei, Caerdydd", dateOfBirth: "1988-02-03" };
const carol = { name: "Carol Barnes", addressAs: "Mrs Barnes", phone: "07700 900222", address: "2 Heol y Cei, Caerdydd" };
const al = { name: "Al Price", preferredName: "Al", email: "al@example.test", dateOfBirth: "1990-04-05", otherNames: ["Alan P"] };

describe("the subject access redactor", () => {
  const redact = redactor(jess, [carol, al], ["felt unsafe"]);

  it("replaces other people's names, contact details and dates of birth, however they are written", () => {
    expect(redact("Carol rang from 07700900222; Al (al@example.test, born 5 April 1990 / 1990-04-05) came too.")).toBe(
      "[third party] rang from [third party]; [third party] ([third party], born [third party] / [third party]) came too.",
    );
    expect(redact("Alan P wrote the letter")).toBe("[third party] wrote the letter");
    expect(redact("ring 07700 900 222 or (07700) 900-222")).toBe("ring [third party] or ([third party]");
  });

  it("keeps the person's own details, even a surname or a street they share with someone else", () => {
    expect(redact("Jess Barnes, 1 Heol y Cei, Caerdydd, 07700 900111, born 1988-02-03")).toBe("Jess Barnes, 1 Heol y Cei, Caerdydd, 07700 900111, born 1988-02-03");
    expect(redact("Mrs Barnes called")).toBe("[third party] called");
    expect(redact("Carol Barnes called")).toBe("[third party] called");
  });

  it("matches whole words only, in any case, and redacts the manager's phrases as [redacted]", () => {
    expect(redact("a formal meeting; AL agreed")).toBe("a formal meeting; [third party] agreed");
    expect(redact("She said she Felt  Unsafe there")).toBe("She said she [redacted] there");
  });

  it("leaves codes and times alone when applied to a whole export", () => {
    const out = redactDeep({ role: "PERSON_HARMED", at: "1990-04-05T10:00:00.000Z", note: "Al called", list: ["Carol"] }, redact, (k) => k === "role" || k === "at");
    expect(out).toEqual({ role: "PERSON_HARMED", at: "1990-04-05T10:00:00.000Z", note: "[third party] called", list: ["[third party]"] });
  });

  it("knows a paragraph names the person by a name or a word of it", () => {
    expect(namesPerson("Spoke to jess about the meeting", jess)).toBe(true);
    expect(namesPerson("Spoke to Jessica about the meeting", jess)).toBe(false);
    expect(namesPerson("Llŷr said sorry", { name: "Llŷr ap Siôn" })).toBe(true);
  });
});

describe("the statutory month of a subject access request", () => {
  it.each([
    ["2026-12-01", "2027-01-01"],
    ["2026-11-30", "2026-12-30"],
    ["2027-01-31", "2027-02-28"],
    ["2028-01-31", "2028-02-29"],
    ["2026-03-31", "2026-04-30"],
  ])("received %s is due by %s", (received, due) => {
    expect(subjectAccessDueOn(received)).toBe(due);
  });
});
