import { formatDay } from "~/utils/format";

/**
 * Redaction of a subject access export (README, Decisions, "Subject access and rectification").
 * Pure: the export is gathered first, then every piece of text in it passes through one redactor.
 *
 * Third parties are the other people on the case (participants of any role, and the accounts of
 * letter authors who are not the person): their names, preferred names, how they are addressed,
 * given names and surnames, phone numbers, email addresses, addresses and dates of birth become
 * "[third party]" wherever they appear. Staff acting in their role are not redacted. A term the
 * person shares with a third party (a family's surname, a town in both addresses) is left alone:
 * it is the person's own data too, and the rest of the other person's name is still redacted.
 * Phrases the manager adds by hand become "[redacted]".
 */
export const THIRD_PARTY = "[third party]";
export const REDACTED = "[redacted]";

export type PersonFacts = {
  name: string;
  preferredName?: string;
  addressAs?: string;
  phone?: string;
  email?: string;
  address?: string;
  dateOfBirth?: string | null;
  /** Other names the person is known by in Circle (a letter author's account name). */
  otherNames?: string[];
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const norm = (s: string) => s.normalize("NFC").trim().toLocaleLowerCase("en-GB");
/** Titles are not anyone's name: "Mr Price" makes "Price" a term, not "Mr". */
const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"]);
/** Words of a name: "Jess O'Neill-Hughes" → Jess, O'Neill-Hughes. Initials, one-letter words and titles mean nobody on their own. */
const wordsOf = (name: string) => name.split(/\s+/).filter((w) => [...w].length >= 2 && !TITLES.has(norm(w).replace(/\.$/, "")));
/** Parts of an address a reader would recognise on their own: its lines and comma-separated parts. */
const addressParts = (address: string) =>
  address
    .split(/[\n,]+/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 4);

function namesOf(p: PersonFacts): string[] {
  const full = [p.name, p.preferredName ?? "", p.addressAs ?? "", ...(p.otherNames ?? [])].filter((n) => n.trim() !== "");
  return [...full, ...full.flatMap(wordsOf)];
}

/** Everything that identifies the person themselves, lower-cased: never redacted from their own export. */
function ownTerms(subject: PersonFacts): Set<string> {
  const born = subject.dateOfBirth ? [subject.dateOfBirth, formatDay(subject.dateOfBirth)] : [];
  return new Set(
    [...namesOf(subject), subject.phone ?? "", subject.email ?? "", ...born, ...(subject.address ? [subject.address, ...addressParts(subject.address)] : [])].map(norm),
  );
}

/** A phone number matched with or without its spaces, dashes and brackets. */
function phonePattern(phone: string): string | null {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 6) return null;
  return [...digits].map(escape).join("[\\s().-]*");
}

/** The patterns (regular-expression sources) of every third party's details, longest first. */
export function thirdPartyPatterns(subject: PersonFacts, others: PersonFacts[]): string[] {
  const own = ownTerms(subject);
  const literal = new Set<string>();
  const patterns = new Set<string>();
  const add = (term: string) => {
    const t = term.normalize("NFC").trim();
    if (t.length >= 2 && !own.has(norm(t))) literal.add(t);
  };
  for (const p of others) {
    namesOf(p).forEach(add);
    if (p.email) add(p.email);
    if (p.address) [p.address, ...addressParts(p.address)].forEach(add);
    if (p.dateOfBirth) [p.dateOfBirth, formatDay(p.dateOfBirth)].forEach(add);
    const phone = p.phone ? phonePattern(p.phone) : null;
    if (phone && !own.has(norm(p.phone ?? ""))) patterns.add(phone);
  }
  const sources = [...[...literal].map((t) => escape(t).replace(/\s+/g, "\\s+")), ...patterns];
  return sources.sort((a, b) => b.length - a.length);
}

/** Replaces each match of the patterns, as a whole word, with `mark`. */
function replaceAll(text: string, sources: string[], mark: string): string {
  if (sources.length === 0 || text === "") return text;
  // Not inside a longer word: "Al" is a name, the "al" of "formal" is not.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return text.normalize("NFC").replace(pattern, mark);
}

export type Redactor = (text: string) => string;

/** One function for every piece of text in the export: third parties first, then the manager's phrases. */
export function redactor(subject: PersonFacts, others: PersonFacts[], manualPhrases: string[]): Redactor {
  const third = thirdPartyPatterns(subject, others);
  const manual = manualPhrases
    .map((p) => p.normalize("NFC").trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((p) => escape(p).replace(/\s+/g, "\\s+"));
  return (text) => replaceAll(replaceAll(text, third, THIRD_PARTY), manual, REDACTED);
}

/** Whether a paragraph names the person: their name, preferred name, how they are addressed, or a word of their name. */
export function namesPerson(text: string, person: PersonFacts): boolean {
  const sources = [...new Set(namesOf(person).map((n) => n.normalize("NFC").trim()))].filter((n) => n.length >= 2).map((n) => escape(n).replace(/\s+/g, "\\s+"));
  if (sources.length === 0) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${sources.join("|")})(?![\\p{L}\\p{N}])`, "iu").test(text.normalize("NFC"));
}

/** Applies the redactor to every string inside a JSON-shaped value, leaving keys, ids and codes as they are. */
export function redactDeep<T>(value: T, redact: Redactor, keep: (key: string) => boolean): T {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === "string") return keep(key) ? v : redact(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, "") as T;
}
