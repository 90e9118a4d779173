/**
 * A small, dependency-free PDF writer for exports (agreements, letters): A4 pages of text in the
 * standard Helvetica fonts, wrapped to the page. It only ever emits text — no images, links,
 * JavaScript, forms or external references — so nothing in an exported document can run script
 * or reach the network. Text is encoded as WinAnsi (Latin-1 plus a few typographic characters);
 * anything else is replaced with "?".
 */
export type PdfBlock = { kind: "heading" | "subheading" | "paragraph" | "meta" | "rule"; text?: string };
export type PdfDocument = { title: string; blocks: PdfBlock[] };

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const STYLE: Record<Exclude<PdfBlock["kind"], "rule">, { font: "F1" | "F2"; size: number; before: number; colour: string }> = {
  heading: { font: "F2", size: 16, before: 14, colour: "0 0 0" },
  subheading: { font: "F2", size: 12, before: 10, colour: "0 0 0" },
  paragraph: { font: "F1", size: 11, before: 6, colour: "0 0 0" },
  meta: { font: "F1", size: 9, before: 4, colour: "0.3 0.3 0.3" },
};

/** WinAnsi codes for the typographic characters people type (quotes, dashes, pound, euro). */
const WIN_ANSI: Record<string, number> = { "€": 128, "‘": 145, "’": 146, "“": 147, "”": 148, "–": 150, "—": 151, "…": 133, "•": 149 };

function encodeChar(ch: string): number {
  if (WIN_ANSI[ch] !== undefined) return WIN_ANSI[ch]!;
  const code = ch.codePointAt(0)!;
  return (code >= 32 && code <= 126) || (code >= 160 && code <= 255) ? code : 63; // "?"
}

/** A PDF literal string: bytes as Latin-1 with (, ) and \ escaped and octal for non-ASCII. */
function literal(text: string): string {
  let out = "(";
  for (const ch of text) {
    const code = encodeChar(ch);
    if (code === 40 || code === 41 || code === 92) out += "\\" + String.fromCharCode(code);
    else if (code < 32 || code > 126) out += "\\" + code.toString(8).padStart(3, "0");
    else out += String.fromCharCode(code);
  }
  return out + ")";
}

// Approximate Helvetica widths (per 1000 em) for wrapping; bold is a little wider.
const NARROW = new Set("iljtfI.,;:'|!() ");
const WIDE = new Set("mwMW@%");
function textWidth(text: string, size: number, bold: boolean): number {
  let units = 0;
  for (const ch of text) units += NARROW.has(ch) ? 280 : WIDE.has(ch) ? 850 : /[A-Z0-9]/.test(ch) ? 640 : 540;
  return (units * size * (bold ? 1.06 : 1)) / 1000;
}

function wrap(text: string, size: number, bold: boolean, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, size, bold) <= width || !line) {
        // A single word longer than the line is cut into pieces.
        if (!line && textWidth(word, size, bold) > width) {
          let piece = "";
          for (const ch of word) {
            if (textWidth(piece + ch, size, bold) > width) {
              lines.push(piece);
              piece = "";
            }
            piece += ch;
          }
          line = piece;
        } else line = candidate;
      } else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Renders the document to PDF bytes. */
export function renderPdf(doc: PdfDocument): Uint8Array {
  const usable = PAGE.width - 2 * PAGE.margin;
  const pages: string[][] = [[]];
  let y = PAGE.height - PAGE.margin;
  const newPage = () => {
    pages.push([]);
    y = PAGE.height - PAGE.margin;
  };
  const ops = () => pages[pages.length - 1]!;

  const blocks: PdfBlock[] = [{ kind: "heading", text: doc.title }, ...doc.blocks];
  for (const block of blocks) {
    if (block.kind === "rule") {
      y -= 8;
      if (y < PAGE.margin) newPage();
      ops().push(`0.6 0.6 0.6 RG 0.5 w ${PAGE.margin} ${y.toFixed(2)} m ${(PAGE.width - PAGE.margin).toFixed(2)} ${y.toFixed(2)} l S`);
      y -= 4;
      continue;
    }
    const style = STYLE[block.kind];
    const leading = style.size * 1.35;
    y -= style.before;
    for (const line of wrap(block.text ?? "", style.size, style.font === "F2", usable)) {
      if (y - leading < PAGE.margin) newPage();
      y -= leading;
      ops().push(`BT /${style.font} ${style.size} Tf ${style.colour} rg ${PAGE.margin} ${y.toFixed(2)} Td ${literal(line)} Tj ET`);
    }
  }

  // Objects: 1 catalog, 2 pages, 3-4 fonts, 5 info, then a page + content stream pair per page.
  const objects: string[] = [];
  const pageIds = pages.map((_p, i) => 6 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  objects[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>";
  objects[5] = `<< /Title ${literal(doc.title)} /Producer (Circle) >>`;
  pages.forEach((content, i) => {
    const stream = content.join("\n") + `\nBT /F1 8 Tf 0.4 0.4 0.4 rg ${PAGE.margin} 30 Td ${literal(`${doc.title} · page ${i + 1} of ${pages.length}`)} Tj ET`;
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${latin1Length(stream)} >>\nstream\n${stream}\nendstream`;
  });

  let body = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = latin1Length(body);
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = latin1Length(body);
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (ch) => ch.charCodeAt(0) & 0xff);
}

/** The body is built from single-byte characters only (literal() escapes the rest). */
const latin1Length = (s: string) => s.length;

/** The text a PDF made by renderPdf shows, in order (for tests and checks): decodes its literal strings. */
export function pdfText(bytes: Uint8Array): string[] {
  const source = Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  const out: string[] = [];
  for (const m of source.matchAll(/\((?:\\.|[^\\)])*\) Tj/g)) {
    const raw = m[0].slice(1, -4);
    out.push(
      raw.replace(/\\([0-7]{3}|.)/g, (_all, esc: string) => {
        if (/^[0-7]{3}$/.test(esc)) {
          const code = parseInt(esc, 8);
          const win = Object.entries(WIN_ANSI).find(([, c]) => c === code);
          return win ? win[0] : String.fromCharCode(code);
        }
        return esc;
      }),
    );
  }
  return out;
}

/** A PDF as a download that is never cached and never sniffed as anything else. */
export function pdfResponse(bytes: Uint8Array, filename: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
