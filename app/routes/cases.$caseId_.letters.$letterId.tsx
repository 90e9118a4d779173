import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { releaseCheck, type NewestChoice } from "~/components/letter/letter-delivery";
import { LetterOversight } from "~/components/letter/letter-oversight";
import { addLetterComment, addLetterSuggestion, requireOpenLetter, resolveLetterComment } from "~/models/letter-comments.server";
import { renewInvite } from "~/models/letter-author.server";
import { getOversight, requireLetterAction } from "~/models/letter.server";
import { ChoiceSchema, ModerateActionSchema, ReleaseActionSchema, type LetterStatus } from "~/models/letter-schemas";
import { closeLetter, decideLetter, destroyLetter, recordChoice, releaseLetter, setLocked } from "~/models/letter-workflow.server";
import type { AuditAction } from "~/utils/audit-actions";
import { audit } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { formDone, parseForm, refusalAnswer } from "~/utils/forms.server";
import { Refusal } from "~/utils/refusal";
import { can } from "~/utils/permissions";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Letter · ${data.letter.case.reference} · Circle` : "Letter · Circle" }];

/** Oversight of one letter: facilitators moderate and deliver; the case supervisor reads. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:view", params.caseId);
  const letter = await getOversight(access.letterId);
  if (!letter) throw notFound("Letter not found");
  await audit({ actor: user, action: "letter.view", target: `letter:${letter.id}`, caseId: access.caseId, ip: context.clientIp });
  const newest = letter.choices[0] ?? null;
  return json({
    letter: { ...letter, status: letter.status as LetterStatus },
    canModerate: can(user, "letter:moderate", access) && !letter.closedAt,
    canRelease: can(user, "letter:release", access),
    release: releaseCheck(letter.status, newest as NewestChoice, new Date()),
  });
}

const MODERATE = new Set(["comment", "resolve-comment", "suggest", "lock", "unlock", "request-changes", "approve", "new-invite", "close", "choice"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const intent = String(
    (
      await request
        .clone()
        .formData()
        .catch(() => null)
    )?.get("intent") ?? "",
  );
  const access = await requireLetterAction(user, params.letterId, MODERATE.has(intent) ? "letter:moderate" : "letter:release", params.caseId);
  const { letterId, caseId } = access;
  const log = (action: AuditAction, details: Record<string, unknown> = {}) => audit({ actor: user, action, target: `letter:${letterId}`, caseId, ip: context.clientIp, details });
  try {
    if (intent === "choice") {
      const parsed = await parseForm(request, ChoiceSchema);
      if ("response" in parsed) return parsed.response;
      const { choice, deliverAfter, redactSignature, redactFirstName, tellAuthor, method } = parsed.data;
      await recordChoice(letterId, user.id, { choice, deliverAfter, redactSignature, redactFirstName, tellAuthor, method });
      await log("letter.choice", { choice: parsed.data.choice });
      return formDone("The person harmed's choice is recorded.", intent);
    }
    if (intent === "release" || intent === "destroy") {
      const parsed = await parseForm(request, ReleaseActionSchema);
      if ("response" in parsed) return parsed.response;
      if (parsed.data.intent === "release") {
        const version = await releaseLetter(letterId, user.id, parsed.data.method);
        await log("letter.release", { versionId: version.id, method: parsed.data.method });
        return formDone("Delivered as the person harmed chose. The delivery is recorded.", intent);
      }
      await destroyLetter(context, letterId);
      await log("letter.destroy");
      return formDone("The letter has been destroyed. Its author's access has ended.", intent);
    }
    const parsed = await parseForm(request, ModerateActionSchema);
    if ("response" in parsed) return parsed.response;
    return await moderate(parsed.data, { letterId, userId: user.id, context, log });
  } catch (error) {
    if (error instanceof Refusal) return refusalAnswer(error, intent);
    throw error;
  }
}

type ModerateInput = z.infer<typeof ModerateActionSchema>;
type Deps = { letterId: string; userId: string; context: ActionFunctionArgs["context"]; log: (action: AuditAction, details?: Record<string, unknown>) => Promise<void> };

async function moderate(input: ModerateInput, { letterId, userId, context, log }: Deps) {
  await requireOpenLetter(letterId);
  switch (input.intent) {
    case "comment":
      await addLetterComment(letterId, userId, input);
      await log("letter.comment");
      return formDone("Comment added. The author sees it beside their letter.", input.intent);
    case "resolve-comment":
      await resolveLetterComment(letterId, input.commentId);
      await log("letter.comment.resolve", { commentId: input.commentId });
      return formDone("Comment resolved.", input.intent);
    case "suggest":
      await addLetterSuggestion(letterId, userId, input);
      await log("letter.suggest");
      return formDone("Suggestion sent. The author can use it or keep their words.", input.intent);
    case "lock":
    case "unlock":
      await setLocked(context, letterId, input.intent === "lock");
      await log(`letter.${input.intent}`);
      return formDone(input.intent === "lock" ? "Editing paused." : "Editing unlocked.", input.intent);
    case "request-changes":
    case "approve": {
      const decision = input.intent === "approve" ? "APPROVED" : "CHANGES_REQUESTED";
      const version = await decideLetter(context, letterId, userId, decision, input.intent === "request-changes" ? input.reason : null);
      await log(`letter.${input.intent}`, { version: version.number });
      return formDone(decision === "APPROVED" ? `Version ${version.number} approved.` : "Changes requested. The author can edit again.", input.intent);
    }
    case "new-invite": {
      const code = await renewInvite(letterId);
      await log("letter.invite.renew");
      return json({ ok: true as const, done: "New invite code made. The old one no longer works.", intent: input.intent, inviteCode: code });
    }
    case "close":
      await closeLetter(context, letterId);
      await log("letter.close");
      return formDone("The letter is closed and its author can no longer sign in.", input.intent);
  }
}

export default function LetterOversightPage() {
  const data = useLoaderData<typeof loader>();
  return <LetterOversight {...data} />;
}
