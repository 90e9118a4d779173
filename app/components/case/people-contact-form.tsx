import { useEffect, useState } from "react";
import { Field } from "~/components/ui/field";
import { DateTimeField, FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { toZonedInput } from "~/utils/format";
import { displayName, PREP_CONTACT_KIND_LABELS, PREP_CONTACT_KINDS, PREP_CONTACT_STATUS_LABELS, PREP_CONTACT_STATUSES, PREP_PLACE_LABELS, PREP_PLACES } from "~/utils/preparation";
import { peopleAction } from "./people-fetcher";
import type { PrepData, PrepParticipant } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

/** Log a visit, call, letter or email. Cancelled and did-not-attend need a reason; "elsewhere" needs a place. */
export function ContactForm({ caseId, participants, team }: { caseId: string; participants: PrepParticipant[]; team: PrepData["team"] }) {
  const { fetcher, formRef, busy, errors, done, formError } = useFormFetcher({ resetOnSuccess: true });
  const [status, setStatus] = useState("COMPLETED");
  const [place, setPlace] = useState("");
  const [now, setNow] = useState("");
  useEffect(() => setNow(toZonedInput(new Date())), [done]);
  const people = Object.fromEntries(participants.map((p) => [p.id, displayName(p)]));
  const coWorkers = Object.fromEntries(team.map((m) => [m.id, m.name]));
  return (
    <fetcher.Form
      ref={formRef}
      method="post"
      action={peopleAction(caseId, "contacts")}
      noValidate
      className="people-form"
      onChange={(e) => {
        const t = e.target as HTMLSelectElement;
        if (t.name === "status") setStatus(t.value);
        if (t.name === "place") setPlace(t.value);
      }}
      onReset={() => {
        setStatus("COMPLETED");
        setPlace("");
      }}
    >
      <input type="hidden" name="intent" value="add" />
      <FormMessage error={formError} done={done} />
      <div className="grid-2">
        <SelectField
          id="contact-participantId"
          name="participantId"
          label="With whom"
          options={participants.map((p) => p.id)}
          labels={people}
          placeholder="Not about one person"
          error={errors.participantId}
        />
        <SelectField
          id="contact-kind"
          name="kind"
          label="Kind of contact"
          options={PREP_CONTACT_KINDS}
          labels={PREP_CONTACT_KIND_LABELS}
          placeholder="Choose"
          error={errors.kind}
        />
        <DateTimeField id="contact-occurredAt" name="occurredAt" label="When" defaultValue={now} key={now} error={errors.occurredAt} />
        <SelectField id="contact-place" name="place" label="Where" options={PREP_PLACES} labels={PREP_PLACE_LABELS} placeholder="Choose" error={errors.place} />
        {place === "OTHER" || errors.placeDetail ? <Field id="contact-placeDetail" name="placeDetail" label="Where exactly" error={errors.placeDetail} autoComplete="off" /> : null}
        <SelectField
          id="contact-coWorkerId"
          name="coWorkerId"
          label="Co-worker (optional)"
          options={team.map((m) => m.id)}
          labels={coWorkers}
          placeholder="Nobody else"
          error={errors.coWorkerId}
        />
        <SelectField
          id="contact-status"
          name="status"
          label="Did it take place?"
          options={PREP_CONTACT_STATUSES}
          labels={PREP_CONTACT_STATUS_LABELS}
          defaultValue="COMPLETED"
          error={errors.status}
        />
        <Field id="contact-attendees" name="attendees" label="Who attended (optional)" error={errors.attendees} autoComplete="off" />
      </div>
      {status !== "COMPLETED" || errors.statusReason ? (
        <TextAreaField
          id="contact-statusReason"
          name="statusReason"
          label={status === "NO_SHOW" ? "Why they did not attend" : "Why it was cancelled"}
          rows={2}
          maxLength={1000}
          error={errors.statusReason}
        />
      ) : null}
      <TextAreaField
        id="contact-outcome"
        name="outcome"
        label="Outcome (optional)"
        hint="What was discussed and agreed; what happens next."
        rows={3}
        maxLength={4000}
        error={errors.outcome}
      />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Log contact"}
        </button>
      </div>
    </fetcher.Form>
  );
}
