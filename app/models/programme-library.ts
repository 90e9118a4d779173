import type { ProgrammeModule } from "./programme-labels";

/**
 * The standard restorative intervention programme Circle ships: twelve sessions of three hours
 * with the person responsible, written for this service's practice. Each service receives its own
 * copy (app/models/standard-programme.server.ts) to adapt at /admin/programmes; a case's
 * programme copies its template's sessions in turn, so a later change reaches neither.
 */
export type LibrarySession = { title: string; module: ProgrammeModule; minutes: number; aims: string; guidance: string; exercises: string };

export const STANDARD_PROGRAMME_NAME = "Standard programme (twelve sessions)";
export const STANDARD_PROGRAMME_DESCRIPTION =
  "Twelve sessions of three hours with the person responsible: understanding the offence, its consequences and who was affected, empathy, shame and feelings, making amends, and the letter of apology last.";

const THREE_HOURS = 180;

export const STANDARD_PROGRAMME: readonly LibrarySession[] = [
  {
    title: "Starting out: why we are here",
    module: "UNDERSTANDING_THE_OFFENCE",
    minutes: THREE_HOURS,
    aims: "Agree how we will work together; hear what the person hopes for and fears; explain that taking part is voluntary and what happens with what they say.",
    guidance:
      "Go through confidentiality and its limits (risk of harm, safeguarding) plainly and check it was understood. Agree ground rules together and write them down. Keep the offence itself for the next session: today is about trust and reasons for taking part. Note anything about reading, writing or concentration that will shape later exercises.",
    exercises:
      'Ground rules we both sign. "What I hope to get out of this, and what worries me": two lists. A timeline of the last year, drawn rather than written if that suits them better.',
  },
  {
    title: "What happened, in my own words",
    module: "UNDERSTANDING_THE_OFFENCE",
    minutes: THREE_HOURS,
    aims: "The person gives a full account of the offence, from before it to after it, at their own pace.",
    guidance:
      "Listen first and ask open questions later (what happened next, what were you thinking). Do not argue with minimising; note it and come back to it in session three. Watch for distress and take breaks. Compare the account with the case file afterwards, not in front of them.",
    exercises: 'The account told aloud, then walked through as a storyboard of six to eight frames. "The day before, the moment, the day after" in three short paragraphs.',
  },
  {
    title: "Choices and turning points",
    module: "UNDERSTANDING_THE_OFFENCE",
    minutes: THREE_HOURS,
    aims: "Find the moments where a different choice was possible, and what made the harmful choice feel right or easy at the time.",
    guidance:
      'Return to the storyboard and mark the turning points. Name the thinking that justified the act ("they could afford it", "everyone does it") without shaming; ask what they would say to a friend who thought that way. Link to alcohol, drugs, peers or money where they played a part, and record any risk that comes up.',
    exercises: 'Turning points marked on the storyboard. "What I told myself" against "what was true". A choice they would make differently, and what would help them make it.',
  },
  {
    title: "The ripple: who was affected",
    module: "CONSEQUENCES",
    minutes: THREE_HOURS,
    aims: "Widen the view from the person harmed to everyone the offence reached: family, witnesses, community, their own family.",
    guidance:
      "Use the ripple map: the offence at the centre, circles outwards. Encourage them to think of people they had not considered (a shop worker, a child who saw it, neighbours). Keep the person harmed's details to what the case allows: nothing that identifies or locates them.",
    exercises: "The ripple map. For three people on it: what changed for them that day, and a week later.",
  },
  {
    title: "What it was like for the person harmed",
    module: "CONSEQUENCES",
    minutes: THREE_HOURS,
    aims: "Understand the practical, emotional and lasting effects of the offence on the person harmed.",
    guidance:
      "Use general accounts of people harmed by similar offences unless the person harmed has agreed to something of theirs being shared. Cover fear, loss of confidence, sleep, money, work and trust in strangers. Expect defensiveness; acknowledge it and stay with the harm.",
    exercises: '"A week in their life afterwards": writing or talking it through. Sorting cards of effects into practical, emotional and lasting.',
  },
  {
    title: "Seeing through their eyes",
    module: "EMPATHY",
    minutes: THREE_HOURS,
    aims: "Build empathy by imagining the offence from the person harmed's place, and connecting it to times they were harmed themselves.",
    guidance:
      "Perspective-taking can bring up their own experience of victimisation or trauma: go gently and be ready to pause and signpost support. The aim is understanding, not punishment. Note any change in how they speak about the person harmed.",
    exercises: 'The empty chair or a written account of the offence as the person harmed might tell it. "A time someone hurt me and what I needed afterwards".',
  },
  {
    title: "Hearing the harm",
    module: "EMPATHY",
    minutes: THREE_HOURS,
    aims: "Listen to the voices of people harmed (recorded or written accounts) and reflect on what they ask of those responsible.",
    guidance:
      "Choose material close to the offence type but never from this case. Give time to react; ask what struck them, what was hard to hear and what the person speaking would want from someone like them.",
    exercises: "Listening and reflection sheet: what they felt, what they learned, one question they would want to answer for the person harmed.",
  },
  {
    title: "Shame, guilt and what I do with them",
    module: "SHAME_AND_FEELINGS",
    minutes: THREE_HOURS,
    aims: 'Tell apart the shame that says "I am bad" from the guilt that says "I did something wrong", and notice how each drives what they do.',
    guidance:
      "Shame often shows as anger, withdrawal, joking or blaming others. Name these kindly when they happen in the room. The message is that they are more than the worst thing they did, and responsible for it. Watch for self-harm risk and follow the safeguarding procedure if it appears.",
    exercises: "The compass of shame (attack self, attack others, withdraw, avoid): where they go. A letter to themselves from someone who believes in them.",
  },
  {
    title: "Managing feelings under pressure",
    module: "SHAME_AND_FEELINGS",
    minutes: THREE_HOURS,
    aims: "Practise ways to notice and manage strong feelings, including those a meeting with the person harmed or a reply to their letter could bring.",
    guidance:
      "Work on body signals, breathing and stepping back. Rehearse hearing something hard said calmly and responding without excuses. Talk through what support they have after a difficult session, in prison or in the community.",
    exercises: 'Early-warning signs map. Role play: hearing "You ruined my life" and answering it. A personal plan for after a hard conversation.',
  },
  {
    title: "Making amends",
    module: "MAKING_AMENDS",
    minutes: THREE_HOURS,
    aims: "Explore what could put things right, as far as anything can, and what the person responsible can realistically offer and keep to.",
    guidance:
      "Separate what the person harmed might want (which only they can say) from what they can offer. Amends should be realistic, safe and never a condition of anything. Keep promises small enough to keep; a broken promise harms again.",
    exercises: "Ideas for amends sorted into for the person harmed, for the community and for myself. What I can offer, and how someone could check it happened.",
  },
  {
    title: "The letter: planning what to say",
    module: "THE_LETTER",
    minutes: THREE_HOURS,
    aims: "Plan a letter of apology: what they want the person harmed to know, what they take responsibility for, and what they must leave out.",
    guidance:
      "Go through what makes an apology land: naming what they did, acknowledging the harm, no excuses or blame, no requests. Agree what must not be in the letter (anything identifying, any contact request unless the person harmed asked). The letter itself is written in Circle's letter workspace, moderated like every letter.",
    exercises:
      "Plan on one page: what I did, what I now understand about the harm, what I want them to know, what I will do. Read two sample apologies and say what works and what does not.",
  },
  {
    title: "The letter: writing and looking ahead",
    module: "THE_LETTER",
    minutes: THREE_HOURS,
    aims: "Write the letter of apology, review it together, and take stock of the programme and readiness for any contact.",
    guidance:
      "Let them write; comment afterwards, through the letter's own review. Talk through what may happen next: the person harmed may read it or not, reply or not, and may or may not want to meet, and each is their choice. Close the programme with what they have learned, and record the facilitators' judgement of readiness.",
    exercises: 'The letter, drafted and reviewed. "What I have learned" in their own words. Looking ahead: support after the programme.',
  },
];
