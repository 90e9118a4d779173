import { getCaseResource } from "~/models/case-access.server";
import type { RealtimeControl } from "~/utils/load-context";
import { can, type Principal } from "~/utils/permissions";
import { getSessionUserById, liveSessionIds } from "~/utils/session.server";
import type { ConnectionRegistry } from "./connections";
import { log, stackOf } from "./log";

const SWEEP_INTERVAL_MS = 10_000;
const SWEEP_CHUNK = 200;

/**
 * The one place that closes real-time connections when access ends, for both channels.
 * Explicit calls come from route actions (context.realtime); a periodic sweep catches sessions
 * that expired or were revoked elsewhere.
 */
export function createRealtimeControl(registries: ConnectionRegistry[], notify: Pick<RealtimeControl, "notifyAgreementChanged" | "conferencesChanged">) {
  const all = () => registries;

  async function recheckMemberships(userId: string) {
    for (const registry of all()) {
      for (const conn of registry.forUser(userId)) {
        const user = await getSessionUserById(conn.sessionId, { touch: false });
        if (!user) {
          conn.close("Your session has ended");
          continue;
        }
        if (conn.recheck) {
          await conn.recheck(user);
          continue;
        }
        for (const caseId of conn.caseIds()) {
          if (!(await stillMember(user, caseId))) conn.close("You no longer have access to this case");
        }
      }
    }
  }

  /** Every connected session is checked in a few queries (not one per session), yielding between them. */
  async function sweep() {
    for (const registry of all()) {
      const sessions = [...registry.sessions()];
      for (let i = 0; i < sessions.length; i += SWEEP_CHUNK) {
        const chunk = sessions.slice(i, i + SWEEP_CHUNK);
        const live = await liveSessionIds(chunk.map(([id]) => id));
        for (const [sessionId, conns] of chunk) if (!live.has(sessionId)) conns.forEach((c) => c.close("Your session has ended"));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  // A failed sweep is logged and simply runs again at the next interval (it only closes sockets).
  const timer = setInterval(() => sweep().catch((err) => log.error({ err: stackOf(err) }, "session sweep failed")), SWEEP_INTERVAL_MS);
  timer.unref();

  const control: RealtimeControl = {
    disconnectUser: (userId, reason) => all().forEach((r) => r.closeUser(userId, reason)),
    disconnectSession: (sessionId, reason) => all().forEach((r) => r.closeSession(sessionId, reason)),
    membershipChanged: (userId) => {
      recheckMemberships(userId).catch((err) => log.error({ err: stackOf(err) }, "membership recheck failed"));
    },
    notifyAgreementChanged: (payload) => notify.notifyAgreementChanged(payload),
    conferencesChanged: (caseId) => notify.conferencesChanged(caseId),
  };
  return { control, stop: () => clearInterval(timer) };
}

async function stillMember(user: Principal, caseId: string) {
  const resource = await getCaseResource(user, caseId);
  return resource !== null && can(user, "case:subscribe", resource);
}
