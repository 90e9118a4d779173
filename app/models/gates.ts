import { ageUnknown, under18At } from "~/utils/age";
import { isBankHoliday } from "~/utils/bank-holidays";
import type { Stage } from "~/utils/roles";
import { STAGE_LABELS, STAGES } from "~/utils/roles";
import {
  CONTACT_FREQUENCY_DAYS,
  CONSENT_ELEMENT_LABELS,
  PARTICIPANT_ROLE_LABELS,
  displayName,
  type ConsentAnswer,
  type ConsentElement,
  type ContactFrequency,
  type CompletedBy,
  type ParticipantRole,
  type Recommendation,
} from "~/utils/preparation";
import { programmeGate, type ProgrammeGateFacts } from "./programme-rules";
import { once } from "~/utils/once";

/**
 * The rules of good practice that stand between a case and its next step.
 * Pure: the server loads the facts (app/models/preparation.server.ts) and asks; the case screen
 * shows the same reasons before anyone taps. Every refusal is a sentence a facilitator can act on.
 */
export type GateParticipant = {
  id: string;
  role: ParticipantRole;
  name: string;
  preferredName: string;
  infoOfferedAt: Date | string | null;
  notInvitedReason: string | null;
  /** The newest consent answer per element; absent means never asked. */
  consent: Partial<Record<ConsentElement, ConsentAnswer>>;
  /** When each of those answers was given: whether a child's answer needs a guardian's beside it depends on their age that day. */
  consentGivenAt?: Partial<Record<ConsentElement, Date | string>>;
  /** Calendar date of birth "YYYY-MM-DD", or null (absent: not recorded). */
  dateOfBirth?: string | null;
  /** Age band when the date of birth is not known (app/utils/age.ts), or null. */
  ageBand?: string | null;
  /** Active parents or guardians linked to this person, each with their current answers for them. */
  guardians?: GateGuardian[];
};

export type GateGuardian = {
  id: string;
  name: string;
  preferredName: string;
  /** This guardian's newest answer per element, given for the child (not their own consent). */
  consent: Partial<Record<ConsentElement, ConsentAnswer>>;
};

export type GateFacts = {
  stage: Stage;
  sensitive: boolean;
  /** Active (not removed) participants. */
  participants: GateParticipant[];
  /** The newest risk assessment made at the case's current stage, if any. */
  currentAssessment: { id: string; recommendation: Recommendation } | null;
  /** The newest supervisor decision on currentAssessment, if any. */
  approval: { decision: "APPROVED" | "DECLINED"; comments: string } | null;
  /** Whether a conference is booked (status SCHEDULED). */
  hasScheduledConference: boolean;
  /**
   * Who will attend, when that is known: the people chosen for a booking being made, or those of
   * the booked conference. A child among them needs their own and a guardian's consent. Absent:
   * only the person harmed and the person responsible are checked (they always attend).
   */
  attendeeIds?: string[] | null;
  /** Today, for the age of someone who has not answered yet (defaults to the clock). */
  now?: Date;
  /**
   * The person responsible's intervention programme, when the case has one: booking waits for it
   * (programmeGate). Absent or null: no programme was started, and the gates are as they were.
   */
  programme?: ProgrammeGateFacts | null;
};

export type GateResult = { ok: true } | { ok: false; reasons: string[] };

// Deduplicated: with nobody added yet, both consent elements would say "Add the person harmed" twice.
const result = (reasons: string[]): GateResult => (reasons.length === 0 ? { ok: true } : { ok: false, reasons: [...new Set(reasons)] });

const who = (p: GateParticipant) => `${displayName(p)} (${PARTICIPANT_ROLE_LABELS[p.role].toLowerCase()})`;

const principals = (facts: GateFacts, role: ParticipantRole) => facts.participants.filter((p) => p.role === role);

/** Reasons the named consent is missing for each person harmed and person responsible. */
function consentReasons(facts: GateFacts, element: ConsentElement): string[] {
  const reasons: string[] = [];
  for (const role of ["PERSON_HARMED", "PERSON_RESPONSIBLE"] as const) {
    const people = principals(facts, role);
    if (people.length === 0) {
      reasons.push(`Add the ${PARTICIPANT_ROLE_LABELS[role].toLowerCase()} to the case first.`);
      continue;
    }
    for (const p of people) {
      const answer = p.consent[element];
      const what = CONSENT_ELEMENT_LABELS[element].toLowerCase();
      if (answer === "YES") continue;
      if (answer === "WITHDRAWN") reasons.push(`${who(p)} has withdrawn consent to ${what}.`);
      else if (answer === "NO") reasons.push(`${who(p)} has said no to: ${what}.`);
      else reasons.push(`${who(p)} has not yet agreed to ${what}.`);
    }
  }
  return reasons;
}

const PRINCIPAL_ROLES: readonly ParticipantRole[] = ["PERSON_HARMED", "PERSON_RESPONSIBLE"];

/** The person harmed and the person responsible, and whoever else is known to attend. */
function attending(facts: GateFacts): GateParticipant[] {
  const ids = new Set(facts.attendeeIds ?? []);
  return facts.participants.filter((p) => PRINCIPAL_ROLES.includes(p.role) || ids.has(p.id));
}

const guardianState = (g: GateGuardian, element: ConsentElement) => {
  const answer = g.consent[element];
  if (answer === "NO") return `${displayName(g)} has said no`;
  if (answer === "WITHDRAWN") return `${displayName(g)} has withdrawn consent`;
  return `${displayName(g)} has not yet agreed`;
};

/**
 * A person under 18 on the day of their answer needs a parent or guardian's yes to the same
 * element beside their own: for each attending child, a guardian linked to them must have a
 * current yes. The age that counts is the age on the day the child's current answer was given, so
 * an answer given before their 18th birthday still needs a guardian after it, and one given on or
 * after it does not. Without an answer yet, today's age decides. A child known only by an age band
 * under 18 is a child whatever the day; someone whose age is not known is not treated as a child
 * here (ageFlags asks for their date of birth instead).
 */
function guardianReasons(facts: GateFacts, element: ConsentElement): string[] {
  const now = facts.now ?? new Date();
  const what = CONSENT_ELEMENT_LABELS[element].toLowerCase();
  const reasons: string[] = [];
  for (const p of attending(facts)) {
    const age = { dateOfBirth: p.dateOfBirth ?? null, ageBand: p.ageBand ?? null };
    const answer = p.consent[element];
    const givenAt = answer && p.consentGivenAt?.[element];
    const answeredAt = givenAt ? new Date(givenAt) : now;
    if (!under18At(age, answeredAt)) continue;
    // The person harmed and responsible are asked for their own answer by consentReasons already.
    if (!PRINCIPAL_ROLES.includes(p.role) && answer !== "YES") reasons.push(`${who(p)} is under 18 and attending: record their own answer to ${what} first.`);
    const guardians = p.guardians ?? [];
    if (guardians.some((g) => g.consent[element] === "YES")) continue;
    const states = guardians.map((g) => guardianState(g, element)).join("; ");
    if (under18At(age, now)) {
      reasons.push(
        guardians.length
          ? `${who(p)} is under 18, so a parent or guardian must also agree to ${what} (${states}).`
          : `${who(p)} is under 18: link a parent or guardian to them and record that person's consent to ${what}.`,
      );
    } else {
      // 18 now, but their current answer was given before: a guardian's yes, or a fresh answer of their own.
      const guardian = guardians.length ? `a parent or guardian must also agree (${states})` : "link a parent or guardian to them and record that person's consent";
      reasons.push(`${who(p)} was under 18 when they answered about ${what}: ${guardian}, or record ${displayName(p)}'s own answer again now they are 18.`);
    }
  }
  return reasons;
}

/**
 * Not a refusal: the person harmed or responsible whose age nobody has recorded. Without it Circle
 * cannot tell whether a parent or guardian must consent, so the case screen asks for it beside the
 * gate. It does not block, because adult services often do not record ages (and every case from
 * before ages were recorded would stop); a youth service should record a date of birth for both.
 */
export function ageFlags(facts: GateFacts): string[] {
  return facts.participants
    .filter((p) => PRINCIPAL_ROLES.includes(p.role) && ageUnknown({ dateOfBirth: p.dateOfBirth ?? null, ageBand: p.ageBand ?? null }))
    .map((p) => `Record ${who(p)}'s date of birth, or an age band: without it Circle cannot tell whether a parent or guardian must also consent.`);
}

function assessmentReasons(facts: GateFacts, allowIndirect: boolean): string[] {
  const a = facts.currentAssessment;
  if (!a) return [`Complete a risk assessment for the ${STAGE_LABELS[facts.stage].toLowerCase()} stage.`];
  if (a.recommendation === "DO_NOT_PROCEED") return ["The current risk assessment recommends not proceeding."];
  if (a.recommendation === "INDIRECT_ONLY" && !allowIndirect) {
    return ["The current risk assessment recommends indirect communication only: letters are possible, a conference is not."];
  }
  return [];
}

function approvalReasons(facts: GateFacts): string[] {
  if (!facts.sensitive || !facts.currentAssessment) return [];
  if (facts.approval?.decision === "APPROVED") return [];
  if (facts.approval?.decision === "DECLINED") {
    return [`The case supervisor did not approve the current risk assessment: ${facts.approval.comments}`];
  }
  return ["This case is sensitive or complex: a case supervisor must approve the current risk assessment first."];
}

/** May a face-to-face conference be scheduled now? */
export function conferenceGate(facts: GateFacts): GateResult {
  if (facts.stage !== "PREPARATION") {
    return result([`A conference is scheduled from the preparation stage; this case is at ${STAGE_LABELS[facts.stage].toLowerCase()}.`]);
  }
  return result([
    ...consentReasons(facts, "TAKE_PART"),
    ...guardianReasons(facts, "TAKE_PART"),
    ...consentReasons(facts, "MEET_FACE_TO_FACE"),
    ...guardianReasons(facts, "MEET_FACE_TO_FACE"),
    ...assessmentReasons(facts, false),
    ...approvalReasons(facts),
    ...programmeGate(facts.programme),
  ]);
}

/**
 * Does a booked conference still stand? (Checked after every consent or assessment change.) The
 * programme is not asked again here, so a consent or assessment change holds a booking for its own
 * reasons only; what is recorded in the programme after booking is asked when it is recorded
 * (programmeRecordHold in programme-rules.ts: a concern, or a judgement of not ready, holds it).
 */
export function bookedConferenceStands(facts: GateFacts): GateResult {
  return conferenceGate({ ...facts, stage: "PREPARATION", programme: null });
}

/**
 * Why a booked conference no longer stands, in words that name nobody ("consent to meet was
 * withdrawn"): what the live screens show, since a tablet in the conference room can be seen by
 * everyone there. The reasons with names (bookedConferenceStands) are for the case screen.
 */
export function holdSummary(facts: GateFacts): string {
  const parts: string[] = [];
  const people = [...principals(facts, "PERSON_HARMED"), ...principals(facts, "PERSON_RESPONSIBLE")];
  if (principals(facts, "PERSON_HARMED").length === 0 || principals(facts, "PERSON_RESPONSIBLE").length === 0) {
    parts.push("someone the conference needs is no longer on the case");
  }
  for (const [element, what] of [
    ["TAKE_PART", "consent to take part"],
    ["MEET_FACE_TO_FACE", "consent to meet"],
  ] as const) {
    const answers = people.map((p) => p.consent[element]);
    if (answers.includes("WITHDRAWN")) parts.push(`${what} was withdrawn`);
    else if (answers.includes("NO")) parts.push(`${what} was refused`);
    else if (answers.some((a) => a !== "YES")) parts.push(`${what} is missing`);
  }
  if (assessmentReasons(facts, false).length > 0) parts.push("the risk assessment no longer supports a conference");
  if (approvalReasons(facts).length > 0) {
    parts.push(facts.approval?.decision === "DECLINED" ? "the case supervisor declined the risk assessment" : "the risk assessment needs the case supervisor's approval");
  }
  return parts.length > 0 ? parts.join("; ") : "the conditions for the conference no longer hold";
}

/**
 * May the person responsible write a letter (indirect communication)? They must take part and
 * agree to write; the assessment must not say stop. The person harmed's choice about receiving it
 * is checked when the letter is released, not here.
 */
export function letterGate(facts: GateFacts): GateResult {
  if (facts.stage === "CLOSED") return result(["This case is closed."]);
  const responsible = principals(facts, "PERSON_RESPONSIBLE");
  const reasons: string[] = [];
  if (responsible.length === 0) reasons.push("Add the person responsible to the case first.");
  for (const p of responsible) {
    for (const element of ["TAKE_PART", "LETTER"] as const) {
      if (p.consent[element] !== "YES") reasons.push(`${who(p)} has not agreed to: ${CONSENT_ELEMENT_LABELS[element].toLowerCase()}.`);
    }
  }
  // A young person responsible writes only with a parent or guardian's consent too.
  const responsibleOnly: GateFacts = { ...facts, participants: responsible, attendeeIds: null };
  reasons.push(...guardianReasons(responsibleOnly, "TAKE_PART"), ...guardianReasons(responsibleOnly, "LETTER"));
  const a = facts.currentAssessment;
  if (!a) reasons.push(`Complete a risk assessment for the ${STAGE_LABELS[facts.stage].toLowerCase()} stage.`);
  else if (a.recommendation === "DO_NOT_PROCEED") reasons.push("The current risk assessment recommends not proceeding.");
  return result(reasons);
}

/**
 * May this participant write a letter? The person responsible is covered by letterGate. Anyone else
 * who writes (a person harmed, a supporter) must have agreed to it themselves, and a child among
 * them only with a parent or guardian's yes beside their own, as for a young person responsible.
 */
export function letterWriterGate(facts: GateFacts, writerId: string): GateResult {
  const p = facts.participants.find((x) => x.id === writerId);
  if (!p || p.role === "PERSON_RESPONSIBLE") return { ok: true };
  if (p.consent.LETTER !== "YES") return result([`${displayName(p)} has not agreed to: ${CONSENT_ELEMENT_LABELS.LETTER.toLowerCase()}.`]);
  return result(guardianReasons({ ...facts, participants: [p], attendeeIds: [p.id] }, "LETTER"));
}

/**
 * May this party write their own messages to the other (their own message workspace)? They must
 * have agreed to messages being passed between the parties, and a child only with a parent or
 * guardian's yes beside their own.
 */
export function messageWriterGate(facts: GateFacts, participantId: string): GateResult {
  const p = facts.participants.find((x) => x.id === participantId);
  if (!p) return result(["Choose the person harmed or the person responsible on this case."]);
  if (p.consent.PASS_MESSAGES !== "YES") return result([`${displayName(p)} has not agreed to messages being passed between the parties. Record their consent first.`]);
  return result(guardianReasons({ ...facts, participants: [p], attendeeIds: [p.id] }, "PASS_MESSAGES"));
}

/** What closing a case as completed needs to know beyond the gate facts: what happened on it. */
export type CompletionFacts = { conferenceHeld: boolean; letterReleased: boolean; messageDelivered: boolean };

/**
 * May the case be closed as completed this way? The outcome is recorded for reporting, so it must
 * be true of the case: a conference completed it only if one was held, letters only if one was
 * released to the person harmed. Indirect communication through the facilitator needs no
 * conference or letter, but a message must have reached the other party, and both the person
 * harmed and the person responsible must have agreed to have their questions and answers passed on (a child, with a parent or guardian's yes too), as
 * their current answer: a later withdrawal is honoured here as everywhere else.
 */
export function completionGate(facts: GateFacts, done: CompletionFacts, by: CompletedBy): GateResult {
  switch (by) {
    case "CONFERENCE":
      return result(done.conferenceHeld ? [] : ["No conference has been held on this case: choose how it was completed, or close it with another reason."]);
    case "LETTERS":
      return result(done.letterReleased ? [] : ["No letter has been released to the person harmed: choose how the case was completed, or close it with another reason."]);
    case "INDIRECT_MESSAGES":
      return result([
        ...consentReasons(facts, "PASS_MESSAGES"),
        ...guardianReasons({ ...facts, attendeeIds: null }, "PASS_MESSAGES"),
        ...(done.messageDelivered ? [] : ["No message has reached the other party: record a delivery on the messages page, or choose how the case was completed."]),
      ]);
  }
}

/** Victims' Code: has each person harmed been offered information about RJ, or a reason recorded for not inviting them? */
function victimsCodeReasons(facts: GateFacts): string[] {
  const harmed = principals(facts, "PERSON_HARMED");
  if (harmed.length === 0) return ["Add the person harmed to the case first."];
  return harmed
    .filter((p) => !p.infoOfferedAt && !p.notInvitedReason)
    .map((p) => `Record when ${displayName(p)} was offered information about restorative justice, or why they are not invited.`);
}

/**
 * May the case move from its stage to `to` by hand? Conference scheduling has its own gate and
 * screen; closing needs a closure reason (checked by the form schema).
 */
export function stageGate(facts: GateFacts, to: Stage): GateResult {
  const from = facts.stage;
  if (from === to) return result([`The case is already at ${STAGE_LABELS[to].toLowerCase()}.`]);
  if (from === "CLOSED") return result(["This case is closed. Only the service manager can reopen it."]);
  if (to === "CLOSED") return { ok: true };
  if (to === "CONFERENCE_SCHEDULED") return result(["Schedule the conference to move to this stage."]);
  const step = STAGES.indexOf(to) - STAGES.indexOf(from);
  const indirectToFollowUp = from === "PREPARATION" && to === "FOLLOW_UP";
  if (step !== 1 && !indirectToFollowUp) {
    return result([`A case moves from ${STAGE_LABELS[from].toLowerCase()} to ${STAGE_LABELS[STAGES[STAGES.indexOf(from) + 1]!].toLowerCase()} next.`]);
  }
  switch (to) {
    case "ASSESSMENT":
      return result([...victimsCodeReasons(facts), ...(principals(facts, "PERSON_RESPONSIBLE").length ? [] : ["Add the person responsible to the case first."])]);
    case "PREPARATION":
      return result([...consentReasons(facts, "TAKE_PART"), ...guardianReasons({ ...facts, attendeeIds: null }, "TAKE_PART"), ...assessmentReasons(facts, true)]);
    case "CONFERENCE_HELD":
      return result(facts.hasScheduledConference ? [] : ["No conference is booked."]);
    case "FOLLOW_UP":
      return { ok: true };
    default:
      return result([`A case cannot move to ${STAGE_LABELS[to].toLowerCase()} from here.`]);
  }
}

/** The stages a facilitator may choose from the case screen at this stage (gates still apply). */
export function nextStages(from: Stage): Stage[] {
  switch (from) {
    case "REFERRAL":
      return ["ASSESSMENT", "CLOSED"];
    case "ASSESSMENT":
      return ["PREPARATION", "CLOSED"];
    case "PREPARATION":
      return ["FOLLOW_UP", "CLOSED"];
    case "CONFERENCE_SCHEDULED":
      return ["CONFERENCE_HELD", "CLOSED"];
    case "CONFERENCE_HELD":
      return ["FOLLOW_UP", "CLOSED"];
    case "FOLLOW_UP":
      return ["CLOSED"];
    case "CLOSED":
      return [];
  }
}

/**
 * The stage a risk assessment is made for. A booked conference does not need a fresh assessment:
 * the one made in preparation stays current once the conference is scheduled (and if the booking
 * is put on hold, the case is back in preparation with the same assessment).
 */
export function assessmentStageOf(stage: Stage): Stage {
  return stage === "CONFERENCE_SCHEDULED" ? "PREPARATION" : stage;
}

/** Is an assessment made at `madeAt` still current for a case now at `caseStage`? */
export function isAssessmentCurrent(madeAt: Stage, caseStage: Stage): boolean {
  return assessmentStageOf(madeAt) === assessmentStageOf(caseStage);
}

const MS_PER_DAY = 24 * 3600 * 1000;

/** The service's calendar date (Europe/London) of an instant, as YYYY-MM-DD. */
const londonDate = once(() => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }));

/**
 * Adds working days to an instant: each step moves 24 hours on and counts only when the day in
 * London is a weekday and not a bank holiday in England and Wales (app/utils/bank-holidays.ts).
 */
export function addWorkingDays(from: Date, days: number): Date {
  let at = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    at = new Date(at.getTime() + MS_PER_DAY);
    const date = londonDate().format(at);
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (day !== 0 && day !== 6 && !isBankHoliday(date)) left -= 1;
  }
  return at;
}

export type VictimsCodeStatus =
  | { state: "offered"; at: string; onTime: boolean; dueBy: string }
  | { state: "not_invited"; reason: string }
  | { state: "due"; dueBy: string }
  | { state: "overdue"; dueBy: string };

/**
 * Victims' Code: information about RJ is due within 5 working days of referral (1 for enhanced
 * rights). Apart from victimsCodeStatus so the reports work each referral's deadline out once and
 * classify thousands of people against it in SQL (app/models/reports.ts, victimsCodeDeadlines).
 */
export const victimsCodeDue = (referredAt: Date, enhancedRights: boolean): Date => addWorkingDays(referredAt, enhancedRights ? 1 : 5);

/** Where a person harmed stands with the Victims' Code: offered (on time or late), not invited with a reason, due, or overdue. */
export function victimsCodeStatus(referredAt: Date, p: { enhancedRights: boolean; infoOfferedAt: Date | null; notInvitedReason: string | null }, now: Date): VictimsCodeStatus {
  const due = victimsCodeDue(referredAt, p.enhancedRights);
  const dueBy = due.toISOString();
  if (p.infoOfferedAt) return { state: "offered", at: p.infoOfferedAt.toISOString(), onTime: p.infoOfferedAt <= due, dueBy };
  if (p.notInvitedReason) return { state: "not_invited", reason: p.notInvitedReason };
  return now > due ? { state: "overdue", dueBy } : { state: "due", dueBy };
}

/** When the next routine contact with a participant is due, from their preferred frequency; null when none is. */
export function nextContactDue(lastContactAt: Date | null, since: Date, frequencyDays: number | null): Date | null {
  if (frequencyDays === null) return null;
  return new Date((lastContactAt ?? since).getTime() + frequencyDays * MS_PER_DAY);
}

/**
 * A participant's next routine contact and whether it is overdue: counted from their last contact
 * that took place (or from when they were added), at the frequency they asked for. Nobody who was
 * removed from the case, or asked only to hear when something changes, is ever due.
 */
export function participantContactDue(
  p: { contactFrequency: string; removed: boolean; lastContactAt: Date | null; addedAt: Date },
  now: Date,
): { due: Date | null; overdue: boolean } {
  const frequencyDays = CONTACT_FREQUENCY_DAYS[p.contactFrequency as ContactFrequency] ?? null;
  const due = p.removed ? null : nextContactDue(p.lastContactAt, p.addedAt, frequencyDays);
  return { due, overdue: due !== null && due < now };
}

/**
 * The stage a reopened case returns to: the one it was closed from, so the preparation already
 * done stands (every later move still passes its gate). Closing cancelled any booking, so a case
 * closed with a conference scheduled goes back to preparation to re-book; with no record of where
 * it was (closed before Circle kept one), it starts again at referral.
 */
export function reopenStage(closedFrom: Stage | null): Stage {
  if (!closedFrom || closedFrom === "CLOSED") return "REFERRAL";
  return closedFrom === "CONFERENCE_SCHEDULED" ? "PREPARATION" : closedFrom;
}
