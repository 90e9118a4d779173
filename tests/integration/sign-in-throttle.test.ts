import { createHash, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/utils/db.server";
import { factories } from "../../prisma/factories";
import { freshDatabaseFile, startChildServer, type ChildServer } from "../support/child-server";
import { TestClient } from "../support/http";
import { DEMO_PASSWORD, useDemoServer } from "../support/server";

// Behind one proxy, as deployed: each test client stands at an address of its own (X-Forwarded-For),
// so the per-address budget is exercised and one test's failures never hold up another's. The
// first wait is 20 s instead of 1 s, so no wait can pass on a loaded machine while a test is
// looking at it; where a test needs a wait to pass, it moves the wait's end back (as the session
// tests move lastSeenAt) instead of sleeping.
vi.hoisted(() => {
  process.env.TRUST_PROXY = "1";
  process.env.SIGN_IN_FIRST_WAIT_MS = "20000";
});

const PASSWORD = "a-strong-test-password";

async function newFacilitator() {
  const service = await getDb().service.findFirstOrThrow({ select: { id: true } });
  const email = `staff-${randomUUID().slice(0, 8)}@demo.circle`;
  return factories(getDb()).user({ serviceId: service.id, email, name: "Throttle Tester", role: "FACILITATOR", password: PASSWORD });
}

const ghostEmail = () => `ghost-${randomUUID().slice(0, 8)}@demo.circle`;

/** The sign-in page's one alert, as the person sees it. */
async function alertText(res: Response): Promise<string | undefined> {
  return (await res.text()).match(/role="alert">([^<]*)</)?.[1];
}

/** A budget's stored row (the throttle stores its keys hashed). */
const budgetKey = (name: string, key: string) => createHash("sha256").update(`${name}:${key}`).digest("hex");
const accountBudget = (email: string) => getDb().signInThrottle.findUniqueOrThrow({ where: { key: budgetKey("account", email) } });

/** The wait has passed: its end moved into the past, the failures kept. */
async function passWait(email: string) {
  await getDb().signInThrottle.update({ where: { key: budgetKey("account", email) }, data: { waitUntil: new Date(Date.now() - 1) } });
}

/** "Too many attempts. Try again in N seconds." with N at most `seconds` and not much less (time passes between). */
function expectWaitOf(text: string | undefined, seconds: number) {
  const n = Number(text?.match(/^Too many attempts\. Try again in (\d+) seconds\.$/)?.[1]);
  expect(n, text).toBeLessThanOrEqual(seconds);
  expect(n, text).toBeGreaterThan(seconds - 10);
}

let lastAddress = 0;
const newAddress = () => {
  lastAddress++;
  return `198.51.${Math.floor(lastAddress / 250)}.${(lastAddress % 250) + 1}`;
};

describe("sign-in throttling", () => {
  const server = useDemoServer();
  /** A new browser (no cookies) at `address`, or at an address nobody else uses. */
  const browser = (address = newAddress()) => new TestClient(server().origin, { "X-Forwarded-For": address });
  const wrong = (client: TestClient, email: string, i = 0) => client.post("/login", { email, password: `wrong-guess-${i}` });
  const right = (client: TestClient, email: string) => client.post("/login", { email, password: PASSWORD, redirectTo: "/cases" });

  it("lets the owner in from a browser that has signed in before, while the account is being guessed elsewhere", async () => {
    const user = await newFacilitator();
    const tablet = await browser().signIn(user.email, PASSWORD);
    expect((await tablet.post("/logout", {})).status).toBe(302);

    // Someone guesses from other browsers at other addresses until attempts on the account must wait.
    for (let i = 0; i < 4; i++) expect((await wrong(browser(), user.email, i)).status).toBe(400);

    // The right password from a browser the account does not know waits, unchecked...
    const stranger = await right(browser(), user.email);
    expect(stranger.status).toBe(429);
    expectWaitOf(await alertText(stranger), 20);
    expect(stranger.headers.getSetCookie().some((c) => c.startsWith("circle_session="))).toBe(false);
    expect(await getDb().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);

    // ...but the owner's own tablet gets in at once.
    const back = await right(tablet, user.email);
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/cases");
    expect((await tablet.get("/cases")).status).toBe(200);
  });

  it("gives a known browser its own budget: its own wrong guesses make it wait, and leave other browsers alone", async () => {
    const user = await newFacilitator();
    const tablet = await browser().signIn(user.email, PASSWORD);
    await tablet.post("/logout", {});
    for (let i = 0; i < 6; i++) expect((await wrong(tablet, user.email, i)).status).toBe(400);
    const waiting = await right(tablet, user.email);
    expect(waiting.status).toBe(429);
    expectWaitOf(await alertText(waiting), 20);
    // Those six failures were charged to the tablet, not to the account.
    expect((await right(browser(), user.email)).status).toBe(302);
  });

  it("makes an unknown browser wait after three failures, twice as long after each further one, and does not check attempts inside the wait", async () => {
    const user = await newFacilitator();
    const laptop = browser();
    for (let i = 0; i < 3; i++) expect((await wrong(laptop, user.email, i)).status).toBe(400);
    expect(await accountBudget(user.email)).toMatchObject({ failures: 3 });
    expect((await accountBudget(user.email)).waitUntil.getTime()).toBe((await accountBudget(user.email)).lastFailureAt.getTime());

    for (const [failures, seconds] of [
      [4, 20],
      [5, 40],
      [6, 80],
    ] as const) {
      expect((await wrong(laptop, user.email, failures)).status).toBe(400);
      const budget = await accountBudget(user.email);
      expect(budget.failures).toBe(failures);
      expect(budget.waitUntil.getTime() - budget.lastFailureAt.getTime()).toBe(seconds * 1000);
      // Inside the wait even the right password is refused, unchecked and uncounted.
      for (const attempt of [right, wrong]) {
        const res = await attempt(laptop, user.email);
        expect(res.status).toBe(429);
        expect(Number(res.headers.get("Retry-After"))).toBeLessThanOrEqual(seconds);
        expectWaitOf(await alertText(res), seconds);
      }
      expect((await accountBudget(user.email)).failures).toBe(failures);
      await passWait(user.email);
    }
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    // Once the wait is over, the right password is checked and lets them in.
    expect((await right(laptop, user.email)).status).toBe(302);
  });

  it("counts the account's budget when many guesses arrive at once", async () => {
    const user = await newFacilitator();
    // Each from another address, so only the account's budget can stop them.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => wrong(browser(), user.email, i)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429, 429, 429, 429, 429]);
  });

  it("makes an address that tries many accounts wait, without holding up other addresses or the known browsers behind it", async () => {
    const room = newAddress();
    const owner = await newFacilitator();
    const colleague = await newFacilitator();
    const tablet = await browser(room).signIn(owner.email, PASSWORD);
    await tablet.post("/logout", {});
    // One guess at each of 21 names: no account budget is touched twice, the address's is spent.
    for (let i = 0; i < 21; i++) expect((await wrong(browser(room), ghostEmail(), i)).status).toBe(400);
    const held = await right(browser(room), colleague.email);
    expect(held.status).toBe(429);
    expectWaitOf(await alertText(held), 20);
    // The colleague from another address, and the owner's own tablet in the same room, get in.
    expect((await right(browser(), colleague.email)).status).toBe(302);
    expect((await right(tablet, owner.email)).status).toBe(302);
  });

  it("answers a name that is no account exactly as a real account, wait for wait, in about the same time", async () => {
    const run = async (email: string) => {
      const client = browser();
      const answers: [number, string | null, string | undefined][] = [];
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        const res = await wrong(client, email, i);
        times.push(performance.now() - started);
        // The seconds left differ only by the time between the two runs.
        answers.push([res.status, res.headers.get("Retry-After") && "N", (await alertText(res))?.replace(/\d+/, "N")]);
      }
      const checked = times.slice(0, 4).sort((a, b) => a - b);
      return { answers, median: (checked[1]! + checked[2]!) / 2 };
    };
    const real = await run((await newFacilitator()).email);
    const ghost = await run(ghostEmail());
    expect(real.answers).toEqual([
      ...Array(4).fill([400, null, "That email and password do not match an account."]),
      ...Array(2).fill([429, "N", "Too many attempts. Try again in N seconds."]),
    ]);
    expect(ghost.answers).toEqual(real.answers);
    // A password hash is checked for a name with no account too (a missing check would answer in a few ms).
    expect(ghost.median).toBeGreaterThan(real.median * 0.5);
  });

  it("counts wrong invite codes apart: they never hold up the author's password sign-in", async () => {
    const code = (i: number) => ({ intent: "redeem", username: "daniel", code: `WRNG-CODE-00${i}`, password: "a-new-password-here", confirm: "a-new-password-here" });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await browser().post("/login?invite=1", code(i))).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    // Daniel, on a browser he has never used, signs in with his password at once.
    const res = await browser().post("/login", { email: "daniel", password: DEMO_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/letters");
  });

  it("records every failed sign-in in the audit trail: the name tried, whether it is an account, why; never the password", async () => {
    const user = await newFacilitator();
    const ghost = ghostEmail();
    const guesser = browser();
    await guesser.post("/login", { email: `  ${user.email.toUpperCase()} `, password: "secret-guess-1" });
    await guesser.post("/login", { email: ghost, password: "secret-guess-2" });
    for (let i = 0; i < 3; i++) await wrong(guesser, user.email, i);
    expect((await guesser.post("/login", { email: user.email, password: "secret-guess-3" })).status).toBe(429);
    await guesser.post("/login?invite=1", { intent: "redeem", username: "Daniel", code: "SECR-ETCO-DE99", password: "secret-guess-4x", confirm: "secret-guess-4x" });

    const rows = await getDb().auditEvent.findMany({
      where: { action: "auth.sign-in.failed", OR: [{ target: `user:${user.id}` }, { details: { contains: ghost } }, { details: { contains: '"method":"invite"' } }] },
      orderBy: { createdAt: "asc" },
      select: { actorId: true, actorRole: true, target: true, details: true, ip: true },
    });
    const daniel = await getDb().user.findUniqueOrThrow({ where: { username: "daniel" }, select: { id: true } });
    const seen = rows.map((r) => ({ target: r.target, ...JSON.parse(r.details) }));
    expect(seen).toContainEqual({ target: `user:${user.id}`, email: user.email, method: "password", accountExists: true, reason: "invalid" });
    expect(seen).toContainEqual({ target: "account:unknown", email: ghost, method: "password", accountExists: false, reason: "invalid" });
    expect(seen).toContainEqual({ target: `user:${user.id}`, email: user.email, method: "password", accountExists: true, reason: "throttled" });
    expect(seen).toContainEqual({ target: `user:${daniel.id}`, email: "daniel", method: "invite", accountExists: true, reason: "invalid" });
    expect(seen.filter((r) => r.target === `user:${user.id}`)).toHaveLength(5);
    for (const row of rows) {
      expect(row.actorId).toBeNull();
      expect(row.actorRole).toBe("ANONYMOUS");
      expect(row.details).not.toMatch(/secret-guess|wrong-guess|SECR/);
    }
    expect(rows.some((r) => r.ip?.startsWith("198.51."))).toBe(true);
  });
});

describe("sign-in throttling across a restart", () => {
  let child: ChildServer | undefined;
  afterAll(async () => {
    child?.process.kill("SIGTERM");
    await child?.exited;
  });

  it("keeps each budget's failures when the server restarts", { timeout: 90_000 }, async () => {
    const dbFile = freshDatabaseFile();
    child = await startChildServer(dbFile);
    const before = new TestClient(child.origin, { "X-Forwarded-For": "203.0.113.7" });
    for (let i = 0; i < 4; i++) expect((await before.post("/login", { email: "lead@demo.circle", password: `wrong-${i}` })).status).toBe(400);
    child.process.kill("SIGTERM");
    await child.exited;

    child = await startChildServer(dbFile);
    const after = new TestClient(child.origin, { "X-Forwarded-For": "203.0.113.8" });
    // One more guess: refused if the 20 s wait still runs, else checked as the fifth failure (a 40 s
    // wait). Had the restart forgotten the four, it would be the first, and the right password would get in.
    expect([400, 429]).toContain((await after.post("/login", { email: "lead@demo.circle", password: "wrong-again" })).status);
    const res = await after.post("/login", { email: "lead@demo.circle", password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(await alertText(res)).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
  });
});
