import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Lists the foreign-key problems in prisma/schema.prisma: `*Id` columns no relation names (the
 * database would keep a dangling id forever) and relation keys no index starts with (every
 * delete of the parent and every "rows of this parent" query would scan the table).
 * Columns that hold an id which is deliberately not a key are listed in NOT_KEYS with the reason.
 */

/** `Model.field` ids that are not foreign keys, and why. */
export const NOT_KEYS: Record<string, string> = {
  // A frozen version's term id (from its termsJson): the draft's term row may be removed or
  // replaced after the version is signed, and the comment, progress or payment must stay.
  "AgreementComment.termId": "an id inside AgreementVersion.termsJson",
  "AgreementTermProgress.termId": "an id inside the approved AgreementVersion.termsJson",
  "AgreementPayment.termId": "an id inside the approved AgreementVersion.termsJson",
  // The retention rule a case was disposed of under, as its caller named it: a rule may be changed
  // or retired afterwards, and the disposal's record (and certificate) must keep saying which it was.
  "CaseDisposal.ruleId": "the retention rule's id as given when the case was disposed of",
};

export type SchemaKeyReport = { unrelated: string[]; unindexed: string[] };

export function schemaKeyReport(schema: string): SchemaKeyReport {
  const unrelated: string[] = [];
  const unindexed: string[] = [];
  for (const [, model, body = ""] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const lines = body
      .split("\n")
      .map((l) => l.replace(/\/\/.*$/, "").trim())
      .filter(Boolean);
    const scalarIds: string[] = [];
    const keys: string[][] = [];
    const indexes: string[][] = [];
    for (const line of lines) {
      const block = line.match(/^@@(?:index|unique|id)\(\[([^\]]*)\]/);
      if (block) {
        indexes.push(block[1]!.split(",").map((s) => s.trim().replace(/\(.*$/, "")));
        continue;
      }
      const [name, type] = line.split(/\s+/);
      if (!name || !type || name.startsWith("@")) continue;
      if (/(^|\s)@(id|unique)\b/.test(line)) indexes.push([name]);
      const rel = line.match(/@relation\([^)]*fields:\s*\[([^\]]*)\]/);
      if (rel) keys.push(rel[1]!.split(",").map((s) => s.trim()));
      else if (/Id$/.test(name) && /^(String|Int)\??$/.test(type)) scalarIds.push(name);
    }
    const keyed = new Set(keys.flat());
    for (const id of scalarIds) {
      if (!keyed.has(id) && !(`${model}.${id}` in NOT_KEYS)) unrelated.push(`${model}.${id}`);
    }
    for (const key of keys) {
      const covered = indexes.some((ix) => key.every((k, i) => ix[i] === k));
      if (!covered) unindexed.push(`${model}.${key.join("+")}`);
    }
  }
  return { unrelated, unindexed };
}

export const SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "schema.prisma");

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = schemaKeyReport(readFileSync(SCHEMA_PATH, "utf8"));
  console.log(`*Id columns without a relation: ${report.unrelated.length}`);
  for (const c of report.unrelated) console.log(`  ${c}`);
  console.log(`relation keys without an index: ${report.unindexed.length}`);
  for (const c of report.unindexed) console.log(`  ${c}`);
}
