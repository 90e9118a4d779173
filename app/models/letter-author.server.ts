import { randomInt } from "node:crypto";
import type { z } from "zod";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { displayName } from "~/utils/preparation";
import { RecordIdSchema } from "~/utils/schemas";
import { letterPairProblems, partyLabel, replyProblems, RECIPIENT_ROLES, WRITER_ROLES } from "~/components/letter/letter-writers";
import { letterGate, letterWriterGate } from "./gates";
import { loadGateFacts } from "./preparation.server";
import type { OpenLetterSchema } from "./letter-schemas";
import { hashInviteCode } from "./sign-in.server";

export const INVITE_DAYS = 14;

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
  const writer = people.find((p) => p.id === input.writerId) ?? null;
  const recipient = people.find((p) => p.id === input.recipientId) ?? null;
  const pair = letterPairProblems(writer, recipient);
  if (Object.keys(pair).length || !writer || !recipient) return { ok: false, errors: pair };
  if (input.replyToId) {
    const original = await answeredLetter(caseId, input.replyToId);
    const reply = replyProblems(original, writer.id, recipient.id);
    if (Object.keys(reply).length) return { ok: false, errors: reply };
  }
  // The letter gate asks the person responsible's consent (they write or receive every letter);
  // anyone else who writes has agreed to it themselves.
  const writerGate = facts ? letterWriterGate(facts, writer.id) : { ok: true as const };
  const consent = writerGate.ok ? [] : writerGate.reasons;
  if (consent.length) return { ok: false, errors: { form: "A letter cannot be opened yet." }, reasons: consent };
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
        replyToId: input.replyToId,
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

/** The letter a reply would answer, on this case, with when it reached its recipient (null when it did not). */
async function answeredLetter(caseId: string, letterId: string) {
  const l = await db.letter.findFirst({
    where: { id: letterId, caseId },
    select: { status: true, writerId: true, recipientId: true, releases: { orderBy: { releasedAt: "desc" }, take: 1, select: { releasedAt: true } } },
  });
  return l ? { status: l.status, writerId: l.writerId, recipientId: l.recipientId, releasedAt: l.releases[0]?.releasedAt ?? null } : null;
}

/**
 * The people a letter can be opened for and addressed to (the form's choices): writers are the
 * persons harmed and responsible and supporters, recipients the persons harmed and responsible.
 */
export async function letterCandidates(caseId: string) {
  const people = await db.participant.findMany({
    where: { caseId, removedAt: null, role: { in: [...WRITER_ROLES] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, role: true, name: true, preferredName: true },
  });
  const pick = (roles: readonly string[]) =>
    people
      .filter((p) => roles.includes(p.role))
      .map((p) => ({ id: p.id, role: p.role, name: displayName(p), label: partyLabel(displayName(p), p.role), preferredName: p.preferredName || p.name.split(" ")[0] || p.name }));
  // The person responsible first among writers: an apology is still the most common letter.
  const writers = [...pick(["PERSON_RESPONSIBLE"]), ...pick(["PERSON_HARMED"]), ...pick(["SUPPORTER"])];
  return { writers, recipients: pick(RECIPIENT_ROLES) };
}

/**
 * A reply the form should prepare, from the page's `?replyTo=` query: the delivered letter on this
 * case it answers, with its writer and recipient swapped. Null when there is none (or it was not
 * delivered: the form then opens an ordinary letter, and the server refuses a forged reply).
 */
export async function replyDraftOf(caseId: string, url: string) {
  const id = new URL(url).searchParams.get("replyTo");
  if (!id || !RecordIdSchema.safeParse(id).success) return null;
  const original = await answeredLetter(caseId, id);
  if (!original || Object.keys(replyProblems(original, original.recipientId, original.writerId)).length) return null;
  const people = await db.participant.findMany({ where: { id: { in: [original.writerId, original.recipientId] } }, select: { id: true, name: true, preferredName: true } });
  const nameOf = (pid: string) => {
    const p = people.find((x) => x.id === pid);
    return p ? displayName(p) : "";
  };
  return { replyToId: id, writerId: original.recipientId, recipientId: original.writerId, from: nameOf(original.writerId), to: nameOf(original.recipientId) };
}
