import type { Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { connectSocket, requireSocket, watchSocketEnd, type CircleClientSocket } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/** Sends any event with any arguments, as a hostile or buggy client could. */
function rawEmit(socket: CircleClientSocket, event: string | number, ...args: unknown[]): Promise<Ack> {
  return (socket as unknown as Socket).timeout(5_000).emitWithAck(event as string, ...args);
}

describe("live case events over Socket.IO", () => {
  const server = useDemoServer();
  const open: CircleClientSocket[] = [];
  let busStop = "";
  let otherCase = "";

  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  const connect = async (client: TestClient) => {
    const socket = await requireSocket(server().origin, client.cookieHeader);
    open.push(socket);
    return socket;
  };
  const userId = async (email: string) => (await getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;

  beforeAll(async () => {
    busStop = await caseIdByReference("RJ-2026-0142");
    otherCase = await caseIdByReference("RJ-2026-0161");
  });

  afterEach(() => {
    open.splice(0).forEach((s) => s.close());
  });

  describe("connecting", () => {
    it.each(["websocket", "polling"] as const)("refuses a visitor without a session (%s)", async (transport) => {
      const outcome = await connectSocket(server().origin, { transport });
      expect(outcome).toEqual({ connected: false, message: "unauthorized" });
    });

    it("refuses a forged session cookie", async () => {
      const outcome = await connectSocket(server().origin, { cookie: `circle_session=${"A".repeat(43)}` });
      expect(outcome).toEqual({ connected: false, message: "unauthorized" });
    });

    it.each(["websocket", "polling"] as const)("refuses a handshake from another origin even with a valid session (%s)", async (transport) => {
      const lead = await signIn("lead@demo.circle");
      const outcome = await connectSocket(server().origin, { cookie: lead.cookieHeader, originHeader: "http://evil.example", transport });
      expect(outcome.connected).toBe(false);
      // The same cookie from the right origin is accepted, so the origin alone made the difference.
      const ok = await connectSocket(server().origin, { cookie: lead.cookieHeader, transport });
      expect(ok.connected).toBe(true);
      if (ok.connected) ok.socket.close();
    });
  });

  describe("subscribing to a case", () => {
    it("lets the lead facilitator subscribe to their case", async () => {
      const socket = await connect(await signIn("lead@demo.circle"));
      expect(await rawEmit(socket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
      const audited = await getDb().auditEvent.count({ where: { action: "case.live.subscribe", caseId: busStop, actor: { email: "lead@demo.circle" } } });
      expect(audited).toBeGreaterThan(0);
    });

    it("answers not_found to a facilitator of other cases, exactly as for a case that does not exist", async () => {
      const socket = await connect(await signIn("other@demo.circle"));
      const forbidden = await rawEmit(socket, "case:subscribe", { caseId: busStop });
      const missing = await rawEmit(socket, "case:subscribe", { caseId: "cnosuchcase00000000000000" });
      expect(forbidden).toMatchObject({ ok: false, error: "not_found" });
      expect(missing).toEqual(forbidden);
      // Their own case works, so the refusal is about the case, not the person.
      expect(await rawEmit(socket, "case:subscribe", { caseId: otherCase })).toEqual({ ok: true });
    });
  });

  describe("malformed input", () => {
    const cases: [string, string | number, unknown[]][] = [
      ["a missing caseId", "case:subscribe", [{}]],
      ["an extra key", "case:subscribe", [{ caseId: "PLACEHOLDER", role: "LEAD" }]],
      ["a number as payload", "case:subscribe", [42]],
      ["a number as caseId", "case:subscribe", [{ caseId: 42 }]],
      ["a string as payload", "case:subscribe", ["PLACEHOLDER"]],
      ["no payload at all", "case:subscribe", []],
      ["null", "case:unsubscribe", [null]],
      ["an array", "case:subscribe", [["PLACEHOLDER"]]],
      ["a caseId that is not a case id", "case:subscribe", [{ caseId: "../../etc/passwd" }]],
      ["a prototype-polluting payload", "case:subscribe", [JSON.parse('{"__proto__": {"ok": true}, "caseId": "PLACEHOLDER"}')]],
      ["an unknown event", "case:delete", [{ caseId: "PLACEHOLDER" }]],
      ["an inherited property as event", "toString", [{}]],
      ["a numeric event name", 42, [{ caseId: "PLACEHOLDER" }]],
    ];

    it.each(cases)("answers invalid to %s and keeps serving", async (_label, event, args) => {
      const socket = await connect(await signIn("lead@demo.circle"));
      const filled = JSON.parse(JSON.stringify(args).replaceAll("PLACEHOLDER", busStop)) as unknown[];
      const ack = await rawEmit(socket, event, ...filled);
      expect(ack).toMatchObject({ ok: false, error: "invalid" });
      expect(typeof (ack as { message: unknown }).message).toBe("string");
      // The same connection still works, and so does the server.
      expect(socket.connected).toBe(true);
      expect(await rawEmit(socket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
      expect((await fetch(`${server().origin}/healthz`)).status).toBe(200);
    });

    it("unsubscribing leaves only this connection's case room: its live conference and the person's other tablet still hear", async () => {
      // A tab's one socket carries every hook's rooms: the agreement banner's case and the live screen's conference.
      const lead = await signIn("lead@demo.circle");
      const tab = await connect(lead);
      const otherTablet = await connect(await signIn("lead@demo.circle"));
      const conferenceId = (await getDb().conference.findFirstOrThrow({ where: { caseId: busStop }, select: { id: true } })).id;
      expect(await rawEmit(tab, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
      expect(await rawEmit(tab, "live:join", { conferenceId })).toMatchObject({ ok: true });
      expect(await rawEmit(otherTablet, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });

      expect(await rawEmit(tab, "case:unsubscribe", { caseId: busStop })).toEqual({ ok: true });
      const heard = { tab: [] as string[], otherTablet: [] as string[] };
      tab.on("agreement:changed", (e) => heard.tab.push(e.message));
      tab.on("live:state", (e) => heard.tab.push(`live ${e.conferenceId}`));
      otherTablet.on("agreement:changed", (e) => heard.otherTablet.push(e.message));
      const { realtime } = server().server;
      realtime.notifyAgreementChanged({ caseId: busStop, agreementId: "cagreement0000000000000000", change: "submitted", message: "Version 1 was sent for review" });
      realtime.conferencesChanged(busStop);
      await waitFor(() => heard.otherTablet.length > 0 && heard.tab.length > 0, 5_000, "the other tablet's banner and this tab's live state");
      // A round trip after both pushes: anything else for this tab would have arrived by now.
      expect(await rawEmit(tab, "case:unsubscribe", { caseId: busStop })).toEqual({ ok: true });
      expect(heard.otherTablet).toEqual(["Version 1 was sent for review"]);
      expect(heard.tab).toEqual([`live ${conferenceId}`]);
    });

    it("survives events sent without an acknowledgement callback", async () => {
      const socket = await connect(await signIn("lead@demo.circle"));
      (socket as unknown as Socket).emit("case:subscribe", { nope: true });
      (socket as unknown as Socket).emit(42 as unknown as string, "x");
      (socket as unknown as Socket).emit("no:such:event");
      expect(await rawEmit(socket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
    });
  });

  describe("when access ends", () => {
    it("signing out with the same cookie disconnects the socket within seconds, with session:ended", async () => {
      const lead = await signIn("lead@demo.circle");
      const cookie = lead.cookieHeader;
      const socket = await connect(lead);
      expect(await rawEmit(socket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
      const end = watchSocketEnd(socket);

      const res = await lead.post("/logout", {});
      expect(res.status).toBe(302);
      await waitFor(() => end.disconnected, 5_000, "socket disconnect after sign-out");
      expect(end.ended).toBe("You signed out");
      expect(end.disconnected).toBe("io server disconnect");
      // The old cookie no longer opens a socket.
      expect(await connectSocket(server().origin, { cookie })).toEqual({ connected: false, message: "unauthorized" });
    });

    it("signing out ends only that session's sockets, not the same person's other devices", async () => {
      const laptop = await signIn("lead@demo.circle");
      const tablet = await signIn("lead@demo.circle");
      const laptopSocket = await connect(laptop);
      const tabletSocket = await connect(tablet);
      const laptopEnd = watchSocketEnd(laptopSocket);
      await (await laptop.post("/logout", {})).body?.cancel();
      await waitFor(() => laptopEnd.disconnected, 5_000, "laptop disconnect");
      expect(tabletSocket.connected).toBe(true);
      expect(await rawEmit(tabletSocket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
    });

    it("an admin disabling a user disconnects their socket", async () => {
      const admin = await signIn("manager@demo.circle");
      const co = await signIn("co@demo.circle");
      const coId = await userId("co@demo.circle");
      const socket = await connect(co);
      expect(await rawEmit(socket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
      const end = watchSocketEnd(socket);
      try {
        const res = await admin.post("/admin/users", { intent: "disable", userId: coId });
        expect(res.status).toBe(200);
        await waitFor(() => end.disconnected, 5_000, "socket disconnect after disabling");
        expect(end.ended).toBe("Your account has been disabled");
        expect(await connectSocket(server().origin, { cookie: co.cookieHeader })).toEqual({ connected: false, message: "unauthorized" });
      } finally {
        await (await admin.post("/admin/users", { intent: "enable", userId: coId })).body?.cancel();
      }
    });

    it("removing the lead from the case closes their subscription within seconds; the co-facilitator stays", async () => {
      const admin = await signIn("manager@demo.circle");
      const lead = await signIn("lead@demo.circle");
      const co = await signIn("co@demo.circle");
      const leadId = await userId("lead@demo.circle");
      const leadSocket = await connect(lead);
      const coSocket = await connect(co);
      // A second lead socket subscribed to nothing depends on no case and stays open.
      const idleLeadSocket = await connect(lead);
      expect(await rawEmit(leadSocket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
      expect(await rawEmit(coSocket, "case:subscribe", { caseId: busStop })).toEqual({ ok: true });
      const end = watchSocketEnd(leadSocket);
      try {
        const res = await admin.post("/admin/cases?index", { intent: "remove", caseId: busStop, userId: leadId });
        expect(res.status).toBe(200);
        await waitFor(() => end.disconnected, 5_000, "lead's socket to close after removal");
        expect(end.ended).toBe("You no longer have access to this case");
        expect(coSocket.connected).toBe(true);
        expect(idleLeadSocket.connected).toBe(true);
        // Still signed in, but the case is now as invisible as any other.
        const again = await connect(lead);
        expect(await rawEmit(again, "case:subscribe", { caseId: busStop })).toMatchObject({ ok: false, error: "not_found" });
      } finally {
        await (await admin.post("/admin/cases?index", { intent: "assign", caseId: busStop, userId: leadId, role: "LEAD" })).body?.cancel();
      }
    });
  });
});
