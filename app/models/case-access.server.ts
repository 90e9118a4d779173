import { notFound } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { findServiceCase } from "./case-team.server";
import { formatDay } from "~/utils/format";
import { can, isLetterAuthor, type CaseAction, type CaseResource, type Principal, type ServiceAction } from "~/utils/permissions";
import type { CaseRole } from "~/utils/roles";
import { CaseIdSchema, RecordIdSchema } from "~/utils/schemas";

/** The facts can() needs about one case for one user, or null when the case does not exist. */
export async function getCaseResource(user: Principal, caseId: string): Promise<CaseResource | null> {
  if (!CaseIdSchema.safeParse(caseId).success) return null;
  const found = await db.case.findUnique({
    where: { id: caseId },
    select: { id: true, serviceId: true, disposedAt: true, members: { where: { userId: user.id }, select: { role: true } } },
  });
  // A disposed case is an anonymised record for reports: nothing of it is a resource any more.
  if (!found || found.disposedAt) return null;
  return caseResourceOf(found);
}

/**
 * 410 for a case of the person's own service whose personal data was disposed of, so a bookmark or
 * an old tab says what happened instead of "not found"; nothing of the case is said but the date.
 */
async function disposedCaseGone(user: Principal, caseId: string): Promise<Response | null> {
  if (!CaseIdSchema.safeParse(caseId).success || isLetterAuthor(user)) return null;
  const found = await db.case.findFirst({ where: { id: caseId, serviceId: user.serviceId, disposedAt: { not: null } }, select: { disposedAt: true } });
  if (!found?.disposedAt) return null;
  return new Response(`This case's personal data was disposed of on ${formatDay(found.disposedAt)} at the end of its retention period. Nothing of it can be shown.`, {
    status: 410,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * The resource can() judges, from a case row read with the principal's own membership
 * (`members: { where: { userId } }`). Lists and searches build it the same way as a single case,
 * so one rule decides both.
 */
export function caseResourceOf(found: { id: string; serviceId: string; members: { role: string }[] }): CaseResource {
  return {
    kind: "case",
    caseId: found.id,
    serviceId: found.serviceId,
    membership: (found.members[0]?.role as CaseRole | undefined) ?? null,
  };
}

/** Throws 404 (never 403) when the case is missing or the action is not allowed: existence is not confirmed. */
export async function requireCaseAction(user: Principal, caseId: string | undefined, action: CaseAction) {
  const resource = caseId ? await getCaseResource(user, caseId) : null;
  if (!resource && caseId) {
    const gone = await disposedCaseGone(user, caseId);
    if (gone) throw gone;
  }
  if (!resource || !can(user, action, resource)) throw notFound("Case not found");
  return resource;
}

/**
 * The case whose audit trail the person may read, with its reference: a case they may `case:audit`,
 * or a disposed case of their service for whoever may dispose of cases. A disposal keeps the trail
 * (its free text replaced by the tombstone reference, which is now the case's reference) for the
 * trail's own retention, so it stays readable when nothing else of the case is.
 */
export async function requireCaseAuditTrail(user: Principal, caseId: string | undefined): Promise<{ id: string; reference: string; disposed: boolean }> {
  if (caseId && CaseIdSchema.safeParse(caseId).success && !isLetterAuthor(user)) {
    const disposed = await db.case.findFirst({ where: { id: caseId, serviceId: user.serviceId, disposedAt: { not: null } }, select: { id: true, reference: true } });
    if (disposed) {
      if (!can(user, "service:dispose", { kind: "service", serviceId: user.serviceId })) throw notFound("Case not found");
      return { ...disposed, disposed: true };
    }
  }
  const resource = await requireCaseAction(user, caseId, "case:audit");
  const found = await findServiceCase(user.serviceId, resource.caseId);
  if (!found) throw notFound("Case not found");
  return { ...found, disposed: false };
}

/** Something a refused request named: a case, or a thing that belongs to one. */
export type CaseRef = { kind: "case" | "conference" | "letter" | "agreement" | "programme-session"; id: string };

/**
 * The case a refused request named, when it exists in the given service: the refusal then shows in
 * that case's audit trail. Null for anything else (no such thing, another service's, a bad id), so
 * a refusal never ties another service's case to this one's people.
 */
export async function findCaseOf(ref: CaseRef, serviceId: string): Promise<string | null> {
  if (!RecordIdSchema.safeParse(ref.id).success) return null;
  const where = { id: ref.id, case: { serviceId } };
  const found =
    ref.kind === "case"
      ? await db.case.findFirst({ where: { id: ref.id, serviceId }, select: { id: true } }).then((c) => (c ? { caseId: c.id } : null))
      : ref.kind === "conference"
        ? await db.conference.findFirst({ where, select: { caseId: true } })
        : ref.kind === "letter"
          ? await db.letter.findFirst({ where, select: { caseId: true } })
          : ref.kind === "programme-session"
            ? await db.programmeSession
                .findFirst({ where: { id: ref.id, programme: { case: { serviceId } } }, select: { programme: { select: { caseId: true } } } })
                .then((s) => (s ? { caseId: s.programme.caseId } : null))
            : await db.agreement.findFirst({ where, select: { caseId: true } });
  return found?.caseId ?? null;
}

/** Throws 404 unless the principal may do `action` on their own service (pages that are not advertised). */
export function requireServiceAction(user: Principal, action: ServiceAction) {
  if (!can(user, action, { kind: "service", serviceId: user.serviceId })) throw notFound();
}
