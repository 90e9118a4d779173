import { createHash } from "node:crypto";
import { db } from "./db.server";
import { getEnv } from "./env.server";

/**
 * Sign-in throttling: growing waits instead of a lock. A lock let anyone who knew an email keep
 * its owner out (five wrong passwords, again every 15 minutes), and locked only accounts that
 * existed, which told a stranger which ones did. Here every attempt is charged to one or more
 * budgets (the account name typed, the source address, or a device that has signed in to that
 * account before); each budget allows a few failures, then every further attempt must wait an
 * interval that doubles with each failure, up to a cap. An attempt that comes during a wait is
 * refused unchecked. Names that match no account are budgeted exactly like real ones.
 */
export type Budget = {
  /** Part of the stored key, so one value (an address) in two budgets counts twice, separately. */
  name: string;
  /** Failures allowed before any wait. */
  free: number;
  maxWaitMs: number;
};

const MINUTE = 60 * 1000;

export const BUDGETS = {
  /** The email or username typed, whether or not an account has it. */
  account: { name: "account", free: 3, maxWaitMs: 15 * MINUTE },
  /**
   * The source address. Generous, because the tablets of a meeting room share one: it is there to
   * slow one address trying many accounts (which the account budget cannot see).
   */
  address: { name: "address", free: 20, maxWaitMs: 15 * MINUTE },
  /** A browser that has signed in to this account before: guesses made anywhere else never reach it. */
  knownDevice: { name: "known-device", free: 5, maxWaitMs: 15 * MINUTE },
  /** Invite codes, per username: counted apart from passwords, so they never hold up a sign-in. */
  invite: { name: "invite", free: 3, maxWaitMs: 15 * MINUTE },
  inviteAddress: { name: "invite-address", free: 20, maxWaitMs: 15 * MINUTE },
} satisfies Record<string, Budget>;

/** A budget with no failure for this long starts again from nothing. */
export const FORGET_AFTER_MS = 24 * 60 * MINUTE;
const PRUNE_EVERY_MS = 60 * MINUTE;

/**
 * How long the next attempt must wait after `failures` failures: nothing within the free ones,
 * then `firstWaitMs` (1 s unless SIGN_IN_FIRST_WAIT_MS says otherwise), doubling with each
 * further failure up to the budget's cap.
 */
export function waitAfter(failures: number, budget: Budget, firstWaitMs: number): number {
  if (failures <= budget.free) return 0;
  return Math.min(budget.maxWaitMs, firstWaitMs * 2 ** Math.min(30, failures - budget.free - 1));
}

/** The answer for an attempt inside a wait (whole seconds, rounded up). */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `Too many attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}

/**
 * One budget an attempt is charged to. On success the budget is either cleared (the account's or
 * the device's: its owner got in) or only given back this attempt (an address many people share).
 */
export type Charge = { budget: Budget; key: string; onSuccess: "reset" | "forgive" };

type State = { failures: number; lastFailureAt: Date; waitUntil: Date };
type Reserved = { id: string; before: State | null; after: State; onSuccess: Charge["onSuccess"] };

export type Attempt = {
  /** The right credentials: reset or give back each charge as it says. */
  succeeded(): Promise<void>;
  /** Not a guess after all (the account is disabled or closed): give every charge back. */
  forgive(): Promise<void>;
};

export type Admission = { ok: true; attempt: Attempt } | { ok: false; retryAfterMs: number };

/** Stored keys are hashes, so the table is not a list of the emails and addresses tried. */
const storedKey = (budget: Budget, key: string) => createHash("sha256").update(`${budget.name}:${key}`).digest("hex");

/**
 * The throttle over the `SignInThrottle` table. `now` and `firstWaitMs` are injectable for tests. Checks and
 * charges run one at a time in this process (one process serves a service, DESIGN.md §6), so a
 * burst of concurrent guesses cannot all pass the check before any of them is counted: an
 * admitted attempt is charged as a failure at once and given back only if it turns out right.
 */
export function createSignInThrottle({ now = () => Date.now(), firstWaitMs }: { now?: () => number; firstWaitMs?: number } = {}) {
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  let lastPrune = 0;

  async function read(ids: string[], at: number): Promise<Map<string, State>> {
    const rows = await db.signInThrottle.findMany({ where: { key: { in: ids } }, select: { key: true, failures: true, lastFailureAt: true, waitUntil: true } });
    // A budget left alone long enough is forgotten (the row is deleted by the next prune).
    return new Map(rows.filter((r) => r.lastFailureAt.getTime() > at - FORGET_AFTER_MS).map((r) => [r.key, r]));
  }

  const write = (id: string, state: State | null) =>
    state
      ? db.signInThrottle.upsert({ where: { key: id }, create: { key: id, ...state }, update: state, select: { key: true } })
      : db.signInThrottle.deleteMany({ where: { key: id } });

  /**
   * Settles an admitted attempt that was not a failure after all: a budget to reset is cleared;
   * otherwise the budget returns to what it was before, or, if other attempts were charged since,
   * loses just this one failure.
   */
  async function settle(reserved: Reserved[], success: boolean) {
    await exclusive(async () => {
      const current = await read(
        reserved.map((r) => r.id),
        now(),
      );
      const writes = reserved.map((r) => {
        if (success && r.onSuccess === "reset") return write(r.id, null);
        const state = current.get(r.id);
        if (!state) return null;
        const untouched = state.failures === r.after.failures && state.lastFailureAt.getTime() === r.after.lastFailureAt.getTime();
        if (untouched) return write(r.id, r.before);
        // Later failures were counted on top of this one: take only this one away.
        return write(r.id, { ...state, failures: Math.max(0, state.failures - 1) });
      });
      await db.$transaction(writes.filter((w) => w !== null));
    });
  }

  return {
    /**
     * Admits an attempt, charging it to every budget as a failure, or refuses it with the longest
     * wait any of them still has. Refused attempts are not counted (their password is not checked).
     */
    begin(charges: Charge[]): Promise<Admission> {
      return exclusive(async () => {
        const at = now();
        const first = firstWaitMs ?? getEnv().SIGN_IN_FIRST_WAIT_MS;
        const ids = charges.map((c) => storedKey(c.budget, c.key));
        const current = await read(ids, at);
        const retryAfterMs = Math.max(0, ...ids.map((id) => (current.get(id)?.waitUntil.getTime() ?? 0) - at));
        if (retryAfterMs > 0) return { ok: false as const, retryAfterMs };
        const reserved: Reserved[] = charges.map((c, i) => {
          const id = ids[i]!;
          const before = current.get(id) ?? null;
          const failures = (before?.failures ?? 0) + 1;
          return { id, before, onSuccess: c.onSuccess, after: { failures, lastFailureAt: new Date(at), waitUntil: new Date(at + waitAfter(failures, c.budget, first)) } };
        });
        await db.$transaction(reserved.map((r) => write(r.id, r.after)));
        if (at - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = at;
          await db.signInThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(at - FORGET_AFTER_MS) } } });
        }
        return { ok: true as const, attempt: { succeeded: () => settle(reserved, true), forgive: () => settle(reserved, false) } };
      });
    },

    /** Clears a budget (a manager reset the account's password). */
    clear(budget: Budget, key: string): Promise<void> {
      return exclusive(async () => void (await write(storedKey(budget, key), null)));
    },
  };
}

export const signInThrottle = createSignInThrottle();
