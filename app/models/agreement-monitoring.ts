import { toZonedInput } from "~/utils/format";
import type { FrozenTerm, ProgressStatus } from "./agreement-labels";

/** How far ahead a term counts as "due" on the case list and the supervisor's dashboard. */
export const DUE_SOON_DAYS = 14;

/** Today's date (YYYY-MM-DD) in the service's time zone. */
export const serviceToday = (now = new Date()) => toZonedInput(now).slice(0, 10);

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A monitored term's urgency: "overdue" once its due date has passed without completion, "due"
 * within the next DUE_SOON_DAYS days; null when completed, undated or further off.
 */
export function termDueState(dueDate: string | null, status: ProgressStatus, today: string): "overdue" | "due" | null {
  if (!dueDate || status === "COMPLETED") return null;
  if (dueDate < today) return "overdue";
  if (dueDate <= addDays(today, DUE_SOON_DAYS)) return "due";
  return null;
}

/** Newest progress row per term (rows are append-only; newest counts). */
export function newestStatuses(rows: { termId: string; status: string; createdAt: Date | string }[]): Map<string, ProgressStatus> {
  const out = new Map<string, { status: ProgressStatus; at: number }>();
  for (const r of rows) {
    const at = new Date(r.createdAt).getTime();
    const seen = out.get(r.termId);
    if (!seen || at >= seen.at) out.set(r.termId, { status: r.status as ProgressStatus, at });
  }
  return new Map([...out].map(([k, v]) => [k, v.status]));
}

export type DueCounts = { due: number; overdue: number };

/** Due and overdue counts over an approved version's terms. */
export function countDue(terms: FrozenTerm[], statuses: Map<string, ProgressStatus>, today: string): DueCounts {
  const counts = { due: 0, overdue: 0 };
  for (const t of terms) {
    const state = termDueState(t.dueDate, statuses.get(t.id) ?? "NOT_STARTED", today);
    if (state) counts[state] += 1;
  }
  return counts;
}

/** Parses a version's termsJson, keeping only well-formed terms (the column is ours, but be strict). */
export function parseTerms(json: string): FrozenTerm[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value.filter((t) => t && typeof t === "object" && typeof t.id === "string" && typeof t.description === "string") as FrozenTerm[]) : [];
  } catch {
    return [];
  }
}
