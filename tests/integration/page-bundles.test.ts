import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/paths";

/**
 * What a tablet downloads before a page works, read from the browser build `npm test` makes first
 * (public/build and its manifest). Schemas stay on the server (actions in app/actions/*.server.ts,
 * queries read in models), so no page carries zod; and the case page does not wait for the notes
 * editor, which it loads once the page is interactive.
 */
const PUBLIC = path.join(ROOT, "public");
const BUILD = path.join(PUBLIC, "build");

type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, { module: string; imports?: string[] }> };

function manifest(): Manifest {
  const file = readdirSync(BUILD).find((f) => /^manifest-[A-Z0-9]+\.js$/.test(f));
  if (!file) throw new Error("No browser build: run `npx remix build` first (npm test does)");
  const source = readFileSync(path.join(BUILD, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

const text = new Map<string, string>();
const read = (url: string) => text.get(url) ?? text.set(url, readFileSync(path.join(PUBLIC, url), "utf8")).get(url)!;

/** Every script a route's page loads up front: the entry, the route module and their static imports. */
function upFront(m: Manifest, route: string): string[] {
  const r = m.routes[route]!;
  return [m.entry.module, ...(m.entry.imports ?? []), r.module, ...(r.imports ?? [])];
}

describe("what a page downloads before it works", () => {
  const m = manifest();

  it("no page carries zod: every schema stays on the server", () => {
    const routes = Object.keys(m.routes);
    expect(routes.length).toBeGreaterThan(30);
    const withZod = routes.filter((route) => upFront(m, route).some((url) => read(url).includes("ZodError")));
    expect(withZod).toEqual([]);
  });

  it("the case page does not wait for the notes editor: it loads after the page is interactive", () => {
    const caseScripts = upFront(m, "routes/cases.$caseId");
    expect(caseScripts.some((url) => read(url).includes("ProseMirror"))).toBe(false);
    // The editor is still built, as a chunk of its own that the page asks for later.
    const chunks = readdirSync(path.join(BUILD, "_shared")).map((f) => `/build/_shared/${f}`);
    expect(chunks.some((url) => read(url).includes("ProseMirror"))).toBe(true);
  });
});
