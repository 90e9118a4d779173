import { fromZonedInput, toZonedInput } from "~/utils/format";

/** Dates of a case's record, apart from its forms: the browser imports them, so no zod here. */

/** Today's date in the service's time zone, "YYYY-MM-DD". */
export const serviceDate = (at: Date = new Date()) => toZonedInput(at).slice(0, 10);

/**
 * The instant a "date received" stands for: the end of that day in the service's time zone. The
 * Victims' Code counts working days from the referral, so information about a referral received
 * on a Monday is due by the end of the fifth working day after it, whatever the hour it arrived
 * (the form asks for the day, not the time).
 */
export function receivedAt(date: string): Date {
  return new Date(fromZonedInput(`${date}T23:59`).getTime() + 59_999);
}
