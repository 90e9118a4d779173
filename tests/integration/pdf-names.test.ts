import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const OPEN_DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.letters._index")}`;
const PASSWORD = "a-long-enough-password";

/**
 * People in a Welsh, Polish, Greek or Russian family get their names printed as written in every
 * PDF that leaves the service, not "Ll?r" for "Llŷr".
 */
describe("agreement and letter PDFs print people's names as written", () => {
  const server = useDemoServer();
  const peers: TestPeer[] = [];
  let lead: TestClient, supervisor: TestClient;
  let caseId = "",
    responsible = "",
    harmed = "";
  const db = () => getDb();

  beforeAll(async () => {
    [lead, supervisor] = (await Promise.all(["lead", "supervisor"].map((n) => new TestClient(server().origin).signIn(`${n}@demo.circle`, DEMO_PASSWORD)))) as [
      TestClient,
      TestClient,
    ];
    caseId = await caseIdByReference("RJ-2026-0142");
    responsible = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" } })).id;
    harmed = (await db().participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" } })).id;
    await db().participant.update({ where: { id: responsible }, data: { name: "Llŷr ap Siôn", preferredName: "" } });
    await db().participant.update({ where: { id: harmed }, data: { name: "Αλέξης Παπαδόπουλος", preferredName: "" } });
  });
  afterAll(() => peers.forEach((p) => p.destroy()));

  it("the approved agreement's PDF carries the terms, narrative and signatures with every name intact", async () => {
    const act = `/cases/${caseId}/agreement?_data=${encodeURIComponent("routes/cases.$caseId_.agreement")}`;
    expect((await lead.post(act, { intent: "start" })).status).toBe(200);
    const agreementId = (await db().agreement.findFirstOrThrow({ where: { caseId } })).id;
    const term = {
      intent: "add-term",
      type: "OTHER",
      responsibleId: responsible,
      beneficiaryId: harmed,
      description: "Paint the fence at Tŷ Hapus with Łukasz",
      verification: "Ольга will check it",
      dueDate: "2027-01-31",
    };
    expect((await lead.post(act, term)).status).toBe(200);
    expect((await lead.post(act, { ...term, type: "APOLOGY_LETTER", description: "Write to Αλέξης", dueDate: "2026-12-01" })).status).toBe(200);
    const peer = connectPeer(server().origin, lead.cookieHeader, `agreement:${agreementId}`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "synced");
    appendParagraphs(flatField(peer.doc, "narrative"), ["Llŷr said sorry to Αλέξης; Ольга Смирнова listened."]);
    await waitFor(() => allSaved(peer), 10_000, "narrative saved");
    expect((await lead.post(act, { intent: "freeze" })).status).toBe(200);
    const version = await db().agreementVersion.findFirstOrThrow({ where: { agreementId }, orderBy: { number: "desc" } });
    expect((await lead.post(act, { intent: "sign", versionId: version.id, participantId: responsible, method: "TYPED", typedName: "Llŷr ap Siôn", attest: "on" })).status).toBe(
      200,
    );
    expect((await lead.post(act, { intent: "submit", versionId: version.id })).status).toBe(200);
    expect((await supervisor.post(act, { intent: "approve", versionId: version.id })).status).toBe(200);

    const pdf = await lead.get(`/cases/${caseId}/agreement/versions/${version.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("Paint the fence at Tŷ Hapus with Łukasz");
    expect(text).toContain("Responsible: Llŷr ap Siôn · For: Αλέξης Παπαδόπουλος");
    expect(text).toContain("How completion will be checked: Ольга will check it");
    expect(text).toContain("Llŷr said sorry to Αλέξης; Ольга Смирнова listened.");
    expect(text).toMatch(/Signed by Llŷr ap Siôn on .*typed as “Llŷr ap Siôn”/);
    expect(text).not.toMatch(/\w\?\w/);
    // Due dates read as dates, in the PDF and on the monitoring panel.
    expect(text).toContain("due 31 January 2027");
    expect(text).toContain("due 1 December 2026");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const page = (await (await lead.get(`/cases/${caseId}/agreement`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("Overdue since 1 December 2026");
    expect(page).not.toMatch(/(Overdue since|Due|due) \d{4}-\d{2}-\d{2}/);
  });

  it("the delivered letter's PDF carries the author's words and names intact", async () => {
    const opened = await lead.post(`/cases/${caseId}/letters?index&${OPEN_DATA}`, {
      intent: "open",
      writerId: responsible,
      recipientId: harmed,
      recipientLabel: "Αλέξης",
      username: "names_author",
      access: "password",
      password: PASSWORD,
    });
    const letterId = opened.headers.get("X-Remix-Redirect")!.split("/").at(-1)!;
    const author = await new TestClient(server().origin).signIn("names_author", PASSWORD);
    const peer = connectPeer(server().origin, author.cookieHeader, `letter:${letterId}`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "synced");
    appendParagraphs(flatField(peer.doc, "letter"), ["Annwyl Αλέξης,", "I am sorry for what happened outside Tŷ Hapus. Łukasz and Ольга know it too.", "Llŷr ap Siôn"]);
    await waitFor(() => allSaved(peer), 10_000, "saved");
    expect((await author.post(`/letters/${letterId}`, { intent: "submit" })).status).toBe(200);
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "approve" })).status).toBe(200);
    // Held: the PDF is refused, as before.
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "choice", method: "PHONE", choice: "HOLD" })).status).toBe(200);
    expect((await lead.get(`/cases/${caseId}/letters/${letterId}/pdf`)).status).toBe(409);
    expect((await lead.post(`/cases/${caseId}/letters/${letterId}`, { intent: "choice", method: "PHONE", choice: "RECEIVE_NOW" })).status).toBe(200);

    const pdf = await lead.get(`/cases/${caseId}/letters/${letterId}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("A letter for you");
    expect(text).toContain("Annwyl Αλέξης,");
    expect(text).toContain("I am sorry for what happened outside Tŷ Hapus. Łukasz and Ольга know it too.");
    expect(text).toContain("Llŷr ap Siôn");
  });
});
