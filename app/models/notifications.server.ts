import { Prisma } from "@prisma/client";
import type { NotificationPayload } from "~/realtime/protocol";
import { db } from "~/utils/db.server";
import { isLetterAuthor, type CaseResource, type LetterResource, type Principal } from "~/utils/permissions";
import type { CaseRole, StaffRole } from "~/utils/roles";
import { AUTHOR_KINDS, STAFF_KINDS, type NotificationKind } from "./notification-kinds";
import { chooseRecipients, dedupeKey, notificationLink, notificationText, type Candidate, type NotificationEvent } from "./notification-rules";

/**
 * Notifications (docs/architecture.md, "Notifications"): `notify` is the one way one is made. It
 * is called after the change it is about has committed (a notification of something rolled back
 * would be false), loads the facts, lets `chooseRecipients` (can(), preferences) decide, writes
 * one row per person under the event's unique key, and pushes each new row to its person's open
 * tablets through the sink the server registers. A crash between the change and this call loses
 * the notification, never the change; the deadline job's events are found again at its next run.
 */

/** How the server delivers a new notification, or a new unread count, to a person's open sockets (server/app.ts). */
export type NotificationSink = {
  created(userId: string, payload: NotificationPayload): void;
  unread(userId: string, unread: number): void;
};

// server/index.ts (tsx) and the Remix build each load this module: the sink lives on globalThis,
// like the database client, so a route's notify() reaches the sockets the server holds.
const registry = globalThis as typeof globalThis & { __circleNotificationSink?: NotificationSink };

export function setNotificationSink(sink: NotificationSink | undefined) {
  registry.__circleNotificationSink = sink;
}

type Facts = { reference: string; candidates: Candidate[] };

const principalOf = (u: { id: string; role: string; serviceId: string }): Principal => ({ id: u.id, role: u.role as StaffRole | "LETTER_AUTHOR", serviceId: u.serviceId });
const PERSON = { select: { id: true, role: true, serviceId: true, disabled: true } } as const;

/** The case's team (and, for a letter, its author), with what can() needs; null for a case gone or disposed of. */
async function factsOf(event: NotificationEvent): Promise<Facts | null> {
  const found = await db.case.findUnique({
    where: { id: event.caseId },
    select: { reference: true, serviceId: true, disposedAt: true, members: { select: { role: true, user: PERSON } } },
  });
  if (!found || found.disposedAt) return null;
  const letter = event.letterId ? await db.letter.findFirst({ where: { id: event.letterId, caseId: event.caseId }, select: { id: true, author: PERSON } }) : null;
  if (event.letterId && !letter) return null;
  const base = { caseId: event.caseId, serviceId: found.serviceId };
  const resourceFor = (membership: CaseRole | null, isAuthor: boolean): CaseResource | LetterResource =>
    letter ? { kind: "letter", letterId: letter.id, ...base, membership, isAuthor } : { kind: "case", ...base, membership };
  const candidates: Candidate[] = found.members.map((m) => ({
    principal: principalOf(m.user),
    disabled: m.user.disabled,
    resource: resourceFor(m.role as CaseRole, false),
  }));
  if (letter) candidates.push({ principal: principalOf(letter.author), disabled: letter.author.disabled, resource: resourceFor(null, true) });
  return { reference: found.reference, candidates };
}

/** Tells everyone the event concerns, once per event. Returns whom it told (tests; nobody for a repeat). */
export async function notify(event: NotificationEvent): Promise<string[]> {
  const facts = await factsOf(event);
  if (!facts) return [];
  const off = await db.notificationPreference.findMany({
    where: { kind: event.kind, enabled: false, userId: { in: facts.candidates.map((c) => c.principal.id) } },
    select: { userId: true },
  });
  const recipients = chooseRecipients(event, facts.candidates, new Set(off.map((p) => p.userId)));
  if (recipients.length === 0) return [];
  const key = dedupeKey(event);
  const already = await db.notification.findMany({ where: { dedupeKey: key, recipientId: { in: recipients } }, select: { recipientId: true } });
  const seen = new Set(already.map((n) => n.recipientId));
  const link = notificationLink(event);
  const text = notificationText(event, facts.reference);
  const roleOf = new Map(facts.candidates.map((c) => [c.principal.id, c.principal.role]));
  const told: string[] = [];
  for (const recipientId of recipients.filter((id) => !seen.has(id))) {
    try {
      const row = await db.notification.create({
        data: { recipientId, kind: event.kind, caseId: event.caseId, link, text, dedupeKey: key },
        select: { id: true, kind: true, link: true, text: true, createdAt: true },
      });
      told.push(recipientId);
      await push({ id: recipientId, role: roleOf.get(recipientId) ?? "LETTER_AUTHOR" }, row);
    } catch (error) {
      // Two runs raced to the same event: the unique key kept the other's row, which is the one.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
  }
  return told;
}

/** A letter author has no socket (their workspace shows theirs when it loads): only staff are pushed to. */
async function push(user: { id: string; role: string }, row: { id: string; kind: string; link: string; text: string; createdAt: Date }) {
  const sink = registry.__circleNotificationSink;
  if (!sink || isLetterAuthor(user)) return;
  const unread = await countUnread(user);
  sink.created(user.id, { id: row.id, kind: row.kind as NotificationKind, link: row.link, text: row.text, createdAt: row.createdAt.toISOString(), unread });
}

/**
 * What a person may still see of their notifications: a letter author only their kind; staff only
 * about cases they are still on (someone taken off a case stops seeing its notifications at once,
 * though the rows stay until the case is disposed of) and never the author's kind.
 */
function visibleTo(user: { id: string; role: string }): Prisma.NotificationWhereInput {
  if (isLetterAuthor(user)) return { recipientId: user.id, kind: { in: [...AUTHOR_KINDS] } };
  return { recipientId: user.id, kind: { in: [...STAFF_KINDS] }, OR: [{ caseId: null }, { case: { disposedAt: null, members: { some: { userId: user.id } } } }] };
}

export async function countUnread(user: { id: string; role: string }): Promise<number> {
  return db.notification.count({ where: { ...visibleTo(user), readAt: null } });
}

export type NotificationRow = { id: string; kind: NotificationKind; link: string; text: string; createdAt: string; read: boolean };

/** Newest first; the list is a person's recent notifications, not an archive. */
export async function listNotifications(user: { id: string; role: string }, take = 100): Promise<NotificationRow[]> {
  const rows = await db.notification.findMany({
    where: visibleTo(user),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, link: true, text: true, createdAt: true, readAt: true },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind as NotificationKind, link: r.link, text: r.text, createdAt: r.createdAt.toISOString(), read: r.readAt !== null }));
}

/** Where one of the person's own notifications leads, or null when it is not theirs to see. */
export async function notificationLinkOf(user: { id: string; role: string }, id: string): Promise<string | null> {
  return (await db.notification.findFirst({ where: { ...visibleTo(user), id }, select: { link: true } }))?.link ?? null;
}

/** Marks one (by id) or all of a person's notifications read; only their own. Tells their other tablets the new count. */
export async function markRead(user: { id: string; role: string }, which: { id: string } | "all"): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { ...visibleTo(user), readAt: null, ...(which === "all" ? {} : { id: which.id }) },
    data: { readAt: new Date() },
  });
  registry.__circleNotificationSink?.unread(user.id, await countUnread(user));
  return count;
}

/** A letter's event (submitted; a facilitator's reply to its author): the case is the letter's. */
export async function notifyAboutLetter(kind: "LETTER_SUBMITTED" | "LETTER_REPLIED", letterId: string, subject: string, actorId: string | null) {
  const letter = await db.letter.findUnique({ where: { id: letterId }, select: { caseId: true } });
  return letter ? notify({ kind, caseId: letter.caseId, letterId, subject, actorId }) : [];
}

/**
 * After a change that may have put bookings on hold (a withdrawal, a worse assessment, a declined
 * approval, a case marked sensitive): each conference now on hold, once per hold (its hold is
 * named by when the row last changed, so a re-booked conference held again is a new event).
 */
export async function notifyConferencesHeld(caseId: string, actorId: string) {
  const held = await db.conference.findMany({ where: { caseId, status: "ON_HOLD" }, select: { id: true, updatedAt: true } });
  for (const c of held) await notify({ kind: "CONFERENCE_HELD", caseId, subject: `${c.id}:${c.updatedAt.toISOString()}`, actorId });
}

export type NotificationSettings = { off: NotificationKind[]; digest: boolean };

export async function notificationSettings(userId: string): Promise<NotificationSettings> {
  const [off, digest] = await Promise.all([
    db.notificationPreference.findMany({ where: { userId, enabled: false }, select: { kind: true } }),
    db.notificationDigest.findUnique({ where: { userId }, select: { enabled: true } }),
  ]);
  return { off: off.map((p) => p.kind as NotificationKind), digest: digest?.enabled ?? false };
}

/** Saves which of `offered` kinds stay on; the digest only when it is offered (SMTP configured), else it is left as it was. */
export async function saveNotificationSettings(userId: string, offered: readonly NotificationKind[], on: readonly NotificationKind[], digest: boolean | null) {
  const keep = new Set(on);
  await db.$transaction([
    ...offered.map((kind) =>
      db.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, enabled: keep.has(kind) }, update: { enabled: keep.has(kind) } }),
    ),
    ...(digest === null ? [] : [db.notificationDigest.upsert({ where: { userId }, create: { userId, enabled: digest }, update: { enabled: digest } })]),
  ]);
  return { off: offered.filter((k) => !keep.has(k)).length };
}
