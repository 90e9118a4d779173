import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_PATH, schemaKeyReport } from "../../scripts/schema-keys";

describe("foreign keys in the Prisma schema", () => {
  it("every id column naming another row is a relation, and every relation key has an index", () => {
    expect(schemaKeyReport(readFileSync(SCHEMA_PATH, "utf8"))).toEqual({ unrelated: [], unindexed: [] });
  });

  it("the check finds an id column without a relation and a relation key without an index", () => {
    const schema = `
model Letter {
  id       String @id
  writerId String
  caseId   String
  ownerId  String

  case  Case @relation(fields: [caseId], references: [id], onDelete: Cascade)
  owner User @relation(fields: [ownerId], references: [id], onDelete: Restrict)

  @@index([ownerId, caseId])
}
`;
    expect(schemaKeyReport(schema)).toEqual({ unrelated: ["Letter.writerId"], unindexed: ["Letter.caseId"] });
  });
});
