import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { demoStaff, newAuditCase, seedAudit, type DemoStaff, type SeededEntry } from "../support/audit-cases";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

/**
 * The case audit trail page for the service manager: pages of 50 with the page in the address,
 * filters by person, action and service dates with validated parameters, actions and details in
 * words, and the CSV export. Each test works on a case of its own.
 */

const MINUTE = 60_000;
const db = () => getDb();
const decode = (html: string) =>
  html.replaceAll("<!-- -->", "").replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
const pageText = async (res: Response) => decode(await res.text());

/** The audit table's body rows, each as its cells' text. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .replace(/<br\/?>/g, " ")
        .replace(/<[^>]+>/g, "")
        .trim(),
    ),
  );
}

/** The href of the pager's Previous or Next link, or null. */
const pagerLink = (html: string, rel: "prev" | "next") => {
  const tag = new RegExp(`<a[^>]*rel="${rel}"[^>]*>`).exec(html)?.[0];
  return tag ? /href="([^"]*)"/.exec(tag)![1]! : null;
};

/** A minimal RFC 4180 reader, to check what a spreadsheet would see in each cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

/** The body as sent, byte-order mark included (Response.text() drops it). */
const csvText = async (res: Response) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());

describe("the case audit trail", () => {
  const server = useDemoServer();
  const as = (login: string) => new TestClient(server().origin).signIn(login, DEMO_PASSWORD);
  let manager: TestClient;
  let staff: DemoStaff;

  beforeAll(async () => {
    manager = await as("manager@demo.circle");
    staff = await demoStaff();
  });

  const newCase = () => newAuditCase(staff);
  /** Entries by the lead unless said otherwise. */
  const seedMany = (caseId: string, entries: (Omit<SeededEntry, "actorId"> & { actorId?: string | null })[]) =>
    seedAudit(
      caseId,
      entries.map((e) => ({ ...e, actorId: e.actorId === undefined ? staff.lead.id : e.actorId })),
    );
  const seed = (caseId: string, entry: Omit<SeededEntry, "actorId"> & { actorId?: string | null }) => seedMany(caseId, [entry]);

  const auditPage = (caseId: string, query = "") => manager.get(`/admin/cases/${caseId}/audit${query}`);

  describe("pages", () => {
    it("shows 50 entries a page, newest first, with Previous and Next links that keep the filter", async () => {
      const c = await newCase();
      const start = Date.now() - 120 * MINUTE;
      await seedMany(
        c.id,
        Array.from({ length: 120 }, (_, i) => ({ action: "contact.create", target: `contact:seed-${String(i).padStart(3, "0")}`, at: new Date(start + i * 1000) })),
      );
      const seeded = (html: string) => tableRows(html).map((cells) => /contact:seed-(\d+)/.exec(cells[4] ?? "")?.[1]);

      const first = await pageText(await auditPage(c.id, "?action=contact.create"));
      expect(seeded(first)).toEqual(Array.from({ length: 50 }, (_, i) => String(119 - i).padStart(3, "0")));
      expect(first).toContain("120 entries match these filters, page 1 of 3.");
      expect(pagerLink(first, "prev")).toBeNull();
      expect(pagerLink(first, "next")).toBe(`/admin/cases/${c.id}/audit?action=contact.create&page=2`);

      const second = await pageText(await auditPage(c.id, "?action=contact.create&page=2"));
      expect(seeded(second)).toEqual(Array.from({ length: 50 }, (_, i) => String(69 - i).padStart(3, "0")));
      expect(pagerLink(second, "prev")).toBe(`/admin/cases/${c.id}/audit?action=contact.create`);
      expect(pagerLink(second, "next")).toBe(`/admin/cases/${c.id}/audit?action=contact.create&page=3`);

      const last = await pageText(await auditPage(c.id, "?action=contact.create&page=3"));
      expect(seeded(last)).toEqual(Array.from({ length: 20 }, (_, i) => String(19 - i).padStart(3, "0")));
      expect(pagerLink(last, "next")).toBeNull();
      expect(last).toContain('aria-label="Pages of the audit trail"');

      // Unfiltered, the same entries page the same way (the manager's own readings are newest).
      const all = await pageText(await auditPage(c.id));
      expect(tableRows(all)).toHaveLength(50);
      expect(pagerLink(all, "next")).toBe(`/admin/cases/${c.id}/audit?page=2`);

      const beyond = await auditPage(c.id, "?action=contact.create&page=9");
      expect(beyond.status).toBe(200);
      const beyondHtml = await pageText(beyond);
      expect(beyondHtml).toContain("There is no page 9: these entries fill 3 pages.");
      expect(tableRows(beyondHtml)).toHaveLength(0);
    });

    it("still reaches old consent and approval entries under a morning of views", async () => {
      const c = await newCase();
      const start = Date.now() - 300 * MINUTE;
      await seed(c.id, { action: "consent.record", at: new Date(start), details: { element: "MEET_FACE_TO_FACE", answer: "YES" } });
      await seedMany(
        c.id,
        Array.from({ length: 600 }, (_, i) => ({ action: "agreement.view", at: new Date(start + (i + 1) * 20_000), actorId: i % 2 ? staff.lead.id : staff.co.id })),
      );
      const last = await pageText(await auditPage(c.id, "?page=13"));
      expect(last).toContain("Recorded consent");
      expect(last).toContain("Meet face to face: yes");
    });
  });

  describe("filters", () => {
    let c: { id: string; reference: string };
    beforeAll(async () => {
      c = await newCase();
      // Service time is London: 23:30 UTC on 1 July is 00:30 on 2 July there (summer time).
      await seed(c.id, { action: "consent.record", at: new Date("2026-03-01T12:00:00Z"), details: { element: "TAKE_PART", answer: "YES" }, target: "participant:p1" });
      await seed(c.id, {
        action: "consent.record",
        actorId: staff.co.id,
        at: new Date("2026-03-02T23:30:00Z"),
        details: { element: "LETTER", answer: "NO" },
        target: "participant:p2",
      });
      await seed(c.id, { action: "case.view", at: new Date("2026-03-03T00:30:00Z"), target: "case:marker-view" });
      await seed(c.id, {
        action: "contact.create",
        actorId: staff.co.id,
        at: new Date("2026-07-01T23:30:00Z"),
        details: { kind: "VISIT", status: "COMPLETED" },
        target: "contact:summer",
      });
    });

    const targets = async (query: string) => {
      const res = await auditPage(c.id, query);
      expect(res.status, query).toBe(200);
      return tableRows(await pageText(res))
        .map((cells) => cells[4]!)
        .filter((t) => t !== "This case");
    };

    it("by person", async () => {
      expect(await targets(`?person=${staff.co.id}`)).toEqual(["contact:summer", "participant:p2"]);
      expect(await targets(`?person=${staff.lead.id}`)).toEqual(["case:marker-view", "participant:p1"]);
    });

    it("by action, offered with their labels", async () => {
      expect(await targets("?action=consent.record")).toEqual(["participant:p2", "participant:p1"]);
      const html = await pageText(await auditPage(c.id));
      expect(html).toMatch(/<option value="consent.record">Recorded consent<\/option>/);
      expect(html).toMatch(new RegExp(`<option value="${staff.co.id}">${staff.co.name}</option>`));
    });

    it("by service date, both ends included", async () => {
      expect(await targets("?from=2026-03-02&to=2026-03-02")).toEqual(["participant:p2"]);
      expect(await targets("?from=2026-03-02")).toEqual(expect.arrayContaining(["contact:summer", "case:marker-view", "participant:p2"]));
      expect(await targets("?from=2026-03-02")).not.toContain("participant:p1");
      expect(await targets("?to=2026-03-01")).toEqual(["participant:p1"]);
      expect(await targets("?from=2026-07-02&to=2026-07-02")).toEqual(["contact:summer"]);
      expect(await targets("?from=2026-07-01&to=2026-07-01")).toEqual([]);
    });

    it("together, with an empty state when nothing matches", async () => {
      expect(await targets(`?person=${staff.co.id}&action=consent.record&from=2026-03-01&to=2026-03-31`)).toEqual(["participant:p2"]);
      const none = await pageText(await auditPage(c.id, `?person=${staff.supervisor.id}&action=consent.record`));
      expect(none).toContain("No entries match these filters.");
      expect(tableRows(none)).toHaveLength(0);
      expect(none).not.toContain("Download");
    });

    it("refuses parameters it cannot use with a clear message, and applies none of them", async () => {
      const cases: [string, string][] = [
        ["?from=2026-02-30", "From: That date does not exist"],
        ["?to=yesterday", "To: Use a date like 2026-12-06"],
        ["?from=2026-03-05&to=2026-03-01", "To: The end date is before the start date"],
        [`?person=${encodeURIComponent("x' OR 1=1 --")}`, "Person: Choose a person from the list"],
        ["?action=DROP%20TABLE", "Action: Choose an action from the list"],
        ["?page=0", "Page: The page must be a whole number, 1 or more"],
        ["?page=2.5&action=consent.record", "Page: The page must be a whole number, 1 or more"],
        ["?action=consent.record&action=case.view", "Action: Give this only once"],
      ];
      for (const [query, message] of cases) {
        const res = await auditPage(c.id, query);
        expect(res.status, query).toBe(400);
        const html = await pageText(res);
        expect(html, query).toContain("These filters could not be used, so none of them is applied");
        expect(html, query).toContain(message);
        // Nothing was filtered: every seeded entry is there.
        const shown = tableRows(html).map((cells) => cells[4]);
        expect(shown, query).toEqual(expect.arrayContaining(["contact:summer", "case:marker-view", "participant:p2", "participant:p1"]));
      }
    });
  });

  describe("words", () => {
    it("labels every action, says what changed without case content, and shows an unknown action's code", async () => {
      const c = await newCase();
      const at = new Date(Date.now() - MINUTE);
      await seed(c.id, { action: "case.stage", at, details: { from: "PREPARATION", to: "CLOSED", closureReason: "DECLINED_BY_HARMED", closureNote: "SECRET NOTE about Jess" } });
      await seed(c.id, { action: "risk.create", at, details: { stage: "PREPARATION", overall: "HIGH", recommendation: "INDIRECT_ONLY", sensitive: true, heldBooking: true } });
      await seed(c.id, { action: "case.member.assign", actorId: staff.manager.id, actorRole: "ADMIN", at, details: { role: "CO_FACILITATOR" }, target: "user:someone" });
      await seed(c.id, { action: "case.mystery-thing", at, details: { colour: "blue" } });
      const html = await pageText(await auditPage(c.id));
      const rows = tableRows(html);
      const row = (label: string) => rows.find((cells) => cells[2]!.startsWith(label))!;
      expect(row("Moved the case to another stage")[3]).toBe("From preparation to closed. Reason: declined by the person harmed. A closure note was written");
      expect(row("Recorded a risk assessment")[3]).toBe(
        "At preparation. Overall risk high. Recommendation: indirect communication only. Marked sensitive. A booked conference was put on hold",
      );
      expect(row("Added someone to the case team")).toEqual([
        expect.any(String),
        `${staff.manager.name} (service manager)`,
        "Added someone to the case team case.member.assign",
        "As co-facilitator",
        "user:someone",
        "10.0.0.7",
      ]);
      expect(row("case.mystery-thing")[3]).toBe("colour: blue");
      expect(html).not.toContain("SECRET NOTE");
    });
  });

  describe("CSV export", () => {
    it("exports the filtered trail with escaped cells that cannot run as formulas, and records the export", async () => {
      const c = await newCase();
      const hostile = await factories(db()).user({
        serviceId: staff.lead.serviceId,
        email: `csv-${randomUUID().slice(0, 6)}@demo.circle`,
        name: '=HYPERLINK("http://evil.example","Click")',
        role: "FACILITATOR",
        password: "not-used-here-1",
      });
      const base = Date.now() - 60 * MINUTE;
      const at = (s: number) => new Date(base + s * 1000);
      await seed(c.id, { action: "consent.record", at: at(1), actorId: hostile.id, details: { element: "LETTER", answer: "YES" }, target: "+1-555-0100" });
      await seed(c.id, {
        action: "letter.export.refused",
        at: at(2),
        actorId: staff.co.id,
        target: '/cases/x,"quoted"\nnext',
        details: { format: "pdf", reason: "They chose to hold it, for now" },
      });
      await seed(c.id, { action: "case.view", at: at(3), target: "@SUM(1+1)" });
      await seed(c.id, { action: "case.view", at: at(4), target: "-2+3" });

      const res = await manager.get(`/admin/cases/${c.id}/audit.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="audit-${c.reference}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      const text = await csvText(res);
      expect(text.startsWith("\uFEFFWhen (UTC),When (service time),Who,Role,Action,Action code,What changed,Target,From address\r\n")).toBe(true);
      // Quotes doubled inside a quoted cell, the formula made text with a leading apostrophe.
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
      expect(text).toContain(`"/cases/x,""quoted""\nnext"`);
      const rows = parseCsv(text.slice(1));
      expect(rows[0]).toHaveLength(9);
      const body = rows.slice(1);
      expect(body.map((r) => r[7])).toEqual(["'-2+3", "'@SUM(1+1)", '/cases/x,"quoted"\nnext', "'+1-555-0100"]);
      expect(body[3]).toEqual([
        at(1).toISOString(),
        expect.any(String),
        `'=HYPERLINK("http://evil.example","Click")`,
        "Facilitator",
        "Recorded consent",
        "consent.record",
        "Send or receive a letter: yes",
        "'+1-555-0100",
        "10.0.0.7",
      ]);
      expect(body[2]!.slice(2, 7)).toEqual([
        staff.co.name,
        "Facilitator",
        "Refused: a letter output its recipient's choice does not allow",
        "letter.export.refused",
        "As a PDF. They chose to hold it, for now",
      ]);

      const exports = await db().auditEvent.findMany({ where: { caseId: c.id, action: "case.audit.export" }, select: { actorId: true, details: true } });
      expect(exports).toEqual([{ actorId: staff.manager.id, details: JSON.stringify({ rows: 4, filters: "" }) }]);

      // With the page's filters: only the matching entries, and the export says which.
      const filtered = parseCsv((await csvText(await manager.get(`/admin/cases/${c.id}/audit.csv?action=case.view&person=${staff.lead.id}`))).slice(1));
      expect(filtered.slice(1).map((r) => r[7])).toEqual(["'-2+3", "'@SUM(1+1)"]);
      const second = await db().auditEvent.findFirstOrThrow({ where: { caseId: c.id, action: "case.audit.export" }, orderBy: { createdAt: "desc" }, select: { details: true } });
      expect(JSON.parse(second.details)).toEqual({ rows: 2, filters: `person ${staff.lead.name}, action Viewed the case` });

      // The page links to the export with its filters.
      const page = await pageText(await auditPage(c.id, "?action=case.view"));
      expect(page).toContain(`href="/admin/cases/${c.id}/audit.csv?action=case.view"`);
    });

    it("exports nothing and records nothing for parameters it cannot use", async () => {
      const c = await newCase();
      const res = await manager.get(`/admin/cases/${c.id}/audit.csv?from=2026-13-01`);
      expect(res.status).toBe(400);
      expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(await res.text()).toBe("Nothing was exported: these filters could not be used (from: That date does not exist).");
      expect(await db().auditEvent.count({ where: { caseId: c.id, action: "case.audit.export" } })).toBe(0);
    });

    it("answers 404 to everyone but the service manager, and for a case of another service", async () => {
      const c = await newCase();
      for (const login of ["lead@demo.circle", "supervisor@demo.circle", "other@demo.circle", "daniel"]) {
        const res = await (await as(login)).get(`/admin/cases/${c.id}/audit.csv`);
        expect(res.status, login).toBe(404);
        expect(res.headers.get("Content-Type"), login).not.toContain("text/csv");
      }
      const elsewhere = await factories(db()).service("Another RJ service for CSV");
      const foreign = await factories(db()).case({ serviceId: elsewhere.id, reference: `XX-${randomUUID().slice(0, 6)}`, title: "Not ours", offenceSummary: "Not ours." });
      expect((await manager.get(`/admin/cases/${foreign.id}/audit.csv`)).status).toBe(404);
      expect(await db().auditEvent.count({ where: { action: "case.audit.export", caseId: { in: [c.id, foreign.id] } } })).toBe(0);
    });
  });
});
