import { describe, expect, it } from "vitest";
import { parseEnv, smtpConfigured } from "~/utils/env.server";

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

describe("the email digest's settings", () => {
  it("offer no digest without a relay, and refuse a relay without a sender address", () => {
    expect(smtpConfigured(parseEnv({}))).toBe(false);
    expect(() => parseEnv({ SMTP_HOST: "mail.service.example" })).toThrow(/SMTP_FROM: SMTP_FROM must be the digest's sender address/);
    const env = parseEnv({ SMTP_HOST: "mail.service.example", SMTP_PORT: "2525", SMTP_FROM: "circle@service.example", PUBLIC_URL: "" });
    expect(smtpConfigured(env)).toBe(true);
    expect(env.SMTP_PORT).toBe(2525);
    expect(env.PUBLIC_URL).toBeUndefined();
    expect(() => parseEnv({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
  });
});
