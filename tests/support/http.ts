import { getDb } from "~/utils/db.server";

/** A browser-like client: keeps its cookies, sends Origin on posts, never follows redirects. */
export class TestClient {
  private cookies = new Map<string, string>();
  /** `headers` go on every request (e.g. X-Forwarded-For, to stand for a client at another address behind the proxy). */
  constructor(
    readonly origin: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.headers)) if (!headers.has(name)) headers.set(name, value);
    if (this.cookies.size > 0 && !headers.has("Cookie")) headers.set("Cookie", this.cookieHeader);
    if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.origin);
    const res = await fetch(this.origin + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, fields: Record<string, string>) {
    return this.request(path, { method: "POST", body: new URLSearchParams(fields) });
  }

  /** Post a form whose fields may repeat (checkbox groups): pass URLSearchParams or [name, value] pairs. */
  postForm(path: string, fields: URLSearchParams | [string, string][]) {
    return this.request(path, { method: "POST", body: new URLSearchParams(fields) });
  }

  /** Sign in through the real /login form; throws unless it redirects. */
  async signIn(email: string, password: string): Promise<this> {
    const res = await this.post("/login", { email, password, redirectTo: "/cases" });
    if (res.status !== 302) throw new Error(`sign-in as ${email} failed with ${res.status}`);
    return this;
  }
}

export async function caseIdByReference(reference: string): Promise<string> {
  const found = await getDb().case.findFirstOrThrow({ where: { reference }, select: { id: true } });
  return found.id;
}

/** Poll until check() is truthy (no fixed sleeps: docs/conventions.md §10). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, label = "condition"): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
