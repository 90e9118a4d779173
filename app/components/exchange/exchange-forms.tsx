import { DateTimeField, FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import {
  EXCHANGE_CHOICE_LABELS,
  EXCHANGE_CHOICES,
  EXCHANGE_GATHERING_LABELS,
  EXCHANGE_GATHERINGS,
  EXCHANGE_KIND_LABELS,
  EXCHANGE_KINDS,
  EXCHANGE_WORDING_LABELS,
  EXCHANGE_WORDINGS,
} from "~/models/exchange-labels";
import type { Party, Question } from "./exchange-types";

export const YES_NO = ["yes", "no"] as const;
export const YES_NO_LABELS: Record<(typeof YES_NO)[number], string> = { yes: "Yes", no: "No" };

const partyOptions = (parties: Party[]) => ({ ids: parties.map((p) => p.id), names: Object.fromEntries(parties.map((p) => [p.id, p.name])) as Record<string, string> });

/** Record what one party wants passed to the other: a question, an answer to a question, or a message. */
export function RecordMessageForm({ caseId, parties, questions, today }: { caseId: string; parties: Party[]; questions: Question[]; today: string }) {
  const { fetcher, formRef, errors, formError, done, busy } = useFormFetcher({ key: `exchange-record-${caseId}`, resetOnSuccess: true });
  const { ids, names } = partyOptions(parties);
  const questionIds = questions.map((q) => q.id);
  const questionLabels = Object.fromEntries(
    questions.map((q) => [q.id, `${names[q.fromId] ?? "Someone"} asked: ${q.text.length > 80 ? `${q.text.slice(0, 80)}…` : q.text}`]),
  ) as Record<string, string>;
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/exchange`} ref={formRef} noValidate className="exchange-form">
      <input type="hidden" name="intent" value="record" />
      <div className="exchange-grid">
        <SelectField id="record-kind" name="kind" label="What it is" options={EXCHANGE_KINDS} labels={EXCHANGE_KIND_LABELS} placeholder="Choose" error={errors.kind} />
        <SelectField
          id="record-reply"
          name="inReplyToId"
          label="The question it answers"
          hint="For an answer only"
          options={questionIds}
          labels={questionLabels}
          placeholder="Not an answer"
          error={errors.inReplyToId}
        />
        <SelectField id="record-from" name="fromId" label="From" options={ids} labels={names} placeholder="Choose someone" error={errors.fromId} />
        <SelectField id="record-to" name="toId" label="For" options={ids} labels={names} placeholder="Choose someone" error={errors.toId} />
        <SelectField
          id="record-gathered"
          name="gatheredBy"
          label="How it was gathered"
          options={EXCHANGE_GATHERINGS}
          labels={EXCHANGE_GATHERING_LABELS}
          placeholder="Choose"
          error={errors.gatheredBy}
        />
        <DateTimeField id="record-on" name="gatheredOn" type="date" label="When" defaultValue={today} error={errors.gatheredOn} />
      </div>
      <TextAreaField id="record-text" name="text" label="What they want passed on" rows={4} maxLength={4000} error={errors.text} />
      <div className="exchange-grid">
        <SelectField
          id="record-consent"
          name="senderConsent"
          label="They agreed to it being passed on"
          options={YES_NO}
          labels={YES_NO_LABELS}
          placeholder="Choose"
          error={errors.senderConsent}
        />
        <SelectField
          id="record-wording"
          name="consentWording"
          label="Passed on"
          options={EXCHANGE_WORDINGS}
          labels={EXCHANGE_WORDING_LABELS}
          placeholder="Choose"
          error={errors.consentWording}
        />
      </div>
      <FormMessage error={formError} done={done} />
      <button type="submit" disabled={busy}>
        Record the message
      </button>
    </fetcher.Form>
  );
}

/** A party's choice about receiving the other's messages; the newest counts, as with letters. */
export function ChoiceForm({ caseId, party }: { caseId: string; party: Party }) {
  const { fetcher, formRef, errors, formError, done, busy } = useFormFetcher({ key: `exchange-choice-${party.id}`, resetOnSuccess: true });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/exchange`} ref={formRef} noValidate className="exchange-form">
      <input type="hidden" name="intent" value="choice" />
      <input type="hidden" name="participantId" value={party.id} />
      <div className="exchange-grid">
        <SelectField
          id={`choice-${party.id}`}
          name="choice"
          label={`What ${party.name} wants`}
          options={EXCHANGE_CHOICES}
          labels={EXCHANGE_CHOICE_LABELS}
          placeholder="Choose"
          error={errors.choice}
        />
        <DateTimeField id={`choice-after-${party.id}`} name="deliverAfter" type="date" label="From (for later only)" error={errors.deliverAfter} />
      </div>
      <TextAreaField id={`choice-method-${party.id}`} name="method" label="How they told you" rows={1} maxLength={200} error={errors.method} />
      <FormMessage error={formError ?? errors.participantId} done={done} />
      <button type="submit" disabled={busy}>
        Record {party.name}&rsquo;s choice
      </button>
    </fetcher.Form>
  );
}
