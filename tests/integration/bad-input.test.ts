import { request as httpRequest } from "node:http";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

type RawResponse = { status: number; body: string };

/** A request exactly as written (headers, framing) — fetch would fix up what these tests break. */
function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path, headers: options.headers ?? {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Everything a bad request could have changed. */
async function snapshot() {
  const db = getDb();
  const [users, sessions, audit, members, passwords, cases] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, disabled: true, updatedAt: true } }),
    db.session.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
    // A refused request is recorded (the cross-origin test checks how); that is not a change.
    db.auditEvent.count({ where: { action: { not: "request.origin.refused" } } }),
    db.caseMember.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true } }),
    db.password.findMany({ orderBy: { userId: "asc" }, select: { userId: true, hash: true } }),
    db.case.count(),
  ]);
  return { users, sessions, audit, members, passwords, cases };
}

describe("bad input at the door", () => {
  const server = useDemoServer();
  let before: Awaited<ReturnType<typeof snapshot>>;
  let origin = "";
  let port = 0;
  let admin: TestClient;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  beforeAll(async () => {
    ({ origin, port } = server());
    admin = await new TestClient(origin).signIn("manager@demo.circle", DEMO_PASSWORD);
  });

  beforeEach(async () => {
    before = await snapshot();
  });

  afterEach(async () => {
    // Each bad request left the data as it was, and the server still answers.
    expect(await snapshot()).toEqual(before);
    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers a sign-in form with missing fields with 400 and a message per field", async () => {
    const res = await new TestClient(origin).post("/login", { redirectTo: "/cases" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter an email address");
    expect(html).toContain("Enter your password");
    expect(html).toContain('aria-invalid="true"');
    expect(res.headers.getSetCookie().some((c) => c.startsWith("circle_session="))).toBe(false);
  });

  it("answers a sign-in form with a malformed email with 400, keeping what was typed", async () => {
    const res = await new TestClient(origin).post("/login", { email: "lead-at-demo", password: "x" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a valid email address");
    expect(html).toContain('value="lead-at-demo"');
  });

  it("refuses a body over 256 KB with 413", async () => {
    const res = await new TestClient(origin).post("/login", { email: "lead@demo.circle", password: DEMO_PASSWORD, padding: "x".repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toBe("That request is too large.");
  });

  it("still reads a body just under the limit as a form", async () => {
    const body = form({ email: "lead@demo.circle", password: "p".repeat(250 * 1024) });
    const res = await rawRequest(port, {
      path: "/login",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain("That password is too long");
  });

  it("refuses JSON with 415, on sign-in and on admin forms", async () => {
    const json = JSON.stringify({ email: "lead@demo.circle", password: DEMO_PASSWORD });
    const signIn = await new TestClient(origin).request("/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: json });
    expect(signIn.status).toBe(415);
    expect(await signIn.text()).toContain("application/x-www-form-urlencoded");
    const create = await admin.request("/admin/users", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "create", email: "json@demo.circle", name: "Json", role: "ADMIN", password: "a-long-password" }),
    });
    expect(create.status).toBe(415);
  });

  it("refuses a cross-origin post with 403, even with a valid session", async () => {
    const signIn = await new TestClient(origin).request("/login", {
      method: "POST",
      headers: { Origin: "http://evil.example" },
      body: new URLSearchParams({ email: "lead@demo.circle", password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.getSetCookie().some((c) => c.startsWith("circle_session="))).toBe(false);
    const lead = (await getDb().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } })).id;
    for (const [path, fields] of [
      ["/admin/users", { intent: "disable", userId: lead }],
      ["/logout", {}],
    ] as const) {
      const res = await admin.request(path, { method: "POST", headers: { Origin: "http://evil.example" }, body: new URLSearchParams(fields) });
      expect(res.status, path).toBe(403);
    }
    // A sandboxed page sends "Origin: null": also refused.
    const sandboxed = await admin.request("/logout", { method: "POST", headers: { Origin: "null" }, body: new URLSearchParams({}) });
    expect(sandboxed.status).toBe(403);
    expect((await admin.get("/admin/users")).status).toBe(200);
    // Each refusal is in the audit trail: the manager's (twice to /logout within 10 minutes: one
    // entry), and the signed-out sign-in attempt under its address.
    const manager = (await getDb().user.findUniqueOrThrow({ where: { email: "manager@demo.circle" }, select: { id: true } })).id;
    const refused = () =>
      getDb().auditEvent.findMany({
        where: { action: "request.origin.refused" },
        orderBy: { target: "asc" },
        select: { actorId: true, actorRole: true, target: true, ip: true, details: true },
      });
    await waitFor(async () => (await refused()).length === 3, 5_000, "three refusals recorded");
    expect((await refused()).map((r) => ({ ...r, details: JSON.parse(r.details) }))).toEqual([
      { actorId: manager, actorRole: "ADMIN", target: "/admin/users", ip: "127.0.0.1", details: { method: "POST", origin: "http://evil.example" } },
      { actorId: null, actorRole: "ANONYMOUS", target: "/login", ip: "127.0.0.1", details: { method: "POST", origin: "http://evil.example" } },
      { actorId: manager, actorRole: "ADMIN", target: "/logout", ip: "127.0.0.1", details: { method: "POST", origin: "http://evil.example" } },
    ]);
  });

  it("refuses a post without Content-Length (chunked) with 411", async () => {
    const res = await rawRequest(port, {
      path: "/login",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      body: form({ email: "lead@demo.circle", password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(411);
    expect(res.body).toBe("A Content-Length header is required.");
  });

  it("answers a broken multipart body with 400, not a server error", async () => {
    for (const contentType of ["multipart/form-data; boundary=xyz", "multipart/form-data"]) {
      const body = "--not-the-boundary\r\ngarbage";
      const res = await rawRequest(port, { path: "/login", headers: { Origin: origin, "Content-Type": contentType, "Content-Length": String(body.length) }, body });
      expect(res.status, contentType).toBe(400);
      expect(res.body).toContain("That form could not be read");
    }
    const cookie = admin.cookieHeader;
    const adminPost = await rawRequest(port, {
      path: "/admin/users",
      headers: { Origin: origin, Cookie: cookie, "Content-Type": "multipart/form-data; boundary=xyz", "Content-Length": "7" },
      body: "garbage",
    });
    expect(adminPost.status).toBe(400);
  });

  it("answers an empty post with no form type with 400, not a server error", async () => {
    const variants: Record<string, string>[] = [{ "Content-Length": "0" }, { "Content-Length": "0", "Content-Type": "application/json" }];
    for (const headers of variants) {
      const res = await rawRequest(port, { path: "/login", headers: { Origin: origin, ...headers } });
      expect(res.status, JSON.stringify(headers)).toBe(400);
    }
  });

  it("answers an address with broken percent-encoding with 400, not a server error", async () => {
    for (const path of ["/cases/%E0%A4%A", "/%", "/admin/users/%ZZ"]) {
      const res = await rawRequest(port, { method: "GET", path });
      expect(res.status, path).toBe(400);
      expect(res.body).toBe("That address is not valid.");
    }
  });

  it("answers a sign-in form with repeated, odd or oversized fields without a server error", async () => {
    const weird = [
      "email=a%40b.example&email=&password=x",
      "email[]=lead%40demo.circle&password[]=x",
      "%00=%00&email=%00&password=%00",
      `email=${"a".repeat(10_000)}%40demo.circle&password=x`,
    ];
    for (const body of weird) {
      const res = await rawRequest(port, {
        path: "/login",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)) },
        body,
      });
      expect(res.status, body.slice(0, 40)).toBe(400);
    }
  });
});
