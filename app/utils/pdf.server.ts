import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFName, rgb, type PDFFont, type PDFPage } from "pdf-lib";

/**
 * The PDF writer for exports (agreements, letters): A4 pages of text, wrapped to the page, drawn
 * with pdf-lib. People's names are Welsh, Polish, Greek, Cyrillic…, which the standard PDF fonts
 * (WinAnsi) cannot show, so the text is set in DejaVu Sans, embedded and subset to the characters
 * used (the whole font is ~700 KB; a letter's subset is tens of KB). Only text and rules are ever
 * drawn — no images, links, JavaScript, forms or external references — so nothing in an exported
 * document can run script or reach the network.
 */
export type PdfBlock = { kind: "heading" | "subheading" | "paragraph" | "meta" | "rule"; text?: string };
export type PdfDocument = { title: string; blocks: PdfBlock[] };

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const BLACK = rgb(0, 0, 0);
const STYLE: Record<Exclude<PdfBlock["kind"], "rule">, { bold: boolean; size: number; before: number; colour: ReturnType<typeof rgb> }> = {
  heading: { bold: true, size: 16, before: 14, colour: BLACK },
  subheading: { bold: true, size: 12, before: 10, colour: BLACK },
  paragraph: { bold: false, size: 11, before: 6, colour: BLACK },
  meta: { bold: false, size: 9, before: 4, colour: rgb(0.3, 0.3, 0.3) },
};

// The fonts ship in the dejavu-fonts-ttf package (Bitstream Vera licence, its LICENSE file); they
// are read once per process.
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;
function fonts() {
  fontBytes ??= { regular: readFileSync(join(FONT_DIR, "DejaVuSans.ttf")), bold: readFileSync(join(FONT_DIR, "DejaVuSans-Bold.ttf")) };
  return fontBytes;
}

/**
 * Text as it can be drawn: composed (a "ŷ" typed as y + circumflex is one glyph in the font) and
 * without control characters, which a font has no glyph for.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it replaces
const drawable = (text: string) => text.normalize("NFC").replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const para of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of drawable(para).split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) line = candidate;
      else if (line && fits(word)) {
        lines.push(line);
        line = word;
      } else {
        // A word longer than the line is cut into pieces.
        if (line) lines.push(line);
        line = "";
        for (const ch of word) {
          if (line && !fits(line + ch)) {
            lines.push(line);
            line = "";
          }
          line += ch;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Renders the document to PDF bytes. */
export async function renderPdf(doc: PdfDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const bytes = fonts();
  const regular = await pdf.embedFont(bytes.regular, { subset: true });
  const bold = await pdf.embedFont(bytes.bold, { subset: true });
  pdf.setTitle(drawable(doc.title));
  pdf.setProducer("Circle");
  pdf.setCreator("Circle");

  const usable = PAGE.width - 2 * PAGE.margin;
  const pages: PDFPage[] = [];
  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    pages.push(page);
    y = PAGE.height - PAGE.margin;
  };
  newPage();

  const blocks: PdfBlock[] = [{ kind: "heading", text: doc.title }, ...doc.blocks];
  for (const block of blocks) {
    if (block.kind === "rule") {
      y -= 8;
      if (y < PAGE.margin) newPage();
      page.drawLine({ start: { x: PAGE.margin, y }, end: { x: PAGE.width - PAGE.margin, y }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
      y -= 4;
      continue;
    }
    const style = STYLE[block.kind];
    const font = style.bold ? bold : regular;
    const leading = style.size * 1.35;
    y -= style.before;
    for (const line of wrap(block.text ?? "", font, style.size, usable)) {
      if (y - leading < PAGE.margin) newPage();
      y -= leading;
      if (line) page.drawText(line, { x: PAGE.margin, y, size: style.size, font, color: style.colour });
    }
  }

  pages.forEach((p, i) => {
    p.drawText(drawable(`${doc.title} · page ${i + 1} of ${pages.length}`), { x: PAGE.margin, y: 30, size: 8, font: regular, color: rgb(0.4, 0.4, 0.4) });
    // pdf-lib gives every page an empty list of annotations (links, forms); these pages have none.
    p.node.delete(PDFName.of("Annots"));
  });
  // Without object streams every dictionary stays readable in the file, so a check for active
  // content (/JavaScript, /OpenAction…) can read it without inflating anything.
  return pdf.save({ useObjectStreams: false });
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
