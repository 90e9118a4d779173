/**
 * The collab server for bench/sync.ts, in a process of its own: Circle's own createCollabServer
 * (rate limits, frame parsing, validation, rooms, the group commit and the "saved" message) over
 * its own CollabStorage opened with the `synchronous` setting under test. What it leaves out is
 * what does not depend on that setting: the session and permission checks of the upgrade, Remix,
 * Socket.IO. Every group commit is counted (one appendMany call, one transaction).
 *
 * `node --single-threaded-gc --import tsx bench/lib/sync-host.ts <db file> <NORMAL|FULL> <port>`;
 * GET /stats answers {commits, updates, synchronous}.
 */
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import "../../server/runtime-tuning";
import { collabServices } from "../../server/app";
import { createCollabServer } from "../../server/collab";
import { CollabStorage } from "../../server/collab/storage";
import type { CollabConnectionContext } from "../../server/collab/upgrade";
import type { Synchronous } from "../../app/utils/sqlite.server";

const [file, synchronous, port] = process.argv.slice(2) as [string, Synchronous, string];
if (!file || !["NORMAL", "FULL"].includes(synchronous) || !port) throw new Error("usage: sync-host.ts <db file> <NORMAL|FULL> <port>");

const storage = new CollabStorage(file, { synchronous });
const stats = { commits: 0, updates: 0, synchronous: String(storage["db"].pragma("synchronous", { simple: true })) };
const appendMany = storage.appendMany.bind(storage);
storage.appendMany = (batches) => {
  appendMany(batches);
  stats.commits++;
  for (const b of batches) stats.updates += b.updates.length;
};
const collab = createCollabServer({ ...collabServices, storage });

const http = createServer((req, res) => {
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(stats));
});
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: 1024 * 1024 });
let connection = 0;
wss.on("connection", (ws, req) => {
  const name = decodeURIComponent((req.url ?? "/").slice(1));
  const n = ++connection;
  // A stand-in for what the upgrade checks (upgrade.ts): a writer on the document in the URL.
  const ctx = {
    user: { id: `bench-user-${n}`, email: `bench-${n}@bench.invalid`, name: `Bench ${n}`, role: "FACILITATOR", serviceId: "bench", sessionId: `bench-session-${n}` },
    doc: { kind: "notes", id: name, name },
    access: { level: "write", caseId: "bench" },
    ip: null,
  } as unknown as CollabConnectionContext;
  collab.onConnection(ws, ctx);
});
http.listen(Number(port), "127.0.0.1", () => console.log(JSON.stringify({ listening: Number(port), ...stats })));

process.on("SIGTERM", () => {
  void collab.close().then(() => process.exit(0));
});
