import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/http";
import { ROUTE_MATRIX, type PrincipalName } from "../support/matrix";
import { clientFor, fillSubject, prepareMatrixSubject } from "../support/matrix-subject";
import { useDemoServer } from "../support/server";

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

/** The nonce named in script-src; fails the test when there is none or more than one. */
function scriptNonce(header: string | null): string {
  const scriptSrc = directives(header).get("script-src") ?? [];
  const nonces = scriptSrc.filter((v) => /^'nonce-[A-Za-z0-9+/=]+'$/.test(v));
  expect(nonces, `one nonce in script-src of: ${header}`).toHaveLength(1);
  return nonces[0]!.slice("'nonce-".length, -1);
}

const scriptTags = (html: string) => html.match(/<script\b[^>]*>/gi) ?? [];
/** Start tags that carry an inline event handler attribute (onclick=…, onload=…). */
const handlerTags = (html: string) => (html.match(/<[a-z][a-z0-9-]*\b[^>]*>/gi) ?? []).filter((tag) => /\son[a-z]+\s*=/i.test(tag));

describe("Content-Security-Policy: scripts run only with this response's nonce", () => {
  const server = useDemoServer();
  const clients = {} as Record<"anonymous" | "admin" | "lead" | "letterAuthor", TestClient>;
  let fill: (path: string) => string = (p) => p;

  beforeAll(async () => {
    for (const who of ["anonymous", "admin", "lead", "letterAuthor"] as const) clients[who] = await clientFor(server().origin, who);
    // The same ids the authorization matrix fills in, so every page the lead may see answers 200.
    const ids = await prepareMatrixSubject();
    fill = (p) => fillSubject(ids, p);
  });

  /** Every page of the route matrix that this principal gets with a 200, once. */
  const pagesFor = (who: PrincipalName) => [
    ...new Set(
      Object.values(ROUTE_MATRIX)
        .filter((row) => row.get.expect[who] === 200)
        .map((row) => row.get.path ?? row.pattern)
        .filter((path) => !path.includes("_data=")),
    ),
  ];

  it("every HTML page has a nonce in script-src, no 'unsafe-inline' there, and the nonce on each of its inline scripts", async () => {
    const pages: string[] = [];
    for (const who of ["anonymous", "admin", "lead", "letterAuthor"] as const) {
      // The 404 page too: an error page is rendered by the same document and must run the same way.
      for (const path of [...pagesFor(who), "/no-such-page"]) {
        const res = await clients[who].get(fill(path));
        const html = await res.text();
        if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
        const label = `${who} GET ${path} (${res.status})`;
        const header = res.headers.get("content-security-policy");
        const scriptSrc = directives(header).get("script-src") ?? [];
        expect(scriptSrc, label).not.toContain("'unsafe-inline'");
        expect(scriptSrc, label).not.toContain("'unsafe-eval'");
        expect(directives(header).get("script-src-attr"), label).toEqual(["'none'"]);
        const nonce = scriptNonce(header);
        const tags = scriptTags(html);
        // Remix pages carry their context and module loader inline; the 405 page of a form-only route has no script.
        if (html.includes("__remixContext")) expect(tags.length, label).toBeGreaterThan(0);
        for (const tag of tags) expect(tag, label).toContain(` nonce="${nonce}"`);
        expect(handlerTags(html), label).toEqual([]);
        pages.push(`${who} ${path}`);
      }
    }
    expect(pages).toEqual(
      expect.arrayContaining([
        "anonymous /login",
        "lead /cases",
        "lead /cases/:caseId",
        "lead /conferences/:conferenceId/live",
        "lead /no-such-page",
        "admin /admin/users",
        "letterAuthor /letters",
      ]),
    );
    expect(pages.length).toBeGreaterThan(20);
  });

  it("the nonce is new for every request", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await clients.lead.get("/cases");
      const nonce = scriptNonce(res.headers.get("content-security-policy"));
      const html = await res.text();
      expect(scriptTags(html).every((tag) => tag.includes(` nonce="${nonce}"`))).toBe(true);
      expect(nonce.length).toBeGreaterThanOrEqual(22); // 16 random bytes in base64
      seen.add(nonce);
    }
    expect(seen.size).toBe(3);
  });

  it("a crawler gets the whole document at once, with the same nonce rules", async () => {
    const res = await clients.anonymous.request("/login", { headers: { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" } });
    const nonce = scriptNonce(res.headers.get("content-security-policy"));
    const tags = scriptTags(await res.text());
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(` nonce="${nonce}"`);
  });
});
