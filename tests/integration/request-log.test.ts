import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseFile, startChildServer, type ChildServer } from "../support/child-server";
import { TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD } from "../support/server";

// The real server in its own process, as `npm start` runs it, with its log lines captured: what an
// operator reads when a person reports a problem.

type Line = { level: string; msg: string; reqId?: string; [k: string]: unknown };

function logLines(output: string): Line[] {
  return output.split("\n").flatMap((line) => {
    try {
      const parsed = JSON.parse(line);
      return parsed && typeof parsed === "object" && typeof parsed.msg === "string" ? [parsed as Line] : [];
    } catch {
      return [];
    }
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("the server's request log", () => {
  let server: ChildServer;

  beforeAll(async () => {
    server = await startChildServer(freshDatabaseFile(), { capture: true, env: { LOG_LEVEL: "debug" } });
  }, 60_000);

  afterAll(async () => {
    server?.process.kill("SIGTERM");
    await server?.exited;
  });

  it("gives each answer an id that its log line carries, and keeps the session cookie and the password out of the log", async () => {
    const client = await new TestClient(server.origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const cookie = client.cookieHeader.split("=")[1]!;
    expect(cookie.length).toBeGreaterThan(10);

    // A client cannot choose the id (TRUST_PROXY is off): it would be writing into our logs.
    const res = await client.request("/cases", { headers: { "X-Request-Id": "made-up-by-the-client" } });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(UUID);

    const line = await waitFor(() => logLines(server.output()).find((l) => l.msg === "request" && l.reqId === id), 10_000, "the request's log line");
    expect(line).toMatchObject({ level: "info", method: "GET", path: "/cases", status: 200 });
    const headers = logLines(server.output()).find((l) => l.msg === "request headers" && l.reqId === id);
    expect(headers?.headers).toMatchObject({ cookie: "[redacted]" });

    expect(server.output()).not.toContain(cookie);
    // (The demo seed prints its published password in a banner at start; no log line has it.)
    expect(JSON.stringify(logLines(server.output()))).not.toContain(DEMO_PASSWORD);
    expect(logLines(server.output()).some((l) => l.reqId === "made-up-by-the-client")).toBe(false);
  });

  it("keeps what was typed into a search box out of the log", async () => {
    const client = await new TestClient(server.origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const res = await client.get("/cases?q=Harriet%20Oyelaran");
    const id = res.headers.get("x-request-id");
    await waitFor(() => logLines(server.output()).find((l) => l.msg === "request" && l.reqId === id), 10_000, "the search's log line");
    expect(server.output()).not.toContain("Oyelaran");
  });
});

describe("behind a trusted proxy", () => {
  let server: ChildServer;

  beforeAll(async () => {
    server = await startChildServer(freshDatabaseFile(), { capture: true, env: { LOG_LEVEL: "info", TRUST_PROXY: "1", SEED_DEMO: "0" } });
  }, 60_000);

  afterAll(async () => {
    server?.process.kill("SIGTERM");
    await server?.exited;
  });

  it("keeps the proxy's request id, so its logs and Circle's join up, but refuses one that is not an id", async () => {
    const res = await fetch(`${server.origin}/login`, { headers: { "X-Request-Id": "lb-7f3a9c21" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("lb-7f3a9c21");
    await waitFor(() => logLines(server.output()).find((l) => l.msg === "request" && l.reqId === "lb-7f3a9c21"), 10_000, "the proxy id in the log");

    const odd = await fetch(`${server.origin}/login`, { headers: { "X-Request-Id": "not an id; DROP TABLE" } });
    expect(odd.headers.get("x-request-id")).toMatch(UUID);
  });
});
