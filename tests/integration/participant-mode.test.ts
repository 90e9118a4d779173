import { beforeAll, describe, expect, it } from "vitest";
import { serviceDate } from "~/models/case-record-dates";
import { getDb } from "~/utils/db.server";
import { caseIdByReference, waitFor, type TestClient } from "../support/http";
import { EXPRESS_MATRIX, ROUTE_MATRIX } from "../support/matrix";
import { clientFor, fillSubject, prepareMatrixSubject, type SubjectIds } from "../support/matrix-subject";
import { connectSocket, openCollab, requireSocket, watchSocketEnd } from "../support/realtime-clients";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * The facilitator hands their tablet to a participant: from then on the session opens the
 * participant's feedback page and the leave page, and nothing else (every page, form, socket and
 * collab document refuses it), until the facilitator takes it back with their own password.
 */

/**
 * What a session in participant mode gets from the routes that are not sent to the participant's
 * page: the two participant pages themselves (their forms are tested below), the 404 page, the
 * layout's data (nothing in it), the session status the idle warning reads (nothing of the case),
 * and sign-out's GET, which signs nobody out and only points at the case list (which then sends the
 * tablet back to the questions). A method a route does not take at all is 405 for everyone, before
 * anyone is asked who they are (the matrix says which).
 */
const NOT_REDIRECTED: Record<string, { get?: number; post?: number | "tested below" }> = {
  "routes/participant": { get: 200, post: "tested below" },
  "routes/participant_.leave": { get: 200, post: "tested below" },
  "routes/$": { get: 404, post: 404 },
  root: { get: 200, post: 405 },
  "routes/session": { get: 200, post: 400 },
  "routes/logout": { get: 302 },
};

const refusedToAll = (row: Record<string, number>) => Object.values(row).every((status) => status === 405);

describe("participant mode: the tablet handed to a participant opens nothing but their questions", () => {
  const server = useDemoServer();
  const db = () => getDb();
  let lead: TestClient;
  let caseId = "";
  let owner = "";
  let subject: SubjectIds;
  const feedbackUrl = () => `/cases/${caseId}/feedback`;

  beforeAll(async () => {
    subject = await prepareMatrixSubject();
    caseId = await caseIdByReference("RJ-2026-0117");
    owner = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Amira Khan" }, select: { id: true } })).id;
    lead = await clientFor(server().origin, "lead");
  });

  it("handing over closes the tablet's open socket and sends it to the participant's page", async () => {
    const socket = await requireSocket(server().origin, lead.cookieHeader);
    const ended = watchSocketEnd(socket);
    const res = await lead.post(feedbackUrl(), { intent: "hand-over", participantId: owner, occasion: "CONFERENCE" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/participant");
    await waitFor(() => ended.disconnected, 5_000, "socket closed");
    expect(await db().participantMode.count()).toBe(1);
    const started = await db().auditEvent.findFirstOrThrow({ where: { action: "feedback.participant-mode.start" } });
    expect(started).toMatchObject({ caseId, target: `participant:${owner}` });
  });

  it("shows the participant their first name and the questions, and nothing of the case, the facilitator or the service", async () => {
    const res = await lead.get("/participant");
    expect(res.status).toBe(200);
    // React separates the greeting's words with an empty comment.
    const html = (await res.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Hello Amira");
    expect(html).toContain("How satisfied are you");
    for (const word of ["Khan", "RJ-2026-0117", "Burglary of a corner shop", "Linda Millington", "My cases", "Sign out", "Demo Restorative"])
      expect(html, word).not.toContain(word);
  });

  it("sends every other page and form of the app back to the participant's page", async () => {
    const wrong: string[] = [];
    for (const [id, row] of Object.entries(ROUTE_MATRIX)) {
      const allowed = NOT_REDIRECTED[id] ?? {};
      const get = await lead.get(fillSubject(subject, row.get.path ?? row.pattern));
      await get.body?.cancel();
      const expectGet = allowed.get ?? (refusedToAll(row.get.expect) ? 405 : 302);
      if (get.status !== expectGet || (expectGet === 302 && id !== "routes/logout" && get.headers.get("Location") !== "/participant"))
        wrong.push(`GET ${id}: ${get.status} ${get.headers.get("Location")}`);
      const cells = [row.post, ...Object.values(row.intents ?? {})];
      for (const cell of allowed.post === "tested below" ? [] : cells) {
        const body = Object.fromEntries(Object.entries(cell.body ?? {}).map(([k, v]) => [k, fillSubject(subject, v)]));
        const post = await lead.post(fillSubject(subject, cell.path ?? row.pattern), body);
        await post.body?.cancel();
        const expectPost = allowed.post ?? (refusedToAll(cell.expect) ? 405 : 302);
        if (post.status !== expectPost || (expectPost === 302 && post.headers.get("Location") !== "/participant"))
          wrong.push(`POST ${id}: ${post.status} ${post.headers.get("Location")}`);
      }
    }
    expect(wrong).toEqual([]);
    // Signing out is refused with the rest, and so is signing in as someone else from this tablet.
    const signIn = await lead.post("/login", { email: "co@demo.circle", password: DEMO_PASSWORD });
    expect(signIn.headers.get("Location")).toBe("/participant");
    expect(await db().participantMode.count()).toBe(1);
    // The layout's data names nobody.
    const root = (await (await lead.get("/?_data=root")).json()) as { user: unknown; participantMode: boolean };
    expect(root).toMatchObject({ user: null, participantMode: true });
    for (const path of Object.keys(EXPRESS_MATRIX)) expect((await lead.get(path)).status, path).toBe(200);
  });

  it("refuses the tablet's session to Socket.IO and to every collab document", async () => {
    const socket = await connectSocket(server().origin, { cookie: lead.cookieHeader });
    expect(socket.connected).toBe(false);
    if (!socket.connected) expect(socket.message).toBe("unauthorized");
    const notes = await openCollab(server().origin, `case:${caseId}:notes`, { cookie: lead.cookieHeader });
    expect(notes.opened).toBe(false);
    if (!notes.opened) expect(notes.status).toBe(401);
  });

  it("takes the participant's answers once, on the tablet, today; then thanks them and stays in participant mode", async () => {
    const empty = await lead.post("/participant?_data=routes%2Fparticipant", { intent: "answer" });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errors: Record<string, string> }).errors.form).toMatch(/Answer at least one question/);
    const bad = await lead.post("/participant?_data=routes%2Fparticipant", { intent: "answer", satisfaction: "9" });
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.satisfaction).toMatch(/from 1/);
    const tablet = { method: "TABLET" } as const;
    expect(await db().participantFeedback.count({ where: tablet })).toBe(0);

    const sent = await lead.post("/participant?_data=routes%2Fparticipant", {
      intent: "answer",
      satisfaction: "5",
      feltSafe: "YES",
      feltHeard: "YES",
      feltPrepared: "NOT_SURE",
      wouldRecommend: "NO",
      comments: "CANARY-OWNWORDS it helped to say it",
    });
    expect(sent.status).toBe(200);
    const row = await db().participantFeedback.findFirstOrThrow({ where: tablet, include: { recordedBy: true } });
    expect(row).toMatchObject({
      caseId,
      participantId: owner,
      role: "PERSON_HARMED",
      occasion: "CONFERENCE",
      method: "TABLET",
      declined: false,
      satisfaction: 5,
      feltSafe: true,
      feltHeard: true,
      feltPrepared: null,
      wouldRecommend: false,
      comments: "CANARY-OWNWORDS it helped to say it",
      givenOn: serviceDate(),
    });
    expect(row.recordedBy.email).toBe("lead@demo.circle");
    // The audit entry says when and how, never what they said.
    const entry = await db().auditEvent.findFirstOrThrow({ where: { action: "feedback.record", target: `feedback:${row.id}` } });
    expect(entry.details).not.toContain("CANARY");

    const again = await lead.post("/participant?_data=routes%2Fparticipant", { intent: "decline" });
    expect(again.status).toBe(409);
    expect(await db().participantFeedback.count({ where: tablet })).toBe(1);
    const thanks = (await (await lead.get("/participant")).text()).replaceAll("<!-- -->", "");
    expect(thanks).toContain("Thank you, Amira");
    expect(thanks).not.toContain("How satisfied are you");
    expect((await lead.get(`/cases/${caseId}`)).headers.get("Location")).toBe("/participant");
  });

  it("refuses a wrong password to leave, says so and audits it; the facilitator's own password returns to the case's feedback", async () => {
    const wrong = await lead.post("/participant/leave?_data=routes%2Fparticipant_.leave", { password: "not the password" });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string> }).errors.password).toMatch(/not right\. Only the facilitator who handed this tablet over/);
    expect(await db().auditEvent.count({ where: { action: "feedback.participant-mode.leave.refused", caseId } })).toBe(1);
    const empty = await lead.post("/participant/leave?_data=routes%2Fparticipant_.leave", { password: "" });
    expect(((await empty.json()) as { errors: Record<string, string> }).errors.password).toBe("Enter your password");
    expect((await lead.get("/cases")).headers.get("Location")).toBe("/participant");

    const right = await lead.post("/participant/leave", { password: DEMO_PASSWORD });
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe(`/cases/${caseId}/feedback`);
    expect(await db().participantMode.count()).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "feedback.participant-mode.leave", caseId } })).toBe(1);
    const page = await lead.get(`/cases/${caseId}/feedback`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("CANARY-OWNWORDS it helped to say it");
    const socket = await connectSocket(server().origin, { cookie: lead.cookieHeader });
    expect(socket.connected).toBe(true);
    if (socket.connected) socket.socket.close();
    // The participant's page is closed again now that the tablet is the facilitator's.
    expect((await lead.get("/participant")).headers.get("Location")).toBe("/cases");
  });

  it("takes no answer once the facilitator is off the case team, and still lets them take the tablet back", async () => {
    const tyler = (await db().participant.findFirstOrThrow({ where: { caseId, name: "Tyler Moss" }, select: { id: true } })).id;
    const second = await clientFor(server().origin, "lead");
    expect((await second.post(feedbackUrl(), { intent: "hand-over", participantId: tyler, occasion: "CONFERENCE" })).headers.get("Location")).toBe("/participant");
    const leadId = (await db().user.findUniqueOrThrow({ where: { email: "lead@demo.circle" }, select: { id: true } })).id;
    await db().caseMember.delete({ where: { caseId_userId: { caseId, userId: leadId } } });
    try {
      const refused = await second.post("/participant?_data=routes%2Fparticipant", { intent: "answer", satisfaction: "3" });
      expect(refused.status).toBe(404);
      expect(await db().participantFeedback.count({ where: { participantId: tyler, method: "TABLET" } })).toBe(0);
      expect((await second.post("/participant/leave", { password: DEMO_PASSWORD })).headers.get("Location")).toBe(`/cases/${caseId}/feedback`);
      expect(await db().participantMode.count()).toBe(0);
    } finally {
      await db().caseMember.create({ data: { caseId, userId: leadId, role: "LEAD" } });
    }
  });
});
