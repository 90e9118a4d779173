// Apart from the schemas so the disposals page can show these without downloading zod (docs/conventions.md §4).

/** What a disposal removed, in words, in the order the certificate lists it. */
export const REMOVED_LABELS: Record<string, string> = {
  participants: "People on the case (names, contact details, dates of birth, needs, hopes)",
  guardianLinks: "Parent or guardian links",
  consentEntries: "Consent records",
  contacts: "Preparation contacts (visits, calls, letters)",
  riskAssessments: "Risk assessments",
  supervisorApprovals: "Supervisor decisions on risk assessments",
  stageReasons: "Reasons given for stage changes",
  recordChanges: "Changes to the case record",
  legalHolds: "Legal holds (lifted) and their reasons",
  subjectAccessRequests: "Subject access requests, with the exports released to the person",
  subjectAccessRedactions: "Words redacted by hand in those exports",
  rectifications: "Requests to correct personal data, and the decisions on them",
  feedback: "Participants' feedback on the service, and their declines",
  exchangeMessages: "Messages passed between the parties",
  exchangeEdits: "Safety edits of those messages",
  exchangeChoices: "The parties' choices about receiving messages",
  exchangeWorkspaces: "The parties' own message workspaces",
  programmes: "Intervention programmes with the person responsible",
  programmeSessions: "Programme sessions, their plans and venues",
  programmeChanges: "Changes to a programme, with their reasons",
  programmeAttendance: "Attendance at programme sessions",
  programmeReviews: "Reviews of programme sessions, with any concerns raised",
  programmeJudgements: "Readiness judgements and supervisors' decisions on programmes",
  worksheets: "The person responsible's programme worksheets",
  worksheetAnswers: "Their answers on those worksheets",
  worksheetComments: "The facilitators' comments on those worksheets",
  teamMembers: "Case team assignments",
  notifications: "Notifications about the case",
  conferences: "Conferences",
  attendees: "Conference attendees",
  speakers: "Speaking orders",
  scriptSteps: "Conference script steps",
  liveEvents: "Live conference events",
  agreements: "Outcome agreements",
  agreementTerms: "Agreement terms",
  agreementVersions: "Agreement versions",
  agreementSignatures: "Signatures",
  agreementComments: "Supervisor comments on agreements",
  agreementPayments: "Payments",
  agreementProgress: "Progress on terms",
  agreementOutcomeNotices: "Records of telling the person harmed the outcome",
  letters: "Letters",
  letterVersions: "Letter versions",
  letterComments: "Comments on letters",
  letterSuggestions: "Suggested rewordings",
  letterDeliveryChoices: "The person harmed's choices about letters",
  letterReleases: "Letter deliveries",
  letterAuthorAccounts: "Author accounts for letters, message workspaces and worksheets (with their sessions and passwords)",
  documents: "Shared documents (notes, programme session notes, seating plans, agreement narratives, letter drafts)",
  documentUpdates: "Stored edits of those documents",
  documentSnapshots: "Stored snapshots of those documents",
  auditEntriesRewritten: "Audit entries whose free text was replaced by the tombstone reference",
};

export const removedLabel = (kind: string) => REMOVED_LABELS[kind] ?? kind;

/** What a disposal removes and what stays, as the page and the certificate say it. */
export const DISPOSAL_REMOVES =
  "Everything personal about the case: the people and their parents or guardians, consent, contacts, risk assessments, the notes, seating plans, conferences and their scripts, agreements with their versions, signatures and monitoring, letters with their versions, comments and deliveries, the letter authors' accounts, subject access requests with their released exports, requests for correction, the participants' feedback, the messages passed between the parties, the person responsible's intervention programme with its session notes and their worksheets, notifications about the case, the referrer's details, the title, the offence summary and the closure note.";
export const DISPOSAL_KEEPS =
  "An anonymised record under a new reference (DISPOSED-…): the dates, the stage, why it was closed, whether it was a youth case, the offence type, who referred it (the kind of agency, not the person), how many people took part in each role, whether a conference was held, a letter sent and an agreement completed; the audit trail with its free text replaced by the new reference; and this disposal's own record.";
export const DISPOSAL_METHOD =
  "Deleted in one database transaction with SQLite's secure_delete on, which overwrites the deleted content with zeros; the shared documents were removed from the collaboration server's memory and storage; the write-ahead log was then checkpointed and truncated. Tablets delete their own copies of the documents the next time they open Circle. Backups taken before the disposal still hold the data until they expire under the service's backup schedule.";
