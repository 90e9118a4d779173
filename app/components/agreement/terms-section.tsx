import { Field } from "~/components/ui/field";
import { FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { TERM_TYPE_LABELS, TERM_TYPES, termSpecifics, type TermType } from "~/models/agreement-labels";
import { toZonedInput } from "~/utils/format";
import { PARTICIPANT_ROLE_LABELS } from "~/utils/preparation";
import { type DraftTerm, type Workspace, type WorkspaceParticipant } from "./types";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";

export function StartAgreement({ canDraft }: { canDraft: boolean }) {
  const { fetcher, errors, busy } = useFormFetcher();
  return (
    <section className="card empty section-gap" aria-labelledby="start-heading">
      <h2 id="start-heading">No agreement yet</h2>
      {canDraft ? (
        <>
          <p>Draft the agreement with the participants during the conference: its terms, and in their words what was agreed.</p>
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" disabled={busy}>
              {busy ? "Starting…" : "Start the agreement"}
            </button>
          </fetcher.Form>
          <FormMessage error={errors.form} />
        </>
      ) : (
        <p>The facilitators have not started an agreement for this case.</p>
      )}
    </section>
  );
}

const nameOf = (people: WorkspaceParticipant[], id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? "Someone no longer on the case") : null);

export function TermsSection({ data, editable }: { data: Workspace; editable: boolean }) {
  const { terms, participants } = data;
  return (
    <section className="card section-gap" aria-labelledby="terms-heading">
      <h2 id="terms-heading">Terms ({terms.length})</h2>
      {terms.length === 0 ? (
        <p className="empty">No terms yet. {editable ? "Add the first one below: what will be done, by whom, for whom and by when." : ""}</p>
      ) : (
        <ol className="term-list">
          {terms.map((t, i) => (
            <TermCard key={t.id} term={t} index={i} count={terms.length} participants={participants} editable={editable} />
          ))}
        </ol>
      )}
      {editable ? <AddTerm participants={participants} /> : null}
    </section>
  );
}

function TermCard({ term, index, count, participants, editable }: { term: DraftTerm; index: number; count: number; participants: WorkspaceParticipant[]; editable: boolean }) {
  const edit = useFormFetcher();
  const remove = useFormFetcher();
  const move = useFormFetcher();
  const due = term.dueDate ? toZonedInput(term.dueDate).slice(0, 10) : null;
  const title = `${index + 1}. ${TERM_TYPE_LABELS[term.type as TermType] ?? term.type}`;
  return (
    <li className="term-card" aria-labelledby={`term-${term.id}`}>
      <h3 id={`term-${term.id}`}>{title}</h3>
      <p className="term-description">{term.description}</p>
      <p className="hint">
        Responsible: {nameOf(participants, term.responsibleId) ?? "—"}
        {term.beneficiaryId ? ` · For: ${nameOf(participants, term.beneficiaryId)}` : ""}
        {termSpecifics({ ...term, type: term.type as TermType, dueDate: due }) ? ` · ${termSpecifics({ ...term, type: term.type as TermType, dueDate: due })}` : ""}
      </p>
      {term.verification ? <p className="hint">Checked by: {term.verification}</p> : null}
      {editable ? (
        <div className="row term-actions">
          <details className="term-edit" open={Object.keys(edit.errors).length > 0 || undefined}>
            <summary className="tap">
              Edit<span className="visually-hidden"> term {index + 1}</span>
            </summary>
            <edit.fetcher.Form method="post" className="stack">
              <input type="hidden" name="intent" value="edit-term" />
              <input type="hidden" name="termId" value={term.id} />
              <TermFields term={term} due={due} participants={participants} idPrefix={`edit-${term.id}`} errors={edit.errors} />
              <div className="form-actions">
                <button type="submit" disabled={edit.busy}>
                  {edit.busy ? "Saving…" : "Save the term"}
                </button>
              </div>
              <FormMessage error={edit.errors.form} done={edit.done} />
            </edit.fetcher.Form>
          </details>
          <remove.fetcher.Form
            method="post"
            onSubmit={(e) => {
              if (!window.confirm(`Remove term ${index + 1}?`)) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="remove-term" />
            <input type="hidden" name="termId" value={term.id} />
            <button type="submit" className="danger" disabled={remove.busy} aria-label={`Remove term ${index + 1}`}>
              {remove.busy ? "Removing…" : "Remove"}
            </button>
          </remove.fetcher.Form>
          {count > 1 ? (
            <move.fetcher.Form method="post" className="row term-move">
              <input type="hidden" name="intent" value="move-term" />
              <input type="hidden" name="termId" value={term.id} />
              <button type="submit" name="direction" value="up" className="secondary" disabled={move.busy || index === 0} aria-label={`Move term ${index + 1} up`}>
                ↑ Up
              </button>
              <button type="submit" name="direction" value="down" className="secondary" disabled={move.busy || index === count - 1} aria-label={`Move term ${index + 1} down`}>
                ↓ Down
              </button>
            </move.fetcher.Form>
          ) : null}
        </div>
      ) : null}
      <FormMessage error={remove.errors.form ?? move.errors.form ?? move.errors.direction} />
    </li>
  );
}

function TermFields(props: { term?: DraftTerm; due?: string | null; participants: WorkspaceParticipant[]; idPrefix: string; errors: Partial<Record<string, string>> }) {
  const { term, participants, idPrefix: p, errors } = props;
  const people = participants.map((x) => x.id);
  const labels = Object.fromEntries(participants.map((x) => [x.id, `${x.name} (${PARTICIPANT_ROLE_LABELS[x.role].toLowerCase()})`]));
  const harmed = participants.filter((x) => x.role === "PERSON_HARMED").map((x) => x.id);
  const responsibleDefault = term?.responsibleId ?? participants.find((x) => x.role === "PERSON_RESPONSIBLE")?.id ?? "";
  return (
    <div className="term-fields">
      <SelectField
        id={`${p}-type`}
        name="type"
        label="Kind of term"
        options={TERM_TYPES}
        labels={TERM_TYPE_LABELS}
        defaultValue={(term?.type as TermType) ?? "APOLOGY_IN_PERSON"}
        error={errors.type}
      />
      <TextAreaField id={`${p}-description`} name="description" label="What will be done" defaultValue={term?.description} error={errors.description} maxLength={1000} rows={2} />
      <SelectField
        id={`${p}-responsible`}
        name="responsibleId"
        label="Who is responsible"
        options={people}
        labels={labels}
        defaultValue={responsibleDefault}
        placeholder="Choose a person"
        error={errors.responsibleId}
      />
      <SelectField
        id={`${p}-beneficiary`}
        name="beneficiaryId"
        label="For which person harmed"
        options={harmed.length ? harmed : people}
        labels={labels}
        defaultValue={term?.beneficiaryId ?? harmed[0] ?? ""}
        placeholder="Nobody in particular"
        error={errors.beneficiaryId}
      />
      <Field id={`${p}-due`} name="dueDate" type="date" label="Due date" defaultValue={props.due ?? ""} error={errors.dueDate} />
      <Field id={`${p}-verification`} name="verification" label="How completion will be checked" defaultValue={term?.verification} error={errors.verification} />
      <Field id={`${p}-amount`} name="amount" label="Amount in £ (restitution)" defaultValue={term?.amountPence ? (term.amountPence / 100).toFixed(2) : ""} error={errors.amount} />
      <Field
        id={`${p}-instalments`}
        name="instalments"
        type="number"
        label="Instalments (restitution)"
        defaultValue={term?.instalments ? String(term.instalments) : ""}
        error={errors.instalments}
      />
      <Field id={`${p}-hours`} name="hours" type="number" label="Hours (community work)" defaultValue={term?.hours ? String(term.hours) : ""} error={errors.hours} />
    </div>
  );
}

function AddTerm({ participants }: { participants: WorkspaceParticipant[] }) {
  const { fetcher, errors, done, busy } = useFormFetcher();
  return (
    <details className="add-term section-gap" open={Object.keys(errors).length > 0 || undefined}>
      <summary className="tap button secondary">Add a term</summary>
      <fetcher.Form method="post" className="stack" key={fetcher.data?.ok ? fetcher.data.id : "new"} aria-label="Add a term">
        <input type="hidden" name="intent" value="add-term" />
        <TermFields participants={participants} idPrefix="add" errors={errors} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Add the term"}
          </button>
        </div>
        <FormMessage error={errors.form} done={done} />
      </fetcher.Form>
    </details>
  );
}
