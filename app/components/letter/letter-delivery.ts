import type { DeliveryChoice } from "~/models/letter-labels";
import { formatDay } from "~/utils/format";

/**
 * What the letter's recipient decided decides delivery (docs/architecture.md §2), whether they are
 * the person harmed or the person responsible: a pure check the release action
 * and the oversight page share, so the button and the server give the same reason.
 */
export type NewestChoice = { choice: DeliveryChoice; deliverAfter: Date | string | null } | null;
export type ReleaseCheck = { ok: true } | { ok: false; reason: string; held?: true };

export function releaseCheck(status: string, newest: NewestChoice, now: Date): ReleaseCheck {
  if (status === "RELEASED") return { ok: false, reason: "The letter has already been delivered." };
  if (status !== "APPROVED") return { ok: false, reason: "Only an approved letter can be delivered." };
  return choiceAllowsNow(newest, now);
}

/**
 * Whether the recipient's newest choice lets the letter reach them now. The release action,
 * the print view, the PDF and their data requests all ask this, so a held, declined, destroyed or
 * not-yet-due letter cannot leave the service by any of them.
 */
export function choiceAllowsNow(newest: NewestChoice, now: Date): ReleaseCheck {
  if (!newest) return { ok: false, reason: "The recipient has not yet said whether, when or how they want the letter. Record their choice first." };
  switch (newest.choice) {
    case "HOLD":
      return { ok: false, held: true, reason: "Held with the service until the recipient asks for it." };
    case "DECLINE":
      return { ok: false, reason: "The recipient declined the letter. It is not delivered." };
    case "DESTROY":
      return { ok: false, reason: "The recipient asked for the letter to be destroyed." };
    case "DELIVER_LATER": {
      const at = newest.deliverAfter ? new Date(newest.deliverAfter) : null;
      if (!at || now < at) return { ok: false, reason: `Not before ${at ? formatDay(at) : "the date they chose"}, as the recipient asked.` };
      return { ok: true };
    }
    case "RECEIVE_NOW":
    case "READ_ALOUD":
      return { ok: true };
  }
}

export type Redactions = { redactSignature: boolean; redactFirstName: boolean };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const namesPattern = (names: string[]) => {
  const parts = [
    ...new Set(
      names
        .flatMap((n) => [n, ...n.split(/\s+/)])
        .map((n) => n.trim())
        .filter((n) => n.length >= 2),
    ),
  ];
  return parts.length
    ? new RegExp(
        `\\b(?:${parts
          .sort((a, b) => b.length - a.length)
          .map(escape)
          .join("|")})\\b`,
        "gi",
      )
    : null;
};

/**
 * The letter as it will be delivered. No signature: the author's names are removed from the last
 * three lines (where a sign-off is). No first name: the recipient's names are removed throughout.
 */
export function applyRedactions(lines: string[], r: Redactions, writerNames: string[], recipientNames: string[]): string[] {
  let out = [...lines];
  if (r.redactFirstName) {
    const re = namesPattern(recipientNames);
    if (re) out = out.map((l) => l.replace(re, "[name removed]"));
  }
  if (r.redactSignature) {
    const re = namesPattern(writerNames);
    const filled = out
      .map((l, i) => (l.trim() ? i : -1))
      .filter((i) => i >= 0)
      .slice(-3);
    if (re) for (const i of filled) out[i] = out[i]!.replace(re, "[signature removed]");
  }
  return out;
}
