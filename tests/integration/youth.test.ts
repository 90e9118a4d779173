import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { toZonedInput } from "~/utils/format";
import { londonDay } from "~/utils/age";
import { factories } from "../../prisma/factories";
import { bookingForm } from "../support/booking";
import { TestClient } from "../support/http";
import { auditCount, makeCase, pageText } from "../support/preparation-cases";
import { signInDemoStaff, useDemoServer } from "../support/server";

/**
 * Youth cases end to end through the real server: dates of birth and age bands, parents and
 * guardians linked to a child, professionals, and the booking gate that needs a guardian's yes
 * beside a young person's own.
 */
type Answer = { status: number; body: { ok: boolean; id?: string; done?: string; errors?: Record<string, string>; reasons?: string[] } };
type Made = Awaited<ReturnType<typeof makeCase>>;

const DAY = 864e5;
/** A date of birth `years` years (and `days` days) ago, as a date input sends it. */
const bornYearsAgo = (years: number, days = 30) => {
  const d = new Date(Date.now() - days * DAY);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return londonDay(d);
};

const person = (over: Record<string, string> = {}) => ({
  intent: "add",
  role: "SUPPORTER",
  name: "Karen Ortiz",
  contactMethod: "PHONE",
  contactFrequency: "FORTNIGHTLY",
  ...over,
});
/** The person responsible's own details (makeCase's Ben Ortiz) as the edit form posts them. */
const editBen = (c: Made, over: Record<string, string> = {}) => ({
  intent: "edit",
  participantId: c.responsible,
  role: "PERSON_RESPONSIBLE",
  name: "Ben Ortiz",
  contactMethod: "PHONE",
  contactFrequency: "FORTNIGHTLY",
  ...over,
});
// No end time and no room: the booking form asks only for the start and the venue.
const schedule = (c: Made) => bookingForm(c, { endsAt: "", room: "" });
const consent = (childId: string, over: Record<string, string> = {}) => ({
  intent: "record",
  participantId: childId,
  element: "TAKE_PART",
  answer: "YES",
  method: "IN_PERSON",
  givenAt: toZonedInput(new Date()),
  ...over,
});

describe("youth cases: ages, guardians, professionals and the guardian's consent", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let co: TestClient;
  let supervisor: TestClient;
  let other: TestClient;

  beforeAll(async () => {
    ({ lead, co, supervisor, other } = await signInDemoStaff(server().origin));
  });

  const send = async (client: TestClient, path: string, body: Record<string, string> | URLSearchParams): Promise<Answer> => {
    const res = await client.request(path, { method: "POST", body: body instanceof URLSearchParams ? body : new URLSearchParams(body) });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      throw new Error(`${res.status}: ${text.slice(0, 300)}`);
    }
  };
  const participants = (c: Made, fields: Record<string, string> | [string, string][]) => send(lead, `/cases/${c.caseId}/participants`, new URLSearchParams(fields));
  const book = (c: Made, client = lead) => send(client, `/cases/${c.caseId}/conferences`, schedule(c));
  const row = (id: string) => getDb().participant.findUniqueOrThrow({ where: { id } });

  /** A case ready to book but for the age of Ben (person responsible), who becomes 15; Karen, his mother, is added as his guardian. */
  async function youthCase() {
    const c = await makeCase({ recommendation: "PROCEED" });
    const edited = await participants(c, editBen(c, { dateOfBirth: bornYearsAgo(15) }));
    expect(edited.status).toBe(200);
    const mum = await participants(c, [...Object.entries(person({ supportsId: c.responsible, dateOfBirth: "1985-02-11" })), ["guardianOf", c.responsible]]);
    expect(mum.status).toBe(200);
    return { c, mumId: mum.body.id! };
  }

  describe("date of birth and age band", () => {
    it("stores a date of birth, shows the age on the card, and clears a band that only repeated it", async () => {
      const c = await makeCase();
      const dob = bornYearsAgo(15);
      const res = await participants(c, editBen(c, { dateOfBirth: dob, ageBand: "14_15" }));
      expect(res.status).toBe(200);
      expect(await row(c.responsible)).toMatchObject({ dateOfBirth: dob, ageBand: null });
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toMatch(/<dt>Age<\/dt><dd>15 \(born \d{1,2} \w{3,4} \d{4}\)<\/dd>/);
      expect(page).toContain(`class="badge child">Under 18<`);
      expect(await auditCount(c.caseId, "participant.update")).toBe(1);
    });

    it("stores an age band when the date is not known, and a child by band is under 18 on the card", async () => {
      const c = await makeCase();
      expect((await participants(c, editBen(c, { ageBand: "16_17" }))).status).toBe(200);
      expect(await row(c.responsible)).toMatchObject({ dateOfBirth: null, ageBand: "16_17" });
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toContain("16 or 17 (age band; date of birth not known)");
      expect(page).toContain(`class="badge child">Under 18<`);
    });

    it("flags a person harmed or responsible whose age is not recorded, without refusing the booking", async () => {
      const c = await makeCase({ recommendation: "PROCEED" });
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toContain("Date of birth needed");
      expect(page).toContain("Check before booking:");
      expect(page).toContain(
        "Record Ben Ortiz (person responsible)'s date of birth, or an age band: without it Circle cannot tell whether a parent or guardian must also consent.",
      );
      expect(page).toContain("Yes: consent, risk assessment and approval are in place.");
    });

    describe("bad input answers 400 with the message and changes nothing", () => {
      let c: Made;
      beforeAll(async () => {
        c = await makeCase();
      });
      it.each([
        ["a date of birth in the future", () => ({ dateOfBirth: "2099-01-01" }), "dateOfBirth", "A date of birth cannot be in the future"],
        ["a date that does not exist", () => ({ dateOfBirth: "2011-02-30" }), "dateOfBirth", "Enter a real date of birth like 2011-03-14"],
        ["an implausible year", () => ({ dateOfBirth: "1801-05-05" }), "dateOfBirth", "That would make them over 110: check the year"],
        [
          "a person responsible under 10",
          () => ({ dateOfBirth: bornYearsAgo(8) }),
          "dateOfBirth",
          "A person responsible is at least 10, the age of criminal responsibility: check the date of birth",
        ],
        [
          "a person responsible in the under-10 band",
          () => ({ ageBand: "UNDER_10" }),
          "ageBand",
          "A person responsible is at least 10, the age of criminal responsibility: check the age band",
        ],
        ["an unknown band", () => ({ ageBand: "TWEEN" }), "ageBand", "Choose an age band from the list"],
        [
          "a band that contradicts the date",
          () => ({ dateOfBirth: bornYearsAgo(15), ageBand: "25_PLUS" }),
          "ageBand",
          "That age band (25 or over) does not match the date of birth (15 today): leave the age band empty",
        ],
      ])("%s", async (_label, fields, field, message) => {
        const before = await row(c.responsible);
        const res = await participants(c, editBen(c, fields()));
        expect(res.status).toBe(400);
        expect(res.body.errors?.[field]).toBe(message);
        expect(await row(c.responsible)).toEqual(before);
      });
    });
  });

  describe("linking a parent or guardian", () => {
    it("links a mother to her son, shows the link both ways and audits it with ids only", async () => {
      const { c, mumId } = await youthCase();
      expect(await getDb().participantGuardian.findMany({ where: { childId: c.responsible }, select: { guardianId: true } })).toEqual([{ guardianId: mumId }]);
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toMatch(/Parent or guardian of<\/dt><dd>Ben Ortiz</);
      expect(page).toMatch(/<dt>Parent or guardian<\/dt><dd>Karen Ortiz</);
      const created = await getDb().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "participant.create", target: `participant:${mumId}` } });
      expect(JSON.parse(created.details)).toMatchObject({ role: "SUPPORTER", guardianOf: [c.responsible] });
      expect(created.details).not.toContain("Karen");
      expect(created.details).not.toContain("1985");
    });

    it("unticking the child on an edit removes the link", async () => {
      const { c, mumId } = await youthCase();
      const res = await participants(c, { ...person({ intent: "edit", participantId: mumId, supportsId: c.responsible }) });
      expect(res.status).toBe(200);
      expect(await getDb().participantGuardian.count({ where: { guardianId: mumId } })).toBe(0);
    });

    describe("refuses a link that is not to an active person of this case, and links nothing", () => {
      let f: Awaited<ReturnType<typeof youthCase>>;
      let elsewhere = "";
      let removedId = "";
      beforeAll(async () => {
        f = await youthCase();
        elsewhere = (await makeCase()).responsible;
        removedId = (await factories(getDb()).participant({ caseId: f.c.caseId, role: "COMMUNITY_MEMBER", name: "Gone Person" })).id;
        await getDb().participant.update({ where: { id: removedId }, data: { removedAt: new Date() } });
      });
      it.each([
        ["a child on another case", () => [["guardianOf", elsewhere]], "Choose the young people they are a parent or guardian of from this case"],
        ["a removed participant", () => [["guardianOf", removedId]], "Choose the young people they are a parent or guardian of from this case"],
        ["an id that does not exist", () => [["guardianOf", "cmbx3k9qv0000abcdefghijkl"]], "Choose the young people they are a parent or guardian of from this case"],
        ["a malformed id", () => [["guardianOf", "Ben"]], "Not a valid id"],
        [
          "themselves",
          () => [
            ["intent", "edit"],
            ["participantId", f.mumId],
            ["guardianOf", f.mumId],
          ],
          "Someone cannot be their own parent or guardian",
        ],
        [
          "their own guardian (the child made guardian of the mother)",
          () => [...Object.entries(editBen(f.c)), ["guardianOf", f.mumId]],
          "Karen Ortiz is recorded as this person's parent or guardian, so this person cannot be theirs",
        ],
      ] as const)("%s", async (_label, extra, message) => {
        const links = await getDb().participantGuardian.findMany({ orderBy: [{ guardianId: "asc" }, { childId: "asc" }] });
        const count = await getDb().participant.count({ where: { caseId: f.c.caseId } });
        const fields = new Map<string, string[]>([["intent", ["add"]]]);
        for (const [k, v] of Object.entries(person({ name: "Uncle Tom", role: "COMMUNITY_MEMBER" }))) fields.set(k, [v]);
        for (const pair of extra()) {
          const [k = "", v = ""] = pair;
          fields.set(k, k === "guardianOf" ? [...(fields.get(k) ?? []), v] : [v]);
        }
        const body: [string, string][] = [...fields].flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]));
        const res = await participants(f.c, body);
        expect(res.status).toBe(400);
        expect(res.body.errors?.guardianOf).toBe(message);
        expect(await getDb().participantGuardian.findMany({ orderBy: [{ guardianId: "asc" }, { childId: "asc" }] })).toEqual(links);
        expect(await getDb().participant.count({ where: { caseId: f.c.caseId } })).toBe(count);
      });
    });
  });

  describe("booking a conference for a young person", () => {
    it("is refused until the guardian agrees, naming her, and allowed once she has; every step is audited", async () => {
      const c = await makeCase({ recommendation: "PROCEED" });
      expect((await participants(c, editBen(c, { dateOfBirth: bornYearsAgo(15) }))).status).toBe(200);

      // No guardian linked yet.
      const noGuardian = await book(c);
      expect(noGuardian.status).toBe(400);
      expect(noGuardian.body.reasons).toEqual([
        "Ben Ortiz (person responsible) is under 18: link a parent or guardian to them and record that person's consent to take part at all.",
        "Ben Ortiz (person responsible) is under 18: link a parent or guardian to them and record that person's consent to meet face to face.",
      ]);

      const mum = await participants(c, [...Object.entries(person({ supportsId: c.responsible })), ["guardianOf", c.responsible]]);
      const mumId = mum.body.id!;
      // Her own consent to take part (as his supporter) is not consent for him.
      expect((await send(lead, `/cases/${c.caseId}/consent`, consent(mumId))).status).toBe(200);
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toContain("Ben Ortiz (person responsible) is under 18, so a parent or guardian must also agree to take part at all (Karen Ortiz has not yet agreed).");

      // Her answer for him, recorded from his panel: yes to taking part only.
      const forBen = await send(co, `/cases/${c.caseId}/consent`, consent(c.responsible, { guardianId: mumId }));
      expect(forBen).toMatchObject({ status: 200, body: { done: "Recorded for Ben Ortiz, answered by Karen Ortiz (parent or guardian): take part at all — Yes." } });
      const entry = await getDb().consentEntry.findUniqueOrThrow({ where: { id: forBen.body.id! } });
      expect(entry).toMatchObject({ participantId: c.responsible, guardianId: mumId, element: "TAKE_PART", answer: "YES" });
      const audited = await getDb().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "consent.record", target: `consent:${entry.id}` } });
      expect(JSON.parse(audited.details)).toMatchObject({ participantId: c.responsible, guardianId: mumId, element: "TAKE_PART", answer: "YES" });

      const refused = await book(c);
      expect(refused.status).toBe(400);
      expect(refused.body.reasons).toEqual([
        "Ben Ortiz (person responsible) is under 18, so a parent or guardian must also agree to meet face to face (Karen Ortiz has not yet agreed).",
      ]);
      expect(await getDb().conference.count({ where: { caseId: c.caseId } })).toBe(0);

      expect((await send(lead, `/cases/${c.caseId}/consent`, consent(c.responsible, { guardianId: mumId, element: "MEET_FACE_TO_FACE" }))).status).toBe(200);
      const booked = await book(c);
      expect(booked.status).toBe(200);
      expect(await getDb().conference.count({ where: { caseId: c.caseId, status: "SCHEDULED" } })).toBe(1);
      expect(await auditCount(c.caseId, "conference.schedule")).toBe(1);
      expect(await auditCount(c.caseId, "consent.record")).toBe(3);

      // The panel shows both answers side by side.
      const after = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(after).toContain('Karen Ortiz <span class="hint">(parent or guardian)</span>');
      expect(after).toContain("Answered by Karen Ortiz (parent or guardian)");
    });

    it("the guardian's withdrawal asks first, then puts the booking on hold and returns the case to preparation", async () => {
      const { c, mumId } = await youthCase();
      for (const element of ["TAKE_PART", "MEET_FACE_TO_FACE"]) {
        expect((await send(lead, `/cases/${c.caseId}/consent`, consent(c.responsible, { guardianId: mumId, element }))).status).toBe(200);
      }
      expect((await book(c)).status).toBe(200);
      const withdrawal = { intent: "withdraw", participantId: c.responsible, guardianId: mumId, element: "MEET_FACE_TO_FACE" };
      const asked = await send(lead, `/cases/${c.caseId}/consent`, withdrawal);
      expect(asked.status).toBe(409);
      const preview = (asked.body as unknown as { confirm: { question: string; holds: boolean; guardianId: string; token: string } }).confirm;
      expect(preview).toMatchObject({ question: "Withdraw Karen Ortiz's consent to meet face to face, given for Ben Ortiz?", holds: true, guardianId: mumId });
      expect((await getDb().conference.findFirstOrThrow({ where: { caseId: c.caseId } })).status).toBe("SCHEDULED");
      const res = await send(lead, `/cases/${c.caseId}/consent`, { ...withdrawal, confirm: preview.token });
      expect(res.status).toBe(200);
      expect(res.body.done).toContain("Recorded for Ben Ortiz, answered by Karen Ortiz (parent or guardian): meet face to face — Withdrawn.");
      expect(res.body.done).toContain(
        "is on hold: Ben Ortiz (person responsible) is under 18, so a parent or guardian must also agree to meet face to face (Karen Ortiz has withdrawn consent).",
      );
      expect((await getDb().conference.findFirstOrThrow({ where: { caseId: c.caseId } })).status).toBe("ON_HOLD");
      expect((await getDb().case.findUniqueOrThrow({ where: { id: c.caseId } })).stage).toBe("PREPARATION");
      // Ben's own answer is untouched: only the guardian's yes was withdrawn.
      const bens = await getDb().consentEntry.findMany({ where: { participantId: c.responsible, element: "MEET_FACE_TO_FACE", guardianId: null } });
      expect(bens.map((e) => e.answer)).toEqual(["YES"]);
      expect(await auditCount(c.caseId, "consent.withdraw")).toBe(1);
    });

    it("removing the guardian from the case also puts the booking on hold", async () => {
      const { c, mumId } = await youthCase();
      for (const element of ["TAKE_PART", "MEET_FACE_TO_FACE"]) await send(lead, `/cases/${c.caseId}/consent`, consent(c.responsible, { guardianId: mumId, element }));
      expect((await book(c)).status).toBe(200);
      const res = await participants(c, { intent: "remove", participantId: mumId });
      expect(res.status).toBe(200);
      expect(res.body.done).toContain("is on hold: Ben Ortiz (person responsible) is under 18: link a parent or guardian");
      expect((await getDb().conference.findFirstOrThrow({ where: { caseId: c.caseId } })).status).toBe("ON_HOLD");
    });

    describe("a guardian's answer must come from a linked guardian on the case", () => {
      it.each([
        ["someone not linked to the child", async (c: Made) => c.supporter],
        [
          "the child's guardian once removed from the case",
          async (c: Made, mumId: string) => {
            await getDb().participant.update({ where: { id: mumId }, data: { removedAt: new Date() } });
            return mumId;
          },
        ],
        ["an unknown person", async () => "cmbx3k9qv0000abcdefghijkl"],
      ] as const)("refuses %s and records nothing", async (_label, guardian) => {
        const { c, mumId } = await youthCase();
        const guardianId = await guardian(c, mumId);
        const before = await getDb().consentEntry.count({ where: { caseId: c.caseId } });
        const res = await send(lead, `/cases/${c.caseId}/consent`, consent(c.responsible, { guardianId }));
        expect(res.status).toBe(400);
        expect(res.body.errors?.guardianId).toBe("Choose a parent or guardian of Ben Ortiz who is on this case");
        expect(await getDb().consentEntry.count({ where: { caseId: c.caseId } })).toBe(before);
      });
    });

    it.each([
      ["the case supervisor", () => supervisor],
      ["a facilitator of another case", () => other],
    ])("%s gets 404 when recording a guardian's answer, and nothing is recorded", async (_who, client) => {
      const { c, mumId } = await youthCase();
      const before = await getDb().consentEntry.count({ where: { caseId: c.caseId } });
      const res = await client().post(`/cases/${c.caseId}/consent`, consent(c.responsible, { guardianId: mumId }));
      expect(res.status).toBe(404);
      await res.body?.cancel();
      expect(await getDb().consentEntry.count({ where: { caseId: c.caseId } })).toBe(before);
    });
  });

  describe("professionals and the new access needs", () => {
    it("adds a social worker linked to the young person they support, with their agency", async () => {
      const c = await makeCase();
      const res = await participants(
        c,
        person({ role: "PROFESSIONAL", name: "Priya Shah", professionalType: "SOCIAL_WORKER", organisation: "Medway Youth Justice Service", supportsId: c.responsible }),
      );
      expect(res.status).toBe(200);
      expect(await row(res.body.id!)).toMatchObject({
        role: "PROFESSIONAL",
        professionalType: "SOCIAL_WORKER",
        organisation: "Medway Youth Justice Service",
        supportsId: c.responsible,
      });
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toMatch(/<dt>Profession<\/dt><dd>Social worker, Medway Youth Justice Service<\/dd>/);
      expect(page).toMatch(/Supported by<\/dt><dd>Priya Shah/);
      expect(JSON.parse((await getDb().auditEvent.findFirstOrThrow({ where: { caseId: c.caseId, action: "participant.create" } })).details)).toMatchObject({
        role: "PROFESSIONAL",
      });
    });

    it("a professional without a link is fine; one without a profession or agency, or supporting another professional, is refused", async () => {
      const c = await makeCase();
      const pc = await participants(c, person({ role: "PROFESSIONAL", name: "PC Jo Adams", professionalType: "POLICE_OFFICER", organisation: "Kent Police" }));
      expect(pc.status).toBe(200);
      expect(await row(pc.body.id!)).toMatchObject({ supportsId: null });
      const bare = await participants(c, person({ role: "PROFESSIONAL", name: "Someone" }));
      expect(bare).toMatchObject({
        status: 400,
        body: { errors: { professionalType: "Choose what kind of professional they are", organisation: "Enter their agency or organisation" } },
      });
      const chain = await participants(c, person({ role: "PROFESSIONAL", name: "Another", professionalType: "TEACHER", organisation: "School", supportsId: pc.body.id! }));
      expect(chain).toMatchObject({ status: 400, body: { errors: { supportsId: "Choose the person they support, not a professional" } } });
      // Profession and agency are kept only for professionals.
      const sup = await participants(c, person({ name: "Aunt May", professionalType: "TEACHER", organisation: "School", supportsId: c.harmed }));
      expect(await row(sup.body.id!)).toMatchObject({ professionalType: null, organisation: "" });
    });

    it("stores mental health and learning disability needs with notes, and shows them as badges", async () => {
      const c = await makeCase();
      const res = await participants(c, [
        ...Object.entries(editBen(c, { accessNotes: "Easy-read papers; breaks every 20 minutes" })),
        ["accessNeeds", "MENTAL_HEALTH"],
        ["accessNeeds", "LEARNING_DISABILITY"],
      ]);
      expect(res.status).toBe(200);
      expect(JSON.parse((await row(c.responsible)).accessNeeds)).toEqual(["MENTAL_HEALTH", "LEARNING_DISABILITY"]);
      const page = await pageText(await lead.get(`/cases/${c.caseId}`));
      expect(page).toMatch(/class="badge access">Mental health</);
      expect(page).toMatch(/class="badge access">Learning disability</);
      expect(page).toContain("Easy-read papers; breaks every 20 minutes");
    });
  });

  it("the demo youth case shows the young person, his guardian's answers beside his, and the gate naming her", async () => {
    const { id } = await getDb().case.findFirstOrThrow({ where: { reference: "RJ-2026-0180" }, select: { id: true } });
    const page = await pageText(await lead.get(`/cases/${id}`));
    expect(page).toContain("Kyle Bennett");
    expect(page).toMatch(/<dt>Age<\/dt><dd>15 \(born/);
    expect(page).toContain('Michelle Bennett <span class="hint">(parent or guardian)</span>');
    expect(page).toContain("Kyle Bennett (person responsible) is under 18, so a parent or guardian must also agree to meet face to face (Michelle Bennett has not yet agreed).");
    expect(page).toMatch(/<dt>Profession<\/dt><dd>Social worker, Medway Youth Justice Service/);
  });
});
