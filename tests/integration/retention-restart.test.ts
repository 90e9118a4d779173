import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { freshDatabaseFile, startChildServer, type ChildServer } from "../support/child-server";
import { waitFor } from "../support/http";

/**
 * The retention job in the real server process, as `npm start` runs it, on the real clock: it runs
 * once when the server starts, and what it found survives a restart and a `kill -9` without being
 * found a second time. The demo's case closed in 2019 (RJ-2019-0031) is past the default 6 years.
 */

const file = freshDatabaseFile();
let child: ChildServer | undefined;

afterAll(async () => {
  if (child && child.process.exitCode === null) {
    child.process.kill("SIGKILL");
    await child.exited;
  }
});

function dueRows(reference: string): { rows: number; found: number } {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite
      .prepare(`SELECT count(*) FROM "DisposalDue" d JOIN "Case" c ON c.id = d.caseId WHERE c.reference = ? AND d.reopenedAt IS NULL`)
      .pluck()
      .get(reference) as number;
    const found = sqlite
      .prepare(`SELECT count(*) FROM "AuditEvent" a JOIN "Case" c ON c.id = a.caseId WHERE c.reference = ? AND a.action = 'retention.due.found'`)
      .pluck()
      .get(reference) as number;
    return { rows, found };
  } finally {
    sqlite.close();
  }
}

/** A case closed on `closedAt`, written while the server is stopped (as a restore or another process might leave it). */
async function addClosedCase(reference: string, closedAt: Date) {
  const client = getDb(`file:${file}`);
  try {
    const service = await client.service.findFirstOrThrow({ select: { id: true } });
    const c = await factories(client).case({
      serviceId: service.id,
      reference,
      title: reference,
      offenceSummary: "Closed long ago.",
      stage: "FOLLOW_UP",
      startedAt: new Date(closedAt.getTime() - 60 * 86_400_000),
    });
    await client.caseStageEvent.create({ data: { caseId: c.id, stage: "CLOSED", createdAt: closedAt } });
    await client.case.update({ where: { id: c.id }, data: { stage: "CLOSED", closureReason: "WITHDRAWN" } });
  } finally {
    await client.$disconnect();
  }
}

describe("the retention job across restarts", () => {
  it("finds a case due at start, and neither a graceful restart nor a kill -9 finds it a second time", async () => {
    child = await startChildServer(file);
    await waitFor(() => dueRows("RJ-2019-0031").rows === 1, 20_000, "the job at start to find the demo's case closed in 2019");
    expect(dueRows("RJ-2019-0031")).toEqual({ rows: 1, found: 1 });
    expect(dueRows("RJ-2026-0098")).toEqual({ rows: 0, found: 0 });

    child.process.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    await addClosedCase("RET-RESTART-1", new Date("2018-05-01T10:00:00Z"));
    child = await startChildServer(file);
    // The new case being found proves the job ran again after the restart.
    await waitFor(() => dueRows("RET-RESTART-1").rows === 1, 20_000, "the job after the restart to find the case added while stopped");
    expect(dueRows("RJ-2019-0031")).toEqual({ rows: 1, found: 1 });

    child.process.kill("SIGKILL");
    await child.exited;
    await addClosedCase("RET-RESTART-2", new Date("2018-05-02T10:00:00Z"));
    child = await startChildServer(file);
    await waitFor(() => dueRows("RET-RESTART-2").rows === 1, 20_000, "the job after kill -9 to find the case added while stopped");
    expect(dueRows("RJ-2019-0031")).toEqual({ rows: 1, found: 1 });
    expect(dueRows("RET-RESTART-1")).toEqual({ rows: 1, found: 1 });
  }, 120_000);
});
