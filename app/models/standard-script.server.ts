import type { PrismaClient } from "@prisma/client";
import { db } from "~/utils/db.server";
import { STANDARD_SCRIPT, STANDARD_SCRIPT_DESCRIPTION, STANDARD_SCRIPT_NAME, STANDARD_TEMPLATE_ID } from "./script-library";

/**
 * Makes the standard script's row say what this release's code says (STANDARD_SCRIPT): the
 * migration inserted the words of its day, and a later release may have changed them. Run at each
 * start of the server, before anyone can prepare a script. Rewrites only when something differs,
 * in one transaction; conferences keep the copies they were prepared with. Returns whether it wrote.
 */
export async function syncStandardTemplate(client: PrismaClient = db): Promise<boolean> {
  const row = await client.scriptTemplate.findUnique({
    where: { id: STANDARD_TEMPLATE_ID },
    select: {
      serviceId: true,
      name: true,
      description: true,
      archivedAt: true,
      steps: { orderBy: { position: "asc" }, select: { phase: true, title: true, prompt: true, addressTo: true } },
    },
  });
  const wanted = STANDARD_SCRIPT.map(({ phase, title, prompt, addressTo }) => ({ phase, title, prompt, addressTo }));
  const same =
    row !== null &&
    row.serviceId === null &&
    row.archivedAt === null &&
    row.name === STANDARD_SCRIPT_NAME &&
    row.description === STANDARD_SCRIPT_DESCRIPTION &&
    JSON.stringify(row.steps) === JSON.stringify(wanted);
  if (same) return false;
  const fields = { serviceId: null, name: STANDARD_SCRIPT_NAME, description: STANDARD_SCRIPT_DESCRIPTION, archivedAt: null, createdById: null };
  await client.$transaction(async (tx) => {
    await tx.scriptTemplate.upsert({ where: { id: STANDARD_TEMPLATE_ID }, create: { id: STANDARD_TEMPLATE_ID, ...fields }, update: fields, select: { id: true } });
    await tx.scriptTemplateStep.deleteMany({ where: { templateId: STANDARD_TEMPLATE_ID } });
    await tx.scriptTemplateStep.createMany({ data: wanted.map((s, position) => ({ templateId: STANDARD_TEMPLATE_ID, position, ...s })) });
  });
  return true;
}
