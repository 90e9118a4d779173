import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "~/utils/csv";

describe("CSV cells", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("Recorded consent")).toBe("Recorded consent");
    expect(csvCell("")).toBe("");
    expect(csvCell("2026-12-06T10:00:00.000Z")).toBe("2026-12-06T10:00:00.000Z");
  });

  it("quotes a cell with a comma, a quote or a line break, doubling the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("one\ntwo")).toBe('"one\ntwo"');
    expect(csvCell("one\r\ntwo")).toBe('"one\r\ntwo"');
  });

  it.each(["=", "+", "-", "@", "\t", "\r"])("makes a cell starting with %j text, not a formula", (start) => {
    const cell = csvCell(`${start}SUM(A1:A9)`);
    expect(cell.replace(/^"/, "").startsWith(`'${start}`)).toBe(true);
  });

  it("guards and quotes together", () => {
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it("writes rows with CRLF after a byte-order mark", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["c,d", "-1"],
      ]),
    ).toBe('\uFEFFa,b\r\n"c,d",\'-1\r\n');
  });
});
