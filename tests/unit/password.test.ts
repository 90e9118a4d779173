import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, verifyPassword } from "~/utils/password.server";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores scrypt with its parameters and a random salt, never the password", async () => {
    const a = await hashPassword("same password here");
    const b = await hashPassword("same password here");
    expect(a).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(a).not.toContain("same password here");
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password here", b)).toBe(true);
  });

  it("uses at least the OWASP scrypt floor (N ≥ 2^15, r ≥ 8) and a 16-byte salt", async () => {
    const [, n, r, p, salt, key] = (await hashPassword("parameter check")).split("$");
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 15);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(salt!, "base64url")).toHaveLength(16);
    expect(Buffer.from(key!, "base64url").length).toBeGreaterThanOrEqual(32);
  });

  it("verifies hashes made with other parameters, read from the stored value (so they can be raised later)", async () => {
    const salt = randomBytes(16);
    const key = scryptSync("older account", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = ["scrypt", 2 ** 14, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    expect(await verifyPassword("older account", stored)).toBe(true);
    expect(await verifyPassword("older accounT", stored)).toBe(false);
  });

  it("rejects stored values that are not a scrypt hash instead of accepting them", async () => {
    expect(await verifyPassword("anything", "")).toBe(false);
    expect(await verifyPassword("anything", "anything")).toBe(false);
    expect(await verifyPassword("anything", "bcrypt$2b$10$abc$def")).toBe(false);
    expect(await verifyPassword("anything", "scrypt$32768$8$1$$")).toBe(false);
  });

  it("spends a real password check for unknown accounts without throwing", async () => {
    await expect(burnPasswordCheck("whatever")).resolves.toBeUndefined();
    await expect(burnPasswordCheck("whatever again")).resolves.toBeUndefined();
  });
});
