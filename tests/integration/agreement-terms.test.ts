import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

describe("putting an agreement's terms in order", () => {
  const server = useDemoServer();
  let lead: TestClient, supervisor: TestClient, other: TestClient;
  let act = "",
    agreementId = "",
    dan = "",
    jess = "";
  const db = () => getDb();
  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  const order = async () => (await db().agreementTerm.findMany({ where: { agreementId }, orderBy: { position: "asc" }, select: { description: true } })).map((t) => t.description);
  const idOf = async (description: string) => (await db().agreementTerm.findFirstOrThrow({ where: { agreementId, description } })).id;
  const move = (client: TestClient, termId: string, direction: string) => client.post(act, { intent: "move-term", termId, direction });

  beforeAll(async () => {
    [lead, supervisor, other] = (await Promise.all(["lead", "supervisor", "other"].map((n) => signIn(`${n}@demo.circle`)))) as [TestClient, TestClient, TestClient];
    const caseId = await caseIdByReference("RJ-2026-0142");
    act = `/cases/${caseId}/agreement?_data=${encodeURIComponent("routes/cases.$caseId_.agreement")}`;
    dan = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Daniel Price" } })).id;
    jess = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Jessica Barnes" } })).id;
    expect((await lead.post(act, { intent: "start" })).status).toBe(200);
    agreementId = (await db().agreement.findFirstOrThrow({ where: { caseId } })).id;
    for (const [type, description] of [
      ["APOLOGY_LETTER", "Write to Jess"],
      ["COMMUNITY_WORK", "Help at the bus depot"],
      ["PROGRAMME", "Finish the victim awareness course"],
    ] as const) {
      const fields = { intent: "add-term", type, description, responsibleId: dan, beneficiaryId: jess, verification: "The facilitator checks", dueDate: "2027-01-31", hours: "10" };
      const added = await lead.post(act, fields);
      expect(added.status, JSON.stringify(await added.clone().json())).toBe(200);
    }
  });

  it("moves a term up or down one place, says where it went, and audits it", async () => {
    expect(await order()).toEqual(["Write to Jess", "Help at the bus depot", "Finish the victim awareness course"]);
    const course = await idOf("Finish the victim awareness course");
    const up = await move(lead, course, "up");
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, done: "Term 3 is now term 2." });
    expect((await move(lead, course, "up")).status).toBe(200);
    expect(await order()).toEqual(["Finish the victim awareness course", "Write to Jess", "Help at the bus depot"]);
    expect((await move(lead, await idOf("Write to Jess"), "down")).status).toBe(200);
    expect(await order()).toEqual(["Finish the victim awareness course", "Help at the bus depot", "Write to Jess"]);
    const audited = await db().auditEvent.findMany({ where: { action: "agreement.move-term", caseId: await caseIdByReference("RJ-2026-0142") }, orderBy: { createdAt: "asc" } });
    expect(audited.map((a) => JSON.parse(String(a.details)) as { from: number; to: number }).map(({ from, to }) => [from, to])).toEqual([
      [3, 2],
      [2, 1],
      [2, 3],
    ]);
  });

  it("refuses to move past either end, an unknown direction or another agreement's term, and changes nothing", async () => {
    const before = await order();
    const first = await idOf(before[0]!);
    const last = await idOf(before[2]!);
    const atTop = await move(lead, first, "up");
    expect(atTop.status).toBe(409);
    expect(await atTop.json()).toMatchObject({ ok: false, errors: { form: "That term is already first." } });
    expect(await (await move(lead, last, "down")).json()).toMatchObject({ errors: { form: "That term is already last." } });
    const sideways = await move(lead, first, "sideways");
    expect(sideways.status).toBe(400);
    expect(await sideways.json()).toMatchObject({ errors: { direction: "Say whether the term moves up or down" } });
    expect((await move(lead, "c".padEnd(25, "x"), "down")).status).toBe(409);
    expect(await order()).toEqual(before);
  });

  it("is the facilitators' to do: the supervisor and another case's facilitator get 404", async () => {
    const before = await order();
    const second = await idOf(before[1]!);
    expect((await move(supervisor, second, "up")).status).toBe(404);
    expect((await move(other, second, "up")).status).toBe(404);
    expect(await order()).toEqual(before);
  });
});
