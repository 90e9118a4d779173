/**
 * How long a failed background task waits before its next try: `baseMs` after the first failure,
 * doubling with each failure in a row up to `maxMs`, give or take a fifth (drawn each time) so that
 * tasks that failed together (every document compacting on one failing disk) do not retry together.
 */
export function backoffMs(failures: number, baseMs: number, maxMs: number): number {
  const nominal = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(nominal * (0.8 + Math.random() * 0.4));
}
