/**
 * The participant's feedback page, and the facilitator's page to take the tablet back: all a
 * session in participant mode opens (app/utils/auth.server.ts). Apart from the server module
 * because the pages link to each other, and a `.server` import is empty in the browser.
 */
export const PARTICIPANT_PATH = "/participant";
export const PARTICIPANT_LEAVE_PATH = "/participant/leave";
