import "./runtime-tuning";
import { mkdirSync, watch } from "node:fs";
import path from "node:path";
import { getEnv, seedsDemo } from "~/utils/env.server";
import { hasAnyService, seedDemoIfEmpty } from "../prisma/seed-demo";
import { createCircleServer, loadBuild, type CircleServer } from "./app";
import { faultActive } from "./faults";
import { log, stackOf } from "./log";

/** How long closing may take after an unexpected error before the process exits regardless. */
const FATAL_CLOSE_MS = 5_000;

let server: CircleServer | undefined;
let exiting = false;

/**
 * The last resort. Every background task contains its own failures (timers, sweeps, compaction,
 * the checkpointer: see README, Decisions); an error that still reaches the event loop is a bug
 * whose damage we cannot judge, so the process does not carry on. It logs the error with its
 * stack, closes what it can (HTTP server and sockets, queued collab updates appended, databases
 * closed) and exits non-zero, for the process manager to start it again. Documents are not
 * compacted on the way out: after an unexpected error the copies in memory are not trusted to
 * replace the logs, which hold every confirmed update anyway.
 */
function fatal(kind: "uncaughtException" | "unhandledRejection", error: unknown) {
  if (exiting) {
    log.error({ kind, err: stackOf(error) }, "another unexpected error while closing");
    return;
  }
  exiting = true;
  log.error({ kind, err: stackOf(error) }, "unexpected error: closing the server and exiting for the process manager to restart it");
  const force = setTimeout(() => {
    log.error({ ms: FATAL_CLOSE_MS }, "closing after an unexpected error took too long; exiting");
    process.exit(1);
  }, FATAL_CLOSE_MS);
  force.unref();
  (server?.close({ compact: false }) ?? Promise.resolve()).then(
    () => {
      log.warn({}, "closed after an unexpected error; exiting");
      process.exit(1);
    },
    (closeError) => {
      log.error({ err: stackOf(closeError) }, "closing after an unexpected error failed; exiting");
      process.exit(1);
    },
  );
}
process.on("uncaughtException", (error) => fatal("uncaughtException", error));
process.on("unhandledRejection", (reason) => fatal("unhandledRejection", reason));

/** Entry point: `node <server/node-args.json>` (npm start; `tsx watch` in development). Migrations run before this. */
async function main() {
  const env = getEnv();
  let buildVersion = "";
  if (env.NODE_ENV === "development") {
    // `npm run dev`: remix watch rewrites build/; re-import it on the next request.
    mkdirSync(path.join(process.cwd(), "build"), { recursive: true });
    watch(path.join(process.cwd(), "build"), () => (buildVersion = `?v=${Date.now()}`));
  }
  server = await createCircleServer({ build: () => loadBuild(buildVersion) });
  const running = server;

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

  const port = await running.listen();
  log.info({ port, url: `http://localhost:${port}` }, "Circle is listening");
  // Tests only (CIRCLE_FAULTS): an error that no contained path catches, to prove the last resort.
  if (faultActive("timer")) {
    setTimeout(() => {
      throw new Error("injected fault: timer");
    }, 100);
  }
  if (faultActive("rejection")) setTimeout(() => void Promise.reject(new Error("injected fault: rejection")), 100);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping || exiting) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await running.close();
    } catch (error) {
      log.error({ err: stackOf(error) }, "shutdown failed");
      process.exit(1);
    }
    log.info({}, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  log.error({ err: stackOf(error) }, "Circle failed to start");
  process.exit(1);
});
