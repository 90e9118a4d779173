import type { Prisma } from "@prisma/client";
import { can, type Principal } from "~/utils/permissions";
import { Refusal } from "~/utils/refusal";

type Tx = Prisma.TransactionClient;

/** The hold in force on a case (not lifted), or null. A case has at most one: placing a second is refused. */
export function holdInForce(tx: Tx, caseId: string) {
  return tx.legalHold.findFirst({ where: { caseId, liftedAt: null }, orderBy: { placedAt: "desc" }, select: { id: true, reason: true, placedAt: true } });
}

async function serviceCase(tx: Tx, user: Principal, caseId: string) {
  const found = await tx.case.findFirst({ where: { id: caseId, serviceId: user.serviceId }, select: { id: true, reference: true, disposedAt: true } });
  if (!found) throw new Refusal("That case is not in your service.", { status: 404, field: "caseId" });
  if (found.disposedAt) throw new Refusal("This case's personal data has already been disposed of.", { status: 410, field: "caseId" });
  return found;
}

/**
 * Puts a case on legal hold: while the hold is in force the case cannot be disposed of
 * (disposeCase checks it in its own transaction). Any case of the service, open or closed, may be
 * held: a claim can arrive before a case closes.
 */
export async function placeLegalHold(tx: Tx, user: Principal, caseId: string, reason: string) {
  if (!can(user, "service:legal-hold", { kind: "service", serviceId: user.serviceId })) throw new Refusal("Only the service manager can place a legal hold.", { status: 404 });
  const found = await serviceCase(tx, user, caseId);
  if (await holdInForce(tx, caseId)) throw new Refusal(`${found.reference} is already on legal hold. Lift that hold first if its reason has changed.`, { field: "caseId" });
  const hold = await tx.legalHold.create({ data: { caseId, reason, placedById: user.id }, select: { id: true } });
  return { holdId: hold.id, reference: found.reference };
}

/** Lifts the hold in force, once, with a reason; the hold and its reason stay in the history. */
export async function liftLegalHold(tx: Tx, user: Principal, caseId: string, reason: string) {
  if (!can(user, "service:legal-hold", { kind: "service", serviceId: user.serviceId })) throw new Refusal("Only the service manager can lift a legal hold.", { status: 404 });
  const found = await serviceCase(tx, user, caseId);
  const hold = await holdInForce(tx, caseId);
  if (!hold) throw new Refusal(`${found.reference} is not on legal hold.`, { field: "caseId" });
  await tx.legalHold.update({ where: { id: hold.id }, data: { liftedAt: new Date(), liftedById: user.id, liftReason: reason }, select: { id: true } });
  return { holdId: hold.id, reference: found.reference };
}
