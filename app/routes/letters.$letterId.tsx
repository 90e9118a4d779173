import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuthorWorkspace } from "~/components/letter/author-workspace";
import { getAuthorWorkspace, requireLetterAction } from "~/models/letter.server";
import { AuthorActionSchema, WRITABLE_STATUSES, type LetterStatus } from "~/models/letter-schemas";
import { submitLetter } from "~/models/letter-workflow.server";
import { DEFAULT_GUIDANCE } from "~/models/letter-author.server";
import { answerLetterSuggestion } from "~/models/letter-comments.server";
import { audit } from "~/utils/audit.server";
import { notFound, requireLetterAuthor } from "~/utils/auth.server";
import { formDone, formError, parseForm, refusalAnswer } from "~/utils/forms.server";
import { Refusal } from "~/utils/refusal";
import styles from "~/styles/letters.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Letter to ${data.letter.recipientLabel} · Circle` : "My letter · Circle" }];

/** The author's workspace: their letter and nothing else (docs/architecture.md §4). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireLetterAuthor(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:write");
  const letter = await getAuthorWorkspace(access.letterId);
  if (!letter || letter.status === "DESTROYED") throw notFound("Letter not found");
  await audit({ actor: user, action: "letter.author.view", target: `letter:${letter.id}`, caseId: access.caseId, ip: context.clientIp });
  const writable = !letter.locked && WRITABLE_STATUSES.includes(letter.status as LetterStatus);
  return json({ letter: { ...letter, status: letter.status as LetterStatus }, writable, defaultGuidance: DEFAULT_GUIDANCE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireLetterAuthor(request, context);
  const access = await requireLetterAction(user, params.letterId, "letter:write");
  const parsed = await parseForm(request, AuthorActionSchema);
  if ("response" in parsed) return parsed.response;
  const input = parsed.data;
  const base = { actor: user, target: `letter:${access.letterId}`, caseId: access.caseId, ip: context.clientIp };
  if (input.intent === "submit") {
    try {
      const version = await submitLetter(context, access.letterId);
      await audit({ ...base, action: "letter.submit", details: { version: version.number, hash: version.hash } });
      return formDone("Sent to your facilitator. They will read it and come back to you.", input.intent);
    } catch (error) {
      if (error instanceof Refusal) return refusalAnswer(error, input.intent);
      throw error;
    }
  }
  // The editor in the author's browser has already replaced the words (or left them); this records the answer.
  const status = input.intent === "accept-suggestion" ? "ACCEPTED" : "REJECTED";
  if (!(await answerLetterSuggestion(access.letterId, input.suggestionId, status))) return formError({ form: "That suggestion has already been answered." }, input.intent, 409);
  await audit({ ...base, action: status === "ACCEPTED" ? "letter.suggestion.accepted" : "letter.suggestion.rejected", details: { suggestionId: input.suggestionId } });
  return formDone(status === "ACCEPTED" ? "Suggestion used." : "Suggestion left out.", input.intent);
}

export default function LetterWorkspace() {
  const data = useLoaderData<typeof loader>();
  return <AuthorWorkspace {...data} />;
}
