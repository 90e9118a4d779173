import "./runtime-tuning";
import { mkdirSync, watch } from "node:fs";
import path from "node:path";
import { getEnv } from "~/utils/env.server";
import { seedDemoIfEmpty } from "../prisma/seed-demo";
import { createCircleServer, loadBuild } from "./app";
import { faultActive } from "./faults";
import { log } from "./log";

/** Entry point: `node <server/node-args.json>` (npm start; `tsx watch` in development). Migrations run before this. */
async function main() {
  const env = getEnv();
  let buildVersion = "";
  if (env.NODE_ENV === "development") {
    // `npm run dev`: remix watch rewrites build/; re-import it on the next request.
    mkdirSync(path.join(process.cwd(), "build"), { recursive: true });
    watch(path.join(process.cwd(), "build"), () => (buildVersion = `?v=${Date.now()}`));
  }
  const server = await createCircleServer({ build: () => loadBuild(buildVersion) });

  if (env.SEED_DEMO === "1") {
    const accounts = await seedDemoIfEmpty();
    if (accounts) {
      console.log("\nDemo service created. Sign in with any of these (password circle-demo-2026):");
      for (const a of accounts) console.log(`  ${a.email.padEnd(26)} ${a.label}`);
      console.log("");
    }
  }

  const port = await server.listen();
  log.info({ port, url: `http://localhost:${port}` }, "Circle is listening");
  // Tests only (CIRCLE_FAULTS): a throw that no contained path catches, to prove the last resort.
  if (faultActive("timer")) setTimeout(() => { throw new Error("injected fault: timer"); }, 100);
  if (faultActive("rejection")) setTimeout(() => void Promise.reject(new Error("injected fault: rejection")), 100);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
    log.info({}, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  log.error({ err: error instanceof Error ? error.stack : String(error) }, "Circle failed to start");
  process.exit(1);
});
