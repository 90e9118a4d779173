import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * A letter the person harmed chose to hold is held on every route, her own subject access export
 * included: the export lists the letter and her choice, but not its words, until it is released
 * to her. The person responsible who wrote it finds his own words in his export all along.
 */
const WORDS = `HELD-LETTER-WORDS-${Date.now().toString(36)}`;
const flat = (text: string) => text.replace(/\s+/g, " ");
type Letters = { letters: { part: string; status: string; text: string | null; choices: { choice: string }[] }[] };

describe("a held letter stays out of its recipient's subject access export", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let admin: TestClient;
  let caseId = "",
    harmed = "",
    responsible = "",
    letterId = "",
    versionId = "";

  /** A new request for the person, and its JSON and PDF as the manager downloads them for review. */
  const exportFor = async (participantId: string) => {
    const res = await admin.post(`/admin/cases/${caseId}/subject-access?index`, { participantId, requestedBy: "By email", receivedOn: serviceDate() });
    expect(res.status).toBe(302);
    const base = res.headers.get("Location")!;
    const json = await (await admin.get(`${base}/json`)).text();
    const pdfRes = await admin.get(`${base}/pdf`);
    expect(pdfRes.status).toBe(200);
    return { json, data: JSON.parse(json) as Letters, pdf: flat(await pdfText(new Uint8Array(await pdfRes.arrayBuffer()))) };
  };

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    admin = await new TestClient(server().origin).signIn("manager@demo.circle", DEMO_PASSWORD);
    harmed = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" } })).id;
    responsible = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;
    const lead = await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } });
    // The demo letter is Daniel's, to her: approved, and held at her wish.
    const letter = await db().letter.findFirstOrThrow({ where: { caseId, writerId: responsible, recipientId: harmed } });
    letterId = letter.id;
    versionId = (
      await db().letterVersion.create({
        data: { letterId, number: 1, contentJson: "{}", contentText: `${WORDS} Dear Jess,\nI am sorry.`, contentHash: "0".repeat(64) },
        select: { id: true },
      })
    ).id;
    await db().letter.update({ where: { id: letterId }, data: { status: "APPROVED" } });
    await db().letterDeliveryChoice.create({ data: { letterId, participantId: harmed, choice: "HOLD", method: "IN_PERSON", recordedById: lead.id } });
  });

  it("her export lists the letter and her choice to hold it, without its words, in the JSON and the PDF", async () => {
    const { json, data, pdf } = await exportFor(harmed);
    expect(json).not.toContain(WORDS);
    expect(pdf).not.toContain(WORDS);
    expect(data.letters).toEqual([expect.objectContaining({ part: "RECIPIENT", status: "APPROVED", text: null, choices: [expect.objectContaining({ choice: "HOLD" })] })]);
  });

  it("his export, as its writer, holds his own words", async () => {
    const { data, pdf } = await exportFor(responsible);
    expect(data.letters).toEqual([expect.objectContaining({ part: "WRITER", text: expect.stringContaining(WORDS) })]);
    expect(pdf).toContain(WORDS);
  });

  it("once it is released to her, her export holds the words that reached her", async () => {
    const lead = await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } });
    await db().letterDeliveryChoice.create({ data: { letterId, participantId: harmed, choice: "RECEIVE_NOW", method: "IN_PERSON", recordedById: lead.id } });
    await db().letterRelease.create({ data: { letterId, versionId, method: "IN_PERSON", releasedById: lead.id } });
    await db().letter.update({ where: { id: letterId }, data: { status: "RELEASED" } });
    const { data, pdf } = await exportFor(harmed);
    expect(data.letters).toEqual([expect.objectContaining({ part: "RECIPIENT", status: "RELEASED", text: expect.stringContaining(WORDS) })]);
    expect(pdf).toContain(WORDS);
  });
});
