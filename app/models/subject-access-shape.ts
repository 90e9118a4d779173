/**
 * The machine-readable subject access export (`format: "circle.subject-access/1"`), as the JSON
 * download gives it and as a release freezes it. Documented in docs/operations.md ("Subject access
 * requests"). Conventions: times are ISO 8601 instants in UTC; days are "YYYY-MM-DD"; value sets
 * are Circle's codes (the PDF prints them in words); free text is as recorded, after redaction
 * ("[third party]" for other people's details, "[redacted]" for phrases the manager redacted).
 * Staff are named as they act in their role. Lists are oldest first, except `accessLog`.
 */
export const EXPORT_FORMAT = "circle.subject-access/1";

export type ExportRequest = {
  id: string;
  caseReference: string;
  requestedBy: string;
  receivedOn: string;
  dueOn: string;
  /** When this export was made from the records (for a released one: when it was released). */
  generatedAt: string;
  releasedAt: string | null;
  releasedBy: string | null;
};

export type ExportPerson = {
  role: string;
  name: string;
  preferredName: string;
  pronouns: string;
  addressAs: string;
  relationship: string;
  phone: string;
  email: string;
  address: string;
  contactMethod: string;
  contactFrequency: string;
  dateOfBirth: string | null;
  ageBand: string | null;
  accessNeeds: string[];
  accessNotes: string;
  hopes: string;
  professionalType: string | null;
  organisation: string;
  /** The person they support (a supporter or professional), by name: a third party, so redacted. */
  supports: string | null;
  /** Their parents or guardians (for a young person), and the young people they are a parent or guardian of. */
  guardians: string[];
  guardianOf: string[];
  enhancedRights: boolean;
  infoOfferedAt: string | null;
  notInvitedReason: string | null;
  recordedAt: string;
  removedAt: string | null;
};

export type ExportConsent = {
  element: string;
  sharedWith: string;
  answer: string;
  method: string;
  givenAt: string;
  note: string;
  /** SELF: their own answer; BY_GUARDIAN: a parent or guardian's answer for them; AS_GUARDIAN: their answer for a young person. */
  givenBy: "SELF" | "BY_GUARDIAN" | "AS_GUARDIAN";
  recordedBy: string;
  recordedAt: string;
};

export type ExportContact = {
  kind: string;
  occurredAt: string;
  place: string;
  placeDetail: string;
  attendees: string;
  outcome: string;
  status: string;
  statusReason: string;
  recordedBy: string;
  coWorker: string | null;
};

export type ExportRisk = {
  stage: string;
  assessedAt: string;
  assessedBy: string;
  physicalHarm: string;
  emotionalHarm: string;
  vulnerability: string;
  powerImbalance: string;
  acknowledges: string;
  overall: string;
  recommendation: string;
  substanceOrMental: string;
  safetyMeasures: string;
  /** Indirect work: the risk of passing messages, what must not be passed on, custody and the prison's rules. */
  messagesRisk: string;
  doNotPassOn: string;
  inCustody: boolean;
  custodyRules: string;
  summary: string;
  approvals: { decision: string; comments: string; supervisor: string; decidedAt: string }[];
};

export type ExportAgreement = {
  status: string;
  startedAt: string;
  /** Terms of the current draft or agreement of record they do or that are for them. */
  terms: { type: string; part: "RESPONSIBLE" | "FOR"; description: string; dueDate: string | null; verification: string; amountPence: number | null; hours: number | null }[];
  /** Paragraphs of the agreement of record's narrative (or the newest version's) that name them. */
  narrative: string[];
  signatures: { version: number; signedAt: string; method: string; typedName: string | null; attestedBy: string | null; drawing: string | null }[];
  /** That the person harmed was told the agreement was completed or broke down (agreementOutcome: COMPLETED | BROKEN_DOWN). */
  outcomeNotices: { agreementOutcome: string; method: string; toldAt: string; note: string; recordedBy: string }[];
};

export type ExportLetter = {
  /** WRITER: they wrote it; RECIPIENT: it was written to them. */
  part: "WRITER" | "RECIPIENT";
  status: string;
  openedAt: string;
  recipientLabel: string;
  /** WRITER: the newest submitted version's text. RECIPIENT: the version that was released to them, and nothing while it never was (held, declined, still a draft). Null otherwise, or when the letter was destroyed. */
  text: string | null;
  choices: { choice: string; deliverAfter: string | null; method: string; recordedAt: string; recordedBy: string }[];
  releases: { method: string; releasedAt: string; releasedBy: string }[];
};

export type ExportCorrection = { receivedOn: string; claim: string; decision: string | null; decisionReason: string; changesMade: string; decidedAt: string | null };

/** What they said of the service, or that they declined (occasion, method: codes; givenOn: a day). */
export type ExportFeedback = {
  occasion: string;
  method: string;
  givenOn: string;
  declined: boolean;
  satisfaction: number | null;
  feltSafe: boolean | null;
  feltHeard: boolean | null;
  feltPrepared: boolean | null;
  wouldRecommend: boolean | null;
  comments: string;
};

/**
 * A message passed between the parties that they sent (as recorded, and as passed on) or that
 * reached them (as passed on). Codes: direction FROM | TO, kind, gatheredBy, status, deliveryMethod;
 * days "YYYY-MM-DD".
 */
export type ExportExchange = {
  direction: "FROM" | "TO";
  kind: string;
  gatheredBy: string;
  gatheredOn: string;
  /** Their words as recorded: only for what they sent (what reached them is given as passed on). */
  asRecorded: string;
  passedOn: string;
  status: string;
  deliveryMethod: string | null;
  deliveredOn: string | null;
};

/**
 * A sign-in Circle opened for them (an author account): its username and what it was opened for,
 * LETTER (a letter they write), MESSAGES (their own message workspace) or WORKSHEET (a programme
 * worksheet), each with when it was opened and closed. Never a password, invite code or session.
 */
export type ExportAccount = {
  username: string;
  createdAt: string;
  disabled: boolean;
  uses: { openedFor: "LETTER" | "MESSAGES" | "WORKSHEET"; about: string; openedAt: string; closedAt: string | null }[];
};

/**
 * The intervention programme they are the person responsible for: its sessions in programme order
 * (skipped ones with why, the plan, every attendance record and review as recorded, the newest
 * counting) and the judgements on their readiness (READY | NOT_READY, or the case supervisor's
 * OVERRIDE) with the reasons given. Codes: module, venueKind, status, cancelledBy, contactReadiness, kind.
 */
export type ExportProgramme = {
  startedAt: string;
  templateName: string;
  startedBy: string;
  sessions: {
    position: number;
    title: string;
    module: string;
    skipped: boolean;
    skipReason: string;
    scheduledOn: string | null;
    scheduledAt: string | null;
    venueKind: string | null;
    venue: string;
    coFacilitator: string | null;
    attendance: { status: string; reason: string; cancelledBy: string | null; recordedBy: string; recordedAt: string }[];
    reviews: { engagement: number; concern: boolean; concernText: string; contactReadiness: string; recordedBy: string; recordedAt: string }[];
  }[];
  judgements: { kind: string; reasons: string; recordedBy: string; recordedAt: string }[];
};

/** The paragraphs of one programme session's notes (its three headings, in order) that name them. */
export type ExportSessionNotes = { position: number; title: string; paragraphs: string[] };

/**
 * A worksheet they were set (kind a code, status SET | SUBMITTED): each prompt with what they wrote
 * (`response`: their words, saved or sent) and the facilitators' comments.
 */
export type ExportWorksheet = {
  title: string;
  kind: string;
  status: string;
  setAt: string;
  sentAt: string | null;
  closedAt: string | null;
  answers: { prompt: string; response: string }[];
  comments: { body: string; by: string; commentedAt: string }[];
};

export type ExportLogEntry = { at: string; who: string; role: string; action: string; label: string; what: string };

export type SubjectAccessExport = {
  format: typeof EXPORT_FORMAT;
  request: ExportRequest;
  redaction: { thirdParty: string; manual: string; manualPhrases: number };
  person: ExportPerson;
  consent: ExportConsent[];
  contacts: ExportContact[];
  riskAssessments: ExportRisk[];
  /** Paragraphs of the case notes that name them, in the notes' order. */
  notes: string[];
  agreements: ExportAgreement[];
  letters: ExportLetter[];
  corrections: ExportCorrection[];
  /** Their own feedback. Absent from exports released before Circle took feedback (their frozen JSON is kept as released). */
  feedback?: ExportFeedback[];
  /** Messages passed between the parties that they sent or that reached them. Absent from exports released before Circle recorded them. */
  exchange?: ExportExchange[];
  /** The sign-ins opened for them (author accounts). This and the three below are absent from exports released before Circle included them. */
  accounts?: ExportAccount[];
  /** The intervention programme, when they are its person responsible; otherwise null. */
  programme?: ExportProgramme | null;
  /** Paragraphs of the programme's session notes that name them, by session. */
  sessionNotes?: ExportSessionNotes[];
  worksheets?: ExportWorksheet[];
  /** Who viewed or changed the case and its records, newest first (the case's audit trail, in words). */
  accessLog: ExportLogEntry[];
};

/** Keys whose values are codes, ids, times or numbers: redaction leaves them alone. */
export const UNREDACTED_KEYS = new Set([
  "format",
  "id",
  "caseReference",
  "receivedOn",
  "dueOn",
  "generatedAt",
  "releasedAt",
  "thirdParty",
  "manual",
  "role",
  "contactMethod",
  "contactFrequency",
  "ageBand",
  "accessNeeds",
  "professionalType",
  "element",
  "answer",
  "method",
  "givenAt",
  "givenBy",
  "recordedAt",
  "kind",
  "occurredAt",
  "place",
  "status",
  "stage",
  "assessedAt",
  "physicalHarm",
  "emotionalHarm",
  "vulnerability",
  "powerImbalance",
  "acknowledges",
  "overall",
  "recommendation",
  "decision",
  "decidedAt",
  "startedAt",
  "type",
  "part",
  "dueDate",
  "signedAt",
  "drawing",
  "agreementOutcome",
  "toldAt",
  "openedAt",
  "choice",
  "deliverAfter",
  "at",
  "action",
  "label",
  "infoOfferedAt",
  "removedAt",
  "occasion",
  "givenOn",
  "direction",
  "gatheredBy",
  "gatheredOn",
  "deliveryMethod",
  "deliveredOn",
  "createdAt",
  "openedFor",
  "closedAt",
  "module",
  "scheduledOn",
  "scheduledAt",
  "venueKind",
  "cancelledBy",
  "contactReadiness",
  "setAt",
  "sentAt",
  "commentedAt",
]);
