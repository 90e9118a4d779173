import { describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";

describe("CIRCLE_FAULTS, the tests' fault switch", () => {
  it("is accepted only with NODE_ENV=test, so a production server never carries it", () => {
    expect(parseEnv({ NODE_ENV: "test", CIRCLE_FAULTS: "compaction:throw, sweep:throw" }).CIRCLE_FAULTS).toBe("compaction:throw, sweep:throw");
    expect(() => parseEnv({ CIRCLE_FAULTS: "compaction:throw" })).toThrow(/CIRCLE_FAULTS.*only honoured with NODE_ENV=test/);
    expect(() => parseEnv({ NODE_ENV: "development", CIRCLE_FAULTS: "timer:throw" })).toThrow(/CIRCLE_FAULTS/);
    expect(parseEnv({}).CIRCLE_FAULTS).toBe("");
  });

  it("names only known fault points", () => {
    expect(() => parseEnv({ NODE_ENV: "test", CIRCLE_FAULTS: "disk:throw" })).toThrow(/CIRCLE_FAULTS: expected a comma-separated list/);
    expect(() => parseEnv({ NODE_ENV: "test", CIRCLE_FAULTS: "compaction" })).toThrow(/CIRCLE_FAULTS/);
  });
});
