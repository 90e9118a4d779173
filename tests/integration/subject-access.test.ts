import { beforeAll, describe, expect, it } from "vitest";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { clientFor } from "../support/matrix-subject";
import { pdfText } from "../support/pdf-text";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { flat } from "../support/subject-access-export";

/**
 * A person harmed asks what the service holds about them. The manager's export must carry
 * something from every place she appears (details, consent, a contact, a risk assessment, a notes
 * paragraph naming her, an agreement, a letter, the log of who viewed the case), nothing planted
 * for anyone else (the person responsible's details, his own records, another case), and where a
 * paragraph names both of them, his details are "[third party]".
 */
const OWN = [
  "CANARY-DETAILS-HOPES",
  "CANARY-CONSENT-NOTE",
  "CANARY-CONTACT",
  "CANARY-RISK",
  "CANARY-MESSAGES",
  "CANARY-NOT-PASSED",
  "CANARY-CUSTODY",
  "CANARY-NOTE-OWN",
  "CANARY-NOTE-BOTH",
  "CANARY-AGREEMENT",
  "CANARY-NARRATIVE",
  "CANARY-LETTER",
];
const THEIRS = [
  "Daniel",
  "Carol",
  "07700 900999",
  "07700900999",
  "Thirdparty Lane",
  "daniel.canary@example.test",
  "1990-04-05",
  "5 April 1990",
  "CANARY-OTHER-CONSENT",
  "CANARY-OTHER-CONTACT",
  "CANARY-OTHER-NOTE",
  "CANARY-OTHER-TERM",
  "CANARY-OTHER-NARRATIVE",
  "CANARY-OTHERCASE",
  "Zed Othercase",
];

describe("a subject access export holds everything about the person and nothing about anyone else", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let admin: TestClient, lead: TestClient;
  let caseId = "",
    harmed = "",
    responsible = "",
    otherCasePerson = "",
    requestId = "";
  const base = () => `/admin/cases/${caseId}/subject-access/${requestId}`;
  // Posted as the page's fetcher forms post: the answer is the action's JSON, not the page.
  const review = () => `${base()}?_data=${encodeURIComponent("routes/admin.cases.$caseId.subject-access.$requestId")}`;
  const startUrl = () => `/admin/cases/${caseId}/subject-access?index&_data=${encodeURIComponent("routes/admin.cases.$caseId.subject-access._index")}`;

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    const otherCase = (await db().case.findFirstOrThrow({ where: { id: { not: caseId } }, select: { id: true } })).id;
    const leadUser = await db().user.update({ where: { email: "lead@demo.circle" }, data: { name: "Linda Canary-Viewer" }, select: { id: true } });
    [admin, lead] = await Promise.all([
      new TestClient(server().origin).signIn("manager@demo.circle", DEMO_PASSWORD),
      new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD),
    ]);

    harmed = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" } })).id;
    responsible = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;
    await db().participant.update({
      where: { id: harmed },
      data: { name: "Siân Barnes", preferredName: "Siân", phone: "07700 900111", address: "1 Heol y Cei, Caerdydd", hopes: "CANARY-DETAILS-HOPES" },
    });
    await db().participant.update({
      where: { id: responsible },
      data: { phone: "07700 900999", email: "daniel.canary@example.test", address: "99 Thirdparty Lane, Otherton", dateOfBirth: "1990-04-05" },
    });
    const consent = (participantId: string, note: string) =>
      db().consentEntry.create({ data: { caseId, participantId, element: "TAKE_PART", answer: "YES", method: "PHONE", givenAt: new Date(), note, recordedById: leadUser.id } });
    await consent(harmed, "CANARY-CONSENT-NOTE");
    await consent(responsible, "CANARY-OTHER-CONSENT");
    const contact = (participantId: string, outcome: string) =>
      db().preparationContact.create({ data: { caseId, participantId, kind: "CALL", occurredAt: new Date(), place: "PHONE", outcome, recordedById: leadUser.id } });
    await contact(harmed, "CANARY-CONTACT she asked whether Carol Barnes could come too");
    await contact(responsible, "CANARY-OTHER-CONTACT");
    await db().riskAssessment.create({
      data: {
        caseId,
        stage: "PREPARATION",
        physicalHarm: "LOW",
        emotionalHarm: "MEDIUM",
        vulnerability: "HIGH",
        powerImbalance: "MEDIUM",
        acknowledges: "FULLY",
        overall: "MEDIUM",
        recommendation: "PROCEED_WITH_MEASURES",
        summary: "CANARY-RISK Daniel Price may call her on 07700 900999",
        // The questions for indirect work are part of the assessment, and of her export.
        messagesRisk: "CANARY-MESSAGES questions about the night may distress her",
        doNotPassOn: "CANARY-NOT-PASSED her new address",
        inCustody: true,
        custodyRules: "CANARY-CUSTODY letters are read by the prison first",
        assessedById: leadUser.id,
      },
    });

    // An agreement: a term for her and one that is his alone, a narrative naming both, her signature.
    const agreement = await db().agreement.create({ data: { caseId, createdById: leadUser.id }, select: { id: true } });
    await db().agreementTerm.createMany({
      data: [
        { agreementId: agreement.id, position: 0, type: "REPARATION", description: "CANARY-AGREEMENT paint the fence", responsibleId: responsible, beneficiaryId: harmed },
        { agreementId: agreement.id, position: 1, type: "PROGRAMME", description: "CANARY-OTHER-TERM attend a course", responsibleId: responsible },
      ],
    });
    const version = await db().agreementVersion.create({
      data: {
        agreementId: agreement.id,
        number: 1,
        termsJson: "[]",
        narrativeJson: '{"blocks":[]}',
        narrativeText: "CANARY-NARRATIVE Siân and Daniel agreed what happens next.\nCANARY-OTHER-NARRATIVE Daniel will see his probation officer.",
        contentHash: "0".repeat(64),
        createdById: leadUser.id,
      },
    });
    await db().agreementSignature.create({
      data: { versionId: version.id, participantId: harmed, method: "TYPED", typedName: "Siân Barnes", attestedById: leadUser.id, contentHash: "0".repeat(64) },
    });
    // The demo letter is Daniel's, to her, released to her (a letter still held from her is not in her export: subject-access-held-letter.test.ts).
    const letter = await db().letter.findFirstOrThrow({ where: { caseId, writerId: responsible, recipientId: harmed } });
    const letterVersion = await db().letterVersion.create({
      data: { letterId: letter.id, number: 1, contentJson: "{}", contentText: "CANARY-LETTER Dear Siân,\nI am sorry.\nDaniel", contentHash: "0".repeat(64) },
    });
    await db().letter.update({ where: { id: letter.id }, data: { status: "RELEASED" } });
    await db().letterRelease.create({ data: { letterId: letter.id, versionId: letterVersion.id, method: "IN_PERSON", releasedById: leadUser.id } });

    // Another case: its people and its log are no part of her export.
    otherCasePerson = (await db().participant.create({ data: { caseId: otherCase, role: "PERSON_HARMED", name: "CANARY-OTHERCASE Person" } })).id;
    await db().consentEntry.create({
      data: {
        caseId: otherCase,
        participantId: otherCasePerson,
        element: "TAKE_PART",
        answer: "YES",
        method: "PHONE",
        givenAt: new Date(),
        note: "CANARY-OTHERCASE",
        recordedById: leadUser.id,
      },
    });
    const zed = await db().user.create({
      data: { email: "zed@demo.circle", name: "Zed Othercase", role: "FACILITATOR", serviceId: (await db().case.findUniqueOrThrow({ where: { id: caseId } })).serviceId },
    });
    await db().auditEvent.create({ data: { actorId: zed.id, actorRole: "FACILITATOR", action: "case.view", target: `case:${otherCase}`, caseId: otherCase } });

    // The notes, written as a facilitator writes them.
    const peer = connectPeer(server().origin, lead.cookieHeader, `case:${caseId}:notes`);
    try {
      await waitFor(() => peer.provider.synced, 10_000, "notes synced");
      appendParagraphs(flatField(peer.doc, "notes"), [
        "CANARY-NOTE-OWN Siân said she felt safer at home now.",
        "CANARY-NOTE-BOTH Siân met Daniel Price; he gave 07700900999 and 99 Thirdparty Lane as his details.",
        "CANARY-OTHER-NOTE Daniel talked about his hours.",
      ]);
      await waitFor(() => allSaved(peer), 10_000, "notes saved");
    } finally {
      peer.destroy();
    }
    // The lead opens the case: the view log must show it.
    expect((await lead.get(`/cases/${caseId}`)).status).toBe(200);
  }, 60_000);

  it("refuses a request for someone on another case, a date in the future or nobody named, and records nothing", async () => {
    const start = (fields: Record<string, string>) => admin.post(startUrl(), fields);
    const today = serviceDate();
    const another = await start({ participantId: otherCasePerson, requestedBy: "Someone", receivedOn: today });
    expect(another.status).toBe(400);
    expect(((await another.json()) as { errors: Record<string, string> }).errors.participantId).toBe("Choose someone on this case");
    const future = await start({ participantId: harmed, requestedBy: "Siân", receivedOn: "2999-01-01" });
    expect(future.status).toBe(400);
    expect(((await future.json()) as { errors: Record<string, string> }).errors.receivedOn).toMatch(/future/);
    const nobody = await start({ participantId: "", requestedBy: "", receivedOn: today });
    expect(Object.keys(((await nobody.json()) as { errors: Record<string, string> }).errors).sort()).toEqual(["participantId", "requestedBy"]);
    expect(await db().subjectAccessRequest.count({ where: { caseId } })).toBe(0);
  });

  it("the manager records the request and is taken to its review, due one month after it was received", async () => {
    const res = await admin.post(`/admin/cases/${caseId}/subject-access?index`, { participantId: harmed, requestedBy: "Siân herself, by email", receivedOn: "2026-11-30" });
    expect(res.status).toBe(302);
    requestId = res.headers.get("Location")!.split("/").at(-1)!;
    const page = (await (await admin.get(base())).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("Information held about Siân Barnes");
    expect(page).toContain("received 30 November 2026");
    expect(page).toContain("Due by <strong>30 December 2026</strong>");
    expect(page).toContain("CANARY-NOTE-BOTH Siân met [third party]");
    const list = (await (await admin.get(`/admin/cases/${caseId}/subject-access`)).text()).replaceAll("<!-- -->", "");
    expect(list).toContain("Siân Barnes");
    expect(list).toContain("Due by 30 December 2026");
  });

  it("the JSON and the PDF carry a canary from every place she appears, and none planted for anyone else", async () => {
    const jsonRes = await admin.get(`${base()}/json`);
    expect(jsonRes.status).toBe(200);
    expect(jsonRes.headers.get("Content-Disposition")).toMatch(/attachment; filename="subject-access-RJ-2026-0142-.*-review\.json"/);
    const json = await jsonRes.text();
    const pdfRes = await admin.get(`${base()}/pdf`);
    expect(pdfRes.status).toBe(200);
    const pdf = flat(await pdfText(new Uint8Array(await pdfRes.arrayBuffer())));
    for (const [format, text] of [
      ["json", json],
      ["pdf", pdf],
    ] as const) {
      for (const canary of [...OWN, "Linda Canary-Viewer", "Siân Barnes", "07700 900111", "1 Heol y Cei"]) expect(text, `${format} has ${canary}`).toContain(canary);
      for (const canary of THEIRS) expect(text, `${format} leaves out ${canary}`).not.toContain(canary);
    }
    const data = JSON.parse(json) as {
      format: string;
      notes: string[];
      contacts: { outcome: string }[];
      riskAssessments: { summary: string; doNotPassOn: string; inCustody: boolean }[];
      accessLog: { who: string; label: string }[];
    };
    expect(data.format).toBe("circle.subject-access/1");
    expect(data.notes.find((n) => n.startsWith("CANARY-NOTE-BOTH"))).toBe("CANARY-NOTE-BOTH Siân met [third party]; he gave [third party] and [third party] as his details.");
    // Her own surname is not a third party's just because her supporter shares it.
    expect(data.contacts.map((c) => c.outcome)).toContain("CANARY-CONTACT she asked whether [third party] could come too");
    expect(data.riskAssessments.map((r) => r.summary)).toContain("CANARY-RISK [third party] may call her on [third party]");
    expect(data.riskAssessments).toContainEqual(expect.objectContaining({ doNotPassOn: "CANARY-NOT-PASSED her new address", inCustody: true }));
    expect(data.accessLog).toContainEqual(expect.objectContaining({ who: "Linda Canary-Viewer", label: "Viewed the case" }));
    expect(pdf).toContain("received 30 November 2026 · due by 30 December 2026");
  });

  it("no one but the manager reaches a request, its export or its downloads, and their attempts change nothing", async () => {
    for (const who of ["lead", "co", "supervisor", "other", "letterAuthor"] as const) {
      const client = await clientFor(server().origin, who);
      for (const path of [`/admin/cases/${caseId}/subject-access`, base(), `${base()}/pdf`, `${base()}/json`])
        expect((await client.get(path)).status, `${who} GET ${path}`).toBe(404);
      const start = await client.post(`/admin/cases/${caseId}/subject-access?index`, { participantId: harmed, requestedBy: "x", receivedOn: serviceDate() });
      expect(start.status, `${who} starts`).toBe(404);
      expect((await client.post(base(), { intent: "redact", phrase: "Siân" })).status, `${who} redacts`).toBe(404);
      expect((await client.post(base(), { intent: "release", confirm: "on" })).status, `${who} releases`).toBe(404);
    }
    const request = await db().subjectAccessRequest.findUniqueOrThrow({ where: { id: requestId }, include: { redactions: true } });
    expect(request.releasedAt).toBeNull();
    expect(request.redactions).toEqual([]);
    expect(await db().subjectAccessRequest.count({ where: { caseId } })).toBe(1);
  });

  it("the manager redacts a phrase by hand, cannot release without confirming, then releases what they reviewed", async () => {
    expect((await admin.post(review(), { intent: "redact", phrase: "" })).status).toBe(400);
    expect((await admin.post(review(), { intent: "redact", phrase: "felt safer" })).status).toBe(200);
    const redacted = await (await admin.get(`${base()}/json`)).text();
    expect(redacted).toContain("Siân said she [redacted] at home now.");
    expect(redacted).not.toContain("felt safer");

    const unconfirmed = await admin.post(review(), { intent: "release" });
    expect(unconfirmed.status).toBe(400);
    expect(((await unconfirmed.json()) as { errors: Record<string, string> }).errors.confirm).toMatch(/Tick the box/);
    expect((await db().subjectAccessRequest.findUniqueOrThrow({ where: { id: requestId } })).releasedAt).toBeNull();

    expect((await admin.post(review(), { intent: "release", confirm: "on" })).status).toBe(200);
    const released = await db().subjectAccessRequest.findUniqueOrThrow({ where: { id: requestId }, include: { releasedBy: true } });
    expect(released.releasedBy?.email).toBe("manager@demo.circle");
    expect(released.releasedHash).toMatch(/^[0-9a-f]{64}$/);

    // What was released is what every later download gives, whatever changes in the case.
    await db().participant.update({ where: { id: harmed }, data: { hopes: "CHANGED-AFTER-RELEASE" } });
    const after = JSON.parse(await (await admin.get(`${base()}/json`)).text()) as { person: { hopes: string }; request: { releasedBy: string } };
    expect(after.person.hopes).toBe("CANARY-DETAILS-HOPES");
    expect(after.request.releasedBy).toBe("Morgan Reid");
    const pdf = flat(await pdfText(new Uint8Array(await (await admin.get(`${base()}/pdf`)).arrayBuffer())));
    expect(pdf).toContain("Released on");
    expect(pdf).not.toContain("CHANGED-AFTER-RELEASE");

    // Released means kept: no more redactions, no second release, and the database refuses a change too.
    const late = await admin.post(review(), { intent: "redact", phrase: "Heol" });
    expect(late.status).toBe(409);
    expect((await admin.post(review(), { intent: "release", confirm: "on" })).status).toBe(409);
    await expect(db().subjectAccessRequest.update({ where: { id: requestId }, data: { requestedBy: "changed" } })).rejects.toThrow();
    await expect(db().subjectAccessRequest.delete({ where: { id: requestId } })).rejects.toThrow();
    expect((await db().subjectAccessRequest.findUniqueOrThrow({ where: { id: requestId } })).requestedBy).toBe("Siân herself, by email");
  });

  it("every view, download and release is in the case's audit trail as an export, with its label", async () => {
    const entries = await db().auditEvent.findMany({ where: { target: `subject-access:${requestId}` }, orderBy: { createdAt: "asc" } });
    const count = (action: string) => entries.filter((e) => e.action === action).length;
    expect(entries.every((e) => e.caseId === caseId)).toBe(true);
    expect(count("subject-access.request")).toBe(1);
    expect(count("subject-access.export.view")).toBe(1);
    expect(count("subject-access.export.json")).toBe(3);
    expect(count("subject-access.export.pdf")).toBe(2);
    expect(count("subject-access.redact")).toBe(1);
    expect(count("subject-access.release")).toBe(1);
    const trail = (await (await admin.get(`/admin/cases/${caseId}/audit?action=subject-access.release`)).text()).replaceAll("<!-- -->", "");
    expect(trail).toContain("Released a subject access export to the person");
    expect(trail).toContain("1 phrase redacted by hand");
    // The trail says a phrase was redacted, never which.
    expect(entries.map((e) => e.details).join(" ")).not.toContain("felt safer");
  });
});
