import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS_REFUSALS, REFUSALS_PER_SOURCE } from "~/utils/audit.server";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { COLLAB_LIMITS } from "../../server/collab/limits";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { connectSocket, openCollab } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * Refusals in the audit trail: a signed-in person's request for a case, letter or conference they
 * may not see (404), the letter author's refused actions, refused collab upgrades, posts and
 * handshakes from another origin, and refused Socket.IO requests. Each is recorded once per
 * person (or address), target and 10 minutes, at most REFUSALS_PER_SOURCE a person, and the
 * answer the person gets is exactly what it was.
 */

const UNKNOWN_CUID = "cmbx3k9qv0000abcdefghijkl";
const db = () => getDb();
/** The page as a person sees it: without React's comment markers, and without the CSP nonce, which is new for every response. */
const pageText = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "").replace(/nonce="[^"]*"/g, 'nonce=""');

type Entry = { actorId: string | null; action: string; target: string; caseId: string | null; ip: string | null; details: Record<string, unknown> };

describe("refusals are recorded", () => {
  const server = useDemoServer();
  const as = (login: string) => new TestClient(server().origin).signIn(login, DEMO_PASSWORD);
  let busStop = "";
  let letterId = "";
  const ids = {} as Record<"lead" | "other" | "manager" | "author", string>;

  beforeAll(async () => {
    busStop = await caseIdByReference("RJ-2026-0142");
    const letter = await db().letter.findFirstOrThrow({ where: { caseId: busStop, author: { username: "daniel" } }, select: { id: true, authorId: true } });
    letterId = letter.id;
    ids.author = letter.authorId!;
    for (const who of ["lead", "other", "manager"] as const) ids[who] = (await db().user.findUniqueOrThrow({ where: { email: `${who}@demo.circle` }, select: { id: true } })).id;
  });

  const entries = async (where: { actorId?: string | null; action: string; target?: string }): Promise<Entry[]> =>
    (await db().auditEvent.findMany({ where, orderBy: { createdAt: "asc" }, select: { actorId: true, action: true, target: true, caseId: true, ip: true, details: true } })).map(
      (e) => ({
        ...e,
        details: JSON.parse(e.details) as Record<string, unknown>,
      }),
    );
  /** Recording happens once the answer has gone: wait for the entries to appear. */
  const entriesSoon = async (where: Parameters<typeof entries>[0], count: number) => {
    await waitFor(async () => (await entries(where)).length >= count, 5_000, `${count} ${where.action} entries`);
    return entries(where);
  };

  /** A facilitator of their own, so limits and collapsing in one test do not reach another. */
  async function newFacilitator() {
    const serviceId = (await db().user.findUniqueOrThrow({ where: { id: ids.lead }, select: { serviceId: true } })).serviceId;
    const email = `refused-${randomUUID().slice(0, 8)}@demo.circle`;
    const user = await factories(db()).user({ serviceId, email, name: "Refused Person", role: "FACILITATOR", password: DEMO_PASSWORD });
    return { id: user.id, client: await as(email) };
  }

  describe("a signed-in person's request for case data they may not see", () => {
    it("records the path and the case, answers exactly as for a case that does not exist, and collapses repeats", async () => {
      const { id, client } = await newFacilitator();
      const forbidden = await client.get(`/cases/${busStop}`);
      const missing = await client.get(`/cases/${UNKNOWN_CUID}`);
      expect(forbidden.status).toBe(404);
      expect(missing.status).toBe(404);
      const [forbiddenHtml, missingHtml] = [await pageText(forbidden), await pageText(missing)];
      expect(forbiddenHtml).not.toContain("RJ-2026-0142");
      expect(forbiddenHtml.replaceAll(busStop, "ID")).toBe(missingHtml.replaceAll(UNKNOWN_CUID, "ID"));

      // The same path again (as a page and as a data request) within 10 minutes: no new entry.
      expect((await client.get(`/cases/${busStop}`)).status).toBe(404);
      expect((await client.get(`/cases/${busStop}?_data=${encodeURIComponent("routes/cases.$caseId")}`)).status).toBe(404);
      // Deeper case pages, a conference and the letter pages are case data too.
      const conference = await db().conference.findFirstOrThrow({ where: { caseId: busStop }, select: { id: true } });
      expect((await client.get(`/cases/${busStop}/agreement`)).status).toBe(404);
      expect((await client.get(`/conferences/${conference.id}/seating`)).status).toBe(404);
      expect((await client.post(`/cases/${busStop}/letters/${letterId}`, { intent: "comment", body: "Hello" })).status).toBe(404);

      const recorded = await entriesSoon({ actorId: id, action: "request.refused" }, 5);
      const byTarget = Object.fromEntries(recorded.map((e) => [e.target, e]));
      expect(Object.keys(byTarget).sort()).toEqual(
        [`/cases/${busStop}`, `/cases/${UNKNOWN_CUID}`, `/cases/${busStop}/agreement`, `/conferences/${conference.id}/seating`, `/cases/${busStop}/letters/${letterId}`].sort(),
      );
      expect(byTarget[`/cases/${busStop}`]).toEqual({
        actorId: id,
        action: "request.refused",
        target: `/cases/${busStop}`,
        caseId: busStop,
        ip: "127.0.0.1",
        details: { method: "GET", status: 404 },
      });
      // No such case: recorded, tied to no case.
      expect(byTarget[`/cases/${UNKNOWN_CUID}`]!.caseId).toBeNull();
      expect(byTarget[`/conferences/${conference.id}/seating`]!.caseId).toBe(busStop);
      expect(byTarget[`/cases/${busStop}/letters/${letterId}`]!.details).toEqual({ method: "POST", status: 404 });
      expect(recorded).toHaveLength(5);
    });

    it("does not count a mistyped address outside case data, or a page the person may see", async () => {
      const { id, client } = await newFacilitator();
      expect((await client.get("/no-such-page")).status).toBe(404);
      expect((await client.get("/cases")).status).toBe(200);
      // A refusal after them shows the recorder had run for them.
      expect((await client.get("/admin/users")).status).toBe(404);
      const recorded = await entriesSoon({ actorId: id, action: "request.refused" }, 1);
      expect(recorded.map((e) => e.target)).toEqual(["/admin/users"]);
    });

    it("shows the refusal in the case's audit trail, in words", async () => {
      const { client } = await newFacilitator();
      expect((await client.get(`/cases/${busStop}/notes`)).status).toBe(404);
      await entriesSoon({ action: "request.refused", target: `/cases/${busStop}/notes` }, 1);
      const html = await pageText(await (await as("manager@demo.circle")).get(`/admin/cases/${busStop}/audit?action=request.refused`));
      expect(html).toContain("Refused: a page or form they may not use");
      expect(html).toContain(`/cases/${busStop}/notes`);
      expect(html).toContain("Refused Person");
      expect(html).toContain("GET request. Answered 404");
    });

    it("caps one person at REFUSALS_PER_SOURCE entries in 10 minutes, however many paths they try", async () => {
      const { id, client } = await newFacilitator();
      for (let i = 0; i < REFUSALS_PER_SOURCE + 30; i++) {
        const res = await client.get(`/cases/cflood${String(i).padStart(20, "0")}`);
        expect(res.status).toBe(404);
        await res.body?.cancel();
      }
      const recorded = await entriesSoon({ actorId: id, action: "request.refused" }, REFUSALS_PER_SOURCE);
      expect(recorded).toHaveLength(REFUSALS_PER_SOURCE);
      // The answers did not change once the cap was reached.
      expect((await client.get(`/cases/${busStop}`)).status).toBe(404);
    });
  });

  describe("the letter author's refused actions", () => {
    it("records a destroy (or any staff action) the author tried, and nothing is destroyed", async () => {
      const author = await as("daniel");
      const destroy = await author.post(`/cases/${busStop}/letters/${letterId}`, { intent: "destroy" });
      expect(destroy.status).toBe(404);
      expect((await author.get("/cases")).status).toBe(404);
      expect((await author.get(`/cases/${busStop}/letters`)).status).toBe(404);
      const recorded = await entriesSoon({ actorId: ids.author, action: "request.refused" }, 3);
      expect(recorded.map((e) => [e.target, e.caseId, e.details.method])).toEqual(
        expect.arrayContaining([
          [`/cases/${busStop}/letters/${letterId}`, busStop, "POST"],
          ["/cases", null, "GET"],
          [`/cases/${busStop}/letters`, busStop, "GET"],
        ]),
      );
      const letter = await db().letter.findUniqueOrThrow({ where: { id: letterId }, select: { destroyedAt: true, status: true } });
      expect(letter.destroyedAt).toBeNull();
      expect(letter.status).not.toBe("DESTROYED");
      expect(await db().auditEvent.count({ where: { action: "letter.destroy", target: `letter:${letterId}` } })).toBe(0);
    });

    it("records the author's refused Socket.IO connection", async () => {
      const author = await as("daniel");
      const outcome = await connectSocket(server().origin, { cookie: author.cookieHeader });
      expect(outcome).toEqual({ connected: false, message: "unauthorized" });
      const [entry] = await entriesSoon({ actorId: ids.author, action: "socket.refused" }, 1);
      expect(entry).toMatchObject({ target: "socket:connect", caseId: null, details: { reason: "A letter author has no live connection" } });
    });
  });

  describe("collab upgrades", () => {
    it("records a document the person may not open (404), with its case", async () => {
      const other = await as("other@demo.circle");
      const doc = `case:${busStop}:notes`;
      const outcome = await openCollab(server().origin, doc, { cookie: other.cookieHeader });
      expect(outcome).toMatchObject({ opened: false, status: 404 });
      const [entry] = await entriesSoon({ actorId: ids.other, action: "collab.open.refused", target: doc }, 1);
      expect(entry).toEqual({
        actorId: ids.other,
        action: "collab.open.refused",
        target: doc,
        caseId: busStop,
        ip: "127.0.0.1",
        details: { status: 404, reason: "Not theirs to open, or no such document" },
      });
    });

    it("records an upgrade from another website (403) under the session it carried, and none without a session (401)", async () => {
      const lead = await as("lead@demo.circle");
      const doc = `letter:${letterId}`;
      expect(await openCollab(server().origin, doc, { cookie: lead.cookieHeader, originHeader: "http://evil.example" })).toMatchObject({ opened: false, status: 403 });
      const [entry] = await entriesSoon({ actorId: ids.lead, action: "collab.open.refused", target: doc }, 1);
      expect(entry).toMatchObject({ caseId: busStop, details: { status: 403, reason: "Sent from another website" } });
      const before = await db().auditEvent.count({ where: { action: "collab.open.refused", actorId: null } });
      expect(await openCollab(server().origin, doc, {})).toMatchObject({ opened: false, status: 401 });
      // A 403 without a session, recorded under the address, shows the 401 would have been written by now.
      expect(await openCollab(server().origin, `case:${UNKNOWN_CUID}:notes`, { originHeader: "http://evil.example" })).toMatchObject({ opened: false, status: 403 });
      const anonymous = await entriesSoon({ actorId: null, action: "collab.open.refused" }, before + 1);
      expect(anonymous.map((e) => [e.target, e.ip, e.caseId])).toEqual([[`case:${UNKNOWN_CUID}:notes`, "127.0.0.1", null]]);
    });

    it("records one connection too many (429)", async () => {
      const lead = await as("lead@demo.circle");
      const doc = `case:${busStop}:notes`;
      const open = [];
      for (let i = 0; i < COLLAB_LIMITS.connectionsPerUser; i++) {
        const outcome = await openCollab(server().origin, doc, { cookie: lead.cookieHeader });
        expect(outcome.opened).toBe(true);
        open.push(outcome);
      }
      expect(await openCollab(server().origin, doc, { cookie: lead.cookieHeader })).toMatchObject({ opened: false, status: 429 });
      for (const o of open) if (o.opened) o.ws.close();
      const [entry] = await entriesSoon({ actorId: ids.lead, action: "collab.open.refused", target: doc }, 1);
      expect(entry).toMatchObject({ caseId: busStop, details: { status: 429, reason: "Too many connections open at once" } });
    });
  });

  describe("requests from another origin", () => {
    it("records a cross-origin post under the session it carried, with the case it named, and refuses it as before", async () => {
      const lead = await as("lead@demo.circle");
      const contacts = () => db().preparationContact.count({ where: { caseId: busStop } });
      const before = await contacts();
      const res = await lead.request(`/cases/${busStop}/contacts`, { method: "POST", headers: { Origin: "http://evil.example" }, body: new URLSearchParams({ intent: "add" }) });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe("Cross-origin requests are not accepted.");
      const [entry] = await entriesSoon({ actorId: ids.lead, action: "request.origin.refused" }, 1);
      expect(entry).toEqual({
        actorId: ids.lead,
        action: "request.origin.refused",
        target: `/cases/${busStop}/contacts`,
        caseId: busStop,
        ip: "127.0.0.1",
        details: { method: "POST", origin: "http://evil.example" },
      });
      expect(await contacts()).toBe(before);
    });

    it("records a Socket.IO handshake from another origin", async () => {
      const other = await as("other@demo.circle");
      const outcome = await connectSocket(server().origin, { cookie: other.cookieHeader, originHeader: "http://evil.example" });
      expect(outcome.connected).toBe(false);
      const [entry] = await entriesSoon({ actorId: ids.other, action: "request.origin.refused" }, 1);
      expect(entry).toMatchObject({ target: "/socket.io/", details: { origin: "http://evil.example" } });
    });

    it("caps signed-out posts from one address, however many paths they name", async () => {
      const anonymous = new TestClient(server().origin);
      const before = (await entries({ actorId: null, action: "request.origin.refused" })).length;
      for (let i = 0; i < REFUSALS_PER_SOURCE + 20; i++) {
        const res = await anonymous.request(`/flood/${i}`, { method: "POST", headers: { Origin: "http://evil.example" }, body: new URLSearchParams({}) });
        expect(res.status).toBe(403);
        await res.body?.cancel();
      }
      // Everything from this address counts (the anonymous collab refusal above included).
      const fromAddress = () => db().auditEvent.count({ where: { actorId: null, ip: "127.0.0.1", action: { endsWith: ".refused" } } });
      await waitFor(async () => (await fromAddress()) >= REFUSALS_PER_SOURCE, 10_000, "the address's cap");
      expect(await fromAddress()).toBe(REFUSALS_PER_SOURCE);
      expect((await entries({ actorId: null, action: "request.origin.refused" })).length).toBeGreaterThan(before);
      expect(ANONYMOUS_REFUSALS).toBeGreaterThan(REFUSALS_PER_SOURCE);
    });
  });

  describe("Socket.IO requests", () => {
    it("records a case the person may not follow, with its case", async () => {
      const other = await as("other@demo.circle");
      const outcome = await connectSocket(server().origin, { cookie: other.cookieHeader });
      if (!outcome.connected) throw new Error("socket refused");
      const ack = (await (outcome.socket.timeout(5_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck("case:subscribe", {
        caseId: busStop,
      })) as { ok: boolean; error?: string };
      outcome.socket.close();
      expect(ack).toMatchObject({ ok: false, error: "not_found" });
      const [entry] = await entriesSoon({ actorId: ids.other, action: "socket.refused" }, 1);
      expect(entry).toMatchObject({ target: `socket:case:subscribe:${busStop}`, caseId: busStop });
    });
  });
});
