import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepDisposalDue, listDisposalDue } from "~/models/retention.server";
import { DEFAULT_RULES } from "~/models/retention-rules.server";
import { getDb } from "~/utils/db.server";
import type { ClosureReason } from "~/utils/preparation";
import { factories } from "../../prisma/factories";
import { DEMO_PASSWORD, seedDemoIfEmpty } from "../../prisma/seed-demo";
import { createCircleServer, type CircleServer } from "../../server/app";
import { TestClient, waitFor } from "../support/http";

/**
 * The retention rules and the retention job against the real server and its SQLite file, with the
 * job's clock in the test's hands: a case is found due once its disposal day has come and never
 * before, once per closure however often (or however concurrently) the job runs, and leaves the
 * list when it is reopened or a rule no longer makes it due. The page and its form are the
 * service manager's alone, and a form the rules refuse changes nothing.
 */

const DAY = 24 * 3600 * 1000;
/** The page's form as its fetcher posts it: the answer is the action's JSON. */
const FORM = "/admin/retention?_data=routes%2Fadmin.retention";
let clock = new Date("2030-01-01T12:00:00Z");
let server: CircleServer;
let origin: string;
let serviceId: string;
let admin: TestClient;

beforeAll(async () => {
  server = await createCircleServer({ retention: { now: () => clock, intervalMs: 3_600_000 } });
  const port = await server.listen(0, "127.0.0.1");
  origin = `http://127.0.0.1:${port}`;
  await seedDemoIfEmpty(getDb());
  serviceId = (await getDb().service.findFirstOrThrow({ select: { id: true } })).id;
  admin = await new TestClient(origin).signIn("manager@demo.circle", DEMO_PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

/** A case of the demo service closed at `closedAt` (its CLOSED stage event), optionally a youth case with a person responsible born on `born`. */
async function closedCase(reference: string, closedAt: string, opts: { youth?: boolean; outcome?: ClosureReason; born?: string } = {}) {
  const make = factories(getDb());
  const c = await make.case({
    serviceId,
    reference,
    title: `Closed case ${reference}`,
    offenceSummary: "A closed case for the retention tests.",
    stage: "FOLLOW_UP",
    startedAt: new Date(Date.parse(closedAt) - 60 * DAY),
    referral: { youth: opts.youth ?? false },
  });
  if (opts.born) await make.participant({ caseId: c.id, role: "PERSON_RESPONSIBLE", name: "Sam Young", dateOfBirth: opts.born });
  await getDb().caseStageEvent.create({ data: { caseId: c.id, stage: "CLOSED", createdAt: new Date(closedAt) } });
  await getDb().case.update({ where: { id: c.id }, data: { stage: "CLOSED", closureReason: opts.outcome ?? "COMPLETED" } });
  return c.id;
}

const dueList = () => listDisposalDue(getDb(), serviceId);
const dueRefs = async () => (await dueList()).map((d) => d.reference);
const rowsFor = (caseId: string) => getDb().disposalDue.count({ where: { caseId } });
const foundEntries = (caseId: string) => getDb().auditEvent.count({ where: { caseId, action: "retention.due.found" } });

describe("the cases the job finds are the ones the manager reviews for disposal", () => {
  it("a due case is listed first on the disposals page with its rule; once disposed of, it leaves the due list and is never found again", async () => {
    const caseId = await closedCase("RET-DISPOSE", "2019-03-01T10:00:00Z");
    await server.retention.runNow();
    type Row = { id: string; reference: string; due: { dueOn: string; ruleReason: string } | null };
    const page = async () => (await (await admin.get("/admin/disposals?_data=routes%2Fadmin.disposals")).json()) as { closed: Row[] };
    const rows = (await page()).closed;
    const row = rows.find((r) => r.id === caseId);
    expect(row?.due).toMatchObject({ dueOn: "2025-03-01", ruleReason: DEFAULT_RULES[0].reason });
    // Due cases come before the ones that are not, earliest first.
    const firstNotDue = rows.findIndex((r) => !r.due);
    expect(rows.slice(0, firstNotDue === -1 ? rows.length : firstNotDue).every((r) => r.due)).toBe(true);
    expect(rows.slice(firstNotDue === -1 ? rows.length : firstNotDue).every((r) => !r.due)).toBe(true);

    const disposed = await admin.post("/admin/disposals?_data=routes%2Fadmin.disposals", {
      intent: "dispose",
      caseId,
      ruleId: DEFAULT_RULES[0].reason.slice(0, 100),
      reason: "Its retention period ended on 1 March 2025.",
      confirmReference: "RET-DISPOSE",
    });
    expect(disposed.status).toBe(200);
    expect(await dueList()).not.toContainEqual(expect.objectContaining({ caseId }));
    expect((await page()).closed.map((r) => r.id)).not.toContain(caseId);
    await server.retention.runNow();
    expect(await rowsFor(caseId)).toBe(1);
    expect(await foundEntries(caseId)).toBe(1);
    expect(await dueList()).not.toContainEqual(expect.objectContaining({ caseId }));
  }, 60_000);
});

describe("the retention job finds closed cases that reached their disposal date", () => {
  let passed: string;
  let notYet: string;
  let youth: string;

  beforeAll(async () => {
    passed = await closedCase("RET-PASSED", "2020-06-01T10:00:00Z");
    notYet = await closedCase("RET-NOT-YET", "2026-06-01T10:00:00Z");
    youth = await closedCase("RET-YOUTH", "2021-01-01T10:00:00Z", { youth: true, born: "2010-03-01" });
  });

  it("lists a case 6 years past its closure, with its closure date, due date and the rule's reason, and not one still within its 6 years", async () => {
    await server.retention.runNow();
    const list = await dueList();
    const found = list.find((d) => d.caseId === passed);
    expect(found).toMatchObject({ reference: "RET-PASSED", closedAt: "2020-06-01T10:00:00.000Z", dueOn: "2026-06-01", ruleReason: DEFAULT_RULES[0].reason, dobUnknown: false });
    expect(list.map((d) => d.caseId)).not.toContain(notYet);
    // A young person responsible born in 2010 is 25 in 2035: later than 6 years after closure.
    expect(list.map((d) => d.caseId)).not.toContain(youth);
    // The demo's case closed in 2019 is due as well; open cases never are.
    expect(list.map((d) => d.reference).sort()).toEqual(["RET-PASSED", "RJ-2019-0031"]);
    expect(await foundEntries(passed)).toBe(1);
  });

  it("records each closure once, however often and however many runs at once", async () => {
    await server.retention.runNow();
    await Promise.all([server.retention.runNow(), sweepDisposalDue(getDb(), clock), sweepDisposalDue(getDb(), clock)]);
    expect(await rowsFor(passed)).toBe(1);
    expect(await foundEntries(passed)).toBe(1);
    expect((await dueRefs()).filter((r) => r === "RET-PASSED")).toHaveLength(1);
  });

  it("a youth case is found on the day its youngest person responsible turns 25, not the day before", async () => {
    clock = new Date("2035-02-28T23:00:00Z");
    await server.retention.runNow();
    expect(await dueRefs()).not.toContain("RET-YOUTH");
    clock = new Date("2035-03-01T00:00:00Z");
    await server.retention.runNow();
    expect((await dueList()).find((d) => d.caseId === youth)).toMatchObject({ dueOn: "2035-03-01", ruleReason: DEFAULT_RULES[1].reason });
    clock = new Date("2030-01-01T12:00:00Z");
  });

  it("a case reopened after it was found drops out at once, and its next closure starts the clock again", async () => {
    const reopened = await admin.post(`/cases/${passed}/record`, { intent: "reopen", reason: "The person harmed asked for a further meeting" });
    expect(reopened.status).toBe(200);
    // Gone from the list before the job runs again, and marked reopened when it does.
    expect(await dueRefs()).not.toContain("RET-PASSED");
    await server.retention.runNow();
    expect(await getDb().disposalDue.findFirst({ where: { caseId: passed }, select: { reopenedAt: true } })).toMatchObject({ reopenedAt: clock });
    expect(await dueRefs()).not.toContain("RET-PASSED");

    // Closed again today: 6 years from today, not from 2020, so not due in 2030.
    // Completed at a conference, which the closure checks was held.
    await factories(getDb()).conference({ caseId: passed, scheduledAt: new Date("2029-12-01T10:00:00Z"), venue: "Hall", status: "HELD" });
    const closed = await admin.post(`/cases/${passed}/record`, { intent: "close", closureReason: "COMPLETED", completedBy: "CONFERENCE", closureNote: "" });
    expect(closed.status).toBe(200);
    await server.retention.runNow();
    expect(await dueRefs()).not.toContain("RET-PASSED");
  });

  it("a rule lengthened by the manager takes a case off the list, and shortened puts it back", async () => {
    const later = await closedCase("RET-RULE", "2022-06-01T10:00:00Z", { outcome: "DECLINED_BY_HARMED" });
    await server.retention.runNow();
    expect(await dueRefs()).toContain("RET-RULE");
    const res = await admin.post(FORM, {
      intent: "add",
      caseType: "ADULT",
      outcome: "DECLINED_BY_HARMED",
      basis: "AFTER_CLOSURE",
      years: "10",
      months: "",
      untilAge: "",
      reason: "Service policy 4.2: declined cases may be re-referred",
    });
    expect(await res.json()).toMatchObject({ ok: true });
    // The action asks the job to run again at once.
    await waitFor(async () => !(await dueRefs()).includes("RET-RULE"), 10_000, "the lengthened rule to take the case off the list");
    expect(await rowsFor(later)).toBe(0);
    const rule = await getDb().retentionRule.findFirstOrThrow({ where: { serviceId, outcome: "DECLINED_BY_HARMED", inForce: { not: null } }, select: { id: true } });
    await admin.post(FORM, { intent: "remove", ruleId: rule.id });
    await waitFor(
      async () => (await dueList()).find((d) => d.caseId === later)?.ruleReason === DEFAULT_RULES[0].reason,
      10_000,
      "the case to be due again under the rule for any outcome",
    );
  });
});

describe("the retention page", () => {
  it("shows the manager the cases due for review with their due dates, and the rules in force", async () => {
    await server.retention.runNow();
    const res = await admin.get("/admin/retention");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`Cases due for review: <!-- -->${(await dueList()).length}`);
    expect(html).toContain("RJ-2019-0031");
    expect(html).toContain("2 March 2025");
    expect(html).toContain("6 years after closure");
    expect(html).toContain("until the youngest person harmed or responsible is 25, or 6 years after closure if that is later");
  });

  it("refuses the facilitators, the supervisor and the letter author, on the page and the form, and changes nothing", async () => {
    const before = await getDb().retentionRule.count();
    for (const login of ["lead@demo.circle", "co@demo.circle", "other@demo.circle", "supervisor@demo.circle", "daniel"]) {
      const client = await new TestClient(origin).signIn(login, DEMO_PASSWORD);
      expect((await client.get("/admin/retention")).status, login).toBe(404);
      const post = await client.post(FORM, {
        intent: "add",
        caseType: "YOUTH",
        outcome: "WITHDRAWN",
        basis: "AFTER_CLOSURE",
        years: "1",
        reason: "Not theirs to set",
      });
      expect(post.status, login).toBe(404);
      const html = await (await client.get("/cases")).text();
      expect(html, login).not.toContain('href="/admin/retention"');
    }
    expect(await getDb().retentionRule.count()).toBe(before);
  });

  it("answers bad input with a message beside the field, and changes nothing", async () => {
    const before = await getDb().retentionRule.findMany({ orderBy: { id: "asc" } });
    const youthRule = before.find((r) => r.caseType === "YOUTH" && r.outcome === null && r.inForce)!;
    const adultRule = before.find((r) => r.caseType === "ADULT" && r.outcome === null && r.inForce)!;
    const cases: [Record<string, string>, number, string, RegExp][] = [
      [{ intent: "add", caseType: "ADULT", outcome: "WITHDRAWN", basis: "AFTER_CLOSURE", years: "2", reason: "  " }, 400, "reason", /Give the reason/],
      [{ intent: "add", caseType: "ADULT", outcome: "WITHDRAWN", basis: "AFTER_CLOSURE", years: "0", months: "0", reason: "Policy" }, 400, "years", /more than 0/],
      [{ intent: "add", caseType: "ADULT", outcome: "WITHDRAWN", basis: "AFTER_CLOSURE", years: "-3", reason: "Policy" }, 400, "years", /at least 0/],
      [{ intent: "add", caseType: "ADULT", outcome: "WITHDRAWN", basis: "AFTER_CLOSURE", years: "2.5", reason: "Policy" }, 400, "years", /whole number/],
      [{ intent: "change", ruleId: youthRule.id, basis: "LATER_OF", years: "6", untilAge: "", reason: "Policy" }, 400, "untilAge", /Enter the age/],
      [{ intent: "change", ruleId: youthRule.id, basis: "UNTIL_AGE", untilAge: "0", reason: "Policy" }, 400, "untilAge", /at least 1/],
      [{ intent: "add", caseType: "CHILD", outcome: "ANY", basis: "AFTER_CLOSURE", years: "1", reason: "Policy" }, 400, "caseType", /adult or youth/],
      // A rule for the same type and outcome is in force already.
      [
        { intent: "add", caseType: "ADULT", outcome: "ANY", basis: "AFTER_CLOSURE", years: "7", reason: "Policy" },
        409,
        "outcome",
        /already a rule for adult cases with any outcome/,
      ],
      // The fallback rule of a type can be changed, never removed.
      [{ intent: "remove", ruleId: adultRule.id }, 409, "form", /change the rule for adult cases with any outcome instead/],
    ];
    for (const [fields, status, field, message] of cases) {
      const res = await admin.post(FORM, fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      const body = (await res.json()) as { errors: Record<string, string> };
      expect(body.errors[field], JSON.stringify(fields)).toMatch(message);
    }
    expect(await getDb().retentionRule.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("changing the youth rule keeps the old version in the history, says who changed it, and is audited", async () => {
    const old = await getDb().retentionRule.findFirstOrThrow({ where: { serviceId, caseType: "YOUTH", outcome: null, inForce: { not: null } } });
    const res = await admin.post(FORM, {
      intent: "change",
      ruleId: old.id,
      basis: "LATER_OF",
      years: "7",
      months: "",
      untilAge: "21",
      reason: "Service policy 4.2; ICO guidance",
    });
    expect(await res.json()).toMatchObject({ ok: true, done: expect.stringContaining("until the youngest person harmed or responsible is 21, or 7 years after closure") });
    const now = await getDb().retentionRule.findFirstOrThrow({ where: { serviceId, caseType: "YOUTH", outcome: null, inForce: { not: null } }, include: { createdBy: true } });
    expect(now).toMatchObject({ years: 7, untilAge: 21, reason: "Service policy 4.2; ICO guidance", replacesId: old.id, createdBy: { email: "manager@demo.circle" } });
    expect(await getDb().retentionRule.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ inForce: null, retiredAt: expect.any(Date), untilAge: 25, years: 6 });
    const entry = await getDb().auditEvent.findFirstOrThrow({ where: { action: "retention.rule.change", target: `retention-rule:${now.id}` }, include: { actor: true } });
    expect(entry.actor?.email).toBe("manager@demo.circle");
    const html = await (await admin.get("/admin/retention")).text();
    expect(html).toContain("Service policy 4.2; ICO guidance");
    expect(html).toContain("Changed");
    expect(html).toContain("Circle (default)");
  });

  it("a rule's history cannot be rewritten or deleted, even behind the app's back", async () => {
    const rule = await getDb().retentionRule.findFirstOrThrow({ where: { serviceId, inForce: { not: null } } });
    await expect(getDb().$executeRawUnsafe(`UPDATE "RetentionRule" SET "reason" = 'rewritten' WHERE "id" = ?`, rule.id)).rejects.toThrow(/append-only/);
    await expect(getDb().$executeRawUnsafe(`DELETE FROM "RetentionRule" WHERE "id" = ?`, rule.id)).rejects.toThrow(/append-only/);
  });
});
