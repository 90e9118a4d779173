import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const PASSWORD = "a-strong-test-password";
const MINUTE = 60 * 1000;

async function newFacilitator() {
  const service = await getDb().service.findFirstOrThrow({ select: { id: true } });
  const email = `staff-${randomUUID().slice(0, 8)}@demo.circle`;
  return factories(getDb()).user({ serviceId: service.id, email, name: "Session Tester", role: "FACILITATOR", password: PASSWORD });
}

const onlySession = async (userId: string) => getDb().session.findFirstOrThrow({ where: { userId }, select: { id: true, revokedAt: true, lastSeenAt: true } });

/** The sign-in redirect a signed-out visitor gets for a page. */
function expectSentToSignIn(res: Response, from = "/cases") {
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: from })}`);
}

describe("sessions", () => {
  const server = useDemoServer();
  const client = () => new TestClient(server().origin);

  it("signing out revokes the session row, and the old cookie no longer opens anything", async () => {
    const user = await newFacilitator();
    const browser = await client().signIn(user.email, PASSWORD);
    const stolenCookie = browser.cookieHeader;
    expect((await browser.get("/cases")).status).toBe(200);

    const res = await browser.post("/logout", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
    expect(res.headers.getSetCookie().find((c) => c.startsWith("circle_session="))).toMatch(/Max-Age=0/);
    expect((await onlySession(user.id)).revokedAt).not.toBeNull();

    expectSentToSignIn(await fetch(`${server().origin}/cases`, { headers: { Cookie: stolenCookie }, redirect: "manual" }));
    expectSentToSignIn(await browser.get("/cases"));
  });

  it("does not sign anyone out on a GET to /logout (links and prefetches are harmless)", async () => {
    const user = await newFacilitator();
    const browser = await client().signIn(user.email, PASSWORD);
    expect((await browser.get("/logout")).status).toBe(302);
    expect((await browser.get("/cases")).status).toBe(200);
    expect((await onlySession(user.id)).revokedAt).toBeNull();
  });

  it("ends a session left idle for more than 30 minutes", async () => {
    const user = await newFacilitator();
    const browser = await client().signIn(user.email, PASSWORD);
    const { id } = await onlySession(user.id);
    await getDb().session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - 31 * MINUTE) } });
    expectSentToSignIn(await browser.get("/cases"));
    const caseId = await caseIdByReference("RJ-2026-0142");
    expectSentToSignIn(await browser.get(`/cases/${caseId}`), `/cases/${caseId}`);
  });

  it("keeps an active session alive: use within 30 minutes moves the idle clock forward", async () => {
    const user = await newFacilitator();
    const browser = await client().signIn(user.email, PASSWORD);
    const { id } = await onlySession(user.id);
    const earlier = new Date(Date.now() - 29 * MINUTE);
    await getDb().session.update({ where: { id }, data: { lastSeenAt: earlier } });
    expect((await browser.get("/cases")).status).toBe(200);
    const { lastSeenAt } = await onlySession(user.id);
    expect(lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });

  it("ends a session at its absolute expiry even while it is in use", async () => {
    const user = await newFacilitator();
    const browser = await client().signIn(user.email, PASSWORD);
    const { id } = await onlySession(user.id);
    await getDb().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() } });
    expectSentToSignIn(await browser.get("/cases"));
  });

  it("treats forged and garbage session cookies as signed out, never as an error", async () => {
    const user = await newFacilitator();
    await client().signIn(user.email, PASSWORD);
    const { id: rowId } = await onlySession(user.id);
    const cookies = [
      `circle_session=${randomBytes(32).toString("base64url")}`, // right shape, no such session
      `circle_session=${rowId}`, // the stored hash is not a token
      "circle_session=garbage",
      "circle_session=%E0%A4%A",
      "circle_session=",
      "circle_session",
      `circle_session=${"A".repeat(4000)}`,
      'circle_session="quoted"; circle_session=second',
      "=; ;;=;circle_session",
    ];
    for (const cookie of cookies) {
      for (const path of ["/cases", "/admin/users"]) {
        const res = await fetch(`${server().origin}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(res.status, `${path} with ${cookie.slice(0, 40)}`).toBe(302);
        expect(res.headers.get("Location")).toMatch(/^\/login\?/);
      }
    }
    expect((await fetch(`${server().origin}/healthz`)).status).toBe(200);
  });

  it("a user disabled on the admin page is signed out on their next request", async () => {
    const user = await newFacilitator();
    const browser = await client().signIn(user.email, PASSWORD);
    expect((await browser.get("/cases")).status).toBe(200);
    const admin = await client().signIn("manager@demo.circle", DEMO_PASSWORD);
    const res = await admin.post("/admin/users", { intent: "disable", userId: user.id });
    expect(res.status).toBe(200);
    expectSentToSignIn(await browser.get("/cases"));
    expect((await onlySession(user.id)).revokedAt).not.toBeNull();
    // Re-enabling does not bring the old session back.
    expect((await admin.post("/admin/users", { intent: "enable", userId: user.id })).status).toBe(200);
    expectSentToSignIn(await browser.get("/cases"));
  });

  it("a password reset ends every session of that user", async () => {
    const user = await newFacilitator();
    const tablet = await client().signIn(user.email, PASSWORD);
    const laptop = await client().signIn(user.email, PASSWORD);
    const admin = await client().signIn("manager@demo.circle", DEMO_PASSWORD);
    expect((await admin.post("/admin/users", { intent: "reset-password", userId: user.id, password: "a-brand-new-password" })).status).toBe(200);
    expectSentToSignIn(await tablet.get("/cases"));
    expectSentToSignIn(await laptop.get("/cases"));
    expect(await getDb().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    // The admin's own session is untouched.
    expect((await admin.get("/admin/users")).status).toBe(200);
  });

  it("signing out one browser leaves the user's other browser signed in", async () => {
    const user = await newFacilitator();
    const tablet = await client().signIn(user.email, PASSWORD);
    const laptop = await client().signIn(user.email, PASSWORD);
    await tablet.post("/logout", {});
    expectSentToSignIn(await tablet.get("/cases"));
    expect((await laptop.get("/cases")).status).toBe(200);
  });
});
