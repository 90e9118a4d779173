/**
 * The standard restorative conference script that ships with Circle, written in our own words
 * from the practice guidance. Installed as the built-in template (serviceId null, id
 * STANDARD_TEMPLATE_ID), kept equal to this list at each start of the server; a conference's
 * script is a tailored copy of a template. `{name}` in a prompt is replaced by the
 * addressee's preferred name when the script is prepared for a conference.
 */
export const SCRIPT_PHASES = ["OPENING", "RESPONSIBLE", "HARMED", "SUPPORTERS", "RESPONSE", "AGREEMENT", "CLOSING"] as const;
export type ScriptPhase = (typeof SCRIPT_PHASES)[number];
export const SCRIPT_PHASE_LABELS: Record<ScriptPhase, string> = {
  OPENING: "Opening",
  RESPONSIBLE: "The person responsible",
  HARMED: "The person harmed",
  SUPPORTERS: "Supporters",
  RESPONSE: "Response",
  AGREEMENT: "Agreement",
  CLOSING: "Closing",
};

export const ADDRESS_TO = ["EVERYONE", "FACILITATOR", "PERSON_RESPONSIBLE", "PERSON_HARMED", "SUPPORTER"] as const;
export type AddressTo = (typeof ADDRESS_TO)[number];
export const ADDRESS_TO_LABELS: Record<AddressTo, string> = {
  EVERYONE: "Everyone",
  FACILITATOR: "Facilitator (said by the chair)",
  PERSON_RESPONSIBLE: "The person responsible",
  PERSON_HARMED: "The person harmed",
  SUPPORTER: "Each supporter",
};

export type ScriptStepSeed = { phase: ScriptPhase; title: string; prompt: string; addressTo: AddressTo };

export const STANDARD_SCRIPT_NAME = "Standard restorative conference";
export const STANDARD_SCRIPT_DESCRIPTION = "Circle's standard restorative conference script.";
/**
 * The standard script's ScriptTemplate row (serviceId null): a fixed id, so the migration that
 * made it a row, the server's start (syncStandardTemplate) and the tests all name the same row.
 */
export const STANDARD_TEMPLATE_ID = "cstandardscript0000000000";

export const STANDARD_SCRIPT: ScriptStepSeed[] = [
  {
    phase: "OPENING",
    title: "Welcome",
    addressTo: "FACILITATOR",
    prompt: "Thank everyone for coming. Say who you are, that you and your colleague will guide the meeting, and that there is water and a break room.",
  },
  {
    phase: "OPENING",
    title: "Introductions",
    addressTo: "EVERYONE",
    prompt: "Ask each person to say their name and why they are here, in the order agreed: who they are and how they are connected to what happened.",
  },
  {
    phase: "OPENING",
    title: "Purpose",
    addressTo: "FACILITATOR",
    prompt:
      "Explain that we are here to talk about what happened, who has been affected, and what can be done to repair the harm. We are not here to decide whether anyone is a good or bad person.",
  },
  {
    phase: "OPENING",
    title: "Taking part is voluntary",
    addressTo: "EVERYONE",
    prompt: "Remind everyone that they chose to come and may ask for a break or stop at any time. Ask: is everyone still happy to go ahead?",
  },
  {
    phase: "OPENING",
    title: "Ground rules",
    addressTo: "EVERYONE",
    prompt: "Agree the ground rules: one person speaks at a time, everyone is treated with respect, what is said here stays here unless someone is at risk.",
  },
  {
    phase: "RESPONSIBLE",
    title: "What happened",
    addressTo: "PERSON_RESPONSIBLE",
    prompt: "{name}, can you tell us what happened, in your own words?",
  },
  {
    phase: "RESPONSIBLE",
    title: "Thinking at the time",
    addressTo: "PERSON_RESPONSIBLE",
    prompt: "What were you thinking about at the time?",
  },
  {
    phase: "RESPONSIBLE",
    title: "Thoughts since",
    addressTo: "PERSON_RESPONSIBLE",
    prompt: "What have you thought about since it happened?",
  },
  {
    phase: "RESPONSIBLE",
    title: "Who has been affected",
    addressTo: "PERSON_RESPONSIBLE",
    prompt: "Who do you think has been affected by what you did, and in what way?",
  },
  {
    phase: "HARMED",
    title: "Reaction at the time",
    addressTo: "PERSON_HARMED",
    prompt: "{name}, what was your reaction when it happened?",
  },
  {
    phase: "HARMED",
    title: "Impact",
    addressTo: "PERSON_HARMED",
    prompt: "How has what happened affected you, and the people close to you?",
  },
  {
    phase: "HARMED",
    title: "The hardest thing",
    addressTo: "PERSON_HARMED",
    prompt: "What has been the hardest thing for you?",
  },
  {
    phase: "HARMED",
    title: "Making things right",
    addressTo: "PERSON_HARMED",
    prompt: "What do you need to happen to help put things right?",
  },
  {
    phase: "SUPPORTERS",
    title: "Supporters",
    addressTo: "SUPPORTER",
    prompt: "{name}, how did you hear about what happened? How has it affected you, and what has been the hardest part?",
  },
  {
    phase: "RESPONSE",
    title: "Response",
    addressTo: "PERSON_RESPONSIBLE",
    prompt: "{name}, having heard everyone, is there anything you would like to say?",
  },
  {
    phase: "AGREEMENT",
    title: "What would help",
    addressTo: "EVERYONE",
    prompt: "Ask the person harmed first, then everyone: what would you like to see come out of today? Note each suggestion so it can be agreed.",
  },
  {
    phase: "AGREEMENT",
    title: "The agreement",
    addressTo: "EVERYONE",
    prompt: "Read back each proposed term. Check it is specific, achievable and freely agreed by everyone, with who does what and by when.",
  },
  {
    phase: "CLOSING",
    title: "Last words",
    addressTo: "EVERYONE",
    prompt: "Before we finish, is there anything anyone would like to add?",
  },
  {
    phase: "CLOSING",
    title: "Close and thanks",
    addressTo: "FACILITATOR",
    prompt: "Thank everyone. Explain what happens next: the agreement goes to the case supervisor, and we will be in touch with each of you. Offer refreshments and time to talk.",
  },
];

/** Fills `{name}` with the addressee's names (joined) or leaves a neutral phrase when nobody is named. */
export function fillPrompt(prompt: string, names: string[]): string {
  const who = names.length === 0 ? "" : names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return who ? prompt.replaceAll("{name}", who) : prompt.replace(/\{name\},\s*/g, "").replaceAll("{name}", "you");
}

/**
 * The list with the item at `index` swapped one place up or down, or null when it is already at
 * that end (or not there). Pure: a conference's steps, its speaking order and a template's steps
 * are all reordered with it.
 */
export function moveOnePlace<T>(list: readonly T[], index: number, direction: "up" | "down"): T[] | null {
  const to = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return null;
  const moved = [...list];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}
