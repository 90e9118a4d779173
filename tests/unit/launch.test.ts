import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import SERVER_NODE_ARGS from "../../server/node-args.json";

const ROOT = path.resolve(__dirname, "..", "..");

describe("how the server is started", () => {
  it("npm start runs node with server/node-args.json, the arguments the tests and the benchmarks use", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(new RegExp(`&& node ${SERVER_NODE_ARGS.join(" ").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
    expect(SERVER_NODE_ARGS.at(-1)).toBe("server/index.ts");
    expect(SERVER_NODE_ARGS).toContain("--single-threaded-gc");
  });
});
