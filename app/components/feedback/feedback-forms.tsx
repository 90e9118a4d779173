import { DateTimeField, FormMessage, SelectField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { FEEDBACK_OCCASION_LABELS, type FeedbackOccasion } from "~/models/feedback-labels";
import { displayName } from "~/utils/preparation";
import { FeedbackQuestions } from "./answer-choices";

type Person = { id: string; name: string; preferredName: string };
type Props = { caseId: string; participants: Person[]; occasions: FeedbackOccasion[]; today: string };

const peopleOptions = (participants: Person[]) => ({
  ids: participants.map((p) => p.id),
  names: Object.fromEntries(participants.map((p) => [p.id, displayName(p)])) as Record<string, string>,
});

/**
 * The facilitators' ways in: hand the tablet over (one button per participant, so the name on the
 * button is the person who takes it), copy a paper form, or record that someone declined.
 */
export function FeedbackForms(props: Props) {
  if (props.participants.length === 0) return <p className="hint">Nobody is recorded on this case yet, so there is nobody to ask for feedback.</p>;
  if (props.occasions.length === 0)
    return (
      <p className="hint">Feedback is taken after a conference has been held, after a letter has been delivered, or when the case is closed. None of these has happened yet.</p>
    );
  return (
    <>
      <HandOverForm {...props} />
      <details className="panel add-panel">
        <summary>Copy in a paper form</summary>
        <PaperForm {...props} />
      </details>
      <details className="panel add-panel">
        <summary>Record that someone declined</summary>
        <DeclineForm {...props} />
      </details>
    </>
  );
}

function OccasionField({ id, label, occasions, error }: { id: string; label: string; occasions: FeedbackOccasion[]; error?: string }) {
  return (
    <SelectField
      id={id}
      name="occasion"
      label={label}
      options={occasions}
      labels={FEEDBACK_OCCASION_LABELS}
      defaultValue={occasions.length === 1 ? occasions[0] : ""}
      placeholder="Choose"
      error={error}
    />
  );
}

function HandOverForm({ caseId, participants, occasions }: Props) {
  const { fetcher, errors, formError, busy } = useFormFetcher({ key: `feedback-hand-over-${caseId}` });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/feedback`} noValidate className="hand-over">
      <input type="hidden" name="intent" value="hand-over" />
      <p className="hint">The tablet shows the questions in large type and nothing of the case. Nothing else can be opened until you take it back with your password.</p>
      <OccasionField id="hand-over-occasion" label="Feedback about" occasions={occasions} error={errors.occasion} />
      {errors.participantId ? <p className="field-error">{errors.participantId}</p> : null}
      <FormMessage error={formError} />
      <div className="hand-over-buttons">
        {participants.map((p) => (
          <button key={p.id} type="submit" name="participantId" value={p.id} disabled={busy}>
            Hand the tablet to {displayName(p)}
          </button>
        ))}
      </div>
    </fetcher.Form>
  );
}

function PaperForm({ caseId, participants, occasions, today }: Props) {
  const { fetcher, formRef, errors, formError, done, busy } = useFormFetcher({ key: `feedback-paper-${caseId}`, resetOnSuccess: true });
  const { ids, names } = peopleOptions(participants);
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/feedback`} ref={formRef} noValidate>
      <input type="hidden" name="intent" value="paper" />
      <SelectField id="paper-person" name="participantId" label="Whose form" options={ids} labels={names} placeholder="Choose someone on the case" error={errors.participantId} />
      <OccasionField id="paper-occasion" label="The form is about" occasions={occasions} error={errors.occasion} />
      <DateTimeField id="paper-given" name="givenOn" type="date" label="Date on the form" defaultValue={today} error={errors.givenOn} />
      <FeedbackQuestions idPrefix="paper" errors={errors} voice="staff" />
      <FormMessage error={formError} done={done} />
      <button type="submit" disabled={busy}>
        Record the feedback
      </button>
    </fetcher.Form>
  );
}

function DeclineForm({ caseId, participants, occasions, today }: Props) {
  const { fetcher, formRef, errors, formError, done, busy } = useFormFetcher({ key: `feedback-decline-${caseId}`, resetOnSuccess: true });
  const { ids, names } = peopleOptions(participants);
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/feedback`} ref={formRef} noValidate>
      <input type="hidden" name="intent" value="decline" />
      <SelectField
        id="decline-person"
        name="participantId"
        label="Who declined"
        options={ids}
        labels={names}
        placeholder="Choose someone on the case"
        error={errors.participantId}
      />
      <OccasionField id="decline-occasion" label="They were asked about" occasions={occasions} error={errors.occasion} />
      <DateTimeField id="decline-given" name="givenOn" type="date" label="Date they said so" defaultValue={today} error={errors.givenOn} />
      <FormMessage error={formError} done={done} />
      <button type="submit" disabled={busy}>
        Record that they declined
      </button>
    </fetcher.Form>
  );
}
