import { getDb } from "~/utils/db.server";
import type { StaffRole } from "~/utils/roles";
import { seedDemoAgreement } from "~/models/agreement-demo.server";
import { seedDemoLetter } from "~/models/letter-demo.server";
import { seedDemoFeedback } from "~/models/feedback-demo.server";
import { seedDemoExchange } from "~/models/exchange-demo.server";
import { factories } from "./factories";

export const DEMO_PASSWORD = "circle-demo-2026";

const DEMO_USERS: { key: string; email: string; name: string; role: StaffRole; label: string }[] = [
  { key: "manager", email: "manager@demo.circle", name: "Morgan Reid", role: "ADMIN", label: "service manager (admin)" },
  { key: "supervisor", email: "supervisor@demo.circle", name: "Sam Okafor", role: "SUPERVISOR", label: "case supervisor" },
  { key: "lead", email: "lead@demo.circle", name: "Linda Millington", role: "FACILITATOR", label: "lead facilitator" },
  { key: "co", email: "co@demo.circle", name: "Chris Patel", role: "FACILITATOR", label: "co-facilitator" },
  { key: "other", email: "other@demo.circle", name: "Oli Hughes", role: "FACILITATOR", label: "facilitator on other cases only" },
];

const DAY = 24 * 3600 * 1000;

export async function hasAnyService(db = getDb()): Promise<boolean> {
  return (await db.service.count()) > 0;
}

/** Seeds the demo service when the database has no service at all. Returns the accounts, or null if it did nothing. */
export async function seedDemoIfEmpty(db = getDb()) {
  if ((await db.service.count()) > 0) return null;
  const make = factories(db);
  const service = await make.service("Demo Restorative Justice Service");
  await db.service.update({ where: { id: service.id }, data: { demo: true }, select: { id: true } });
  const users: Record<string, { id: string }> = {};
  for (const u of DEMO_USERS) {
    users[u.key] = await make.user({ serviceId: service.id, email: u.email, name: u.name, role: u.role, password: DEMO_PASSWORD });
  }
  const team = [
    { userId: users.lead!.id, role: "LEAD" as const },
    { userId: users.co!.id, role: "CO_FACILITATOR" as const },
    { userId: users.supervisor!.id, role: "SUPERVISOR" as const },
  ];
  const now = Date.now();
  const atTen = (days: number) => {
    const d = new Date(now + days * DAY);
    d.setUTCHours(10, 0, 0, 0);
    return d;
  };

  const busStop = await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0142",
    title: "Street robbery at a bus stop",
    offenceSummary:
      "Late on a Saturday night the person harmed was punched in the stomach at a bus stop and her phone was taken. " +
      "She was injured and later suffered serious consequences to her health and relationships. The person responsible " +
      "was detained by passers-by; he struggles with his mental health and has asked to write to her.",
    stage: "CONFERENCE_SCHEDULED",
    sensitive: true,
    members: team,
    startedAt: new Date(now - 40 * DAY),
    referral: {
      referredAt: new Date(now - 40 * DAY),
      referrerType: "POLICE",
      referrerName: "DC Amira Shah, Maidstone CID",
      referrerContact: "01632 960142",
      referrerNotes: "Their crime reference 46/1189/26. Best reached on weekday mornings.",
      offenceType: "ROBBERY",
    },
    recordedById: users.lead!.id,
  });
  await seedBusStopPreparation(make, busStop.id, users, now);
  // Two early edits, so the record's history has something to show: the earlier values are kept.
  await db.caseRecordChange.createMany({
    data: [
      {
        caseId: busStop.id,
        action: "EDITED",
        field: "title",
        before: "Robbery at a bus stop",
        after: "Street robbery at a bus stop",
        actorId: users.lead!.id,
        createdAt: new Date(now - 38 * DAY),
      },
      { caseId: busStop.id, action: "EDITED", field: "sensitive", before: "false", after: "true", actorId: users.lead!.id, createdAt: new Date(now - 16 * DAY) },
    ],
  });

  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0150",
    title: "Criminal damage to a neighbour's car",
    offenceSummary: "Two neighbours fell out over parking; one scratched the other's car. Both have asked to meet.",
    stage: "REFERRAL",
    members: team,
    startedAt: new Date(now - 3 * DAY),
    referral: {
      referredAt: new Date(now - 3 * DAY),
      referrerType: "SELF",
      offenceType: "CRIMINAL_DAMAGE",
      referrerNotes: "Both neighbours rang the service after reading the leaflet at the GP surgery.",
    },
    recordedById: users.co!.id,
  });
  const cornerShop = await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0117",
    title: "Burglary of a corner shop",
    offenceSummary: "A shop was broken into at night. The owner wants to explain the effect on her family business.",
    stage: "FOLLOW_UP",
    members: [team[0]!, team[2]!],
    startedAt: new Date(now - 90 * DAY),
    referral: {
      referredAt: new Date(now - 90 * DAY),
      referrerType: "PROBATION",
      referrerName: "Priya Nair, Kent Probation",
      referrerContact: "priya.nair@probation.example.org",
      offenceType: "BURGLARY",
    },
    recordedById: users.lead!.id,
  });
  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0098",
    title: "Assault outside a nightclub",
    offenceSummary: "A door steward was assaulted. The conference was held and the agreement completed.",
    stage: "CLOSED",
    members: [team[1]!, team[2]!],
    startedAt: new Date(now - 150 * DAY),
    referral: { referredAt: new Date(now - 150 * DAY), referrerType: "POLICE", referrerName: "PC Joe Mensah", referrerContact: "01632 960098", offenceType: "ASSAULT" },
    recordedById: users.manager!.id,
  });
  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0161",
    title: "Theft of a bicycle from a school",
    offenceSummary: "A pupil's bicycle was taken from the school racks; the young person responsible has admitted it.",
    stage: "ASSESSMENT",
    members: [
      { userId: users.other!.id, role: "LEAD" },
      { userId: users.supervisor!.id, role: "SUPERVISOR" },
    ],
    startedAt: new Date(now - 8 * DAY),
    referral: {
      referredAt: new Date(now - 8 * DAY),
      referrerType: "YOUTH_OFFENDING_TEAM",
      referrerName: "Tom Briggs, Maidstone youth offending team",
      referrerContact: "01632 960161",
      offenceType: "THEFT",
      youth: true,
    },
    recordedById: users.other!.id,
  });
  const harassment = await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0163",
    title: "Harassment on a housing estate",
    offenceSummary: "Repeated verbal abuse of an older resident by a group of teenagers.",
    stage: "CONFERENCE_SCHEDULED",
    members: [{ userId: users.other!.id, role: "LEAD" }],
    startedAt: new Date(now - 30 * DAY),
    referral: {
      referredAt: new Date(now - 30 * DAY),
      referrerType: "POLICE",
      referrerName: "PCSO Dean Foster",
      referrerContact: "dean.foster@police.example.org",
      offenceType: "HARASSMENT",
      youth: true,
    },
    recordedById: users.manager!.id,
  });

  await make.conference({ caseId: harassment.id, scheduledAt: atTen(5), venue: "Town Hall, meeting room B" });

  // Two cases just handed over for preparation with nobody recorded yet: the end-to-end tests of
  // preparation (one per tablet orientation) start from these.
  for (const [reference, title, summary, referral] of [
    [
      "RJ-2026-0172",
      "Theft from a charity shop",
      "A volunteer's handbag was taken from the back room of a charity shop.",
      { referrerType: "VICTIM_SERVICES", referrerName: "Helen Carr, Victim Support", referrerContact: "01632 960172", offenceType: "THEFT" },
    ],
    [
      "RJ-2026-0174",
      "Threats made online",
      "A student received threatening messages from a former classmate.",
      {
        referrerType: "YOUTH_OFFENDING_TEAM",
        referrerName: "Tom Briggs, Maidstone youth offending team",
        referrerContact: "01632 960161",
        offenceType: "OTHER",
        offenceOther: "Malicious communications",
        youth: true,
      },
    ],
  ] as const) {
    await make.case({
      serviceId: service.id,
      reference,
      title,
      offenceSummary: summary,
      stage: "PREPARATION",
      members: team,
      startedAt: new Date(now - 20 * DAY),
      referral: { ...referral, referredAt: new Date(now - 20 * DAY) },
      recordedById: users.lead!.id,
    });
  }

  // A youth case: a 15-year-old responsible, his mother as his guardian, his youth justice worker.
  const youthClub = await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0180",
    title: "Damage at a youth club",
    offenceSummary: "A 15-year-old broke a window and sprayed graffiti inside the youth club he attends. The club's manager wants him to see what it cost the other young people.",
    stage: "PREPARATION",
    members: team,
    startedAt: new Date(now - 25 * DAY),
    referral: {
      referredAt: new Date(now - 25 * DAY),
      referrerType: "YOUTH_OFFENDING_TEAM",
      referrerName: "Tom Briggs, Maidstone youth offending team",
      referrerContact: "01632 960161",
      offenceType: "CRIMINAL_DAMAGE",
      youth: true,
    },
  });
  await seedYouthClubPreparation(make, youthClub.id, users, now);

  // A referral nobody leads yet, received nine days ago with nobody harmed recorded: on the
  // manager's overview as unassigned and past its Victims' Code deadline.
  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0176",
    title: "Damage to allotment sheds",
    offenceSummary: "Three sheds on a community allotment were broken into and damaged. Two young people were identified and have admitted it.",
    stage: "REFERRAL",
    startedAt: new Date(now - 9 * DAY),
    referral: {
      referredAt: new Date(now - 9 * DAY),
      referrerType: "POLICE",
      referrerName: "PC Joe Mensah",
      referrerContact: "01632 960098",
      offenceType: "CRIMINAL_DAMAGE",
      youth: true,
    },
    recordedById: users.manager!.id,
  });

  // Closed in 2019, so past the default 6 years: the manager's retention page lists it as due for
  // review once the retention job has run (at start, then hourly).
  const shed = await make.case({
    serviceId: service.id,
    reference: "RJ-2019-0031",
    title: "Theft from a garden shed",
    offenceSummary: "Tools were taken from a neighbour's shed. The two met, the tools were returned and the case was completed.",
    stage: "CLOSED",
    startedAt: new Date("2019-01-07T10:00:00Z"),
    referral: { referredAt: new Date("2019-01-07T10:00:00Z"), referrerType: "POLICE", referrerName: "PC Joe Mensah", referrerContact: "01632 960098", offenceType: "THEFT" },
    recordedById: users.manager!.id,
  });
  await db.case.update({ where: { id: shed.id }, data: { closureReason: "COMPLETED", completedBy: "CONFERENCE", closureNote: "" }, select: { id: true } });

  // Daniel's letter to Jess and the corner shop's agreement being monitored.
  await seedDemoLetter(db, { serviceId: service.id, caseId: busStop.id, createdById: users.lead!.id }, DEMO_PASSWORD);
  await seedDemoAgreement(db, { caseId: cornerShop.id, leadId: users.lead!.id, supervisorId: users.supervisor!.id });
  await seedDemoFeedback(db, { caseId: cornerShop.id, leadId: users.lead!.id });
  await seedDemoExchange(db, { caseId: cornerShop.id, leadId: users.lead!.id, serviceId: service.id }, DEMO_PASSWORD);
  // The corner shop reached follow-up, so its owner was offered information in time (the gates
  // ask for it before assessment); without this the overview would show a Victims' Code breach.
  await db.participant.updateMany({
    where: { caseId: cornerShop.id, role: "PERSON_HARMED", infoOfferedAt: null },
    data: { infoOfferedAt: new Date(now - 88 * DAY), infoOfferedById: users.lead!.id },
  });
  return [
    ...DEMO_USERS.map((u) => ({ email: u.email, label: u.label })),
    { email: "daniel", label: "letter author (a username): drafting a letter to Jess" },
    { email: "amira", label: "a party writing her own messages (a username): the corner shop's owner, writing to Tyler" },
  ];
}

/**
 * The bus-stop case, prepared as the practice guidance asks: both people met at home or the office,
 * consent recorded element by element, a sensitive risk assessment approved by the supervisor, and
 * the conference booked on neutral ground.
 */
async function seedBusStopPreparation(make: ReturnType<typeof factories>, caseId: string, users: Record<string, { id: string }>, now: number) {
  const lead = users.lead!.id;
  const co = users.co!.id;
  const referredAt = new Date(now - 40 * DAY);
  await getDb().case.update({ where: { id: caseId }, data: { referredAt } });
  const jessica = await make.participant({
    caseId,
    role: "PERSON_HARMED",
    name: "Jessica Barnes",
    preferredName: "Jess",
    pronouns: "she/her",
    relationship: "Was punched and robbed at the bus stop",
    phone: "07700 900142",
    email: "jess.barnes@example.org",
    address: "14 Orchard Row, Maidstone",
    contactFrequency: "WEEKLY",
    enhancedRights: true,
    infoOfferedAt: new Date(referredAt.getTime() + DAY),
    infoOfferedById: lead,
    hopes: "To tell him what that night did to her, and to hear him take responsibility without excuses.",
  });
  await make.participant({
    caseId,
    role: "SUPPORTER",
    name: "Carol Barnes",
    pronouns: "she/her",
    relationship: "Jessica's mother",
    phone: "07700 900143",
    supportsId: jessica.id,
    contactFrequency: "WHEN_NEEDED",
  });
  const daniel = await make.participant({
    caseId,
    role: "PERSON_RESPONSIBLE",
    name: "Daniel Price",
    preferredName: "Dan",
    pronouns: "he/him",
    relationship: "Took her phone after hitting her",
    phone: "07700 900150",
    address: "Flat 3, 22 Mill Street, Maidstone",
    contactFrequency: "FORTNIGHTLY",
    hopes: "To apologise in person and explain what he is doing about his mental health.",
  });
  await make.participant({
    caseId,
    role: "SUPPORTER",
    name: "Ray Price",
    pronouns: "he/him",
    relationship: "Daniel's uncle",
    supportsId: daniel.id,
    contactFrequency: "NONE",
  });
  const agreed = new Date(now - 18 * DAY);
  for (const participantId of [jessica.id, daniel.id]) {
    for (const element of ["TAKE_PART", "MEET_FACE_TO_FACE", "LETTER", "TOLD_OF_OUTCOME"] as const) {
      await make.consent({ caseId, participantId, element, recordedById: lead, givenAt: agreed });
    }
  }
  await getDb().preparationContact.createMany({
    data: [
      {
        caseId,
        participantId: jessica.id,
        kind: "VISIT",
        occurredAt: new Date(now - 20 * DAY),
        place: "HOME",
        attendees: "Jess, her mother",
        coWorkerId: co,
        outcome: "Talked through what a conference is like; she wants to meet him.",
        recordedById: lead,
      },
      {
        caseId,
        participantId: daniel.id,
        kind: "VISIT",
        occurredAt: new Date(now - 18 * DAY),
        place: "OFFICE",
        attendees: "Dan",
        coWorkerId: co,
        outcome: "Prepared his account; agreed ground rules.",
        recordedById: lead,
      },
      {
        caseId,
        participantId: daniel.id,
        kind: "CALL",
        occurredAt: new Date(now - 5 * DAY),
        place: "PHONE",
        status: "NO_SHOW",
        statusReason: "Did not answer; text sent.",
        recordedById: co,
      },
    ],
  });
  const assessment = await make.riskAssessment({
    caseId,
    stage: "PREPARATION",
    assessedById: lead,
    recommendation: "PROCEED_WITH_MEASURES",
    overall: "MEDIUM",
    sensitive: true,
    harmedNearDoor: true,
    safetyMeasures: "Separate waiting rooms and arrival times; Jess sits nearest the door; a break room is available.",
    // Daniel has asked to write to Jess, so the questions for indirect work are answered too.
    messagesRisk: "Low if moderated: read every message before it is passed on, so nothing excuses the harm or asks anything of Jess.",
    doNotPassOn: "Jess's new address and where she now works.",
    createdAt: new Date(now - 16 * DAY),
  });
  await make.approval({ caseId, riskAssessmentId: assessment.id, supervisorId: users.supervisor!.id, comments: "Measures are proportionate. Approved." });
  const at = new Date(now + 12 * DAY);
  at.setUTCHours(10, 0, 0, 0);
  const conference = await make.conference({ caseId, scheduledAt: at, venue: "Riverside Community Centre", room: "Room 2", leadId: lead, coFacilitatorId: co });
  await getDb().conferenceAttendee.createMany({
    data: (await getDb().participant.findMany({ where: { caseId }, select: { id: true } })).map((p) => ({ conferenceId: conference.id, participantId: p.id })),
  });
}

/** A date of birth `years` years and `days` days before `now`, as "YYYY-MM-DD". */
function bornBefore(now: number, years: number, days: number) {
  const d = new Date(now - days * DAY);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/**
 * The youth club case, in preparation: Kyle (15) and his mother Michelle have both agreed to him
 * taking part; he has agreed to meet the club's manager, but his mother is still deciding, so the
 * gate names her. No conference is booked. The end-to-end youth test copies the person harmed,
 * her consent and the assessment from here (tests/e2e/youth-fixtures.ts).
 */
async function seedYouthClubPreparation(make: ReturnType<typeof factories>, caseId: string, users: Record<string, { id: string }>, now: number) {
  const lead = users.lead!.id;
  const referredAt = new Date(now - 25 * DAY);
  await getDb().case.update({ where: { id: caseId }, data: { referredAt } });
  const denise = await make.participant({
    caseId,
    role: "PERSON_HARMED",
    name: "Denise Clarke",
    pronouns: "she/her",
    addressAs: "Denise",
    relationship: "Manages the youth club",
    phone: "07700 900180",
    dateOfBirth: "1979-04-22",
    infoOfferedAt: new Date(referredAt.getTime() + 2 * DAY),
    infoOfferedById: lead,
    hopes: "To explain what the damage meant for the other young people at the club.",
  });
  const kyle = await make.participant({
    caseId,
    role: "PERSON_RESPONSIBLE",
    name: "Kyle Bennett",
    pronouns: "he/him",
    relationship: "Broke the window and sprayed the walls",
    address: "7 Castle View, Rochester",
    dateOfBirth: bornBefore(now, 15, 120),
    accessNeeds: ["READING_SUPPORT", "MENTAL_HEALTH"],
    accessNotes: "Anxious in new places: show him the venue beforehand and read papers aloud with him.",
    contactFrequency: "WEEKLY",
    hopes: "To say sorry and help put the club right.",
  });
  const michelle = await make.participant({
    caseId,
    role: "SUPPORTER",
    name: "Michelle Bennett",
    pronouns: "she/her",
    relationship: "Kyle's mother",
    phone: "07700 900181",
    supportsId: kyle.id,
    dateOfBirth: "1984-09-03",
  });
  await make.guardian({ guardianId: michelle.id, childId: kyle.id });
  await make.participant({
    caseId,
    role: "PROFESSIONAL",
    name: "Priya Shah",
    pronouns: "she/her",
    professionalType: "SOCIAL_WORKER",
    organisation: "Medway Youth Justice Service",
    supportsId: kyle.id,
    contactFrequency: "WHEN_NEEDED",
  });
  const agreed = new Date(now - 10 * DAY);
  for (const participantId of [denise.id, kyle.id]) {
    for (const element of ["TAKE_PART", "MEET_FACE_TO_FACE"] as const) {
      await make.consent({ caseId, participantId, element, recordedById: lead, givenAt: agreed });
    }
  }
  await make.consent({ caseId, participantId: kyle.id, guardianId: michelle.id, element: "TAKE_PART", recordedById: lead, givenAt: agreed });
  await make.consent({ caseId, participantId: kyle.id, guardianId: michelle.id, element: "MEET_FACE_TO_FACE", answer: "UNDECIDED", recordedById: lead, givenAt: agreed });
  await make.riskAssessment({ caseId, stage: "PREPARATION", assessedById: lead, recommendation: "PROCEED", createdAt: new Date(now - 8 * DAY) });
}
