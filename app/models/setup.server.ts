import { randomInt } from "node:crypto";
import { z } from "zod";
import { audit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { addDefaultAuditPeriod } from "./audit-retention.server";
import { addDefaultRules } from "./retention-rules.server";
import { addStandardProgramme } from "./standard-programme.server";
import { hashPassword } from "~/utils/password.server";
import { Refusal } from "~/utils/refusal";
import { cleanLine, EmailSchema, PersonNameSchema } from "~/utils/schemas";

export const SetupSchema = z.object({
  service: z
    .string({ error: "Give the service's name with --service" })
    .overwrite(cleanLine)
    .trim()
    .min(1, "Give the service's name with --service")
    .max(120, "The service's name is too long (at most 120 characters)"),
  adminEmail: EmailSchema,
  adminName: PersonNameSchema,
});
export type SetupInput = z.infer<typeof SetupSchema>;

// No 0/O, 1/l/I: the password is read off a screen and typed on a tablet.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A one-time password: four groups of five (about 99 bits), easy to read out and type. */
export function oneTimePassword(): string {
  const group = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

/**
 * A new service and its first manager, for a deployment that starts without the demo. The
 * manager signs in with the one-time password returned here (shown once, stored only as a hash)
 * and must choose their own before anything else. Refuses, changing nothing, when a service of
 * that name or an account with that email already exists.
 */
export async function setUpService(input: SetupInput): Promise<{ serviceId: string; userId: string; password: string }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  return db
    .$transaction(async (tx) => {
      const services = await tx.service.findMany({ select: { name: true } });
      if (services.some((s) => s.name.toLowerCase() === input.service.toLowerCase())) {
        throw new Refusal(`A service called "${input.service}" already exists. Nothing was changed.`);
      }
      if (await tx.user.findUnique({ where: { email: input.adminEmail }, select: { id: true } })) {
        throw new Refusal(`An account with the email ${input.adminEmail} already exists. Nothing was changed.`);
      }
      const service = await tx.service.create({ data: { name: input.service }, select: { id: true } });
      // Circle's default retention rules and audit trail period, for the manager to check against the service's policy (/admin/retention).
      await addDefaultRules(tx, service.id);
      await addDefaultAuditPeriod(tx, service.id);
      // The standard programme, the service's own copy to adapt (/admin/programmes).
      await addStandardProgramme(tx, service.id);
      const user = await tx.user.create({
        data: {
          email: input.adminEmail,
          name: input.adminName,
          role: "ADMIN",
          serviceId: service.id,
          mustChangePassword: true,
          password: { create: { hash } },
        },
        select: { id: true },
      });
      return { serviceId: service.id, userId: user.id, password };
    })
    .then(async (created) => {
      await audit({ actor: null, action: "service.setup", target: `user:${created.userId}`, details: { service: input.service, adminEmail: input.adminEmail } });
      return created;
    });
}
