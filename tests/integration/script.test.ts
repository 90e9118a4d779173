import { beforeAll, describe, expect, it } from "vitest";
import { STANDARD_TEMPLATE_ID } from "~/models/script-library";
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
  const addressees = async (stepId: string) => (await getDb().conferenceStepAddressee.findMany({ where: { stepId }, select: { participantId: true } })).map((a) => a.participantId);
  const speakingOrder = async () =>
    (await getDb().conferenceSpeaker.findMany({ where: { conferenceId }, orderBy: { position: "asc" }, select: { participantId: true } })).map((s) => s.participantId);
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
    const res = await lead.post(path, { intent: "use-template", templateId: STANDARD_TEMPLATE_ID });
    expect(res.status).toBe(200);
    const all = await steps();
    expect(all.map((s) => s.title)).toContain("What happened");
    expect(all.find((s) => s.title === "What happened")!.prompt).toBe("Dan, can you tell us what happened, in your own words?");
    expect(await addressees(all.find((s) => s.title === "Impact")!.id)).toEqual([await participant("Jessica Barnes")]);
    expect(await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { scriptTemplateId: true } })).toEqual({ scriptTemplateId: STANDARD_TEMPLATE_ID });
    // The page says who each question is for.
    expect(await text(await lead.get(path))).toContain("Addressed to Jess");
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
      ["addressedTo[]", jess],
    ]);
    expect(edit.status).toBe(200);
    expect(await getDb().conferenceStep.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      title: "Welcome and thanks",
      prompt: "Welcome Jess first, as she asked.",
    });
    // Ticked twice (a double submit), addressed once.
    expect(await addressees(first!.id)).toEqual([jess]);
    // Unticking everyone addresses the question to everyone again.
    const dan = await participant("Daniel Price");
    const retick = (ids: string[]) =>
      postForm(lead, [
        ["intent", "edit"],
        ["stepId", first!.id],
        ["phase", "OPENING"],
        ["title", "Welcome and thanks"],
        ["prompt", "Welcome Jess first, as she asked."],
        ...ids.map((id): [string, string] => ["addressedTo[]", id]),
      ]);
    expect((await retick([dan, jess])).status).toBe(200);
    expect((await addressees(first!.id)).sort()).toEqual([dan, jess].sort());
    expect((await retick([])).status).toBe(200);
    expect(await addressees(first!.id)).toEqual([]);
    expect((await retick([jess])).status).toBe(200);

    const count = (await steps()).length;
    expect(
      (
        await postForm(lead, [
          ["intent", "add"],
          ["phase", "CLOSING"],
          ["title", "Refreshments"],
          ["prompt", "Invite everyone to stay for tea."],
          ["addressedTo[]", dan],
        ])
      ).status,
    ).toBe(200);
    const added = await steps();
    expect(added).toHaveLength(count + 1);
    expect(added[count]).toMatchObject({ title: "Refreshments", position: count });
    expect(await addressees(added[count]!.id)).toEqual([dan]);

    expect((await lead.post(path, { intent: "remove", stepId: added[1]!.id })).status).toBe(200);
    const after = await steps();
    expect(after).toHaveLength(count);
    expect(after.map((s) => s.position)).toEqual(after.map((_s, i) => i));
  });

  it("records the speaking order the person harmed chose", async () => {
    const carol = await participant("Carol Barnes");
    // Nobody has ordered anyone yet: the page lists the attendees in list order.
    expect(await speakingOrder()).toEqual([]);
    const listed = (await text(await lead.get(path))).match(/Move (.+?) earlier/g)!;
    const carolAt = listed.findIndex((label) => label.includes("Carol"));
    expect(carolAt).toBeGreaterThan(0);
    expect((await lead.post(path, { intent: "speaker", participantId: carol, direction: "up" })).status).toBe(200);
    const order = await speakingOrder();
    // The whole order is stored, Carol one place earlier, and the page shows it.
    expect(order).toHaveLength(listed.length);
    expect(order.indexOf(carol)).toBe(carolAt - 1);
    const shown = (await text(await lead.get(path))).match(/Move (.+?) earlier/g)!;
    expect(shown.findIndex((label) => label.includes("Carol"))).toBe(carolAt - 1);
    expect((await lead.post(path, { intent: "speaker", participantId: order[0]!, direction: "down" })).status).toBe(200);
    expect((await speakingOrder())[1]).toBe(order[0]);
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
