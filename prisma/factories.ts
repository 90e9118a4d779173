import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "~/utils/password.server";
import type { CaseRole, Stage, StaffRole } from "~/utils/roles";
import { STAGES } from "~/utils/roles";

/** Builders shared by the demo seed and the tests (CONVENTIONS §5). */
export function factories(db: PrismaClient) {
  return {
    service: (name = "Test RJ Service") => db.service.create({ data: { name }, select: { id: true, name: true } }),

    async user(input: { serviceId: string; email: string; name: string; role: StaffRole; password: string; disabled?: boolean }) {
      const hash = await hashPassword(input.password);
      return db.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          disabled: input.disabled ?? false,
          serviceId: input.serviceId,
          password: { create: { hash } },
        },
        select: { id: true, email: true, name: true, role: true, serviceId: true },
      });
    },

    /** A case with its stage timeline filled in up to `stage`, and its members. */
    async case(input: {
      serviceId: string;
      reference: string;
      title: string;
      offenceSummary: string;
      stage?: Stage;
      sensitive?: boolean;
      members?: { userId: string; role: CaseRole }[];
      startedAt?: Date;
    }) {
      const stage = input.stage ?? "REFERRAL";
      const reached = STAGES.slice(0, STAGES.indexOf(stage) + 1);
      const start = (input.startedAt ?? new Date()).getTime();
      return db.case.create({
        data: {
          serviceId: input.serviceId,
          reference: input.reference,
          title: input.title,
          offenceSummary: input.offenceSummary,
          stage,
          sensitive: input.sensitive ?? false,
          members: { create: input.members ?? [] },
          stageEvents: {
            create: reached.map((s, i) => ({ stage: s, createdAt: new Date(start + i * 9 * 24 * 3600 * 1000) })),
          },
        },
        select: { id: true, reference: true },
      });
    },

    conference: (input: { caseId: string; scheduledAt: Date; venue: string }) =>
      db.conference.create({ data: input, select: { id: true } }),
  };
}
