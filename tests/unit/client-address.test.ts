import { describe, expect, it } from "vitest";
import { addressBehindProxies } from "../../server/origin";

describe("the client's address behind Circle's proxy", () => {
  it("takes the address our proxy saw, not one the client wrote into X-Forwarded-For", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; our proxy (10.0.0.2) appended 203.0.113.7.
    expect(addressBehindProxies("6.6.6.6, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(addressBehindProxies("1.1.1.1, 2.2.2.2, 6.6.6.6, 203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(addressBehindProxies("203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7");
  });

  it("uses the socket's peer when no proxy is trusted, whatever the header says", () => {
    expect(addressBehindProxies("6.6.6.6", "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(addressBehindProxies(undefined, "203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("falls back to the socket's peer when the header is missing behind a proxy", () => {
    expect(addressBehindProxies(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(addressBehindProxies("", "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});
