import { useEffect, useState } from "react";
import { AuthorSignInFields, InviteCodeNotice } from "~/components/ui/author-sign-in";
import { Field } from "~/components/ui/field";
import { FormMessage, SelectField } from "~/components/ui/form-controls";
import { useFormFetcher, type FormAnswer } from "~/components/ui/use-form-fetcher";
import { formatDay } from "~/utils/format";
import type { Party } from "./exchange-types";

/** One party's own message workspace, as the case's exchange loader sends it. */
export type WriterRow = {
  id: string;
  participantId: string;
  recipientId: string;
  recipientLabel: string;
  username: string;
  open: boolean;
  createdAt: string;
  closedAt: string | null;
  waitingForInvite: boolean;
};

type OpenAnswer = FormAnswer & { writerId?: string; username?: string; inviteCode?: string | null };

/** The one-time code, shown once after opening or renewing, to hand over in person. */
function InviteCode({ answer }: { answer: OpenAnswer | undefined }) {
  if (!answer?.ok || !answer.inviteCode) return null;
  return <InviteCodeNotice username={answer.username} inviteCode={answer.inviteCode} findIt="find their messages under “My messages”" />;
}

function OpenWriterForm({
  caseId,
  party,
  others,
  letterSignIn,
  onOpened,
}: {
  caseId: string;
  party: Party;
  others: Party[];
  letterSignIn: string | null;
  onOpened: (answer: OpenAnswer) => void;
}) {
  const form = useFormFetcher<OpenAnswer>({ key: `writer-open-${party.id}` });
  const answer = form.data as OpenAnswer | undefined;
  useEffect(() => {
    if (answer?.ok) onOpened(answer);
  }, [answer, onOpened]);
  const ids = others.map((o) => o.id);
  const names = Object.fromEntries(others.map((o) => [o.id, o.name])) as Record<string, string>;
  const id = (s: string) => `writer-${party.id}-${s}`;
  return (
    <>
      <form.fetcher.Form method="post" action={`/cases/${caseId}/exchange`} noValidate className="exchange-form">
        <input type="hidden" name="intent" value="open-writer" />
        <input type="hidden" name="participantId" value={party.id} />
        <p className="hint">
          {party.name} signs in themselves and sees only their own messages and those you deliver to their workspace: nothing else of the case. Everything they write comes to you
          for review first.
        </p>
        <div className="exchange-grid">
          <SelectField
            id={id("to")}
            name="recipientId"
            label="They write to"
            options={ids}
            labels={names}
            defaultValue={ids.length === 1 ? ids[0] : ""}
            placeholder="Choose"
            error={form.errors.recipientId}
          />
          <Field
            id={id("label")}
            name="recipientLabel"
            label="How they see them named"
            hint='Their first name, or "the person harmed", as that person agreed.'
            error={form.errors.recipientLabel}
          />
        </div>
        <AuthorSignInFields id={id} existing={letterSignIn} errors={form.errors} fieldsClassName="exchange-grid" />
        <FormMessage error={form.formError} done={form.done} />
        <button type="submit" disabled={form.busy}>
          {form.busy ? "Opening…" : "Open their workspace"}
        </button>
      </form.fetcher.Form>
    </>
  );
}

function OpenWriter({ caseId, w }: { caseId: string; w: WriterRow }) {
  const renew = useFormFetcher<OpenAnswer>({ key: `writer-renew-${w.id}` });
  const close = useFormFetcher({ key: `writer-close-${w.id}` });
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="writer-open">
      <p>
        <strong>Their own workspace is open</strong> (since {formatDay(w.createdAt)}), username <strong>{w.username}</strong>. They write to &ldquo;{w.recipientLabel}&rdquo;.
        {w.waitingForInvite ? " They have not used their invite code yet." : null}
      </p>
      <InviteCode answer={renew.data as OpenAnswer | undefined} />
      <div className="form-actions">
        <renew.fetcher.Form method="post" action={`/cases/${caseId}/exchange`}>
          <input type="hidden" name="intent" value="renew-writer" />
          <input type="hidden" name="writerId" value={w.id} />
          <button type="submit" className="button secondary" disabled={renew.busy}>
            New invite code
          </button>
        </renew.fetcher.Form>
        {confirming ? (
          <close.fetcher.Form method="post" action={`/cases/${caseId}/exchange`}>
            <input type="hidden" name="intent" value="close-writer" />
            <input type="hidden" name="writerId" value={w.id} />
            <button type="submit" className="button danger" disabled={close.busy}>
              Close it: they will see nothing more
            </button>{" "}
            <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
              Keep it open
            </button>
          </close.fetcher.Form>
        ) : (
          <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
            Close their workspace
          </button>
        )}
      </div>
      <FormMessage error={renew.formError ?? close.formError} done={close.done} />
    </div>
  );
}

/** A party's own message workspace on the facilitators' page: open one, or see it, renew its code and close it. */
export function WriterAccess({
  caseId,
  party,
  parties,
  writers,
  letterSignIn,
}: {
  caseId: string;
  party: Party;
  parties: Party[];
  writers: WriterRow[];
  letterSignIn: string | null;
}) {
  // The opening form's answer, kept here: the code stays on screen once the page reloads to show
  // the open workspace (and the form is gone), until the facilitator leaves the page.
  const [opened, setOpened] = useState<OpenAnswer | null>(null);
  const open = writers.find((w) => w.participantId === party.id && w.open);
  const others = parties.filter((p) => p.id !== party.id && p.role !== party.role);
  if (open)
    return (
      <>
        {opened?.writerId === open.id ? <InviteCode answer={opened} /> : null}
        <OpenWriter caseId={caseId} w={open} />
      </>
    );
  if (others.length === 0) return null;
  return (
    <details className="panel add-panel">
      <summary>Let {party.name} write their own messages</summary>
      <OpenWriterForm caseId={caseId} party={party} others={others} letterSignIn={letterSignIn} onOpened={setOpened} />
    </details>
  );
}
