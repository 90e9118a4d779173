import { describe, expect, it } from "vitest";
import { guidanceFor, letterPairProblems, replyProblems } from "~/components/letter/letter-writers";
import { findWritingPrompts, promptRulesFor } from "~/components/letter/writing-prompts";

const ids = (text: string, role: string) => findWritingPrompts(text, role).map((p) => p.id);

describe("writing prompts fit the writer", () => {
  it("keeps the excuse and blame prompts for a person responsible's apology, and no safety prompts there", () => {
    expect(ids("I'm sorry but I was drunk. You made me do it.", "PERSON_RESPONSIBLE")).toEqual(["but", "intoxicated", "blaming"]);
    expect(ids("Ring me on 07700 900123.", "PERSON_RESPONSIBLE")).toEqual([]);
  });

  it("gives a person harmed no excuse or blame prompts: what they felt is not an excuse", () => {
    expect(ids("I wanted to go out but I was scared. You made me feel small. If you hadn't done it I would be fine.", "PERSON_HARMED")).toEqual([]);
  });

  it("flags phone numbers, email addresses, postcodes and street addresses for a person harmed, calmly", () => {
    const text = "You can call 07700 900123 or +44 7700 900 124, write to jess.b@example.org, I live at 14 Orchard Row, Leeds LS6 2AB.";
    expect(ids(text, "PERSON_HARMED")).toEqual(["phone", "phone", "email", "place", "street", "postcode"]);
    for (const p of findWritingPrompts(text, "PERSON_HARMED")) expect(p.hint).toMatch(/You may want to|may want to say it/);
  });

  it("flags places that could identify someone: my school, where I work", () => {
    expect(ids("Since then I avoid my school and the bus near where I work.", "PERSON_HARMED")).toEqual(["place", "place"]);
    expect(ids("It happened near my office.", "SUPPORTER")).toEqual(["place"]);
  });

  it("leaves ordinary impact writing, dates and short numbers alone", () => {
    expect(ids("On 12 March 2026 I could not sleep for 3 weeks. I was frightened and I still am. Work has been hard.", "PERSON_HARMED")).toEqual([]);
  });

  it("chooses the rules by role: apology for the person responsible (and anyone unknown), safety for everyone else", () => {
    expect(promptRulesFor("PERSON_RESPONSIBLE")).toBe("apology");
    expect(promptRulesFor("PERSON_HARMED")).toBe("safety");
    expect(promptRulesFor("SUPPORTER")).toBe("safety");
    expect(promptRulesFor("PROFESSIONAL")).toBe("apology");
  });

  it("gives each writer guidance of their own: an apology's for the person responsible, safety for the person harmed", () => {
    expect(guidanceFor("PERSON_RESPONSIBLE").join(" ")).toContain("without excuses");
    expect(guidanceFor("PERSON_HARMED").join(" ")).not.toMatch(/excuse|responsibility|forgiveness/);
    expect(guidanceFor("PERSON_HARMED").join(" ")).toContain("leave out phone numbers");
    expect(guidanceFor("SUPPORTER").join(" ")).toContain("leave out phone numbers");
  });
});

describe("who may write a letter, and to whom", () => {
  const harmed = { id: "h", role: "PERSON_HARMED" };
  const responsible = { id: "r", role: "PERSON_RESPONSIBLE" };
  const supporter = { id: "s", role: "SUPPORTER" };

  it("lets a person harmed, person responsible or supporter write to a principal who is not themselves", () => {
    expect(letterPairProblems(responsible, harmed)).toEqual({});
    expect(letterPairProblems(harmed, responsible)).toEqual({});
    expect(letterPairProblems(supporter, responsible)).toEqual({});
    expect(letterPairProblems(supporter, harmed)).toEqual({});
  });

  it("refuses a professional or removed writer, a supporter as recipient, and writing to oneself, with what to choose instead", () => {
    expect(letterPairProblems({ id: "p", role: "PROFESSIONAL" }, harmed).writerId).toMatch(/^Choose a person harmed, person responsible or supporter/);
    expect(letterPairProblems({ ...harmed, removed: true }, responsible).writerId).toBeDefined();
    expect(letterPairProblems(harmed, supporter).recipientId).toMatch(/^Choose the person harmed or the person responsible/);
    expect(letterPairProblems(harmed, harmed).recipientId).toBe("Choose someone other than the writer to receive it.");
    expect(letterPairProblems(null, null)).toEqual({ writerId: expect.any(String), recipientId: expect.any(String) });
  });

  it("opens a reply only to a delivered letter, written back by its recipient to its writer", () => {
    const delivered = { status: "RELEASED", writerId: "r", recipientId: "h", releasedAt: new Date() };
    expect(replyProblems(delivered, "h", "r")).toEqual({});
    expect(replyProblems({ ...delivered, status: "APPROVED", releasedAt: null }, "h", "r").replyToId).toBe(
      "A reply can be opened only to a letter that has been delivered to its recipient.",
    );
    expect(replyProblems(delivered, "r", "h")).toEqual({
      writerId: "A reply is written by the person who received the letter.",
      recipientId: "A reply goes to the person who wrote the letter.",
    });
    expect(replyProblems(null, "h", "r").replyToId).toBe("That letter is not on this case.");
  });
});
