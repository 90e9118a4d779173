import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { releaseCheck, type NewestChoice } from "~/components/letter/letter-delivery";
import { LetterOversight } from "~/components/letter/letter-oversight";
import { getOversight, requireLetterAction } from "~/models/letter.server";
import type { LetterStatus } from "~/models/letter-schemas";
import { auditRequest } from "~/utils/audit.server";
import { notFound, requireUser } from "~/utils/auth.server";
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
  await auditRequest(context, { actor: user, action: "letter.view", target: `letter:${letter.id}`, caseId: access.caseId });
  const newest = letter.choices[0] ?? null;
  return json({
    letter: { ...letter, status: letter.status as LetterStatus },
    canModerate: can(user, "letter:moderate", access) && !letter.closedAt,
    canRelease: can(user, "letter:release", access),
    release: releaseCheck(letter.status, newest as NewestChoice, new Date()),
  });
}

// From a server-only module: this route module also runs in the browser (docs/conventions.md §2).
export { action } from "~/actions/letter-oversight.server";

export default function LetterOversightPage() {
  const data = useLoaderData<typeof loader>();
  return <LetterOversight {...data} />;
}
