-- A conference's speaking order, the people each step's question is addressed to, and the script it
-- was prepared from were JSON id lists and a sentinel ("standard": the built-in script, which was
-- not a row). They become rows and keys: ConferenceSpeaker, ConferenceStepAddressee, and a
-- ScriptTemplate row for the standard script that Conference.scriptTemplateId now references.
--
-- What is carried over, and what is not:
-- * Each list is copied in its order (json_each's key). An entry is kept only when it is the id of a
--   participant of that conference's own case: ids of people deleted since, of another case's
--   people, or values that are not strings name nobody on the case and are dropped, as is a column
--   that does not hold a JSON array (the app read all of these as nothing). A person named twice in
--   a speaking order keeps their first place; positions are renumbered 0, 1, 2... in the old order.
--   People hidden from the case (removedAt) or no longer attending are kept, as the lists kept them:
--   the screens leave them out when they read the lists, and show them again if they come back.
-- * "standard" becomes the standard script's row. A template id that names no row (templates are
--   archived, never deleted, so none is expected) is cleared: with the new key it would otherwise
--   fail the conference's next update.
-- * Nothing else changes: no other row is touched, and the tables rebuilt (Conference,
--   ConferenceStep) carry no triggers. Conference's and ConferenceStep's updatedAt stay as they were.

-- The standard script, as this release ships it (app/models/script-library.ts). Each start of the
-- server rewrites its steps from the code when they differ (syncStandardTemplate), so a later
-- release's words reach databases made before it; this copy is what a database has until then.
INSERT INTO "ScriptTemplate" ("id", "serviceId", "name", "description", "createdById", "archivedAt", "createdAt", "updatedAt") VALUES
    ('cstandardscript0000000000', NULL, 'Standard restorative conference', 'Circle''s standard restorative conference script.', NULL, NULL,
     strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
INSERT INTO "ScriptTemplateStep" ("id", "templateId", "position", "phase", "title", "prompt", "addressTo") VALUES
    ('cstandardscriptstep000001', 'cstandardscript0000000000', 0, 'OPENING', 'Welcome', 'Thank everyone for coming. Say who you are, that you and your colleague will guide the meeting, and that there is water and a break room.', 'FACILITATOR'),
    ('cstandardscriptstep000002', 'cstandardscript0000000000', 1, 'OPENING', 'Introductions', 'Ask each person to say their name and why they are here, in the order agreed: who they are and how they are connected to what happened.', 'EVERYONE'),
    ('cstandardscriptstep000003', 'cstandardscript0000000000', 2, 'OPENING', 'Purpose', 'Explain that we are here to talk about what happened, who has been affected, and what can be done to repair the harm. We are not here to decide whether anyone is a good or bad person.', 'FACILITATOR'),
    ('cstandardscriptstep000004', 'cstandardscript0000000000', 3, 'OPENING', 'Taking part is voluntary', 'Remind everyone that they chose to come and may ask for a break or stop at any time. Ask: is everyone still happy to go ahead?', 'EVERYONE'),
    ('cstandardscriptstep000005', 'cstandardscript0000000000', 4, 'OPENING', 'Ground rules', 'Agree the ground rules: one person speaks at a time, everyone is treated with respect, what is said here stays here unless someone is at risk.', 'EVERYONE'),
    ('cstandardscriptstep000006', 'cstandardscript0000000000', 5, 'RESPONSIBLE', 'What happened', '{name}, can you tell us what happened, in your own words?', 'PERSON_RESPONSIBLE'),
    ('cstandardscriptstep000007', 'cstandardscript0000000000', 6, 'RESPONSIBLE', 'Thinking at the time', 'What were you thinking about at the time?', 'PERSON_RESPONSIBLE'),
    ('cstandardscriptstep000008', 'cstandardscript0000000000', 7, 'RESPONSIBLE', 'Thoughts since', 'What have you thought about since it happened?', 'PERSON_RESPONSIBLE'),
    ('cstandardscriptstep000009', 'cstandardscript0000000000', 8, 'RESPONSIBLE', 'Who has been affected', 'Who do you think has been affected by what you did, and in what way?', 'PERSON_RESPONSIBLE'),
    ('cstandardscriptstep000010', 'cstandardscript0000000000', 9, 'HARMED', 'Reaction at the time', '{name}, what was your reaction when it happened?', 'PERSON_HARMED'),
    ('cstandardscriptstep000011', 'cstandardscript0000000000', 10, 'HARMED', 'Impact', 'How has what happened affected you, and the people close to you?', 'PERSON_HARMED'),
    ('cstandardscriptstep000012', 'cstandardscript0000000000', 11, 'HARMED', 'The hardest thing', 'What has been the hardest thing for you?', 'PERSON_HARMED'),
    ('cstandardscriptstep000013', 'cstandardscript0000000000', 12, 'HARMED', 'Making things right', 'What do you need to happen to help put things right?', 'PERSON_HARMED'),
    ('cstandardscriptstep000014', 'cstandardscript0000000000', 13, 'SUPPORTERS', 'Supporters', '{name}, how did you hear about what happened? How has it affected you, and what has been the hardest part?', 'SUPPORTER'),
    ('cstandardscriptstep000015', 'cstandardscript0000000000', 14, 'RESPONSE', 'Response', '{name}, having heard everyone, is there anything you would like to say?', 'PERSON_RESPONSIBLE'),
    ('cstandardscriptstep000016', 'cstandardscript0000000000', 15, 'AGREEMENT', 'What would help', 'Ask the person harmed first, then everyone: what would you like to see come out of today? Note each suggestion so it can be agreed.', 'EVERYONE'),
    ('cstandardscriptstep000017', 'cstandardscript0000000000', 16, 'AGREEMENT', 'The agreement', 'Read back each proposed term. Check it is specific, achievable and freely agreed by everyone, with who does what and by when.', 'EVERYONE'),
    ('cstandardscriptstep000018', 'cstandardscript0000000000', 17, 'CLOSING', 'Last words', 'Before we finish, is there anything anyone would like to add?', 'EVERYONE'),
    ('cstandardscriptstep000019', 'cstandardscript0000000000', 18, 'CLOSING', 'Close and thanks', 'Thank everyone. Explain what happens next: the agreement goes to the case supervisor, and we will be in touch with each of you. Offer refreshments and time to talk.', 'FACILITATOR');

-- CreateTable
CREATE TABLE "ConferenceSpeaker" (
    "conferenceId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("conferenceId", "participantId"),
    CONSTRAINT "ConferenceSpeaker_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConferenceSpeaker_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConferenceStepAddressee" (
    "stepId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,

    PRIMARY KEY ("stepId", "participantId"),
    CONSTRAINT "ConferenceStepAddressee_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "ConferenceStep" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConferenceStepAddressee_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The lists, copied while the JSON columns still exist.
INSERT INTO "ConferenceSpeaker" ("conferenceId", "participantId", "position")
SELECT "conferenceId", "participantId", ROW_NUMBER() OVER (PARTITION BY "conferenceId" ORDER BY "firstPlace") - 1
FROM (
    SELECT c."id" AS "conferenceId", j."value" AS "participantId", MIN(j."key") AS "firstPlace"
    FROM "Conference" c,
         json_each(CASE WHEN json_valid(c."speakingOrder") AND json_type(c."speakingOrder") = 'array' THEN c."speakingOrder" ELSE '[]' END) j,
         "Participant" p
    WHERE j."type" = 'text' AND p."id" = j."value" AND p."caseId" = c."caseId"
    GROUP BY c."id", j."value"
);

INSERT INTO "ConferenceStepAddressee" ("stepId", "participantId")
SELECT DISTINCT s."id", j."value"
FROM "ConferenceStep" s,
     "Conference" c,
     json_each(CASE WHEN json_valid(s."addressedTo") AND json_type(s."addressedTo") = 'array' THEN s."addressedTo" ELSE '[]' END) j,
     "Participant" p
WHERE c."id" = s."conferenceId" AND j."type" = 'text' AND p."id" = j."value" AND p."caseId" = c."caseId";

UPDATE "Conference" SET "scriptTemplateId" = 'cstandardscript0000000000' WHERE "scriptTemplateId" = 'standard';
UPDATE "Conference" SET "scriptTemplateId" = NULL WHERE "scriptTemplateId" IS NOT NULL AND "scriptTemplateId" NOT IN (SELECT "id" FROM "ScriptTemplate");

-- The JSON columns go, and scriptTemplateId becomes a key: SQLite rebuilds both tables (rows copied).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Conference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "venue" TEXT NOT NULL DEFAULT '',
    "room" TEXT NOT NULL DEFAULT '',
    "leadId" TEXT,
    "coFacilitatorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "holdReason" TEXT,
    "scriptTemplateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conference_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conference_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Conference_coFacilitatorId_fkey" FOREIGN KEY ("coFacilitatorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Conference_scriptTemplateId_fkey" FOREIGN KEY ("scriptTemplateId") REFERENCES "ScriptTemplate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Conference" ("caseId", "coFacilitatorId", "createdAt", "endsAt", "holdReason", "id", "leadId", "room", "scheduledAt", "scriptTemplateId", "status", "updatedAt", "venue") SELECT "caseId", "coFacilitatorId", "createdAt", "endsAt", "holdReason", "id", "leadId", "room", "scheduledAt", "scriptTemplateId", "status", "updatedAt", "venue" FROM "Conference";
DROP TABLE "Conference";
ALTER TABLE "new_Conference" RENAME TO "Conference";
CREATE INDEX "Conference_caseId_scheduledAt_idx" ON "Conference"("caseId", "scheduledAt");
CREATE INDEX "Conference_leadId_idx" ON "Conference"("leadId");
CREATE INDEX "Conference_coFacilitatorId_idx" ON "Conference"("coFacilitatorId");
CREATE INDEX "Conference_scriptTemplateId_idx" ON "Conference"("scriptTemplateId");
CREATE TABLE "new_ConferenceStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conferenceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "markedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConferenceStep_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConferenceStep" ("conferenceId", "createdAt", "id", "markedAt", "phase", "position", "prompt", "status", "title", "updatedAt") SELECT "conferenceId", "createdAt", "id", "markedAt", "phase", "position", "prompt", "status", "title", "updatedAt" FROM "ConferenceStep";
DROP TABLE "ConferenceStep";
ALTER TABLE "new_ConferenceStep" RENAME TO "ConferenceStep";
CREATE INDEX "ConferenceStep_conferenceId_position_idx" ON "ConferenceStep"("conferenceId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ConferenceSpeaker_participantId_idx" ON "ConferenceSpeaker"("participantId");

-- CreateIndex
CREATE UNIQUE INDEX "ConferenceSpeaker_conferenceId_position_key" ON "ConferenceSpeaker"("conferenceId", "position");

-- CreateIndex
CREATE INDEX "ConferenceStepAddressee_participantId_idx" ON "ConferenceStepAddressee"("participantId");
