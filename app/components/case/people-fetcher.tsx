/** The case-screen URL a people form posts to. */
export const peopleAction = (caseId: string, what: "participants" | "consent" | "contacts") => `/cases/${caseId}/${what}`;

/** Removal confirmations outlive the removed card, so the section reads this shared fetcher. */
export const REMOVE_FETCHER = "people-remove";
