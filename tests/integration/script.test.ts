import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const text = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");

describe("tailoring a conference's script", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let co: TestClient;
  let supervisor: TestClient;
  let other: TestClient;
  let conferenceId = "";
  let path = "";

  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  const steps = () => getDb().conferenceStep.findMany({ where: { conferenceId }, orderBy: { position: "asc" } });
  const participant = async (name: string) => (await getDb().participant.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
  const postForm = (client: TestClient, fields: [string, string][]) => client.request(path, { method: "POST", body: new URLSearchParams(fields) });

  beforeAll(async () => {
    lead = await signIn("lead@demo.circle");
    co = await signIn("co@demo.circle");
    supervisor = await signIn("supervisor@demo.circle");
    other = await signIn("other@demo.circle");
    const caseId = await caseIdByReference("RJ-2026-0142");
    conferenceId = (await getDb().conference.findFirstOrThrow({ where: { caseId, status: "SCHEDULED" }, select: { id: true } })).id;
    path = `/conferences/${conferenceId}/script`;
  });

  it("starts empty, then prepares the standard script with the attendees' preferred names", async () => {
    expect(await text(await lead.get(path))).toContain("No script yet.");
    const res = await lead.post(path, { intent: "use-template", templateId: "standard" });
    expect(res.status).toBe(200);
    const all = await steps();
    expect(all.map((s) => s.title)).toContain("What happened");
    expect(all.find((s) => s.title === "What happened")!.prompt).toBe("Dan, can you tell us what happened, in your own words?");
    expect(all.find((s) => s.title === "Impact")!.addressedTo).toBe(JSON.stringify([await participant("Jessica Barnes")]));
    // One supporters' step per supporter attending, by preferred or full name.
    expect(all.filter((s) => s.phase === "SUPPORTERS").map((s) => s.title)).toEqual(["Supporters: Carol Barnes", "Supporters: Ray Price"]);
    expect(all.map((s) => s.position)).toEqual(all.map((_s, i) => i));
    const page = await text(await supervisor.get(path));
    expect(page).toContain("Dan, can you tell us what happened");
    expect(page).toContain("You can read the script; the facilitators prepare it.");
    expect(await getDb().auditEvent.count({ where: { action: "conference.script.use-template" } })).toBe(1);
  });

  it("reorders, edits, adds and removes steps, and keeps positions contiguous", async () => {
    const [first, second] = await steps();
    expect((await co.post(path, { intent: "move", stepId: second!.id, direction: "up" })).status).toBe(200);
    expect((await steps()).slice(0, 2).map((s) => s.id)).toEqual([second!.id, first!.id]);

    const jess = await participant("Jessica Barnes");
    const edit = await postForm(lead, [
      ["intent", "edit"],
      ["stepId", first!.id],
      ["phase", "OPENING"],
      ["title", "Welcome and thanks"],
      ["prompt", "Welcome Jess first, as she asked."],
      ["addressedTo[]", jess],
    ]);
    expect(edit.status).toBe(200);
    expect(await getDb().conferenceStep.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      title: "Welcome and thanks",
      prompt: "Welcome Jess first, as she asked.",
      addressedTo: JSON.stringify([jess]),
    });

    const count = (await steps()).length;
    expect((await lead.post(path, { intent: "add", phase: "CLOSING", title: "Refreshments", prompt: "Invite everyone to stay for tea." })).status).toBe(200);
    const added = await steps();
    expect(added).toHaveLength(count + 1);
    expect(added[count]).toMatchObject({ title: "Refreshments", position: count });

    expect((await lead.post(path, { intent: "remove", stepId: added[1]!.id })).status).toBe(200);
    const after = await steps();
    expect(after).toHaveLength(count);
    expect(after.map((s) => s.position)).toEqual(after.map((_s, i) => i));
  });

  it("records the speaking order the person harmed chose", async () => {
    const carol = await participant("Carol Barnes");
    const before = (await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { speakingOrder: true } })).speakingOrder;
    expect((await lead.post(path, { intent: "speaker", participantId: carol, direction: "up" })).status).toBe(200);
    const order = JSON.parse((await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { speakingOrder: true } })).speakingOrder) as string[];
    expect(order).not.toEqual(JSON.parse(before));
    expect(order.indexOf(carol)).toBe(0);
  });

  it.each([
    ["an empty title", { intent: "add", phase: "OPENING", title: " ", prompt: "x" }, "Give the step a title"],
    ["an unknown part", { intent: "add", phase: "INTERVAL", title: "x", prompt: "x" }, "Choose the part of the conference"],
    ["a step of no conference", { intent: "remove", stepId: "cnotastep000000000000000001" }, "That step is not in this conference"],
    ["a template of no service", { intent: "use-template", templateId: "cnotatemplate00000000000001" }, "That script is not available"],
    ["an unknown intent", { intent: "delete-everything" }, ""],
  ])("answers %s with 400 and changes nothing", async (_label, fields, message) => {
    const before = await steps();
    const res = await lead.post(path, fields as Record<string, string>);
    expect(res.status).toBe(400);
    if (message) expect(await text(res)).toContain(message);
    expect(await steps()).toEqual(before);
  });

  it("refuses to address a question to someone not attending", async () => {
    const [first] = await steps();
    const stranger = (
      await getDb().participant.create({
        data: { caseId: (await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId } })).caseId, role: "PROFESSIONAL", name: "Not Attending" },
        select: { id: true },
      })
    ).id;
    const res = await postForm(lead, [
      ["intent", "edit"],
      ["stepId", first!.id],
      ["phase", "OPENING"],
      ["title", "T"],
      ["prompt", "P"],
      ["addressedTo[]", stranger],
    ]);
    expect(res.status).toBe(400);
    expect(await text(res)).toContain("Address questions only to people attending this conference.");
    expect((await getDb().conferenceStep.findUniqueOrThrow({ where: { id: first!.id } })).title).not.toBe("T");
  });

  it("lets nobody but the case's facilitators change it", async () => {
    const before = await steps();
    for (const client of [supervisor, other]) {
      expect((await client.post(path, { intent: "remove", stepId: before[0]!.id })).status).toBe(404);
    }
    expect((await other.get(path)).status).toBe(404);
    expect(await steps()).toEqual(before);
  });

  it("locks the script once the conference has started", async () => {
    await getDb().conferenceLive.create({ data: { conferenceId, status: "LIVE", version: 1 } });
    const before = await steps();
    const res = await lead.post(path, { intent: "remove", stepId: before[0]!.id });
    expect(res.status).toBe(409);
    expect(await text(res)).toContain("The conference has started");
    expect(await steps()).toEqual(before);
    expect(await text(await lead.get(path))).toContain("can no longer be changed");
  });
});

describe("script templates of the service", () => {
  const server = useDemoServer();
  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);

  it("a service manager adds a template from the standard script, edits it, and facilitators can prepare from it", async () => {
    const admin = await signIn("manager@demo.circle");
    const created = await admin.post("/admin/scripts", { intent: "create", name: "Young people", description: "Shorter questions", basedOn: "standard" });
    expect(created.status).toBe(200);
    const template = await getDb().scriptTemplate.findFirstOrThrow({ where: { name: "Young people" }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(template.steps.length).toBeGreaterThan(15);
    const first = template.steps[0]!;
    expect(
      (
        await admin.post("/admin/scripts", {
          intent: "edit-step",
          templateId: template.id,
          stepId: first.id,
          phase: "OPENING",
          addressTo: "EVERYONE",
          title: "Hello",
          prompt: "Say hello to {name}.",
        })
      ).status,
    ).toBe(200);
    expect((await admin.post("/admin/scripts", { intent: "move-step", templateId: template.id, stepId: first.id, direction: "down" })).status).toBe(200);
    const moved = await getDb().scriptTemplateStep.findUniqueOrThrow({ where: { id: first.id } });
    expect(moved).toMatchObject({ title: "Hello", position: 1 });
    expect(await getDb().auditEvent.count({ where: { action: { startsWith: "script-template." }, target: `script-template:${template.id}` } })).toBe(3);

    const lead = await signIn("lead@demo.circle");
    const caseId = await caseIdByReference("RJ-2026-0142");
    // A conference of its own (the one above has started in this file's database).
    const conferenceId = (await getDb().conference.create({ data: { caseId, scheduledAt: new Date(Date.now() + 86_400_000), venue: "Library" }, select: { id: true } })).id;
    expect(await text(await lead.get(`/conferences/${conferenceId}/script`))).toContain("Young people");
    expect((await lead.post(`/conferences/${conferenceId}/script`, { intent: "use-template", templateId: template.id })).status).toBe(200);
    const steps = await getDb().conferenceStep.findMany({ where: { conferenceId }, orderBy: { position: "asc" } });
    // Addressed to everyone, so {name} reads "you".
    expect(steps[1]).toMatchObject({ title: "Hello", prompt: "Say hello to you." });
  });

  it("refuses bad input and other services' templates, and nobody but a service manager may use the page", async () => {
    const admin = await signIn("manager@demo.circle");
    const before = await getDb().scriptTemplate.count();
    for (const fields of [
      { intent: "create", name: "", basedOn: "standard" } as Record<string, string>,
      { intent: "create", name: "X", basedOn: "somewhere" },
      { intent: "archive", templateId: "cnotatemplate00000000000001" },
    ]) {
      expect((await admin.post("/admin/scripts", fields)).status).toBe(400);
    }
    expect(await getDb().scriptTemplate.count()).toBe(before);
    const lead = await signIn("lead@demo.circle");
    expect((await lead.get("/admin/scripts")).status).toBe(404);
    expect((await lead.post("/admin/scripts", { intent: "create", name: "Sneaky", basedOn: "empty" })).status).toBe(404);
    expect(await getDb().scriptTemplate.count()).toBe(before);
  });
});
