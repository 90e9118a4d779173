/**
 * The vocabulary of a referral, shared by the browser and the server: who referred the case, what
 * kind of offence it was, and how a case reference is written.
 */
const labels = <const T extends readonly string[]>(_values: T, names: Record<T[number], string>) => names;

export const REFERRER_TYPES = ["POLICE", "YOUTH_OFFENDING_TEAM", "PROBATION", "PRISON", "COURT", "VICTIM_SERVICES", "SELF", "OTHER"] as const;
export type ReferrerType = (typeof REFERRER_TYPES)[number];
export const REFERRER_TYPE_LABELS = labels(REFERRER_TYPES, {
  POLICE: "Police",
  YOUTH_OFFENDING_TEAM: "Youth offending team",
  PROBATION: "Probation",
  PRISON: "Prison",
  COURT: "Court",
  VICTIM_SERVICES: "Victim services",
  SELF: "Self-referral",
  OTHER: "Other",
});

export const OFFENCE_TYPES = [
  "ASSAULT",
  "ROBBERY",
  "BURGLARY",
  "THEFT",
  "CRIMINAL_DAMAGE",
  "ARSON",
  "HARASSMENT",
  "HATE_CRIME",
  "PUBLIC_ORDER",
  "FRAUD",
  "VEHICLE_CRIME",
  "DRIVING",
  "ANTISOCIAL_BEHAVIOUR",
  "DOMESTIC_ABUSE",
  "SEXUAL_OFFENCE",
  "OTHER",
] as const;
export type OffenceType = (typeof OFFENCE_TYPES)[number];
export const OFFENCE_TYPE_LABELS = labels(OFFENCE_TYPES, {
  ASSAULT: "Assault or wounding",
  ROBBERY: "Robbery",
  BURGLARY: "Burglary",
  THEFT: "Theft or handling stolen goods",
  CRIMINAL_DAMAGE: "Criminal damage",
  ARSON: "Arson",
  HARASSMENT: "Harassment or stalking",
  HATE_CRIME: "Hate crime",
  PUBLIC_ORDER: "Public order",
  FRAUD: "Fraud",
  VEHICLE_CRIME: "Vehicle crime",
  DRIVING: "Driving offence causing harm",
  ANTISOCIAL_BEHAVIOUR: "Anti-social behaviour",
  DOMESTIC_ABUSE: "Domestic abuse",
  SEXUAL_OFFENCE: "Sexual offence",
  OTHER: "Other",
});

/**
 * Practice guidance treats restorative work after domestic abuse or a sexual offence as sensitive
 * or complex (experienced facilitators, supervisor approval before any meeting), so the record
 * refuses these offence types without the sensitive flag rather than leaving it to memory.
 */
export const ALWAYS_SENSITIVE_OFFENCES: readonly OffenceType[] = ["DOMESTIC_ABUSE", "SEXUAL_OFFENCE"];

/** "Adult" or "Youth", from the youth flag. */
export const CASE_AGE_GROUPS = ["ADULT", "YOUTH"] as const;
export type CaseAgeGroup = (typeof CASE_AGE_GROUPS)[number];
export const CASE_AGE_GROUP_LABELS = labels(CASE_AGE_GROUPS, { ADULT: "Adult case", YOUTH: "Youth case (under 18)" });

/** A case reference: RJ-<year>-<four digits>, e.g. RJ-2026-0142. */
export const REFERENCE_PATTERN = /^RJ-(\d{4})-(\d{4})$/;
export const formatReference = (year: number, number: number) => `RJ-${year}-${String(number).padStart(4, "0")}`;

/** The offence as a person reads it: the type's label, or what was typed for "Other". */
export function offenceLabel(type: string, other: string): string {
  if (type === "OTHER") return other.trim() || OFFENCE_TYPE_LABELS.OTHER;
  return OFFENCE_TYPE_LABELS[type as OffenceType] ?? type;
}

/** The Case fields whose changes the record's history keeps, with the words the history uses. */
export const RECORD_FIELDS = [
  "title",
  "referrerType",
  "referrerName",
  "referrerContact",
  "referrerNotes",
  "referredAt",
  "offenceType",
  "offenceOther",
  "offenceSummary",
  "youth",
  "sensitive",
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export const RECORD_FIELD_LABELS = labels(RECORD_FIELDS, {
  title: "Title",
  referrerType: "Referred by",
  referrerName: "Referrer's name",
  referrerContact: "Referrer's phone or email",
  referrerNotes: "Notes about the referral",
  referredAt: "Date received",
  offenceType: "Type of offence",
  offenceOther: "Offence (other)",
  offenceSummary: "What happened",
  youth: "Adult or youth",
  sensitive: "Sensitive or complex",
});

/**
 * A stored value as the history shows it. `formatDate` is passed in so this module stays free of
 * the date formatting (which the browser and the server share from format.ts).
 */
export function describeRecordValue(field: string, value: string, formatDate: (iso: string) => string): string {
  switch (field) {
    case "referrerType":
      return REFERRER_TYPE_LABELS[value as ReferrerType] ?? value;
    case "offenceType":
      return OFFENCE_TYPE_LABELS[value as OffenceType] ?? value;
    case "youth":
      return value === "true" ? "Youth case" : "Adult case";
    case "sensitive":
      return value === "true" ? "Yes" : "No";
    case "referredAt":
      return value ? formatDate(value) : "";
    default:
      return value;
  }
}
