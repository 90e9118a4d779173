import "./runtime-tuning";
import { mkdirSync, watch } from "node:fs";
import path from "node:path";
import { getEnv, seedsDemo } from "~/utils/env.server";
import { hasAnyService, seedDemoIfEmpty } from "../prisma/seed-demo";
import { createCircleServer, loadBuild } from "./app";
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

  if (seedsDemo(env)) {
    const accounts = await seedDemoIfEmpty();
    if (accounts) {
      console.log("\nDemo service created. Sign in with any of these (password circle-demo-2026):");
      for (const a of accounts) console.log(`  ${a.email.padEnd(26)} ${a.label}`);
      console.log("");
    }
  } else if (!(await hasAnyService())) {
    log.warn(
      { setup: 'npm run setup -- --service "<service name>" --admin-email <email> --admin-name "<name>"' },
      "No service yet, and the demo is not seeded here (TRUST_PROXY=1 or SEED_DEMO=0): create your service and its first manager with the setup command",
    );
  }

  const port = await server.listen();
  log.info({ port, url: `http://localhost:${port}` }, "Circle is listening");

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
