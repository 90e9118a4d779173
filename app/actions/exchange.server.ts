import { ExchangeActionSchema } from "~/models/exchange-schemas";
import { approveMessage, deliverMessage, editMessage, recordExchangeChoice, recordMessage } from "~/models/exchange.server";
import { closeWriter, openWriter, renewWriterInvite } from "~/models/exchange-writer.server";
import { formAction, onCase } from "~/utils/action.server";

/**
 * The case's exchange page (routes/cases.$caseId_.exchange.tsx): the case's facilitators record a
 * message one party wants passed to the other, edit it for safety, approve it, record the
 * recipient's choice and mark it delivered. The rules are app/models/exchange-rules.ts; a refusal
 * (no consent, an edit not agreed, a held or declined recipient) is a 409 with its reason.
 */
export const action = formAction({
  authorize: onCase("exchange:record"),
  schema: ExchangeActionSchema,
  run: async ({ user, access: { caseId, resource }, input }) => {
    switch (input.intent) {
      case "record": {
        const created = await recordMessage(caseId, input, user.id);
        return {
          done: "Recorded. It is waiting for review.",
          id: created.id,
          audit: { action: "exchange.record", target: `exchange:${created.id}`, details: { kind: input.kind, gatheredBy: input.gatheredBy, consent: input.senderConsent } },
        };
      }
      case "edit": {
        const edit = await editMessage(caseId, input, user.id);
        return {
          done: input.senderAgreed ? "Edit recorded, with the sender's agreement." : "Edit recorded. It cannot be approved until the sender agrees.",
          id: edit.id,
          audit: { action: "exchange.edit", target: `exchange:${input.messageId}`, details: { senderAgreed: input.senderAgreed } },
        };
      }
      case "approve": {
        const approved = await approveMessage(caseId, input.messageId, user.id);
        return { done: "Approved to pass on.", id: approved.id, audit: { action: "exchange.approve", target: `exchange:${approved.id}`, details: { edited: approved.edited } } };
      }
      case "deliver": {
        const delivered = await deliverMessage(caseId, input, user.id);
        return {
          done: "Recorded as delivered.",
          id: delivered.id,
          audit: { action: "exchange.deliver", target: `exchange:${delivered.id}`, details: { method: input.method, deliveredOn: input.deliveredOn } },
        };
      }
      case "open-writer": {
        const opened = await openWriter(caseId, resource.serviceId, user.id, input);
        const audit = { action: "exchange.writer.open", target: `exchange-writer:${opened.writerId}`, details: { access: input.access, username: opened.username } } as const;
        // The invite code is shown once, here, to hand over in person; it is stored only as a hash.
        return {
          done: opened.inviteCode ? "Workspace opened. Give them the invite code in person." : "Workspace opened.",
          id: opened.writerId,
          audit,
          data: { writerId: opened.writerId, username: opened.username, inviteCode: opened.inviteCode },
        };
      }
      case "renew-writer": {
        const code = await renewWriterInvite(caseId, input.writerId);
        return {
          done: "A new invite code is ready. The old one no longer works.",
          audit: { action: "exchange.writer.renew", target: `exchange-writer:${input.writerId}` },
          data: { writerId: input.writerId, inviteCode: code },
        };
      }
      case "close-writer": {
        await closeWriter(caseId, input.writerId, user.id);
        return { done: "Their workspace is closed. What they wrote stays here.", audit: { action: "exchange.writer.close", target: `exchange-writer:${input.writerId}` } };
      }
      case "choice": {
        const chosen = await recordExchangeChoice(caseId, input, user.id);
        return {
          done: "Their choice is recorded.",
          id: chosen.id,
          audit: { action: "exchange.choice", target: `participant:${input.participantId}`, details: { choice: input.choice } },
        };
      }
    }
  },
});
