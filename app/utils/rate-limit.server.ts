/** Counts failures per key in a sliding window. In memory: one process serves a service (docs/architecture.md §6). */
export function createFailureLimiter({ max, windowMs }: { max: number; windowMs: number }) {
  const failures = new Map<string, number[]>();

  const recent = (key: string) => {
    const cutoff = Date.now() - windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  };

  return {
    isBlocked: (key: string) => recent(key).length >= max,
    fail(key: string) {
      const list = recent(key);
      list.push(Date.now());
      failures.set(key, list);
      if (failures.size > 50_000) failures.delete(failures.keys().next().value!);
    },
    /** Takes back one failure that was counted up front for an attempt that turned out not to fail. */
    forgive(key: string) {
      const list = failures.get(key);
      list?.pop();
      if (list?.length === 0) failures.delete(key);
    },
    reset: (key: string) => void failures.delete(key),
  };
}
