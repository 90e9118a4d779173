import { beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import * as build from "../../build/index.js";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, TestClient } from "../support/http";
import { composePattern } from "../support/matrix";
import { clientFor } from "../support/matrix-subject";
import { connectSocket, openCollab } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * A party's own message workspace (shuttle communication), against the real server: the
 * facilitators open one for each party on the bus-stop case; Jess writes her questions herself,
 * Daniel (with the sign-in he has for his letter) answers them in his; nothing reaches either of
 * them before a facilitator has approved it and recorded it as delivered, a held choice hides it
 * again, a safety edit waits for the sender's own agreement, and closing ends it. Each party, signed
 * in, gets nothing of the other's beyond what was delivered to them, on any route, socket or document.
 */
const EXCHANGE = `_data=${encodeURIComponent("routes/cases.$caseId_.exchange")}`;
const MESSAGES = `/messages?_data=${encodeURIComponent("routes/messages")}`;
const PASSWORD = "a-long-enough-password";
const manifest = (build as unknown as ServerBuild).routes;
const stamp = Date.now().toString(36);
/** Words that must never reach the other party: unapproved, or said to the facilitator only. */
const JESS_UNAPPROVED = `jess-unapproved-${stamp}-qz`;
const DANIEL_UNAPPROVED = `daniel-unapproved-${stamp}-qz`;
const JESS_BEFORE_EDIT = `jess-before-edit-${stamp}-qz`;
const CASE_DETAILS = ["RJ-2026-0142", "Street robbery", "Linda Millington", "Sam Okafor"];

type Space = {
  firstName: string;
  recipientLabel: string;
  received: { id: string; kind: string; text: string; fromLabel: string; myAnswers: string[] }[];
  own: { id: string; kind: string; text: string; status: string; proposed: { text: string } | null; passOn: string | null }[];
};

describe("a party's own message workspace", () => {
  const server = useDemoServer();
  const db = () => getDb();
  const today = serviceDate();
  let lead: TestClient;
  let caseId = "",
    jess = "",
    daniel = "";
  let jessClient: TestClient, danielClient: TestClient;
  let jessWriter = "",
    danielWriter = "";
  const questions: string[] = [];
  let danielAnswer = "";
  const exchange = (fields: Record<string, string>) => lead.post(`/cases/${caseId}/exchange?${EXCHANGE}`, fields);
  const json = async <T = { ok: boolean; id?: string; errors?: Record<string, string>; inviteCode?: string; writerId?: string; username?: string }>(res: Response) =>
    (await res.json()) as T;
  const spaceOf = async (client: TestClient) => {
    const res = await client.get(MESSAGES);
    expect(res.status).toBe(200);
    return ((await res.json()) as { spaces: (Space & { id: string })[] }).spaces[0]!;
  };
  const write = (client: TestClient, writerId: string, fields: Record<string, string>) => client.post(MESSAGES, { intent: "write", writerId, consent: "yes", ...fields });

  beforeAll(async () => {
    caseId = await caseIdByReference("RJ-2026-0142");
    jess = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Jessica Barnes" } })).id;
    daniel = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Daniel Price" } })).id;
    lead = await clientFor(server().origin, "lead");
    // The contact details of both, as canaries: neither may ever see the other's.
    await db().participant.update({ where: { id: jess }, data: { phone: "07700 900142", address: `14 Orchard Row ${stamp}` } });
    await db().participant.update({ where: { id: daniel }, data: { phone: "07700 900150", address: `22 Mill Street ${stamp}` } });
  });

  it("opens only with the writer's consent to messages being passed, and says what is wrong with a bad form", async () => {
    const empty = await json(await exchange({ intent: "open-writer" }));
    expect(empty.errors).toMatchObject({ participantId: "Choose who will write", recipientId: "Choose whom they write to", access: "Choose how they sign in" });
    const base = { intent: "open-writer", participantId: jess, recipientId: daniel, recipientLabel: "Dan", access: "invite", username: "jess_messages" };
    const refused = await exchange(base);
    expect(refused.status).toBe(409);
    expect((await json(refused)).errors?.form).toMatch(/has not agreed to messages being passed/);
    const leadId = (await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" } })).id;
    for (const participantId of [jess, daniel])
      await db().consentEntry.create({ data: { caseId, participantId, element: "PASS_MESSAGES", answer: "YES", method: "IN_PERSON", givenAt: new Date(), recordedById: leadId } });
    expect((await json(await exchange({ ...base, recipientId: jess }))).errors?.recipientId).toMatch(/other party/);
    expect((await json(await exchange({ ...base, username: "daniel" }))).errors?.username).toBe("That username is taken. Choose another.");
    expect((await json(await exchange({ ...base, participantId: jess, recipientId: daniel, access: "existing" }))).errors?.access).toMatch(/no letter sign-in/);
    expect(await db().exchangeWriter.count({ where: { caseId } })).toBe(0);
  });

  it("Jess gets a one-time invite code; Daniel uses the sign-in he has for his letter; each lands on their messages", async () => {
    const opened = await json(
      await exchange({ intent: "open-writer", participantId: jess, recipientId: daniel, recipientLabel: "Dan", access: "invite", username: "jess_messages" }),
    );
    expect(opened.ok).toBe(true);
    expect(opened.inviteCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    jessWriter = opened.writerId!;
    const again = await exchange({ intent: "open-writer", participantId: jess, recipientId: daniel, recipientLabel: "Dan", access: "invite", username: "jess_messages2" });
    expect(again.status).toBe(409);
    const redeemed = await new TestClient(server().origin).post("/login?invite=1", {
      intent: "redeem",
      username: "jess_messages",
      code: opened.inviteCode!.toLowerCase(),
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(redeemed.status).toBe(302);
    // The code works once.
    expect(
      (
        await new TestClient(server().origin).post("/login?invite=1", {
          intent: "redeem",
          username: "jess_messages",
          code: opened.inviteCode!,
          password: PASSWORD,
          confirm: PASSWORD,
        })
      ).status,
    ).toBe(400);
    jessClient = await new TestClient(server().origin).signIn("jess_messages", PASSWORD);
    const home = await jessClient.get("/letters");
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/messages");
    const page = await (await jessClient.get("/messages")).text();
    expect(page).toMatch(/Hello (?:<!-- -->)?Jess/);
    expect(page).toContain("My messages");

    const existing = await json(await exchange({ intent: "open-writer", participantId: daniel, recipientId: jess, recipientLabel: "Jess", access: "existing" }));
    expect(existing).toMatchObject({ ok: true, username: "daniel", inviteCode: null });
    danielWriter = existing.writerId!;
    danielClient = await new TestClient(server().origin).signIn("daniel", DEMO_PASSWORD);
    // He keeps his letter, and his messages are beside it.
    const letters = await danielClient.get("/letters");
    expect(letters.status).toBe(200);
    expect(await letters.text()).toContain('href="/messages"');
    expect((await spaceOf(danielClient)).received).toEqual([]);
  });

  it("what Jess writes waits for review, tells the facilitators, and reaches Daniel only once approved and delivered", async () => {
    for (const text of ["Why me?", "Were you sorry?", "Would you do it again?"]) {
      const res = await write(jessClient, jessWriter, { kind: "QUESTION", text });
      expect(res.status).toBe(200);
      questions.push((await json(res)).id!);
    }
    expect((await write(jessClient, jessWriter, { kind: "MESSAGE", text: JESS_UNAPPROVED })).status).toBe(200);
    // Without the box ticked nothing is sent.
    const unticked = await jessClient.post(MESSAGES, { intent: "write", writerId: jessWriter, kind: "QUESTION", text: "Again?" });
    expect(unticked.status).toBe(400);
    expect((await json(unticked)).errors?.consent).toMatch(/Tick the box/);
    const rows = await db().exchangeMessage.findMany({
      where: { id: { in: questions } },
      select: { status: true, gatheredBy: true, fromId: true, toId: true, senderConsent: true },
    });
    expect(rows).toEqual(questions.map(() => ({ status: "RECORDED", gatheredBy: "WRITTEN_BY_PARTY", fromId: jess, toId: daniel, senderConsent: true })));
    const told = await db().notification.findMany({ where: { kind: "EXCHANGE_WRITTEN", caseId }, select: { recipient: { select: { email: true } }, text: true } });
    expect(new Set(told.map((n) => n.recipient.email))).toEqual(new Set(["lead@demo.circle", "co@demo.circle"]));
    expect(told.every((n) => !n.text.includes("Why me"))).toBe(true);
    // Her own page shows where each one is.
    const mine = await spaceOf(jessClient);
    expect(mine.own.map((o) => o.text)).toEqual(["Why me?", "Were you sorry?", "Would you do it again?", JESS_UNAPPROVED]);
    expect(mine.own[0]!.status).toMatch(/With your facilitator/);
    // Nothing yet for Daniel: not recorded, not approved, not delivered.
    expect(JSON.stringify(await spaceOf(danielClient))).not.toContain("Why me");
    // Delivering into a workspace needs approval first, and Daniel's choice.
    expect((await exchange({ intent: "deliver", messageId: questions[0]!, method: "IN_WORKSPACE", deliveredOn: today })).status).toBe(409);
    for (const q of questions) expect((await exchange({ intent: "approve", messageId: q })).status).toBe(200);
    expect(JSON.stringify(await spaceOf(danielClient))).not.toContain("Why me"); // approved is not delivered
    const noChoice = await exchange({ intent: "deliver", messageId: questions[0]!, method: "IN_WORKSPACE", deliveredOn: today });
    expect(noChoice.status).toBe(409);
    expect((await exchange({ intent: "choice", participantId: daniel, choice: "RECEIVE_NOW", method: "At the prison visit" })).status).toBe(200);
    for (const q of questions) expect((await exchange({ intent: "deliver", messageId: q, method: "IN_WORKSPACE", deliveredOn: today })).status).toBe(200);
    const his = await spaceOf(danielClient);
    expect(his.received.map((r) => [r.kind, r.text, r.fromLabel])).toEqual([
      ["QUESTION", "Why me?", "Jess"],
      ["QUESTION", "Were you sorry?", "Jess"],
      ["QUESTION", "Would you do it again?", "Jess"],
    ]);
    expect(JSON.stringify(his)).not.toContain(JESS_UNAPPROVED);
  });

  it("Daniel answers in his own workspace; an answer to something not delivered to him is refused", async () => {
    const answers = ["You were just there. It was not about you.", "Yes. Every day since.", "No. I am doing the course."];
    for (const [i, text] of answers.entries()) {
      const res = await write(danielClient, danielWriter, { kind: "ANSWER", inReplyToId: questions[i]!, text });
      expect(res.status).toBe(200);
      if (i === 0) danielAnswer = (await json(res)).id!;
    }
    const stray = await db().exchangeMessage.create({
      data: {
        caseId,
        fromId: jess,
        toId: daniel,
        kind: "QUESTION",
        gatheredBy: "VISIT",
        gatheredOn: today,
        text: "Not delivered",
        senderConsent: true,
        consentWording: "THEIR_WORDS",
        recordedById: (await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" } })).id,
      },
    });
    const refused = await write(danielClient, danielWriter, { kind: "ANSWER", inReplyToId: stray.id, text: "Sneaky" });
    expect(refused.status).toBe(400);
    expect((await json(refused)).errors?.inReplyToId).toBe("Choose the question you are answering.");
    expect((await write(danielClient, danielWriter, { kind: "ANSWER", text: "No question" })).status).toBe(400);
    const rows = await db().exchangeMessage.findMany({ where: { caseId, fromId: daniel, kind: "ANSWER", gatheredBy: "WRITTEN_BY_PARTY" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.text, r.toId, r.inReplyToId, r.status])).toEqual(answers.map((a, i) => [a, jess, questions[i], "RECORDED"]));
    expect((await spaceOf(danielClient)).received[0]!.myAnswers).toEqual([danielAnswer]);
    // His unapproved message never reaches Jess.
    expect((await write(danielClient, danielWriter, { kind: "MESSAGE", text: DANIEL_UNAPPROVED })).status).toBe(200);
    expect(JSON.stringify(await spaceOf(jessClient))).not.toContain(DANIEL_UNAPPROVED);
  });

  it("a safety edit waits for the sender's own agreement, and the recipient gets only the words as agreed", async () => {
    const created = await json(await write(jessClient, jessWriter, { kind: "MESSAGE", text: `I still walk past ${JESS_BEFORE_EDIT} every day.` }));
    expect(
      (await exchange({ intent: "edit", messageId: created.id!, text: "I still walk past that place every day.", reason: "It names where she lives", senderAgreed: "no" })).status,
    ).toBe(200);
    expect((await exchange({ intent: "approve", messageId: created.id! })).status).toBe(409);
    const mine = await spaceOf(jessClient);
    const own = mine.own.find((o) => o.id === created.id)!;
    expect(own.proposed?.text).toBe("I still walk past that place every day.");
    // Daniel cannot agree for her.
    expect((await danielClient.post(MESSAGES, { intent: "agree-edit", writerId: jessWriter, messageId: created.id! })).status).toBe(404);
    expect((await jessClient.post(MESSAGES, { intent: "agree-edit", writerId: jessWriter, messageId: created.id! })).status).toBe(200);
    expect((await jessClient.post(MESSAGES, { intent: "agree-edit", writerId: jessWriter, messageId: created.id! })).status).toBe(409);
    expect((await exchange({ intent: "approve", messageId: created.id! })).status).toBe(200);
    expect((await exchange({ intent: "deliver", messageId: created.id!, method: "IN_WORKSPACE", deliveredOn: today })).status).toBe(200);
    const his = JSON.stringify(await spaceOf(danielClient));
    expect(his).toContain("I still walk past that place every day.");
    expect(his).not.toContain(JESS_BEFORE_EDIT);
    expect(his).not.toContain("It names where she lives");
  });

  it("a hold Daniel asks for hides what was delivered until he asks again", async () => {
    expect((await exchange({ intent: "choice", participantId: daniel, choice: "HOLD", method: "Phone call" })).status).toBe(200);
    expect((await spaceOf(danielClient)).received).toEqual([]);
    expect((await exchange({ intent: "choice", participantId: daniel, choice: "RECEIVE_NOW", method: "Phone call" })).status).toBe(200);
    expect((await spaceOf(danielClient)).received).toHaveLength(4);
  });

  describe.each([
    { who: "Jess", client: () => jessClient, own: () => jessWriter, forbidden: [...CASE_DETAILS, "Price", "07700 900150", "Mill Street", DANIEL_UNAPPROVED] },
    {
      who: "Daniel",
      client: () => danielClient,
      own: () => danielWriter,
      forbidden: [...CASE_DETAILS, "Barnes", "07700 900142", "Orchard Row", JESS_UNAPPROVED, JESS_BEFORE_EDIT],
    },
  ])("$who, signed in, finds nothing of the other party beyond what was delivered to them", ({ who, client, own, forbidden }) => {
    const leaks = (body: string) => forbidden.filter((f) => body.includes(f));

    it("on any route of the app, by page, data request or form post", async () => {
      const conference = await db().conference.findFirstOrThrow({ where: { caseId }, select: { id: true } });
      const letter = await db().letter.findFirstOrThrow({ where: { caseId }, select: { id: true } });
      for (const id of Object.keys(manifest)) {
        const path = composePattern(manifest, id).replace(":caseId", caseId).replace(":conferenceId", conference.id).replace(":letterId", letter.id).replace("*", "anything");
        for (const url of [path, `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(id)}`]) {
          const get = await client().get(url);
          expect(leaks(await get.text()), `GET ${url}`).toEqual([]);
          if (id === "routes/logout") continue;
          for (const writerId of [jessWriter, danielWriter]) {
            const post = await client().post(url, { intent: "write", writerId, kind: "MESSAGE", text: `probe by ${who}`, consent: "yes" });
            expect(leaks(await post.text()), `POST ${url}`).toEqual([]);
          }
        }
      }
      // Only their own workspace took the probe.
      const probes = await db().exchangeMessage.findMany({ where: { caseId, text: "probe" }, select: { fromId: true } });
      expect(probes.every((p) => p.fromId === (own() === jessWriter ? jess : daniel))).toBe(true);
      await db()
        .exchangeMessage.deleteMany({ where: { caseId, text: "probe" } })
        .catch(() => undefined);
    }, 240_000);

    it("by following every link on their pages", async () => {
      const seen = new Set<string>();
      const queue = ["/messages", "/letters", "/"];
      while (queue.length) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const body = await (await client().get(path)).text();
        expect(leaks(body), path).toEqual([]);
        for (const m of body.matchAll(/(?:href|src|action)="(\/[^"]*)"/g)) if (!m[1]!.startsWith("//") && seen.size < 200) queue.push(m[1]!.replaceAll("&amp;", "&"));
      }
      expect(seen.size).toBeGreaterThan(5);
    });

    it("and Socket.IO and every collab document refuse them", async () => {
      const outcome = await connectSocket(server().origin, { cookie: client().cookieHeader, transport: "websocket" });
      expect(outcome.connected).toBe(false);
      for (const name of [`case:${caseId}:notes`, ...(await db().conference.findMany({ where: { caseId }, select: { id: true } })).map((c) => `conference:${c.id}:seating`)]) {
        const opened = await openCollab(server().origin, name, { cookie: client().cookieHeader });
        expect(opened.opened, name).toBe(false);
      }
    });
  });

  it("staff cannot write as a party, and a closed workspace shows nothing and ends a sign-in with nothing else open", async () => {
    expect((await lead.post(MESSAGES, { intent: "write", writerId: jessWriter, kind: "MESSAGE", text: "x", consent: "yes" })).status).toBe(404);
    expect((await lead.get("/messages")).status).toBe(404);
    expect((await exchange({ intent: "close-writer", writerId: jessWriter })).status).toBe(200);
    expect((await exchange({ intent: "close-writer", writerId: jessWriter })).status).toBe(400);
    expect((await jessClient.get("/messages")).status).toBe(302); // her session ended: sent to sign in
    const again = await new TestClient(server().origin).post("/login", { email: "jess_messages", password: PASSWORD });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("so this sign-in no longer works");
    // What she wrote stays in the case's exchange, for the facilitators.
    expect(await db().exchangeMessage.count({ where: { caseId, fromId: jess, gatheredBy: "WRITTEN_BY_PARTY" } })).toBeGreaterThanOrEqual(5);
    // Daniel still has his letter, so closing his workspace leaves him signed in to it.
    expect((await exchange({ intent: "close-writer", writerId: danielWriter })).status).toBe(200);
    expect((await danielClient.get("/messages")).status).toBe(404);
    expect((await danielClient.get("/letters")).status).toBe(200);
    const audit = await db().auditEvent.findMany({ where: { caseId, action: { startsWith: "exchange." } }, select: { action: true } });
    const actions = new Set(audit.map((a) => a.action));
    for (const a of ["exchange.writer.open", "exchange.writer.close", "exchange.own.view", "exchange.own.write", "exchange.own.agree", "exchange.deliver"])
      expect(actions, a).toContain(a);
  });
});
