import { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { forgetSignInHistory } from "./sign-in.server";
import type { CaseRole, StaffRole } from "~/utils/roles";
import { revokeUserSessions } from "~/utils/session.server";
import { Refusal } from "~/utils/refusal";

export async function listServiceUsers(serviceId: string) {
  const users = await db.user.findMany({
    // Staff only: letter authors' accounts belong to their letter and end with it.
    where: { serviceId, role: { not: "LETTER_AUTHOR" } },
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      memberships: { select: { role: true, case: { select: { id: true, reference: true } } } },
    },
  });
  return users.map((u) => ({
    ...u,
    role: u.role as StaffRole,
    memberships: u.memberships.map((m) => ({ role: m.role as CaseRole, caseId: m.case.id, reference: m.case.reference })),
  }));
}

const duplicateEmail = () => new Refusal("A user with that email already exists", { status: 400, field: "email" });

export async function createUser(input: { serviceId: string; email: string; name: string; role: StaffRole; password: string }) {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw duplicateEmail();
  const hash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        serviceId: input.serviceId,
        // The manager chose this password and hands it over: the person replaces it at first sign-in.
        mustChangePassword: true,
        password: { create: { hash } },
      },
      select: { id: true, email: true },
    });
  } catch (error) {
    // Two submissions of one email both pass the check above while hashing; the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicateEmail();
    throw error;
  }
}

/** A user of the given service, or null: admins never reach users of another service. */
export async function findServiceUser(serviceId: string, userId: string) {
  return db.user.findFirst({ where: { id: userId, serviceId, role: { not: "LETTER_AUTHOR" } }, select: { id: true, email: true, role: true } });
}

export async function setUserDisabled(userId: string, disabled: boolean) {
  await db.user.update({ where: { id: userId }, data: { disabled }, select: { id: true } });
  if (disabled) await revokeUserSessions(userId);
}

/**
 * A reset ends every session, so a stolen session dies with the old password. The account's
 * sign-in budget starts afresh (the owner can use the new password at once), and its browsers are
 * no longer known to it: one that signed in with the old password gets no budget of its own for
 * guessing the new one.
 */
export async function resetPassword(userId: string, password: string) {
  const hash = await hashPassword(password);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, username: true } });
  await db.$transaction([
    db.password.upsert({ where: { userId }, create: { userId, hash }, update: { hash }, select: { userId: true } }),
    // A manager chose it: the person replaces it at their next sign-in.
    db.user.update({ where: { id: userId }, data: { mustChangePassword: true }, select: { id: true } }),
  ]);
  await forgetSignInHistory(user);
  await revokeUserSessions(userId);
}

/**
 * A person sets their own password (after a one-time or manager-set one, or by choice). The
 * current password is asked again so a session left open cannot be used to take the account;
 * every other session of theirs ends.
 */
export async function changeOwnPassword(input: { userId: string; sessionId: string; current: string; next: string }) {
  const stored = await db.password.findUnique({ where: { userId: input.userId }, select: { hash: true } });
  if (!stored || !(await verifyPassword(input.current, stored.hash))) throw new Refusal("That is not your current password", { status: 400, field: "current" });
  const hash = await hashPassword(input.next);
  await db.$transaction([
    db.password.update({ where: { userId: input.userId }, data: { hash }, select: { userId: true } }),
    db.user.update({ where: { id: input.userId }, data: { mustChangePassword: false }, select: { id: true } }),
    db.session.updateMany({ where: { userId: input.userId, revokedAt: null, id: { not: input.sessionId } }, data: { revokedAt: new Date() } }),
  ]);
}

export async function assignCaseRole(caseId: string, userId: string, role: CaseRole) {
  await db.caseMember.upsert({
    where: { caseId_userId: { caseId, userId } },
    create: { caseId, userId, role },
    update: { role },
    select: { id: true },
  });
}

export async function removeCaseMember(caseId: string, userId: string) {
  const { count } = await db.caseMember.deleteMany({ where: { caseId, userId } });
  return count > 0;
}
