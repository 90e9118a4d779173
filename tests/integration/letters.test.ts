import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const OPEN_DATA = `_data=${encodeURIComponent("routes/cases.$caseId_.letters._index")}`;
const PASSWORD = "a-long-enough-password";

function setText(peer: TestPeer, lines: string[]) {
  const field = flatField(peer.doc, "letter");
  peer.doc.transact(() => {
    field.chars.delete(0, field.chars.length);
    appendParagraphs(field, lines);
  });
}

describe("a letter from draft to delivery, moderated and decided by the person harmed", () => {
  const server = useDemoServer();
  let lead: TestClient;
  let caseId = "";
  let people: { writerId: string; recipientId: string };
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    lead = await new TestClient(server().origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    caseId = await caseIdByReference("RJ-2026-0142");
    const db = getDb();
    people = {
      writerId: (await db.participant.findFirstOrThrow({ where: { caseId, role: "PERSON_RESPONSIBLE" }, select: { id: true } })).id,
      recipientId: (await db.participant.findFirstOrThrow({ where: { caseId, role: "PERSON_HARMED" }, select: { id: true } })).id,
    };
  });
  afterAll(() => peers.forEach((p) => p.destroy()));

  const open = (username: string, access: "password" | "invite") =>
    lead.post(`/cases/${caseId}/letters?index&${OPEN_DATA}`, {
      intent: "open",
      ...people,
      recipientLabel: "Jess",
      username,
      access,
      password: access === "password" ? PASSWORD : "",
    });
  const act = (client: TestClient, letterId: string, fields: Record<string, string>) => client.post(`/cases/${caseId}/letters/${letterId}`, fields);

  it("refuses to open a letter when the letter gate says no, with its reasons", async () => {
    const other = await caseIdByReference("RJ-2026-0150");
    const res = await lead.post(`/cases/${other}/letters?index&${OPEN_DATA}`, {
      intent: "open",
      ...people,
      recipientLabel: "Jess",
      username: "gate_test",
      access: "password",
      password: PASSWORD,
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { reasons: string[] };
    expect(body.reasons.join(" ")).toMatch(/Add the person responsible|risk assessment/);
    expect(await getDb().user.count({ where: { username: "gate_test" } })).toBe(0);
  });

  it("runs the whole path: draft, submit, changes, approve, no release without a choice, hold, release, destroy", async () => {
    const res = await open("flow_author", "password");
    const letterId = res.headers.get("X-Remix-Redirect")!.split("/").at(-1)!;
    const author = await new TestClient(server().origin).signIn("flow_author", PASSWORD);
    const user = await getDb().user.findUniqueOrThrow({ where: { username: "flow_author" }, select: { email: true, role: true, name: true } });
    expect(user).toEqual({ email: "flow_author@authors.circle.invalid", role: "LETTER_AUTHOR", name: "Dan" });

    const peer = connectPeer(server().origin, author.cookieHeader, `letter:${letterId}`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "synced");
    setText(peer, ["Dear Jess,", "I am sorry I hit you but I was drunk."]);
    await waitFor(() => allSaved(peer), 10_000, "saved");

    // The lead pauses editing: the author cannot submit; then unlocks.
    expect((await act(lead, letterId, { intent: "lock" })).status).toBe(200);
    expect((await author.post(`/letters/${letterId}`, { intent: "submit" })).status).toBe(409);
    expect((await act(lead, letterId, { intent: "unlock" })).status).toBe(200);
    await waitFor(() => peer.provider.synced && peer.provider.wsconnected, 10_000, "reconnected after the access change");

    expect((await author.post(`/letters/${letterId}`, { intent: "submit" })).status).toBe(200);
    const v1 = await getDb().letterVersion.findFirstOrThrow({ where: { letterId, number: 1 }, select: { contentText: true, contentHash: true } });
    expect(v1.contentText).toBe("Dear Jess,\nI am sorry I hit you but I was drunk.");
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);

    // Submitted: the author's connection is now read-only, edits are not applied.
    expect((await act(lead, letterId, { intent: "request-changes", reason: "Please leave out the excuse." })).status).toBe(200);
    await waitFor(async () => (await getDb().letter.findUniqueOrThrow({ where: { id: letterId }, select: { status: true } })).status === "CHANGES_REQUESTED");
    await waitFor(() => peer.provider.synced && peer.provider.wsconnected, 10_000, "writable again");
    setText(peer, ["Dear Jess,", "I am sorry I hit you and took your phone. It was my choice."]);
    await waitFor(() => allSaved(peer), 10_000, "revision saved");
    expect((await author.post(`/letters/${letterId}`, { intent: "submit" })).status).toBe(200);
    // The author can never decide on their own letter.
    expect((await act(author, letterId, { intent: "approve" })).status).toBe(404);
    expect((await act(lead, letterId, { intent: "approve" })).status).toBe(200);

    const page = await (await lead.get(`/cases/${caseId}/letters/${letterId}`)).text();
    expect(page).toMatch(/Version (?:<!-- -->)?2/);
    expect(page).toContain("<ins>");

    // No choice recorded: no release.
    const refused = await act(lead, letterId, { intent: "release", method: "IN_PERSON" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Record their choice first");
    // Hold: still no release, and the page says it is held.
    expect((await act(lead, letterId, { intent: "choice", choice: "HOLD", method: "PHONE", tellAuthor: "She has your letter safe." })).status).toBe(200);
    expect(await (await act(lead, letterId, { intent: "release", method: "IN_PERSON" })).text()).toContain("Held with the service");
    expect(await getDb().letterRelease.count({ where: { letterId } })).toBe(0);
    // The author is told only what she agreed to.
    expect(await (await author.get(`/letters/${letterId}`)).text()).toContain("She has your letter safe.");

    // Later date: not before it. Then receive now without her first name: print and PDF are redacted.
    expect((await act(lead, letterId, { intent: "choice", choice: "DELIVER_LATER", deliverAfter: "2099-01-01T10:00", method: "PHONE" })).status).toBe(200);
    expect(await (await act(lead, letterId, { intent: "release", method: "POST" })).text()).toContain("Not before 1 January 2099, as the recipient asked.");
    expect((await act(lead, letterId, { intent: "choice", choice: "RECEIVE_NOW", redactFirstName: "on", method: "IN_PERSON" })).status).toBe(200);
    const print = await (await lead.get(`/cases/${caseId}/letters/${letterId}/print`)).text();
    expect(print).toContain("Dear [name removed],");
    const pdf = await lead.get(`/cases/${caseId}/letters/${letterId}/pdf`);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await act(lead, letterId, { intent: "release", method: "IN_PERSON" })).status).toBe(200);
    expect(await getDb().letterRelease.count({ where: { letterId } })).toBe(1);

    // Destroy: the content goes, the author's access ends, an audit entry remains.
    expect((await act(lead, letterId, { intent: "destroy", confirm: "destroy" })).status).toBe(200);
    const db = getDb();
    expect(await db.letterVersion.count({ where: { letterId } })).toBe(0);
    expect(await db.collabUpdate.count({ where: { docName: `letter:${letterId}` } })).toBe(0);
    expect(await db.collabJournal.count({ where: { docName: `letter:${letterId}` } })).toBe(0);
    expect(await db.collabSnapshot.count({ where: { docName: `letter:${letterId}` } })).toBe(0);
    expect((await db.letter.findUniqueOrThrow({ where: { id: letterId }, select: { status: true } })).status).toBe("DESTROYED");
    expect(await db.auditEvent.count({ where: { action: "letter.destroy", target: `letter:${letterId}` } })).toBe(1);
    expect((await author.get("/letters")).status).toBe(302);
    expect((await new TestClient(server().origin).post("/login", { email: "flow_author", password: PASSWORD })).status).toBe(403);
    await waitFor(() => peer.closeCodes.length > 0, 10_000, "the author's collab socket closed");
  });

  it("gives a one-time invite code that sets the author's password once", async () => {
    const res = await open("invite_author", "invite");
    const { inviteCode } = (await res.json()) as { inviteCode: string };
    expect(inviteCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const letter = await getDb().letter.findFirstOrThrow({ where: { author: { username: "invite_author" } }, select: { inviteCodeHash: true } });
    expect(letter.inviteCodeHash).not.toContain(inviteCode);
    const fields = { intent: "redeem", username: "invite_author", code: inviteCode.toLowerCase(), password: PASSWORD, confirm: PASSWORD };
    const redeemed = await new TestClient(server().origin).post("/login?invite=1", fields);
    expect(redeemed.status).toBe(302);
    expect(redeemed.headers.get("Location")).toBe("/letters");
    expect((await new TestClient(server().origin).post("/login?invite=1", fields)).status).toBe(400);
    expect((await new TestClient(server().origin).post("/login", { email: "invite_author", password: PASSWORD })).status).toBe(302);
  });

  it("closing a letter ends the author's sign-in and sessions", async () => {
    const res = await open("close_author", "password");
    const letterId = res.headers.get("X-Remix-Redirect")!.split("/").at(-1)!;
    const author = await new TestClient(server().origin).signIn("close_author", PASSWORD);
    expect((await author.get(`/letters/${letterId}`)).status).toBe(200);
    expect((await act(lead, letterId, { intent: "close" })).status).toBe(200);
    expect((await author.get(`/letters/${letterId}`)).status).toBe(302);
    const again = await new TestClient(server().origin).post("/login", { email: "close_author", password: PASSWORD });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("so this sign-in no longer works");
  });

  it("lets the case supervisor read a letter but not moderate or deliver it", async () => {
    const supervisor = await new TestClient(server().origin).signIn("supervisor@demo.circle", DEMO_PASSWORD);
    const letterId = (await getDb().letter.findFirstOrThrow({ where: { author: { username: "daniel" } }, select: { id: true } })).id;
    expect((await supervisor.get(`/cases/${caseId}/letters/${letterId}`)).status).toBe(200);
    for (const intent of ["comment", "approve", "release", "lock"]) expect((await act(supervisor, letterId, { intent, body: "x", method: "POST" })).status, intent).toBe(404);
  });
});
