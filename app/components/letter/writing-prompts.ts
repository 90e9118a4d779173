import { isWriterRole, type WriterRole } from "./letter-writers";

/**
 * Gentle hints that fit the writer. For an apology (the person responsible): phrases that often read
 * as excuses, minimising or blaming. For the person harmed or a supporter, those would be out of
 * place; instead the hints watch for what could help someone find or identify them: contact details
 * and places. Never blocking: the author and the facilitator see them beside the editor and decide.
 */
export type WritingPrompt = { id: string; phrase: string; index: number; hint: string };

type Rule = { id: string; pattern: RegExp; hint: string };

const APOLOGY_RULES: Rule[] = [
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

// Simple on purpose, so a facilitator can explain each one: a run of 10 or more digits (spaces,
// dots, dashes and a leading + allowed), an address with an @, a UK postcode, a house number before
// a street word, and the everyday phrases that point at where someone lives, works or studies.
const SAFETY_RULES: Rule[] = [
  {
    id: "phone",
    pattern: /(?<![\w+])\+?\d(?:[\s.-]?\d){9,13}\b/g,
    hint: "This looks like a phone number. You may want to leave it out: the letter is for words, and your facilitator passes on anything else.",
  },
  {
    id: "email",
    pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
    hint: "This looks like an email address. You may want to leave it out, so contact stays through your facilitator.",
  },
  {
    id: "postcode",
    pattern: /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi,
    hint: "This looks like a postcode. You may want to leave it out: it can show where someone lives.",
  },
  {
    id: "street",
    pattern: /\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Court|Place|Gardens|Row|Terrace|Grove|Hill|Square)\b/g,
    hint: "This looks like an address. You may want to leave it out: it can show where someone lives.",
  },
  {
    id: "place",
    pattern:
      /\b(?:my|our|his|her|their) (?:school|college|university|uni|work|workplace|office|street|road|house|home address|flat|estate|gym|church|mosque|temple|gurdwara|club)\b|\bwhere (?:I|we|they|he|she) (?:live|lives|work|works|study|studies)\b|\bI (?:live|work|study) (?:in|at|on|near)\b/gi,
    hint: "This could help someone work out where to find you or the people close to you. You may want to say it in a more general way.",
  },
];

/** Which hints a writer sees: the apology hints for the person responsible, the safety hints for everyone else. */
export function promptRulesFor(writerRole: string): "apology" | "safety" {
  return !isWriterRole(writerRole) || writerRole === "PERSON_RESPONSIBLE" ? "apology" : "safety";
}

/** Every hint in the text for this writer, in reading order (one per match). */
export function findWritingPrompts(text: string, writerRole: WriterRole | string = "PERSON_RESPONSIBLE"): WritingPrompt[] {
  const out: WritingPrompt[] = [];
  for (const rule of promptRulesFor(writerRole) === "apology" ? APOLOGY_RULES : SAFETY_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      out.push({ id: rule.id, phrase: match[0], index: match.index ?? 0, hint: rule.hint });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
