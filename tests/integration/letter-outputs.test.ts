import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const OPEN_DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.letters._index")}`;
const PRINT_DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.letters.$letterId_.print")}`;
const PASSWORD = "a-long-enough-password";
const SENTENCE = "I am sorry I hit you and took your phone.";

/**
 * The person harmed decides whether, when and how the letter reaches them. Every way the letter
 * can leave the service as "A letter for you" (the print view, its data request, the PDF) must
 * follow their newest choice, not only the release button.
 */
describe("a letter's outputs follow the person harmed's choice", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let caseId = "";
  let letterId = "";
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    lead = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    caseId = await caseIdByReference("RJ-2026-0142");
    const db = getDb();
    const people = {
      writerId: (await db.participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" }, select: { id: true } })).id,
      recipientId: (await db.participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" }, select: { id: true } })).id,
    };
    const opened = await lead.post(`/cases/${caseId}/letters?index&${OPEN_DATA}`, {
      intent: "open",
      ...people,
      recipientLabel: "Jess",
      username: "outputs_author",
      access: "password",
      password: PASSWORD,
    });
    letterId = opened.headers.get("X-Remix-Redirect")!.split("/").at(-1)!;
    const author = await new TestClient(server().origin).signIn("outputs_author", PASSWORD);
    const peer = connectPeer(server().origin, author.cookieHeader, `letter:${letterId}`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "synced");
    appendParagraphs(flatField(peer.doc, "letter"), ["Dear Jess,", SENTENCE]);
    await waitFor(() => allSaved(peer), 10_000, "saved");
    expect((await author.post(`/letters/${letterId}`, { intent: "submit" })).status).toBe(200);
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "approve" })).status).toBe(200);
  });
  afterAll(() => peers.forEach((p) => p.destroy()));

  const choose = async (fields: Record<string, string>) =>
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "choice", method: "PHONE", ...fields })).status).toBe(200);
  /** Every output route: what each answered, and whether any of them carried the letter's words. */
  const outputs = async () => {
    const base = `/cases/${caseId}/letters/${letterId}`;
    const answers = await Promise.all([lead.get(`${base}/print`), lead.get(`${base}/print?${PRINT_DATA}`), lead.get(`${base}/pdf`)]);
    const bodies = await Promise.all(
      answers.map(async (r) => {
        const bytes = new Uint8Array(await r.arrayBuffer());
        return r.headers.get("Content-Type") === "application/pdf" ? pdfText(bytes) : Buffer.from(bytes).toString("utf8");
      }),
    );
    return { statuses: answers.map((r) => r.status), carryLetter: bodies.map((b) => b.includes(SENTENCE) || b.includes("A letter for you")) };
  };

  it("before any choice, nothing produces the letter", async () => {
    expect(await outputs()).toEqual({ statuses: [409, 409, 409], carryLetter: [false, false, false] });
  });

  it.each([
    ["HOLD", {}],
    ["DELIVER_LATER", { deliverAfter: "2099-01-01T10:00" }],
    ["DECLINE", {}],
  ])("%s: the print view, its data and the PDF all refuse, and the refusal is audited", async (choice, extra) => {
    await choose({ choice, ...extra });
    expect(await outputs()).toEqual({ statuses: [409, 409, 409], carryLetter: [false, false, false] });
    expect(await getDb().auditEvent.count({ where: { action: "letter.export.refused", target: `letter:${letterId}` } })).toBeGreaterThan(0);
  });

  it.each([["RECEIVE_NOW"], ["READ_ALOUD"]])("%s: every output produces the letter", async (choice) => {
    await choose({ choice });
    const { statuses, carryLetter } = await outputs();
    expect(statuses).toEqual([200, 200, 200]);
    expect(carryLetter).toEqual([true, true, true]);
  });

  it("after delivery, a later hold still stops every output", async () => {
    await choose({ choice: "RECEIVE_NOW" });
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "release", method: "IN_PERSON" })).status).toBe(200);
    await choose({ choice: "HOLD" });
    expect(await outputs()).toEqual({ statuses: [409, 409, 409], carryLetter: [false, false, false] });
  });

  it("DESTROY: nothing is left to produce", async () => {
    await choose({ choice: "DESTROY" });
    expect((await outputs()).carryLetter).toEqual([false, false, false]);
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "destroy", confirm: "destroy" })).status).toBe(200);
    expect(await outputs()).toEqual({ statuses: [404, 404, 404], carryLetter: [false, false, false] });
  });
});
