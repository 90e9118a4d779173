import { useEffect, useState } from "react";

export type WakeLockStatus = "idle" | "on" | "unsupported" | "failed";

type Sentinel = { release: () => Promise<void>; addEventListener: (type: "release", fn: () => void) => void };
type WakeLockApi = { request: (type: "screen") => Promise<Sentinel> };

/**
 * Keeps the screen awake while `active` (a conference running). The browser drops the lock when
 * the page is hidden, so it is asked for again whenever the page becomes visible. Where the API
 * is missing or refused, the status says so and the page shows a hint instead.
 */
export function useWakeLock(active: boolean): WakeLockStatus {
  const [status, setStatus] = useState<WakeLockStatus>("idle");
  useEffect(() => {
    if (!active) return setStatus("idle");
    const api = (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
    if (!api) return setStatus("unsupported");
    let sentinel: Sentinel | null = null;
    let disposed = false;
    const acquire = async () => {
      if (document.visibilityState !== "visible" || sentinel) return;
      try {
        const lock = await api.request("screen");
        if (disposed) return void lock.release().catch(() => undefined);
        sentinel = lock;
        setStatus("on");
        lock.addEventListener("release", () => {
          sentinel = null;
          if (!disposed) setStatus("idle");
        });
      } catch {
        if (!disposed) setStatus("failed");
      }
    };
    const onVisibility = () => void acquire();
    void acquire();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      disposed = true;
      document.removeEventListener("visibilitychange", onVisibility);
      void sentinel?.release().catch(() => undefined);
    };
  }, [active]);
  return status;
}
