import { getDb } from "~/utils/db.server";
import type { StaffRole } from "~/utils/roles";
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

/** Seeds the demo service when the database has no service at all. Returns the accounts, or null if it did nothing. */
export async function seedDemoIfEmpty(db = getDb()) {
  if ((await db.service.count()) > 0) return null;
  const make = factories(db);
  const service = await make.service("Demo Restorative Justice Service");
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
    stage: "PREPARATION",
    sensitive: true,
    members: team,
    startedAt: new Date(now - 40 * DAY),
  });
  await make.conference({ caseId: busStop.id, scheduledAt: atTen(12), venue: "Riverside Community Centre, room 2" });

  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0150",
    title: "Criminal damage to a neighbour's car",
    offenceSummary: "Two neighbours fell out over parking; one scratched the other's car. Both have asked to meet.",
    stage: "REFERRAL",
    members: team,
    startedAt: new Date(now - 3 * DAY),
  });
  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0117",
    title: "Burglary of a corner shop",
    offenceSummary: "A shop was broken into at night. The owner wants to explain the effect on her family business.",
    stage: "FOLLOW_UP",
    members: [team[0]!, team[2]!],
    startedAt: new Date(now - 90 * DAY),
  });
  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0098",
    title: "Assault outside a nightclub",
    offenceSummary: "A door steward was assaulted. The conference was held and the agreement completed.",
    stage: "CLOSED",
    members: [team[1]!, team[2]!],
    startedAt: new Date(now - 150 * DAY),
  });
  await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0161",
    title: "Theft of a bicycle from a school",
    offenceSummary: "A pupil's bicycle was taken from the school racks; the young person responsible has admitted it.",
    stage: "ASSESSMENT",
    members: [{ userId: users.other!.id, role: "LEAD" }, { userId: users.supervisor!.id, role: "SUPERVISOR" }],
    startedAt: new Date(now - 8 * DAY),
  });
  const harassment = await make.case({
    serviceId: service.id,
    reference: "RJ-2026-0163",
    title: "Harassment on a housing estate",
    offenceSummary: "Repeated verbal abuse of an older resident by a group of teenagers.",
    stage: "CONFERENCE_SCHEDULED",
    members: [{ userId: users.other!.id, role: "LEAD" }],
    startedAt: new Date(now - 30 * DAY),
  });

  await make.conference({ caseId: harassment.id, scheduledAt: atTen(5), venue: "Town Hall, meeting room B" });

  return DEMO_USERS.map((u) => ({ email: u.email, label: u.label }));
}
