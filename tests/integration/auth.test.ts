import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const INVALID = "That email and password do not match an account.";
const PASSWORD = "a-strong-test-password";

/** A fresh facilitator of the demo service, so sign-in budgets in one test never leak into another. */
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
    expect(JSON.parse(rows[0]!.details)).toEqual({ email: user.email, method: "password", accountExists: true, reason: "invalid" });
  });

  it("gives an unknown email the same answer as a wrong password", async () => {
    const before = await getDb().auditEvent.count({ where: { action: "auth.sign-in.failed", target: "account:unknown" } });
    const res = await client().post("/login", { email: "nobody@demo.circle", password: "whatever-it-is" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(INVALID);
    expect(await getDb().auditEvent.count({ where: { action: "auth.sign-in.failed", target: "account:unknown" } })).toBe(before + 1);
  });

  it("starts the failure count again after a successful sign-in", async () => {
    const user = await newFacilitator();
    const browser = client();
    for (let i = 0; i < 3; i++) expect((await browser.post("/login", { email: user.email, password: `typo-${i}` })).status).toBe(400);
    expect((await browser.post("/login", { email: user.email, password: user.password })).status).toBe(302);
    // Three more typos from another browser: had the first three still counted, the fourth and later would wait.
    const other = client();
    for (let i = 0; i < 3; i++) expect((await other.post("/login", { email: user.email, password: `typo-again-${i}` })).status).toBe(400);
    expect((await other.post("/login", { email: user.email, password: user.password })).status).toBe(302);
  });

  it("hands out the device cookie on the sign-in page", async () => {
    const tablet = client();
    await tablet.get("/login");
    expect(tablet.cookieHeader).toMatch(/circle_device=[A-Za-z0-9_-]{22}/);
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
