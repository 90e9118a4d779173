import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/auth.server";

const SITE = "https://circle.example";
/** Where a browser on Circle's site goes when told `Location: <target>`. */
const landsOn = (target: string) => new URL(target, SITE).origin;

describe("the sign-in redirect", () => {
  it("refuses the targets that left the site before, whatever the browser strips or turns round", () => {
    for (const evil of [
      "/\t/evil.example/",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "//evil.example",
      "/ /evil.example",
      "https://evil.example",
      "/\t\\evil.example",
    ]) {
      expect(landsOn(safeRedirect(evil)), JSON.stringify(evil)).toBe(SITE);
      expect(safeRedirect(evil), JSON.stringify(evil)).toBe(evil === "/ /evil.example" ? "/%20/evil.example" : "/cases");
    }
  });

  it("keeps ordinary paths with their query and fragment", () => {
    expect(safeRedirect("/cases/abc?tab=notes#top")).toBe("/cases/abc?tab=notes#top");
    expect(safeRedirect("/letters")).toBe("/letters");
    expect(safeRedirect(null)).toBe("/cases");
  });

  it("never sends the browser to another origin, for any string (property)", () => {
    const piece = fc.constantFrom("/", "\\", "\t", "\n", "\r", " ", "%2F", "%5C", "%09", "evil.example", ":", "@", "?", "#", ".", "..", "http:", "javascript:", "\u0000", "\u3002");
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 8 }), (parts) => {
        const target = safeRedirect(parts.join(""));
        expect(landsOn(target)).toBe(SITE);
        expect(target.startsWith("/") && !target.startsWith("//")).toBe(true);
        expect(/[\t\n\r\\]/.test(target)).toBe(false);
      }),
      { numRuns: 5_000 },
    );
  });
});
