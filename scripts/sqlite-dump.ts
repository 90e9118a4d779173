import Database from "better-sqlite3";

function sqlValue(v: unknown): string {
  if (v === null) return "NULL";
  if (typeof v === "bigint") return v.toString();
  // A REAL stays a REAL: a whole number gets ".0" (1e21 already reads as a real in SQL).
  if (typeof v === "number") return Number.isInteger(v) && !String(v).includes("e") ? `${v}.0` : String(v);
  if (Buffer.isBuffer(v)) return `X'${v.toString("hex")}'`;
  return `'${String(v).replaceAll("'", "''")}'`;
}

/**
 * A SQLite database as SQL a person can read and `sqlite.exec` can load into an empty file: every
 * table with its rows (column names on each INSERT), then the indexes and triggers, in SQLite's
 * own words from sqlite_master, in one transaction with foreign keys off. Integers are read as
 * BigInt so none is rounded; blobs are hex literals.
 */
export function dumpDatabase(file: string): string {
  const sqlite = new Database(file, { readonly: true });
  try {
    sqlite.defaultSafeIntegers(true);
    const objects = sqlite.prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid`).all() as {
      type: string;
      name: string;
      sql: string;
    }[];
    const out: string[] = ["PRAGMA foreign_keys=OFF;", "BEGIN TRANSACTION;"];
    for (const t of objects.filter((o) => o.type === "table")) {
      out.push(`${t.sql};`);
      const columns = (sqlite.prepare(`PRAGMA table_info("${t.name}")`).all() as { name: string }[]).map((c) => `"${c.name}"`);
      for (const row of sqlite.prepare(`SELECT * FROM "${t.name}"`).raw().all() as unknown[][]) {
        out.push(`INSERT INTO "${t.name}" (${columns.join(", ")}) VALUES (${row.map(sqlValue).join(", ")});`);
      }
    }
    for (const o of objects.filter((x) => x.type !== "table")) out.push(`${o.sql};`);
    out.push("COMMIT;");
    return out.join("\n") + "\n";
  } finally {
    sqlite.close();
  }
}
