import { z } from "zod";
import { CaseIdSchema, CaseRoleSchema, EmailSchema, NewPasswordSchema, PersonNameSchema, StaffRoleSchema, UserIdSchema } from "./schemas";

/** The admin forms, one schema per intent (docs/conventions.md §4). */
export const UserAdminSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), email: EmailSchema, name: PersonNameSchema, role: StaffRoleSchema, password: NewPasswordSchema }),
    z.object({ intent: z.literal("disable"), userId: UserIdSchema }),
    z.object({ intent: z.literal("enable"), userId: UserIdSchema }),
    z.object({ intent: z.literal("reset-password"), userId: UserIdSchema, password: NewPasswordSchema }),
  ],
  { error: "Unknown action" },
);

export const CaseTeamSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("assign"), caseId: CaseIdSchema, userId: UserIdSchema, role: CaseRoleSchema }),
    z.object({ intent: z.literal("remove"), caseId: CaseIdSchema, userId: UserIdSchema }),
  ],
  { error: "Unknown action" },
);

/** A person choosing their own password: the current one again, the new one twice. */
export const ChangePasswordSchema = z
  .object({
    current: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200, "Use at most 200 characters"),
    password: NewPasswordSchema,
    confirm: z.string({ error: "Enter the new password again" }),
    /** Where the person was going when they were sent here (checked by safeRedirect), as at sign-in. */
    redirectTo: z.string().max(500).optional(),
  })
  .refine((v) => v.confirm === v.password, { path: ["confirm"], message: "The two new passwords are not the same" })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "Choose a password different from the one you were given" });
