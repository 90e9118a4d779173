import { Prisma, type PrismaClient } from "@prisma/client";
import type { ActionAudit } from "~/utils/action.server";
import { db } from "~/utils/db.server";
import type { ClosureReason } from "~/utils/preparation";
import { Refusal } from "~/utils/refusal";
import { ANY_OUTCOME, describeTerms, outcomeLabel, RETENTION_CASE_TYPE_LABELS, type RetentionCaseType, type RetentionRuleFacts } from "./retention";
import type { RetentionRuleAction } from "./retention-schemas";

/**
 * A service's retention rules (README Decisions, "Retention rules are versioned"): read, set by
 * the service manager on /admin/retention, and the defaults a service starts with. A change never
 * rewrites a rule: it retires the version in force and adds the next (triggers refuse anything
 * else), so the history says who set what, when and why.
 */

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * What a new service keeps, until its manager sets its own policy: adult case records 6 years
 * after closure; records about children until the youngest person harmed or responsible is 25, or
 * 6 years after closure if that is later. The migration that added rules gave existing services
 * the same (its SQL repeats these words).
 */
export const DEFAULT_RULES = [
  {
    caseType: "ADULT",
    outcome: null,
    basis: "AFTER_CLOSURE",
    years: 6,
    months: 0,
    untilAge: null,
    reason: "Circle's default for adult cases: check it against your service's retention policy.",
  },
  {
    caseType: "YOUTH",
    outcome: null,
    basis: "LATER_OF",
    years: 6,
    months: 0,
    untilAge: 25,
    reason: "Circle's default for youth cases: check it against your service's retention policy.",
  },
] as const satisfies Omit<RetentionRuleFacts, "id">[];

/** The key only one rule in force may hold per service: case type and outcome. */
const slotOf = (caseType: RetentionCaseType, outcome: ClosureReason | null) => `${caseType}:${outcome ?? ANY_OUTCOME}`;

/** Gives a service the default rules (setup, the demo seed); createdById null marks them as Circle's. */
export async function addDefaultRules(client: Client, serviceId: string) {
  await client.retentionRule.createMany({ data: DEFAULT_RULES.map((r) => ({ ...r, serviceId, inForce: slotOf(r.caseType, r.outcome) })) });
}

const RULE_SELECT = { id: true, caseType: true, outcome: true, basis: true, years: true, months: true, untilAge: true, reason: true } as const;

/** The rules in force of every service (the retention job), or of one. */
export async function rulesInForce(client: Client, serviceId?: string): Promise<(RetentionRuleFacts & { serviceId: string })[]> {
  return client.retentionRule.findMany({ where: { inForce: { not: null }, ...(serviceId ? { serviceId } : {}) }, select: { ...RULE_SELECT, serviceId: true } });
}

/** The page's rules in force, in a fixed order (adult first, "any outcome" first), and every change, newest first. */
export async function getRetentionRules(serviceId: string) {
  const rows = await db.retentionRule.findMany({
    where: { serviceId },
    orderBy: { createdAt: "asc" },
    select: {
      ...RULE_SELECT,
      inForce: true,
      replacesId: true,
      createdAt: true,
      retiredAt: true,
      createdBy: { select: { name: true } },
      retiredBy: { select: { name: true } },
    },
  });
  const rules = rows
    .filter((r) => r.inForce !== null)
    .map((r) => ({ ...r, terms: describeTerms(r), setBy: r.createdBy?.name ?? null, setAt: r.createdAt.toISOString() }))
    .sort((a, b) => a.caseType.localeCompare(b.caseType) || (a.outcome ?? "").localeCompare(b.outcome ?? ""));
  const replaced = new Set(rows.map((r) => r.replacesId).filter(Boolean));
  const history = rows.flatMap((r) => {
    const about = `${RETENTION_CASE_TYPE_LABELS[r.caseType]}, ${outcomeLabel(r.outcome).toLowerCase()}`;
    const set = {
      id: `${r.id}:set`,
      at: r.createdAt.toISOString(),
      who: r.createdBy?.name ?? "Circle (default)",
      what: r.replacesId ? "Changed" : r.createdBy ? "Added" : "Default",
      about,
      terms: describeTerms(r),
      reason: r.reason,
    };
    const removed =
      r.retiredAt && !replaced.has(r.id)
        ? [{ id: `${r.id}:removed`, at: r.retiredAt.toISOString(), who: r.retiredBy?.name ?? "", what: "Removed", about, terms: describeTerms(r), reason: r.reason }]
        : [];
    return [set, ...removed];
  });
  return { rules, history: history.sort((a, b) => b.at.localeCompare(a.at)) };
}

/** A change made: what to tell the manager and what to audit. */
export type RuleChange = { done: string; ruleId: string; audit: ActionAudit[] };

const NOT_IN_FORCE = "That rule is no longer in force: someone may have just changed it. Reload the page to see the rules in force.";

/** Adds, changes or removes one rule of the manager's service, in the caller's transaction (a Refusal changes nothing). */
export async function changeRetentionRule(tx: Prisma.TransactionClient, manager: { id: string; serviceId: string }, input: RetentionRuleAction): Promise<RuleChange> {
  if (input.intent === "add") {
    const outcome = input.outcome === ANY_OUTCOME ? null : input.outcome;
    const created = await createRule(tx, { serviceId: manager.serviceId, createdById: manager.id, replacesId: null, ...input, outcome });
    return { done: `Added the rule for ${describe(input.caseType, outcome)}.`, ruleId: created, audit: [entry("retention.rule.add", created, { ...input, outcome })] };
  }
  const current = await tx.retentionRule.findFirst({ where: { id: input.ruleId, serviceId: manager.serviceId, inForce: { not: null } }, select: RULE_SELECT });
  if (!current) throw new Refusal(NOT_IN_FORCE);
  if (input.intent === "remove" && current.outcome === null) {
    throw new Refusal(
      `Every case type keeps a rule for any outcome, so that no closed case is left without one: change the rule for ${describe(current.caseType, null)} instead of removing it.`,
    );
  }
  const retired = await tx.retentionRule.updateMany({ where: { id: current.id, retiredAt: null }, data: { retiredAt: new Date(), retiredById: manager.id, inForce: null } });
  if (retired.count !== 1) throw new Refusal(NOT_IN_FORCE);
  if (input.intent === "remove") {
    return {
      done: `Removed the rule for ${describe(current.caseType, current.outcome)}: those cases now follow the rule for any outcome.`,
      ruleId: current.id,
      audit: [entry("retention.rule.remove", current.id, current)],
    };
  }
  const next = { ...input, caseType: current.caseType, outcome: current.outcome };
  const created = await createRule(tx, { serviceId: manager.serviceId, createdById: manager.id, replacesId: current.id, ...next });
  return {
    done: `Saved the rule for ${describe(current.caseType, current.outcome)}: ${describeTerms(next)}.`,
    ruleId: created,
    audit: [entry("retention.rule.change", created, { ...next, replaces: current.id })],
  };
}

type NewRule = Omit<RetentionRuleFacts, "id"> & { serviceId: string; createdById: string; replacesId: string | null };

async function createRule(tx: Prisma.TransactionClient, r: NewRule): Promise<string> {
  try {
    const { id } = await tx.retentionRule.create({
      data: {
        serviceId: r.serviceId,
        caseType: r.caseType,
        outcome: r.outcome,
        basis: r.basis,
        years: r.years,
        months: r.months,
        untilAge: r.untilAge,
        reason: r.reason,
        inForce: slotOf(r.caseType, r.outcome),
        replacesId: r.replacesId,
        createdById: r.createdById,
      },
      select: { id: true },
    });
    return id;
  } catch (error) {
    // The unique key on the rule in force per type and outcome: one is there already (or was added a moment ago).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new Refusal(`There is already a rule for ${describe(r.caseType, r.outcome)}: change that rule instead of adding another.`, { field: "outcome" });
    }
    throw error;
  }
}

const describe = (caseType: RetentionCaseType, outcome: ClosureReason | null) =>
  `${RETENTION_CASE_TYPE_LABELS[caseType].toLowerCase()} ${outcome ? `closed as "${outcomeLabel(outcome).toLowerCase()}"` : "with any outcome"}`;

/** The audit entry of a change: the rule's terms as structured values (the reason is the manager's words, kept on the rule). */
function entry(action: ActionAudit["action"], ruleId: string, r: Omit<RetentionRuleFacts, "id" | "reason"> & { replaces?: string }): ActionAudit {
  return {
    action,
    target: `retention-rule:${ruleId}`,
    details: { caseType: r.caseType, outcome: r.outcome, basis: r.basis, years: r.years, months: r.months, untilAge: r.untilAge, ...(r.replaces ? { replaces: r.replaces } : {}) },
  };
}
