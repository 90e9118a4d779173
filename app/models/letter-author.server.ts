import { randomInt } from "node:crypto";
import type { z } from "zod";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { displayName } from "~/utils/preparation";
import { letterGate } from "./gates";
import { loadGateFacts } from "./preparation.server";
import type { OpenLetterSchema } from "./letter-schemas";
import { hashInviteCode } from "./sign-in.server";

export const INVITE_DAYS = 14;

/** The writing guidance every author sees, whatever the facilitator adds. */
export const DEFAULT_GUIDANCE = [
  "Say what you did, plainly, without excuses.",
  "Show that you understand how it affected them.",
  "Take responsibility: it was your choice.",
  "Say what you will do differently.",
  "Do not ask for forgiveness or for a reply.",
];

// No 0/O or 1/I/L: the code is read off paper.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A one-time invite code like "7KQM-2WXA-PR9D" (about 59 bits), shown once to the facilitator. */
export function newInviteCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

export const authorEmail = (username: string) => `${username}@authors.circle.invalid`;

type OpenInput = z.infer<typeof OpenLetterSchema>;
export type OpenResult = { ok: true; letterId: string; inviteCode: string | null } | { ok: false; errors: Record<string, string>; reasons?: string[] };

/**
 * Opens a letter task: checks the letter gate and the people named, then creates the author's
 * account (no email, no case membership) and the letter, in one transaction.
 */
export async function openLetter(caseId: string, serviceId: string, createdById: string, input: OpenInput): Promise<OpenResult> {
  const facts = await loadGateFacts(caseId);
  const gate = facts ? letterGate(facts) : { ok: false as const, reasons: ["Case not found."] };
  if (!gate.ok) return { ok: false, errors: { form: "A letter cannot be opened yet." }, reasons: gate.reasons };
  const people = await db.participant.findMany({
    where: { caseId, removedAt: null, id: { in: [input.writerId, input.recipientId] } },
    select: { id: true, role: true, name: true, preferredName: true },
  });
  const writer = people.find((p) => p.id === input.writerId && p.role === "PERSON_RESPONSIBLE");
  const recipient = people.find((p) => p.id === input.recipientId && p.role === "PERSON_HARMED");
  if (!writer) return { ok: false, errors: { writerId: "Choose the person responsible on this case." } };
  if (!recipient) return { ok: false, errors: { recipientId: "Choose the person harmed on this case." } };
  const taken = await db.user.count({ where: { OR: [{ username: input.username }, { email: authorEmail(input.username) }] } });
  if (taken) return { ok: false, errors: { username: "That username is taken. Choose another." } };
  const hash = input.access === "password" ? await hashPassword(input.password) : null;
  const inviteCode = input.access === "invite" ? newInviteCode() : null;
  const letter = await db.$transaction(async (tx) => {
    const author = await tx.user.create({
      data: {
        email: authorEmail(input.username),
        username: input.username,
        name: displayName(writer),
        role: "LETTER_AUTHOR",
        serviceId,
        ...(hash ? { password: { create: { hash } } } : {}),
      },
      select: { id: true },
    });
    return tx.letter.create({
      data: {
        caseId,
        authorId: author.id,
        writerId: writer.id,
        recipientId: recipient.id,
        recipientLabel: input.recipientLabel,
        guidance: input.guidance,
        createdById,
        inviteCodeHash: inviteCode ? hashInviteCode(inviteCode) : null,
        inviteExpiresAt: inviteCode ? new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000) : null,
      },
      select: { id: true },
    });
  });
  return { ok: true, letterId: letter.id, inviteCode };
}

/** A fresh one-time code for an open letter (the old one stops working). */
export async function renewInvite(letterId: string): Promise<string> {
  const code = newInviteCode();
  await db.letter.update({
    where: { id: letterId },
    data: { inviteCodeHash: hashInviteCode(code), inviteExpiresAt: new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000) },
    select: { id: true },
  });
  return code;
}

/** The people a letter can be opened for and addressed to (the form's choices). */
export async function letterCandidates(caseId: string) {
  const people = await db.participant.findMany({
    where: { caseId, removedAt: null, role: { in: ["PERSON_RESPONSIBLE", "PERSON_HARMED"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, name: true, preferredName: true },
  });
  const pick = (role: string) =>
    people.filter((p) => p.role === role).map((p) => ({ id: p.id, name: displayName(p), preferredName: p.preferredName || p.name.split(" ")[0] || p.name }));
  return { writers: pick("PERSON_RESPONSIBLE"), recipients: pick("PERSON_HARMED") };
}
