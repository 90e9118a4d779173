import { FAULT_POINTS, getEnv, type FaultPoint } from "~/utils/env.server";

/**
 * Test-only fault injection. `CIRCLE_FAULTS="compaction:throw,sweep:throw"` makes those points of
 * the real server throw every time they run, as a failing or full disk would. The variable is read
 * once, at start-up, and env.server.ts refuses to start with it unless NODE_ENV=test, so a
 * production server never carries a live switch. Clearing a fault means restarting without it.
 */
let active: ReadonlySet<FaultPoint> | undefined;

function activeFaults(): ReadonlySet<FaultPoint> {
  if (active) return active;
  const listed = new Set(
    getEnv()
      .CIRCLE_FAULTS.split(",")
      .map((f) => f.trim()),
  );
  active = new Set(FAULT_POINTS.filter((p) => listed.has(`${p}:throw`)));
  return active;
}

export function faultActive(point: FaultPoint): boolean {
  return activeFaults().has(point);
}

/** Throws at a fault point switched on by CIRCLE_FAULTS; does nothing otherwise. */
export function injectFault(point: FaultPoint): void {
  if (activeFaults().has(point)) throw new Error(`injected fault: ${point}`);
}
