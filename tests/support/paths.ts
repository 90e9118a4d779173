import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const TMP = path.join(ROOT, "tests", ".tmp");
/** A migrated, empty database made once per test run; each test file copies it. */
export const TEMPLATE_DB = path.join(TMP, "template.db");
