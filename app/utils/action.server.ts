import { redirect, type ActionFunctionArgs, type AppLoadContext } from "@remix-run/node";
import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import { requireCaseAction } from "~/models/case-access.server";
import { requireConferenceAction } from "~/models/conference-access.server";
import type { AuditAction } from "./audit-actions";
import { audit } from "./audit.server";
import { notFound, requireUser } from "./auth.server";
import { db } from "./db.server";
import { formDone, formError, parseForm, refusalAnswer } from "./forms.server";
import { can, type CaseAction, type ServiceAction } from "./permissions";
import { Refusal } from "./refusal";
import { CaseIdSchema, type FieldErrors } from "./schemas";
import type { SessionUser } from "./session.server";

/**
 * The action pipeline (docs/conventions.md §2, README Decisions "One action pipeline"): every form
 * post that fits goes through the same steps in the same order, so none can be forgotten.
 *
 * 1. the signed-in staff member (`requireUser`: sign-in redirect, 404 for a letter author);
 * 2. the permission, before the form is read (`authorize`: 404, so someone off the case learns
 *    nothing, not even which fields are wrong);
 * 3. the form, parsed with its zod schema (400 with a message per field; nothing has changed);
 * 4. the model call (`run`); a `Refusal` it throws, typically inside `transaction`, rolls back and
 *    answers its status and message; `{ errors }` answers 400;
 * 5. the audit entries of the change, with the actor, the case and the address taken from the
 *    request once;
 * 6. the answer: `formDone` JSON for fetcher forms, or a redirect when `run` names one (plain forms).
 */

/** What the permission step found: the case the request is about, when there is one (its audit entries show in that case's trail). */
export type Access = { caseId: string | null };

export type ActionAudit = { action: AuditAction; target: string; details?: Record<string, unknown> };

/** A change made: what to tell the person, what to audit, and optionally where a plain form goes next. */
export type Changed = { done: string; id?: string; audit: ActionAudit | ActionAudit[]; redirectTo?: string };
/** Nothing changed, for reasons tied to fields (a Refusal says the rest). */
export type Unchanged = { errors: FieldErrors };

export type ActionCall<A extends Access, I> = {
  user: SessionUser;
  access: A;
  input: I;
  context: AppLoadContext;
  /** One database transaction; a Refusal thrown inside rolls it back. */
  transaction: <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;
};

export type ActionSpec<A extends Access, S extends z.ZodType> = {
  authorize: (user: SessionUser, args: ActionFunctionArgs) => Promise<A>;
  schema: S;
  run: (call: ActionCall<A, z.infer<S>>) => Promise<Changed | Unchanged>;
};

const transaction = <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => db.$transaction(work);

export function formAction<A extends Access, S extends z.ZodType>(spec: ActionSpec<A, S>) {
  return async (args: ActionFunctionArgs): Promise<Response> => {
    const { request, context } = args;
    const user = await requireUser(request, context);
    const access = await spec.authorize(user, args);
    const parsed = await parseForm(request, spec.schema);
    if ("response" in parsed) return parsed.response;
    const input = parsed.data as z.infer<S>;
    const intent = typeof (input as { intent?: unknown }).intent === "string" ? (input as { intent: string }).intent : undefined;
    let outcome: Changed | Unchanged;
    try {
      outcome = await spec.run({ user, access, input, context, transaction });
    } catch (error) {
      if (error instanceof Refusal) return refusalAnswer(error, intent);
      throw error;
    }
    if ("errors" in outcome) return formError(outcome.errors, intent);
    const entries = Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit];
    for (const entry of entries) await audit({ ...entry, actor: user, caseId: access.caseId, ip: context.clientIp });
    if (outcome.redirectTo) return redirect(outcome.redirectTo);
    return formDone(outcome.done, intent, outcome.id);
  };
}

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
 * too), so the entries land in that case's trail. Only the case id is read here, from a copy of the
 * request; a missing or malformed one is left to the schema, which answers it with a message.
 */
export const onServiceCase =
  (service: ServiceAction, action: CaseAction) =>
  async (user: SessionUser, { request }: ActionFunctionArgs): Promise<Access> => {
    await onService(service)(user);
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const caseId = CaseIdSchema.safeParse(form?.get("caseId"));
    if (!caseId.success) return { caseId: null };
    return { caseId: (await requireCaseAction(user, caseId.data, action)).caseId };
  };
