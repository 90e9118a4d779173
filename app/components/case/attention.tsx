import type { SerializeFrom } from "@remix-run/node";
import type { CaseAttention } from "~/models/attention.server";
import { formatDate } from "~/utils/format";

type Attention = SerializeFrom<CaseAttention>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What needs attention on a case, as badges that say it in words: "Overdue" with a warning sign,
 * "Due soon" with a clock, "Soon" for a conference. Colour only repeats what the words say.
 */
export function AttentionBadges({ a }: { a: Attention }) {
  const items: { kind: "overdue" | "due" | "soon"; text: string }[] = [];
  if (a.victimsCodeOverdue > 0) {
    const who = a.noPersonHarmed ? "" : ` for ${plural(a.victimsCodeOverdue, "person harmed", "people harmed")}`;
    items.push({ kind: "overdue", text: `Victims' Code offer of RJ${who}, was due ${formatDate(a.victimsCodeDueBy!)}` });
  } else if (a.victimsCodeDue > 0) {
    items.push({ kind: "due", text: `Victims' Code offer of RJ by ${formatDate(a.victimsCodeDueBy!)}` });
  }
  if (a.termsOverdue > 0) items.push({ kind: "overdue", text: plural(a.termsOverdue, "agreement term", "agreement terms") });
  if (a.contactsOverdue > 0) items.push({ kind: "overdue", text: `contact with ${plural(a.contactsOverdue, "person", "people")}` });
  if (a.contactsDueSoon > 0) items.push({ kind: "due", text: `contact with ${plural(a.contactsDueSoon, "person", "people")} by ${formatDate(a.nextContactDue!)}` });
  if (a.termsDue > 0) items.push({ kind: "due", text: plural(a.termsDue, "agreement term", "agreement terms") });
  // The date itself is on the list already ("Conference Tue 8 Dec…"): the badge says why it sorts high.
  if (a.tier === 2 && a.nextConferenceAt) items.push({ kind: "soon", text: "conference within a week" });
  if (items.length === 0) return null;
  return (
    <div className="meta attention-list">
      {items.map((item) => (
        <span key={item.text} className={`badge attention ${item.kind}`}>
          {item.kind === "overdue" ? (
            <>
              <span aria-hidden="true">⚠</span> <strong>Overdue:</strong> {item.text}
            </>
          ) : item.kind === "due" ? (
            <>
              <span aria-hidden="true">◷</span> <strong>Due soon:</strong> {item.text}
            </>
          ) : (
            <>
              <span aria-hidden="true">◷</span> <strong>Soon:</strong> {item.text}
            </>
          )}
        </span>
      ))}
    </div>
  );
}
