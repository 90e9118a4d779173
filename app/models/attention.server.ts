import type { Prisma } from "@prisma/client";
import { db } from "~/utils/db.server";
import type { Stage } from "~/utils/roles";
import { dueTermsByCase } from "./agreement.server";
import { participantContactDue, victimsCodeStatus } from "./gates";

/**
 * What needs attention on each case, from the same rules the case screen uses (gates.ts: Victims'
 * Code timers and contact frequencies; agreement monitoring for terms), so "My cases" and the
 * manager's overview can never disagree with the case itself.
 */

const DAY = 24 * 3600 * 1000;
/** A routine contact due within this many days counts as due soon. */
export const CONTACT_DUE_SOON_DAYS = 2;
/** A conference within this many days counts as soon. */
export const CONFERENCE_SOON_DAYS = 7;

export type CaseAttention = {
  /** Victims' Code: people harmed not yet offered information past the deadline / before it. */
  victimsCodeOverdue: number;
  victimsCodeDue: number;
  /** The earliest Victims' Code deadline still open (overdue or not), ISO. */
  victimsCodeDueBy: string | null;
  /** At referral with no person harmed recorded yet: the deadline still runs (standard rights assumed). */
  noPersonHarmed: boolean;
  contactsOverdue: number;
  contactsDueSoon: number;
  /** The earliest routine contact due, ISO. */
  nextContactDue: string | null;
  nextConferenceAt: string | null;
  termsDue: number;
  termsOverdue: number;
  /**
   * Where the case sorts: 0 a deadline is overdue (Victims' Code, agreement term), 1 something is
   * due (a contact, overdue or within two days; Victims' Code information), 2 a conference within
   * a week, 3 the rest, 4 closed.
   */
  tier: 0 | 1 | 2 | 3 | 4;
  /** The date that put the case in its tier (sorts within it, earliest first), ISO or null. */
  urgentAt: string | null;
};

const earliest = (dates: (Date | null | undefined)[]) => dates.reduce<Date | null>((min, d) => (d && (!min || d < min) ? d : min), null);

export type AttentionRow = {
  id: string;
  reference: string;
  title: string;
  stage: Stage;
  sensitive: boolean;
  youth: boolean;
  referredAt: string;
  updatedAt: string;
  /** The lead facilitator's name, or null when the case has none yet. */
  lead: string | null;
  attention: CaseAttention;
};

/** Every case matching `where`, with what needs attention on it. */
export async function loadAttention(where: Prisma.CaseWhereInput, now = new Date()): Promise<AttentionRow[]> {
  const cases = await db.case.findMany({
    where,
    select: {
      id: true,
      reference: true,
      title: true,
      stage: true,
      sensitive: true,
      youth: true,
      referredAt: true,
      updatedAt: true,
      members: { where: { role: "LEAD" }, take: 1, select: { user: { select: { name: true } } } },
      participants: {
        select: {
          role: true,
          enhancedRights: true,
          infoOfferedAt: true,
          notInvitedReason: true,
          contactFrequency: true,
          removedAt: true,
          createdAt: true,
          contacts: { where: { status: "COMPLETED" }, orderBy: { occurredAt: "desc" }, take: 1, select: { occurredAt: true } },
        },
      },
      conferences: { where: { status: "SCHEDULED", scheduledAt: { gte: now } }, orderBy: { scheduledAt: "asc" }, take: 1, select: { scheduledAt: true } },
    },
  });
  const terms = await dueTermsByCase(cases.map((c) => c.id));
  return cases.map((c) => {
    const stage = c.stage as Stage;
    const open = stage !== "CLOSED";
    const harmed = c.participants.filter((p) => p.role === "PERSON_HARMED" && p.removedAt === null);
    // With nobody harmed recorded yet the clock still runs from the referral (standard rights
    // assumed). Only at the referral stage: the gates let no case past it without that person.
    const unrecorded = stage === "REFERRAL" && harmed.length === 0;
    const timers = open ? (unrecorded ? [{ enhancedRights: false, infoOfferedAt: null, notInvitedReason: null }] : harmed).map((p) => victimsCodeStatus(c.referredAt, p, now)) : [];
    const openTimers = timers.filter((t) => t.state === "overdue" || t.state === "due");
    const contactDues = open
      ? c.participants.map((p) =>
          participantContactDue(
            { contactFrequency: p.contactFrequency, removed: p.removedAt !== null, lastContactAt: p.contacts[0]?.occurredAt ?? null, addedAt: p.createdAt },
            now,
          ),
        )
      : [];
    const soonLimit = new Date(now.getTime() + CONTACT_DUE_SOON_DAYS * DAY);
    const contactsOverdue = contactDues.filter((d) => d.overdue).length;
    const contactsDueSoon = contactDues.filter((d) => !d.overdue && d.due !== null && d.due <= soonLimit).length;
    const nextContact = earliest(contactDues.map((d) => d.due));
    const conference = open ? (c.conferences[0]?.scheduledAt ?? null) : null;
    const due = open ? terms.get(c.id) : undefined;
    const victimsCodeDueBy = earliest(openTimers.map((t) => ("dueBy" in t ? new Date(t.dueBy) : null)));
    const attention: Omit<CaseAttention, "tier" | "urgentAt"> = {
      victimsCodeOverdue: timers.filter((t) => t.state === "overdue").length,
      victimsCodeDue: timers.filter((t) => t.state === "due").length,
      victimsCodeDueBy: victimsCodeDueBy?.toISOString() ?? null,
      noPersonHarmed: unrecorded,
      contactsOverdue,
      contactsDueSoon,
      nextContactDue: nextContact?.toISOString() ?? null,
      nextConferenceAt: conference?.toISOString() ?? null,
      termsDue: due?.due ?? 0,
      termsOverdue: due?.overdue ?? 0,
    };
    return {
      id: c.id,
      reference: c.reference,
      title: c.title,
      stage,
      sensitive: c.sensitive,
      youth: c.youth,
      referredAt: c.referredAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      lead: c.members[0]?.user.name ?? null,
      attention: { ...attention, ...rank(open, attention, victimsCodeDueBy, nextContact, conference, now) },
    };
  });
}

function rank(
  open: boolean,
  a: Omit<CaseAttention, "tier" | "urgentAt">,
  victimsCodeDueBy: Date | null,
  nextContact: Date | null,
  conference: Date | null,
  now: Date,
): Pick<CaseAttention, "tier" | "urgentAt"> {
  if (!open) return { tier: 4, urgentAt: null };
  if (a.victimsCodeOverdue > 0 || a.termsOverdue > 0) return { tier: 0, urgentAt: a.victimsCodeOverdue > 0 ? (victimsCodeDueBy?.toISOString() ?? null) : null };
  if (a.contactsOverdue > 0 || a.contactsDueSoon > 0 || a.victimsCodeDue > 0) {
    return { tier: 1, urgentAt: earliest([a.contactsOverdue + a.contactsDueSoon > 0 ? nextContact : null, a.victimsCodeDue > 0 ? victimsCodeDueBy : null])?.toISOString() ?? null };
  }
  if (conference && conference.getTime() - now.getTime() <= CONFERENCE_SOON_DAYS * DAY) return { tier: 2, urgentAt: conference.toISOString() };
  return { tier: 3, urgentAt: null };
}

/**
 * What needs attention first: by tier, then the earliest date that put it there, then the most
 * recently changed. Stable for equal keys.
 */
export function byAttention<T extends { attention: CaseAttention; updatedAt: string }>(rows: T[]): T[] {
  return [...rows].sort(
    (x, y) => x.attention.tier - y.attention.tier || (x.attention.urgentAt ?? "\uffff").localeCompare(y.attention.urgentAt ?? "\uffff") || y.updatedAt.localeCompare(x.updatedAt),
  );
}
