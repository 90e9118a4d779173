import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";
import { exportFor } from "../support/subject-access-export";

/**
 * A letter the person harmed chose to hold is held on every route, her own subject access export
 * included: the export lists the letter and her choice, but not its words, until it is released
 * to her. The person responsible who wrote it finds his own words in his export all along.
 */
const WORDS = `HELD-LETTER-WORDS-${Date.now().toString(36)}`;
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

  const exportOf = async (participantId: string) => {
    const { json, data, pdf } = await exportFor(admin, caseId, participantId);
    return { json, data: data as unknown as Letters, pdf };
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
    const { json, data, pdf } = await exportOf(harmed);
    expect(json).not.toContain(WORDS);
    expect(pdf).not.toContain(WORDS);
    expect(data.letters).toEqual([expect.objectContaining({ part: "RECIPIENT", status: "APPROVED", text: null, choices: [expect.objectContaining({ choice: "HOLD" })] })]);
  });

  it("his export, as its writer, holds his own words", async () => {
    const { data, pdf } = await exportOf(responsible);
    expect(data.letters).toEqual([expect.objectContaining({ part: "WRITER", text: expect.stringContaining(WORDS) })]);
    expect(pdf).toContain(WORDS);
  });

  it("once it is released to her, her export holds the words that reached her", async () => {
    const lead = await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } });
    await db().letterDeliveryChoice.create({ data: { letterId, participantId: harmed, choice: "RECEIVE_NOW", method: "IN_PERSON", recordedById: lead.id } });
    await db().letterRelease.create({ data: { letterId, versionId, method: "IN_PERSON", releasedById: lead.id } });
    await db().letter.update({ where: { id: letterId }, data: { status: "RELEASED" } });
    const { data, pdf } = await exportOf(harmed);
    expect(data.letters).toEqual([expect.objectContaining({ part: "RECIPIENT", status: "RELEASED", text: expect.stringContaining(WORDS) })]);
    expect(pdf).toContain(WORDS);
  });
});
