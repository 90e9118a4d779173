import type { SerializeFrom } from "@remix-run/node";
import { DateTimeField, FormMessage, SelectField, TextAreaField } from "~/components/ui/form-controls";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import type { getRectifications } from "~/models/rectification.server";
import { RECTIFICATION_DECISION_LABELS, RECTIFICATION_DECISIONS } from "~/models/rectification-labels";
import { formatDay } from "~/utils/format";
import { displayName } from "~/utils/preparation";
import { Fold } from "~/components/ui/fold";

type Data = SerializeFrom<Awaited<ReturnType<typeof getRectifications>>>;
type Item = Data["items"][number];

/**
 * Corrections a participant asked for (README, Decisions, "Subject access and rectification"):
 * the list, newest first, each with its decision once made; the form to record one, and the
 * decision form on an undecided one, for those who may (the case's facilitators, the manager).
 * A decided request shows as decided and has no form: it is kept as it is.
 */
export function RectificationSection({ caseId, data, canRectify, today }: { caseId: string; data: Data; canRectify: boolean; today: string }) {
  return (
    <section id="corrections" className="card case-section" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections asked for</h2>
      {canRectify ? (
        <Fold className="panel add-panel" summary="Record a request to correct their data">
          <RecordForm caseId={caseId} participants={data.participants} today={today} />
        </Fold>
      ) : null}
      {data.items.length === 0 ? (
        <p className="empty">Nobody has asked for a correction.</p>
      ) : (
        <ol className="contact-log" aria-label="Correction requests">
          {data.items.map((r) => (
            <li key={r.id} className="contact">
              <div className="contact-head">
                <strong>{displayName(r.participant)}</strong>
                <span className={`badge ${r.decision ? (r.decision === "REFUSED" ? "status-warn" : "status-ok") : ""}`}>
                  {r.decision ? RECTIFICATION_DECISION_LABELS[r.decision] : "Not decided yet"}
                </span>
              </div>
              <span className="hint">
                Received {formatDay(r.receivedOn)} · recorded by {r.recordedBy.name}
              </span>
              <p>{r.claim}</p>
              {r.decision ? <Decision item={r} /> : canRectify ? <DecideForm caseId={caseId} item={r} /> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Decision({ item: r }: { item: Item }) {
  return (
    <>
      {r.changesMade ? (
        <p>
          <strong>What was changed:</strong> {r.changesMade}
        </p>
      ) : null}
      {r.decisionReason ? (
        <p>
          <strong>Why:</strong> {r.decisionReason}
        </p>
      ) : null}
      <span className="hint">
        Decided {r.decidedAt ? formatDay(r.decidedAt) : ""} by {r.decidedBy?.name ?? ""}
      </span>
    </>
  );
}

function RecordForm({ caseId, participants, today }: { caseId: string; participants: Data["participants"]; today: string }) {
  const { fetcher, formRef, errors, formError, done, busy } = useFormFetcher({ key: `rectify-record-${caseId}`, resetOnSuccess: true });
  const ids = participants.map((p) => p.id);
  const names = Object.fromEntries(participants.map((p) => [p.id, displayName(p)]));
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/rectifications`} ref={formRef} noValidate>
      <input type="hidden" name="intent" value="record" />
      <SelectField id="rectify-person" name="participantId" label="Who asked?" options={ids} labels={names} placeholder="Choose someone on the case" error={errors.participantId} />
      <DateTimeField id="rectify-received" name="receivedOn" type="date" label="Date received" defaultValue={today} error={errors.receivedOn} />
      <TextAreaField id="rectify-claim" name="claim" label="What do they say is wrong?" maxLength={2000} error={errors.claim} />
      <FormMessage error={formError} done={done} />
      <button type="submit" disabled={busy}>
        Record the request
      </button>
    </fetcher.Form>
  );
}

function DecideForm({ caseId, item }: { caseId: string; item: Item }) {
  const { fetcher, errors, formError, busy } = useFormFetcher({ key: `rectify-decide-${item.id}` });
  return (
    <Fold className="panel" summary="Record the decision">
      <fetcher.Form method="post" action={`/cases/${caseId}/rectifications`} noValidate>
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="rectificationId" value={item.id} />
        <SelectField
          id={`decision-${item.id}`}
          name="decision"
          label="Decision"
          options={RECTIFICATION_DECISIONS}
          labels={RECTIFICATION_DECISION_LABELS}
          placeholder="Choose"
          error={errors.decision}
        />
        <TextAreaField
          id={`changes-${item.id}`}
          name="changesMade"
          label="What was changed, and where"
          hint="For a participant's details: change them in the People section, then say what changed here."
          maxLength={2000}
          error={errors.changesMade}
        />
        <TextAreaField
          id={`reason-${item.id}`}
          name="decisionReason"
          label="Why not (all) corrected"
          hint="Needed when partly corrected or refused."
          maxLength={2000}
          error={errors.decisionReason}
        />
        <FormMessage error={formError} />
        <button type="submit" disabled={busy}>
          Record the decision
        </button>
      </fetcher.Form>
    </Fold>
  );
}
