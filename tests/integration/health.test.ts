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

  it("lets no browser or proxy keep a copy of a signed-in page or its data, while built assets stay cacheable", async () => {
    const lead = await new TestClient(server().origin).signIn("lead@demo.circle", "circle-demo-2026");
    const page = await lead.get("/cases");
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const data = await lead.get(`/cases?_data=${encodeURIComponent("routes/cases._index")}`);
    expect(data.headers.get("Cache-Control")).toBe("no-store");
    const script = (await page.text()).match(/\/build\/entry\.client-[\w-]+\.js/)?.[0];
    expect(script).toBeTruthy();
    expect((await fetch(`${server().origin}${script}`)).headers.get("Cache-Control")).toContain("immutable");
  });
});
