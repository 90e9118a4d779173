import { requireCaseAction } from "~/models/case-access.server";
import { notifyConferencesHeld } from "~/models/notifications.server";
import {
  addProgrammeSession,
  moveProgrammeSession,
  recordAttendance,
  recordJudgement,
  reviewProgrammeSession,
  scheduleProgrammeSession,
  skipOrRestore,
  startProgramme,
} from "~/models/programme-actions.server";
import { ProgrammeActionSchema } from "~/models/programme-schemas";
import { closeWorksheet, commentOnWorksheet, setWorksheet } from "~/models/programme-worksheets.server";
import { formAction, type Changed } from "~/utils/action.server";

/**
 * The case's programme page (routes/cases.$caseId_.programme.tsx): the case's facilitators start,
 * adapt and schedule the programme and record what happened (programme:record); the case
 * supervisor records why the case may go ahead without it complete (programme:override). Anyone
 * else gets 404 before the form is parsed.
 */
export const action = formAction({
  authorize: async (user, { params }, intent) => {
    const resource = await requireCaseAction(user, params.caseId, intent === "override" ? "programme:override" : "programme:record");
    return { caseId: resource.caseId, serviceId: resource.serviceId };
  },
  schema: ProgrammeActionSchema,
  run: async ({ user, access, input, context }): Promise<Changed> => {
    const caseId = access.caseId;
    const target = `case:${caseId}`;
    // A review or judgement that put the booking on hold: its live screens get the new state and
    // the case team is told, as for any other hold, once the record has committed.
    const bookingsHeld = (held: string | null) =>
      held
        ? async () => {
            context.realtime.conferencesChanged(caseId);
            await notifyConferencesHeld(caseId, user.id);
          }
        : undefined;
    switch (input.intent) {
      case "start": {
        const p = await startProgramme(caseId, user.serviceId, input, user.id);
        return { done: "The programme is started.", id: p.id, audit: { action: "programme.start", target: `programme:${p.id}`, details: { sessions: p._count.sessions } } };
      }
      case "skip":
      case "restore": {
        const s = await skipOrRestore(caseId, input, user.id);
        const done = input.intent === "skip" ? `Skipped "${s.title}".` : `Put "${s.title}" back.`;
        return { done, id: s.id, audit: { action: `programme.${input.intent}`, target: `programme-session:${s.id}` } };
      }
      case "move": {
        const m = await moveProgrammeSession(caseId, input, user.id);
        return { done: `Moved to place ${m.to}.`, id: m.id, audit: { action: "programme.move", target: `programme-session:${m.id}`, details: { from: m.from, to: m.to } } };
      }
      case "add": {
        const s = await addProgrammeSession(caseId, input, user.id);
        return {
          done: "Added at the end: move it where it belongs.",
          id: s.id,
          audit: { action: "programme.add", target: `programme-session:${s.id}`, details: { module: input.module } },
        };
      }
      case "schedule": {
        const s = await scheduleProgrammeSession(caseId, input);
        return { done: "Scheduled.", id: s.id, audit: { action: "programme.schedule", target: `programme-session:${s.id}`, details: { venueKind: input.venueKind } } };
      }
      case "attendance": {
        const a = await recordAttendance(caseId, input, user.id);
        const told = a.escalation.supervisor
          ? " The facilitators and the case supervisor are told: two missed in a row."
          : a.escalation.facilitators
            ? " The case's facilitators are told."
            : "";
        return {
          done: `Attendance recorded.${told}`,
          id: a.id,
          audit: {
            action: "programme.attendance",
            target: `programme-session:${input.sessionId}`,
            details: { status: input.status, ...(input.cancelledBy ? { cancelledBy: input.cancelledBy } : {}) },
          },
          afterwards: a.tell,
        };
      }
      case "review": {
        const r = await reviewProgrammeSession(caseId, input, user.id);
        const done = r.held
          ? `Review recorded. The booked conference is on hold: ${r.held} The case team is told.`
          : input.concern
            ? "Review recorded. The concern asks for a new risk assessment: record one on the case screen."
            : "Review recorded.";
        return {
          done,
          id: r.id,
          audit: {
            action: "programme.review",
            target: `programme-session:${input.sessionId}`,
            details: { concern: input.concern, engagement: input.engagement, heldBooking: r.held !== null },
          },
          afterwards: bookingsHeld(r.held),
        };
      }
      case "judgement": {
        const j = await recordJudgement(caseId, input.kind, input.reasons, user.id);
        const done = j.held ? `The readiness judgement is recorded. The booked conference is on hold: ${j.held} The case team is told.` : "The readiness judgement is recorded.";
        return {
          done,
          id: j.id,
          audit: { action: "programme.judgement", target, details: { kind: input.kind, heldBooking: j.held !== null } },
          afterwards: bookingsHeld(j.held),
        };
      }
      case "override": {
        const j = await recordJudgement(caseId, "OVERRIDE", input.reasons, user.id);
        return { done: "Your decision is recorded: the programme no longer holds back the letter or a conference.", id: j.id, audit: { action: "programme.override", target } };
      }
      case "worksheet-set": {
        const w = await setWorksheet(caseId, access.serviceId, user.id, input);
        // The invite code is shown once, here, to hand over in person; it is stored only as a hash.
        return {
          done: w.inviteCode ? "Worksheet set. Give them the invite code in person." : `Worksheet set. They sign in as ${w.username} and find it under My worksheets.`,
          id: w.worksheetId,
          audit: { action: "programme.worksheet.set", target: `programme-worksheet:${w.worksheetId}`, details: { kind: input.kind, access: input.access, username: w.username } },
          data: { worksheetId: w.worksheetId, username: w.username, inviteCode: w.inviteCode },
        };
      }
      case "worksheet-comment": {
        const c = await commentOnWorksheet(caseId, input.worksheetId, input.body, user.id);
        return {
          done: "Comment added. They see it with their worksheet.",
          id: c.id,
          audit: { action: "programme.worksheet.comment", target: `programme-worksheet:${input.worksheetId}` },
        };
      }
      case "worksheet-close": {
        const w = await closeWorksheet(caseId, input.worksheetId, user.id);
        return {
          done: "Worksheet closed. They no longer see it; what they wrote stays here.",
          id: w.id,
          audit: { action: "programme.worksheet.close", target: `programme-worksheet:${w.id}` },
        };
      }
    }
  },
});
