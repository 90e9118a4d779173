import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { STAGES } from "~/utils/roles";
import { factories } from "../../prisma/factories";
import { caseIdByReference, TestClient } from "../support/http";
import { pageText } from "../support/preparation-cases";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const db = () => getDb();

/** The text of one section of the overview, found by its heading. */
function section(html: string, heading: string): string {
  const start = html.indexOf(`>${heading}</h2>`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const end = html.indexOf("</section>", start);
  return html.slice(start, end);
}

describe("the service manager's overview", () => {
  const server = useDemoServer();
  let manager: TestClient;
  let html = "";

  beforeAll(async () => {
    manager = await new TestClient(server().origin).signIn("manager@demo.circle", DEMO_PASSWORD);
    const res = await manager.get("/admin");
    expect(res.status).toBe(200);
    html = await pageText(res);
  });

  it("is where the manager lands after signing in", async () => {
    const res = await new TestClient(server().origin).post("/login", { email: "manager@demo.circle", password: DEMO_PASSWORD, redirectTo: "" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin");
    // Facilitators still land on their cases.
    const lead = await new TestClient(server().origin).post("/login", { email: "lead@demo.circle", password: DEMO_PASSWORD, redirectTo: "" });
    expect(lead.headers.get("Location")).toBe("/cases");
  });

  it("lists referrals nobody leads first, then new ones, with the words 'No lead facilitator'", async () => {
    const part = section(html, "New and unassigned referrals");
    const unassigned = await caseIdByReference("RJ-2026-0176");
    expect(part).toContain(`href="/admin/cases/${unassigned}"`);
    expect(part).toContain("No lead facilitator");
    expect(part).toContain(`href="/admin/cases?q=RJ-2026-0176"`);
    // The neighbours' referral came in three days ago and has a lead.
    expect(part).toContain("RJ-2026-0150");
    expect(part).toContain("Lead: Linda Millington");
    expect(part.indexOf("RJ-2026-0176")).toBeLessThan(part.indexOf("RJ-2026-0150"));
    // Cases further on are not "new referrals".
    expect(part).not.toContain("RJ-2026-0142");
  });

  it("counts cases by stage, each count linking to the case list at that stage", async () => {
    const part = section(html, "Cases by stage");
    const counts = await db().case.groupBy({ by: ["stage"], _count: { _all: true } });
    for (const stage of STAGES) {
      const n = counts.find((c) => c.stage === stage)?._count._all ?? 0;
      expect(part).toMatch(new RegExp(`href="/admin/cases\\?stage=${stage}"[^>]*><span>[^<]+</span><span class="count">${n}</span>`));
    }
    const filtered = await pageText(await manager.get("/admin/cases?stage=REFERRAL"));
    expect(filtered).toContain("RJ-2026-0150");
    expect(filtered).toContain("RJ-2026-0176");
    expect(filtered).not.toContain("RJ-2026-0142");
  });

  it("shows overdue Victims' Code deadlines, including a referral with nobody harmed recorded", async () => {
    const part = section(html, "Overdue Victims' Code deadlines");
    expect(part).toContain("RJ-2026-0176");
    expect(part).toContain("Overdue:");
    expect(part).toContain("No person harmed recorded yet");
    // Jess was offered information the day after referral.
    expect(part).not.toContain("RJ-2026-0142");
  });

  it("shows overdue contacts without naming anyone", async () => {
    const part = section(html, "Overdue contacts");
    expect(part).toContain("RJ-2026-0142");
    expect(part).toMatch(/Overdue:<\/strong> \d+ (person|people), since/);
    for (const name of ["Jessica", "Barnes", "Daniel Price", "Jess "]) expect(html).not.toContain(name);
  });

  it("shows the conferences of the next seven days", async () => {
    const part = section(html, "Conferences this week");
    expect(part).toContain("RJ-2026-0163");
    expect(part).toContain("Town Hall, meeting room B");
    // The bus-stop conference is twelve days away.
    expect(part).not.toContain("RJ-2026-0142");
  });

  it("records that the manager viewed it", async () => {
    const admin = await db().user.findUniqueOrThrow({ where: { email: "manager@demo.circle" }, select: { id: true, serviceId: true } });
    const rows = await db().auditEvent.findMany({ where: { action: "service.overview", actorId: admin.id } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.target).toBe(`service:${admin.serviceId}`);
  });

  it("says in plain words when there is nothing to show", async () => {
    const make = factories(db());
    const service = await make.service("A new service");
    const email = `new-manager-${Date.now()}@example.org`;
    await make.user({ serviceId: service.id, email, name: "New Manager", role: "ADMIN", password: DEMO_PASSWORD });
    const page = await pageText(await (await new TestClient(server().origin).signIn(email, DEMO_PASSWORD)).get("/admin"));
    expect(page).toContain("Every open case has a lead facilitator, and no referral came in during the last 14 days.");
    expect(page).toContain("Your service has no cases yet. Record the first referral to start.");
    expect(page).toContain("No Victims' Code deadline has passed.");
    expect(page).toContain("Nobody is waiting longer than they asked for a contact.");
    expect(page).toContain("No conference is booked for the next seven days.");
    // Nothing of the demo service leaks across.
    expect(page).not.toContain("RJ-2026-");
  });

  it("answers 404 to everyone but the manager", async () => {
    for (const who of ["lead", "supervisor", "other"]) {
      const client = await new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
      expect((await client.get("/admin")).status, who).toBe(404);
    }
  });
});
