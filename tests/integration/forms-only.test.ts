import { beforeAll, describe, expect, it } from "vitest";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const FORM_ROUTES = ["consent", "participants", "contacts", "risk", "approval", "stage", "conferences"];

describe("addresses that only take forms", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let caseId = "";
  beforeAll(async () => {
    lead = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    caseId = await caseIdByReference("RJ-2026-0142");
  });

  it.each(FORM_ROUTES)("a GET of /cases/:id/%s answers 405 with a page that says where to go", async (route) => {
    const res = await lead.get(`/cases/${caseId}/${route}`);
    expect(res.status).toBe(405);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain("only takes changes sent from the case screen");
    expect(html).toContain("Go to my cases");
    expect(html).not.toMatch(/Error:|at .*\.(ts|js):\d+/);
  });
});
