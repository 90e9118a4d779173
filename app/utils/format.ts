import { once } from "./once";
/** Dates as a practitioner reads them: "Tue 8 Dec 2026, 10:00" (UK style, service time zone). */
const dateTime = once(
  () =>
    new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/London",
    }),
);
const dateOnly = once(() => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/London" }));

export const formatDateTime = (iso: string) => dateTime().format(new Date(iso));
export const formatDate = (iso: string) => dateOnly().format(new Date(iso));

const longDay = (timeZone: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone });
const calendarDay = once(() => longDay("UTC"));
const serviceDay = once(() => longDay("Europe/London"));
/**
 * "1 December 2026": a day as a person reads it, for due dates, "not before" dates and date
 * filters. A "YYYY-MM-DD" day (what a date input gives and frozen terms keep) is that calendar day
 * wherever the reader is; an instant is the day it falls on in the service's time zone. Text that
 * is not a date comes back as it was, never as "Invalid Date".
 */
export function formatDay(day: string | Date): string {
  const ymd = typeof day === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (ymd) {
    const at = new Date(Date.UTC(+ymd[1]!, +ymd[2]! - 1, +ymd[3]!));
    return at.getUTCDate() === +ymd[3]! ? calendarDay().format(at) : ymd[0];
  }
  const at = new Date(day);
  if (Number.isNaN(at.getTime())) return typeof day === "string" ? day : "";
  return serviceDay().format(at);
}

const timeOnly = once(() => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/London" }));
/** "14:02": a time of day within the current session, in the service's time zone. */
export const formatTime = (at: Date | string | number) => timeOnly().format(new Date(at));

/** The service's time zone: every date shown or typed is wall-clock time here. */
export const SERVICE_TIME_ZONE = "Europe/London";

const inputParts = once(
  () =>
    new Intl.DateTimeFormat("en-GB", {
      timeZone: SERVICE_TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    }),
);

function wallClock(d: Date) {
  const parts = Object.fromEntries(
    inputParts()
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { y: +parts.year!, mo: +parts.month!, d: +parts.day!, h: +parts.hour!, mi: +parts.minute!, s: +parts.second! };
}

/** "YYYY-MM-DDTHH:mm" in the service's time zone, for a datetime-local input. */
export function toZonedInput(value: string | Date): string {
  const w = wallClock(new Date(value));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/** The instant a "YYYY-MM-DDTHH:mm" wall-clock time in the service's time zone names. */
export function fromZonedInput(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return new Date(NaN);
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // The zone's offset at that moment (twice, to settle across a clock change).
  let at = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(at));
    const offset = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - at;
    at = asUtc - offset;
  }
  return new Date(at);
}
