import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFailureLimiter } from "~/utils/rate-limit.server";

const MINUTE = 60 * 1000;

describe("sign-in failure limiter", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-25T10:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("blocks a key once it reaches the maximum number of failures, not before", () => {
    const limiter = createFailureLimiter({ max: 3, windowMs: 15 * MINUTE });
    limiter.fail("tablet-1");
    limiter.fail("tablet-1");
    expect(limiter.isBlocked("tablet-1")).toBe(false);
    limiter.fail("tablet-1");
    expect(limiter.isBlocked("tablet-1")).toBe(true);
  });

  it("keeps each key separate: one blocked tablet does not block the one next to it", () => {
    const limiter = createFailureLimiter({ max: 2, windowMs: 15 * MINUTE });
    limiter.fail("tablet-1");
    limiter.fail("tablet-1");
    expect(limiter.isBlocked("tablet-1")).toBe(true);
    expect(limiter.isBlocked("tablet-2")).toBe(false);
  });

  it("lets failures age out of the sliding window", () => {
    const limiter = createFailureLimiter({ max: 2, windowMs: 15 * MINUTE });
    limiter.fail("tablet-1");
    vi.advanceTimersByTime(10 * MINUTE);
    limiter.fail("tablet-1");
    expect(limiter.isBlocked("tablet-1")).toBe(true);
    // The first failure leaves the window; one recent failure is below the limit.
    vi.advanceTimersByTime(5 * MINUTE + 1);
    expect(limiter.isBlocked("tablet-1")).toBe(false);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(limiter.isBlocked("tablet-1")).toBe(false);
    limiter.fail("tablet-1");
    expect(limiter.isBlocked("tablet-1")).toBe(false);
  });

  it("forgets every failure of a key on reset (a successful sign-in)", () => {
    const limiter = createFailureLimiter({ max: 2, windowMs: 15 * MINUTE });
    limiter.fail("tablet-1");
    limiter.fail("tablet-1");
    limiter.reset("tablet-1");
    expect(limiter.isBlocked("tablet-1")).toBe(false);
    limiter.fail("tablet-1");
    expect(limiter.isBlocked("tablet-1")).toBe(false);
  });

  it("takes back exactly one failure on forgive, and ignores keys it never saw", () => {
    const limiter = createFailureLimiter({ max: 2, windowMs: 15 * MINUTE });
    limiter.fail("office-ip");
    limiter.fail("office-ip");
    limiter.forgive("office-ip");
    expect(limiter.isBlocked("office-ip")).toBe(false);
    limiter.fail("office-ip");
    expect(limiter.isBlocked("office-ip")).toBe(true);
    expect(() => limiter.forgive("never-seen")).not.toThrow();
    expect(limiter.isBlocked("never-seen")).toBe(false);
  });

  it("stays bounded in memory under a flood of distinct keys", () => {
    const limiter = createFailureLimiter({ max: 1, windowMs: 15 * MINUTE });
    limiter.fail("first");
    expect(limiter.isBlocked("first")).toBe(true);
    for (let i = 0; i < 50_001; i++) limiter.fail(`flood-${i}`);
    // The oldest key was evicted to keep the map at 50,000 entries; the newest is still tracked.
    expect(limiter.isBlocked("first")).toBe(false);
    expect(limiter.isBlocked("flood-50000")).toBe(true);
  });
});
