import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { appendParagraphs, flatField } from "~/realtime/flat-store";
import { getDb } from "~/utils/db.server";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { caseIdByReference, TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

const peers: TestPeer[] = [];
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));

const PATH = "M10 20 L30 40 L55.5 60 M100 100 L120 90";
const AGREED = "Dan will repay Jess in two payments.";
const ADDED_WHILE_SIGNING = "Jess also asks for a new phone case.";
const ADDED_AFTER_REVIEW = "Written after the supervisor asked for changes.";

/** One more paragraph at the end of the live narrative, as the editor stores it. */
function appendParagraph(peer: TestPeer, text: string) {
  appendParagraphs(flatField(peer.doc, "narrative"), [text]);
}

/**
 * The outer HTML of the first `<tag>` whose opening tag contains `attr` (nested tags of the same
 * name counted), or "" when there is none.
 */
function element(html: string, tag: string, attr: string): string {
  const open = new RegExp(`<${tag}\\b[^>]*${attr.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^>]*>`).exec(html);
  if (!open) return "";
  const re = new RegExp(`<${tag}\\b|</${tag}>`, "g");
  re.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[0].startsWith("</") ? -1 : 1;
    if (depth === 0) return html.slice(open.index, m.index + m[0].length);
  }
  return html.slice(open.index);
}

/** What a reader sees of some HTML: its text, entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'", nbsp: " " };
  // React separates adjacent text with <!-- -->: part of the same words, not a gap.
  return html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#x27|#39|nbsp);/g, (_m, e: string) => entities[e]!)
    .replace(/\s+/g, " ")
    .trim();
}

describe("signed text always comes from the frozen version, never from the live narrative", () => {
  const server = useDemoServer();
  let lead: TestClient, co: TestClient, supervisor: TestClient;
  let path = "",
    act = "",
    agreementId = "",
    dan = "",
    jess = "";
  const db = () => getDb();
  const signIn = (email: string) => new TestClient(server().origin).signIn(email, DEMO_PASSWORD);
  const page = async (client: TestClient) => {
    const res = await client.get(path);
    expect(res.status).toBe(200);
    return res.text();
  };
  const version = (number: number) => db().agreementVersion.findFirstOrThrow({ where: { agreementId, number } });
  /** The co-facilitator's tablet adds a paragraph to the live narrative; resolves once it is saved. */
  const coWrites = async (text: string) => {
    const peer = connectPeer(server().origin, co.cookieHeader, `agreement:${agreementId}`);
    peers.push(peer);
    await waitFor(() => peer.provider.synced, 10_000, "co synced");
    appendParagraph(peer, text);
    await waitFor(() => allSaved(peer), 10_000, "co's paragraph saved");
  };
  /** A version's entry in the versions list, as text. */
  const versionEntry = async (html: string, number: number) => textOf(element(html, "li", `aria-labelledby="version-${(await version(number)).id}"`));

  beforeAll(async () => {
    [lead, co, supervisor] = (await Promise.all(["lead", "co", "supervisor"].map((n) => signIn(`${n}@demo.circle`)))) as [TestClient, TestClient, TestClient];
    const caseId = await caseIdByReference("RJ-2026-0142");
    path = `/cases/${caseId}/agreement`;
    act = `${path}?_data=${encodeURIComponent("routes/cases.$caseId_.agreement")}`;
    dan = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Daniel Price" } })).id;
    jess = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Jessica Barnes" } })).id;
    expect((await lead.post(act, { intent: "start" })).status).toBe(200);
    agreementId = (await db().agreement.findFirstOrThrow({ where: { caseId } })).id;
    const term = {
      intent: "add-term",
      type: "RESTITUTION",
      description: "Pay for the phone",
      amount: "120",
      instalments: "2",
      dueDate: "2027-01-31",
      responsibleId: dan,
      beneficiaryId: jess,
      verification: "Receipts",
    };
    expect((await lead.post(act, term)).status).toBe(200);
    await coWrites(AGREED);
  });

  it("shows the version being signed, open beside the signatures, with the text it was frozen with", async () => {
    expect((await lead.post(act, { intent: "freeze" })).status).toBe(200);
    const signing = element(await page(lead), "section", 'aria-labelledby="signing-heading"');
    // Shown, not folded away in a disclosure the person signing might never open.
    expect(signing).not.toContain("<details");
    const frozen = textOf(element(signing, "div", 'class="frozen-version"'));
    expect(frozen).toContain("What is being signed: version 1");
    expect(frozen).toContain(AGREED);
    expect(frozen).toContain("Pay for the phone");
    expect(textOf(signing)).toContain("Confirm Dan's signature");
  });

  it("keeps showing the signed text next to the signatures after the live narrative is edited", async () => {
    const v1 = await version(1);
    expect((await lead.post(act, { intent: "sign", versionId: v1.id, participantId: dan, method: "DRAWN", drawing: PATH })).status).toBe(200);
    await coWrites(ADDED_WHILE_SIGNING);

    const html = await page(lead);
    const signing = textOf(element(html, "section", 'aria-labelledby="signing-heading"'));
    expect(signing).toContain("The draft changed after version 1 was prepared, so its 1 signature stay with that text.");
    expect(signing).not.toContain(ADDED_WHILE_SIGNING);
    expect(signing).not.toContain("Confirm Dan's signature");
    const entry = await versionEntry(html, 1);
    expect(entry).toContain(AGREED);
    expect(entry).toContain("Signed by Daniel Price");
    expect(entry).not.toContain(ADDED_WHILE_SIGNING);
    // The same for the supervisor, who reads every version.
    const seenBySupervisor = await versionEntry(await page(supervisor), 1);
    expect(seenBySupervisor).toContain(AGREED);
    expect(seenBySupervisor).not.toContain(ADDED_WHILE_SIGNING);
  });

  it("shows the submitted version's own text for review, and keeps it once the draft changes again", async () => {
    expect((await lead.post(act, { intent: "freeze" })).status).toBe(200);
    const v2 = await version(2);
    for (const participantId of [dan, jess]) {
      expect((await lead.post(act, { intent: "sign", versionId: v2.id, participantId, method: "DRAWN", drawing: PATH })).status).toBe(200);
    }
    expect((await lead.post(act, { intent: "submit", versionId: v2.id })).status).toBe(200);
    const review = textOf(element(await page(supervisor), "section", 'aria-labelledby="review-heading"'));
    expect(review).toContain("Review version 2");
    expect(review).toContain("with 2 signatures");
    expect(review).toContain(`${AGREED} ${ADDED_WHILE_SIGNING}`);

    expect((await supervisor.post(act, { intent: "request-changes", versionId: v2.id, reason: "Say when the phone case is bought." })).status).toBe(200);
    await coWrites(ADDED_AFTER_REVIEW);
    for (const client of [lead, supervisor]) {
      const entry = await versionEntry(await page(client), 2);
      expect(entry).toContain(`${AGREED} ${ADDED_WHILE_SIGNING}`);
      expect(entry).toContain("Signed by Daniel Price");
      expect(entry).toContain("Signed by Jessica Barnes");
      expect(entry).not.toContain(ADDED_AFTER_REVIEW);
    }
    // Version 1 still has only the text Dan signed.
    expect(await versionEntry(await page(lead), 1)).not.toContain(ADDED_WHILE_SIGNING);
  });
});
