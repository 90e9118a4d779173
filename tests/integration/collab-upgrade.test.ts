import { connect as netConnect } from "node:net";
import WebSocket from "ws";
import { beforeAll, describe, expect, it } from "vitest";
import { CollabClose } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { openCollab, type CollabOutcome } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const KNOWN_CLOSE_CODES: number[] = [1000, 1005, ...Object.values(CollabClose)];

function expectRefused(outcome: CollabOutcome, status: number) {
  if (outcome.opened) {
    outcome.ws.terminate();
    throw new Error(`expected HTTP ${status} before any WebSocket, but the upgrade succeeded`);
  }
  expect(outcome.status).toBe(status);
}

/** Asserts the 101 happened, then ends the connection cleanly (whoever closes first). */
async function expectOpened(outcome: CollabOutcome) {
  expect(outcome.opened).toBe(true);
  if (!outcome.opened) return;
  outcome.ws.close();
  const { code } = await outcome.closed;
  // Never an abnormal close (1006): either we closed it, or the server did with a code the client understands.
  expect(KNOWN_CLOSE_CODES).toContain(code);
}

describe("the collab WebSocket upgrade", () => {
  const server = useDemoServer();
  let notes = "";
  let otherNotes = "";

  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  const open = (doc: string, client?: TestClient, originHeader?: string) => openCollab(server().origin, doc, { cookie: client?.cookieHeader, originHeader });
  const userId = async (email: string) => (await getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const collabOpens = (email: string, target: string) =>
    getDb().auditEvent.findMany({ where: { action: "collab.open", target, actor: { email } }, select: { details: true, caseId: true } });

  beforeAll(async () => {
    notes = `case:${await caseIdByReference("RJ-2026-0142")}:notes`;
    otherNotes = `case:${await caseIdByReference("RJ-2026-0161")}:notes`;
  });

  describe("is refused with a plain HTTP answer before any WebSocket exists", () => {
    it("401 without a session cookie", async () => {
      expectRefused(await open(notes), 401);
    });

    it("401 with a forged session cookie", async () => {
      expectRefused(await openCollab(server().origin, notes, { cookie: `circle_session=${"A".repeat(43)}` }), 401);
    });

    it("403 from another origin, even with a valid session, and before the session is looked at", async () => {
      const lead = await signIn("lead@demo.circle");
      expectRefused(await open(notes, lead, "http://evil.example"), 403);
      expectRefused(await open(notes, undefined, "http://evil.example"), 403);
      expectRefused(await open(notes, lead, "null"), 403);
    });

    it("403 without an Origin header (browsers always send one on upgrades)", async () => {
      const lead = await signIn("lead@demo.circle");
      const outcome = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${server().origin.replace(/^http/, "ws")}/collab/${encodeURIComponent(notes)}`, { headers: { Cookie: lead.cookieHeader } });
        ws.on("error", reject);
        ws.on("open", () => reject(new Error("upgrade succeeded without Origin")));
        ws.on("unexpected-response", (req, res) => {
          req.destroy();
          resolve(res.statusCode ?? 0);
        });
      });
      expect(outcome).toBe(403);
    });

    const caseId = "cdemocaseidlookalike00000";
    it.each([
      ["a non-id case", "case:x:notes"],
      ["an unknown kind", "foo"],
      ["an empty name", ""],
      ["an over-long name", `case:c${"a".repeat(200)}:notes`],
      ["an id one character too long for the name limit", `case:c${"a".repeat(31)}:notes`],
      ["upper case", "CASE:CABCDEFGHIJKLMNOPQRSTU:NOTES"],
      ["a trailing segment", `case:${caseId}:notes:extra`],
      ["a path", `case:${caseId}:notes/../../admin`],
      ["a case that does not exist", `case:${caseId}:notes`],
      ["a seating plan of no conference", `conference:${caseId}:seating`],
      ["an agreement", `agreement:${caseId}`],
      ["a letter", `letter:${caseId}`],
    ])("404 for %s, even to a signed-in facilitator", async (_label, name) => {
      const lead = await signIn("lead@demo.circle");
      expectRefused(await open(name, lead), 404);
    });

    it("404 for malformed percent-encoding in the path", async () => {
      const lead = await signIn("lead@demo.circle");
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${server().origin.replace(/^http/, "ws")}/collab/case%E0%A4%:notes`, {
          headers: { Origin: server().origin, Cookie: lead.cookieHeader },
        });
        ws.on("error", reject);
        ws.on("open", () => reject(new Error("upgraded")));
        ws.on("unexpected-response", (req, res) => {
          req.destroy();
          resolve(res.statusCode ?? 0);
        });
      });
      expect(status).toBe(404);
    });

    it("404 for a facilitator of other cases, the same answer as for a case that does not exist", async () => {
      const other = await signIn("other@demo.circle");
      expectRefused(await open(notes, other), 404);
      expect(await collabOpens("other@demo.circle", notes)).toEqual([]);
      // Their own case's notes open, so the refusal is about this case.
      await expectOpened(await open(otherNotes, other));
    });

    it("404 for the service manager, who is on no case team", async () => {
      expectRefused(await open(notes, await signIn("manager@demo.circle")), 404);
    });
  });

  describe("upgrades a member of the case team", () => {
    it("opens for the lead facilitator with write access, and audits collab.open", async () => {
      await expectOpened(await open(notes, await signIn("lead@demo.circle")));
      const rows = await collabOpens("lead@demo.circle", notes);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => JSON.parse(r.details))).toContainEqual({ access: "write" });
      expect(rows[0]!.caseId).toBe(notes.split(":")[1]);
    });

    it("opens for the case supervisor with read-only access, and audits collab.open", async () => {
      await expectOpened(await open(notes, await signIn("supervisor@demo.circle")));
      const rows = await collabOpens("supervisor@demo.circle", notes);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => JSON.parse(r.details))).toEqual(rows.map(() => ({ access: "read" })));
    });

    it("leaves non-collab upgrade paths to nobody: the socket is dropped", async () => {
      const port = server().port;
      const closedWithoutAnswer = await new Promise<boolean>((resolve) => {
        const sock = netConnect(port, "127.0.0.1", () => {
          sock.write(
            `GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server().origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
          );
        });
        let data = "";
        sock.on("data", (chunk) => (data += chunk.toString()));
        sock.on("close", () => resolve(!data.startsWith("HTTP/1.1 101")));
        sock.on("error", () => undefined);
      });
      expect(closedWithoutAnswer).toBe(true);
    });
  });

  describe("when access ends", () => {
    it("disabling a user closes their open collab connection and refuses the next one", async () => {
      const admin = await signIn("manager@demo.circle");
      const co = await signIn("co@demo.circle");
      const coId = await userId("co@demo.circle");
      const outcome = await open(notes, co);
      expect(outcome.opened).toBe(true);
      if (!outcome.opened) return;
      try {
        expect(outcome.ws.readyState).toBe(WebSocket.OPEN);
        expect((await admin.post("/admin/users", { intent: "disable", userId: coId })).status).toBe(200);
        const { code } = await outcome.closed;
        expect(code).toBe(CollabClose.sessionEnded);
        expectRefused(await open(notes, co), 401);
      } finally {
        outcome.ws.terminate();
        await (await admin.post("/admin/users", { intent: "enable", userId: coId })).body?.cancel();
      }
    });

    it("signing out closes the open connection and refuses the next upgrade with the old cookie", async () => {
      const lead = await signIn("lead@demo.circle");
      const cookie = lead.cookieHeader;
      const outcome = await open(notes, lead);
      expect(outcome.opened).toBe(true);
      if (!outcome.opened) return;
      await (await lead.post("/logout", {})).body?.cancel();
      expect((await outcome.closed).code).toBe(CollabClose.sessionEnded);
      expectRefused(await openCollab(server().origin, notes, { cookie }), 401);
    });

    it("a session that expires without any request (found by the periodic sweep) has its connections closed", async () => {
      const lead = await signIn("lead@demo.circle");
      const co = await signIn("co@demo.circle");
      const leadId = await userId("lead@demo.circle");
      const expiring = await open(notes, lead);
      const staying = await open(notes, co);
      expect(expiring.opened && staying.opened).toBe(true);
      if (!expiring.opened || !staying.opened) return;
      try {
        // Idle for longer than 30 minutes, as if the tablet had been left: no route action is involved.
        await getDb().session.updateMany({ where: { userId: leadId, revokedAt: null }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
        expect((await expiring.closed).code).toBe(CollabClose.sessionEnded);
        expect(staying.ws.readyState).toBe(WebSocket.OPEN);
      } finally {
        expiring.ws.terminate();
        staying.ws.terminate();
      }
    }, 20_000);

    it("removal from the case closes the open connection (4403) and turns the notes into a 404", async () => {
      const admin = await signIn("manager@demo.circle");
      const co = await signIn("co@demo.circle");
      const coId = await userId("co@demo.circle");
      const caseId = notes.split(":")[1]!;
      const outcome = await open(notes, co);
      expect(outcome.opened).toBe(true);
      if (!outcome.opened) return;
      try {
        expect((await admin.post("/admin/cases?index", { intent: "remove", caseId, userId: coId })).status).toBe(200);
        expect((await outcome.closed).code).toBe(CollabClose.accessRemoved);
        expectRefused(await open(notes, co), 404);
      } finally {
        await (await admin.post("/admin/cases?index", { intent: "assign", caseId, userId: coId, role: "CO_FACILITATOR" })).body?.cancel();
      }
      await expectOpened(await open(notes, co));
    });
  });
});
