import { beforeAll, describe, expect, it } from "vitest";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { exportFor } from "../support/subject-access-export";

/**
 * Daniel, the person responsible on the bus-stop case, asks what the service holds about him while
 * he is on an intervention programme. His export must hold the programme (sessions, attendance, the
 * review, the readiness judgements), the session notes' paragraphs that name him, his worksheet
 * with his answers and the facilitator's comment, and the sign-ins opened for him (never a password
 * or invite code hash), in the JSON and in the PDF, with Jess's name "[third party]" wherever his
 * records speak of her. Jess's own export holds the notes that name her, and none of his words.
 */
const PROGRAMME = `_data=${encodeURIComponent("routes/cases.$caseId_.programme")}`;
const WORKSHEETS = `/worksheets?_data=${encodeURIComponent("routes/worksheets")}`;
const INVITE_HASH = "e".repeat(64);

type Own = { id: string; answers: { id: string; prompt: string; answer: string }[] };

describe("a subject access export holds the person's programme, session notes, worksheets and sign-ins", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let admin: TestClient, lead: TestClient, co: TestClient, supervisor: TestClient, daniel: TestClient;
  let caseId = "",
    jess = "",
    dan = "";
  const programme = (client: TestClient, fields: Record<string, string>) => client.post(`/cases/${caseId}/programme?${PROGRAMME}`, fields);
  const ok = async (res: Promise<Response>) => expect((await res).status).toBe(200);

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    [lead, co, supervisor] = await Promise.all([clientFor(server().origin, "lead"), clientFor(server().origin, "co"), clientFor(server().origin, "supervisor")]);
    admin = await new TestClient(server().origin).signIn("manager@demo.circle", DEMO_PASSWORD);
    daniel = await new TestClient(server().origin).signIn("daniel", DEMO_PASSWORD);
    jess = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" } })).id;
    dan = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;

    // The programme, as the facilitators run it: started, one session held and reviewed, one missed, one skipped.
    const templateId = (await db().programmeTemplate.findFirstOrThrow({ where: { standard: true, service: { cases: { some: { id: caseId } } } } })).id;
    await ok(programme(lead, { intent: "start", participantId: dan, templateId }));
    const [first, second, third] = await db().programmeSession.findMany({ where: { programme: { caseId } }, orderBy: { position: "asc" }, take: 3 });
    await ok(programme(lead, { intent: "schedule", sessionId: first!.id, scheduledOn: "2026-12-01", scheduledAt: "10:00", venueKind: "PRISON", venue: "SAR-VENUE HMP Elmley" }));
    await ok(programme(lead, { intent: "schedule", sessionId: second!.id, scheduledOn: "2026-12-03", scheduledAt: "14:30", venueKind: "PROBATION_OFFICE" }));
    await ok(programme(lead, { intent: "attendance", sessionId: first!.id, status: "ATTENDED" }));
    await ok(programme(lead, { intent: "attendance", sessionId: second!.id, status: "DID_NOT_ATTEND", reason: "SAR-MISSED moved wing, no escort" }));
    await ok(programme(lead, { intent: "skip", sessionId: third!.id, reason: "SAR-SKIPPED covered at the first session" }));
    await ok(
      programme(lead, {
        intent: "review",
        sessionId: first!.id,
        engagement: "4",
        concern: "yes",
        concernText: "SAR-CONCERN asked where Jess lives now",
        contactReadiness: "GETTING_THERE",
      }),
    );
    await ok(programme(co, { intent: "judgement", kind: "NOT_READY", reasons: "SAR-NOT-READY still blames Jessica Barnes for the argument" }));
    await ok(programme(supervisor, { intent: "override", reasons: "SAR-OVERRIDE the letter may go before the programme ends" }));

    // The first session's notes: a paragraph on him, one on both of them, one on Jess alone, one on nobody.
    const peer = connectPeer(server().origin, lead.cookieHeader, `programme-session:${first!.id}:notes`);
    try {
      await waitFor(() => peer.provider.synced, 10_000, "notes synced");
      appendParagraphs(flatField(peer.doc, "covered"), ["SN-DAN Daniel talked through the night at the bus stop.", "SN-NOBODY The room was cold."]);
      appendParagraphs(flatField(peer.doc, "said"), ["SN-BOTH Dan said he wants Jess to know he is sorry."]);
      appendParagraphs(flatField(peer.doc, "next"), ["SN-JESS Jessica Barnes has asked for news of the programme."]);
      await waitFor(() => allSaved(peer), 10_000, "notes saved");
    } finally {
      peer.destroy();
    }

    // A worksheet with the sign-in he has for his letter: he answers and sends it, the lead comments.
    const set = await programme(lead, { intent: "worksheet-set", sessionId: first!.id, kind: "REFLECTION", access: "existing" });
    expect(set.status).toBe(200);
    const worksheetId = ((await set.json()) as { worksheetId: string }).worksheetId;
    const own = ((await (await daniel.get(WORKSHEETS)).json()) as { worksheets: Own[] }).worksheets.find((w) => w.id === worksheetId)!;
    const texts = ["WS-ANSWER-ONE I took Jess's phone at the bus stop.", "WS-ANSWER-TWO my mum, and me.", ""];
    const submitted = await daniel.postForm(WORKSHEETS, [
      ["intent", "submit"],
      ["worksheetId", worksheetId],
      ...own.answers.flatMap((a, i): [string, string][] => [
        ["answerId[]", a.id],
        ["answer[]", texts[i]!],
      ]),
    ]);
    expect(submitted.status).toBe(200);
    await ok(programme(lead, { intent: "worksheet-comment", worksheetId, body: "WS-COMMENT thank you; next time, what Jess might want to ask." }));

    // His own message workspace, on the same sign-in, holding an invite code's hash it must never show.
    const account = (await db().letter.findFirstOrThrow({ where: { caseId, writerId: dan }, select: { authorId: true } })).authorId;
    await db().exchangeWriter.create({
      data: {
        caseId,
        participantId: dan,
        authorId: account,
        recipientId: jess,
        recipientLabel: "Jess",
        inviteCodeHash: INVITE_HASH,
        createdById: (await db().user.findFirstOrThrow({ where: { email: "lead@demo.circle" } })).id,
      },
    });
  }, 60_000);

  it("his export holds the programme, the session notes naming him, his worksheet and his sign-ins, in the JSON and the PDF, with Jess as a third party", async () => {
    const { json, data, pdf } = await exportFor(admin, caseId, dan);
    const x = data;

    // The programme, every session in order, with what was recorded and the judgements' reasons.
    expect(x.programme).toMatchObject({ templateName: expect.any(String), startedBy: "Linda Millington" });
    const [s1, s2, s3] = x.programme!.sessions;
    expect(s1).toMatchObject({ position: 0, scheduledOn: "2026-12-01", scheduledAt: "10:00", venueKind: "PRISON", venue: "SAR-VENUE HMP Elmley", skipped: false });
    expect(s1!.attendance).toEqual([expect.objectContaining({ status: "ATTENDED", recordedBy: "Linda Millington" })]);
    expect(s1!.reviews).toEqual([
      expect.objectContaining({ engagement: 4, concern: true, concernText: "SAR-CONCERN asked where [third party] lives now", contactReadiness: "GETTING_THERE" }),
    ]);
    expect(s2!.attendance).toEqual([expect.objectContaining({ status: "DID_NOT_ATTEND", reason: "SAR-MISSED moved wing, no escort" })]);
    expect(s3).toMatchObject({ skipped: true, skipReason: "SAR-SKIPPED covered at the first session" });
    expect(x.programme!.judgements).toEqual([
      expect.objectContaining({ kind: "NOT_READY", reasons: "SAR-NOT-READY still blames [third party] for the argument", recordedBy: "Chris Patel" }),
      expect.objectContaining({ kind: "OVERRIDE", reasons: "SAR-OVERRIDE the letter may go before the programme ends", recordedBy: "Sam Okafor" }),
    ]);

    // The session notes: the paragraphs naming him, Jess's name redacted; not those that do not name him.
    expect(x.sessionNotes).toEqual([
      { position: 0, title: s1!.title, paragraphs: ["SN-DAN Daniel talked through the night at the bus stop.", "SN-BOTH Dan said he wants [third party] to know he is sorry."] },
    ]);

    // His worksheet: each prompt with his words, and the comment with the facilitator who wrote it.
    expect(x.worksheets).toHaveLength(1);
    expect(x.worksheets![0]).toMatchObject({ kind: "REFLECTION", status: "SUBMITTED", sentAt: expect.any(String), closedAt: null });
    expect(x.worksheets![0]!.answers).toEqual([
      { prompt: "What happened", response: "WS-ANSWER-ONE I took [third party]'s phone at the bus stop." },
      { prompt: "Who was affected and how", response: "WS-ANSWER-TWO my mum, and me." },
      { prompt: "What I would want to say", response: "" },
    ]);
    expect(x.worksheets![0]!.comments).toEqual([
      expect.objectContaining({ body: "WS-COMMENT thank you; next time, what [third party] might want to ask.", by: "Linda Millington" }),
    ]);

    // One sign-in, opened for his letter, then his worksheet and his message workspace; Jess's name as he sees it is hers.
    expect(x.accounts).toHaveLength(1);
    expect(x.accounts![0]!.username).toBe("daniel");
    expect(x.accounts![0]!.uses.map((u) => [u.openedFor, u.about, u.closedAt])).toEqual([
      ["LETTER", "[third party]", null],
      ["WORKSHEET", "Looking back at what happened", null],
      ["MESSAGES", "[third party]", null],
    ]);

    // Nothing of how he signs in: no password hash, invite code hash or session.
    const accountId = (await db().user.findFirstOrThrow({ where: { username: "daniel" }, select: { id: true } })).id;
    const password = await db().password.findUniqueOrThrow({ where: { userId: accountId } });
    const sessions = await db().session.findMany({ where: { userId: accountId }, select: { id: true } });
    expect(sessions.length).toBeGreaterThan(0);
    for (const secret of [password.hash, INVITE_HASH, ...sessions.map((s) => s.id)]) expect(json).not.toContain(secret);

    // The PDF says the same in words.
    for (const text of [
      "Sign-ins opened for you",
      "Username: daniel",
      "A letter you write ([third party])",
      "Your own message workspace ([third party])",
      "A worksheet (Looking back at what happened)",
      "Your intervention programme",
      "SAR-VENUE HMP Elmley",
      "Attended (recorded",
      "Did not attend: SAR-MISSED moved wing, no escort",
      "(skipped)",
      "Why it was skipped: SAR-SKIPPED covered at the first session",
      "Review: engagement 4 – good; readiness for contact with the person harmed: getting there",
      "A risk or safeguarding concern was raised: SAR-CONCERN asked where [third party] lives now",
      "Why: SAR-NOT-READY still blames [third party] for the argument",
      "The case supervisor's decision to go ahead without a complete programme",
      "Why: SAR-OVERRIDE the letter may go before the programme ends",
      "Programme session notes that name you",
      "SN-DAN Daniel talked through the night at the bus stop.",
      "SN-BOTH Dan said he wants [third party] to know he is sorry.",
      "Your worksheets",
      "Looking back at what happened: Sent to your facilitator",
      "WS-ANSWER-ONE I took [third party]'s phone at the bus stop.",
      "Comment from Linda Millington",
      "WS-COMMENT thank you; next time, what [third party] might want to ask.",
    ])
      expect(pdf, `the PDF has ${text}`).toContain(text);

    for (const [format, text] of [
      ["json", json],
      ["pdf", pdf],
    ] as const) {
      for (const canary of ["Jess", "Jessica", "Barnes", "SN-NOBODY", "SN-JESS"]) expect(text, `${format} leaves out ${canary}`).not.toContain(canary);
    }
  });

  it("Jess's export holds the session notes that name her, Daniel as a third party, and nothing of his programme, worksheets or sign-ins", async () => {
    const { json, data, pdf } = await exportFor(admin, caseId, jess);
    expect(data.sessionNotes!.flatMap((n) => n.paragraphs)).toEqual([
      "SN-BOTH [third party] said he wants Jess to know he is sorry.",
      "SN-JESS Jessica Barnes has asked for news of the programme.",
    ]);
    expect(data.programme).toBeNull();
    expect(data.worksheets).toEqual([]);
    expect(data.accounts).toEqual([]);
    expect(pdf).toContain("SN-JESS Jessica Barnes has asked for news of the programme.");
    // The empty sections say so.
    for (const none of ["No sign-in has been opened for you.", "You do not have an intervention programme.", "You have not been set a worksheet."]) expect(pdf).toContain(none);
    for (const [format, text] of [
      ["json", json],
      ["pdf", pdf],
    ] as const) {
      for (const canary of ["WS-ANSWER-ONE", "WS-ANSWER-TWO", "WS-COMMENT", "SAR-CONCERN", "SAR-NOT-READY", "SAR-VENUE", "SN-DAN", "SN-NOBODY", "Daniel"])
        expect(text, `${format} leaves out ${canary}`).not.toContain(canary);
    }
  });
});
