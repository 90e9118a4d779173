import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * The text a PDF shows, read back by PDF.js (Firefox's PDF reader) the way a reader's search or
 * copy would: one line of the result per line on the page, pages in order. Independent of how
 * Circle writes its PDFs, so a name that prints wrong or is missing shows up here.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const lines: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let line = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = "";
        }
      }
      if (line) lines.push(line);
    }
    return lines.join("\n");
  } finally {
    await doc.destroy();
  }
}

/** How many pages a PDF has. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/**
 * A PDF's objects with the bytes of every stream (compressed text, fonts) left out: what is left
 * is every dictionary, where active content (/JavaScript, /OpenAction, /URI…) would have to be
 * named. Compressed bytes could spell those names by chance, so they are not searched.
 */
export function pdfWithoutStreams(bytes: Uint8Array): string {
  return Buffer.from(bytes)
    .toString("latin1")
    .replace(/stream\r?\n[\s\S]*?endstream/g, "stream endstream");
}
