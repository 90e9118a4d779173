import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BUDGETS, createSignInThrottle, FORGET_AFTER_MS, tooManyAttemptsMessage, waitAfter, type Budget, type Charge } from "~/utils/sign-in-throttle.server";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A throttle on this file's real SQLite database, with a clock the test moves. */
function throttleAt(start = Date.parse("2026-12-07T09:00:00Z")) {
  const clock = { now: start };
  const throttle = createSignInThrottle({ now: () => clock.now, firstWaitMs: SECOND });
  return { clock, throttle };
}

const charge = (budget: Budget, onSuccess: Charge["onSuccess"] = "reset", key = randomUUID()): Charge => ({ budget, key, onSuccess });

/** One attempt that turns out wrong (admitted and left charged), or the wait that refused it. */
async function fail(throttle: ReturnType<typeof createSignInThrottle>, charges: Charge[]) {
  const admission = await throttle.begin(charges);
  return admission.ok ? 0 : admission.retryAfterMs;
}

describe("sign-in throttle: the waits", () => {
  it("allows a budget's free failures, then doubles the wait with each further one, up to the cap", () => {
    const budget = BUDGETS.account;
    expect([1, 2, 3].map((n) => waitAfter(n, budget, SECOND))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7].map((n) => waitAfter(n, budget, SECOND))).toEqual([1 * SECOND, 2 * SECOND, 4 * SECOND, 8 * SECOND]);
    expect(waitAfter(13, budget, SECOND)).toBe(512 * SECOND);
    expect(waitAfter(14, budget, SECOND)).toBe(15 * MINUTE);
    expect(waitAfter(10_000, budget, SECOND)).toBe(15 * MINUTE);
    expect(waitAfter(21, BUDGETS.address, SECOND)).toBe(SECOND);
  });

  it("says how many whole seconds are left, rounded up", () => {
    expect(tooManyAttemptsMessage(1)).toBe("Too many attempts. Try again in 1 second.");
    expect(tooManyAttemptsMessage(1000)).toBe("Too many attempts. Try again in 1 second.");
    expect(tooManyAttemptsMessage(1001)).toBe("Too many attempts. Try again in 2 seconds.");
    expect(tooManyAttemptsMessage(15 * MINUTE)).toBe("Too many attempts. Try again in 900 seconds.");
  });
});

describe("sign-in throttle: budgets over time", () => {
  it("refuses attempts inside a wait without counting them, and admits the next one when it is over", async () => {
    const { clock, throttle } = throttleAt();
    const account = charge(BUDGETS.account);
    for (let i = 0; i < 4; i++) expect(await fail(throttle, [account])).toBe(0);
    expect(await fail(throttle, [account])).toBe(1 * SECOND);
    clock.now += 600;
    expect(await fail(throttle, [account])).toBe(400);
    expect(await fail(throttle, [account])).toBe(400); // still not counted: the wait did not grow
    clock.now += 400;
    expect(await fail(throttle, [account])).toBe(0); // the fifth failure
    expect(await fail(throttle, [account])).toBe(2 * SECOND);
    clock.now += 2 * SECOND;
    expect(await fail(throttle, [account])).toBe(0); // the sixth
    expect(await fail(throttle, [account])).toBe(4 * SECOND);
  });

  it("caps the wait at 15 minutes however long the guessing goes on", async () => {
    const { clock, throttle } = throttleAt();
    const account = charge(BUDGETS.account);
    const waits: number[] = [];
    while (waits.length < 26) {
      const wait = await fail(throttle, [account]);
      if (wait > 0) waits.push(wait);
      clock.now += wait;
    }
    expect(waits.slice(0, 11)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900].map((s) => s * SECOND));
    expect(new Set(waits.slice(10))).toEqual(new Set([15 * MINUTE]));
  });

  it("forgets a budget a day after its last failure", async () => {
    const { clock, throttle } = throttleAt();
    const account = charge(BUDGETS.account);
    for (let i = 0; i < 8; i++) {
      await fail(throttle, [account]);
      clock.now += 10 * MINUTE;
    }
    expect(await fail(throttle, [account])).toBe(0);
    clock.now += FORGET_AFTER_MS + 1;
    // Three free failures again, as if nothing had happened.
    for (let i = 0; i < 3; i++) expect(await fail(throttle, [account])).toBe(0);
    expect(await fail(throttle, [account])).toBe(0);
    expect(await fail(throttle, [account])).toBe(SECOND);
  });

  it("refuses when any of an attempt's budgets is waiting, with the longest wait, and charges none of them", async () => {
    const { clock, throttle } = throttleAt();
    const address = charge(BUDGETS.address, "forgive");
    for (let i = 0; i < 21; i++) expect(await fail(throttle, [charge(BUDGETS.account), address])).toBe(0);
    const fresh = charge(BUDGETS.account);
    expect(await fail(throttle, [fresh, address])).toBe(SECOND);
    clock.now += SECOND;
    // `fresh` was not charged by the refusal: it still has all three free failures.
    for (let i = 0; i < 3; i++) expect(await fail(throttle, [fresh])).toBe(0);
    expect(await fail(throttle, [fresh])).toBe(0);
    expect(await fail(throttle, [fresh])).toBe(SECOND);
  });

  it("counts concurrent attempts one by one: a burst cannot all pass before any is counted", async () => {
    const { throttle } = throttleAt();
    const account = charge(BUDGETS.account);
    const answers = await Promise.all(Array.from({ length: 10 }, () => throttle.begin([account])));
    expect(answers.filter((a) => a.ok)).toHaveLength(4);
    expect(answers.filter((a) => !a.ok)).toHaveLength(6);
  });
});

describe("sign-in throttle: success and forgiveness", () => {
  it("clears a 'reset' budget on success and gives back only this attempt on a 'forgive' one", async () => {
    const { throttle } = throttleAt();
    const account = charge(BUDGETS.account, "reset");
    const address = charge(BUDGETS.address, "forgive");
    for (let i = 0; i < 3; i++) await fail(throttle, [account, address]);
    const admission = await throttle.begin([account, address]);
    if (!admission.ok) throw new Error("refused");
    await admission.attempt.succeeded();
    // The account starts again (three free failures, then a 1 s wait)...
    for (let i = 0; i < 4; i++) expect(await fail(throttle, [account])).toBe(0);
    expect(await fail(throttle, [account])).toBe(SECOND);
    // ...the address keeps the three earlier failures: 17 more are free, then it waits.
    for (let i = 0; i < 18; i++) expect(await fail(throttle, [address])).toBe(0);
    expect(await fail(throttle, [address])).toBe(SECOND);
  });

  it("forgives an attempt that was not a guess, restoring the budget as it was, wait included", async () => {
    const { throttle } = throttleAt();
    const account = charge(BUDGETS.account);
    for (let i = 0; i < 3; i++) await fail(throttle, [account]);
    const admission = await throttle.begin([account]); // the fourth: a 1 s wait from here
    if (!admission.ok) throw new Error("refused");
    expect(await fail(throttle, [account])).toBe(SECOND);
    await admission.attempt.forgive();
    // Back to three failures and no wait.
    expect(await fail(throttle, [account])).toBe(0);
    expect(await fail(throttle, [account])).toBe(SECOND);
  });

  it("takes away only its own failure when others were counted after it", async () => {
    const { clock, throttle } = throttleAt();
    const account = charge(BUDGETS.account);
    const first = await throttle.begin([account]);
    if (!first.ok) throw new Error("refused");
    for (let i = 0; i < 3; i++) await fail(throttle, [account]); // four failures: a 1 s wait
    await first.attempt.forgive(); // three now, the wait left as it was
    expect(await fail(throttle, [account])).toBe(SECOND);
    clock.now += SECOND;
    expect(await fail(throttle, [account])).toBe(0); // the fourth again: 1 s, not 2
    expect(await fail(throttle, [account])).toBe(SECOND);
  });

  it("clears a budget on request", async () => {
    const { throttle } = throttleAt();
    const account = charge(BUDGETS.account);
    for (let i = 0; i < 6; i++) await fail(throttle, [account]);
    expect(await fail(throttle, [account])).toBeGreaterThan(0);
    await throttle.clear(account.budget, account.key);
    expect(await fail(throttle, [account])).toBe(0);
  });
});
