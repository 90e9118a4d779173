import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const TMP = path.join(ROOT, "tests", ".tmp");
/** This run's folder: concurrent runs (several terminals, CI) never share or delete each other's files. */
export const RUN_DIR_ENV = "CIRCLE_TEST_RUN_DIR";
export const templateDbPath = (runDir: string) => path.join(runDir, "template.db");
