import { PROGRAMME_CHANGE_LABELS, PROGRAMME_JUDGEMENT_LABELS, type ProgrammeChangeKind, type ProgrammeJudgementKind } from "~/models/programme-labels";
import { formatDateTime } from "~/utils/format";

type Change = {
  id: string;
  kind: string;
  reason: string;
  fromPosition: number | null;
  toPosition: number | null;
  createdAt: string;
  session: { title: string };
  actor: { name: string };
};
type Judgement = { id: string; kind: string; reasons: string; createdAt: string; recordedBy: { name: string } };

/** The programme's history, newest first: every adaptation with its reason, every judgement with who made it. */
export function ProgrammeHistory({ changes, judgements }: { changes: Change[]; judgements: Judgement[] }) {
  const items = [
    ...changes.map((c) => ({
      id: c.id,
      at: c.createdAt,
      text: `${PROGRAMME_CHANGE_LABELS[c.kind as ProgrammeChangeKind]} “${c.session.title}”${c.kind === "MOVED" && c.fromPosition !== null && c.toPosition !== null ? ` from session ${c.fromPosition + 1} to ${c.toPosition + 1}` : ""}: ${c.reason}`,
      who: c.actor.name,
    })),
    ...judgements.map((j) => ({
      id: j.id,
      at: j.createdAt,
      text: `${PROGRAMME_JUDGEMENT_LABELS[j.kind as ProgrammeJudgementKind]}${j.reasons ? `: ${j.reasons}` : ""}`,
      who: j.recordedBy.name,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  if (items.length === 0) return <p className="empty">Nothing has been changed or judged yet.</p>;
  return (
    <ul className="programme-history">
      {items.map((i) => (
        <li key={i.id}>
          <p>{i.text}</p>
          <p className="hint">
            {i.who}, {formatDateTime(i.at)}
          </p>
        </li>
      ))}
    </ul>
  );
}
