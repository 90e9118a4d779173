import { z } from "zod";
import { db } from "~/utils/db.server";
import { can, type Principal } from "~/utils/permissions";
import { displayName, type ParticipantRole } from "~/utils/preparation";
import { parseRichDoc } from "~/utils/rich-text";
import { RecordIdSchema } from "~/utils/schemas";
import { getCaseResource } from "./case-access.server";
import type { CollabAccess } from "./collab-access";
import { countDue, newestStatuses, parseTerms, serviceToday, termDueState, type DueCounts } from "./agreement-monitoring";
import { FINAL_STATUSES, type AgreementStatus, type FrozenTerm, type VersionState } from "./agreement-schemas";

/** Reads of outcome agreements: the workspace, summaries, the review queue, due terms. */
export const agreementDocName = (agreementId: string) => `agreement:${agreementId}`;

/** A case's agreement: one per case (the newest, should a second ever exist). */
export async function getCaseAgreement(caseId: string) {
  return db.agreement.findFirst({
    where: { caseId },
    orderBy: { createdAt: "desc" },
    select: { id: true, caseId: true, status: true, approvedVersionId: true, conferenceId: true, createdAt: true },
  });
}

/** Collab access to `agreement:<id>`: facilitators write while drafting, every member reads, others nothing (404). */
export async function agreementCollabLevel(user: Principal, agreementId: string): Promise<CollabAccess | null> {
  const agreement = await db.agreement.findUnique({ where: { id: agreementId }, select: { caseId: true, status: true } });
  if (!agreement) return null;
  const resource = await getCaseResource(user, agreement.caseId);
  if (!resource) return null;
  if (agreement.status === "DRAFTING" && can(user, "agreement:draft", resource)) return { level: "write", caseId: agreement.caseId };
  if (can(user, "agreement:read", resource)) return { level: "read", caseId: agreement.caseId };
  return null;
}

async function userNames(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function listAgreementParticipants(caseId: string) {
  const rows = await db.participant.findMany({
    where: { caseId, removedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, preferredName: true, role: true },
  });
  return rows.map((p) => ({ id: p.id, name: p.name, shortName: displayName(p), role: p.role as ParticipantRole }));
}

async function loadVersions(agreementId: string) {
  const versions = await db.agreementVersion.findMany({
    where: { agreementId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      state: true,
      contentHash: true,
      termsJson: true,
      narrativeJson: true,
      narrativeText: true,
      createdAt: true,
      createdById: true,
      submittedAt: true,
      submittedById: true,
      decidedAt: true,
      decidedById: true,
      decisionReason: true,
      signatures: {
        orderBy: { signedAt: "asc" },
        select: { id: true, participantId: true, method: true, drawing: true, typedName: true, attestedById: true, contentHash: true, signedAt: true },
      },
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, termId: true, body: true, authorId: true, createdAt: true } },
    },
  });
  const names = await userNames(versions.flatMap((v) => [v.submittedById, v.decidedById, ...v.signatures.map((s) => s.attestedById), ...v.comments.map((c) => c.authorId)]));
  return versions.map(({ termsJson, narrativeJson, ...v }) => ({
    ...v,
    state: v.state as VersionState,
    terms: parseTerms(termsJson),
    narrative: parseRichDoc(narrativeJson),
    submittedBy: v.submittedById ? (names.get(v.submittedById) ?? null) : null,
    decidedBy: v.decidedById ? (names.get(v.decidedById) ?? null) : null,
    signatures: v.signatures.map((s) => ({ ...s, attestedBy: s.attestedById ? (names.get(s.attestedById) ?? null) : null })),
    comments: v.comments.map((c) => ({ ...c, author: names.get(c.authorId) ?? "Someone" })),
  }));
}
export type LoadedVersion = Awaited<ReturnType<typeof loadVersions>>[number];

async function loadMonitoring(agreementId: string, approved: LoadedVersion | undefined) {
  if (!approved) return null;
  const [progress, payments, notices] = await Promise.all([
    db.agreementTermProgress.findMany({
      where: { agreementId },
      orderBy: { createdAt: "asc" },
      select: { id: true, termId: true, status: true, note: true, updatedById: true, createdAt: true },
    }),
    db.agreementPayment.findMany({
      where: { agreementId },
      orderBy: { receivedAt: "asc" },
      select: { id: true, termId: true, amountPence: true, receivedAt: true, recordedById: true },
    }),
    db.agreementOutcomeNotice.findMany({
      where: { agreementId },
      orderBy: { createdAt: "asc" },
      select: { id: true, participantId: true, outcome: true, method: true, toldAt: true, note: true, recordedById: true },
    }),
  ]);
  const names = await userNames([...progress.map((p) => p.updatedById), ...payments.map((p) => p.recordedById), ...notices.map((n) => n.recordedById)]);
  const statuses = newestStatuses(progress);
  const today = serviceToday();
  const terms = approved.terms.map((t) => {
    const status = statuses.get(t.id) ?? "NOT_STARTED";
    const paid = payments.filter((p) => p.termId === t.id).reduce((sum, p) => sum + p.amountPence, 0);
    return {
      term: t,
      status,
      dueState: termDueState(t.dueDate, status, today),
      paidPence: paid,
      history: progress
        .filter((p) => p.termId === t.id)
        .map((p) => ({ ...p, by: names.get(p.updatedById) ?? "Someone" }))
        .reverse(),
      payments: payments.filter((p) => p.termId === t.id).map((p) => ({ ...p, by: names.get(p.recordedById) ?? "Someone" })),
    };
  });
  return { terms, notices: notices.map((n) => ({ ...n, by: names.get(n.recordedById) ?? "Someone" })) };
}

function loadDraftTerms(agreementId: string) {
  return db.agreementTerm.findMany({
    where: { agreementId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      type: true,
      description: true,
      responsibleId: true,
      beneficiaryId: true,
      dueDate: true,
      verification: true,
      amountPence: true,
      instalments: true,
      hours: true,
    },
  });
}

/** Everything the agreement workspace shows. */
export async function getAgreementWorkspace(caseId: string) {
  const [heading, participants, agreement] = await Promise.all([
    db.case.findUnique({ where: { id: caseId }, select: { id: true, reference: true, title: true, stage: true } }),
    listAgreementParticipants(caseId),
    getCaseAgreement(caseId),
  ]);
  if (!heading) return null;
  const [terms, versions] = agreement ? await Promise.all([loadDraftTerms(agreement.id), loadVersions(agreement.id)]) : [[], []];
  const approved = agreement ? versions.find((v) => v.id === agreement.approvedVersionId) : undefined;
  return {
    heading,
    participants,
    agreement: agreement ? { ...agreement, status: agreement.status as AgreementStatus } : null,
    terms: terms as Awaited<ReturnType<typeof loadDraftTerms>>,
    versions: versions as LoadedVersion[],
    monitoring: agreement ? await loadMonitoring(agreement.id, approved) : null,
  };
}

/** The case screen's agreement card: status, term count, the newest version and what is due. */
export async function getAgreementSummary(caseId: string) {
  const agreement = await getCaseAgreement(caseId);
  if (!agreement) return null;
  const [terms, latest] = await Promise.all([
    db.agreementTerm.count({ where: { agreementId: agreement.id } }),
    db.agreementVersion.findFirst({ where: { agreementId: agreement.id }, orderBy: { number: "desc" }, select: { number: true, state: true } }),
  ]);
  const due = (await dueTermsByCase([caseId])).get(caseId) ?? { due: 0, overdue: 0 };
  return { status: agreement.status as AgreementStatus, terms, latestVersion: latest ? { number: latest.number, state: latest.state as VersionState } : null, ...due };
}
export type AgreementSummary = NonNullable<Awaited<ReturnType<typeof getAgreementSummary>>>;

/** Approved agreements' terms with their newest status, for the given cases (the notification job reads them too). */
export async function monitoredTerms(caseIds: string[]) {
  if (caseIds.length === 0) return [];
  const agreements = await db.agreement.findMany({
    where: { caseId: { in: caseIds }, status: "APPROVED", approvedVersionId: { not: null } },
    select: { id: true, caseId: true, approvedVersionId: true, progress: { select: { termId: true, status: true, createdAt: true } } },
  });
  const versions = await db.agreementVersion.findMany({ where: { id: { in: agreements.map((a) => a.approvedVersionId!) } }, select: { id: true, termsJson: true } });
  const termsOf = new Map(versions.map((v) => [v.id, parseTerms(v.termsJson)]));
  return agreements.map((a) => ({ caseId: a.caseId, agreementId: a.id, terms: termsOf.get(a.approvedVersionId!) ?? [], statuses: newestStatuses(a.progress) }));
}

export async function dueTermsByCase(caseIds: string[]): Promise<Map<string, DueCounts>> {
  const today = serviceToday();
  return new Map((await monitoredTerms(caseIds)).map((m) => [m.caseId, countDue(m.terms, m.statuses, today)]));
}

/** The supervisor's dashboard: terms due soon or overdue on the cases they supervise. */
export async function listDueTermsForSupervisor(userId: string) {
  const cases = await db.case.findMany({ where: { members: { some: { userId, role: "SUPERVISOR" } } }, select: { id: true, reference: true, title: true } });
  const today = serviceToday();
  const byId = new Map(cases.map((c) => [c.id, c]));
  return (await monitoredTerms(cases.map((c) => c.id)))
    .flatMap((m) =>
      m.terms.flatMap((t: FrozenTerm) => {
        const status = m.statuses.get(t.id) ?? "NOT_STARTED";
        const state = termDueState(t.dueDate, status, today);
        return state ? [{ caseId: m.caseId, reference: byId.get(m.caseId)!.reference, term: t, status, state }] : [];
      }),
    )
    .sort((a, b) => (a.term.dueDate ?? "").localeCompare(b.term.dueDate ?? ""));
}

/** Versions waiting for this supervisor's decision, oldest first. */
export async function listReviewQueue(userId: string) {
  const rows = await db.agreementVersion.findMany({
    where: { state: "SUBMITTED", agreement: { status: "SUBMITTED", case: { members: { some: { userId, role: "SUPERVISOR" } } } } },
    orderBy: { submittedAt: "asc" },
    select: { id: true, number: true, submittedAt: true, submittedById: true, agreement: { select: { caseId: true, case: { select: { reference: true, title: true } } } } },
  });
  const names = await userNames(rows.map((r) => r.submittedById));
  return rows.map((r) => ({
    versionId: r.id,
    number: r.number,
    caseId: r.agreement.caseId,
    reference: r.agreement.case.reference,
    title: r.agreement.case.title,
    submittedAt: (r.submittedAt ?? new Date()).toISOString(),
    submittedBy: r.submittedById ? (names.get(r.submittedById) ?? "A facilitator") : "A facilitator",
  }));
}

export const isFinal = (status: string) => FINAL_STATUSES.includes(status);

const DiffQuery = z.object({ from: RecordIdSchema, to: RecordIdSchema });

/** The two versions a comparison page names in its address, or null (read here: the schema would put zod in the page's download). */
export function versionPairQueryOf(url: URL): { from: string; to: string } | null {
  const query = DiffQuery.safeParse(Object.fromEntries(url.searchParams));
  return query.success ? query.data : null;
}

/** Two versions of one agreement, for comparing them; either is undefined when it is not this agreement's. */
export async function getAgreementVersionPair(agreementId: string, fromId: string, toId: string) {
  const versions = await db.agreementVersion.findMany({
    where: { agreementId, id: { in: [fromId, toId] } },
    select: { id: true, number: true, termsJson: true, narrativeText: true },
  });
  return { from: versions.find((v) => v.id === fromId), to: versions.find((v) => v.id === toId) };
}
