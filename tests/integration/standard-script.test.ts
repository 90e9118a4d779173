import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { STANDARD_SCRIPT, STANDARD_SCRIPT_NAME, STANDARD_TEMPLATE_ID } from "~/models/script-library";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { freshDatabaseFile, startChildServer, type ChildServer } from "../support/child-server";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const text = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
const standardRow = () => getDb().scriptTemplate.findUniqueOrThrow({ where: { id: STANDARD_TEMPLATE_ID }, include: { steps: { orderBy: { position: "asc" } } } });

describe("the standard script, a template row that every service uses and no one edits", () => {
  const server = useDemoServer();
  const signIn = (email: string, password = DEMO_PASSWORD) => new TestClient(server().origin).signIn(email, password);

  it("is in the database with the code's steps, and comes first for the demo service and for another service alike", async () => {
    const row = await standardRow();
    expect(row).toMatchObject({ serviceId: null, name: STANDARD_SCRIPT_NAME, archivedAt: null });
    expect(row.steps.map((s) => [s.phase, s.title, s.prompt, s.addressTo])).toEqual(STANDARD_SCRIPT.map((s) => [s.phase, s.title, s.prompt, s.addressTo]));

    const option = `<option value="${STANDARD_TEMPLATE_ID}" selected="">${STANDARD_SCRIPT_NAME} (${STANDARD_SCRIPT.length} steps)</option>`;
    const lead = await signIn("lead@demo.circle");
    const caseId = await caseIdByReference("RJ-2026-0142");
    const demoConference = (await getDb().conference.findFirstOrThrow({ where: { caseId, status: "SCHEDULED" }, select: { id: true } })).id;
    expect(await text(await lead.get(`/conferences/${demoConference}/script`))).toContain(option);

    // A second service, with nothing of its own: the standard script is there for it too.
    const make = factories(getDb());
    const service = await make.service("Northshire RJ");
    const facilitator = await make.user({ serviceId: service.id, email: "fay@northshire.example", name: "Fay Quinn", role: "FACILITATOR", password: "northshire password 1" });
    const other = await make.case({
      serviceId: service.id,
      reference: "NS-0001",
      title: "Garden damage",
      offenceSummary: "Fence broken.",
      members: [{ userId: facilitator.id, role: "LEAD" }],
    });
    const conference = await make.conference({ caseId: other.id, scheduledAt: new Date(Date.now() + 86_400_000), venue: "Library", leadId: facilitator.id });
    const fay = await signIn("fay@northshire.example", "northshire password 1");
    const page = await text(await fay.get(`/conferences/${conference.id}/script`));
    expect(page).toContain(option);
    expect((await fay.post(`/conferences/${conference.id}/script`, { intent: "use-template", templateId: STANDARD_TEMPLATE_ID })).status).toBe(200);
    expect(await getDb().conferenceStep.count({ where: { conferenceId: conference.id } })).toBeGreaterThan(10);
  });

  it("a service manager can neither change nor archive it, and the page shows it only as always there", async () => {
    const admin = await signIn("manager@demo.circle");
    const before = await standardRow();
    const step = before.steps[0]!;
    const stepFields = { phase: "OPENING", addressTo: "EVERYONE", title: "Hello", prompt: "Hello." };
    const attempts: Record<string, string>[] = [
      { intent: "archive" },
      { intent: "add-step", ...stepFields },
      { intent: "edit-step", stepId: step.id, ...stepFields },
      { intent: "move-step", stepId: step.id, direction: "down" },
      { intent: "remove-step", stepId: step.id },
    ];
    for (const fields of attempts) {
      const res = await admin.post("/admin/scripts", { templateId: STANDARD_TEMPLATE_ID, ...fields });
      expect(res.status, fields.intent).toBe(400);
      expect(await text(res), fields.intent).toContain("The standard script cannot be changed");
    }
    expect(await standardRow()).toEqual(before);

    const page = await text(await admin.get("/admin/scripts"));
    expect(page).toContain(`<strong>${STANDARD_SCRIPT_NAME}</strong> (${STANDARD_SCRIPT.length} steps) is always available`);
    expect(page).not.toContain(`value="${STANDARD_TEMPLATE_ID}"`);
  });
});

describe("a start of the server", () => {
  let child: ChildServer | undefined;
  afterAll(() => child?.process.kill("SIGTERM"));

  it("puts the code's words back into the standard script when the database's differ", async () => {
    const file = freshDatabaseFile();
    const sqlite = new Database(file);
    sqlite.prepare(`UPDATE "ScriptTemplateStep" SET prompt = 'Old words' WHERE templateId = ? AND position = 0`).run(STANDARD_TEMPLATE_ID);
    sqlite.prepare(`DELETE FROM "ScriptTemplateStep" WHERE templateId = ? AND position = 1`).run(STANDARD_TEMPLATE_ID);
    sqlite.prepare(`UPDATE "ScriptTemplate" SET archivedAt = '2026-12-01T00:00:00.000+00:00' WHERE id = ?`).run(STANDARD_TEMPLATE_ID);
    sqlite.close();

    child = await startChildServer(file, { env: { SEED_DEMO: "0" } });
    const db = getDb(`file:${file}`);
    const row = await db.scriptTemplate.findUniqueOrThrow({ where: { id: STANDARD_TEMPLATE_ID }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(row.archivedAt).toBeNull();
    expect(row.steps.map((s) => [s.position, s.title, s.prompt])).toEqual(STANDARD_SCRIPT.map((s, i) => [i, s.title, s.prompt]));
  });
});
