/**
 * `npm run bench:bundle`: what a tablet downloads and waits for when it opens a case.
 *
 * 1. Builds the app (`remix build`; BENCH_BUILD=0 measures the build already there) and reads the
 *    Remix manifest: every script the case page (`routes/cases.$caseId`) loads — the entry, root,
 *    the route and all their shared chunks — with raw, gzip and brotli sizes. gzip level 6 and
 *    brotli quality 4 are what the server's `compression` middleware sends; gzip 9 / brotli 11 are
 *    shown as what pre-compressed files would save on top.
 * 2. Starts the real server (node with server/node-args.json, as `npm start` runs it; fresh migrated
 *    and seeded SQLite), signs in as the demo lead facilitator and opens the demo case in real
 *    Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) on a throttled tablet profile: 10 Mbit/s
 *    down, 5 Mbit/s up, 40 ms latency, CPU 4× slower (CDP Network.emulateNetworkConditions and
 *    Emulation.setCPUThrottlingRate). Each run is a fresh browser context (nothing cached).
 *    Interactive = the moment root.tsx sets `html[data-hydrated]` (after React hydrated), read
 *    from the page's own clock (ms since navigation start).
 *
 * Results: bench/results/bundle-<timestamp>.json. Targets: ≤ 300 KB compressed (gzip, as served),
 * ≤ 1.5 s to interactive (median). A benchmark, never a test assertion.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { chromium } from "@playwright/test";
import { DEMO_PASSWORD, migrate } from "./lib/db";
import { ROOT, startServer, stopServer } from "./lib/procs";
import { round, summarize } from "./lib/stats";

const CFG = {
  route: "routes/cases.$caseId",
  caseReference: "RJ-2026-0142",
  runs: Number(process.env.BENCH_BUNDLE_RUNS ?? 7),
  network: { downMbit: 10, upMbit: 5, latencyMs: 40 },
  cpuSlowdown: 4,
  viewport: { width: 1024, height: 768 },
  targets: { compressedKB: 300, interactiveMs: 1500 },
};

const log = (msg: string) => console.log(`[bundle-bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const kb = (bytes: number) => round(bytes / 1024, 1)!;

type Manifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[]; parentId?: string }>;
};

function readManifest(): Manifest {
  const dir = path.join(ROOT, "public", "build");
  const file = readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("no Remix manifest in public/build: build first");
  const text = readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
}

/** Every script a route's page loads: the entry, then each route from root down to it, with their imports. */
function scriptsOf(manifest: Manifest, routeId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) chain.unshift(id);
  const files = [manifest.entry.module, ...manifest.entry.imports];
  for (const id of chain) {
    const r = manifest.routes[id];
    if (!r) throw new Error(`route ${id} not in the manifest`);
    files.push(r.module, ...(r.imports ?? []));
  }
  return [...new Set(files)];
}

function sizes(files: string[]) {
  const rows = files.map((f) => {
    const bytes = readFileSync(path.join(ROOT, "public", f));
    return {
      file: f,
      raw: bytes.length,
      gzip6: gzipSync(bytes, { level: 6 }).length,
      gzip9: gzipSync(bytes, { level: 9 }).length,
      brotli4: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
      brotli11: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = { raw: 0, gzip6: 0, gzip9: 0, brotli4: 0, brotli11: 0 };
  for (const r of rows) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  return { rows: rows.sort((a, b) => b.raw - a.raw), total };
}

function caseIdOf(dbFile: string, reference: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare(`SELECT id FROM "Case" WHERE reference = ?`).get(reference) as { id: string }).id;
  } finally {
    db.close();
  }
}

async function timeToInteractive(origin: string, caseId: string) {
  const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    // Sign in once, unthrottled: the bench is about opening the case, not about scrypt.
    const signIn = await browser.newContext();
    const res = await signIn.request.post(`${origin}/login`, {
      form: { email: "lead@demo.circle", password: DEMO_PASSWORD, redirectTo: "/cases" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    if (res.status() !== 302) throw new Error(`sign-in answered ${res.status()}`);
    const storage = await signIn.storageState();
    await signIn.close();

    const runs: { interactiveMs: number; domContentLoadedMs: number; scriptBytesOnWire: number; allBytesOnWire: number; scripts: number }[] = [];
    for (let i = 0; i < CFG.runs + 1; i++) {
      const context = await browser.newContext({ storageState: storage, viewport: CFG.viewport, hasTouch: true, locale: "en-GB", timezoneId: "Europe/London" });
      const page = await context.newPage();
      // Runs before any page script; the attribute root.tsx sets after hydration is timestamped on the page's own clock.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (document.documentElement.dataset.hydrated) {
            (window as unknown as { __hydratedAt: number }).__hydratedAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: CFG.network.latencyMs,
        downloadThroughput: (CFG.network.downMbit * 1_000_000) / 8,
        uploadThroughput: (CFG.network.upMbit * 1_000_000) / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CFG.cpuSlowdown });
      const types = new Map<string, string>();
      let scriptBytes = 0;
      let allBytes = 0;
      let scripts = 0;
      cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
      cdp.on("Network.loadingFinished", (e) => {
        allBytes += e.encodedDataLength;
        if (types.get(e.requestId) === "Script") {
          scriptBytes += e.encodedDataLength;
          scripts++;
        }
      });
      const response = await page.goto(`${origin}/cases/${caseId}`, { waitUntil: "domcontentloaded" });
      if (response?.status() !== 200) throw new Error(`case page answered ${response?.status()}`);
      await page.waitForSelector("html[data-hydrated]", { timeout: 60_000 });
      const t = await page.evaluate(() => ({
        interactive: (window as unknown as { __hydratedAt: number }).__hydratedAt,
        dcl: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
      }));
      await page.waitForLoadState("networkidle").catch(() => undefined);
      // The first load warms the server (Remix build, Prisma); it is not measured.
      if (i > 0) runs.push({ interactiveMs: round(t.interactive, 0)!, domContentLoadedMs: round(t.dcl, 0)!, scriptBytesOnWire: scriptBytes, allBytesOnWire: allBytes, scripts });
      log(`${i === 0 ? "warm-up" : `run ${i}`}: interactive ${Math.round(t.interactive)} ms, scripts on the wire ${kb(scriptBytes)} KB in ${scripts} files`);
      await context.close();
    }
    return { browserVersion: browser.version(), runs };
  } finally {
    await browser.close();
  }
}

async function main() {
  if (process.env.BENCH_BUILD !== "0") {
    log("building (remix build)");
    execFileSync(path.join(ROOT, "node_modules", ".bin", "remix"), ["build"], { cwd: ROOT, stdio: "ignore" });
  }
  const files = scriptsOf(readManifest(), CFG.route);
  const bundle = sizes(files);
  log(`case page: ${files.length} scripts, ${kb(bundle.total.raw)} KB raw, ${kb(bundle.total.gzip6)} KB gzip, ${kb(bundle.total.brotli4)} KB brotli (as served)`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), "circle-bundle-bench-"));
  const dbFile = path.join(tmp, "bench.db");
  migrate(dbFile);
  const server = await startServer("circle", { pin: false, dbFile });
  let tti: Awaited<ReturnType<typeof timeToInteractive>>;
  try {
    tti = await timeToInteractive(server.origin, caseIdOf(dbFile, CFG.caseReference));
  } finally {
    await stopServer(server);
    rmSync(tmp, { recursive: true, force: true });
  }
  const interactive = summarize(tti.runs.map((r) => r.interactiveMs));
  const wire = summarize(tti.runs.map((r) => r.scriptBytesOnWire));

  let commit = "?";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  const result = {
    bench: "bundle",
    at: new Date().toISOString(),
    commit,
    machine: { cpuModel: os.cpus()[0]?.model ?? "?", cores: os.cpus().length, loadavg: os.loadavg().map((l) => round(l, 2)), node: process.version, browser: tti.browserVersion },
    config: CFG,
    bundle: { route: CFG.route, scripts: bundle.rows, totalBytes: bundle.total },
    interactive: { runs: tti.runs, ms: interactive, scriptBytesOnWire: wire },
    targets: {
      compressedKB: {
        target: CFG.targets.compressedKB,
        gzipKB: kb(bundle.total.gzip6),
        brotliKB: kb(bundle.total.brotli4),
        met: bundle.total.gzip6 / 1024 <= CFG.targets.compressedKB,
      },
      interactiveMs: { target: CFG.targets.interactiveMs, medianMs: interactive.p50, met: interactive.p50 <= CFG.targets.interactiveMs },
    },
  };
  const dir = path.join(ROOT, process.env.BENCH_RESULTS_DIR ?? path.join("bench", "results"));
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `bundle-${result.at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(out, JSON.stringify(result, null, 2) + "\n");

  console.log("");
  console.log(`Case page JavaScript (${files.length} scripts, commit ${commit})`);
  console.log(`  raw            ${kb(bundle.total.raw)} KB`);
  console.log(
    `  gzip 6 / 9     ${kb(bundle.total.gzip6)} / ${kb(bundle.total.gzip9)} KB   (target ≤ ${CFG.targets.compressedKB} KB as served: ${result.targets.compressedKB.met ? "met" : "NOT met"})`,
  );
  console.log(`  brotli 4 / 11  ${kb(bundle.total.brotli4)} / ${kb(bundle.total.brotli11)} KB`);
  console.log(`  on the wire    ${kb(wire.p50)} KB of scripts (median of runs, as Chromium received them)`);
  console.log("  largest:");
  for (const r of bundle.rows.slice(0, 5)) console.log(`    ${r.file}  ${kb(r.raw)} KB raw, ${kb(r.gzip6)} KB gzip`);
  console.log(`Time to interactive (html[data-hydrated]), ${CFG.network.downMbit} Mbit/s, ${CFG.network.latencyMs} ms, CPU ×${CFG.cpuSlowdown}, ${tti.runs.length} cold loads:`);
  console.log(
    `  p50 ${interactive.p50} ms, p90 ${interactive.p90} ms, max ${interactive.max} ms   (target p50 ≤ ${CFG.targets.interactiveMs} ms: ${result.targets.interactiveMs.met ? "met" : "NOT met"})`,
  );
  console.log(`Results: ${path.relative(ROOT, out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
