import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createSocketShare, type CircleSocket, type OpenedSocket } from "~/realtime/socket";

/** Sockets as the share sees them: something with listeners to hand out, and a close that is counted. */
function maker() {
  const made: { socket: CircleSocket; closed: number }[] = [];
  let fail = false;
  const open = async (): Promise<OpenedSocket> => {
    if (fail) throw new Error("chunk did not load");
    const entry = { socket: new EventEmitter() as unknown as CircleSocket, closed: 0 };
    made.push(entry);
    return { socket: entry.socket, close: () => (entry.closed += 1) };
  };
  return { made, open, failNext: (on: boolean) => (fail = on) };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the tab's one socket", () => {
  it("is opened once for every hook that asks, and closed only when the last one lets go", async () => {
    const m = maker();
    const share = createSocketShare(m.open);
    const header = share.acquire();
    const page = share.acquire();
    expect(await header.socket).toBe(await page.socket);
    expect(m.made).toHaveLength(1);

    page.release();
    page.release(); // twice (React's strict effects) counts once
    await settle();
    expect(m.made[0]!.closed).toBe(0);
    expect(share.holders()).toBe(1);

    header.release();
    await settle();
    expect(m.made[0]!.closed).toBe(1);
    expect(share.holders()).toBe(0);
  });

  it("is made again after it was closed", async () => {
    const m = maker();
    const share = createSocketShare(m.open);
    const first = share.acquire();
    const a = await first.socket;
    first.release();
    const second = share.acquire();
    const b = await second.socket;
    expect(b).not.toBe(a);
    expect(m.made).toHaveLength(2);
    await settle();
    expect(m.made.map((s) => s.closed)).toEqual([1, 0]);
  });

  it("closes a socket given up before it had loaded, once it has", async () => {
    const m = maker();
    const share = createSocketShare(m.open);
    const lease = share.acquire();
    lease.release();
    await lease.socket;
    await settle();
    expect(m.made[0]!.closed).toBe(1);
  });

  it("tries again after a load that failed", async () => {
    const m = maker();
    const share = createSocketShare(m.open);
    m.failNext(true);
    const failed = share.acquire();
    await expect(failed.socket).rejects.toThrow("chunk did not load");
    m.failNext(false);
    const next = share.acquire();
    await expect(next.socket).resolves.toBeDefined();
    expect(m.made).toHaveLength(1);
  });

  it("tells a hook to leave a room only when no other hook in the tab follows it", async () => {
    const share = createSocketShare(maker().open);
    const livePage = share.acquire();
    const seating = share.acquire();
    const caseEvents = share.acquire();
    livePage.hold("live:c1");
    livePage.hold("live:c1"); // held once per hook, however often it asks
    seating.hold("live:c1");
    caseEvents.hold("case:k1");

    expect(seating.letGo("live:c1")).toBe(false); // the live page still follows it
    expect(seating.letGo("live:c1")).toBe(false); // not held any more: nothing to leave
    expect(caseEvents.letGo("case:k1")).toBe(true); // another room: the live room is untouched
    expect(livePage.letGo("live:c1")).toBe(true);
  });

  it("lets go of a hook's rooms when it releases without leaving them", async () => {
    const share = createSocketShare(maker().open);
    const gone = share.acquire();
    const staying = share.acquire();
    gone.hold("case:k1");
    staying.hold("case:k1");
    gone.release();
    expect(staying.letGo("case:k1")).toBe(true);
  });

  it("gives each hook its own listeners and takes away only those when it lets go", async () => {
    const share = createSocketShare(maker().open);
    const header = share.acquire();
    const page = share.acquire();
    const heard: string[] = [];
    let handed: CircleSocket | null = null;
    header.attach({ "notification:unread": ({ unread }) => heard.push(`header ${unread}`) });
    page.attach({ "notification:unread": ({ unread }) => heard.push(`page ${unread}`) }, (s) => (handed = s));
    const socket = (await header.socket) as unknown as EventEmitter;
    await settle();
    expect(handed).toBe(socket);
    socket.emit("notification:unread", { unread: 2 });
    expect(heard).toEqual(["header 2", "page 2"]);

    page.release();
    socket.emit("notification:unread", { unread: 3 });
    expect(heard).toEqual(["header 2", "page 2", "header 3"]);
    expect(socket.listenerCount("notification:unread")).toBe(1);
  });

  it("does not attach a hook that let go before the socket had loaded", async () => {
    const share = createSocketShare(maker().open);
    const staying = share.acquire();
    const gone = share.acquire();
    let called = false;
    gone.attach({ connect: () => undefined }, () => (called = true));
    gone.release();
    const socket = (await staying.socket) as unknown as EventEmitter;
    await settle();
    expect(called).toBe(false);
    expect(socket.listenerCount("connect")).toBe(0);
  });
});
