import { json, redirect, type ActionFunctionArgs, type AppLoadContext } from "@remix-run/node";
import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import { requireCaseAction } from "~/models/case-access.server";
import { requireConferenceAction } from "~/models/conference-access.server";
import type { AuditAction } from "./audit-actions";
import { auditRequest } from "./audit.server";
import { notFound, requireUser } from "./auth.server";
import { db } from "./db.server";
import { formError, readForm, refusalAnswer, UNREADABLE_FORM, type FormFields } from "./forms.server";
import { can, type CaseAction, type ServiceAction } from "./permissions";
import { Refusal } from "./refusal";
import { CaseIdSchema, fieldErrors, type FieldErrors } from "./schemas";
import type { SessionUser } from "./session.server";

/**
 * The action pipeline (docs/conventions.md §2, README Decisions "One action pipeline"): every form
 * post goes through the same steps in the same order, so none can be forgotten.
 *
 * 1. who is signed in: a staff member by default (`requireUser`: sign-in redirect, 404 for a letter
 *    author); a spec names another kind (`signedIn`): the password page takes a staff member who
 *    must still choose a password, the letter author's workspace takes the author;
 * 2. the permission, before the form is parsed (`authorize`: 404, so someone off the case learns
 *    nothing, not even which fields are wrong); it is given the form's `intent` alone, for forms
 *    whose intents need different permissions (the case record, a letter's oversight);
 * 3. the form, parsed with its zod schema (400 with a message per field; nothing has changed);
 * 4. the model call (`run`); a `Refusal` it throws, typically inside `transaction`, rolls back and
 *    answers its status and message (audited first when the spec's `refused` says how: an attempt
 *    to change an approved agreement, a wrong current password);
 *    `{ errors }` answers 400, or 409 with the question to ask first;
 * 5. the audit entries of the change, with the actor, the case and the address taken from the
 *    request once;
 * 6. the answer: `formDone` JSON for fetcher forms, or a redirect when `run` names one (plain forms);
 *    then `afterwards` (telling open screens), once the change and its audit are written.
 *
 * A route with a page keeps its spec in a server-only module (`app/actions/<name>.server.ts`) and
 * re-exports `action` from it: the route module also runs in the browser, where a top-level
 * `formAction(…)` call would throw and the schema would be downloaded for nothing.
 */

/** What the permission step found: the case the request is about, when there is one (its audit entries show in that case's trail). */
export type Access = { caseId: string | null };

/** One audit entry of a change; `caseId` only when the change made the case (a new referral). */
export type ActionAudit = { action: AuditAction; target: string; details?: Record<string, unknown>; caseId?: string };

/**
 * A change made: what to tell the person, what to audit (an empty list when nothing needed to
 * change), optionally where a plain form goes next, more for the page to show (`data`, e.g. an
 * invite code shown once), and what to do once it is all written (`afterwards`).
 */
export type Changed = {
  done: string;
  id?: string;
  audit: ActionAudit | ActionAudit[];
  redirectTo?: string;
  data?: Record<string, unknown>;
  afterwards?: () => void | Promise<void>;
};
/** Nothing changed, for reasons tied to fields (a Refusal says the rest): 400, or 409 when the person must first be asked (`data` carries the question). */
export type Unchanged = { errors: FieldErrors; status?: 400 | 409; data?: Record<string, unknown> };

export type ActionCall<A extends Access, I> = {
  user: SessionUser;
  access: A;
  input: I;
  /** The form as posted, for a page that shows what was typed next to its errors. */
  form: FormFields;
  context: AppLoadContext;
  /** One database transaction; a Refusal thrown inside rolls it back. */
  transaction: <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;
};

export type ActionSpec<A extends Access, S extends z.ZodType> = {
  /** Who may post (step 1); default `requireUser`, a signed-in staff member with their own password. */
  signedIn?: (request: Request, context: AppLoadContext) => Promise<SessionUser>;
  /** `intent` and `form`: the form as posted, unparsed (read by a form that names its case in a field). */
  authorize: (user: SessionUser, args: ActionFunctionArgs, intent: string, form: FormFields | null) => Promise<A>;
  schema: S;
  run: (call: ActionCall<A, z.infer<S>>) => Promise<Changed | Unchanged>;
  /**
   * A plain form whose page reads the answer in its own shape: how a form the schema refuses is
   * answered (default: `formError`). `form` is null when the body could not be read at all.
   */
  invalid?: (errors: FieldErrors, form: FormFields | null) => Response;
  /** The audit entry of a Refusal worth recording (an attempt to change an approved agreement, a wrong password), or nothing: written before the refusal is answered. */
  refused?: (call: { user: SessionUser; access: A; input: z.infer<S>; refusal: Refusal }) => ActionAudit | undefined;
};

const transaction = <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => db.$transaction(work);

export function formAction<A extends Access, S extends z.ZodType>(spec: ActionSpec<A, S>) {
  const invalid = spec.invalid ?? ((errors: FieldErrors, form: FormFields | null) => formError(errors, typeof form?.intent === "string" ? form.intent : undefined));
  return async (args: ActionFunctionArgs): Promise<Response> => {
    const { request, context } = args;
    const user = await (spec.signedIn ?? requireUser)(request, context);
    const form = await readForm(request);
    const access = await spec.authorize(user, args, typeof form?.intent === "string" ? form.intent : "", form);
    if (!form) return invalid(UNREADABLE_FORM, null);
    const parsed = spec.schema.safeParse(form);
    if (!parsed.success) return invalid(fieldErrors(parsed.error), form);
    const input = parsed.data as z.infer<S>;
    const intent = typeof (input as { intent?: unknown }).intent === "string" ? (input as { intent: string }).intent : undefined;
    const write = (entry: ActionAudit) => auditRequest(context, { caseId: access.caseId, ...entry, actor: user });
    let outcome: Changed | Unchanged;
    try {
      outcome = await spec.run({ user, access, input, form, context, transaction });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const entry = spec.refused?.({ user, access, input, refusal: error });
      if (entry) await write(entry);
      return refusalAnswer(error, intent);
    }
    if ("errors" in outcome) return json({ ok: false, errors: outcome.errors, intent, ...outcome.data }, { status: outcome.status ?? 400 });
    for (const entry of Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit]) await write(entry);
    await outcome.afterwards?.();
    if (outcome.redirectTo) return redirect(outcome.redirectTo);
    return json({ ok: true, done: outcome.done, intent, id: outcome.id, ...outcome.data });
  };
}

/** Authorize step for a form about the person's own account (their password): nothing beyond being signed in. */
export const onOwnAccount = async (): Promise<Access> => ({ caseId: null });

/** Authorize step: `action` on the case named in the URL (404 otherwise). */
export const onCase =
  (action: CaseAction) =>
  async (user: SessionUser, { params }: ActionFunctionArgs) => {
    const resource = await requireCaseAction(user, params.caseId, action);
    return { caseId: resource.caseId, resource };
  };

/** Authorize step: `action` on the case of the conference named in the URL (404 otherwise). */
export const onConference =
  (action: CaseAction) =>
  (user: SessionUser, { params }: ActionFunctionArgs) =>
    requireConferenceAction(user, params.conferenceId, action);

/** Authorize step: a service-level `action` on the person's own service (404 otherwise). */
export const onService =
  (action: ServiceAction) =>
  async (user: SessionUser): Promise<Access> => {
    if (!can(user, action, { kind: "service", serviceId: user.serviceId })) throw notFound();
    return { caseId: null };
  };

/**
 * Authorize step for a service page whose form names the case in a field, not in the URL (the case
 * teams page): the service action (404), then `action` on that case (404, another service's case
 * too), so the entries land in that case's trail. Only the case id is read here, from the form as
 * posted; a missing or malformed one is left to the schema, which answers it with a message.
 */
export const onServiceCase =
  (service: ServiceAction, action: CaseAction) =>
  async (user: SessionUser, _args: ActionFunctionArgs, _intent: string, form: FormFields | null): Promise<Access> => {
    await onService(service)(user);
    const caseId = CaseIdSchema.safeParse(form?.caseId);
    if (!caseId.success) return { caseId: null };
    return { caseId: (await requireCaseAction(user, caseId.data, action)).caseId };
  };
