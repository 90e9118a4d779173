import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { SessionFields } from "./session-fields";

/** The programme page's forms that are not about one session: start it, add a session, the readiness judgement and the supervisor's decision. */

export function StartProgrammeForm({ people, templates }: { people: { id: string; name: string }[]; templates: { id: string; name: string; sessions: number }[] }) {
  const f = useFormFetcher();
  if (people.length === 0) return <p className="empty">Add the person responsible to the case first: the programme is theirs.</p>;
  if (templates.length === 0) return <p className="empty">Your service has no programme templates: ask the service manager to add one.</p>;
  return (
    <f.fetcher.Form method="post" className="grid-2">
      <input type="hidden" name="intent" value="start" />
      <SelectField
        id="start-participant"
        name="participantId"
        label="For"
        options={people.map((p) => p.id)}
        labels={Object.fromEntries(people.map((p) => [p.id, p.name]))}
        defaultValue={people.length === 1 ? people[0]!.id : ""}
        placeholder="Choose the person responsible"
        error={f.errors.participantId}
      />
      <SelectField
        id="start-template"
        name="templateId"
        label="Start from"
        options={templates.map((t) => t.id)}
        labels={Object.fromEntries(templates.map((t) => [t.id, `${t.name} (${t.sessions} sessions)`]))}
        defaultValue={templates[0]!.id}
        error={f.errors.templateId}
      />
      <div className="form-actions">
        <button type="submit" disabled={f.busy}>
          Start the programme
        </button>
      </div>
      <div style={{ gridColumn: "1 / -1" }}>
        <FormMessage error={f.formError} done={f.done} />
      </div>
    </f.fetcher.Form>
  );
}

export function AddSessionForm() {
  const f = useFormFetcher({ resetOnSuccess: true });
  return (
    <details className="step-edit" open={f.formError ? true : undefined}>
      <summary>Add a session for this case</summary>
      <f.fetcher.Form method="post" className="stack" ref={f.formRef}>
        <input type="hidden" name="intent" value="add" />
        <SessionFields idPrefix="add-session" errors={f.errors} />
        <TextAreaField id="add-session-reason" name="reason" label="Why is it added?" error={f.errors.reason} maxLength={1000} />
        <button type="submit" disabled={f.busy}>
          Add the session
        </button>
      </f.fetcher.Form>
      <FormMessage error={f.formError} done={f.done} />
    </details>
  );
}

export function JudgementForm() {
  const f = useFormFetcher({ resetOnSuccess: true });
  return (
    <f.fetcher.Form method="post" className="grid-2" ref={f.formRef}>
      <input type="hidden" name="intent" value="judgement" />
      <SelectField
        id="judgement-kind"
        name="kind"
        label="Is the person responsible ready?"
        options={["READY", "NOT_READY"] as const}
        labels={{ READY: "Ready", NOT_READY: "Not ready yet" }}
        placeholder="Choose"
        error={f.errors.kind}
      />
      <TextAreaField id="judgement-reasons" name="reasons" label="Reasons (needed when not ready)" error={f.errors.reasons} maxLength={2000} />
      <div className="form-actions">
        <button type="submit" disabled={f.busy}>
          Record the judgement
        </button>
      </div>
      <div style={{ gridColumn: "1 / -1" }}>
        <FormMessage error={f.formError} done={f.done} />
      </div>
    </f.fetcher.Form>
  );
}

export function OverrideForm() {
  const f = useFormFetcher({ resetOnSuccess: true });
  return (
    <f.fetcher.Form method="post" className="stack" ref={f.formRef}>
      <input type="hidden" name="intent" value="override" />
      <TextAreaField
        id="override-reasons"
        name="reasons"
        label="Why may the case go ahead without a complete programme?"
        hint="Recorded with your name. A letter may then be released and a conference booked, as far as the programme is concerned."
        error={f.errors.reasons}
        maxLength={2000}
      />
      <button type="submit" disabled={f.busy}>
        Record my decision
      </button>
      <FormMessage error={f.formError} done={f.done} />
    </f.fetcher.Form>
  );
}
