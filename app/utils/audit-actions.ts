import { WORKSHEET_KIND_LABELS } from "~/models/worksheet-labels";
import { NOTICE_METHOD_LABELS, NOTICE_OUTCOME_LABELS, PROGRESS_LABELS } from "~/models/agreement-labels";
import { DELIVERY_CHOICE_LABELS, RELEASE_METHOD_LABELS } from "~/models/letter-labels";
import { RECTIFICATION_DECISION_LABELS } from "~/models/rectification-labels";
import { FEEDBACK_METHOD_LABELS, FEEDBACK_OCCASION_LABELS } from "~/models/feedback-labels";
import { EXCHANGE_CHOICE_LABELS, EXCHANGE_DELIVERY_LABELS, EXCHANGE_GATHERING_LABELS, EXCHANGE_KIND_LABELS } from "~/models/exchange-labels";
import { yearsWord } from "~/models/audit-retention";
import { ATTENDANCE_LABELS, CANCELLED_BY_LABELS, PROGRAMME_JUDGEMENT_LABELS, PROGRAMME_MODULE_LABELS, PROGRAMME_VENUE_LABELS } from "~/models/programme-labels";
import { describeTerms, outcomeLabel, RETENTION_CASE_TYPE_LABELS, type RuleTerms } from "~/models/retention";
import { formatDateTime, formatDay } from "./format";
import {
  CLOSURE_REASON_LABELS,
  COMPLETED_BY_LABELS,
  CONFERENCE_STATUS_LABELS,
  CONSENT_ANSWER_LABELS,
  CONSENT_ELEMENT_LABELS,
  PARTICIPANT_ROLE_LABELS,
  PREP_CONTACT_KIND_LABELS,
  PREP_CONTACT_STATUS_LABELS,
  RECOMMENDATION_LABELS,
  RISK_LEVEL_LABELS,
} from "./preparation";
import { CASE_ROLE_LABELS, STAFF_ROLE_LABELS, STAGE_LABELS } from "./roles";

/**
 * Every action the audit trail records, in words a service manager reads, and what kind of entry
 * it is. The kind decides how it is written (app/utils/audit.server.ts): a repeated *view* by the
 * same person of the same thing within 10 minutes is one entry; changes, exports and refusals of
 * a change are written every time. An action missing here is written every time and shows its code.
 *
 * Details are described from the structured values only: free text a facilitator typed (a closure
 * note, a cancellation reason, a venue) is case content, which a service manager does not read, so
 * it is only said that there was one.
 */
export type AuditKind = "view" | "change" | "export" | "refusal" | "sign-in";

type Details = Record<string, unknown>;
type ActionInfo = { label: string; kind: AuditKind; describe?: (d: Details) => string };

const word = (map: Record<string, string>, value: unknown) => (typeof value === "string" ? (map[value] ?? humanize(value)) : "");
/** "PROCEED_WITH_MEASURES" → "proceed with measures": an enumeration value no map knows yet. */
const humanize = (value: string) => value.replaceAll("_", " ").toLowerCase();
const sentences = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(". ");
const version = (d: Details) => (typeof d.version === "number" || typeof d.number === "number" ? `Version ${String(d.version ?? d.number)}` : "");
const onHold = (d: Details) => (d.held || d.heldBooking ? "A booked conference was put on hold" : "");
const when = (value: unknown) => {
  if (typeof value !== "string") return "";
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? "" : formatDateTime(at.toISOString());
};
/** A retention rule's terms from an entry's details: "Youth cases, any outcome: 6 years after closure". */
const retentionRule = (d: Details) =>
  sentences(
    typeof d.caseType === "string" && `${word(RETENTION_CASE_TYPE_LABELS, d.caseType)}, ${outcomeLabel(typeof d.outcome === "string" ? (d.outcome as never) : null).toLowerCase()}`,
    typeof d.basis === "string" && describeTerms(d as unknown as RuleTerms),
  );
const LIVE_ROLE_LABELS: Record<string, string> = { chair: "Chairing", assist: "Taking notes", follow: "Following" };
/** Why a sign-in failed (SignInResult["reason"]), in words. */
export const SIGN_IN_REASONS: Record<string, string> = {
  invalid: "Wrong email, username or password",
  throttled: "Too many attempts: asked to wait before trying again",
  disabled: "The account is disabled (or its letter is closed)",
};
/** Which cases a report counted and how it was filtered, from the entry's details (never a figure). */
const reportScope = (d: Details) =>
  sentences(
    typeof d.from === "string" && typeof d.to === "string" && `From ${formatDay(d.from)} to ${formatDay(d.to)}`,
    d.scope === "service" ? "Every case of the service" : d.scope === "own" ? "Their own cases" : "",
    typeof d.caseType === "string" && d.caseType !== "all" && `${d.caseType === "youth" ? "Youth" : "Adult"} cases only`,
    typeof d.facilitator === "string" && d.facilitator !== "" && "One facilitator's cases",
  );
const SIGNATURE_METHODS: Record<string, string> = { TYPED: "Typed, with the facilitator's attestation", DRAWN: "Drawn by finger" };

const view = (label: string, describe?: ActionInfo["describe"]): ActionInfo => ({ label, kind: "view", describe });
const change = (label: string, describe?: ActionInfo["describe"]): ActionInfo => ({ label, kind: "change", describe });
const exported = (label: string, describe?: ActionInfo["describe"]): ActionInfo => ({ label, kind: "export", describe });
const refusal = (label: string, describe?: ActionInfo["describe"]): ActionInfo => ({ label, kind: "refusal", describe });
const signIn = (label: string, describe?: ActionInfo["describe"]): ActionInfo => ({ label, kind: "sign-in", describe });

/** How a refused request was asked and answered, from recordRefusal's details (the target is the path). */
const refused = (d: Details) =>
  sentences(
    typeof d.method === "string" && `${d.method} request`,
    typeof d.origin === "string" && `Sent from ${d.origin}`,
    typeof d.reason === "string" && d.reason,
    typeof d.status === "number" && `Answered ${d.status}`,
  );

export const AUDIT_ACTIONS = {
  // Reading
  "case.list": view("Listed their cases", (d) => (typeof d.count === "number" ? `${d.count} case${d.count === 1 ? "" : "s"} listed` : "")),
  "case.view": view("Viewed the case"),
  "case.record.view": view("Viewed the case record"),
  "case.audit.view": view("Read the audit trail"),
  "case.notes.view": view("Opened the notes full screen"),
  "case.letters.view": view("Viewed the case's letters"),
  "case.live.subscribe": view("Followed the case's live updates"),
  "collab.open": view("Opened a shared document", (d) => (d.access === "write" ? "Could edit" : d.access === "read" ? "Read only" : "")),
  "approvals.view": view("Viewed the approvals queue", (d) => (typeof d.count === "number" ? `${d.count} waiting` : "")),
  "agreement.reviews.view": view("Viewed the agreements queue"),
  "agreement.view": view("Viewed the outcome agreement"),
  "agreement.diff": view("Compared two agreement versions", (d) => (d.from !== undefined && d.to !== undefined ? `Version ${String(d.from)} with version ${String(d.to)}` : "")),
  "conference.live.view": view("Opened the live conference screen", (d) => word(LIVE_ROLE_LABELS, d.role)),
  "conference.live.join": view("Joined the live conference", (d) => word(LIVE_ROLE_LABELS, d.role)),
  "conference.script.view": view("Viewed the conference script"),
  "conference.seating.view": view("Viewed the seating plan"),
  "letter.view": view("Viewed the letter"),
  "letter.author.view": view("The author opened their letter"),
  "letter.author.list": view("The author listed their letters"),
  "auth.sign-ins.view": view("Read the failed sign-ins"),
  "reports.view": view("Viewed the reports", reportScope),

  // Copies leaving Circle: every one is recorded.
  "agreement.export.pdf": exported("Downloaded the agreement as a PDF", version),
  "agreement.export.print": exported("Opened the agreement's print view", version),
  "letter.export.pdf": exported("Downloaded the letter as a PDF", version),
  "letter.export.print": exported("Opened the letter's print view", version),
  "case.audit.export": exported("Exported the audit trail as CSV", (d) =>
    sentences(typeof d.rows === "number" && `${d.rows} entr${d.rows === 1 ? "y" : "ies"}`, typeof d.filters === "string" && d.filters !== "" && `Filtered by ${d.filters}`),
  ),

  // Subject access: the manager reads, downloads and releases everything held about one person.
  // Each is written every time (an export), not collapsed like a view.
  "subject-access.export.view": exported("Reviewed a subject access export"),
  "subject-access.export.pdf": exported("Downloaded a subject access export as a PDF", (d) => (d.released ? "The export as released" : "Before release, for review")),
  "subject-access.export.json": exported("Downloaded a subject access export as JSON", (d) => (d.released ? "The export as released" : "Before release, for review")),
  "subject-access.release": exported("Released a subject access export to the person", (d) =>
    typeof d.manualRedactions === "number" ? `${d.manualRedactions} phrase${d.manualRedactions === 1 ? "" : "s"} redacted by hand` : "",
  ),

  // Refused: each refused request (recordRefusal) is one entry per person, path and 10 minutes.
  "request.refused": refusal("Refused: a page or form they may not use", refused),
  "request.origin.refused": refusal("Refused: a request sent from another website", refused),
  "collab.open.refused": refusal("Refused: opening a shared document", refused),
  "socket.refused": refusal("Refused: a live connection or live request", refused),
  // Refused changes, recorded every time.
  "agreement.change.refused": refusal("Refused: a change to the approved agreement", (d) =>
    typeof d.intent === "string" ? `Tried to ${humanize(d.intent.replaceAll("-", " "))}` : "",
  ),
  "collab.write.refused": refusal("Refused: an edit from a read-only connection"),
  "letter.export.refused": refusal("Refused: a letter output its recipient's choice does not allow", (d) =>
    sentences(typeof d.format === "string" && `As ${d.format === "pdf" ? "a PDF" : "print"}`, typeof d.reason === "string" && d.reason),
  ),

  // Signing in
  "auth.sign-in": signIn("Signed in"),
  "auth.sign-in.failed": signIn("Failed sign-in", (d) => sentences(word(SIGN_IN_REASONS, d.reason), typeof d.login === "string" && `Tried "${d.login}"`)),
  "auth.sign-out": signIn("Signed out"),
  "letter.author.invite-redeemed": signIn("The author set their password with an invite code"),

  // The case team and the case
  "case.member.assign": change("Added someone to the case team", (d) => (d.role ? `As ${word(CASE_ROLE_LABELS, d.role).toLowerCase()}` : "")),
  "case.member.remove": change("Removed someone from the case team"),
  "case.created": change("Recorded the referral"),
  "case.details.update": change("Changed the referral details", (d) =>
    Array.isArray(d.fields) && d.fields.length ? `Changed: ${d.fields.map((f) => humanize(String(f))).join(", ")}` : "",
  ),
  "case.reopen": change("Reopened the case"),
  "case.stage": change("Moved the case to another stage", (d) =>
    sentences(
      d.from && d.to ? `From ${word(STAGE_LABELS, d.from).toLowerCase()} to ${word(STAGE_LABELS, d.to).toLowerCase()}` : "",
      d.closureReason ? `Reason: ${word(CLOSURE_REASON_LABELS, d.closureReason).toLowerCase()}` : "",
      d.completedBy ? `Completed ${word(COMPLETED_BY_LABELS, d.completedBy).toLowerCase()}` : "",
      typeof d.closureNote === "string" && d.closureNote.trim() !== "" && "A closure note was written",
    ),
  ),
  "participant.create": change("Added a participant", (d) => sentences(d.role ? `As ${word(PARTICIPANT_ROLE_LABELS, d.role).toLowerCase()}` : "", onHold(d))),
  "participant.update": change("Changed a participant's details", (d) => sentences(d.role ? `Role: ${word(PARTICIPANT_ROLE_LABELS, d.role).toLowerCase()}` : "", onHold(d))),
  "participant.remove": change("Removed a participant", onHold),
  "participant.victims-code": change("Recorded the Victims' Code information offer", (d) =>
    word({ offered: "Information was offered", "not-invited": "Not offered, with a reason" }, d.outcome),
  ),
  "consent.record": change("Recorded consent", (d) =>
    sentences(d.element ? `${word(CONSENT_ELEMENT_LABELS, d.element)}: ${word(CONSENT_ANSWER_LABELS, d.answer).toLowerCase()}` : "", onHold(d)),
  ),
  "consent.withdraw.ask": view("Asked what withdrawing consent would do"),
  "consent.withdraw": change("Recorded that consent was withdrawn", (d) => sentences(d.element ? `${word(CONSENT_ELEMENT_LABELS, d.element)}: withdrawn` : "", onHold(d))),
  "contact.create": change("Logged a contact", (d) => sentences(word(PREP_CONTACT_KIND_LABELS, d.kind), word(PREP_CONTACT_STATUS_LABELS, d.status))),
  "risk.create": change("Recorded a risk assessment", (d) =>
    sentences(
      d.stage ? `At ${word(STAGE_LABELS, d.stage).toLowerCase()}` : "",
      d.overall ? `Overall risk ${word(RISK_LEVEL_LABELS, d.overall).toLowerCase()}` : "",
      d.recommendation ? `Recommendation: ${word(RECOMMENDATION_LABELS, d.recommendation).toLowerCase()}` : "",
      d.sensitive || d.markedSensitive ? "Marked sensitive" : "",
      onHold(d),
    ),
  ),
  "approval.approve": change("Approved a risk assessment", onHold),
  "approval.decline": change("Declined a risk assessment", onHold),

  // Conferences
  "conference.schedule": change("Booked a conference", (d) => (when(d.scheduledAt) ? `For ${when(d.scheduledAt)}` : "")),
  "conference.reschedule": change("Moved a conference", (d) => (when(d.scheduledAt) ? `To ${when(d.scheduledAt)}` : "")),
  "conference.rebook": change("Re-booked a conference that was on hold", (d) => (when(d.scheduledAt) ? `For ${when(d.scheduledAt)}` : "")),
  "conference.cancel": change("Cancelled a conference", (d) =>
    sentences(
      d.previousStatus ? `It was ${word(CONFERENCE_STATUS_LABELS, d.previousStatus).toLowerCase()}` : "",
      typeof d.reason === "string" && d.reason.trim() !== "" && "A reason was given",
    ),
  ),
  "conference.script.use-template": change("Started the script from a template"),
  "conference.script.add": change("Added a script step"),
  "conference.script.edit": change("Changed a script step"),
  "conference.script.move": change("Moved a script step"),
  "conference.script.remove": change("Removed a script step"),
  "conference.script.speaker": change("Changed the speaking order"),
  "conference.live.start": change("Started the conference", version),
  "conference.live.pause": change("Paused the conference", version),
  "conference.live.resume": change("Resumed the conference", version),
  "conference.live.end": change("Ended the conference", version),
  "conference.live.next": change("Moved to the next step", version),
  "conference.live.jump": change("Jumped to a step", version),
  "conference.live.mark": change("Marked a step asked or skipped", version),
  "conference.live.speaker": change("Named the current speaker", version),
  "conference.live.break": change("Called a break", version),
  "conference.live.lock-seating": change("Locked or unlocked the seating plan", version),

  // Outcome agreements
  "agreement.start": change("Started an outcome agreement"),
  "agreement.add-term": change("Added a term"),
  "agreement.edit-term": change("Changed a term"),
  "agreement.remove-term": change("Removed a term"),
  "agreement.move-term": change("Moved a term", (d) => (d.from !== undefined && d.to !== undefined ? `From term ${String(d.from)} to term ${String(d.to)}` : "")),
  "agreement.freeze": change("Made a version ready to sign", version),
  "agreement.sign": change("Took a signature", (d) => word(SIGNATURE_METHODS, d.method)),
  "agreement.submit": change("Sent a version for the supervisor's review"),
  "agreement.comment": change("Commented on a version"),
  "agreement.approve": change("Approved the agreement (version of record)"),
  "agreement.request-changes": change("Asked for changes to the agreement"),
  "agreement.progress": change("Recorded progress on a term", (d) => word(PROGRESS_LABELS, d.status)),
  "agreement.payment": change("Recorded a payment", (d) => (typeof d.amountPence === "number" ? `£${(d.amountPence / 100).toFixed(2)}` : "")),
  "agreement.notice": change("Recorded that the person harmed was told", (d) => sentences(word(NOTICE_OUTCOME_LABELS, d.outcome), word(NOTICE_METHOD_LABELS, d.method))),

  // Letters
  "letter.open": change("Opened a letter", (d) =>
    sentences(d.replyToId ? "A reply to a delivered letter" : "", d.access === "invite" ? "With a one-time invite code" : d.access === "password" ? "With a password" : ""),
  ),
  "letter.submit": change("The author sent their letter for review", version),
  "letter.suggestion.accepted": change("The author used a suggestion"),
  "letter.suggestion.rejected": change("The author left a suggestion out"),
  "letter.comment": change("Commented on the letter"),
  "letter.comment.resolve": change("Resolved a comment on the letter"),
  "letter.suggest": change("Suggested rewording"),
  "letter.lock": change("Paused the author's editing"),
  "letter.unlock": change("Let the author edit again"),
  "letter.request-changes": change("Asked the author for changes", version),
  "letter.approve": change("Approved the letter", version),
  "letter.invite.renew": change("Made a new invite code"),
  "letter.close": change("Closed the letter"),
  "letter.choice": change("Recorded the recipient's choice", (d) => word(DELIVERY_CHOICE_LABELS, d.choice)),
  "letter.release": change("Delivered the letter", (d) => word(RELEASE_METHOD_LABELS, d.method)),
  "letter.destroy": change("Destroyed the letter"),

  // Data protection requests. The phrases redacted and the words of a correction request are
  // case content: the entries say only that there were some.
  "subject-access.list.view": view("Viewed the case's subject access requests"),
  "subject-access.request": change("Recorded a subject access request"),
  "subject-access.redact": change("Redacted a phrase in a subject access export"),
  "subject-access.unredact": change("Took back a redaction in a subject access export"),
  "rectification.record": change("Recorded a request to correct someone's data"),
  "rectification.decide": change("Recorded the decision on a correction request", (d) => word(RECTIFICATION_DECISION_LABELS, d.decision)),

  // Participants' feedback. What they said is case content: the entries say only when and how.
  "case.feedback.view": view("Viewed the participants' feedback"),
  "feedback.record": change("Recorded a participant's feedback", (d) => sentences(word(FEEDBACK_OCCASION_LABELS, d.occasion), word(FEEDBACK_METHOD_LABELS, d.method))),
  "feedback.decline": change("Recorded that a participant declined to give feedback", (d) =>
    sentences(word(FEEDBACK_OCCASION_LABELS, d.occasion), word(FEEDBACK_METHOD_LABELS, d.method)),
  ),
  "feedback.participant-mode.start": change("Handed the tablet to a participant to give feedback", (d) => word(FEEDBACK_OCCASION_LABELS, d.occasion)),
  "feedback.participant-mode.view": view("Showed a participant the feedback questions"),
  "feedback.participant-mode.leave": change("Took the tablet back from participant mode"),
  "feedback.participant-mode.leave.refused": refusal("A wrong password was given to take the tablet back from participant mode"),

  // Shuttle communication. The messages are case content: the entries say what kind and how, never the words.
  "case.exchange.view": view("Viewed the messages passed between the parties"),
  "exchange.record": change("Recorded a message to pass on", (d) => sentences(word(EXCHANGE_KIND_LABELS, d.kind), word(EXCHANGE_GATHERING_LABELS, d.gatheredBy))),
  "exchange.edit": change("Edited a message for safety", (d) => (d.senderAgreed ? "The sender agreed" : "The sender has not agreed")),
  "exchange.approve": change("Approved a message to pass on", (d) => (d.edited ? "As edited with the sender's agreement" : "")),
  "exchange.deliver": change("Recorded that a message reached the other party", (d) =>
    sentences(word(EXCHANGE_DELIVERY_LABELS, d.method), typeof d.deliveredOn === "string" && formatDay(d.deliveredOn)),
  ),
  "exchange.writer.open": change("Opened a party's own message workspace", (d) =>
    d.access === "existing" ? "With their letter sign-in" : d.access === "invite" ? "With an invite code" : "With a password",
  ),
  "exchange.writer.renew": change("Made a new invite code for a message workspace"),
  "exchange.writer.close": change("Closed a party's own message workspace"),
  "exchange.own.view": view("The party opened their own message workspace"),
  "exchange.own.write": change("The party wrote a message for review", (d) => word(EXCHANGE_KIND_LABELS, d.kind)),
  "exchange.own.agree": change("The party agreed to a change to their message"),
  "exchange.choice": change("Recorded a party's choice about receiving messages", (d) => word(EXCHANGE_CHOICE_LABELS, d.choice)),
  "exchange.pack.print": exported("Opened the printable pack of messages for a party", (d) => (typeof d.count === "number" ? `${d.count} message${d.count === 1 ? "" : "s"}` : "")),
  "exchange.pack.refused": refusal("Refused: a pack of messages the recipient's choice does not allow"),

  // The person responsible's intervention programme. Reasons, venues and concerns are case content:
  // the entries say only what kind of change it was.
  "case.programme.view": view("Viewed the intervention programme"),
  "programme.start": change("Started the intervention programme", (d) => (typeof d.sessions === "number" ? `${d.sessions} sessions` : "")),
  "programme.skip": change("Skipped a programme session, with a reason"),
  "programme.restore": change("Put a skipped programme session back, with a reason"),
  "programme.move": change("Moved a programme session, with a reason", (d) => (typeof d.from === "number" && typeof d.to === "number" ? `From place ${d.from} to ${d.to}` : "")),
  "programme.add": change("Added a programme session, with a reason", (d) => word(PROGRAMME_MODULE_LABELS, d.module)),
  "programme.schedule": change("Scheduled a programme session", (d) => word(PROGRAMME_VENUE_LABELS, d.venueKind)),
  "programme.attendance": change("Recorded attendance at a programme session", (d) =>
    sentences(word(ATTENDANCE_LABELS, d.status), typeof d.cancelledBy === "string" && `By ${word(CANCELLED_BY_LABELS, d.cancelledBy).toLowerCase()}`),
  ),
  "programme.review": change("Reviewed a programme session", (d) => (d.concern === true ? "A risk or safeguarding concern was raised" : "")),
  "programme.judgement": change("Recorded the facilitators' readiness judgement", (d) => word(PROGRAMME_JUDGEMENT_LABELS, d.kind)),
  "programme.override": change("Recorded why the case goes ahead without a complete programme"),
  "programme.worksheet.set": change("Set the person responsible a worksheet", (d) => word(WORKSHEET_KIND_LABELS, d.kind)),
  "programme.worksheet.comment": change("Commented on the person responsible's worksheet"),
  "programme.worksheet.close": change("Closed the person responsible's worksheet"),
  "programme.worksheet.own.view": view("The person responsible opened their own worksheets"),
  "programme.worksheet.own.save": change("The person responsible saved their worksheet"),
  "programme.worksheet.own.submit": change("The person responsible sent their worksheet to the facilitators"),

  // The service
  "user.create": change("Added a user", (d) => (d.role ? `As ${word(STAFF_ROLE_LABELS, d.role).toLowerCase()}` : "")),
  "user.disable": change("Disabled a user"),
  "user.enable": change("Enabled a user"),
  "user.reset-password": change("Reset a user's password"),
  "user.change-password": change("Chose their own password"),
  "user.change-password.refused": refusal("Gave a wrong current password when changing their password"),
  "service.setup": change("Set up the service and its first manager"),
  "service.overview": view("Viewed the service overview"),
  "disposals.view": view("Viewed the closed cases and disposals"),
  "case.legal-hold.place": change("Put the case on legal hold", (d) => (typeof d.reason === "string" && d.reason !== "" ? "A reason was given" : "")),
  "case.legal-hold.lift": change("Lifted the case's legal hold", (d) => (typeof d.reason === "string" && d.reason !== "" ? "A reason was given" : "")),
  "case.disposed": change("Disposed of the case's personal data", (d) =>
    sentences(
      typeof d.tombstone === "string" && `Now ${d.tombstone}`,
      typeof d.ruleId === "string" && d.ruleId !== "" && `Under rule ${d.ruleId}`,
      typeof d.removed === "number" && `${d.removed} record${d.removed === 1 ? "" : "s"} removed`,
    ),
  ),
  "reports.export.csv": exported("Downloaded a report table as CSV", (d) => sentences(typeof d.table === "string" && `Table: ${d.table}`, reportScope(d))),
  "reports.export.pdf": exported("Downloaded the quarterly return as a PDF", reportScope),
  "disposal.certificate.export": exported("Downloaded a disposal certificate", (d) => (typeof d.tombstone === "string" ? d.tombstone : "")),
  "script-template.create": change("Made a script template"),
  "script-template.archive": change("Archived a script template"),
  "script-template.add-step": change("Added a step to a script template"),
  "script-template.edit-step": change("Changed a step of a script template"),
  "script-template.move-step": change("Moved a step of a script template"),
  "script-template.remove-step": change("Removed a step from a script template"),
  "programme-template.view": view("Viewed the service's programme templates"),
  "programme-template.create": change("Made a programme template"),
  "programme-template.archive": change("Archived a programme template"),
  "programme-template.add-session": change("Added a session to a programme template"),
  "programme-template.edit-session": change("Changed a session of a programme template"),
  "programme-template.move-session": change("Moved a session of a programme template"),
  "programme-template.remove-session": change("Removed a session from a programme template"),
  "retention.view": view("Viewed the retention rules and the cases due for review", (d) => (typeof d.due === "number" ? `${d.due} due for review` : "")),
  "retention.rule.add": change("Added a retention rule", retentionRule),
  "retention.rule.change": change("Changed a retention rule", retentionRule),
  "retention.rule.remove": change("Removed a retention rule", retentionRule),
  // Written by the retention job itself (actor role SYSTEM), in the case's own trail.
  "retention.due.found": change("Found due for disposal review under the retention rules", (d) =>
    sentences(
      typeof d.dueOn === "string" && `Due on ${formatDay(d.dueOn)}`,
      d.dobUnknown === true && "A date of birth was not recorded: counted from the latest date the record allows",
    ),
  ),
  "retention.audit.change": change("Changed how long the audit trail is kept", (d) =>
    sentences(typeof d.years === "number" && `Now ${yearsWord(d.years)}`, typeof d.from === "number" && `was ${yearsWord(d.from)}`),
  ),
  // A person's own notifications: how many, never what they said (their text names cases).
  "notification.list.view": view("Viewed their notifications", (d) => (typeof d.unread === "number" ? `${d.unread} unread` : "")),
  "notification.preferences.view": view("Viewed their notification settings"),
  "notification.read": change("Marked notifications as read", (d) => (d.all === true ? "All of them" : typeof d.count === "number" ? `${d.count} marked` : "")),
  "notification.preferences.change": change("Changed which notifications reach them", (d) =>
    sentences(typeof d.off === "number" && `${d.off} kind${d.off === 1 ? "" : "s"} switched off`, typeof d.digest === "boolean" && `Email digest ${d.digest ? "on" : "off"}`),
  ),
  // Written by the notification job (actor role SYSTEM) once per digest: how many, to nobody's case.
  "notification.digest.sent": change("Sent the daily notification email", (d) => (typeof d.count === "number" ? `${d.count} new` : "")),
  // Written by the retention job itself (actor role SYSTEM): the cutoff and how many entries went, nothing about them.
  "audit.prune": change("Deleted audit entries older than the period kept", (d) =>
    sentences(typeof d.cutoff === "string" && `Created before ${formatDateTime(d.cutoff)}`, typeof d.count === "number" && `${d.count} deleted`),
  ),
} satisfies Record<string, ActionInfo>;

/** Every action an audit entry may record: writing one that has no label here is a type error. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The label and kind of an action; an action this table does not know falls back to its code and is a change. */
export function auditAction(code: string): { label: string; kind: AuditKind; known: boolean } {
  const info: ActionInfo | undefined = Object.hasOwn(AUDIT_ACTIONS, code) ? AUDIT_ACTIONS[code as AuditAction] : undefined;
  return info ? { label: info.label, kind: info.kind, known: true } : { label: code, kind: "change", known: false };
}

/** What an entry's details say, in plain words ("" when there is nothing to add). Never throws on odd JSON. */
export function describeAuditDetails(code: string, detailsJson: string): string {
  let details: unknown;
  try {
    details = JSON.parse(detailsJson);
  } catch {
    return "";
  }
  if (!details || typeof details !== "object" || Array.isArray(details)) return "";
  const info: ActionInfo | undefined = Object.hasOwn(AUDIT_ACTIONS, code) ? AUDIT_ACTIONS[code as AuditAction] : undefined;
  if (info?.describe) return info.describe(details as Details);
  if (info) return "";
  // An action nobody described yet: its details as they are, key by key, so nothing is hidden.
  return Object.entries(details as Details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(", ");
}
