import { TERM_TYPE_LABELS, formatPence, type FrozenTerm } from "~/models/agreement-labels";

/** What changed in the terms between two versions, matched by term id (pure, unit-tested). */
export type TermChange =
  { kind: "added" | "removed"; title: string; term: FrozenTerm } | { kind: "changed"; title: string; fields: { label: string; before: string; after: string }[] };

const FIELDS: { label: string; value: (t: FrozenTerm) => string }[] = [
  { label: "Kind", value: (t) => TERM_TYPE_LABELS[t.type] ?? t.type },
  { label: "What will be done", value: (t) => t.description },
  { label: "Responsible", value: (t) => t.responsibleName ?? "—" },
  { label: "For", value: (t) => t.beneficiaryName ?? "—" },
  { label: "Due", value: (t) => t.dueDate ?? "—" },
  { label: "Checked by", value: (t) => t.verification || "—" },
  { label: "Amount", value: (t) => (t.amountPence === null ? "—" : formatPence(t.amountPence)) },
  { label: "Instalments", value: (t) => (t.instalments === null ? "—" : String(t.instalments)) },
  { label: "Hours", value: (t) => (t.hours === null ? "—" : String(t.hours)) },
];

const titleOf = (t: FrozenTerm) => `${TERM_TYPE_LABELS[t.type] ?? "Term"}: ${t.description.slice(0, 60)}`;

export function diffTerms(before: FrozenTerm[], after: FrozenTerm[]): TermChange[] {
  const out: TermChange[] = [];
  const old = new Map(before.map((t) => [t.id, t]));
  const next = new Set(after.map((t) => t.id));
  for (const t of after) {
    const prev = old.get(t.id);
    if (!prev) {
      out.push({ kind: "added", title: titleOf(t), term: t });
      continue;
    }
    const fields = FIELDS.map((f) => ({ label: f.label, before: f.value(prev), after: f.value(t) })).filter((f) => f.before !== f.after);
    if (fields.length) out.push({ kind: "changed", title: titleOf(t), fields });
  }
  for (const t of before) if (!next.has(t.id)) out.push({ kind: "removed", title: titleOf(t), term: t });
  return out;
}
