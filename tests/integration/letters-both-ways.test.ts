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
const HARMED_WORDS = "I still look over my shoulder at every bus stop.";
const REPLY_WORDS = "I read your letter many times and I understand now what I took from you.";

/**
 * Letters go both ways: the person harmed writes to the person responsible, and a reply answers a
 * delivered letter. Each letter is governed by its own recipient's choice, on every output.
 */
describe("letters in both directions, each governed by its own recipient", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let caseId = "";
  const p = { harmed: "", responsible: "", supporter: "" };
  const peers: TestPeer[] = [];
  let harmedLetterId = "";

  beforeAll(async () => {
    lead = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    caseId = await caseIdByReference("RJ-2026-0142");
    const db = getDb();
    const idOf = async (name: string) => (await db.participant.findFirstOrThrow({ where: { caseId, name }, select: { id: true } })).id;
    p.harmed = await idOf("Jessica Barnes");
    p.responsible = await idOf("Daniel Price");
    p.supporter = await idOf("Carol Barnes");
  });
  afterAll(() => peers.forEach((peer) => peer.destroy()));

  const open = (fields: Record<string, string>) =>
    lead.post(`/cases/${caseId}/letters?index&${OPEN_DATA}`, { intent: "open", access: "password", password: PASSWORD, recipientLabel: "them", ...fields });
  const openedId = (res: Response) => res.headers.get("X-Remix-Redirect")?.split("/").at(-1) ?? "";
  const act = (letterId: string, fields: Record<string, string>) => lead.post(`/cases/${caseId}/letters/${letterId}`, fields);
  const status = async (letterId: string) => (await getDb().letter.findUniqueOrThrow({ where: { id: letterId }, select: { status: true } })).status;
  /** Signs in as the author, writes the lines, submits; the lead approves. */
  const writeAndApprove = async (username: string, letterId: string, lines: string[]) => {
    const author = await new TestClient(server().origin).signIn(username, PASSWORD);
    const peer = connectPeer(server().origin, author.cookieHeader, `letter:${letterId}`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "synced");
    appendParagraphs(flatField(peer.doc, "letter"), lines);
    await waitFor(() => allSaved(peer), 10_000, "saved");
    expect((await author.post(`/letters/${letterId}`, { intent: "submit" })).status).toBe(200);
    expect((await act(letterId, { intent: "approve" })).status).toBe(200);
    return author;
  };
  /** The print view, its data request and the PDF: what each answered, and whether any carried the words. */
  const outputs = async (letterId: string, words: string) => {
    const base = `/cases/${caseId}/letters/${letterId}`;
    const answers = await Promise.all([lead.get(`${base}/print`), lead.get(`${base}/print?${PRINT_DATA}`), lead.get(`${base}/pdf`)]);
    const bodies = await Promise.all(
      answers.map(async (r) => {
        const bytes = new Uint8Array(await r.arrayBuffer());
        return r.headers.get("Content-Type") === "application/pdf" ? pdfText(bytes) : Buffer.from(bytes).toString("utf8");
      }),
    );
    return { statuses: answers.map((r) => r.status), carry: bodies.map((b) => b.includes(words)) };
  };

  it("refuses a writer or recipient who may not take part, saying whom to choose", async () => {
    const toSupporter = await open({ writerId: p.harmed, recipientId: p.supporter, username: "bad_recipient" });
    expect(toSupporter.status).toBe(400);
    expect(await toSupporter.text()).toContain("Choose the person harmed or the person responsible on this case to receive it.");
    const toSelf = await open({ writerId: p.harmed, recipientId: p.harmed, username: "bad_self" });
    expect(toSelf.status).toBe(400);
    expect(await toSelf.text()).toContain("Choose someone other than the writer to receive it.");
    // A supporter may write, once they have agreed to a letter themselves.
    const unconsented = await open({ writerId: p.supporter, recipientId: p.responsible, username: "carol_writes" });
    expect(unconsented.status).toBe(409);
    expect(((await unconsented.json()) as { reasons: string[] }).reasons.join(" ")).toMatch(/Carol Barnes has not agreed to: .*letter/);
    expect(await getDb().user.count({ where: { username: { in: ["bad_recipient", "bad_self", "carol_writes"] } } })).toBe(0);
  });

  it("the person harmed writes to the person responsible; his choice, not hers, decides delivery", async () => {
    const res = await open({ writerId: p.harmed, recipientId: p.responsible, recipientLabel: "Dan", username: "jess_letter" });
    harmedLetterId = openedId(res);
    expect(harmedLetterId).toMatch(/^c[a-z0-9]+$/);
    const author = await writeAndApprove("jess_letter", harmedLetterId, ["Dear Dan,", HARMED_WORDS]);
    const workspace = await (await author.get(`/letters/${harmedLetterId}`)).text();
    expect(workspace).toContain("Keep yourself safe");
    expect(workspace).not.toContain("without excuses");

    // Nothing recorded yet: no output, no release.
    expect(await outputs(harmedLetterId, HARMED_WORDS)).toEqual({ statuses: [409, 409, 409], carry: [false, false, false] });
    expect((await act(harmedLetterId, { intent: "release", method: "IN_PERSON" })).status).toBe(409);
    // He asks for it to be held: still nothing leaves the service.
    expect((await act(harmedLetterId, { intent: "choice", choice: "HOLD", method: "PHONE" })).status).toBe(200);
    const choice = await getDb().letterDeliveryChoice.findFirstOrThrow({ where: { letterId: harmedLetterId }, select: { participantId: true } });
    expect(choice.participantId).toBe(p.responsible);
    expect(await outputs(harmedLetterId, HARMED_WORDS)).toEqual({ statuses: [409, 409, 409], carry: [false, false, false] });
    const held = await act(harmedLetterId, { intent: "release", method: "IN_PERSON" });
    expect(held.status).toBe(409);
    expect(await held.text()).toContain("Held with the service until the recipient asks for it.");
    expect(await getDb().letterRelease.count({ where: { letterId: harmedLetterId } })).toBe(0);
  });

  it("opens a reply only to a delivered letter, and only back from its recipient to its writer", async () => {
    const early = await open({ writerId: p.responsible, recipientId: p.harmed, replyToId: harmedLetterId, username: "early_reply" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("A reply can be opened only to a letter that has been delivered to its recipient.");
    // The facilitator's "Open a reply" is not offered yet either.
    expect(await (await lead.get(`/cases/${caseId}/letters/${harmedLetterId}`)).text()).not.toContain("Open a reply");

    expect((await act(harmedLetterId, { intent: "choice", choice: "RECEIVE_NOW", method: "IN_PERSON" })).status).toBe(200);
    expect(await outputs(harmedLetterId, HARMED_WORDS)).toEqual({ statuses: [200, 200, 200], carry: [true, true, true] });
    expect((await act(harmedLetterId, { intent: "release", method: "IN_PERSON" })).status).toBe(200);
    expect(await status(harmedLetterId)).toBe("RELEASED");

    const page = await (await lead.get(`/cases/${caseId}/letters/${harmedLetterId}`)).text();
    expect(page).toContain(`/cases/${caseId}/letters?replyTo=${harmedLetterId}`);
    const form = await (await lead.get(`/cases/${caseId}/letters?replyTo=${harmedLetterId}`)).text();
    expect(form).toContain("Open a reply");
    expect(form).toContain("A reply to the letter from Jess to Dan: Dan writes, Jess receives it.");

    const backwards = await open({ writerId: p.harmed, recipientId: p.responsible, replyToId: harmedLetterId, username: "wrong_way" });
    expect(backwards.status).toBe(400);
    const errors = ((await backwards.json()) as { errors: Record<string, string> }).errors;
    expect(errors).toEqual({ writerId: "A reply is written by the person who received the letter.", recipientId: "A reply goes to the person who wrote the letter." });
    expect(await getDb().user.count({ where: { username: { in: ["early_reply", "wrong_way"] } } })).toBe(0);
  });

  it("a reply the person harmed declines or holds is never printed, made a PDF or delivered", async () => {
    const res = await open({ writerId: p.responsible, recipientId: p.harmed, replyToId: harmedLetterId, recipientLabel: "Jess", username: "dan_reply" });
    const replyId = openedId(res);
    expect(replyId).toMatch(/^c[a-z0-9]+$/);
    expect((await getDb().letter.findUniqueOrThrow({ where: { id: replyId }, select: { replyToId: true } })).replyToId).toBe(harmedLetterId);
    const author = await writeAndApprove("dan_reply", replyId, ["Dear Jess,", REPLY_WORDS]);
    const workspace = await (await author.get(`/letters/${replyId}`)).text();
    expect(workspace).toContain("<h1>Your reply to Jess</h1>");
    // He answers the letter he was given: its words, as delivered, are beside his reply.
    expect(workspace).toContain("The letter you are answering");
    expect(workspace).toContain(HARMED_WORDS);
    const page = await (await lead.get(`/cases/${caseId}/letters/${replyId}`)).text();
    expect(page).toMatch(new RegExp(`Reply to <a[^>]*href="/cases/${caseId}/letters/${harmedLetterId}"[^>]*>the letter from Jess to Dan</a>`));

    for (const choice of ["DECLINE", "HOLD"]) {
      expect((await act(replyId, { intent: "choice", choice, method: "PHONE" })).status).toBe(200);
      expect(await outputs(replyId, REPLY_WORDS), choice).toEqual({ statuses: [409, 409, 409], carry: [false, false, false] });
      expect((await act(replyId, { intent: "release", method: "POST" })).status, choice).toBe(409);
    }
    const chosenBy = await getDb().letterDeliveryChoice.findMany({ where: { letterId: replyId }, select: { participantId: true } });
    expect(chosenBy.map((c) => c.participantId)).toEqual([p.harmed, p.harmed]);
    expect(await getDb().letterRelease.count({ where: { letterId: replyId } })).toBe(0);
    expect(await status(replyId)).toBe("APPROVED");
    expect(await getDb().auditEvent.count({ where: { action: "letter.export.refused", target: `letter:${replyId}` } })).toBeGreaterThanOrEqual(4);
  });
});
