import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CheckboxField, FormMessage } from "~/components/ui/form-controls";
import { Field } from "~/components/ui/field";
import { useFormFetcher } from "~/components/ui/use-form-fetcher";
import { requireCaseAction } from "~/models/case-access.server";
import { subjectAccessBlocks } from "~/models/subject-access-document";
import { subjectAccessDueOn } from "~/models/subject-access-dates";
import { getSubjectAccess, subjectAccessExport } from "~/models/subject-access.server";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formatDay } from "~/utils/format";
import type { PdfBlock } from "~/utils/pdf.server";

export { reviewAction as action } from "~/actions/subject-access.server";

export const meta: MetaFunction = () => [{ title: "Subject access export · Circle" }];

/**
 * One subject access request: the export as the person would receive it (third parties already
 * redacted), the manager's own redactions, the downloads and the release. Every view is audited as
 * an export: the manager is reading everything held about the person.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const resource = await requireCaseAction(user, params.caseId, "case:subject-access");
  const found = await getSubjectAccess(resource.caseId, params.requestId);
  if (!found) throw notFound("Request not found");
  const made = await subjectAccessExport(context, found);
  await auditRequest(context, {
    actor: user,
    action: "subject-access.export.view",
    target: `subject-access:${found.id}`,
    caseId: found.caseId,
    details: { released: found.releasedAt !== null },
  });
  return json({
    caseId: found.caseId,
    id: found.id,
    reference: found.case.reference,
    person: found.participant.name,
    requestedBy: found.requestedBy,
    receivedOn: found.receivedOn,
    dueOn: subjectAccessDueOn(found.receivedOn),
    recordedBy: found.createdBy.name,
    released: found.releasedAt ? { at: found.releasedAt.toISOString(), by: found.releasedBy?.name ?? "" } : null,
    redactions: found.redactions.map((r) => ({ id: r.id, phrase: r.phrase })),
    blocks: subjectAccessBlocks(made),
  });
}

export default function SubjectAccessReview() {
  const data = useLoaderData<typeof loader>();
  const base = `/admin/cases/${data.caseId}/subject-access/${data.id}`;
  return (
    <main className="page" id="main">
      <p className="back">
        <Link to={`/admin/cases/${data.caseId}/subject-access`} className="tap">
          <span aria-hidden="true">←</span> Subject access and corrections
        </Link>
      </p>
      <p className="eyebrow">{data.reference}</p>
      <h1>Information held about {data.person}</h1>
      <p>
        Asked by {data.requestedBy}, received {formatDay(data.receivedOn)}, recorded by {data.recordedBy}. Due by <strong>{formatDay(data.dueOn)}</strong>.
      </p>
      {data.released ? (
        <p className="alert success" role="status">
          Released on {formatDay(data.released.at)} by {data.released.by}. The downloads are the export as it was released.
        </p>
      ) : (
        <p className="alert info">
          Not released yet. Review the export below: other people’s details are already redacted. Redact anything else that should not go out, then release it.
        </p>
      )}
      <p className="row">
        <a href={`${base}/pdf`} className="button secondary" download>
          Download the PDF
        </a>
        <a href={`${base}/json`} className="button secondary" download>
          Download the JSON
        </a>
      </p>
      <div className="stack">
        {data.released ? null : <RedactionPanel redactions={data.redactions} />}
        {data.released ? null : <ReleasePanel />}
        <section className="card" aria-labelledby="export-heading">
          <h2 id="export-heading">The export</h2>
          <ExportBlocks blocks={data.blocks} />
        </section>
      </div>
    </main>
  );
}

function RedactionPanel({ redactions }: { redactions: { id: string; phrase: string }[] }) {
  const add = useFormFetcher({ key: "sar-redact", resetOnSuccess: true });
  const remove = useFormFetcher({ key: "sar-unredact" });
  return (
    <section className="card" aria-labelledby="redact-heading">
      <h2 id="redact-heading">Redact by hand</h2>
      <p className="hint">Every place the word or phrase appears is shown as [redacted].</p>
      <add.fetcher.Form method="post" ref={add.formRef} noValidate>
        <input type="hidden" name="intent" value="redact" />
        <Field id="sar-phrase" name="phrase" label="Word or phrase" error={add.errors.phrase} />
        <FormMessage error={add.formError} done={add.done} />
        <button type="submit" disabled={add.busy}>
          Redact
        </button>
      </add.fetcher.Form>
      {redactions.length ? (
        <ul className="people">
          {redactions.map((r) => (
            <li key={r.id}>
              <remove.fetcher.Form method="post" className="row">
                <input type="hidden" name="intent" value="unredact" />
                <input type="hidden" name="redactionId" value={r.id} />
                <span>“{r.phrase}”</span>
                <button type="submit" className="secondary" disabled={remove.busy}>
                  Take back<span className="visually-hidden"> the redaction of “{r.phrase}”</span>
                </button>
              </remove.fetcher.Form>
            </li>
          ))}
        </ul>
      ) : null}
      <FormMessage error={remove.formError} />
    </section>
  );
}

function ReleasePanel() {
  const { fetcher, errors, formError, done, busy } = useFormFetcher({ key: "sar-release" });
  return (
    <section className="card" aria-labelledby="release-heading">
      <h2 id="release-heading">Release</h2>
      <p className="hint">Releasing records that the export was sent, by you, today, and keeps it exactly as it is now.</p>
      <fetcher.Form method="post" noValidate>
        <input type="hidden" name="intent" value="release" />
        <CheckboxField id="sar-confirm" name="confirm" label="I have reviewed the export and its redactions" error={errors.confirm} />
        <FormMessage error={formError} done={done} />
        <button type="submit" disabled={busy}>
          Mark as released
        </button>
      </fetcher.Form>
    </section>
  );
}

function ExportBlocks({ blocks }: { blocks: PdfBlock[] }) {
  return (
    <div className="export-preview">
      {blocks.map((b, i) =>
        b.kind === "rule" ? (
          <hr key={i} />
        ) : b.kind === "heading" ? (
          <h3 key={i}>{b.text}</h3>
        ) : b.kind === "subheading" ? (
          <h4 key={i}>{b.text}</h4>
        ) : (
          <p key={i} className={b.kind === "meta" ? "hint" : undefined}>
            {b.text}
          </p>
        ),
      )}
    </div>
  );
}
