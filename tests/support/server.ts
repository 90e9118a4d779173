import { afterAll, beforeAll } from "vitest";
import { createCircleServer, type CircleServer } from "../../server/app";
import { getDb } from "~/utils/db.server";
import { TestClient } from "./http";
import { seedDemoIfEmpty, DEMO_PASSWORD } from "../../prisma/seed-demo";

export { DEMO_PASSWORD };

export type TestServer = { server: CircleServer; port: number; origin: string };

/** The real server (Express + Remix build + Socket.IO + collab) on a free port, with this file's fresh database. */
export async function startTestServer(): Promise<TestServer> {
  const server = await createCircleServer();
  const port = await server.listen(0, "127.0.0.1");
  return { server, port, origin: `http://127.0.0.1:${port}` };
}

/** In a describe block: start the server with the demo service seeded, stop it afterwards. */
export function useDemoServer(): () => TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer();
    await seedDemoIfEmpty(getDb());
  });
  afterAll(async () => {
    await current?.server.close();
  });
  return () => {
    if (!current) throw new Error("server not started");
    return current;
  };
}

/** Every demo staff account signed in on its own client (the demo seed's five people). */
export async function signInDemoStaff(origin: string) {
  const signIn = (who: string) => new TestClient(origin).signIn(`${who}@demo.circle`, DEMO_PASSWORD);
  const [lead, co, supervisor, admin, other] = await Promise.all(["lead", "co", "supervisor", "manager", "other"].map(signIn));
  return { lead: lead!, co: co!, supervisor: supervisor!, admin: admin!, other: other! };
}
