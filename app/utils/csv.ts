/**
 * CSV as spreadsheets read it (RFC 4180: commas, CRLF, quotes doubled inside quoted cells). A cell
 * that starts with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a name or a
 * path someone chose ("=HYPERLINK(...)") is shown as text, never run as a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file, with a byte-order mark so spreadsheet programs read it as UTF-8. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
