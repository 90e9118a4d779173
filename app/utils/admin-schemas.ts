import { z } from "zod";
import { CaseIdSchema, CaseRoleSchema, EmailSchema, NewPasswordSchema, PersonNameSchema, StaffRoleSchema, UserIdSchema } from "./schemas";

/** The admin forms, one schema per intent (CONVENTIONS §4). */
export const UserAdminSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), email: EmailSchema, name: PersonNameSchema, role: StaffRoleSchema, password: NewPasswordSchema }),
  z.object({ intent: z.literal("disable"), userId: UserIdSchema }),
  z.object({ intent: z.literal("enable"), userId: UserIdSchema }),
  z.object({ intent: z.literal("reset-password"), userId: UserIdSchema, password: NewPasswordSchema }),
], { error: "Unknown action" });

export const CaseTeamSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), caseId: CaseIdSchema, userId: UserIdSchema, role: CaseRoleSchema }),
  z.object({ intent: z.literal("remove"), caseId: CaseIdSchema, userId: UserIdSchema }),
], { error: "Unknown action" });
