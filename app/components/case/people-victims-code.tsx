import { useEffect, useState } from "react";
import { DateTimeField, FormMessage, TextAreaField } from "~/components/ui/form-controls";
import { formatDateTime, toZonedInput } from "~/utils/format";
import { displayName } from "~/utils/preparation";
import { peopleAction } from "./people-fetcher";
import type { PrepParticipant } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

type VictimsCode = NonNullable<PrepParticipant["victimsCode"]>;

/** The Victims' Code line for a person harmed, in words (colour only repeats it). */
export function VictimsCodeStatus({ code }: { code: VictimsCode }) {
  switch (code.state) {
    case "offered":
      return (
        <p className="vc-status vc-ok">
          Offered information about RJ on {formatDateTime(code.at)} by {code.offeredBy ?? "a colleague"}
          {code.onTime ? "." : `, after the due date (${formatDateTime(code.dueBy)}).`}
        </p>
      );
    case "not_invited":
      return <p className="vc-status vc-muted">Deliberately not invited: {code.reason}</p>;
    case "due":
      return <p className="vc-status vc-due">Information about RJ due by {formatDateTime(code.dueBy)}.</p>;
    case "overdue":
      return (
        <p className="vc-status vc-overdue">
          <strong>Overdue</strong> since {formatDateTime(code.dueBy)}: offer information about RJ, or record why they are not invited.
        </p>
      );
  }
}

/** Record when the person harmed was offered information about RJ (by the signed-in user), or why they are not invited. */
export function VictimsCodeForm({ caseId, participant }: { caseId: string; participant: PrepParticipant }) {
  const { fetcher, busy, errors, done, formError } = useFormFetcher();
  const [outcome, setOutcome] = useState<"offered" | "not-invited">(participant.victimsCode?.state === "not_invited" ? "not-invited" : "offered");
  const [now, setNow] = useState("");
  useEffect(() => setNow(toZonedInput(new Date())), []);
  const id = (name: string) => `p-${participant.id}-vc-${name}`;
  return (
    <fetcher.Form method="post" action={peopleAction(caseId, "participants")} noValidate className="people-form">
      <input type="hidden" name="intent" value="victims-code" />
      <input type="hidden" name="participantId" value={participant.id} />
      <FormMessage error={formError} done={done} />
      <fieldset className="people-fieldset" aria-describedby={errors.outcome ? id("outcome-error") : undefined}>
        <legend>Has {displayName(participant)} been offered information about restorative justice?</legend>
        <div className="choice-row">
          <label className="choice" htmlFor={id("offered")}>
            <input id={id("offered")} type="radio" name="outcome" value="offered" checked={outcome === "offered"} onChange={() => setOutcome("offered")} />
            Yes, it was offered
          </label>
          <label className="choice" htmlFor={id("not-invited")}>
            <input id={id("not-invited")} type="radio" name="outcome" value="not-invited" checked={outcome === "not-invited"} onChange={() => setOutcome("not-invited")} />
            They are deliberately not invited
          </label>
        </div>
        {errors.outcome ? (
          <p className="field-error" id={id("outcome-error")}>
            {errors.outcome}
          </p>
        ) : null}
      </fieldset>
      {outcome === "offered" ? (
        <DateTimeField
          id={id("at")}
          name="infoOfferedAt"
          label="When it was offered"
          hint="Recorded as offered by you."
          defaultValue={now}
          key={now}
          error={errors.infoOfferedAt}
        />
      ) : (
        <TextAreaField id={id("reason")} name="notInvitedReason" label="Why they are not being invited" rows={2} maxLength={1000} error={errors.notInvitedReason} />
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </fetcher.Form>
  );
}
