import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CollabClose, type LiveJoinAck } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { allSaved, storedDoc, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { openCollab, requireSocket } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const peers: TestPeer[] = [];
const track = (p: TestPeer) => (peers.push(p), p);
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));

const placements = (p: TestPeer) => p.doc.getMap<unknown>("placements");

/** The access level the collab server recorded for the newest connection of `email` to `docName`. */
async function lastOpenLevel(email: string, docName: string) {
  const row = await getDb().auditEvent.findFirst({
    where: { action: "collab.open", target: docName, actor: { email } },
    orderBy: { createdAt: "desc" },
    select: { details: true, id: true },
  });
  return row ? { id: row.id, level: (JSON.parse(row.details) as { access?: string }).access } : null;
}

describe("seating plan: page, collab access and the lock", () => {
  const server = useDemoServer();
  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  let conferenceId = "";
  let docName = "";

  beforeAll(async () => {
    const caseId = await caseIdByReference("RJ-2026-0142");
    const conference = await getDb().conference.findFirstOrThrow({ where: { caseId, status: "SCHEDULED" }, select: { id: true } });
    conferenceId = conference.id;
    docName = `conference:${conferenceId}:seating`;
  });

  it("shows the case team the plan's people and lock, audits the view, and answers 404 to anyone else", async () => {
    const lead = await signIn("lead@demo.circle");
    const res = await lead.get(`/conferences/${conferenceId}/seating?_data=${encodeURIComponent("routes/conferences.$conferenceId_.seating")}`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { attendees: { name: string; role: string }[]; locked: boolean; canWrite: boolean; canUnlock: boolean };
    expect(data.attendees.map((a) => a.role).sort()).toEqual(["PERSON_HARMED", "PERSON_RESPONSIBLE", "SUPPORTER", "SUPPORTER"]);
    expect(data).toMatchObject({ locked: false, canWrite: true, canUnlock: true });
    const audited = await getDb().auditEvent.count({ where: { action: "conference.seating.view", target: `conference:${conferenceId}`, actor: { email: "lead@demo.circle" } } });
    expect(audited).toBeGreaterThan(0);
    const supervisor = await signIn("supervisor@demo.circle");
    const sup = (await (await supervisor.get(`/conferences/${conferenceId}/seating?_data=${encodeURIComponent("routes/conferences.$conferenceId_.seating")}`)).json()) as {
      canWrite: boolean;
    };
    expect(sup.canWrite).toBe(false);
    const other = await signIn("other@demo.circle");
    expect((await other.get(`/conferences/${conferenceId}/seating`)).status).toBe(404);
    expect((await lead.get(`/conferences/cnosuchconference000000000/seating`)).status).toBe(404);
  });

  it("opens the document for writing to facilitators, for reading to the supervisor, and to nobody else", async () => {
    for (const [email, level] of [
      ["lead@demo.circle", "write"],
      ["co@demo.circle", "write"],
      ["supervisor@demo.circle", "read"],
    ] as const) {
      const client = await signIn(email);
      const outcome = await openCollab(server().origin, docName, { cookie: client.cookieHeader });
      expect(outcome.opened, email).toBe(true);
      if (outcome.opened) outcome.ws.close();
      expect((await lastOpenLevel(email, docName))?.level).toBe(level);
    }
    const other = await signIn("other@demo.circle");
    expect(await openCollab(server().origin, docName, { cookie: other.cookieHeader })).toMatchObject({ opened: false, status: 404 });
    expect(await openCollab(server().origin, docName)).toMatchObject({ opened: false, status: 401 });
  });

  it("locking the plan makes open connections read-only and drops the lead's writes; unlocking makes them writable again", async () => {
    const [lead, co] = await Promise.all([signIn("lead@demo.circle"), signIn("co@demo.circle")]);
    const a = track(connectPeer(server().origin, lead.cookieHeader, docName));
    const b = track(connectPeer(server().origin, co.cookieHeader, docName));
    await waitFor(() => a.provider.synced && b.provider.synced, 10_000, "both synced");
    placements(a).set("cbefore00000000000000000001", "seat-1");
    await waitFor(() => placements(b).get("cbefore00000000000000000001") === "seat-1", 10_000, "co sees the lead's placement");

    const socket = await requireSocket(server().origin, lead.cookieHeader);
    try {
      const join = (await socket.emitWithAck("live:join", { conferenceId })) as LiveJoinAck;
      if (!join.ok) throw new Error(join.message);
      const beforeLock = await lastOpenLevel("lead@demo.circle", docName);
      const locked = await socket.emitWithAck("live:command", { conferenceId, command: { type: "lock-seating", locked: true, expectedVersion: join.state.version } });
      expect(locked).toMatchObject({ ok: true });

      await waitFor(() => a.closeCodes.includes(CollabClose.accessChanged) && b.closeCodes.includes(CollabClose.accessChanged), 10_000, "both re-authorized");
      await waitFor(() => a.provider.synced && a.provider.wsconnected && b.provider.synced, 10_000, "reconnected");
      const afterLock = await lastOpenLevel("lead@demo.circle", docName);
      expect(afterLock?.id).not.toBe(beforeLock?.id);
      expect(afterLock?.level).toBe("read");

      placements(a).set("clocked00000000000000000001", "seat-2");
      // Frames of one connection are handled in order: once the co sees this presence, the update before it was handled.
      a.provider.awareness.setLocalStateField("marker", "after-locked-write");
      await waitFor(
        () => [...b.provider.awareness.getStates().values()].some((s) => (s as { marker?: string }).marker === "after-locked-write"),
        10_000,
        "presence after the write",
      );
      expect(placements(b).has("clocked00000000000000000001")).toBe(false);
      expect(storedDoc(docName).getMap("placements").has("clocked00000000000000000001")).toBe(false);
      expect(allSaved(a)).toBe(false);

      const state = await getDb().conferenceLive.findUniqueOrThrow({ where: { conferenceId }, select: { version: true } });
      const unlocked = await socket.emitWithAck("live:command", { conferenceId, command: { type: "lock-seating", locked: false, expectedVersion: state.version } });
      expect(unlocked).toMatchObject({ ok: true });
      await waitFor(async () => (await lastOpenLevel("lead@demo.circle", docName))?.level === "write", 10_000, "lead writable again");
      await waitFor(() => a.provider.synced && a.provider.wsconnected, 10_000, "lead reconnected");
      placements(a).set("cafter000000000000000000001", "seat-3");
      await waitFor(() => placements(b).get("cafter000000000000000000001") === "seat-3", 10_000, "co sees the lead's write after unlock");
      await waitFor(() => allSaved(a), 10_000, "lead saved");
    } finally {
      socket.close();
      await getDb().conferenceLive.updateMany({ where: { conferenceId }, data: { seatingLocked: false } });
    }
  });
});
