/** Per-connection message rate (token bucket) and per-user connection cap for the collab server. */
export const COLLAB_LIMITS = {
  /** Sustained messages per second per connection, and the burst allowed above it. */
  messagesPerSecond: 100,
  burst: 300,
  /** Open collab connections one user may hold (two tablets, several tabs, a reconnect in flight). */
  connectionsPerUser: 16,
  /**
   * Presence is relayed to everyone in the room, so one peer must not be able to flood the others:
   * a caret's awareness message is a few hundred bytes; anything over 8 KB is refused, and a
   * connection may send 16 KB of awareness a second (64 KB at once) before it is closed.
   */
  awarenessMaxBytes: 8 * 1024,
  awarenessBytesPerSecond: 16 * 1024,
  awarenessBurstBytes: 64 * 1024,
  /** An unloaded document waits this long after its last peer leaves before being compacted and dropped. */
  idleUnloadMs: 30_000,
} as const;

/** A token bucket: `allow(cost)` spends `cost` tokens (a message, or its bytes) if the bucket holds them. */
export function createRateLimiter(perSecond: number = COLLAB_LIMITS.messagesPerSecond, burst: number = COLLAB_LIMITS.burst) {
  let tokens: number = burst;
  let last = Date.now();
  return function allow(cost = 1): boolean {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < cost) return false;
    tokens -= cost;
    return true;
  };
}

/** A stable, readable colour per user for carets and presence. */
const PALETTE = ["#b3261e", "#1d6b3a", "#2454a6", "#8a4b00", "#6b2fa6", "#00707a", "#a1326e", "#4d5b00"];
export function colourFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
