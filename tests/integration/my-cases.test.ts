import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { TestClient } from "../support/http";
import { pageText } from "../support/preparation-cases";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const db = () => getDb();
const DAY = 24 * 3600 * 1000;
/** The references on a case list page, top to bottom. */
const references = (html: string) => [...html.matchAll(/<div class="ref">([^<]+)<\/div>/g)].map((m) => m[1]!);
/** The list item of one case on a case list page. */
const item = (html: string, reference: string) => {
  const start = html.indexOf(`<div class="ref">${reference}</div>`);
  return html.slice(start, html.indexOf("</li>", start));
};

describe("My cases: what needs attention first, and search", () => {
  const server = useDemoServer();
  let mine: TestClient;
  let me: { id: string; serviceId: string };
  const make = () => factories(db());

  beforeAll(async () => {
    const serviceId = (await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { serviceId: true } })).serviceId;
    const email = `attention-${Date.now()}@demo.circle`;
    me = await make().user({ serviceId, email, name: "Ava Attention", role: "FACILITATOR", password: DEMO_PASSWORD });
    mine = await new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  });

  /** A case led by the test's facilitator, changed `ageDays` ago (the newest change would otherwise come first). */
  async function myCase(reference: string, setup: { referredDaysAgo?: number; stage?: "REFERRAL" | "PREPARATION" | "CLOSED"; updatedDaysAgo: number }) {
    const c = await make().case({
      serviceId: me.serviceId,
      reference,
      title: `Case ${reference}`,
      offenceSummary: "Attention test.",
      stage: setup.stage ?? "PREPARATION",
      members: [{ userId: me.id, role: "LEAD" }],
      referral: { referredAt: new Date(Date.now() - (setup.referredDaysAgo ?? 60) * DAY) },
    });
    return c.id;
  }
  const touch = (caseId: string, daysAgo: number) => db().case.update({ where: { id: caseId }, data: { updatedAt: new Date(Date.now() - daysAgo * DAY) } });

  it("orders overdue deadlines, then contacts due, then conferences soon, then the rest; closed last", async () => {
    // The rest: the person harmed was offered information, and wants no routine contact. Changed most recently.
    const rest = await myCase("ATT-REST", { updatedDaysAgo: 0 });
    await make().participant({ caseId: rest, role: "PERSON_HARMED", name: "Rita Rest", contactFrequency: "NONE", infoOfferedAt: new Date(), infoOfferedById: me.id });
    // A conference in three days.
    const soon = await myCase("ATT-CONF", { updatedDaysAgo: 1 });
    await make().participant({ caseId: soon, role: "PERSON_HARMED", name: "Cora Conference", contactFrequency: "NONE", infoOfferedAt: new Date(), infoOfferedById: me.id });
    await make().conference({ caseId: soon, scheduledAt: new Date(Date.now() + 3 * DAY), venue: "Library" });
    // A weekly contact last due four days ago.
    const contact = await myCase("ATT-CONTACT", { updatedDaysAgo: 2 });
    const p = await make().participant({
      caseId: contact,
      role: "PERSON_HARMED",
      name: "Col Contact",
      contactFrequency: "WEEKLY",
      infoOfferedAt: new Date(),
      infoOfferedById: me.id,
    });
    await db().participant.update({ where: { id: p.id }, data: { createdAt: new Date(Date.now() - 11 * DAY) } });
    // The Victims' Code offer overdue: referred a month ago, never offered. Changed longest ago.
    const overdue = await myCase("ATT-VC", { referredDaysAgo: 30, updatedDaysAgo: 3 });
    await make().participant({ caseId: overdue, role: "PERSON_HARMED", name: "Vera Victim", contactFrequency: "NONE" });
    // Closed, changed today: still last.
    const closed = await myCase("ATT-CLOSED", { stage: "CLOSED", updatedDaysAgo: 0 });
    for (const [id, days] of [
      [rest, 0],
      [soon, 1],
      [contact, 2],
      [overdue, 3],
      [closed, 0],
    ] as const)
      await touch(id, days);

    const html = await pageText(await mine.get("/cases"));
    expect(references(html)).toEqual(["ATT-VC", "ATT-CONTACT", "ATT-CONF", "ATT-REST", "ATT-CLOSED"]);
    // Overdue and due soon look different in words and sign, not colour alone.
    expect(item(html, "ATT-VC")).toMatch(
      /class="badge attention overdue"><span aria-hidden="true">⚠<\/span> <strong>Overdue:<\/strong> Victims' Code offer of RJ for 1 person harmed, was due/,
    );
    expect(item(html, "ATT-CONTACT")).toContain("<strong>Overdue:</strong> contact with 1 person");
    expect(item(html, "ATT-CONF")).toContain("<strong>Soon:</strong> conference within a week");
    expect(item(html, "ATT-REST")).not.toContain("badge attention");
    expect(html).toContain("5 cases, what needs attention first");
  });

  it("marks a Victims' Code offer still within its deadline as due soon, not overdue", async () => {
    const fresh = await myCase("ATT-DUE", { referredDaysAgo: 0, stage: "REFERRAL", updatedDaysAgo: 0 });
    const html = await pageText(await mine.get("/cases"));
    expect(item(html, "ATT-DUE")).toMatch(/class="badge attention due"><span aria-hidden="true">◷<\/span> <strong>Due soon:<\/strong> Victims' Code offer of RJ by/);
    expect(item(html, "ATT-DUE")).not.toContain("Overdue");
    expect(fresh).toBeTruthy();
  });

  describe("search", () => {
    const search = async (client: TestClient, q: string) => references(await pageText(await client.get(`/cases?q=${encodeURIComponent(q)}`)));
    let lead: TestClient;
    let other: TestClient;
    let supervisor: TestClient;
    let manager: TestClient;

    beforeAll(async () => {
      const signIn = (who: string) => new TestClient(server().origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
      [lead, other, supervisor, manager] = await Promise.all([signIn("lead"), signIn("other"), signIn("supervisor"), signIn("manager")]);
    });

    it("finds a case by a participant's name or preferred name, and says who matched", async () => {
      expect(await search(lead, "Jessica")).toEqual(["RJ-2026-0142"]);
      expect(await search(lead, "jess")).toEqual(["RJ-2026-0142"]);
      // Daniel's preferred name is Dan.
      expect(await search(lead, "Dan")).toEqual(["RJ-2026-0142"]);
      expect(await search(supervisor, "Barnes")).toEqual(["RJ-2026-0142"]);
      const html = await pageText(await lead.get("/cases?q=Jess"));
      expect(html).toContain("Name match: Jessica Barnes (Jess)");
      // Reference and title still work.
      expect(await search(lead, "0150")).toEqual(["RJ-2026-0150"]);
      expect(await search(lead, "bus stop")).toEqual(["RJ-2026-0142"]);
    });

    it("never returns a case the searcher may not see: another team's case, by name, reference or title", async () => {
      const theirs = await make().case({
        serviceId: me.serviceId,
        reference: "OTHER-TEAM-1",
        title: "Quarrel at the quayside",
        offenceSummary: "Another team's case.",
        members: [{ userId: (await db().user.findUniqueOrThrow({ where: { email: "other@demo.circle" } })).id, role: "LEAD" }],
      });
      await make().participant({ caseId: theirs.id, role: "PERSON_HARMED", name: "Quentin Quayle", preferredName: "Quin" });
      expect(await search(other, "Quayle")).toEqual(["OTHER-TEAM-1"]);
      for (const q of ["Quayle", "Quin", "OTHER-TEAM", "quayside"]) {
        expect(await search(lead, q), q).toEqual([]);
        expect(await search(mine, q), q).toEqual([]);
      }
      // The other team's facilitator cannot find the bus-stop case by its people either.
      for (const q of ["Jessica", "Barnes", "Dan", "RJ-2026-0142", "bus stop"]) expect(await search(other, q), q).toEqual([]);
      // The manager reads no case's people: their own list finds nothing by a name.
      expect(await search(manager, "Jessica")).toEqual([]);
    });

    it("does not find someone removed from the case", async () => {
      const id = await myCase("ATT-REMOVED", { updatedDaysAgo: 0 });
      await make().participant({ caseId: id, role: "SUPPORTER", name: "Rowan Removed" });
      expect(await search(mine, "Rowan")).toEqual(["ATT-REMOVED"]);
      await db().participant.updateMany({ where: { caseId: id }, data: { removedAt: new Date() } });
      expect(await search(mine, "Rowan")).toEqual([]);
    });

    it("records the search without what was searched for", async () => {
      await lead.get("/cases?q=Jessica");
      const row = await db().auditEvent.findFirstOrThrow({ where: { action: "case.list", actor: { email: "lead@demo.circle" } }, orderBy: { createdAt: "desc" } });
      expect(JSON.parse(row.details)).toEqual({ count: 1, searched: true });
      expect(row.details).not.toContain("Jessica");
    });
  });
});
