import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { audit } from "~/utils/audit.server";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * The service manager's failed sign-ins page (/admin/sign-ins), over the `auth.sign-in.failed`
 * entries the sign-in form writes, with what was typed.
 */

const db = () => getDb();
const decode = (html: string) => html.replaceAll("<!-- -->", "").replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'");

function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "").trim()));
}

describe("failed sign-ins for the service manager", () => {
  const server = useDemoServer();
  const as = (login: string) => new TestClient(server().origin).signIn(login, DEMO_PASSWORD);
  let manager: TestClient;

  /** A wrong password through the real sign-in form, from a browser of its own. */
  const failSignIn = async (login: string) => {
    const res = await new TestClient(server().origin).post("/login", { email: login, password: "not-the-password", redirectTo: "/cases" });
    expect(res.status, login).toBe(400);
  };

  beforeAll(async () => {
    manager = await as("manager@demo.circle");
  });

  it("lists each failed attempt: when, the email or username tried, whether that account exists, why, and from where", async () => {
    await failSignIn("lead@demo.circle");
    await failSignIn("nobody@nowhere.example");
    await failSignIn("daniel");
    // Entries as the sign-in form writes them from another address: an unknown name, and an attempt
    // refused by the throttle (no account looked up, but what was typed still tells).
    const failed = (email: string, reason: string, accountExists: boolean) =>
      audit({ actor: null, action: "auth.sign-in.failed", target: "account:unknown", ip: "203.0.113.9", details: { email, method: "password", accountExists, reason } });
    await failed("ghost@nowhere.example", "invalid", false);
    await failed("co@demo.circle", "throttled", true);

    const res = await manager.get("/admin/sign-ins");
    expect(res.status).toBe(200);
    const html = decode(await res.text());
    expect(html).toContain("<h1>Failed sign-ins</h1>");
    const rows = tableRows(html);
    expect(rows.map((r) => r.slice(1))).toEqual([
      ["co@demo.circle", "Exists: Chris Patel (facilitator)", "Too many attempts: asked to wait before trying again", "203.0.113.9"],
      ["ghost@nowhere.example", "No such account", "Wrong email, username or password", "203.0.113.9"],
      ["daniel", "Exists: Dan (letter author)", "Wrong email, username or password", "127.0.0.1"],
      ["nobody@nowhere.example", "No such account", "Wrong email, username or password", "127.0.0.1"],
      ["lead@demo.circle", "Exists: Linda Millington (facilitator)", "Wrong email, username or password", "127.0.0.1"],
    ]);
    expect(rows[0]![0]).toMatch(/\d{4}, \d{2}:\d{2}$/);
  });

  it("does not list another service's accounts", async () => {
    const elsewhere = await factories(db()).service("Another service with sign-ins");
    const email = `stranger-${randomUUID().slice(0, 6)}@elsewhere.example`;
    await factories(db()).user({ serviceId: elsewhere.id, email, name: "Stranger Elsewhere", role: "FACILITATOR", password: DEMO_PASSWORD });
    await failSignIn(email);
    expect(await db().auditEvent.count({ where: { action: "auth.sign-in.failed", target: { startsWith: "user:" }, details: { contains: "invalid" } } })).toBeGreaterThan(0);
    const html = decode(await (await manager.get("/admin/sign-ins")).text());
    expect(html).not.toContain(email);
    expect(html).not.toContain("Stranger Elsewhere");
  });

  it("pages 50 at a time, newest first, and explains a page it cannot show", async () => {
    const start = Date.now() - 24 * 3600_000;
    await db().auditEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        actorRole: "ANONYMOUS",
        action: "auth.sign-in.failed",
        target: "account:unknown",
        ip: `198.51.100.${i}`,
        details: JSON.stringify({ reason: "invalid", login: `seed${i}@nowhere.example` }),
        createdAt: new Date(start + i * 1000),
      })),
    });
    const first = decode(await (await manager.get("/admin/sign-ins")).text());
    expect(tableRows(first)).toHaveLength(50);
    expect(first).toContain('href="/admin/sign-ins?page=2"');
    const second = decode(await (await manager.get("/admin/sign-ins?page=2")).text());
    const logins = tableRows(second).map((r) => r[1]);
    // The oldest seeded attempts end the list.
    expect(logins.slice(-3)).toEqual(["seed2@nowhere.example", "seed1@nowhere.example", "seed0@nowhere.example"]);
    expect(second).toContain('href="/admin/sign-ins"');

    const bad = await manager.get("/admin/sign-ins?page=-1");
    expect(bad.status).toBe(400);
    const badHtml = decode(await bad.text());
    expect(badHtml).toContain("Page: The page must be a whole number, 1 or more. Showing the first page.");
    expect(tableRows(badHtml)).toHaveLength(50);
  });

  it("records that the manager read it", async () => {
    const managerId = (await db().user.findUniqueOrThrow({ where: { email: "manager@demo.circle" }, select: { id: true } })).id;
    expect((await manager.get("/admin/sign-ins")).status).toBe(200);
    expect(await db().auditEvent.count({ where: { action: "auth.sign-ins.view", actorId: managerId } })).toBe(1);
  });

  it("answers 404 to everyone else and sends a signed-out visitor to sign in", async () => {
    for (const login of ["lead@demo.circle", "co@demo.circle", "supervisor@demo.circle", "other@demo.circle", "daniel"]) {
      const res = await (await as(login)).get("/admin/sign-ins");
      expect(res.status, login).toBe(404);
      const html = await res.text();
      expect(html, login).not.toContain("Failed sign-ins");
      expect(html, login).not.toContain("nobody@nowhere.example");
    }
    const anonymous = await fetch(`${server().origin}/admin/sign-ins`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/admin/sign-ins")}`);
  });
});
