import type { Prisma, PrismaClient } from "@prisma/client";
import { db } from "~/utils/db.server";
import { STANDARD_PROGRAMME, STANDARD_PROGRAMME_DESCRIPTION, STANDARD_PROGRAMME_NAME } from "./programme-library";

type Tx = Prisma.TransactionClient;

/** The service's own copy of the standard programme (programme-library.ts), for its manager to adapt. */
export async function addStandardProgramme(tx: Tx | PrismaClient, serviceId: string) {
  return tx.programmeTemplate.create({
    data: {
      serviceId,
      name: STANDARD_PROGRAMME_NAME,
      description: STANDARD_PROGRAMME_DESCRIPTION,
      standard: true,
      sessions: { create: STANDARD_PROGRAMME.map((s, position) => ({ position, ...s })) },
    },
    select: { id: true },
  });
}

/**
 * At each start of the server: a service that has never had a programme template (one set up
 * before programmes existed) receives the standard one. A service whose manager archived every
 * template keeps none: they chose that. Returns how many services it gave one to.
 */
export async function ensureStandardProgrammes(client: PrismaClient = db): Promise<number> {
  const without = await client.service.findMany({ where: { programmeTemplates: { none: {} } }, select: { id: true } });
  for (const s of without) await client.$transaction((tx) => addStandardProgramme(tx, s.id));
  return without.length;
}
