/**
 * Gentle hints for a letter of apology: phrases that often read as excuses, minimising or blaming.
 * Never blocking: the author and the facilitator see them beside the editor and decide.
 */
export type WritingPrompt = { id: string; phrase: string; index: number; hint: string };

type Rule = { id: string; pattern: RegExp; hint: string };

const RULES: Rule[] = [
  { id: "but", pattern: /\bbut\b/gi, hint: "\u201cBut\u201d after an apology can undo it. Could this sentence stand on its own?" },
  {
    id: "intoxicated",
    pattern: /\bI was (?:drunk|high|wasted|off my head|under the influence)\b/gi,
    hint: "Being drunk or high can read as an excuse. Say what you did and that it was your choice.",
  },
  {
    id: "minimising",
    pattern: /\b(?:it|that) (?:wasn'?t|was not) (?:that|so|really) (?:bad|serious|big)\b|\bonly (?:a|one) (?:little|small|bit)\b|\bjust a (?:phone|push|joke)\b/gi,
    hint: "This can sound as if the harm was small. Only they can say how much it hurt.",
  },
  {
    id: "blaming",
    pattern: /\byou (?:shouldn'?t|should not|should never) have\b|\byou made me\b|\bif you hadn'?t\b/gi,
    hint: "This can read as blaming them. Keep the focus on what you did.",
  },
  {
    id: "condition",
    pattern: /\bmy (?:mental health|anxiety|depression|condition|illness) made me\b/gi,
    hint: "You can explain what was going on for you, but not as the reason it happened. Say what you are doing about it.",
  },
  {
    id: "conditional",
    pattern: /\bif (?:I|that) (?:hurt|upset|offended)\b|\bsorry if\b/gi,
    hint: "\u201cSorry if\u201d doubts that harm was done. Say plainly what you are sorry for.",
  },
  { id: "forgiveness", pattern: /\b(?:please )?forgive me\b|\bwrite back\b|\breply to me\b/gi, hint: "Please do not ask for forgiveness or a reply: the choice is theirs." },
  { id: "they-made-me", pattern: /\b(?:my mates|they|he|she) made me\b/gi, hint: "Saying others made you do it can sound like blame. It was your choice." },
];

/** Every hint in the text, in reading order (one per match). */
export function findWritingPrompts(text: string): WritingPrompt[] {
  const out: WritingPrompt[] = [];
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      out.push({ id: rule.id, phrase: match[0], index: match.index ?? 0, hint: rule.hint });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
