import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const INVALID = "That email and password do not match an account.";
const PASSWORD = "a-strong-test-password";

/** A fresh facilitator of the demo service, so lockouts in one test never leak into another. */
async function newFacilitator(options: { disabled?: boolean } = {}) {
  const service = await getDb().service.findFirstOrThrow({ select: { id: true } });
  const email = `staff-${randomUUID().slice(0, 8)}@demo.circle`;
  const user = await factories(getDb()).user({ serviceId: service.id, email, name: "Test Facilitator", role: "FACILITATOR", password: PASSWORD, ...options });
  return { ...user, password: PASSWORD };
}

const auditRows = (where: { action: string; actorId?: string; target?: string }) =>
  getDb().auditEvent.findMany({ where, select: { actorId: true, actorRole: true, target: true, details: true, ip: true } });

describe("signing in", () => {
  const server = useDemoServer();
  const client = () => new TestClient(server().origin);

  it("signs in with the right password: 302 to where they were going and an httpOnly SameSite=Lax session cookie", async () => {
    const lead = await getDb().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } });
    const browser = client();
    const res = await browser.post("/login", { email: "lead@demo.circle", password: DEMO_PASSWORD, redirectTo: "/cases?stage=PREPARATION" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/cases?stage=PREPARATION");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("circle_session="));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//);
    expect(cookie).toMatch(/;\s*Max-Age=43200/);
    expect((await browser.get("/cases")).status).toBe(200);
    const rows = await auditRows({ action: "auth.sign-in", actorId: lead.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorRole: "FACILITATOR", target: "session" });
    expect(rows[0]!.ip).toBeTruthy();
  });

  it("accepts the email in any case and with stray spaces", async () => {
    const res = await client().post("/login", { email: "  LEAD@Demo.Circle ", password: DEMO_PASSWORD });
    expect(res.status).toBe(302);
  });

  it("never redirects off-site after sign-in", async () => {
    for (const redirectTo of ["//evil.example/phish", "https://evil.example", "/\\evil.example"]) {
      const res = await client().post("/login", { email: "co@demo.circle", password: DEMO_PASSWORD, redirectTo });
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/cases");
    }
  });

  it("sends a signed-in user who opens the sign-in page on to their cases", async () => {
    const browser = await client().signIn("co@demo.circle", DEMO_PASSWORD);
    const res = await browser.get("/login");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/cases");
  });

  it("refuses a wrong password with 400 and a message, sets no session and records the failure", async () => {
    const user = await newFacilitator();
    const res = await client().post("/login", { email: user.email, password: "not-the-password" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(INVALID);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("circle_session="))).toBe(false);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    const rows = await auditRows({ action: "auth.sign-in.failed", target: `user:${user.id}` });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorId).toBeNull();
    expect(JSON.parse(rows[0]!.details)).toEqual({ reason: "invalid" });
  });

  it("gives an unknown email the same answer as a wrong password", async () => {
    const before = await getDb().auditEvent.count({ where: { action: "auth.sign-in.failed", target: "account:unknown" } });
    const res = await client().post("/login", { email: "nobody@demo.circle", password: "whatever-it-is" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(INVALID);
    expect(await getDb().auditEvent.count({ where: { action: "auth.sign-in.failed", target: "account:unknown" } })).toBe(before + 1);
  });

  it("locks an account after 5 wrong passwords, even against the right one, while another account on the same device still signs in", async () => {
    const victim = await newFacilitator();
    const colleague = await newFacilitator();
    const tablet = client();
    for (let i = 1; i <= 4; i++) {
      expect((await tablet.post("/login", { email: victim.email, password: `guess-${i}` })).status).toBe(400);
    }
    const fifth = await tablet.post("/login", { email: victim.email, password: "guess-5" });
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain("This account is now locked for 15 minutes");

    const right = await tablet.post("/login", { email: victim.email, password: victim.password });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain("This account is locked after repeated failed attempts");
    expect(right.headers.getSetCookie().some((c) => c.startsWith("circle_session="))).toBe(false);
    expect(await getDb().session.count({ where: { userId: victim.id } })).toBe(0);

    expect((await tablet.post("/login", { email: colleague.email, password: colleague.password })).status).toBe(302);
    const failures = await auditRows({ action: "auth.sign-in.failed", target: `user:${victim.id}` });
    expect(failures.map((r) => JSON.parse(r.details).reason)).toEqual(["invalid", "invalid", "invalid", "invalid", "account-locked", "account-locked"]);
  });

  it("locks an account even when the wrong guesses arrive all at once", async () => {
    const victim = await newFacilitator();
    // Each guess from a different browser, so only the account limit can stop them.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => client().post("/login", { email: victim.email, password: `parallel-${i}` })));
    expect(answers.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    const right = await client().post("/login", { email: victim.email, password: victim.password });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain("This account is locked");
  });

  it("unlocks the account once the lock has passed", async () => {
    const user = await newFacilitator();
    await getDb().user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await client().post("/login", { email: user.email, password: user.password })).status).toBe(302);
  });

  it("starts the failure count again after a successful sign-in", async () => {
    const user = await newFacilitator();
    const browser = client();
    for (let i = 0; i < 4; i++) expect((await browser.post("/login", { email: user.email, password: `typo-${i}` })).status).toBe(400);
    expect((await browser.post("/login", { email: user.email, password: user.password })).status).toBe(302);
    const other = client();
    for (let i = 0; i < 4; i++) expect((await other.post("/login", { email: user.email, password: `typo-again-${i}` })).status).toBe(400);
    expect((await other.post("/login", { email: user.email, password: user.password })).status).toBe(302);
  });

  it("blocks a device after 10 failures across accounts, without blocking another tablet on the same network", async () => {
    const [a, b, c] = [await newFacilitator(), await newFacilitator(), await newFacilitator()];
    const tablet = client();
    await tablet.get("/login"); // the sign-in page hands out the device cookie
    expect(tablet.cookieHeader).toMatch(/circle_device=/);
    const guesses = [a, a, a, a, b, b, b, b, { email: "ghost-1@demo.circle" }, { email: "ghost-2@demo.circle" }];
    for (const [i, target] of guesses.entries()) {
      expect((await tablet.post("/login", { email: target.email, password: `wrong-${i}` })).status).toBe(400);
    }
    const blocked = await tablet.post("/login", { email: c.email, password: c.password });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Too many failed sign-in attempts from this device");
    expect(await getDb().session.count({ where: { userId: c.id } })).toBe(0);

    const nextTablet = client();
    expect((await nextTablet.post("/login", { email: c.email, password: c.password })).status).toBe(302);
    // Neither account reached its own limit: the device limit did the blocking.
    expect((await nextTablet.post("/login", { email: a.email, password: a.password })).status).toBe(302);
  });

  it("holds the device limit when many guesses arrive at once", async () => {
    const tablet = client();
    await tablet.get("/login");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => tablet.post("/login", { email: `ghost-${i}@parallel.example`, password: "wrong" })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await newFacilitator({ disabled: true });
    const res = await client().post("/login", { email: user.email, password: user.password });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This account has been disabled");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("circle_session="))).toBe(false);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    const rows = await auditRows({ action: "auth.sign-in.failed", target: `user:${user.id}` });
    expect(rows.map((r) => JSON.parse(r.details).reason)).toEqual(["disabled"]);
  });

  it("records sign-out in the audit log", async () => {
    const user = await newFacilitator();
    const browser = await client().signIn(user.email, user.password);
    const res = await browser.post("/logout", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
    const rows = await auditRows({ action: "auth.sign-out", actorId: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorRole: "FACILITATOR", target: "session" });
  });
});
