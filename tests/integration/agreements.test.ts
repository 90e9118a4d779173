import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { appendParagraphs, flatField, readFlat } from "~/realtime/flat-store";
import { hashContent } from "~/models/agreement-workflow.server";
import { CollabClose } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { allSaved, storedDoc, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { pdfText, pdfWithoutStreams } from "../support/pdf-text";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const peers: TestPeer[] = [];
const track = (p: TestPeer) => (peers.push(p), p);
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));

const SCRIPT = `<script>window.pwned=1</script><img src=x onerror="fetch('https://evil.example')">`;
const PATH = "M10 20 L30 40 L55.5 60 M100 100 L120 90";

function writeNarrative(peer: TestPeer, text: string) {
  appendParagraphs(flatField(peer.doc, "narrative"), [text]);
}

describe("outcome agreements: frozen versions, signatures, review and tampering", () => {
  const server = useDemoServer();
  let lead: TestClient, co: TestClient, supervisor: TestClient, other: TestClient, otherSupervisor: TestClient;
  let caseId = "",
    path = "",
    act = "",
    agreementId = "",
    dan = "",
    jess = "";
  const db = () => getDb();
  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  const versions = () => db().agreementVersion.findMany({ where: { agreementId }, orderBy: { number: "asc" }, include: { signatures: true } });
  const refusals = () => db().auditEvent.count({ where: { action: "agreement.change.refused", caseId } });
  const term = (fields: Record<string, string>) => ({ intent: "add-term", responsibleId: dan, beneficiaryId: jess, verification: "Receipts shown to the facilitator", ...fields });

  beforeAll(async () => {
    [lead, co, supervisor, other] = (await Promise.all(["lead", "co", "supervisor", "other"].map((n) => signIn(`${n}@demo.circle`)))) as [
      TestClient,
      TestClient,
      TestClient,
      TestClient,
    ];
    caseId = await caseIdByReference("RJ-2026-0142");
    path = `/cases/${caseId}/agreement`;
    // Posts as a fetcher makes them: the action's JSON, not the re-rendered page.
    act = `${path}?_data=${encodeURIComponent("routes/cases.$caseId_.agreement")}`;
    dan = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Daniel Price" } })).id;
    jess = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Jessica Barnes" } })).id;
    // A supervisor of another case only (the bicycle theft), in the same service.
    const service = await db().service.findFirstOrThrow();
    const user = await factories(db()).user({ serviceId: service.id, email: "sup2@demo.circle", name: "Second Supervisor", role: "SUPERVISOR", password: DEMO_PASSWORD });
    await db().caseMember.create({ data: { caseId: await caseIdByReference("RJ-2026-0161"), userId: user.id, role: "SUPERVISOR" } });
    otherSupervisor = await signIn("sup2@demo.circle");
  });

  it("lets only the case team see the agreement: another case's facilitator gets 404", async () => {
    expect((await lead.get(path)).status).toBe(200);
    expect((await supervisor.get(path)).status).toBe(200);
    expect((await other.get(path)).status).toBe(404);
    expect((await other.post(act, { intent: "start" })).status).toBe(404);
    expect((await supervisor.post(act, { intent: "start" })).status).toBe(404); // the supervisor reviews, never drafts
    expect((await lead.post(act, { intent: "start" })).status).toBe(200);
    agreementId = (await db().agreement.findFirstOrThrow({ where: { caseId } })).id;
  });

  it("freezes terms and the narrative into a hashed version; signatures bind to that hash; editing afterwards makes a new version with no signatures", async () => {
    expect((await lead.post(act, term({ type: "RESTITUTION", description: "Pay for the phone", amount: "120", instalments: "4", dueDate: "2027-01-31" }))).status).toBe(200);
    const bad = await lead.post(act, term({ type: "RESTITUTION", description: "Pay for the phone" }));
    expect(bad.status).toBe(409);
    expect(await bad.json()).toMatchObject({ ok: false, errors: { amount: "Restitution needs an amount in pounds" } });
    expect((await co.post(act, term({ type: "APOLOGY_LETTER", description: "Write to Jess", dueDate: "2026-12-31" }))).status).toBe(200);

    const peer = track(connectPeer(server().origin, lead.cookieHeader, `agreement:${agreementId}`));
    await waitFor(() => peer.provider.synced, 10_000, "lead synced");
    writeNarrative(peer, `Dan will repay Jess. ${SCRIPT}`);
    await waitFor(() => allSaved(peer), 10_000, "narrative saved");

    expect((await lead.post(act, { intent: "freeze" })).status).toBe(200);
    const [v1] = await versions();
    expect(v1).toMatchObject({ number: 1, state: "SIGNING" });
    expect(v1!.contentHash).toBe(hashContent(v1!.termsJson, v1!.narrativeJson));
    expect(v1!.narrativeText).toContain(SCRIPT);

    const markup = await lead.post(act, { intent: "sign", versionId: v1!.id, participantId: dan, method: "DRAWN", drawing: `<svg onload="alert(1)"><path d="${PATH}"/></svg>` });
    expect(markup.status).toBe(409);
    const unattested = await lead.post(act, { intent: "sign", versionId: v1!.id, participantId: jess, method: "TYPED", typedName: "Jessica Barnes" });
    expect(await unattested.json()).toMatchObject({ errors: { attest: expect.stringContaining("Confirm") } });
    expect((await lead.post(act, { intent: "sign", versionId: v1!.id, participantId: dan, method: "DRAWN", drawing: PATH })).status).toBe(200);
    expect((await co.post(act, { intent: "sign", versionId: v1!.id, participantId: jess, method: "TYPED", typedName: "Jessica Barnes", attest: "on" })).status).toBe(200);
    const signed = (await versions())[0]!;
    expect(signed.signatures).toHaveLength(2);
    for (const s of signed.signatures) expect(s.contentHash).toBe(signed.contentHash);
    expect(signed.signatures.find((s) => s.method === "TYPED")?.attestedById).toBeTruthy();

    // The draft changes after signing: signing again refuses the stale version, and freezing makes version 2.
    const letterTerm = await db().agreementTerm.findFirstOrThrow({ where: { agreementId, type: "APOLOGY_LETTER" } });
    expect(
      (
        await lead.post(act, {
          ...term({ type: "APOLOGY_LETTER", description: "Write to Jess within a month", dueDate: "2026-12-31" }),
          intent: "edit-term",
          termId: letterTerm.id,
        })
      ).status,
    ).toBe(200);
    expect((await lead.post(act, { intent: "submit", versionId: v1!.id })).status).toBe(409);
    expect((await lead.post(act, { intent: "freeze" })).status).toBe(200);
    const [old, v2] = await versions();
    expect(old).toMatchObject({ state: "SUPERSEDED", contentHash: v1!.contentHash });
    expect(old!.signatures).toHaveLength(2);
    expect(v2).toMatchObject({ number: 2, state: "SIGNING" });
    expect(v2!.signatures).toHaveLength(0);
    expect(v2!.contentHash).not.toBe(v1!.contentHash);
  });

  it("submits, takes the supervisor's comments and decision, and only the case's supervisor may decide", async () => {
    const v2 = (await versions())[1]!;
    // Everyone responsible for a term signs first.
    expect(await (await lead.post(act, { intent: "sign", versionId: v2.id, participantId: jess, method: "TYPED", typedName: "Jess", attest: "on" })).json()).toMatchObject({
      ok: true,
    });
    const early = await lead.post(act, { intent: "submit", versionId: v2.id });
    expect(await early.json()).toMatchObject({ errors: { form: expect.stringContaining("Daniel Price") } });
    await lead.post(act, { intent: "sign", versionId: v2.id, participantId: dan, method: "DRAWN", drawing: PATH });
    expect((await lead.post(act, { intent: "submit", versionId: v2.id })).status).toBe(200);
    expect((await db().agreement.findUniqueOrThrow({ where: { id: agreementId } })).status).toBe("SUBMITTED");

    expect((await otherSupervisor.post(act, { intent: "approve", versionId: v2.id })).status).toBe(404);
    expect((await otherSupervisor.get(path)).status).toBe(404);
    expect((await lead.post(act, { intent: "approve", versionId: v2.id })).status).toBe(404);
    const restitution = JSON.parse(v2.termsJson)[0] as { id: string };
    expect((await supervisor.post(act, { intent: "comment", versionId: v2.id, termId: restitution.id, body: "Four instalments is too many." })).status).toBe(200);
    expect((await supervisor.post(act, { intent: "request-changes", versionId: v2.id, reason: "Agree two instalments." })).status).toBe(200);
    expect(await db().agreementVersion.findUniqueOrThrow({ where: { id: v2.id } })).toMatchObject({ state: "CHANGES_REQUESTED", decisionReason: "Agree two instalments." });
    expect((await db().agreement.findUniqueOrThrow({ where: { id: agreementId } })).status).toBe("DRAFTING");
  });

  it("approves a revised version; afterwards nothing changes, through the API or the collab socket, and attempts are audited", async () => {
    const restitution = await db().agreementTerm.findFirstOrThrow({ where: { agreementId, type: "RESTITUTION" } });
    await lead.post(act, {
      ...term({ type: "RESTITUTION", description: "Pay for the phone", amount: "120", instalments: "2", dueDate: "2027-01-31" }),
      intent: "edit-term",
      termId: restitution.id,
    });
    await lead.post(act, { intent: "freeze" });
    const v3 = (await versions()).at(-1)!;
    await lead.post(act, { intent: "sign", versionId: v3.id, participantId: dan, method: "DRAWN", drawing: PATH });
    // The lead's tablet is open on the narrative (writable while drafting) when the version is submitted.
    const leadPeer = track(connectPeer(server().origin, lead.cookieHeader, `agreement:${agreementId}`));
    const supPeer = track(connectPeer(server().origin, supervisor.cookieHeader, `agreement:${agreementId}`));
    await waitFor(() => leadPeer.provider.synced && supPeer.provider.synced, 10_000, "both synced");
    expect((await lead.post(act, { intent: "submit", versionId: v3.id })).status).toBe(200);
    expect((await supervisor.post(act, { intent: "approve", versionId: v3.id })).status).toBe(200);
    expect(await db().agreement.findUniqueOrThrow({ where: { id: agreementId } })).toMatchObject({ status: "APPROVED", approvedVersionId: v3.id });

    const before = await refusals();
    expect((await lead.post(act, { ...term({ type: "OTHER", description: "Sneak in a term" }), intent: "edit-term", termId: restitution.id })).status).toBe(409);
    expect((await co.post(act, term({ type: "OTHER", description: "Sneak in a term" }))).status).toBe(409);
    expect((await lead.post(act, { intent: "sign", versionId: v3.id, participantId: jess, method: "TYPED", typedName: "Jess", attest: "on" })).status).toBe(409);
    expect((await lead.post(act, { intent: "submit", versionId: v3.id })).status).toBe(409);
    expect((await supervisor.post(act, { intent: "approve", versionId: v3.id })).status).toBe(409);
    expect(await refusals()).toBe(before + 5);
    expect(await db().agreementSignature.count({ where: { versionId: v3.id } })).toBe(1);
    await expect(db().agreementVersion.update({ where: { id: v3.id }, data: { termsJson: "[]" } })).rejects.toThrow();

    // The open collab connection was re-authorized read-only; its writes are dropped.
    await waitFor(() => leadPeer.closeCodes.includes(CollabClose.accessChanged), 10_000, "lead re-authorized");
    await waitFor(() => leadPeer.provider.synced && leadPeer.provider.wsconnected, 10_000, "lead reconnected");
    const open = await db().auditEvent.findFirstOrThrow({
      where: { action: "collab.open", target: `agreement:${agreementId}`, actor: { email: "lead@demo.circle" } },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(open.details)).toMatchObject({ access: "read" });
    writeNarrative(leadPeer, "Tampered after approval");
    // Frames of one connection are handled in order: once the server answers a sync request sent
    // after the write, the write was handled (and dropped).
    leadPeer.provider.synced = false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // y-websocket messageSync
    syncProtocol.writeSyncStep1(encoder, leadPeer.doc);
    leadPeer.provider.ws!.send(encoding.toUint8Array(encoder));
    await waitFor(() => leadPeer.provider.synced, 10_000, "server answered after the write");
    expect(readFlat(flatField(supPeer.doc, "narrative")).text).not.toContain("Tampered");
    expect(readFlat(flatField(storedDoc(`agreement:${agreementId}`), "narrative")).text).not.toContain("Tampered");
    expect(allSaved(leadPeer)).toBe(false);
    // …and the attempt is audited (once per connection, not per keystroke).
    await waitFor(
      () => db().auditEvent.count({ where: { action: "collab.write.refused", target: `agreement:${agreementId}`, actor: { email: "lead@demo.circle" } } }),
      5_000,
      "the refused write is audited",
    );
  });

  it("never runs script from the narrative: the page, the print view and the PDF carry it as text", async () => {
    const v3 = (await versions()).at(-1)!;
    const page = await (await supervisor.get(path)).text();
    expect(page).not.toContain("<script>window.pwned");
    expect(page).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt;");
    const print = await lead.get(`${path}/versions/${v3.id}/print`);
    expect(print.status).toBe(200);
    const html = await print.text();
    expect(html).not.toContain("<script>window.pwned");
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).toContain("&lt;img src=x onerror=");
    const pdf = await co.get(`${path}/versions/${v3.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="agreement-RJ-2026-0142-v3\.pdf"$/);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const raw = pdfWithoutStreams(bytes);
    expect(raw).toContain("/Type /Catalog");
    expect(raw).not.toMatch(/\/(JavaScript|JS|URI|Launch|OpenAction|AA)\b/);
    const text = await pdfText(bytes);
    expect(text).toContain("window.pwned=1");
    expect(text).toContain("Pay for the phone");
    expect(text).toContain("£120.00 in 2 instalments · due 31 January 2027");
    expect(text).toContain("Write to Jess within a month");
    expect(text).toContain("Approved by Sam Okafor");
    expect(text).toMatch(/Signed by Daniel Price on .* \(drawn\)/);
    expect(text).toContain(v3.contentHash);
    // A version that is not the approved one has no export.
    const v1 = (await versions())[0]!;
    expect((await lead.get(`${path}/versions/${v1.id}/pdf`)).status).toBe(404);
    expect((await other.get(`${path}/versions/${v3.id}/pdf`)).status).toBe(404);
  });

  it("monitors approved terms: progress, payments in pence, due terms on My cases, and telling the person harmed", async () => {
    const v3 = (await versions()).at(-1)!;
    const [restitution, letter] = JSON.parse(v3.termsJson) as { id: string }[];
    expect((await co.post(act, { intent: "payment", termId: restitution!.id, amount: "45.50", receivedAt: "2026-11-01" })).status).toBe(200);
    expect((await co.post(act, { intent: "payment", termId: letter!.id, amount: "10", receivedAt: "2026-11-01" })).status).toBe(409);
    expect(await db().agreementPayment.findFirstOrThrow({ where: { agreementId } })).toMatchObject({ amountPence: 4550 });
    expect((await lead.post(act, { intent: "progress", termId: letter!.id, status: "IN_PROGRESS", note: "First draft written" })).status).toBe(200);
    expect((await supervisor.post(act, { intent: "progress", termId: letter!.id, status: "COMPLETED" })).status).toBe(404);
    const reviews = await (await supervisor.get("/reviews")).text();
    expect(reviews).toContain("Terms due or overdue");
    expect((await lead.get("/reviews")).status).toBe(404);
    expect((await lead.post(act, { intent: "notice", outcome: "COMPLETED", participantId: dan, method: "PHONE", toldAt: "2026-11-02" })).status).toBe(409);
    expect((await lead.post(act, { intent: "notice", outcome: "COMPLETED", participantId: jess, method: "PHONE", toldAt: "2026-11-02" })).status).toBe(200);
    expect((await db().agreement.findUniqueOrThrow({ where: { id: agreementId } })).status).toBe("COMPLETED");
  });
});
