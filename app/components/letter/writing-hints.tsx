import { findWritingPrompts } from "./writing-prompts";

/** The writing prompts that fit the writer, as a calm list beside the editor: hints, never errors. */
export function WritingHints({ text, forAuthor, writerRole }: { text: string; forAuthor: boolean; writerRole: string }) {
  const prompts = findWritingPrompts(text, writerRole);
  return (
    <section className="letter-hints" aria-labelledby="hints-heading">
      <h2 id="hints-heading">{forAuthor ? "Things to think about" : "Writing prompts"}</h2>
      {prompts.length === 0 ? (
        <p className="hint">Nothing to point out at the moment.</p>
      ) : (
        <ul className="plain" data-testid="writing-prompts">
          {prompts.slice(0, 8).map((p) => (
            <li key={`${p.id}-${p.index}`}>
              <mark>{p.phrase}</mark> <span>{p.hint}</span>
            </li>
          ))}
        </ul>
      )}
      {forAuthor ? <p className="hint">These are only suggestions. You decide what to write.</p> : null}
    </section>
  );
}
