import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { DELIVERY_CHOICES, LETTER_STATUSES } from "~/models/letter-schemas";
import { AGREEMENT_STATUSES, PROGRESS_STATUSES, VERSION_STATES } from "~/models/agreement-schemas";
import { LIVE_STATUSES } from "~/realtime/live-machine";
import { NOTIFICATION_KINDS } from "~/models/notification-kinds";
import { RECTIFICATION_DECISIONS } from "~/models/rectification-labels";
import { FEEDBACK_METHODS, FEEDBACK_OCCASIONS } from "~/models/feedback-labels";
import { EXCHANGE_DELIVERY_METHODS, EXCHANGE_GATHERINGS, EXCHANGE_KINDS, EXCHANGE_STATUSES, EXCHANGE_WORDINGS } from "~/models/exchange-labels";
import { RETENTION_BASES, RETENTION_CASE_TYPES } from "~/models/retention";
import { WORKSHEET_KINDS, WORKSHEET_STATUSES } from "~/models/worksheet-labels";
import {
  ATTENDANCE_STATUSES,
  CANCELLED_BY,
  CONTACT_READINESS,
  PROGRAMME_CHANGE_KINDS,
  PROGRAMME_JUDGEMENT_KINDS,
  PROGRAMME_MODULES,
  PROGRAMME_VENUES,
} from "~/models/programme-labels";
import {
  ACKNOWLEDGEMENTS,
  APPROVAL_DECISIONS,
  CLOSURE_REASONS,
  COMPLETED_BY,
  CONFERENCE_STATUSES,
  CONSENT_ANSWERS,
  CONSENT_ELEMENTS,
  CONSENT_METHODS,
  CONTACT_FREQUENCIES,
  CONTACT_METHODS,
  PARTICIPANT_ROLES,
  PREP_CONTACT_KINDS,
  PREP_CONTACT_STATUSES,
  PREP_PLACES,
  PROFESSIONAL_TYPES,
  RECOMMENDATIONS,
  RISK_LEVELS,
} from "~/utils/preparation";
import { OFFENCE_TYPES, REFERRER_TYPES } from "~/utils/referral";
import { CASE_ROLES, STAFF_ROLES, STAGES } from "~/utils/roles";

// The database refuses (through Prisma) any value outside its enum, and the forms offer the
// app's own arrays: a value added to one and not the other would be offered and then refused.
const pairs: [string, Record<string, string>, readonly string[]][] = [
  ["UserRole", $Enums.UserRole, [...STAFF_ROLES, "LETTER_AUTHOR"]],
  ["CaseStage", $Enums.CaseStage, STAGES],
  ["NotificationKind", $Enums.NotificationKind, NOTIFICATION_KINDS],
  ["ProgrammeModule", $Enums.ProgrammeModule, PROGRAMME_MODULES],
  ["ProgrammeVenue", $Enums.ProgrammeVenue, PROGRAMME_VENUES],
  ["ProgrammeChangeKind", $Enums.ProgrammeChangeKind, PROGRAMME_CHANGE_KINDS],
  ["AttendanceStatus", $Enums.AttendanceStatus, ATTENDANCE_STATUSES],
  ["CancelledBy", $Enums.CancelledBy, CANCELLED_BY],
  ["ContactReadiness", $Enums.ContactReadiness, CONTACT_READINESS],
  ["ProgrammeJudgementKind", $Enums.ProgrammeJudgementKind, PROGRAMME_JUDGEMENT_KINDS],
  ["WorksheetKind", $Enums.WorksheetKind, WORKSHEET_KINDS],
  ["WorksheetStatus", $Enums.WorksheetStatus, WORKSHEET_STATUSES],
  ["ClosureReason", $Enums.ClosureReason, CLOSURE_REASONS],
  ["CompletedBy", $Enums.CompletedBy, COMPLETED_BY],
  ["ReferrerType", $Enums.ReferrerType, REFERRER_TYPES],
  ["OffenceType", $Enums.OffenceType, OFFENCE_TYPES],
  ["CaseRole", $Enums.CaseRole, CASE_ROLES],
  ["ParticipantRole", $Enums.ParticipantRole, PARTICIPANT_ROLES],
  ["ContactMethod", $Enums.ContactMethod, CONTACT_METHODS],
  ["ContactFrequency", $Enums.ContactFrequency, CONTACT_FREQUENCIES],
  ["ProfessionalType", $Enums.ProfessionalType, PROFESSIONAL_TYPES],
  ["ConsentElement", $Enums.ConsentElement, CONSENT_ELEMENTS],
  ["ConsentAnswer", $Enums.ConsentAnswer, CONSENT_ANSWERS],
  ["ConsentMethod", $Enums.ConsentMethod, CONSENT_METHODS],
  ["PrepContactKind", $Enums.PrepContactKind, PREP_CONTACT_KINDS],
  ["PrepPlace", $Enums.PrepPlace, PREP_PLACES],
  ["PrepContactStatus", $Enums.PrepContactStatus, PREP_CONTACT_STATUSES],
  ["RiskLevel", $Enums.RiskLevel, RISK_LEVELS],
  ["Acknowledgement", $Enums.Acknowledgement, ACKNOWLEDGEMENTS],
  ["Recommendation", $Enums.Recommendation, RECOMMENDATIONS],
  ["ApprovalDecision", $Enums.ApprovalDecision, APPROVAL_DECISIONS],
  ["ConferenceStatus", $Enums.ConferenceStatus, CONFERENCE_STATUSES],
  ["LiveStatus", $Enums.LiveStatus, LIVE_STATUSES],
  ["AgreementStatus", $Enums.AgreementStatus, AGREEMENT_STATUSES],
  ["AgreementVersionState", $Enums.AgreementVersionState, VERSION_STATES],
  ["TermProgressStatus", $Enums.TermProgressStatus, PROGRESS_STATUSES],
  ["LetterStatus", $Enums.LetterStatus, LETTER_STATUSES],
  ["DeliveryChoice", $Enums.DeliveryChoice, DELIVERY_CHOICES],
  ["RectificationDecision", $Enums.RectificationDecision, RECTIFICATION_DECISIONS],
  ["FeedbackOccasion", $Enums.FeedbackOccasion, FEEDBACK_OCCASIONS],
  ["FeedbackMethod", $Enums.FeedbackMethod, FEEDBACK_METHODS],
  ["ExchangeKind", $Enums.ExchangeKind, EXCHANGE_KINDS],
  ["ExchangeGathering", $Enums.ExchangeGathering, EXCHANGE_GATHERINGS],
  ["ExchangeWording", $Enums.ExchangeWording, EXCHANGE_WORDINGS],
  ["ExchangeStatus", $Enums.ExchangeStatus, EXCHANGE_STATUSES],
  ["ExchangeDeliveryMethod", $Enums.ExchangeDeliveryMethod, EXCHANGE_DELIVERY_METHODS],
  ["RetentionCaseType", $Enums.RetentionCaseType, RETENTION_CASE_TYPES],
  ["RetentionBasis", $Enums.RetentionBasis, RETENTION_BASES],
];

describe("the schema's enums and the app's value lists", () => {
  it.each(pairs)("%s has exactly the values the app offers", (_name, enumObject, appValues) => {
    expect(Object.values(enumObject).sort()).toEqual([...appValues].sort());
  });
});
