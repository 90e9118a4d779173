import { readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { ROOT } from "../support/paths";
import { useDemoServer } from "../support/server";
import { TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD } from "../support/server";

// node:http rather than fetch: fetch decodes a compressed body silently, and the point here is the
// bytes on the wire.
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The largest script the sign-in page loads, as the browser would ask for it. */
function largestScript(html: string): string {
  const scripts = [...html.matchAll(/\/build\/[^"']+\.js/g)].map((m) => m[0]);
  const sized = [...new Set(scripts)].map((p) => ({ p, size: readFileSync(path.join(ROOT, "public", p)).length }));
  return sized.sort((a, b) => b.size - a.size)[0]!.p;
}

describe("compressed answers", () => {
  const server = useDemoServer();

  it("sends a tablet the page's JavaScript gzipped, and it unpacks to exactly the built file", async () => {
    const { origin } = server();
    const page = await fetch(`${origin}/login`);
    const asset = largestScript(await page.text());
    const original = readFileSync(path.join(ROOT, "public", asset));

    const gz = await get(origin + asset, { "Accept-Encoding": "gzip" });
    expect(gz.status).toBe(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.body.length).toBeLessThan(original.length / 2);
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const br = await get(origin + asset, { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    // A client that asks for nothing gets the plain file.
    const plain = await get(origin + asset, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it("keeps a compressed case page uncacheable and under its script policy", async () => {
    const { origin } = server();
    const lead = await new TestClient(origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const page = await get(`${origin}/cases`, { Cookie: lead.cookieHeader, "Accept-Encoding": "gzip" });
    expect(page.status).toBe(200);
    expect(page.headers["content-encoding"]).toBe("gzip");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(String(page.headers["content-security-policy"])).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(gunzipSync(page.body).toString()).toContain("</html>");
  });

  it("leaves the live channel's WebSocket alone: a socket that offers compression still connects", async () => {
    const { origin } = server();
    const lead = await new TestClient(origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const socket = io(origin, { transports: ["websocket"], extraHeaders: { Cookie: lead.cookieHeader, Origin: origin, "Accept-Encoding": "gzip" } });
    try {
      await waitFor(() => socket.connected, 10_000, "socket connected");
    } finally {
      socket.close();
    }
  });
});
