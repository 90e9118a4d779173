import { toZonedInput } from "~/utils/format";
import type { makeCase } from "./preparation-cases";

const DAY = 864e5;

/** A London wall-clock time `days` from now, as the booking form's datetime-local field takes it. */
export const inDays = (days: number, hour = 10) => `${toZonedInput(new Date(Date.now() + days * DAY)).slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;

type Made = Awaited<ReturnType<typeof makeCase>>;

/**
 * The case screen's "Book the conference" form as it posts, for a case made by makeCase: ten days
 * ahead, 10:00 to 12:00, the demo lead and co-facilitator, the person harmed and the person
 * responsible attending. `over` replaces any field (an array repeats it, as a multi-select does).
 */
export function bookingForm(c: Made, over: Record<string, string | string[]> = {}): URLSearchParams {
  const fields: Record<string, string | string[]> = {
    intent: "schedule",
    scheduledAt: inDays(10),
    endsAt: inDays(10, 12),
    venue: "Riverside Community Centre",
    room: "Room 2",
    leadId: c.users.lead.id,
    coFacilitatorId: c.users.co.id,
    attendees: [c.harmed, c.responsible],
    ...over,
  };
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body;
}
