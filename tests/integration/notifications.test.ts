import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { sendDigests } from "~/models/notification-digest.server";
import { notify, saveNotificationSettings } from "~/models/notifications.server";
import type { NotificationKind } from "~/models/notification-kinds";
import type { NotificationPayload } from "~/realtime/protocol";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { startNotificationJob } from "../../server/notification-job";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, waitFor } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { makeCase } from "../support/preparation-cases";
import { requireSocket, type CircleClientSocket } from "../support/realtime-clients";
import { signInDemoStaff, useDemoServer } from "../support/server";

/**
 * Notifications on the real server: a letter submitted reaches the case's facilitators live and
 * in the database, and nobody else; the author hears only that their facilitator replied; the
 * deadline job tells each person once per deadline, however often it runs and after a restart;
 * switched-off kinds stay off; the email digest says how many and nothing about any case.
 */
const REFERENCE = "RJ-2026-0142";
const STAFF = ["lead", "co", "supervisor", "admin", "other"] as const;
type Who = (typeof STAFF)[number];

describe("notifications", () => {
  const server = useDemoServer();
  let staff: Awaited<ReturnType<typeof signInDemoStaff>>;
  let caseId = "";
  let letterId = "";
  const sockets = {} as Record<Who, CircleClientSocket>;
  const heard = {} as Record<Who, NotificationPayload[]>;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    staff = await signInDemoStaff(server().origin);
    caseId = await caseIdByReference(REFERENCE);
    letterId = (await getDb().letter.findFirstOrThrow({ where: { caseId, author: { username: "daniel" } }, select: { id: true } })).id;
    for (const who of STAFF) {
      heard[who] = [];
      sockets[who] = await requireSocket(server().origin, staff[who].cookieHeader);
      sockets[who].on("notification:new", (n) => heard[who].push(n));
    }
  });
  afterAll(() => {
    peers.forEach((p) => p.destroy());
    STAFF.forEach((who) => sockets[who]?.close());
  });

  /** Everyone told of one event, from the database. */
  const toldOf = async (where: { kind: NotificationKind; link?: string }) =>
    (await getDb().notification.findMany({ where: { ...where, caseId }, select: { recipient: { select: { email: true } } } })).map((n) => n.recipient.email).sort();

  it("a facilitator is told live when the author submits a letter; nobody off the case, nor the supervisor, hears of it", async () => {
    const author = await clientFor(server().origin, "letterAuthor");
    const peer = connectPeer(server().origin, author.cookieHeader, `letter:${letterId}`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "synced");
    const field = flatField(peer.doc, "letter");
    peer.doc.transact(() => appendParagraphs(field, ["Dear Jess,", "I am sorry for what I did at the bus stop."]));
    await waitFor(() => allSaved(peer), 10_000, "saved");
    expect((await author.post(`/letters/${letterId}`, { intent: "submit" })).status).toBe(200);

    const link = `/cases/${caseId}/letters/${letterId}`;
    const live = await waitFor(() => heard.lead.find((n) => n.kind === "LETTER_SUBMITTED"), 10_000, "the lead's live notification");
    expect(live).toMatchObject({ link, text: `A letter on ${REFERENCE} was submitted for your review.` });
    expect(live.unread).toBeGreaterThan(0);
    await waitFor(() => heard.co.find((n) => n.kind === "LETTER_SUBMITTED"), 10_000, "the co-facilitator's");
    expect(await toldOf({ kind: "LETTER_SUBMITTED", link })).toEqual(["co@demo.circle", "lead@demo.circle"]);
    for (const who of ["supervisor", "admin", "other"] as const)
      expect(
        heard[who].filter((n) => n.link.includes(caseId)),
        who,
      ).toEqual([]);

    // The list links to the letter; the text names the case's reference and nothing of the letter.
    const page = await (await staff.lead.get("/notifications")).text();
    expect(page).toContain(`href="${link}"`);
    expect(page).not.toContain("bus stop");
    // Someone on other cases sees nothing of this case on their own list.
    expect(await (await staff.other.get("/notifications")).text()).not.toContain(REFERENCE);
  });

  it("the author is told only that their facilitator replied, on their workspace; the facilitator is not told of their own comment", async () => {
    const res = await staff.lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "request-changes", reason: "Please say it in your own words." });
    expect(res.status).toBe(200);
    const author = await clientFor(server().origin, "letterAuthor");
    const home = await (await author.get("/letters")).text();
    expect(home).toContain("Your facilitator replied about your letter.");
    expect(home).not.toContain(REFERENCE);
    const theirs = await getDb().notification.findMany({ where: { recipient: { username: "daniel" } }, select: { kind: true, link: true } });
    expect(theirs.length).toBeGreaterThan(0);
    expect(new Set(theirs.map((n) => n.kind))).toEqual(new Set(["LETTER_REPLIED"]));
    expect(theirs.every((n) => n.link === `/letters/${letterId}`)).toBe(true);
    expect(await toldOf({ kind: "LETTER_REPLIED" })).toEqual(["daniel@authors.circle.invalid"]);
    // Staff never get the author's kind, and the author reaches no staff list.
    expect((await author.get("/notifications")).status).toBe(404);
  });

  it("marking read is one's own: the count falls for the lead and their other tablet hears it; another person's id marks nothing", async () => {
    await notify({ kind: "CONFERENCE_MOVED", caseId, subject: "read-test", actorId: null, when: new Date().toISOString() });
    const mine = await getDb().notification.findFirstOrThrow({ where: { recipient: { email: "lead@demo.circle" }, readAt: null }, select: { id: true, link: true } });
    // Opening someone else's goes nowhere and marks nothing; opening one's own marks it and goes where the row says.
    expect((await staff.other.post("/notifications", { intent: "open", id: mine.id })).status).toBe(400);
    const opened = await staff.lead.post("/notifications", { intent: "open", id: mine.id });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(mine.link);
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: mine.id }, select: { readAt: true } })).readAt).not.toBeNull();
    const next = await getDb().notification.findFirstOrThrow({ where: { recipient: { email: "lead@demo.circle" }, readAt: null }, select: { id: true } });
    const counts: number[] = [];
    sockets.lead.on("notification:unread", ({ unread }) => counts.push(unread));
    expect((await staff.co.post("/notifications", { intent: "read", id: next.id })).status).toBe(200);
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: next.id }, select: { readAt: true } })).readAt).toBeNull();
    expect((await staff.lead.post("/notifications", { intent: "read-all" })).status).toBe(200);
    await waitFor(() => counts.includes(0), 10_000, "the lead's tablet hears the count fall to 0");
    expect(await getDb().notification.count({ where: { recipient: { email: "lead@demo.circle" }, readAt: null } })).toBe(0);
  });

  it("the deadline job tells each person once per deadline, run twice or restarted, and respects a kind switched off", async () => {
    const db = getDb();
    // A weekly contact first due seven days after the person was added, on that day's morning.
    const person = await db.participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" }, select: { id: true, createdAt: true } });
    await db.preparationContact.deleteMany({ where: { participantId: person.id } });
    await db.participant.update({ where: { id: person.id }, data: { contactFrequency: "WEEKLY" } });
    const dueDay = new Date(person.createdAt.getTime() + 7 * 24 * 3600 * 1000);
    const key = (iso: Date) => `CONTACT_DUE:${person.id}:${iso.toISOString().slice(0, 10)}`;
    const told = async (day: Date) =>
      (await db.notification.findMany({ where: { dedupeKey: key(day) }, select: { recipient: { select: { email: true } } } })).map((n) => n.recipient.email).sort();

    // The co-facilitator switches the kind off through their settings page.
    const kinds = ["LETTER_SUBMITTED", "APPROVAL_GIVEN"];
    expect(
      (
        await staff.co.postForm(
          "/account/notifications",
          kinds.map((k) => ["on[]", k]),
        )
      ).status,
    ).toBe(200);

    const runAt = (at: Date) => {
      const job = startNotificationJob({ intervalMs: 3_600_000, now: () => at });
      return job.runNow().finally(() => job.stop());
    };
    await runAt(dueDay);
    await runAt(new Date(dueDay.getTime() + 3600 * 1000));
    expect(await told(dueDay)).toEqual(["lead@demo.circle"]);
    // A restart is a new job with nothing in memory: it finds the same deadline and tells nobody again.
    await runAt(dueDay);
    expect(await told(dueDay)).toEqual(["lead@demo.circle"]);
    expect(await db.notification.count({ where: { dedupeKey: key(dueDay) } })).toBe(1);
  });

  // The co-facilitator kept this kind on in the settings above (and switched the declined kind off).
  it("a supervisor's decision on a risk assessment reaches the case's facilitators, in words naming only the reference", async () => {
    const c = await makeCase({ sensitive: true, recommendation: "PROCEED" });
    const reference = (await getDb().case.findUniqueOrThrow({ where: { id: c.caseId }, select: { reference: true } })).reference;
    const decided = await staff.supervisor.post(`/cases/${c.caseId}/approval`, {
      intent: "decide",
      assessmentId: c.assessmentId!,
      decision: "APPROVED",
      comments: "Measures are proportionate.",
    });
    expect(decided.status).toBe(200);
    const rows = await getDb().notification.findMany({
      where: { caseId: c.caseId, kind: "APPROVAL_GIVEN" },
      select: { text: true, link: true, recipient: { select: { email: true } } },
    });
    expect(rows.map((r) => r.recipient.email).sort()).toEqual(["co@demo.circle", "lead@demo.circle"]);
    expect(rows.every((r) => r.text === `The risk assessment on ${reference} was approved.` && r.link === `/cases/${c.caseId}`)).toBe(true);
    await waitFor(() => heard.co.find((n) => n.kind === "APPROVAL_GIVEN" && n.link === `/cases/${c.caseId}`), 10_000, "the co-facilitator hears it live");
  });

  it("nobody holds a notification about a case they are not on, whatever made it", async () => {
    const rows = await getDb().notification.findMany({
      select: { kind: true, recipientId: true, case: { select: { members: { select: { userId: true } }, letters: { select: { authorId: true } } } } },
    });
    expect(rows.length).toBeGreaterThan(3);
    const strays = rows.filter((n) =>
      n.kind === "LETTER_REPLIED" ? !n.case?.letters.some((l) => l.authorId === n.recipientId) : !n.case?.members.some((m) => m.userId === n.recipientId),
    );
    expect(strays).toEqual([]);
  });

  it("the email digest says how many, links to Circle, names no case, and goes once a day", async () => {
    const received: { to: string; body: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        let body = "";
        stream.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const env = { ...getEnv(), SMTP_HOST: "127.0.0.1", SMTP_PORT: port, SMTP_FROM: "circle@service.example", PUBLIC_URL: "https://circle.service.example" };
      const supervisor = await getDb().user.findUniqueOrThrow({ where: { email: "supervisor@demo.circle" }, select: { id: true } });
      await saveNotificationSettings(supervisor.id, [], [], true);
      // Something new for the supervisor: every case member is told of a conference put on hold.
      await notify({ kind: "CONFERENCE_HELD", caseId, subject: "digest-test", actorId: null });

      const now = new Date();
      expect(await sendDigests(now, env)).toEqual({ sent: 1, failed: 0 });
      expect(await sendDigests(new Date(now.getTime() + 60_000), env)).toEqual({ sent: 0, failed: 0 });
      expect(received).toHaveLength(1);
      const mail = received[0]!;
      expect(mail.to).toBe("supervisor@demo.circle");
      expect(mail.body).toMatch(/You have \d+ new notifications? in Circle/);
      expect(mail.body).toContain("https://circle.service.example/notifications");
      const people = await getDb().participant.findMany({ select: { name: true, preferredName: true } });
      const cases = await getDb().case.findMany({ select: { reference: true } });
      for (const word of [...cases.map((c) => c.reference), ...people.flatMap((p) => [...p.name.split(/\s+/), p.preferredName])].filter((w) => w && w.length > 2)) {
        expect(mail.body, word).not.toContain(word);
      }
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
