/**
 * `npm run setup -- --service "<name>" --admin-email <email> --admin-name "<name>"`: creates a
 * service and its first manager on the configured database (DATABASE_URL; migrations run first)
 * and prints a one-time password, once. Exit codes: 0 created, 1 refused or invalid, 2 failed.
 */
import { parseArgs } from "node:util";
import { setUpService, SetupSchema } from "~/models/setup.server";
import { isRefusal } from "~/utils/refusal";
import { db } from "~/utils/db.server";

const USAGE = 'Usage: npm run setup -- --service "<service name>" --admin-email <email> --admin-name "<name>"';

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ options: { service: { type: "string" }, "admin-email": { type: "string" }, "admin-name": { type: "string" } }, strict: true }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const parsed = SetupSchema.safeParse({ service: values.service, adminEmail: values["admin-email"], adminName: values["admin-name"] });
  if (!parsed.success) {
    const flag = { service: "--service", adminEmail: "--admin-email", adminName: "--admin-name" } as Record<string, string>;
    for (const issue of parsed.error.issues) console.error(`${flag[String(issue.path[0])] ?? "input"}: ${issue.message}`);
    console.error(USAGE);
    return 1;
  }
  try {
    const created = await setUpService(parsed.data);
    console.log(
      [
        `Created the service "${parsed.data.service}" and its manager ${parsed.data.adminEmail}.`,
        "",
        `  One-time password: ${created.password}`,
        "",
        "It is shown only this once. Give it to the manager in person; at first sign-in they choose their own.",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    if (isRefusal(error)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main()
  .then(async (code) => {
    await db.$disconnect();
    process.exit(code);
  })
  .catch((error) => {
    console.error("Setup failed:", error instanceof Error ? error.stack : error);
    process.exit(2);
  });
