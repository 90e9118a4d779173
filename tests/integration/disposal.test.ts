import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { disposeCase } from "~/models/disposal.server";
import { getDb } from "~/utils/db.server";
import { databaseFilePath } from "~/utils/env.server";
import { makeCanaryCase, type CanaryCase } from "../support/disposal-case";
import { allSaved, connectPeer, type TestPeer } from "../support/collab-client";
import { TestClient, waitFor } from "../support/http";
import { pdfText } from "../support/pdf-text";
import { demoUsers, makeCase } from "../support/preparation-cases";
import { signInDemoStaff, useDemoServer } from "../support/server";

/**
 * Disposal at the end of retention: a closed case with a record in every table and every collab
 * document, each holding a canary, is disposed of through the manager's page on the real server;
 * then the database file and its WAL are searched byte by byte for each canary. A second case's
 * canaries must survive untouched, a legal hold must block the disposal, and nobody but the
 * manager may hold, dispose or download a certificate.
 */
describe("disposal of a closed case's personal data", () => {
  const server = useDemoServer();

  type Staff = Awaited<ReturnType<typeof signInDemoStaff>>;
  let staff: Staff;
  let disposed: CanaryCase;
  let kept: CanaryCase;

  const file = () => databaseFilePath();
  /** The database file, its WAL and shared memory as they are on disk, after a checkpoint of our own. */
  function bytesOnDisk(): Buffer {
    const sqlite = new Database(file());
    try {
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      sqlite.close();
    }
    return Buffer.concat([file(), `${file()}-wal`, `${file()}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  }
  const found = (bytes: Buffer, canaries: string[]) => canaries.filter((canary) => bytes.includes(Buffer.from(canary, "utf8")));

  // The page's action as a fetcher or form submission reads it: its JSON answer.
  const post = (client: TestClient, fields: Record<string, string>) => client.post("/admin/disposals?_data=routes%2Fadmin.disposals", fields);

  beforeAll(async () => {
    staff = await signInDemoStaff(server().origin);
    disposed = await makeCanaryCase("D");
    kept = await makeCanaryCase("K");
  }, 60_000);

  describe("legal hold", () => {
    it("a held case cannot be disposed of; lifting the hold allows it; both are audited with the reason", async () => {
      const { caseId, reference } = await makeCanaryCase("H");
      const missing = await post(staff.admin, { intent: "hold", caseId, reason: "" });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(await missing.json())).toContain("Say why the case is held");

      expect((await post(staff.admin, { intent: "hold", caseId, reason: "A civil claim has been lodged" })).status).toBe(200);
      const refused = await post(staff.admin, { intent: "dispose", caseId, reason: "Six years have passed", confirmReference: reference });
      expect(refused.status).toBe(409);
      expect(JSON.stringify(await refused.json())).toContain("is on legal hold");
      // The model says no on its own too, whoever calls it (the retention job will).
      const admin = (await demoUsers()).admin;
      await expect(disposeCase(null, { id: admin.id, role: "ADMIN", serviceId: admin.serviceId }, { caseId, reason: "Six years have passed" })).rejects.toThrow(/legal hold/);
      expect(await getDb().case.count({ where: { id: caseId, disposedAt: { not: null } } })).toBe(0);

      expect((await post(staff.admin, { intent: "lift", caseId, reason: "The claim was settled" })).status).toBe(200);
      const holds = await getDb().legalHold.findMany({ where: { caseId }, select: { reason: true, liftReason: true, liftedAt: true } });
      expect(holds).toMatchObject([{ reason: "A civil claim has been lodged", liftReason: "The claim was settled" }]);
      const audit = await getDb().auditEvent.findMany({
        where: { caseId, action: { startsWith: "case.legal-hold" } },
        orderBy: { createdAt: "asc" },
        select: { action: true, actorId: true },
      });
      expect(audit.map((a) => a.action)).toEqual(["case.legal-hold.place", "case.legal-hold.lift"]);
      expect(audit.every((a) => a.actorId === admin.id)).toBe(true);

      const done = await post(staff.admin, { intent: "dispose", caseId, reason: "Six years have passed", confirmReference: reference });
      expect(done.status).toBe(200);
    }, 30_000);

    it("a hold's history cannot be rewritten or deleted outside a disposal", async () => {
      const { caseId } = await makeCanaryCase("R");
      await post(staff.admin, { intent: "hold", caseId, reason: "An inquiry may need it" });
      const sqlite = new Database(file());
      try {
        expect(() => sqlite.prepare(`UPDATE "LegalHold" SET "reason" = 'changed' WHERE "caseId" = ?`).run(caseId)).toThrow(/append-only/);
        expect(() => sqlite.prepare(`DELETE FROM "LegalHold" WHERE "caseId" = ?`).run(caseId)).toThrow(/append-only/);
      } finally {
        sqlite.close();
      }
    });
  });

  describe("who may hold and dispose", () => {
    it("refuses a facilitator, a supervisor, another facilitator and a letter author on every disposal route, and changes nothing", async () => {
      const { caseId, reference, author } = await makeCanaryCase("W");
      const letterAuthor = await new TestClient(server().origin).signIn(author.username, author.password);
      const certificate = await getDb().caseDisposal.findFirst({ select: { id: true } });
      for (const client of [staff.lead, staff.co, staff.supervisor, staff.other, letterAuthor]) {
        expect((await client.get("/admin/disposals")).status).toBe(404);
        expect((await post(client, { intent: "hold", caseId, reason: "Someone else's hold" })).status).toBe(404);
        expect((await post(client, { intent: "lift", caseId, reason: "Someone else's lift" })).status).toBe(404);
        expect((await post(client, { intent: "dispose", caseId, reason: "Someone else's disposal", confirmReference: reference })).status).toBe(404);
        if (certificate) expect((await client.get(`/admin/disposals/${certificate.id}/certificate.pdf`)).status).toBe(404);
      }
      expect(await getDb().legalHold.count({ where: { caseId } })).toBe(0);
      expect(await getDb().case.count({ where: { id: caseId, disposedAt: null } })).toBe(1);
    }, 30_000);

    it("refuses to dispose of a case that is not closed, or when the reference typed is not the case's", async () => {
      const open = await makeCase({ stage: "PREPARATION" });
      const reference = (await getDb().case.findUniqueOrThrow({ where: { id: open.caseId }, select: { reference: true } })).reference;
      const refused = await post(staff.admin, { intent: "dispose", caseId: open.caseId, reason: "Six years have passed", confirmReference: reference });
      expect(refused.status).toBe(409);
      expect(JSON.stringify(await refused.json())).toContain("is not closed");

      const closed = await makeCanaryCase("T");
      const wrong = await post(staff.admin, { intent: "dispose", caseId: closed.caseId, reason: "Six years have passed", confirmReference: "RJ-SOMETHING-ELSE" });
      expect(wrong.status).toBe(400);
      expect(await getDb().participant.count({ where: { caseId: closed.caseId } })).toBe(3);
    });
  });

  describe("all or nothing", () => {
    it("a disposal that fails half-way (a real SQLite trigger refusing the people's deletion) changes nothing at all", async () => {
      const victim = await makeCanaryCase("F");
      const sqlite = new Database(file());
      sqlite.exec(`CREATE TRIGGER "test_fault" BEFORE DELETE ON "Participant" WHEN OLD."caseId" = '${victim.caseId}' BEGIN SELECT RAISE(ABORT, 'test fault'); END;`);
      try {
        const admin = (await demoUsers()).admin;
        await expect(disposeCase(null, { id: admin.id, role: "ADMIN", serviceId: admin.serviceId }, { caseId: victim.caseId, reason: "Six years have passed" })).rejects.toThrow(
          /participant\.deleteMany/,
        );
      } finally {
        sqlite.exec(`DROP TRIGGER "test_fault"`);
        sqlite.close();
      }
      const db = getDb();
      expect(await db.case.findUniqueOrThrow({ where: { id: victim.caseId }, select: { reference: true, disposedAt: true } })).toEqual({
        reference: victim.reference,
        disposedAt: null,
      });
      expect(await db.caseDisposal.count({ where: { caseId: victim.caseId } })).toBe(0);
      expect(await db.letter.count({ where: { caseId: victim.caseId } })).toBe(1);
      expect(await db.consentEntry.count({ where: { caseId: victim.caseId } })).toBe(1);
      expect(await db.user.count({ where: { id: victim.author.id } })).toBe(1);
      expect(await db.collabSnapshot.count({ where: { docName: victim.documents.notes } })).toBe(1);
      const stage = await db.auditEvent.findFirstOrThrow({ where: { caseId: victim.caseId, action: "case.stage" }, select: { details: true } });
      expect(stage.details).toContain("CANARY-F-AUDITNOTE-7f3a");
    });
  });

  describe("the append-only records outside a disposal", () => {
    it("still refuse an ordinary delete or update, also while another case's disposal row exists", () => {
      const sqlite = new Database(file());
      try {
        for (const sql of [
          `DELETE FROM "ConsentEntry" WHERE "caseId" = ?`,
          `DELETE FROM "RiskAssessment" WHERE "caseId" = ?`,
          `DELETE FROM "CaseRecordChange" WHERE "caseId" = ?`,
          `DELETE FROM "CaseStageEvent" WHERE "caseId" = ?`,
          `DELETE FROM "LetterRelease" WHERE "letterId" IN (SELECT "id" FROM "Letter" WHERE "caseId" = ?)`,
          `DELETE FROM "LetterVersion" WHERE "letterId" IN (SELECT "id" FROM "Letter" WHERE "caseId" = ?)`,
          `DELETE FROM "AgreementSignature" WHERE "versionId" IN (SELECT v."id" FROM "AgreementVersion" v JOIN "Agreement" a ON a."id" = v."agreementId" WHERE a."caseId" = ?)`,
          `DELETE FROM "LiveEvent" WHERE "conferenceId" IN (SELECT "id" FROM "Conference" WHERE "caseId" = ?)`,
          `DELETE FROM "ParticipantFeedback" WHERE "caseId" = ?`,
          `UPDATE "ParticipantFeedback" SET "comments" = '' WHERE "caseId" = ?`,
          `DELETE FROM "ExchangeMessageEdit" WHERE "messageId" IN (SELECT "id" FROM "ExchangeMessage" WHERE "caseId" = ?)`,
          `DELETE FROM "ExchangeMessage" WHERE "caseId" = ?`,
          `UPDATE "ExchangeMessage" SET "text" = '' WHERE "caseId" = ?`,
          `DELETE FROM "ExchangeChoice" WHERE "caseId" = ?`,
          `DELETE FROM "ProgrammeAttendance" WHERE "caseId" = ?`,
          `UPDATE "ProgrammeAttendance" SET "reason" = '' WHERE "caseId" = ?`,
          `DELETE FROM "ProgrammeReview" WHERE "caseId" = ?`,
          `UPDATE "ProgrammeReview" SET "concernText" = '' WHERE "caseId" = ?`,
          `DELETE FROM "ProgrammeJudgement" WHERE "caseId" = ?`,
          `DELETE FROM "ProgrammeChange" WHERE "caseId" = ?`,
          `UPDATE "CaseStageEvent" SET "reason" = NULL WHERE "caseId" = ?`,
          `UPDATE "AuditEvent" SET "details" = '{}' WHERE "caseId" = ?`,
          `DELETE FROM "AuditEvent" WHERE "caseId" = ?`,
        ]) {
          expect(() => sqlite.prepare(sql).run(kept.caseId), sql).toThrow(/append-only|kept until|FOREIGN KEY/);
        }
        // A disposal row of this very case that is not RUNNING (a DONE one, or one committed by mistake as anything else) lets nothing through either.
        const admin = sqlite.prepare(`SELECT "id" FROM "User" WHERE "email" = 'manager@demo.circle'`).pluck().get() as string;
        const attempt = sqlite.transaction(() => {
          sqlite
            .prepare(
              `INSERT INTO "CaseDisposal" ("id", "caseId", "state", "tombstoneReference", "referenceHash", "reason", "approvedById") VALUES ('cfakedisposal000000000001', ?, 'DONE', 'X', 'X', 'X', ?)`,
            )
            .run(kept.caseId, admin);
          sqlite.prepare(`DELETE FROM "ConsentEntry" WHERE "caseId" = ?`).run(kept.caseId);
        });
        expect(() => attempt()).toThrow(/append-only/);
        expect(sqlite.prepare(`SELECT count(*) FROM "CaseDisposal" WHERE "caseId" = ?`).pluck().get(kept.caseId)).toBe(0);
      } finally {
        sqlite.close();
      }
    });
  });

  describe("disposing of a closed case", () => {
    let disposalId: string;
    let notesPeer: TestPeer;

    beforeAll(async () => {
      // The author signs in (a session, a known device) and someone mistypes their password: all of it is theirs to go.
      const author = await new TestClient(server().origin).signIn(disposed.author.username, disposed.author.password);
      expect((await author.get("/letters")).status).toBe(200);
      expect((await new TestClient(server().origin).post("/login", { email: disposed.author.username, password: "wrong password 7f3a" })).status).toBe(400);
      // The lead has the notes open and types into them through the real collab server: the room is loaded when the disposal comes.
      notesPeer = connectPeer(server().origin, staff.lead.cookieHeader, disposed.documents.notes);
      await waitFor(() => notesPeer.provider.synced, 10_000, "notes synced");
      const typed = "CANARY-D-TYPEDNOTES-7f3a";
      disposed.canaries.push(typed);
      notesPeer.doc.getText("t").insert(0, typed);
      await waitFor(() => allSaved(notesPeer), 10_000, "notes saved");
      expect(notesPeer.doc.getText("t").toString()).toContain("CANARY-D-NOTESSNAP-7f3a");
      expect(found(bytesOnDisk(), disposed.canaries)).toEqual(disposed.canaries);

      const res = await post(staff.admin, {
        intent: "dispose",
        caseId: disposed.caseId,
        ruleId: "R-7",
        reason: "Six years have passed since closure",
        confirmReference: disposed.reference,
      });
      expect(res.status).toBe(200);
      disposalId = ((await res.json()) as { disposalId: string }).disposalId;
    }, 60_000);

    it("leaves none of its words in the database file or its WAL, while the other case keeps all of its own", () => {
      const bytes = bytesOnDisk();
      expect(found(bytes, disposed.canaries)).toEqual([]);
      expect(bytes.includes(Buffer.from(disposed.reference))).toBe(false);
      expect(found(bytes, kept.canaries)).toEqual(kept.canaries);
    });

    it("closes the open notes for good: the tablet is told its access was removed and does not reconnect", async () => {
      await waitFor(() => notesPeer.closeCodes.includes(4403), 10_000, "notes closed with 4403");
      notesPeer.destroy();
    });

    it("leaves no stored update, journal row or snapshot of its documents, and the other case's documents whole", () => {
      const sqlite = new Database(file(), { readonly: true });
      try {
        const rows = (docName: string) =>
          ["CollabUpdate", "CollabJournal", "CollabSnapshot"].map((t) => sqlite.prepare(`SELECT count(*) FROM "${t}" WHERE "docName" = ?`).pluck().get(docName) as number);
        for (const docName of Object.values(disposed.documents)) expect(rows(docName), docName).toEqual([0, 0, 0]);
        for (const docName of Object.values(kept.documents)) expect(rows(docName), docName).toEqual([1, 1, 1]);
      } finally {
        sqlite.close();
      }
    });

    it("keeps an anonymised record that reports still count: closed cases by outcome, people by role, what happened", async () => {
      const db = getDb();
      const byOutcome = await db.case.groupBy({ by: ["closureReason"], where: { stage: "CLOSED", id: { in: [disposed.caseId, kept.caseId] } }, _count: { _all: true } });
      expect(byOutcome).toEqual([{ closureReason: "COMPLETED", _count: { _all: 2 } }]);
      const row = await db.case.findUniqueOrThrow({ where: { id: disposed.caseId } });
      expect(row).toMatchObject({
        stage: "CLOSED",
        closureReason: "COMPLETED",
        completedBy: "CONFERENCE",
        youth: true,
        offenceType: "ROBBERY",
        referrerType: "POLICE",
        title: "Disposed case",
        offenceSummary: "",
        closureNote: null,
      });
      expect(row.reference).toMatch(/^DISPOSED-[0-9A-F]{10}$/);
      const record = await db.caseDisposal.findUniqueOrThrow({ where: { id: disposalId }, include: { counts: true } });
      expect(record).toMatchObject({
        state: "DONE",
        personsHarmed: 1,
        personsResponsible: 1,
        supporters: 1,
        conferenceHeld: true,
        letterSent: true,
        agreementCompleted: true,
        completedBy: "CONFERENCE",
        ruleId: "R-7",
      });
      const counts = Object.fromEntries(record.counts.map((c) => [c.kind, c.count]));
      expect(counts).toMatchObject({
        participants: 3,
        consentEntries: 1,
        riskAssessments: 1,
        letters: 1,
        letterAuthorAccounts: 3,
        notifications: 2,
        agreementSignatures: 1,
        feedback: 1,
        exchangeMessages: 3,
        exchangeEdits: 1,
        exchangeChoices: 1,
        exchangeWorkspaces: 1,
        programmes: 1,
        programmeSessions: 2,
        programmeChanges: 1,
        programmeAttendance: 2,
        programmeReviews: 1,
        programmeJudgements: 2,
        worksheets: 1,
        worksheetAnswers: 3,
        worksheetComments: 1,
        // The case's notes, seating plan, agreement and letter, and both sessions' notes (one stored).
        documents: 6,
        documentSnapshots: 5,
      });
      expect(await db.caseStageEvent.count({ where: { caseId: disposed.caseId } })).toBeGreaterThan(1);
      expect(await db.participantFeedback.count({ where: { caseId: disposed.caseId } })).toBe(0);
      expect(await db.exchangeMessage.count({ where: { caseId: disposed.caseId } })).toBe(0);
      expect(await db.caseProgramme.count({ where: { caseId: disposed.caseId } })).toBe(0);
      expect(await db.programmeAttendance.count({ where: { caseId: disposed.caseId } })).toBe(0);
      expect(await db.programmeWorksheet.count({ where: { caseId: disposed.caseId } })).toBe(0);
      expect(await db.user.count({ where: { username: `canarydworksheet7f3a` } })).toBe(0);
      // The tombstone entry says what went, when, by whom and under which rule.
      const tombstone = await db.auditEvent.findFirstOrThrow({ where: { caseId: disposed.caseId, action: "case.disposed" } });
      expect(JSON.parse(tombstone.details)).toMatchObject({ tombstone: row.reference, ruleId: "R-7", counts: { participants: 3 } });
    });

    it("keeps the audit trail with its free text replaced by the tombstone reference, and the author's entries without the author", async () => {
      const db = getDb();
      const tombstone = (await db.case.findUniqueOrThrow({ where: { id: disposed.caseId }, select: { reference: true } })).reference;
      const stage = await db.auditEvent.findFirstOrThrow({ where: { caseId: disposed.caseId, action: "case.stage" } });
      expect(JSON.parse(stage.details)).toEqual({ from: "FOLLOW_UP", to: "CLOSED", closureNote: tombstone });
      expect(await db.auditEvent.count({ where: { actorId: disposed.author.id } })).toBe(0);
      expect(await db.auditEvent.count({ where: { target: `user:${disposed.author.id}`, action: "auth.sign-in.failed" } })).toBe(1);
      expect(await db.user.count({ where: { id: disposed.author.id } })).toBe(0);
      expect(await db.session.count({ where: { userId: disposed.author.id } })).toBe(0);
    });

    it("answers 410 on every page of the case, lists it nowhere, and the letter author can no longer sign in", async () => {
      const { caseId } = disposed;
      for (const [client, path] of [
        [staff.lead, `/cases/${caseId}`],
        [staff.lead, `/cases/${caseId}/notes`],
        [staff.supervisor, `/cases/${caseId}/agreement`],
        [staff.lead, `/cases/${caseId}/feedback`],
        [staff.lead, `/cases/${caseId}/exchange`],
        [staff.lead, `/cases/${caseId}/programme`],
        [staff.admin, `/admin/cases/${caseId}`],
      ] as const) {
        const res = await client.get(path);
        expect(res.status, path).toBe(410);
        const text = await res.text();
        expect(text, path).toContain("disposed of");
        expect(found(Buffer.from(text), disposed.canaries), path).toEqual([]);
      }
      expect(await (await staff.lead.get("/cases")).text()).not.toContain(disposed.reference);
      expect(await (await staff.admin.get("/admin/cases")).text()).not.toContain("DISPOSED-");
      expect((await new TestClient(server().origin).post("/login", { email: disposed.author.username, password: disposed.author.password })).status).toBe(400);
    });

    it("keeps its audit trail readable by the manager under the tombstone reference, page and CSV, with none of its words; nobody else reads it", async () => {
      const { caseId } = disposed;
      const tombstone = (await getDb().case.findUniqueOrThrow({ where: { id: caseId }, select: { reference: true } })).reference;
      const page = await staff.admin.get(`/admin/cases/${caseId}/audit`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(tombstone);
      expect(html).toContain("Disposed of the case&#x27;s personal data");
      expect(found(Buffer.from(html), disposed.canaries)).toEqual([]);
      const csv = await staff.admin.get(`/admin/cases/${caseId}/audit.csv`);
      expect(csv.status).toBe(200);
      expect(found(Buffer.from(await csv.text()), disposed.canaries)).toEqual([]);
      for (const client of [staff.lead, staff.supervisor, staff.other]) {
        expect((await client.get(`/admin/cases/${caseId}/audit`)).status).toBe(404);
        expect((await client.get(`/admin/cases/${caseId}/audit.csv`)).status).toBe(404);
      }
    });

    it("tells every staff tablet which document copies to delete, by name only", async () => {
      const root = (await (await staff.co.get("/?_data=root")).json()) as { disposedDocuments: string[] };
      expect(root.disposedDocuments).toEqual(expect.arrayContaining(Object.values(disposed.documents)));
      expect(root.disposedDocuments).not.toContain(kept.documents.notes);
    });

    it("gives the manager a certificate: service, tombstone reference, date, approver, rule, counts and method; audited as an export", async () => {
      const res = await staff.admin.get(`/admin/disposals/${disposalId}/certificate.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
      const tombstone = (await getDb().case.findUniqueOrThrow({ where: { id: disposed.caseId }, select: { reference: true } })).reference;
      for (const expected of [tombstone, "Demo", "Approved by", "R-7", "Six years have passed since closure", "Signatures: 1", "secure_delete"]) expect(text).toContain(expected);
      expect(text).toMatch(/Disposed of on \d{1,2} [A-Z][a-z]+ \d{4}/);
      expect(found(Buffer.from(text), disposed.canaries)).toEqual([]);
      expect(await getDb().auditEvent.count({ where: { action: "disposal.certificate.export", caseId: disposed.caseId } })).toBe(1);
      const page = await (await staff.admin.get("/admin/disposals")).text();
      expect(page).toContain(tombstone);
      expect(page).not.toContain(disposed.reference);
    });

    it("cannot be disposed of twice", async () => {
      const again = await post(staff.admin, { intent: "dispose", caseId: disposed.caseId, reason: "Once more", confirmReference: disposed.reference });
      expect(again.status).toBe(410);
    });
  });
});
