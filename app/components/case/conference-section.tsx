import type { SectionProps } from "./types";

/** Placeholder until this section is built (issue 4). */
export function ConferenceSection(_props: SectionProps) {
  return null;
}
