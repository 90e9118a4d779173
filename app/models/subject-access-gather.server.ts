import { db } from "~/utils/db.server";
import type { CircleLoadContext } from "~/utils/load-context";
import { richDocFromYjs, richDocToText } from "~/utils/rich-text";
import { getCaseAuditRows } from "./audit-trail.server";
import { NO_FILTER } from "./audit-filter";
import type { PersonFacts } from "./subject-access-redact";
import { namesPerson } from "./subject-access-redact";
import { participantDetails } from "./participant-details";
import type {
  ExportAccount,
  ExportAgreement,
  ExportConsent,
  ExportExchange,
  ExportLetter,
  ExportPerson,
  ExportProgramme,
  ExportRisk,
  ExportSessionNotes,
  ExportWorksheet,
  SubjectAccessExport,
} from "./subject-access-shape";
import { textToPass } from "./exchange-rules";
import { FEEDBACK_RECORD_FIELDS } from "./feedback.server";
import { deliveredText } from "./letter.server";
import { SESSION_PLAN_FIELDS } from "./programme.server";
import { SESSION_NOTE_SECTIONS } from "./programme-labels";

/**
 * Everything Circle holds about one participant of one case, before redaction: the sections of the
 * export (app/models/subject-access-shape.ts) and the facts the redactor needs about the person and
 * about everyone else on the case. Every query names the case: nothing from another case is read.
 */
type Ctx = Pick<CircleLoadContext, "collab">;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const staff = (u: { name: string } | null) => u?.name ?? "";
const FACTS = { id: true, name: true, preferredName: true, addressAs: true, phone: true, email: true, address: true, dateOfBirth: true } as const;

export type Gathered = {
  sections: Omit<SubjectAccessExport, "format" | "request" | "redaction">;
  subject: PersonFacts;
  others: PersonFacts[];
};

export async function gatherSubjectData(ctx: Ctx, caseId: string, participantId: string): Promise<Gathered> {
  const people = await db.participant.findMany({ where: { caseId }, select: FACTS });
  const subjectRow = people.find((p) => p.id === participantId);
  if (!subjectRow) throw new Error("The participant is not on this case");
  const [letters, writers, worksheetRows] = await Promise.all([
    db.letter.findMany({ where: { caseId }, select: { writerId: true, author: { select: { name: true } } } }),
    db.exchangeWriter.findMany({ where: { caseId }, select: { participantId: true, author: { select: { name: true } } } }),
    db.programmeWorksheet.findMany({ where: { caseId }, select: { participantId: true, author: { select: { name: true } } } }),
  ]);
  // An author account's name is theirs (a letter's, a message workspace's or a worksheet's): the
  // person's own when the account is theirs, a third party's otherwise.
  const accountNames = [
    ...letters.map((l) => ({ of: l.writerId, name: l.author.name })),
    ...[...writers, ...worksheetRows].map((w) => ({ of: w.participantId, name: w.author.name })),
  ];
  const authorNames = (id: string) => [...new Set(accountNames.filter((a) => a.of === id).map((a) => a.name))];
  const facts = (p: (typeof people)[number]): PersonFacts => ({ ...p, otherNames: authorNames(p.id) });
  const subject = facts(subjectRow);
  const others = people.filter((p) => p.id !== participantId).map(facts);

  const [person, consent, contacts, riskAssessments, agreements, letterSections, corrections, feedback, exchange, accounts, programme, programmeSessions, worksheets, accessLog] =
    await Promise.all([
      personSection(participantId),
      consentSection(caseId, participantId),
      contactsSection(caseId, participantId),
      riskSection(caseId, participantId),
      agreementsSection(caseId, participantId, subject),
      lettersSection(caseId, participantId),
      db.rectificationRequest.findMany({ where: { caseId, participantId }, orderBy: { createdAt: "asc" } }),
      db.participantFeedback.findMany({
        where: { caseId, participantId },
        select: FEEDBACK_RECORD_FIELDS,
        orderBy: { createdAt: "asc" },
      }),
      exchangeSection(caseId, participantId),
      accountsSection(caseId, participantId),
      programmeSection(caseId, participantId),
      db.programmeSession.findMany({ where: { programme: { caseId } }, select: { id: true, position: true, title: true }, orderBy: { position: "asc" } }),
      worksheetsSection(caseId, participantId),
      getCaseAuditRows(caseId, NO_FILTER),
    ]);
  return {
    subject,
    others,
    sections: {
      person,
      consent,
      contacts,
      riskAssessments,
      notes: notesNaming(ctx, caseId, subject),
      agreements,
      letters: letterSections,
      corrections: corrections.map((c) => ({
        receivedOn: c.receivedOn,
        claim: c.claim,
        decision: c.decision,
        decisionReason: c.decisionReason,
        changesMade: c.changesMade,
        decidedAt: iso(c.decidedAt),
      })),
      feedback,
      exchange,
      accounts,
      programme,
      sessionNotes: sessionNotesNaming(ctx, programmeSessions, subject),
      worksheets,
      accessLog: accessLog.map((r) => ({ at: r.at, who: r.who, role: r.role, action: r.action, label: r.label, what: r.what })),
    },
  };
}

/**
 * Messages between the parties: what they sent, as recorded and as passed on, and what reached
 * them. A message for them that was never delivered (held, declined, not yet approved) is the other
 * party's words not yet passed on, and their own choice may be to hold it: it is not in the export.
 */
async function exchangeSection(caseId: string, participantId: string): Promise<ExportExchange[]> {
  const rows = await db.exchangeMessage.findMany({
    where: { caseId, OR: [{ fromId: participantId }, { toId: participantId, status: "DELIVERED" }] },
    select: {
      fromId: true,
      kind: true,
      gatheredBy: true,
      gatheredOn: true,
      text: true,
      status: true,
      deliveryMethod: true,
      deliveredOn: true,
      edits: { select: { text: true, senderAgreed: true, createdAt: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m): ExportExchange => {
    const sent = m.fromId === participantId;
    return {
      direction: sent ? "FROM" : "TO",
      kind: m.kind,
      gatheredBy: m.gatheredBy,
      gatheredOn: m.gatheredOn,
      asRecorded: sent ? m.text : "",
      passedOn: textToPass(m),
      status: m.status,
      deliveryMethod: m.deliveryMethod,
      deliveredOn: m.deliveredOn,
    };
  });
}

/**
 * The author accounts opened for them, whatever for: a letter they write, their own message
 * workspace, a worksheet. One account may serve several (the sign-in they already had is offered
 * again), so each account is listed once with its uses. Only the username and dates are read:
 * never the password, an invite code or a session.
 */
async function accountsSection(caseId: string, participantId: string): Promise<ExportAccount[]> {
  const account = { select: { id: true, username: true, createdAt: true, disabled: true } } as const;
  const [letters, writers, worksheets] = await Promise.all([
    db.letter.findMany({ where: { caseId, writerId: participantId }, select: { recipientLabel: true, createdAt: true, closedAt: true, author: account } }),
    db.exchangeWriter.findMany({ where: { caseId, participantId }, select: { recipientLabel: true, createdAt: true, closedAt: true, author: account } }),
    db.programmeWorksheet.findMany({ where: { caseId, participantId }, select: { title: true, createdAt: true, closedAt: true, author: account } }),
  ]);
  const uses = [
    ...letters.map((l) => ({ author: l.author, openedFor: "LETTER" as const, about: l.recipientLabel, openedAt: l.createdAt, closedAt: l.closedAt })),
    ...writers.map((w) => ({ author: w.author, openedFor: "MESSAGES" as const, about: w.recipientLabel, openedAt: w.createdAt, closedAt: w.closedAt })),
    ...worksheets.map((w) => ({ author: w.author, openedFor: "WORKSHEET" as const, about: w.title, openedAt: w.createdAt, closedAt: w.closedAt })),
  ].sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  const byAccount = new Map<string, ExportAccount>();
  for (const u of uses) {
    const entry = byAccount.get(u.author.id) ?? { username: u.author.username ?? "", createdAt: u.author.createdAt.toISOString(), disabled: u.author.disabled, uses: [] };
    entry.uses.push({ openedFor: u.openedFor, about: u.about, openedAt: u.openedAt.toISOString(), closedAt: iso(u.closedAt) });
    byAccount.set(u.author.id, entry);
  }
  return [...byAccount.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * The intervention programme, for its person responsible only: it is about them (their attendance,
 * engagement and readiness). Every attendance record and review is given, not only the newest,
 * since each is held; the judgements with the reasons recorded, the supervisor's included.
 */
async function programmeSection(caseId: string, participantId: string): Promise<ExportProgramme | null> {
  const oldest = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const p = await db.caseProgramme.findFirst({
    where: { caseId, participantId },
    select: {
      createdAt: true,
      template: { select: { name: true } },
      startedBy: { select: { name: true } },
      sessions: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          title: true,
          module: true,
          ...SESSION_PLAN_FIELDS,
          coFacilitator: { select: { name: true } },
          attendance: { orderBy: oldest, select: { status: true, reason: true, cancelledBy: true, createdAt: true, recordedBy: { select: { name: true } } } },
          reviews: {
            orderBy: oldest,
            select: { engagement: true, concern: true, concernText: true, contactReadiness: true, createdAt: true, recordedBy: { select: { name: true } } },
          },
        },
      },
      judgements: { orderBy: oldest, select: { kind: true, reasons: true, createdAt: true, recordedBy: { select: { name: true } } } },
    },
  });
  if (!p) return null;
  return {
    startedAt: p.createdAt.toISOString(),
    templateName: p.template.name,
    startedBy: staff(p.startedBy),
    sessions: p.sessions.map((s) => ({
      position: s.position,
      title: s.title,
      module: s.module,
      skipped: s.skipped,
      skipReason: s.skipReason,
      scheduledOn: s.scheduledOn,
      scheduledAt: s.scheduledAt,
      venueKind: s.venueKind,
      venue: s.venue,
      coFacilitator: s.coFacilitator?.name ?? null,
      attendance: s.attendance.map((a) => ({
        status: a.status,
        reason: a.reason,
        cancelledBy: a.cancelledBy,
        recordedBy: staff(a.recordedBy),
        recordedAt: a.createdAt.toISOString(),
      })),
      reviews: s.reviews.map((r) => ({
        engagement: r.engagement,
        concern: r.concern,
        concernText: r.concernText,
        contactReadiness: r.contactReadiness,
        recordedBy: staff(r.recordedBy),
        recordedAt: r.createdAt.toISOString(),
      })),
    })),
    judgements: p.judgements.map((j) => ({ kind: j.kind, reasons: j.reasons, recordedBy: staff(j.recordedBy), recordedAt: j.createdAt.toISOString() })),
  };
}

/** Their worksheets: what they wrote to each prompt (saved or sent) and the facilitators' comments. */
async function worksheetsSection(caseId: string, participantId: string): Promise<ExportWorksheet[]> {
  const rows = await db.programmeWorksheet.findMany({
    where: { caseId, participantId },
    select: {
      title: true,
      kind: true,
      status: true,
      createdAt: true,
      submittedAt: true,
      closedAt: true,
      answers: { orderBy: { position: "asc" }, select: { prompt: true, answer: true } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { body: true, createdAt: true, author: { select: { name: true } } } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((w) => ({
    title: w.title,
    kind: w.kind,
    status: w.status,
    setAt: w.createdAt.toISOString(),
    sentAt: iso(w.submittedAt),
    closedAt: iso(w.closedAt),
    // `response`, not `answer`: a consent answer is a code the redactor passes over, these are their words.
    answers: w.answers.map((a) => ({ prompt: a.prompt, response: a.answer })),
    comments: w.comments.map((c) => ({ body: c.body, by: staff(c.author), commentedAt: c.createdAt.toISOString() })),
  }));
}

/** A JSON array of codes as stored (accessNeeds); anything else reads as none. */
function listOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
}

async function personSection(id: string): Promise<ExportPerson> {
  const p = await db.participant.findUniqueOrThrow({
    where: { id },
    include: {
      supports: { select: { name: true } },
      guardians: { select: { guardian: { select: { name: true } } } },
      guardianOf: { select: { child: { select: { name: true } } } },
    },
  });
  const accessNeeds = listOf(p.accessNeeds);
  return {
    role: p.role,
    ...participantDetails(p),
    ageBand: p.ageBand,
    accessNeeds,
    supports: p.supports?.name ?? null,
    guardians: p.guardians.map((g) => g.guardian.name),
    guardianOf: p.guardianOf.map((g) => g.child.name),
    infoOfferedAt: iso(p.infoOfferedAt),
    notInvitedReason: p.notInvitedReason,
    recordedAt: p.createdAt.toISOString(),
    removedAt: iso(p.removedAt),
  };
}

async function consentSection(caseId: string, participantId: string): Promise<ExportConsent[]> {
  const rows = await db.consentEntry.findMany({
    where: { caseId, OR: [{ participantId }, { guardianId: participantId }] },
    include: { recordedBy: { select: { name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((c) => ({
    element: c.element,
    sharedWith: c.sharedWith,
    answer: c.answer,
    method: c.method,
    givenAt: c.givenAt.toISOString(),
    note: c.note,
    givenBy: c.participantId !== participantId ? "AS_GUARDIAN" : c.guardianId ? "BY_GUARDIAN" : "SELF",
    recordedBy: staff(c.recordedBy),
    recordedAt: c.createdAt.toISOString(),
  }));
}

async function contactsSection(caseId: string, participantId: string) {
  const rows = await db.preparationContact.findMany({
    where: { caseId, participantId },
    include: { recordedBy: { select: { name: true } }, coWorker: { select: { name: true } } },
    orderBy: { occurredAt: "asc" },
  });
  return rows.map((k) => ({
    kind: k.kind,
    occurredAt: k.occurredAt.toISOString(),
    place: k.place,
    placeDetail: k.placeDetail,
    attendees: k.attendees,
    outcome: k.outcome,
    status: k.status,
    statusReason: k.statusReason,
    recordedBy: staff(k.recordedBy),
    coWorker: k.coWorker?.name ?? null,
  }));
}

/**
 * Risk assessments are made about the case, and their questions are about the person harmed (their
 * vulnerability, where they sit) and the person responsible (acknowledgement, substance use or
 * mental health): both get every assessment. Anyone else gets those whose words name them.
 */
async function riskSection(caseId: string, participantId: string): Promise<ExportRisk[]> {
  const [person, rows] = await Promise.all([
    db.participant.findUniqueOrThrow({ where: { id: participantId }, select: { role: true, name: true, preferredName: true, addressAs: true } }),
    db.riskAssessment.findMany({
      where: { caseId },
      include: { assessedBy: { select: { name: true } }, approvals: { include: { supervisor: { select: { name: true } } }, orderBy: { createdAt: "asc" } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const principal = person.role === "PERSON_HARMED" || person.role === "PERSON_RESPONSIBLE";
  return rows
    .filter((r) => principal || namesPerson([r.summary, r.safetyMeasures, r.substanceOrMental, r.messagesRisk, r.doNotPassOn, r.custodyRules].join("\n"), person))
    .map((r) => ({
      stage: r.stage,
      assessedAt: r.createdAt.toISOString(),
      assessedBy: staff(r.assessedBy),
      physicalHarm: r.physicalHarm,
      emotionalHarm: r.emotionalHarm,
      vulnerability: r.vulnerability,
      powerImbalance: r.powerImbalance,
      acknowledges: r.acknowledges,
      overall: r.overall,
      recommendation: r.recommendation,
      substanceOrMental: r.substanceOrMental,
      safetyMeasures: r.safetyMeasures,
      messagesRisk: r.messagesRisk,
      doNotPassOn: r.doNotPassOn,
      inCustody: r.inCustody,
      custodyRules: r.custodyRules,
      summary: r.summary,
      approvals: r.approvals.map((a) => ({ decision: a.decision, comments: a.comments, supervisor: staff(a.supervisor), decidedAt: a.createdAt.toISOString() })),
    }));
}

/** The paragraphs of the case notes (the collab document, read as the server holds it) that name the person. */
function notesNaming(ctx: Ctx, caseId: string, person: PersonFacts): string[] {
  const doc = ctx.collab.readDocument(`case:${caseId}:notes`);
  try {
    return paragraphsNaming(richDocToText(richDocFromYjs(doc, "notes")), person);
  } finally {
    doc.destroy();
  }
}

/**
 * The paragraphs of each programme session's notes (a collab document per session, a rich-text
 * field per heading) that name the person, whoever they are: the person harmed may be spoken of
 * at the person responsible's sessions. Sessions whose notes do not name them are left out.
 */
function sessionNotesNaming(ctx: Ctx, sessions: { id: string; position: number; title: string }[], person: PersonFacts): ExportSessionNotes[] {
  return sessions
    .map((s) => {
      const doc = ctx.collab.readDocument(`programme-session:${s.id}:notes`);
      try {
        const paragraphs = SESSION_NOTE_SECTIONS.flatMap((section) => paragraphsNaming(richDocToText(richDocFromYjs(doc, section.field)), person));
        return { position: s.position, title: s.title, paragraphs };
      } finally {
        doc.destroy();
      }
    })
    .filter((s) => s.paragraphs.length > 0);
}

const paragraphsNaming = (text: string, person: PersonFacts) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && namesPerson(line, person));

async function agreementsSection(caseId: string, participantId: string, person: PersonFacts): Promise<ExportAgreement[]> {
  const rows = await db.agreement.findMany({
    where: { caseId },
    include: {
      terms: { where: { OR: [{ responsibleId: participantId }, { beneficiaryId: participantId }] }, orderBy: { position: "asc" } },
      versions: {
        orderBy: { number: "asc" },
        include: { signatures: { where: { participantId }, include: { attestedBy: { select: { name: true } } } } },
      },
      notices: { where: { participantId }, include: { recordedBy: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows
    .map((a): ExportAgreement => {
      const ofRecord = a.versions.find((v) => v.id === a.approvedVersionId) ?? a.versions.at(-1);
      return {
        status: a.status,
        startedAt: a.createdAt.toISOString(),
        terms: a.terms.map((t) => ({
          type: t.type,
          part: t.responsibleId === participantId ? "RESPONSIBLE" : "FOR",
          description: t.description,
          dueDate: t.dueDate ? t.dueDate.toISOString().slice(0, 10) : null,
          verification: t.verification,
          amountPence: t.amountPence,
          hours: t.hours,
        })),
        narrative: ofRecord ? paragraphsNaming(ofRecord.narrativeText, person) : [],
        signatures: a.versions.flatMap((v) =>
          v.signatures.map((s) => ({
            version: v.number,
            signedAt: s.signedAt.toISOString(),
            method: s.method,
            typedName: s.typedName,
            attestedBy: s.attestedBy?.name ?? null,
            drawing: s.drawing,
          })),
        ),
        outcomeNotices: a.notices.map((n) => ({ agreementOutcome: n.outcome, method: n.method, toldAt: n.toldAt.toISOString(), note: n.note, recordedBy: staff(n.recordedBy) })),
      };
    })
    .filter((a) => a.terms.length || a.narrative.length || a.signatures.length || a.outcomeNotices.length);
}

async function lettersSection(caseId: string, participantId: string): Promise<ExportLetter[]> {
  const rows = await db.letter.findMany({
    where: { caseId, OR: [{ writerId: participantId }, { recipientId: participantId }] },
    include: {
      versions: { orderBy: { number: "desc" }, take: 1, select: { contentText: true } },
      choices: { include: { recordedBy: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      releases: { include: { releasedBy: { select: { name: true } } }, orderBy: { releasedAt: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  // A letter written to them shows only as it reached them: their own hold, decline or deferral
  // governs this export as it governs every print and PDF of it.
  const delivered = new Map(await Promise.all(rows.filter((l) => l.writerId !== participantId).map(async (l) => [l.id, await deliveredText(l.id)] as const)));
  return rows.map((l) => ({
    part: l.writerId === participantId ? "WRITER" : "RECIPIENT",
    status: l.status,
    openedAt: l.createdAt.toISOString(),
    recipientLabel: l.recipientLabel,
    text: l.status === "DESTROYED" ? null : l.writerId === participantId ? (l.versions[0]?.contentText ?? null) : (delivered.get(l.id) ?? null),
    choices: l.choices.map((c) => ({
      choice: c.choice,
      deliverAfter: iso(c.deliverAfter),
      method: c.method,
      recordedAt: c.createdAt.toISOString(),
      recordedBy: staff(c.recordedBy),
    })),
    releases: l.releases.map((r) => ({ method: r.method, releasedAt: r.releasedAt.toISOString(), releasedBy: staff(r.releasedBy) })),
  }));
}
