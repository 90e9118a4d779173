import type { PdfBlock, PdfDocument } from "~/utils/pdf.server";
import { formatDay, formatTime } from "~/utils/format";
import { AGE_BAND_LABELS } from "~/utils/age";
import {
  ACCESS_NEED_LABELS,
  ACKNOWLEDGEMENT_LABELS,
  CONSENT_ANSWER_LABELS,
  CONSENT_ELEMENT_LABELS,
  CONSENT_METHOD_LABELS,
  CONTACT_FREQUENCY_LABELS,
  CONTACT_METHOD_LABELS,
  PARTICIPANT_ROLE_LABELS,
  PREP_CONTACT_KIND_LABELS,
  PREP_CONTACT_STATUS_LABELS,
  PREP_PLACE_LABELS,
  PROFESSIONAL_TYPE_LABELS,
  RECOMMENDATION_LABELS,
  RISK_LEVEL_LABELS,
} from "~/utils/preparation";
import { STAGE_LABELS } from "~/utils/roles";
import { AGREEMENT_STATUS_LABELS, NOTICE_METHOD_LABELS, NOTICE_OUTCOME_LABELS, TERM_TYPE_LABELS } from "./agreement-labels";
import { DELIVERY_CHOICE_LABELS, LETTER_STATUS_LABELS, RELEASE_METHOD_LABELS } from "./letter-labels";
import { RECTIFICATION_DECISION_LABELS } from "./rectification-labels";
import { EXCHANGE_DELIVERY_LABELS, EXCHANGE_GATHERING_LABELS, EXCHANGE_KIND_LABELS, EXCHANGE_STATUS_LABELS } from "./exchange-labels";
import { answerWord, FEEDBACK_METHOD_LABELS, FEEDBACK_OCCASION_LABELS, FEEDBACK_QUESTIONS, SATISFACTION_LABELS } from "./feedback-labels";
import {
  ATTENDANCE_LABELS,
  CANCELLED_BY_LABELS,
  CONTACT_READINESS_LABELS,
  ENGAGEMENT_LABELS,
  PROGRAMME_JUDGEMENT_LABELS,
  PROGRAMME_MODULE_LABELS,
  PROGRAMME_VENUE_LABELS,
} from "./programme-labels";
import { WORKSHEET_STATUS_LABELS } from "./worksheet-labels";
import type { ExportProgramme, SubjectAccessExport } from "./subject-access-shape";

/**
 * The readable form of a subject access export: blocks of text that the PDF writer draws
 * (app/utils/pdf.server.ts) and the review screen shows, so the manager reviews exactly what the
 * PDF will say. Codes become words; days read "1 December 2026".
 */
const word = (map: Record<string, string>, code: string | null | undefined) => (code ? (map[code] ?? code.replaceAll("_", " ").toLowerCase()) : "");
const at = (iso: string) => `${formatDay(iso)}, ${formatTime(iso)}`;
const h = (text: string): PdfBlock => ({ kind: "subheading", text });
const p = (text: string): PdfBlock => ({ kind: "paragraph", text });
const meta = (text: string): PdfBlock => ({ kind: "meta", text });
const field = (label: string, value: string | null | undefined): PdfBlock[] => (value ? [p(`${label}: ${value}`)] : []);
const GIVEN_BY = { SELF: "Their own answer", BY_GUARDIAN: "Given for them by a parent or guardian", AS_GUARDIAN: "Given by them as a parent or guardian" };
const OPENED_FOR = { LETTER: "A letter you write", MESSAGES: "Your own message workspace", WORKSHEET: "A worksheet" };
const PART = { RESPONSIBLE: "They will do this", FOR: "This is for them", WRITER: "They wrote this letter", RECIPIENT: "This letter was written to them" };

function section(title: string, blocks: PdfBlock[], none: string): PdfBlock[] {
  return [{ kind: "rule" }, { kind: "heading", text: title }, ...(blocks.length ? blocks : [meta(none)])];
}

function personBlocks(x: SubjectAccessExport["person"]): PdfBlock[] {
  return [
    ...field("Name", x.name),
    ...field("Role in the case", word(PARTICIPANT_ROLE_LABELS, x.role)),
    ...field("Preferred name", x.preferredName),
    ...field("Pronouns", x.pronouns),
    ...field("How to address them", x.addressAs),
    ...field("Relationship to what happened", x.relationship),
    ...field("Phone", x.phone),
    ...field("Email", x.email),
    ...field("Address", x.address),
    ...field("Preferred contact", word(CONTACT_METHOD_LABELS, x.contactMethod)),
    ...field("How often to update them", word(CONTACT_FREQUENCY_LABELS, x.contactFrequency)),
    ...field("Date of birth", x.dateOfBirth ? formatDay(x.dateOfBirth) : null),
    ...field("Age", word(AGE_BAND_LABELS, x.ageBand)),
    ...field("Access needs", x.accessNeeds.map((n) => word(ACCESS_NEED_LABELS, n)).join(", ")),
    ...field("About their access needs", x.accessNotes),
    ...field("Hopes", x.hopes),
    ...field("Profession", word(PROFESSIONAL_TYPE_LABELS, x.professionalType)),
    ...field("Organisation", x.organisation),
    ...field("Supports", x.supports),
    ...field("Parents or guardians", x.guardians.join(", ")),
    ...field("Parent or guardian of", x.guardianOf.join(", ")),
    ...field("Enhanced rights (Victims' Code)", x.enhancedRights ? "Yes" : null),
    ...field("Offered information about restorative justice", x.infoOfferedAt ? formatDay(x.infoOfferedAt) : null),
    ...field("Why they were not invited", x.notInvitedReason),
    meta(`Recorded on ${formatDay(x.recordedAt)}${x.removedAt ? `; removed from the case on ${formatDay(x.removedAt)}` : ""}`),
  ];
}

function programmeBlocks(x: ExportProgramme): PdfBlock[] {
  return [
    p(`${x.templateName}, started ${formatDay(x.startedAt)} by ${x.startedBy}`),
    ...x.sessions.flatMap((s) => [
      h(`Session ${s.position + 1}: ${s.title}${s.skipped ? " (skipped)" : ""}`),
      meta(word(PROGRAMME_MODULE_LABELS, s.module)),
      ...field("Why it was skipped", s.skipReason),
      ...field(
        "Planned",
        [s.scheduledOn ? formatDay(s.scheduledOn) : "", s.scheduledAt ?? "", word(PROGRAMME_VENUE_LABELS, s.venueKind), s.venue, s.coFacilitator ? `with ${s.coFacilitator}` : ""]
          .filter(Boolean)
          .join(", "),
      ),
      ...s.attendance.map((a) =>
        p(
          `${word(ATTENDANCE_LABELS, a.status)}${a.cancelledBy ? ` by ${word(CANCELLED_BY_LABELS, a.cancelledBy).toLowerCase()}` : ""}${a.reason ? `: ${a.reason}` : ""} (recorded ${formatDay(a.recordedAt)} by ${a.recordedBy})`,
        ),
      ),
      ...s.reviews.flatMap((r) => [
        p(
          `Review: engagement ${word(ENGAGEMENT_LABELS, String(r.engagement))}; readiness for contact with the person harmed: ${word(CONTACT_READINESS_LABELS, r.contactReadiness).toLowerCase()} (recorded ${formatDay(r.recordedAt)} by ${r.recordedBy})`,
        ),
        ...(r.concern ? [p(`A risk or safeguarding concern was raised${r.concernText ? `: ${r.concernText}` : "."}`)] : []),
      ]),
    ]),
    ...x.judgements.flatMap((j) => [h(`${word(PROGRAMME_JUDGEMENT_LABELS, j.kind)}, ${formatDay(j.recordedAt)}`), meta(`Recorded by ${j.recordedBy}`), ...field("Why", j.reasons)]),
  ];
}

export function subjectAccessBlocks(x: SubjectAccessExport): PdfBlock[] {
  const r = x.request;
  return [
    meta(`Case ${r.caseReference} · requested by ${r.requestedBy} · received ${formatDay(r.receivedOn)} · due by ${formatDay(r.dueOn)}`),
    meta(r.releasedAt ? `Released on ${formatDay(r.releasedAt)} by ${r.releasedBy ?? ""}` : `Made on ${formatDay(r.generatedAt)} for review: not yet released`),
    p(`Other people's details are shown as ${x.redaction.thirdParty}; words redacted by the service are shown as ${x.redaction.manual}.`),
    ...section("About you", personBlocks(x.person), ""),
    ...section(
      "Consent",
      x.consent.flatMap((c) => [
        h(`${word(CONSENT_ELEMENT_LABELS, c.element)}${c.sharedWith ? ` (${c.sharedWith})` : ""}: ${word(CONSENT_ANSWER_LABELS, c.answer)}`),
        meta(`${GIVEN_BY[c.givenBy]} · ${word(CONSENT_METHOD_LABELS, c.method)} on ${formatDay(c.givenAt)} · recorded by ${c.recordedBy}`),
        ...field("Note", c.note),
      ]),
      "No consent answers are recorded.",
    ),
    ...section(
      "Contacts with you",
      x.contacts.flatMap((k) => [
        h(`${word(PREP_CONTACT_KIND_LABELS, k.kind)} on ${at(k.occurredAt)}: ${word(PREP_CONTACT_STATUS_LABELS, k.status)}`),
        meta(`${word(PREP_PLACE_LABELS, k.place)}${k.placeDetail ? ` (${k.placeDetail})` : ""} · recorded by ${k.recordedBy}${k.coWorker ? ` with ${k.coWorker}` : ""}`),
        ...field("Who was there", k.attendees),
        ...field("What happened", k.outcome),
        ...field("Why", k.statusReason),
      ]),
      "No contacts with you are recorded.",
    ),
    ...section(
      "Risk assessments",
      x.riskAssessments.flatMap((a) => [
        h(`At ${word(STAGE_LABELS, a.stage).toLowerCase()}, ${formatDay(a.assessedAt)}: overall risk ${word(RISK_LEVEL_LABELS, a.overall).toLowerCase()}`),
        meta(`Assessed by ${a.assessedBy}`),
        p(
          `Physical harm ${word(RISK_LEVEL_LABELS, a.physicalHarm).toLowerCase()}; emotional harm ${word(RISK_LEVEL_LABELS, a.emotionalHarm).toLowerCase()}; vulnerability ${word(RISK_LEVEL_LABELS, a.vulnerability).toLowerCase()}; power imbalance ${word(RISK_LEVEL_LABELS, a.powerImbalance).toLowerCase()}. Acknowledges responsibility: ${word(ACKNOWLEDGEMENT_LABELS, a.acknowledges).toLowerCase()}.`,
        ),
        ...field("Recommendation", word(RECOMMENDATION_LABELS, a.recommendation)),
        ...field("Substance use or mental health", a.substanceOrMental),
        ...field("Safety measures", a.safetyMeasures),
        ...field("Risk of passing messages", a.messagesRisk),
        ...field("Must not be passed on", a.doNotPassOn),
        ...field("In custody", a.inCustody ? ["The person responsible is in custody.", a.custodyRules].filter(Boolean).join(" ") : a.custodyRules),
        ...field("Summary", a.summary),
        ...a.approvals.map((v) =>
          meta(`${v.decision === "APPROVED" ? "Approved" : "Declined"} by ${v.supervisor} on ${formatDay(v.decidedAt)}${v.comments ? `: ${v.comments}` : ""}`),
        ),
      ]),
      "No risk assessment is about you.",
    ),
    ...section("Case notes that name you", x.notes.map(p), "The case notes do not name you."),
    ...section(
      "Outcome agreements",
      x.agreements.flatMap((a) => [
        h(`Agreement started ${formatDay(a.startedAt)}: ${word(AGREEMENT_STATUS_LABELS, a.status)}`),
        ...a.terms.flatMap((t) => [
          p(`${word(TERM_TYPE_LABELS, t.type)}: ${t.description}`),
          meta(
            [
              PART[t.part],
              t.dueDate ? `due ${formatDay(t.dueDate)}` : "",
              t.verification ? `checked by: ${t.verification}` : "",
              t.amountPence !== null ? `£${(t.amountPence / 100).toFixed(2)}` : "",
              t.hours !== null ? `${t.hours} hours` : "",
            ]
              .filter(Boolean)
              .join(" · "),
          ),
        ]),
        ...a.narrative.map(p),
        ...a.signatures.map((s) =>
          meta(
            `Signed version ${s.version} on ${at(s.signedAt)}${s.typedName ? `, typed as “${s.typedName}”` : ", drawn by finger"}${s.attestedBy ? `, witnessed by ${s.attestedBy}` : ""}`,
          ),
        ),
        ...a.outcomeNotices.map((n) =>
          meta(
            `${word(NOTICE_OUTCOME_LABELS, n.agreementOutcome)}: told ${word(NOTICE_METHOD_LABELS, n.method).toLowerCase()} on ${formatDay(n.toldAt)}${n.note ? ` (${n.note})` : ""}`,
          ),
        ),
      ]),
      "You are not part of an outcome agreement.",
    ),
    ...section(
      "Letters",
      x.letters.flatMap((l) => [
        h(`${PART[l.part]}: ${word(LETTER_STATUS_LABELS, l.status)} (opened ${formatDay(l.openedAt)})`),
        ...(l.text ? l.text.split("\n").map(p) : [meta("No text is held.")]),
        ...l.choices.map((c) =>
          meta(
            `Choice: ${word(DELIVERY_CHOICE_LABELS, c.choice)}${c.deliverAfter ? ` after ${formatDay(c.deliverAfter)}` : ""}, recorded ${formatDay(c.recordedAt)} by ${c.recordedBy}`,
          ),
        ),
        ...l.releases.map((d) => meta(`Delivered ${word(RELEASE_METHOD_LABELS, d.method).toLowerCase()} on ${formatDay(d.releasedAt)} by ${d.releasedBy}`)),
      ]),
      "You are not part of a letter.",
    ),
    ...section(
      "Corrections you asked for",
      x.corrections.flatMap((c) => [
        h(`Received ${formatDay(c.receivedOn)}: ${c.decision ? word(RECTIFICATION_DECISION_LABELS, c.decision) : "Not decided yet"}`),
        p(c.claim),
        ...field("Why", c.decisionReason),
        ...field("What was changed", c.changesMade),
      ]),
      "You have not asked for a correction.",
    ),
    ...section(
      "Your feedback on the service",
      (x.feedback ?? []).flatMap((f) => [
        h(`${word(FEEDBACK_OCCASION_LABELS, f.occasion)}, ${formatDay(f.givenOn)} (${word(FEEDBACK_METHOD_LABELS, f.method).toLowerCase()})`),
        ...(f.declined
          ? [p("You chose not to give feedback.")]
          : [
              ...field("How satisfied", f.satisfaction ? `${f.satisfaction} of 5 (${SATISFACTION_LABELS[String(f.satisfaction)]})` : null),
              ...FEEDBACK_QUESTIONS.map((q) => p(`${q.question} ${answerWord(f[q.name])}`)),
              ...field("In your own words", f.comments),
            ]),
      ]),
      "You have not given feedback.",
    ),
    ...section(
      "Messages passed between you and the other party",
      (x.exchange ?? []).flatMap((m) => [
        h(
          `${word(EXCHANGE_KIND_LABELS, m.kind)} ${m.direction === "FROM" ? "from you" : "for you"}, ${formatDay(m.gatheredOn)} (${word(EXCHANGE_GATHERING_LABELS, m.gatheredBy).toLowerCase()})`,
        ),
        ...field("As you said it", m.asRecorded || null),
        ...field(m.direction === "FROM" ? "As passed on" : "What reached you", m.passedOn),
        ...field("Where it is", word(EXCHANGE_STATUS_LABELS, m.status)),
        ...field("How it was delivered", m.deliveryMethod && m.deliveredOn ? `${word(EXCHANGE_DELIVERY_LABELS, m.deliveryMethod)}, ${formatDay(m.deliveredOn)}` : null),
      ]),
      "No messages have been passed between you and the other party.",
    ),
    ...section(
      "Sign-ins opened for you",
      (x.accounts ?? []).flatMap((a) => [
        h(`Username: ${a.username}`),
        meta(`Opened ${formatDay(a.createdAt)}${a.disabled ? "; switched off" : ""}`),
        ...a.uses.map((u) =>
          p(`${OPENED_FOR[u.openedFor]}${u.about ? ` (${u.about})` : ""}: opened ${formatDay(u.openedAt)}${u.closedAt ? `, closed ${formatDay(u.closedAt)}` : ", still open"}`),
        ),
      ]),
      "No sign-in has been opened for you.",
    ),
    ...section("Your intervention programme", x.programme ? programmeBlocks(x.programme) : [], "You do not have an intervention programme."),
    ...section(
      "Programme session notes that name you",
      (x.sessionNotes ?? []).flatMap((n) => [h(`Session ${n.position + 1}: ${n.title}`), ...n.paragraphs.map(p)]),
      "No programme session notes name you.",
    ),
    ...section(
      "Your worksheets",
      (x.worksheets ?? []).flatMap((w) => [
        h(`${w.title}: ${word(WORKSHEET_STATUS_LABELS, w.status)}`),
        meta(`Set ${formatDay(w.setAt)}${w.sentAt ? ` · sent ${formatDay(w.sentAt)}` : ""}${w.closedAt ? ` · closed ${formatDay(w.closedAt)}` : ""}`),
        ...w.answers.flatMap((a) => [p(`${a.prompt}:`), ...(a.response ? a.response.split("\n").map(p) : [meta("Not answered.")])]),
        ...w.comments.map((c) => p(`Comment from ${c.by}, ${formatDay(c.commentedAt)}: ${c.body}`)),
      ]),
      "You have not been set a worksheet.",
    ),
    ...section(
      "Who viewed or changed the case",
      x.accessLog.map((e) => meta(`${at(e.at)} · ${e.who} (${e.role}) · ${e.label}${e.what ? ` · ${e.what}` : ""}`)),
      "Nobody has.",
    ),
  ];
}

export function subjectAccessPdf(x: SubjectAccessExport): PdfDocument {
  return { title: `Information held about ${x.person.name}`, blocks: subjectAccessBlocks(x) };
}
