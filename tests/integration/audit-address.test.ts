import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import type { Ack, LiveJoinAck } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { collabUrl } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

// Behind one proxy, as deployed: each client below stands at an address of its own
// (X-Forwarded-For), so an entry with the right address can only have taken it from its own request.
vi.hoisted(() => {
  process.env.TRUST_PROXY = "1";
});

const BUS_STOP = "RJ-2026-0142";

/** The newest entry of an action by a person (or, with `caseId`, on a case), with the address it recorded. */
const newest = (where: { action: string; actorId?: string | null; caseId?: string; target?: string }) =>
  getDb().auditEvent.findFirst({ where, orderBy: { createdAt: "desc" }, select: { ip: true, caseId: true, target: true } });

const userId = async (email: string) => (await getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;

describe("every audit entry a request writes carries the address that request came from", () => {
  const server = useDemoServer();
  let busStopId = "";
  const sockets: Socket[] = [];
  const webSockets: WebSocket[] = [];

  beforeAll(async () => {
    busStopId = await caseIdByReference(BUS_STOP);
  });
  afterAll(() => {
    sockets.forEach((s) => s.close());
    webSockets.forEach((ws) => ws.terminate());
  });

  const signedIn = (email: string, address: string) => new TestClient(server().origin, { "X-Forwarded-For": address }).signIn(email, DEMO_PASSWORD);

  it("sign-in, a failed sign-in, sign-out, a page view, the admin forms and a password change", async () => {
    const managerId = await userId("manager@demo.circle");
    const manager = await signedIn("manager@demo.circle", "198.51.100.10");
    expect(await newest({ action: "auth.sign-in", actorId: managerId })).toMatchObject({ ip: "198.51.100.10" });

    const stranger = new TestClient(server().origin, { "X-Forwarded-For": "198.51.100.11" });
    expect((await stranger.post("/login", { email: "nobody-here@demo.circle", password: "not-a-password" })).status).toBe(400);
    expect(await newest({ action: "auth.sign-in.failed", actorId: null })).toMatchObject({ ip: "198.51.100.11" });

    expect((await manager.get("/admin/sign-ins")).status).toBe(200);
    expect(await newest({ action: "auth.sign-ins.view", actorId: managerId })).toMatchObject({ ip: "198.51.100.10" });

    const email = `address-${Date.now()}@demo.circle`;
    const created = await manager.post("/admin/users", { intent: "create", email, name: "Addie Ress", role: "FACILITATOR", password: "a-first-password-2026" });
    expect(created.status).toBe(200);
    const newcomerId = await userId(email);
    expect(await newest({ action: "user.create", actorId: managerId })).toEqual({ ip: "198.51.100.10", caseId: null, target: `user:${newcomerId}` });

    const assigned = await manager.post("/admin/cases", { intent: "assign", caseId: busStopId, userId: newcomerId, role: "CO_FACILITATOR" });
    expect(assigned.status).toBe(200);
    // The case comes from the form, and the entry is in that case's trail.
    expect(await newest({ action: "case.member.assign", actorId: managerId })).toEqual({ ip: "198.51.100.10", caseId: busStopId, target: `user:${newcomerId}` });

    const newcomer = new TestClient(server().origin, { "X-Forwarded-For": "198.51.100.12" });
    expect((await newcomer.post("/login", { email, password: "a-first-password-2026" })).status).toBe(302);
    const changed = await newcomer.post("/account/password", { current: "a-first-password-2026", password: "my-own-password-2026", confirm: "my-own-password-2026" });
    expect(changed.status).toBe(302);
    expect(await newest({ action: "user.change-password", actorId: newcomerId })).toMatchObject({ ip: "198.51.100.12" });

    expect((await manager.post("/logout", {})).status).toBe(302);
    expect(await newest({ action: "auth.sign-out", actorId: managerId })).toMatchObject({ ip: "198.51.100.10" });
  });

  it("following a case live, joining and running a live conference, and opening a jointly written document", async () => {
    const leadId = await userId("lead@demo.circle");
    const lead = await signedIn("lead@demo.circle", "198.51.100.20");
    // The tablet's connections come through the proxy from another address than its sign-in.
    const socket: Socket = io(server().origin, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { Origin: server().origin, Cookie: lead.cookieHeader, "X-Forwarded-For": "198.51.100.21" },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const emit = <T = Ack>(event: string, payload: unknown) => socket.timeout(5_000).emitWithAck(event, payload) as Promise<T>;

    expect(await emit("case:subscribe", { caseId: busStopId })).toEqual({ ok: true });
    expect(await newest({ action: "case.live.subscribe", actorId: leadId })).toMatchObject({ ip: "198.51.100.21", caseId: busStopId });

    // A conference of its own, so starting it disturbs no other test.
    const seeded = await getDb().conference.findFirstOrThrow({ where: { caseId: busStopId }, select: { attendees: { select: { participantId: true } } } });
    const fresh = await getDb().conference.create({
      data: { caseId: busStopId, scheduledAt: new Date(Date.now() + 86_400_000), venue: "Library", attendees: { create: seeded.attendees } },
      select: { id: true },
    });
    expect(await emit<LiveJoinAck>("live:join", { conferenceId: fresh.id })).toMatchObject({ ok: true, role: "chair" });
    expect(await newest({ action: "conference.live.join", actorId: leadId })).toMatchObject({ ip: "198.51.100.21", target: `conference:${fresh.id}` });
    expect(await emit("live:command", { conferenceId: fresh.id, command: { type: "start", expectedVersion: 0 } })).toEqual({ ok: true });
    // Written in the live store's own transaction, not through audit(): the address still comes with it.
    expect(await newest({ action: "conference.live.start", actorId: leadId })).toMatchObject({ ip: "198.51.100.21", target: `conference:${fresh.id}` });

    const headers = { Origin: server().origin, Cookie: lead.cookieHeader, "X-Forwarded-For": "198.51.100.22" };
    const ws = new WebSocket(collabUrl(server().origin, `case:${busStopId}:notes`), { headers });
    webSockets.push(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const opened = await waitFor(() => newest({ action: "collab.open", actorId: leadId, target: `case:${busStopId}:notes` }), 5_000, "the collab.open entry");
    expect(opened).toMatchObject({ ip: "198.51.100.22", caseId: busStopId });
  });
});
