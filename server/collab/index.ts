import type { WebSocket } from "ws";
import { CollabClose } from "~/realtime/protocol";
import { ConnectionRegistry, type TrackedConnection } from "../connections";
import type { CollabConnectionContext } from "./upgrade";

/**
 * The collab server: tracks every open document connection so that sign-out, disabling and
 * removal from a case can close it. The Yjs sync itself arrives with the collaboration issue;
 * until then an authorized connection is told the service is unavailable and closed.
 */
export function createCollabServer() {
  const registry = new ConnectionRegistry<TrackedConnection & { ws: WebSocket }>();

  function onConnection(ws: WebSocket, ctx: CollabConnectionContext) {
    const conn = {
      userId: ctx.user.id,
      sessionId: ctx.user.sessionId,
      ws,
      caseIds: () => [ctx.access.caseId],
      close: (reason: string) => ws.close(CollabClose.sessionEnded, reason.slice(0, 120)),
    };
    registry.add(conn);
    ws.on("close", () => registry.remove(conn));
    ws.close(CollabClose.unavailable, "Document sync is not available yet");
  }

  return { registry, onConnection };
}
