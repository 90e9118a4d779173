import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const PASSWORD = "a-strong-test-password";
const BUS_STOP = "RJ-2026-0142";

const pageText = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@demo.circle`;
const userByEmail = (email: string) =>
  getDb().user.findUnique({ where: { email }, select: { id: true, disabled: true, role: true, serviceId: true, password: { select: { hash: true } } } });

async function newFacilitator(serviceId?: string) {
  const service = serviceId ?? (await getDb().service.findFirstOrThrow({ select: { id: true } })).id;
  return factories(getDb()).user({ serviceId: service, email: uniqueEmail("staff"), name: "Admin Target", role: "FACILITATOR", password: PASSWORD });
}

describe("service manager: users and case teams", () => {
  const server = useDemoServer();
  const client = () => new TestClient(server().origin);
  let admin: TestClient;

  beforeAll(async () => {
    admin = await client().signIn("manager@demo.circle", DEMO_PASSWORD);
  });

  describe("creating users", () => {
    it("creates a user who can then sign in, and audits it", async () => {
      const email = uniqueEmail("new");
      const res = await admin.post("/admin/users", { intent: "create", email, name: "New Facilitator", role: "FACILITATOR", password: PASSWORD });
      expect(res.status).toBe(200);
      expect(await pageText(res)).toContain(`Created ${email}.`);
      const created = await userByEmail(email);
      expect(created).toMatchObject({ role: "FACILITATOR", disabled: false });
      expect(created!.password!.hash).not.toContain(PASSWORD);
      expect(await getDb().auditEvent.count({ where: { action: "user.create", target: `user:${created!.id}` } })).toBe(1);
      await client().signIn(email, PASSWORD);
      expect(await pageText(await admin.get("/admin/users"))).toContain(email);
    });

    it.each([
      ["a short password", { password: "too-short" }, "password", "Use at least 12 characters"],
      ["a bad email", { email: "not-an-email" }, "email", "Enter a valid email address"],
      ["no name", { name: "   " }, "name", "Enter a name"],
      ["an unknown role", { role: "OWNER" }, "role", "Choose a role"],
    ])("answers %s with 400 and the field's message, creating nothing", async (_label, override, _field, message) => {
      const before = await getDb().user.count();
      const fields = { intent: "create", email: uniqueEmail("invalid"), name: "Someone", role: "FACILITATOR", password: PASSWORD, ...override };
      const res = await admin.post("/admin/users", fields);
      expect(res.status).toBe(400);
      expect(await pageText(res)).toContain(message);
      expect(await getDb().user.count()).toBe(before);
    });

    it("refuses a duplicate email, whatever its case, with 400", async () => {
      const before = await getDb().user.count();
      const res = await admin.post("/admin/users", { intent: "create", email: "LEAD@demo.circle", name: "Second Lead", role: "FACILITATOR", password: PASSWORD });
      expect(res.status).toBe(400);
      expect(await pageText(res)).toContain("A user with that email already exists");
      expect(await getDb().user.count()).toBe(before);
    });

    it("creates exactly one user when the same form is submitted twice at once", async () => {
      const email = uniqueEmail("double");
      const fields = { intent: "create", email, name: "Double Click", role: "FACILITATOR", password: PASSWORD };
      const answers = await Promise.all([admin.post("/admin/users", fields), admin.post("/admin/users", fields)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      expect(await getDb().user.count({ where: { email } })).toBe(1);
    });

    it("answers an unknown intent with 400", async () => {
      const res = await admin.post("/admin/users", { intent: "promote", userId: "cmbx3k9qv0000abcdefghijkl" });
      expect(res.status).toBe(400);
    });
  });

  describe("disabling, enabling and resetting", () => {
    it("disables a user (who then cannot sign in) and enables them again", async () => {
      const user = await newFacilitator();
      const res = await admin.post("/admin/users", { intent: "disable", userId: user.id });
      expect(res.status).toBe(200);
      expect(await pageText(res)).toContain(`Disabled ${user.email}`);
      expect((await userByEmail(user.email))!.disabled).toBe(true);
      expect((await client().post("/login", { email: user.email, password: PASSWORD })).status).toBe(403);

      expect((await admin.post("/admin/users", { intent: "enable", userId: user.id })).status).toBe(200);
      expect((await userByEmail(user.email))!.disabled).toBe(false);
      await client().signIn(user.email, PASSWORD);
      const actions = await getDb().auditEvent.findMany({ where: { target: `user:${user.id}`, action: { startsWith: "user." } }, select: { action: true } });
      expect(actions.map((a) => a.action)).toEqual(["user.disable", "user.enable"]);
    });

    it("will not let the manager disable their own account", async () => {
      const me = (await userByEmail("manager@demo.circle"))!;
      const res = await admin.post("/admin/users", { intent: "disable", userId: me.id });
      expect(res.status).toBe(400);
      expect(await pageText(res)).toContain("You cannot disable your own account.");
      expect((await userByEmail("manager@demo.circle"))!.disabled).toBe(false);
      expect((await admin.get("/admin/users")).status).toBe(200);
    });

    it("resets a password: at least 12 characters, the old one stops working, and the account's sign-in waits are cleared", async () => {
      const user = await newFacilitator();
      const hashBefore = (await userByEmail(user.email))!.password!.hash;
      const short = await admin.post("/admin/users", { intent: "reset-password", userId: user.id, password: "elevenchars" });
      expect(short.status).toBe(400);
      expect(await pageText(short)).toContain("Use at least 12 characters");
      expect((await userByEmail(user.email))!.password!.hash).toBe(hashBefore);

      // Wrong guesses until the account's budget makes the next attempt wait.
      const guesser = client();
      for (let i = 0; i < 4; i++) expect((await guesser.post("/login", { email: user.email, password: `guess-${i}` })).status).toBe(400);
      expect((await guesser.post("/login", { email: user.email, password: PASSWORD })).status).toBe(429);

      const res = await admin.post("/admin/users", { intent: "reset-password", userId: user.id, password: "twelve chars" });
      expect(res.status).toBe(200);
      expect(await pageText(res)).toContain(`Password reset for ${user.email}`);
      expect((await client().post("/login", { email: user.email, password: PASSWORD })).status).toBe(400);
      await client().signIn(user.email, "twelve chars");
    });

    it("answers 404 for a user id that does not exist", async () => {
      const res = await admin.post("/admin/users", { intent: "disable", userId: "cmbx3k9qv0000abcdefghijkl" });
      expect(res.status).toBe(404);
    });
  });

  describe("case teams", () => {
    let busStopId = "";
    beforeAll(async () => {
      busStopId = await caseIdByReference(BUS_STOP);
    });

    it("adds a facilitator to a case, who then sees it; removing them takes it away (404)", async () => {
      const otherId = (await userByEmail("other@demo.circle"))!.id;
      const other = await client().signIn("other@demo.circle", DEMO_PASSWORD);
      expect((await other.get(`/cases/${busStopId}`)).status).toBe(404);

      const assign = await admin.post("/admin/cases", { intent: "assign", caseId: busStopId, userId: otherId, role: "CO_FACILITATOR" });
      expect(assign.status).toBe(200);
      expect(await pageText(assign)).toContain(`other@demo.circle is now co-facilitator on ${BUS_STOP}`);
      expect(await pageText(await other.get("/cases"))).toContain(BUS_STOP);
      const overview = await other.get(`/cases/${busStopId}`);
      expect(overview.status).toBe(200);
      expect(await pageText(overview)).toContain("You are co-facilitator");

      const remove = await admin.post("/admin/cases", { intent: "remove", caseId: busStopId, userId: otherId });
      expect(remove.status).toBe(200);
      expect((await other.get(`/cases/${busStopId}`)).status).toBe(404);
      expect(await pageText(await other.get("/cases"))).not.toContain(BUS_STOP);
      const trail = await getDb().auditEvent.findMany({ where: { caseId: busStopId, target: `user:${otherId}` }, orderBy: { createdAt: "asc" }, select: { action: true } });
      expect(trail.map((t) => t.action)).toEqual(["case.member.assign", "case.member.remove"]);
    });

    it("changes a member's case role when assigned again, rather than adding them twice", async () => {
      const user = await newFacilitator();
      await admin.post("/admin/cases", { intent: "assign", caseId: busStopId, userId: user.id, role: "CO_FACILITATOR" });
      await admin.post("/admin/cases", { intent: "assign", caseId: busStopId, userId: user.id, role: "SUPERVISOR" });
      const rows = await getDb().caseMember.findMany({ where: { caseId: busStopId, userId: user.id }, select: { role: true } });
      expect(rows).toEqual([{ role: "SUPERVISOR" }]);
    });

    it("says so when removing someone who is not on the case", async () => {
      const user = await newFacilitator();
      const res = await admin.post("/admin/cases", { intent: "remove", caseId: busStopId, userId: user.id });
      expect(res.status).toBe(400);
    });

    it("does not put a service manager on a case team", async () => {
      const me = (await userByEmail("manager@demo.circle"))!;
      const res = await admin.post("/admin/cases", { intent: "assign", caseId: busStopId, userId: me.id, role: "LEAD" });
      expect(res.status).toBe(400);
      expect(await getDb().caseMember.count({ where: { userId: me.id } })).toBe(0);
      expect((await admin.get(`/cases/${busStopId}`)).status).toBe(404);
    });

    it("rejects a malformed case team form with 400 and changes nothing", async () => {
      const before = await getDb().caseMember.count();
      const res = await admin.post("/admin/cases", { intent: "assign", caseId: BUS_STOP, userId: "nobody", role: "BOSS" });
      expect(res.status).toBe(400);
      expect(await getDb().caseMember.count()).toBe(before);
    });
  });

  describe("another service is out of reach", () => {
    let foreignUser: { id: string; email: string };
    let foreignCaseId = "";

    beforeAll(async () => {
      const make = factories(getDb());
      const elsewhere = await make.service("Neighbouring RJ Service");
      foreignUser = await newFacilitator(elsewhere.id);
      foreignCaseId = (
        await make.case({
          serviceId: elsewhere.id,
          reference: "NB-2026-0007",
          title: "Neighbouring case",
          offenceSummary: "Theirs.",
          members: [{ userId: foreignUser.id, role: "LEAD" }],
        })
      ).id;
    });

    it("does not list their users or cases", async () => {
      expect(await pageText(await admin.get("/admin/users"))).not.toContain(foreignUser.email);
      expect(await pageText(await admin.get("/admin/cases"))).not.toContain("NB-2026-0007");
    });

    it("answers 404 to every action on their user, and nothing changes", async () => {
      const before = await userByEmail(foreignUser.email);
      const forms: Record<string, string>[] = [
        { intent: "disable", userId: foreignUser.id },
        { intent: "enable", userId: foreignUser.id },
        { intent: "reset-password", userId: foreignUser.id, password: "taken-over-account" },
      ];
      for (const fields of forms) {
        expect((await admin.post("/admin/users", fields)).status, fields.intent).toBe(404);
      }
      expect(await userByEmail(foreignUser.email)).toEqual(before);
      expect(await getDb().auditEvent.count({ where: { target: `user:${foreignUser.id}` } })).toBe(0);
      await client().signIn(foreignUser.email, PASSWORD);
    });

    it("answers 404 to team changes that cross services, and nothing changes", async () => {
      const busStopId = await caseIdByReference(BUS_STOP);
      const lead = (await userByEmail("lead@demo.circle"))!;
      const before = await getDb().caseMember.count();
      const attempts: Record<string, string>[] = [
        { intent: "assign", caseId: busStopId, userId: foreignUser.id, role: "LEAD" },
        { intent: "assign", caseId: foreignCaseId, userId: lead.id, role: "LEAD" },
        { intent: "remove", caseId: foreignCaseId, userId: foreignUser.id },
      ];
      for (const fields of attempts) expect((await admin.post("/admin/cases", fields)).status, JSON.stringify(fields)).toBe(404);
      expect(await getDb().caseMember.count()).toBe(before);
      expect(await getDb().caseMember.count({ where: { caseId: foreignCaseId, userId: foreignUser.id } })).toBe(1);
      expect((await admin.get(`/admin/cases/${foreignCaseId}/audit`)).status).toBe(404);
    });
  });

  describe("staff who are not managers", () => {
    it("get 404 for the admin pages and their forms, and nothing changes", async () => {
      const supervisor = await client().signIn("supervisor@demo.circle", DEMO_PASSWORD);
      const lead = (await userByEmail("lead@demo.circle"))!;
      const users = await getDb().user.count();
      expect((await supervisor.get("/admin/users")).status).toBe(404);
      expect((await supervisor.get("/admin/cases")).status).toBe(404);
      expect((await supervisor.post("/admin/users", { intent: "create", email: uniqueEmail("sneaky"), name: "Sneaky", role: "ADMIN", password: PASSWORD })).status).toBe(404);
      expect((await supervisor.post("/admin/users", { intent: "disable", userId: lead.id })).status).toBe(404);
      expect((await supervisor.post("/admin/cases", { intent: "remove", caseId: await caseIdByReference(BUS_STOP), userId: lead.id })).status).toBe(404);
      expect(await getDb().user.count()).toBe(users);
      expect((await userByEmail("lead@demo.circle"))!.disabled).toBe(false);
      expect(await getDb().caseMember.count({ where: { userId: lead.id } })).toBeGreaterThan(0);
    });

    it("are sent to sign in when signed out", async () => {
      const res = await client().get("/admin/users");
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    });
  });
});
