import type { SectionProps } from "./types";

/** Placeholder until this section is built (issue 4). */
export function ParticipantsSection(_props: SectionProps) {
  return null;
}
