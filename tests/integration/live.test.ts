import type { Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { flatField, readFlat } from "~/realtime/flat-store";
import { blocksFromFlat } from "~/realtime/flat-text";
import type { LiveCommand, LiveState } from "~/realtime/live-machine";
import type { Ack, LiveJoinAck, LivePresence, LiveStatePayload } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { storedDoc } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { requireSocket, type CircleClientSocket } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

type Cmd = LiveCommand extends infer C ? (C extends LiveCommand ? Omit<C, "expectedVersion"> : never) : never;

/** A tablet in the live conference: its socket, and every state and presence it was sent. */
type Tablet = { socket: CircleClientSocket; states: LiveState[]; presence: LivePresence[]; last: () => LiveState };

function emit<T = Ack>(socket: CircleClientSocket, event: string, payload: unknown): Promise<T> {
  return (socket as unknown as Socket).timeout(5_000).emitWithAck(event, payload) as Promise<T>;
}

describe("live conference over Socket.IO", () => {
  const server = useDemoServer();
  const open: CircleClientSocket[] = [];
  let conferenceId = "";
  let caseId = "";

  const tablet = async (email: string): Promise<Tablet & { join: LiveJoinAck }> => {
    const client = await new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
    const socket = await requireSocket(server().origin, client.cookieHeader);
    open.push(socket);
    const states: LiveState[] = [];
    const presence: LivePresence[] = [];
    socket.on("live:state", (p: LiveStatePayload) => states.push(p.state));
    socket.on("live:presence", (p) => presence.push(p));
    const join = await emit<LiveJoinAck>(socket, "live:join", { conferenceId });
    if (join.ok) states.push(join.state);
    return { socket, states, presence, join, last: () => states[states.length - 1]! };
  };

  const command = (t: Tablet, cmd: Cmd, version = t.last().version) =>
    emit<Ack & { state?: LiveState }>(t.socket, "live:command", { conferenceId, command: { ...cmd, expectedVersion: version } });

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    conferenceId = (await getDb().conference.findFirstOrThrow({ where: { caseId, status: "SCHEDULED" }, select: { id: true } })).id;
  });

  afterEach(() => {
    open.splice(0).forEach((s) => s.close());
  });

  it("runs a conference from start to end with both tablets in step, and records every event", async () => {
    const lead = await tablet("lead@demo.circle");
    const co = await tablet("co@demo.circle");
    expect(lead.join).toMatchObject({ ok: true, role: "chair", state: { status: "READY", version: 0 } });
    expect(co.join).toMatchObject({ ok: true, role: "assist" });

    // Presence: the lead's tablet learns the co-facilitator has joined.
    await waitFor(() => lead.presence.some((p) => p.people.length === 2), 5_000, "both in presence");
    const people = lead.presence[lead.presence.length - 1]!.people.map((p) => [p.name, p.role]).sort();
    expect(people).toEqual([
      ["Chris Patel", "assist"],
      ["Linda Millington", "chair"],
    ]);

    // Start: the standard script is prepared from the attendees, the plan locks.
    expect(await command(lead, { type: "start" })).toEqual({ ok: true });
    const started = await waitFor(() => co.states.find((s) => s.status === "LIVE"), 5_000, "co sees start");
    const steps = await getDb().conferenceStep.findMany({ where: { conferenceId }, orderBy: { position: "asc" } });
    expect(steps.length).toBeGreaterThan(10);
    expect(started.currentStepId).toBe(steps[0]!.id);
    expect(started.seatingLocked).toBe(true);
    expect(steps.find((s) => s.title === "What happened")!.prompt).toBe("Dan, can you tell us what happened, in your own words?");

    // Next: the co-facilitator's tablet follows.
    await command(lead, { type: "next" });
    await waitFor(() => co.last().currentStepId === steps[1]!.id, 5_000, "co on step 2");
    expect(co.last().steps[0]).toMatchObject({ status: "ASKED" });

    // Two taps on next at the same moment (same version): one step, never two.
    const version = lead.last().version;
    const [a, b] = await Promise.all([command(lead, { type: "next" }, version), command(lead, { type: "next" }, version)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a) as { error: string }).toMatchObject({ error: "stale" });
    await waitFor(() => co.last().version === version + 1, 5_000, "co on the new version");
    expect(co.last().currentStepId).toBe(steps[2]!.id);

    // The co-facilitator cannot chair, but can call a break; the lead resumes.
    expect(await command(co, { type: "next" })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await command(co, { type: "break" })).toEqual({ ok: true });
    await waitFor(() => lead.last().breakStartedAt, 5_000, "lead sees the break");
    expect(lead.last().status).toBe("PAUSED");
    await command(lead, { type: "resume" });

    // Jump and mark a step skipped.
    await command(lead, { type: "jump", stepId: steps[5]!.id });
    await command(lead, { type: "mark", stepId: steps[3]!.id, status: "SKIPPED" });
    await waitFor(() => co.last().currentStepId === steps[5]!.id && co.last().steps[3]!.status === "SKIPPED", 5_000, "jump and skip");

    // End: the conference is held and the case moves on.
    await command(lead, { type: "end" });
    await waitFor(() => co.last().status === "ENDED", 5_000, "co sees the end");
    const conference = await getDb().conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { status: true, case: { select: { stage: true } } } });
    expect(conference).toEqual({ status: "HELD", case: { stage: "CONFERENCE_HELD" } });
    const stored = await getDb().conferenceStep.findMany({ where: { conferenceId }, orderBy: { position: "asc" } });
    expect(stored[3]).toMatchObject({ status: "SKIPPED" });
    expect(stored[0]!.markedAt).toBeInstanceOf(Date);

    const events = await getDb().liveEvent.findMany({ where: { conferenceId }, orderBy: { seq: "asc" }, select: { seq: true, type: true } });
    expect(events.map((e) => e.type)).toEqual(["start", "next", "next", "break", "resume", "jump", "mark", "end"]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await getDb().auditEvent.count({ where: { action: "conference.live.next", caseId } })).toBe(2);

    // A tablet that reconnects lands on the current state at once.
    lead.socket.close();
    const again = await tablet("lead@demo.circle");
    expect(again.join).toMatchObject({ ok: true, state: { status: "ENDED", version: 8 } });
  });

  it("adds each new step's heading to the case notes on the server, with no scribe tablet connected, once", async () => {
    const notes = `case:${caseId}:notes`;
    const headings = async () =>
      // The notes as stored: what any tablet will load.
      blocksFromFlat(readFlat(flatField(storedDoc(notes), "notes")))
        .filter((b) => b.attrs.block === "heading")
        .map((b) => b.inline.map((i) => i.text ?? "").join(""));
    // A conference of its own (the others in this file end theirs), with the seeded one's attendees.
    const seeded = await getDb().conferenceAttendee.findMany({ where: { conferenceId }, select: { participantId: true } });
    const fresh = await getDb().conference.create({
      data: { caseId, scheduledAt: new Date(Date.now() + 86_400_000), venue: "Library", attendees: { create: seeded } },
      select: { id: true },
    });
    const client = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const socket = await requireSocket(server().origin, client.cookieHeader);
    open.push(socket);
    expect(await emit(socket, "live:join", { conferenceId: fresh.id })).toMatchObject({ ok: true, role: "chair" });
    const run = (command: object) => emit<Ack & { state?: LiveState }>(socket, "live:command", { conferenceId: fresh.id, command });
    const before = await headings();

    expect(await run({ type: "start", expectedVersion: 0 })).toEqual({ ok: true });
    expect(await run({ type: "next", expectedVersion: 1 })).toEqual({ ok: true });
    // A speaker change bumps the version but not the step: no second heading for the same step.
    const speaker = seeded[0]!.participantId;
    expect(await run({ type: "speaker", participantId: speaker, expectedVersion: 2 })).toEqual({ ok: true });
    const steps = await getDb().conferenceStep.findMany({ where: { conferenceId: fresh.id }, orderBy: { position: "asc" }, select: { title: true } });
    await waitFor(async () => (await headings()).length >= before.length + 2, 5_000, "both headings in the stored notes");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const added = (await headings()).slice(before.length);
    expect(added.map((h) => h.replace(/ \(\d\d:\d\d\)$/, ""))).toEqual([steps[0]!.title, steps[1]!.title]);
    expect(added.every((h) => / \(\d\d:\d\d\)$/.test(h))).toBe(true);
  });

  it("the supervisor follows but cannot change anything; others cannot even follow", async () => {
    const supervisor = await tablet("supervisor@demo.circle");
    expect(supervisor.join).toMatchObject({ ok: true, role: "follow" });
    expect(await command(supervisor, { type: "break" })).toMatchObject({ ok: false, error: "forbidden" });

    const other = await tablet("other@demo.circle");
    expect(other.join).toMatchObject({ ok: false, error: "not_found" });
    expect(await command(other, { type: "start" }, 0)).toMatchObject({ ok: false, error: "not_found" });
    const admin = await tablet("manager@demo.circle");
    expect(admin.join).toMatchObject({ ok: false, error: "not_found" });
  });

  it("refuses malformed commands and changes nothing", async () => {
    const lead = await tablet("lead@demo.circle");
    const before = lead.last().version;
    for (const payload of [
      { conferenceId, command: { type: "skip-two", expectedVersion: before } },
      { conferenceId, command: { type: "next" } },
      { conferenceId, command: { type: "next", expectedVersion: before, extra: true } },
      { conferenceId: "not-an-id", command: { type: "next", expectedVersion: before } },
      { conferenceId },
      "next",
    ]) {
      expect(await emit(lead.socket, "live:command", payload)).toMatchObject({ ok: false, error: "invalid" });
    }
    expect(await getDb().conferenceLive.findUnique({ where: { conferenceId }, select: { version: true } })).toMatchObject({ version: before });
  });

  it("will not start a conference that is on hold", async () => {
    const onHold = await getDb().conference.create({
      data: { caseId, scheduledAt: new Date(Date.now() + 86_400_000), venue: "Town Hall", status: "ON_HOLD", holdReason: "Consent withdrawn." },
      select: { id: true },
    });
    const client = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const socket = await requireSocket(server().origin, client.cookieHeader);
    open.push(socket);
    expect(await emit(socket, "live:join", { conferenceId: onHold.id })).toMatchObject({ ok: true });
    expect(await emit(socket, "live:command", { conferenceId: onHold.id, command: { type: "start", expectedVersion: 0 } })).toMatchObject({
      ok: false,
      message: "This conference is on hold: Consent withdrawn.",
    });
  });

  it("a changed role takes effect at once: a lead made co-facilitator can no longer chair, and removal ends the socket", async () => {
    const fresh = await getDb().conference.create({
      data: { caseId, scheduledAt: new Date(Date.now() + 86_400_000), venue: "Library" },
      select: { id: true },
    });
    const client = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const socket = await requireSocket(server().origin, client.cookieHeader);
    open.push(socket);
    expect(await emit(socket, "live:join", { conferenceId: fresh.id })).toMatchObject({ ok: true, role: "chair" });

    const admin = await new TestClient(server().origin).signIn("manager@demo.circle", DEMO_PASSWORD);
    const leadId = (await getDb().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } })).id;
    expect((await admin.post("/admin/cases?index", { intent: "assign", caseId, userId: leadId, role: "CO_FACILITATOR" })).status).toBe(200);
    await waitFor(
      async () => {
        const ack = await emit(socket, "live:command", { conferenceId: fresh.id, command: { type: "start", expectedVersion: 0 } });
        return !ack.ok && (ack as { error: string }).error === "forbidden";
      },
      5_000,
      "the lead's role is re-checked",
    );

    const closed = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
    expect((await admin.post("/admin/cases?index", { intent: "remove", caseId, userId: leadId })).status).toBe(200);
    await closed;
  });
});
