import type { Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { LiveCommand, LiveState } from "~/realtime/live-machine";
import type { Ack, LiveJoinAck } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import type { SessionStatus } from "~/utils/session-status";
import { sessionIdFromCookieHeader } from "~/utils/session.server";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { requireSocket, type CircleClientSocket } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

// A 12-second idle timeout (SESSION_IDLE_SECONDS), so sessions can end while a test watches.
// Sessions are aged by moving lastSeenAt back, as in sessions.test.ts, rather than by sleeping.
vi.hoisted(() => {
  process.env.SESSION_IDLE_SECONDS = "12";
});
const IDLE_MS = 12_000;

type Cmd = LiveCommand extends infer C ? (C extends LiveCommand ? Omit<C, "expectedVersion"> : never) : never;

function emit<T = Ack>(socket: CircleClientSocket, event: string, payload: unknown): Promise<T> {
  return (socket as unknown as Socket).timeout(5_000).emitWithAck(event, payload) as Promise<T>;
}

const sessionId = (client: TestClient) => sessionIdFromCookieHeader(client.cookieHeader)!;
const lastSeen = async (client: TestClient) => (await getDb().session.findUniqueOrThrow({ where: { id: sessionId(client) }, select: { lastSeenAt: true } })).lastSeenAt.getTime();
/** The session was last used `ms` ago. */
const age = (client: TestClient, ms: number) => getDb().session.update({ where: { id: sessionId(client) }, data: { lastSeenAt: new Date(Date.now() - ms) } });
const status = async (client: TestClient) => (await (await client.get("/session")).json()) as SessionStatus;

describe("idle sign-out, the warning's status route, and keep-alive in a running conference", () => {
  const server = useDemoServer();
  const client = () => new TestClient(server().origin);
  const signIn = (who: string) => client().signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  const sockets: CircleClientSocket[] = [];
  const socketFor = async (browser: TestClient) => {
    const socket = await requireSocket(server().origin, browser.cookieHeader);
    sockets.push(socket);
    return socket;
  };
  let caseId = "";
  let conferenceId = "";

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    conferenceId = (await getDb().conference.findFirstOrThrow({ where: { caseId, status: "SCHEDULED" }, select: { id: true } })).id;
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
  });

  it("tells a page how long its session has left without renewing it; a stranger learns nothing", async () => {
    expect(await status(client())).toEqual({ state: "none" });
    const browser = await signIn("co");
    await age(browser, 5_000);
    const before = await lastSeen(browser);
    const answer = await status(browser);
    expect(answer).toMatchObject({ state: "active", idleMs: IDLE_MS, warnMs: 3_000 });
    if (answer.state !== "active") throw new Error("not active");
    expect(Date.parse(answer.idleEndsAt)).toBe(before + IDLE_MS);
    expect(Date.parse(answer.endsAt) - Date.parse(answer.serverNow)).toBeGreaterThan(11 * 60 * 60 * 1000);
    // Asking is not activity: an unattended tablet that keeps asking still times out.
    expect(await lastSeen(browser)).toBe(before);
  });

  it("renews a live session on 'Stay signed in' (POST /session), and never brings an ended one back", async () => {
    const browser = await signIn("co");
    await age(browser, 10_000);
    const aged = await lastSeen(browser);
    expect((await browser.post("/session", {})).status).toBe(400);
    expect(await lastSeen(browser)).toBe(aged);

    const renewed = await browser.post("/session", { intent: "renew" });
    expect(renewed.status).toBe(200);
    const answer = (await renewed.json()) as SessionStatus;
    expect(answer.state).toBe("active");
    expect(await lastSeen(browser)).toBeGreaterThan(Date.now() - 2_000);

    await age(browser, IDLE_MS + 1_000);
    const late = await browser.post("/session", { intent: "renew" });
    expect(late.status).toBe(401);
    expect(await late.json()).toEqual({ state: "ended", reason: "idle", idleMs: IDLE_MS });
    expect((await browser.get("/cases")).status).toBe(302);
  });

  it("says why a session ended: signed out elsewhere is not an idle timeout", async () => {
    const browser = await signIn("co");
    const cookie = browser.cookieHeader; // what a second tab of the same browser still sends
    expect((await browser.post("/logout", {})).status).toBe(302);
    const answer = await fetch(`${server().origin}/session`, { headers: { Cookie: cookie } });
    expect(await answer.json()).toEqual({ state: "ended", reason: "revoked", idleMs: IDLE_MS });
  });

  it("does not let a socket's activity bring back a session that has already ended", async () => {
    const browser = await signIn("supervisor");
    const socket = await socketFor(browser);
    await age(browser, IDLE_MS + 1_000);
    // An event is activity, but the session is over: it must stay over (the sweep closes the socket soon).
    await emit(socket, "case:subscribe", { caseId }).catch(() => undefined);
    expect(await status(browser)).toMatchObject({ state: "ended", reason: "idle" });
  });

  it("keeps the sessions of tablets following a running conference alive, paused too, until it ends; others time out", async () => {
    const lead = await signIn("lead");
    const co = await signIn("co");
    const supervisor = await signIn("supervisor");
    const leadSocket = await socketFor(lead);
    const coSocket = await socketFor(co);
    const supervisorSocket = await socketFor(supervisor);
    const ended: string[] = [];
    for (const [who, socket] of [
      ["lead", leadSocket],
      ["co", coSocket],
      ["supervisor", supervisorSocket],
    ] as const)
      socket.on("session:ended", () => ended.push(who));

    let state = (await emit<LiveJoinAck & { state: LiveState }>(leadSocket, "live:join", { conferenceId })).state;
    expect(state.status).toBe("READY");
    expect((await emit<LiveJoinAck>(coSocket, "live:join", { conferenceId })).ok).toBe(true);
    // The supervisor has the case open, but follows no live conference.
    expect((await emit(supervisorSocket, "case:subscribe", { caseId })).ok).toBe(true);
    leadSocket.on("live:state", (p: { state: LiveState }) => {
      if (p.state.version > state.version) state = p.state;
    });
    const command = async (cmd: Cmd) => {
      const ack = await emit(leadSocket, "live:command", { conferenceId, command: { ...cmd, expectedVersion: state.version } });
      expect(ack).toEqual({ ok: true });
      await waitFor(() => state.status === (cmd.type === "start" ? "LIVE" : cmd.type === "break" ? "PAUSED" : "ENDED"), 5_000, cmd.type);
    };
    await command({ type: "start" });

    // Nobody taps for 9 of the 12 seconds...
    for (const browser of [lead, co, supervisor]) await age(browser, 9_000);
    // ...the two facilitators' sessions are renewed by their tablets being in the running conference,
    await waitFor(async () => (await lastSeen(lead)) > Date.now() - 3_000 && (await lastSeen(co)) > Date.now() - 3_000, 5_000, "keep-alive");
    // while the supervisor's ends, and their socket is told.
    await waitFor(async () => (await status(supervisor)).state === "ended", 8_000, "supervisor idle");
    expect((await status(lead)).state).toBe("active");
    expect((await status(co)).state).toBe("active");
    await waitFor(() => ended.includes("supervisor"), 15_000, "supervisor's socket closed");
    expect(ended).toEqual(["supervisor"]);

    // A break is still the conference: kept alive.
    await command({ type: "break" });
    await age(lead, 9_000);
    await waitFor(async () => (await lastSeen(lead)) > Date.now() - 3_000, 5_000, "keep-alive during the break");

    // Once it has ended, the tablets time out like any other.
    await command({ type: "end" });
    await age(lead, 9_000);
    await waitFor(async () => (await status(lead)).state === "ended", 8_000, "lead idle after the end");
    expect(await status(lead)).toMatchObject({ reason: "idle" });
    await waitFor(() => ended.includes("lead"), 15_000, "lead's socket closed");
  });
});
