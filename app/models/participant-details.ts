import type { Participant } from "@prisma/client";
import type { ContactMethod, ContactFrequency, ProfessionalType } from "~/utils/preparation";

/**
 * A participant's own details as recorded, in the one shape both readers use: the case screen
 * (preparation) and the person's subject access export. A field added to the record is added
 * here, so it cannot reach the screen and be left out of what the person is given about themselves.
 */
type Details = Pick<
  Participant,
  | "name"
  | "preferredName"
  | "pronouns"
  | "addressAs"
  | "relationship"
  | "phone"
  | "email"
  | "address"
  | "contactMethod"
  | "contactFrequency"
  | "accessNotes"
  | "hopes"
  | "dateOfBirth"
  | "professionalType"
  | "organisation"
  | "enhancedRights"
>;

export function participantDetails(p: Details) {
  return {
    name: p.name,
    preferredName: p.preferredName,
    pronouns: p.pronouns,
    addressAs: p.addressAs,
    relationship: p.relationship,
    phone: p.phone,
    email: p.email,
    address: p.address,
    contactMethod: p.contactMethod as ContactMethod,
    contactFrequency: p.contactFrequency as ContactFrequency,
    accessNotes: p.accessNotes,
    hopes: p.hopes,
    dateOfBirth: p.dateOfBirth,
    professionalType: p.professionalType as ProfessionalType | null,
    organisation: p.organisation,
    enhancedRights: p.enhancedRights,
  };
}
