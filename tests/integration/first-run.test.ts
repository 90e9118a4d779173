import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { io as connectSocket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { freshDatabaseFile, startChildServer, type ChildServer } from "../support/child-server";
import { TestClient, waitFor } from "../support/http";
import { ROOT } from "../support/paths";
import { DEMO_PASSWORD } from "../support/server";
import SERVER_NODE_ARGS from "../../server/node-args.json";

const run = promisify(execFile);

/** `npm run setup -- …` without npm's own start-up: the same script, on a migrated database file. */
async function setup(dbFile: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // node-args.json is how the server runs TypeScript (node with tsx's loader); the script runs the same way.
  const loader = SERVER_NODE_ARGS.slice(0, -1);
  try {
    const { stdout, stderr } = await run(process.execPath, [...loader, "scripts/setup.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, LOG_LEVEL: "silent" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const SERVICE = ["--service", "Northshire Restorative Justice", "--admin-email", "Ann.Lee@Northshire.example", "--admin-name", "Ann Lee"];
const passwordIn = (stdout: string) => stdout.match(/One-time password: (\S+)/)?.[1];

describe("first run without demo data", () => {
  let running: ChildServer | undefined;
  afterEach(() => {
    running?.process.kill("SIGKILL");
    running = undefined;
  });

  it("setup creates the service and its manager, prints a one-time password once, and refuses duplicates changing nothing", async () => {
    const file = freshDatabaseFile();
    const first = await setup(file, SERVICE);
    expect(first.code).toBe(0);
    const password = passwordIn(first.stdout);
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(first.stdout.match(/One-time password/g)).toHaveLength(1);

    const db = getDb(`file:${file}`);
    const manager = await db.user.findUniqueOrThrow({
      where: { email: "ann.lee@northshire.example" },
      select: { role: true, mustChangePassword: true, service: { select: { name: true, demo: true } }, password: { select: { hash: true } } },
    });
    expect(manager).toMatchObject({ role: "ADMIN", mustChangePassword: true, service: { name: "Northshire Restorative Justice", demo: false } });
    expect(manager.password!.hash).not.toContain(password!);
    // Circle's default period for the audit trail, as Circle's (nobody set it), for the manager to check.
    expect(await db.auditRetention.findMany({ select: { years: true, createdById: true } })).toEqual([{ years: 7, createdById: null }]);

    const sameService = await setup(file, ["--service", "northshire restorative justice", "--admin-email", "b@northshire.example", "--admin-name", "B"]);
    expect(sameService.code).toBe(1);
    expect(sameService.stderr).toContain('A service called "northshire restorative justice" already exists. Nothing was changed.');
    const sameEmail = await setup(file, ["--service", "Another service", "--admin-email", "ANN.LEE@northshire.example", "--admin-name", "Ann"]);
    expect(sameEmail.code).toBe(1);
    expect(sameEmail.stderr).toContain("An account with the email ann.lee@northshire.example already exists");
    const invalid = await setup(file, ["--service", " ", "--admin-email", "not-an-email"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("--service: Give the service's name with --service");
    expect(invalid.stderr).toContain("--admin-email: Enter a valid email address");
    expect(invalid.stderr).toContain("--admin-name: Enter a name");
    expect(await db.service.count()).toBe(1);
    expect(await db.user.count()).toBe(1);
    expect(await db.auditRetention.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "service.setup" } })).toBe(1);
    await db.$disconnect();
  });

  it("a deployed server (TRUST_PROXY=1) never seeds the demo, and its log says how to run setup", async () => {
    const file = freshDatabaseFile();
    running = await startChildServer(file, { env: { TRUST_PROXY: "1", LOG_LEVEL: "warn" }, capture: true });
    await waitFor(() => running!.output().includes("npm run setup"), 10_000, "the setup hint in the log");
    const db = getDb(`file:${file}`);
    expect(await db.service.count()).toBe(0);
    const login = await new TestClient(running.origin).post("/login", { email: "manager@demo.circle", password: DEMO_PASSWORD, redirectTo: "/cases" });
    expect(login.status).not.toBe(302);
    await db.$disconnect();
  });

  it("SEED_DEMO=0 never seeds either; by default a local start seeds the demo and every page says it is a demo", async () => {
    const empty = freshDatabaseFile();
    running = await startChildServer(empty, { env: { SEED_DEMO: "0" } });
    const db = getDb(`file:${empty}`);
    expect(await db.service.count()).toBe(0);
    await db.$disconnect();
    running.process.kill("SIGKILL");

    running = await startChildServer(freshDatabaseFile(), { env: { SEED_DEMO: "" } });
    const anonymous = await (await new TestClient(running.origin).get("/login")).text();
    expect(anonymous).toContain("Demo service.");
    const lead = await new TestClient(running.origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    expect(await (await lead.get("/cases")).text()).toContain("Practice data only: do not enter real people or cases.");
  });

  it("the manager's one-time password opens nothing but choosing their own: no page, no socket, until it is changed", async () => {
    const file = freshDatabaseFile();
    const password = passwordIn((await setup(file, SERVICE)).stdout)!;
    running = await startChildServer(file, { env: { TRUST_PROXY: "1" } });
    const { origin } = running;
    const ann = await new TestClient(origin).signIn("ann.lee@northshire.example", password);

    for (const path of ["/cases", "/admin/users", "/approvals"]) {
      const res = await ann.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/account/password?redirectTo=${encodeURIComponent(path)}`);
    }
    const page = await (await ann.get("/account/password?redirectTo=%2Fadmin%2Fusers")).text();
    expect(page).toContain("Choose your own password");
    expect(page).not.toContain("Demo service.");

    const socket = connectSocket(origin, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: ann.cookieHeader, Origin: origin }, reconnection: false });
    const refused = await new Promise<string>((resolve) => {
      socket.on("connect", () => resolve("connected"));
      socket.on("connect_error", (error) => resolve(`refused: ${error.message}`));
    });
    socket.close();
    expect(refused).toMatch(/^refused/);

    const form = (fields: Record<string, string>) => ann.post("/account/password", { redirectTo: "/admin/users", ...fields });
    const wrong = await form({ current: "not-the-one-time-password", password: "a long new password 2026", confirm: "a long new password 2026" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password");
    const mismatch = await form({ current: password, password: "a long new password 2026", confirm: "a long new password 2027" });
    expect(await mismatch.text()).toContain("The two new passwords are not the same");
    const short = await form({ current: password, password: "short", confirm: "short" });
    expect(await short.text()).toContain("Use at least 12 characters");
    expect((await ann.get("/cases")).status).toBe(302);

    const changed = await form({ current: password, password: "a long new password 2026", confirm: "a long new password 2026" });
    expect(changed.status).toBe(302);
    expect(changed.headers.get("location")).toBe("/admin/users");
    expect((await ann.get("/admin/users")).status).toBe(200);
    const overview = await (await ann.get("/cases")).text();
    expect(overview).not.toContain("Demo service.");

    // The one-time password is spent; the new one works.
    const again = await new TestClient(origin).post("/login", { email: "ann.lee@northshire.example", password, redirectTo: "/cases" });
    expect(again.status).not.toBe(302);
    await new TestClient(origin).signIn("ann.lee@northshire.example", "a long new password 2026");
    const db = getDb(`file:${file}`);
    expect(await db.auditEvent.count({ where: { action: "user.change-password" } })).toBe(1);
    await db.$disconnect();
  });

  it("a person a manager created, or whose password a manager reset, chooses their own at first sign-in", async () => {
    const file = freshDatabaseFile();
    const password = passwordIn((await setup(file, SERVICE)).stdout)!;
    running = await startChildServer(file, { env: { TRUST_PROXY: "1" } });
    const ann = await new TestClient(running.origin).signIn("ann.lee@northshire.example", password);
    await ann.post("/account/password", { current: password, password: "managers own password", confirm: "managers own password" });
    const created = await ann.post("/admin/users", { intent: "create", email: "fay@northshire.example", name: "Fay Osei", role: "FACILITATOR", password: "given in person 01" });
    expect(created.status).toBe(200);

    const fay = await new TestClient(running.origin).signIn("fay@northshire.example", "given in person 01");
    expect((await fay.get("/cases")).headers.get("location")).toBe("/account/password?redirectTo=%2Fcases");
    await fay.post("/account/password", { current: "given in person 01", password: "fays own password", confirm: "fays own password" });
    expect((await fay.get("/cases")).status).toBe(200);

    const db = getDb(`file:${file}`);
    const fayId = (await db.user.findUniqueOrThrow({ where: { email: "fay@northshire.example" }, select: { id: true } })).id;
    await ann.post("/admin/users", { intent: "reset-password", userId: fayId, password: "reset by manager 1" });
    const afterReset = await new TestClient(running.origin).signIn("fay@northshire.example", "reset by manager 1");
    expect((await afterReset.get("/cases")).status).toBe(302);
    await db.$disconnect();
  });
});
