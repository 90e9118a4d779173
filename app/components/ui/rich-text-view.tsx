import type { RichBlock, RichDoc, RichInline } from "~/utils/rich-text";

/** Renders frozen rich text (rich-text.ts) as React text nodes only: never HTML from the document. */
export function RichTextView({ doc, label }: { doc: RichDoc; label?: string }) {
  if (doc.blocks.length === 0) return <p className="hint">(Nothing written.)</p>;
  return (
    <div className="rich-text" aria-label={label}>
      {doc.blocks.map((b, i) => (
        <Block key={i} block={b} />
      ))}
    </div>
  );
}

function Inline({ content }: { content: RichInline[] }) {
  return (
    <>
      {content.map((c, i) => {
        let node: React.ReactNode = c.text;
        if (c.marks?.includes("italic")) node = <em>{node}</em>;
        if (c.marks?.includes("bold")) node = <strong>{node}</strong>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}

function Block({ block }: { block: RichBlock }) {
  switch (block.type) {
    case "paragraph":
      return (
        <p>
          <Inline content={block.content} />
        </p>
      );
    case "heading": {
      const H = `h${Math.min(6, block.level + 2)}` as "h3" | "h4" | "h5";
      return (
        <H>
          <Inline content={block.content} />
        </H>
      );
    }
    default: {
      const List = block.type === "bulletList" ? "ul" : "ol";
      return (
        <List>
          {block.items.map((item, i) => (
            <li key={i}>
              {item.map((b, j) => (
                <Block key={j} block={b} />
              ))}
            </li>
          ))}
        </List>
      );
    }
  }
}
