import { randomBytes } from "node:crypto";

/**
 * An id in Prisma's cuid shape (c + 24 base-36 characters), for rows written with SQL rather than
 * through Prisma's create (the live store, the audit trail's collapsed views): matches RecordIdSchema.
 */
export function newId(): string {
  const bytes = randomBytes(24);
  let out = "c";
  for (const b of bytes) out += (b % 36).toString(36);
  return out;
}
