import { describe, expect, it } from "vitest";
import { TestClient } from "../support/http";
import { useDemoServer } from "../support/server";

describe("health and sign-in basics", () => {
  const server = useDemoServer();

  it("answers /healthz after a real database query", async () => {
    const res = await fetch(`${server().origin}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("lets the lead sign in and see exactly their demo cases", async () => {
    const lead = await new TestClient(server().origin).signIn("lead@demo.circle", "circle-demo-2026");
    const html = await (await lead.get("/cases")).text();
    expect(html).toContain("RJ-2026-0142");
    expect(html).toContain("RJ-2026-0150");
    expect(html).toContain("RJ-2026-0117");
    expect(html).not.toContain("RJ-2026-0161");
    expect(html).not.toContain("RJ-2026-0098");
  });
});
