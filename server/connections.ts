import type { SessionUser } from "~/utils/session.server";

/**
 * Who is connected, by user and session, for one real-time channel. Lets sign-out, disabling
 * and removal from a case close that person's sockets at once (docs/architecture.md §7).
 */
export type TrackedConnection = {
  userId: string;
  sessionId: string;
  /** Case ids this connection depends on; re-checked when memberships change. */
  caseIds(): string[];
  close(reason: string): void;
  /** Re-derive this connection's access after a membership change; closes it if access changed. */
  recheck?(user: SessionUser): Promise<void>;
};

export class ConnectionRegistry<C extends TrackedConnection = TrackedConnection> {
  private readonly byUser = new Map<string, Set<C>>();

  add(conn: C): void {
    let set = this.byUser.get(conn.userId);
    if (!set) this.byUser.set(conn.userId, (set = new Set()));
    set.add(conn);
  }

  remove(conn: C): void {
    const set = this.byUser.get(conn.userId);
    set?.delete(conn);
    if (set?.size === 0) this.byUser.delete(conn.userId);
  }

  forUser(userId: string): C[] {
    return [...(this.byUser.get(userId) ?? [])];
  }

  sessions(): Map<string, C[]> {
    const out = new Map<string, C[]>();
    for (const set of this.byUser.values()) {
      for (const conn of set) out.set(conn.sessionId, [...(out.get(conn.sessionId) ?? []), conn]);
    }
    return out;
  }

  closeUser(userId: string, reason: string): void {
    for (const conn of this.forUser(userId)) conn.close(reason);
  }

  closeSession(sessionId: string, reason: string): void {
    for (const conn of this.sessions().get(sessionId) ?? []) conn.close(reason);
  }

  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }
}
