import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const ROUTE_ID = "routes/conferences.$conferenceId_.live";

describe("the live conference page", () => {
  const server = useDemoServer();
  let conferenceId = "";
  let caseId = "";
  const signedIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    conferenceId = (await getDb().conference.findFirstOrThrow({ where: { caseId, status: "SCHEDULED" }, select: { id: true } })).id;
  });

  it("gives each member of the case team their part, and records that they looked", async () => {
    for (const [email, role] of [
      ["lead@demo.circle", "chair"],
      ["co@demo.circle", "assist"],
      ["supervisor@demo.circle", "follow"],
    ] as const) {
      const client = await signedIn(email);
      const res = await client.get(`/conferences/${conferenceId}/live?_data=${encodeURIComponent(ROUTE_ID)}`);
      expect(res.status).toBe(200);
      const data = (await res.json()) as { role: string; notesReadOnly: boolean; state: { status: string; version: number }; script: { reference: string; attendees: unknown[] } };
      expect(data).toMatchObject({ role, state: { status: "READY", version: 0 }, script: { reference: "RJ-2026-0142" } });
      expect(data.script.attendees).toHaveLength(4);
      expect(data.notesReadOnly).toBe(role === "follow");
    }
    const views = await getDb().auditEvent.findMany({ where: { action: "conference.live.view", caseId }, select: { target: true, details: true } });
    expect(views.map((v) => JSON.parse(v.details).role).sort()).toEqual(["assist", "chair", "follow"]);
    expect(views.every((v) => v.target === `conference:${conferenceId}`)).toBe(true);
  });

  it("renders the page for the lead, and answers 404 to anyone not on the case and for unknown ids", async () => {
    const lead = await signedIn("lead@demo.circle");
    const html = await (await lead.get(`/conferences/${conferenceId}/live`)).text();
    expect(html).toContain("Live conference");
    expect(html).toContain("Start the conference");
    for (const email of ["other@demo.circle", "manager@demo.circle"]) {
      const res = await (await signedIn(email)).get(`/conferences/${conferenceId}/live`);
      expect(res.status).toBe(404);
    }
    expect((await lead.get(`/conferences/cnotaconference00000000000/live`)).status).toBe(404);
    expect((await lead.get(`/conferences/not-an-id/live`)).status).toBe(404);
    const anonymous = await new TestClient(server().origin).get(`/conferences/${conferenceId}/live`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect((await lead.post(`/conferences/${conferenceId}/live`, {})).status).toBe(405);
  });
});
