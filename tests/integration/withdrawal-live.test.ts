import type { Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LiveCommand, LiveState } from "~/realtime/live-machine";
import type { Ack, LiveJoinAck, LiveStatePayload } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { toZonedInput } from "~/utils/format";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { requireSocket, type CircleClientSocket } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

type Cmd = LiveCommand extends infer C ? (C extends LiveCommand ? Omit<C, "expectedVersion"> : never) : never;
type Tablet = { socket: CircleClientSocket; states: LiveState[]; last: () => LiveState };
type Answer = { status: number; body: { ok: boolean; done?: string; errors?: Record<string, string>; confirm?: { effects: string[]; token: string; holds: boolean } } };

function emit<T = Ack>(socket: CircleClientSocket, event: string, payload: unknown): Promise<T> {
  return (socket as unknown as Socket).timeout(5_000).emitWithAck(event, payload) as Promise<T>;
}

/**
 * Withdrawing consent during a running conference: the case screen (or the withdrawal page) asks
 * first and changes nothing until confirmed; confirmed, the conference is held, both live tablets
 * are told at once through the live channel, and the lead can no longer move it on.
 */
describe("a withdrawal during a running conference", () => {
  const server = useDemoServer();
  const open: CircleClientSocket[] = [];
  let caseId = "";
  let conferenceId = "";
  let harmedId = "";
  let office: TestClient;

  const tablet = async (email: string): Promise<Tablet> => {
    const client = await new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
    const socket = await requireSocket(server().origin, client.cookieHeader);
    open.push(socket);
    const states: LiveState[] = [];
    socket.on("live:state", (p: LiveStatePayload) => {
      if (p.conferenceId === conferenceId) states.push(p.state);
    });
    const join = await emit<LiveJoinAck>(socket, "live:join", { conferenceId });
    if (!join.ok) throw new Error(join.message);
    states.push(join.state);
    return { socket, states, last: () => states[states.length - 1]! };
  };
  const command = (t: Tablet, cmd: Cmd, version = t.last().version) =>
    emit<Ack & { state?: LiveState; message?: string }>(t.socket, "live:command", { conferenceId, command: { ...cmd, expectedVersion: version } });
  const post = async (path: string, fields: Record<string, string>): Promise<Answer> => {
    const res = await office.post(path, fields);
    return { status: res.status, body: (await res.json()) as Answer["body"] };
  };
  const withdrawal = { intent: "withdraw", participantId: "", element: "MEET_FACE_TO_FACE" };
  const stored = async () => ({
    conference: await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { status: true } }),
    stage: (await getDb().case.findUniqueOrThrow({ where: { id: caseId }, select: { stage: true } })).stage,
    live: await getDb().conferenceLive.findUniqueOrThrow({ where: { conferenceId }, select: { status: true, version: true } }),
    meet: (await getDb().consentEntry.findFirstOrThrow({ where: { participantId: harmedId, element: "MEET_FACE_TO_FACE" }, orderBy: { createdAt: "desc" } })).answer,
  });

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    conferenceId = (await getDb().conference.findFirstOrThrow({ where: { caseId, status: "SCHEDULED" }, select: { id: true } })).id;
    harmedId = (await getDb().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED", removedAt: null }, select: { id: true } })).id;
    withdrawal.participantId = harmedId;
    // A third device: the case screen, where the withdrawal is recorded while both tablets run the conference.
    office = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
  });

  afterEach(() => {
    open.splice(0).forEach((s) => s.close());
  });

  it("asks first and changes nothing; confirmed, it holds the conference and both live tablets show it at once; the lead cannot move on", async () => {
    const lead = await tablet("lead@demo.circle");
    const co = await tablet("co@demo.circle");
    expect(await command(lead, { type: "start" })).toEqual({ ok: true });
    await waitFor(() => co.last().status === "LIVE", 5_000, "co sees the start");
    expect(await command(lead, { type: "next" })).toEqual({ ok: true });
    await waitFor(() => co.last().version === 2, 5_000, "co on step 2");
    const running = await stored();
    expect(running).toMatchObject({ conference: { status: "SCHEDULED" }, stage: "CONFERENCE_SCHEDULED", live: { status: "LIVE", version: 2 }, meet: "YES" });

    // One tap changes nothing: the answer is the question, saying the running conference will stop.
    const asked = await post(`/cases/${caseId}/consent`, withdrawal);
    expect(asked.status).toBe(409);
    expect(asked.body.ok).toBe(false);
    expect(asked.body.confirm!.effects[0]).toBe(
      "Withdrawing consent to meet face to face will stop the conference that is running now; both live screens will show it is on hold.",
    );
    expect(asked.body.confirm!.token).toBe(`hold:${conferenceId}.running`);
    // A confirmation given while it was only booked is not a confirmation to stop it running.
    const stale = await post(`/cases/${caseId}/consent`, { ...withdrawal, confirm: `hold:${conferenceId}.booked` });
    expect(stale.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing may be pushed either
    expect(await stored()).toEqual(running);
    expect(lead.last().version).toBe(2);
    expect(co.last()).toMatchObject({ version: 2, status: "LIVE", hold: null });
    expect(await command(lead, { type: "next" })).toEqual({ ok: true }); // still running
    await waitFor(() => co.last().version === 3, 5_000, "co on step 3");

    // Confirmed: withdrawn, held, and both tablets get the hold through the live channel.
    const done = await post(`/cases/${caseId}/consent`, { ...withdrawal, confirm: asked.body.confirm!.token });
    expect(done.status).toBe(200);
    expect(done.body.done).toContain("It was running: both live screens now show it is on hold.");
    for (const t of [lead, co]) {
      const held = await waitFor(() => t.states.find((s) => s.hold !== null), 5_000, "the hold reaches the tablet");
      expect(held).toMatchObject({ status: "PAUSED", version: 4, hold: { kind: "on-hold", summary: "consent to meet was withdrawn" }, currentSpeakerId: null });
      expect(held.pausedAt).not.toBeNull();
    }
    expect(await stored()).toEqual({ conference: { status: "ON_HOLD" }, stage: "PREPARATION", live: { status: "PAUSED", version: 4 }, meet: "WITHDRAWN" });
    const events = await getDb().liveEvent.findMany({ where: { conferenceId }, orderBy: { seq: "asc" }, select: { type: true, payload: true, seq: true } });
    expect(events.at(-1)).toEqual({ type: "hold", payload: JSON.stringify({ summary: "consent to meet was withdrawn" }), seq: 4 });

    // Nothing moves while it is on hold: not the lead's next (current or old version), not resume or end, not the co's break.
    for (const [t, cmd, version] of [
      [lead, { type: "next" }, 4],
      [lead, { type: "next" }, 3],
      [lead, { type: "resume" }, 4],
      [lead, { type: "end" }, 4],
      [co, { type: "break" }, 4],
    ] as const) {
      const refused = await command(t, cmd, version);
      expect(refused).toMatchObject({
        ok: false,
        error: "invalid",
        message: "This conference is on hold: consent to meet was withdrawn. Nothing can move on until it is re-booked from the case screen.",
      });
      expect(refused.state).toMatchObject({ version: 4, hold: { summary: "consent to meet was withdrawn" } });
    }
    expect((await stored()).live).toEqual({ status: "PAUSED", version: 4 });

    // A tablet that joins now (or reloads) lands on the hold.
    const again = await tablet("co@demo.circle");
    expect(again.last()).toMatchObject({ version: 4, hold: { summary: "consent to meet was withdrawn" } });

    // Consent given again and the conference re-booked: the tablets are told, and the lead resumes where it stopped.
    const yes = await post(`/cases/${caseId}/consent`, {
      intent: "record",
      participantId: harmedId,
      element: "MEET_FACE_TO_FACE",
      answer: "YES",
      method: "IN_PERSON",
      givenAt: toZonedInput(new Date()),
    });
    expect(yes.status).toBe(200);
    const tomorrow = toZonedInput(new Date(Date.now() + 86_400_000));
    const rebooked = await post(`/cases/${caseId}/conferences`, { intent: "rebook", conferenceId, scheduledAt: tomorrow, endsAt: "", venue: "Community centre", room: "" });
    expect(rebooked.status).toBe(200);
    for (const t of [lead, co]) await waitFor(() => t.last().version === 5 && t.last().hold === null, 5_000, "the release reaches the tablet");
    expect(await command(lead, { type: "resume" })).toEqual({ ok: true });
    expect(await command(lead, { type: "next" })).toEqual({ ok: true });
    await waitFor(() => co.last().version === 7 && co.last().status === "LIVE", 5_000, "co follows again");
  });

  it("any gate break does the same: removing the person responsible mid-conference holds it on both tablets", async () => {
    const lead = await tablet("lead@demo.circle");
    const co = await tablet("co@demo.circle");
    expect(lead.last()).toMatchObject({ status: "LIVE", hold: null }); // where the test above left it
    const version = lead.last().version;
    const responsible = await getDb().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE", removedAt: null }, select: { id: true } });
    const removed = await post(`/cases/${caseId}/participants`, { intent: "remove", participantId: responsible.id });
    expect(removed.status).toBe(200);
    for (const t of [lead, co]) {
      const held = await waitFor(() => t.states.find((s) => s.hold !== null), 5_000, "the hold reaches the tablet");
      expect(held).toMatchObject({ status: "PAUSED", version: version + 1, hold: { summary: "someone the conference needs is no longer on the case" } });
    }
    expect(await command(lead, { type: "next" })).toMatchObject({ ok: false, message: expect.stringMatching(/^This conference is on hold: someone the conference needs/) });
  });
});
