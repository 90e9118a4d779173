import { describe, expect, it } from "vitest";
import { countNewSince, isNewSince, newWords } from "~/models/author-news";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 10, minute));

describe("what is new to an author since they last looked", () => {
  it("counts what arrived after they last opened the page, and everything when they never have", () => {
    expect(isNewSince(at(5), at(4))).toBe(true);
    expect(isNewSince(at(4), at(4))).toBe(false);
    expect(isNewSince(at(3), at(4))).toBe(false);
    expect(isNewSince(at(3), null)).toBe(true);
    // Times arrive from the database as dates and from JSON as strings: the same answer either way.
    expect(isNewSince(at(5).toISOString(), at(4))).toBe(true);
    expect(countNewSince([at(1), at(5), at(9)], at(5))).toBe(1);
    expect(countNewSince([at(1), at(5)], null)).toBe(2);
  });

  it("says it in the navigation as '1 new', and says nothing when nothing is new", () => {
    expect(newWords(1)).toBe("1 new");
    expect(newWords(3)).toBe("3 new");
    expect(newWords(0)).toBeNull();
  });
});
