import { Agent, request as httpRequest } from "node:http";
import { io as connectSocket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseFile, startChildServer, type ChildServer } from "../support/child-server";
import { TestClient, waitFor } from "../support/http";
import { DEMO_PASSWORD } from "../support/server";

/** Resolves with the exit code, or rejects if the process is still running after `ms`. */
function exitCodeWithin(child: ChildServer, ms: number): Promise<number | null> {
  return Promise.race([child.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running ${ms} ms after SIGTERM`)), ms).unref())]);
}

function keepAliveRequest(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("graceful shutdown of the real server process (tsx server/index.ts)", () => {
  let running: ChildServer | undefined;

  afterEach(() => {
    const child = running?.process;
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    running = undefined;
  });

  it("exits with code 0 within 10 s of SIGTERM and stops listening", async () => {
    running = await startChildServer(freshDatabaseFile());
    // Started on an empty database with SEED_DEMO=1: the demo accounts work.
    await new TestClient(running.origin).signIn("co@demo.circle", DEMO_PASSWORD);
    const sentAt = Date.now();
    running.process.kill("SIGTERM");
    expect(await exitCodeWithin(running, 10_000)).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(10_000);
    await expect(fetch(`${running.origin}/healthz`)).rejects.toThrow();
  });

  it("exits with code 0 within 10 s even with a signed-in live socket and an idle keep-alive connection open", async () => {
    running = await startChildServer(freshDatabaseFile());
    const { origin } = running;
    const browser = await new TestClient(origin).signIn("lead@demo.circle", DEMO_PASSWORD);
    const socket = connectSocket(origin, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { Cookie: browser.cookieHeader, Origin: origin },
      reconnection: false,
    });
    const agent = new Agent({ keepAlive: true });
    try {
      await waitFor(() => socket.connected, 10_000, "the live socket to connect");
      let closed = false;
      socket.on("disconnect", () => (closed = true));
      expect(await keepAliveRequest(agent, `${origin}/healthz`)).toBe(200);

      running.process.kill("SIGTERM");
      expect(await exitCodeWithin(running, 10_000)).toBe(0);
      await waitFor(() => closed, 5_000, "the live socket to be closed");
    } finally {
      socket.close();
      agent.destroy();
    }
  });
});
