import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import * as build from "../../build/index.js";
import { CLIENT_EVENTS, COLLAB_DOC_KINDS } from "~/realtime/protocol";
import { getDb } from "~/utils/db.server";
import type { TestClient } from "../support/http";
import {
  COLLAB_MATRIX,
  composePattern,
  EXPRESS_MATRIX,
  PRINCIPAL_FIXTURES,
  PRINCIPALS,
  PUSH_MATRIX,
  ROUTE_MATRIX,
  SOCKET_MATRIX,
  type CollabCell,
  type CollabIds,
  type HttpCell,
  type PrincipalName,
  type PushCell,
  type Row,
  type SocketCell,
} from "../support/matrix";
import { clientFor, fillSubject, prepareMatrixSubject } from "../support/matrix-subject";
import { connectSocket, openCollab, type CircleClientSocket } from "../support/realtime-clients";
import { waitFor } from "../support/http";
import { notify } from "~/models/notifications.server";
import { useDemoServer } from "../support/server";

const manifest = (build as unknown as ServerBuild).routes;
// An id that matches the document-name shape but names nothing (agreements do not exist yet).
const PLACEHOLDER_ID = "cmatrixplaceholder0000000";

const sorted = (values: Iterable<string>) => [...values].sort();

describe("the authorization matrix lists everything the app exposes", () => {
  it("has a row for every route in the Remix build manifest, and none for a route that is gone", () => {
    expect(sorted(Object.keys(ROUTE_MATRIX))).toEqual(sorted(Object.keys(manifest)));
  });

  it("states each route's full URL pattern as the manifest composes it", () => {
    const actual = Object.fromEntries(Object.keys(manifest).map((id) => [id, composePattern(manifest, id)]));
    const expected = Object.fromEntries(Object.entries(ROUTE_MATRIX).map(([id, row]) => [id, row.pattern]));
    expect(actual).toEqual(expected);
  });

  it("knows which routes have a loader and which have an action", () => {
    const actual = Object.fromEntries(
      Object.entries(manifest).map(([id, route]) => [id, { loader: typeof route?.module.loader === "function", action: typeof route?.module.action === "function" }]),
    );
    const expected = Object.fromEntries(Object.entries(ROUTE_MATRIX).map(([id, row]) => [id, row.exports]));
    expect(actual).toEqual(expected);
  });

  it("has a row for every Socket.IO client event and no other", () => {
    expect(sorted(Object.keys(SOCKET_MATRIX))).toEqual(sorted(CLIENT_EVENTS));
  });

  it("has a row for every collab document kind and no other", () => {
    expect(sorted(Object.keys(COLLAB_MATRIX))).toEqual(sorted(COLLAB_DOC_KINDS));
  });
});

describe("every principal gets exactly the answer in the matrix", () => {
  const server = useDemoServer();
  const clients = {} as Record<PrincipalName, TestClient>;
  let ids: CollabIds;
  let before: unknown;

  /** What no matrix cell may change: memberships, accounts, the principals' own sessions. */
  const snapshot = async () => {
    const db = getDb();
    const [members, users] = await Promise.all([
      db.caseMember.findMany({ select: { caseId: true, userId: true, role: true }, orderBy: [{ caseId: "asc" }, { userId: "asc" }] }),
      db.user.findMany({ select: { email: true, role: true, disabled: true }, orderBy: { email: "asc" } }),
    ]);
    return { members, users };
  };

  const newClient = (who: PrincipalName) => clientFor(server().origin, who);

  beforeAll(async () => {
    for (const who of PRINCIPALS) clients[who] = await newClient(who);
    const subject = await prepareMatrixSubject();
    ids = { ...subject, placeholderId: PLACEHOLDER_ID };
    before = await snapshot();
  });

  const fill = (text: string) => fillSubject(ids, text);

  async function httpRow(method: "GET" | "POST", defaultPath: string, cell: HttpCell): Promise<Row<number>> {
    const path = fill(cell.path ?? defaultPath);
    const actual = {} as Row<number>;
    for (const who of PRINCIPALS) {
      const client = cell.throwawaySession ? await newClient(who) : clients[who];
      const body = Object.fromEntries(Object.entries(cell.body ?? {}).map(([k, v]) => [k, fill(v)]));
      const res = method === "GET" ? await client.get(path) : await client.post(path, body);
      await res.body?.cancel();
      actual[who] = res.status;
    }
    return actual;
  }

  describe.each(Object.entries(ROUTE_MATRIX))("route %s", (_id, row) => {
    it(`GET ${row.get.path ?? row.pattern}`, async () => {
      expect(await httpRow("GET", row.pattern, row.get)).toEqual(row.get.expect);
    });
    it(`POST ${row.post.path ?? row.pattern}`, async () => {
      expect(await httpRow("POST", row.pattern, row.post)).toEqual(row.post.expect);
    });
    it.each(Object.entries(row.intents ?? {}))(`POST ${row.post.path ?? row.pattern} intent %s`, async (_intent, cell) => {
      expect(await httpRow("POST", row.pattern, cell)).toEqual(cell.expect);
    });
  });

  describe.each(Object.entries(EXPRESS_MATRIX))("Express route %s", (path, row) => {
    it(`GET ${path}`, async () => {
      expect(await httpRow("GET", path, row.get)).toEqual(row.get.expect);
    });
    it(`POST ${path}`, async () => {
      expect(await httpRow("POST", path, row.post)).toEqual(row.post.expect);
    });
  });

  it.each(Object.entries(SOCKET_MATRIX))("Socket.IO event %s", async (event, { payload, expect: expected }) => {
    const actual = {} as Row<SocketCell>;
    for (const who of PRINCIPALS) {
      const outcome = await connectSocket(server().origin, { cookie: clients[who].cookieHeader || undefined });
      if (!outcome.connected) {
        expect(outcome.message).toBe("unauthorized");
        actual[who] = "refused";
        continue;
      }
      const socket = outcome.socket;
      try {
        const ack = await (socket.timeout(5_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; error?: SocketCell }> }).emitWithAck(
          event,
          payload(ids),
        );
        actual[who] = ack.ok ? "ok" : ack.error!;
      } finally {
        socket.close();
      }
    }
    expect(actual).toEqual(expected);
  });

  it.each(Object.entries(PUSH_MATRIX))("server push %s reaches exactly the people in the matrix", async (event, expected) => {
    const actual = {} as Row<PushCell>;
    const sockets: CircleClientSocket[] = [];
    try {
      for (const who of PRINCIPALS) {
        const outcome = await connectSocket(server().origin, { cookie: clients[who].cookieHeader || undefined });
        if (!outcome.connected) {
          actual[who] = "refused";
          continue;
        }
        actual[who] = "not";
        sockets.push(outcome.socket);
        const heard = () => (actual[who] = "received");
        if (event === "notification:unread") {
          // Sent as the connection opens, perhaps before a listener could be added: listen, then connect again.
          outcome.socket.on("notification:unread", heard);
          outcome.socket.disconnect().connect();
        } else outcome.socket.on("notification:new", (n) => n.link.includes(ids.caseId) && heard());
      }
      if (event === "notification:new") await notify({ kind: "CONFERENCE_MOVED", caseId: ids.caseId, subject: `matrix:${Date.now()}`, actorId: null });
      const expectedCount = Object.values(expected).filter((cell) => cell === "received").length;
      await waitFor(() => Object.values(actual).filter((cell) => cell === "received").length >= expectedCount, 10_000, `${event} delivered`);
      // Then a moment for anything that should not arrive (docs/conventions.md §10: a wait that checks something does not happen).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(actual).toEqual(expected);
    } finally {
      sockets.forEach((s) => s.close());
    }
  });

  it.each(Object.entries(COLLAB_MATRIX))("collab document kind %s", async (_kind, row) => {
    const name = row.name(ids);
    const actual = {} as Row<CollabCell>;
    for (const who of PRINCIPALS) {
      const outcome = await openCollab(server().origin, name, { cookie: clients[who].cookieHeader || undefined });
      if (!outcome.opened) {
        actual[who] = outcome.status as CollabCell;
        continue;
      }
      outcome.ws.close();
      await outcome.closed;
      const fixture = PRINCIPAL_FIXTURES[who];
      const opened = await getDb().auditEvent.findFirst({
        where: { action: "collab.open", target: name, actor: { email: fixture.kind === "anonymous" ? "" : fixture.email } },
        orderBy: { createdAt: "desc" },
        select: { details: true },
      });
      actual[who] = `open:${(JSON.parse(opened?.details ?? "{}") as { access?: string }).access}` as CollabCell;
    }
    expect(actual).toEqual(row.expect);
  });

  it("changed nothing: memberships and accounts are as before, every principal is still signed in", async () => {
    expect(await snapshot()).toEqual(before);
    for (const who of PRINCIPALS) {
      const res = await clients[who].get("/cases");
      await res.body?.cancel();
      // A letter author has no case list: still signed in, they get 404 there and 200 on their letters.
      if (who === "letterAuthor") {
        const own = await clients[who].get("/letters");
        await own.body?.cancel();
        expect(own.status, who).toBe(200);
      }
      expect(res.status, who).toBe(who === "anonymous" ? 302 : who === "letterAuthor" ? 404 : 200);
    }
  });
});
