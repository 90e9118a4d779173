import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { outgoing, wsPeerSocket, type PeerSocket } from "../../server/collab/peer-socket";

// Every payload length RFC 6455 frames differently: 7-bit (0..125), 16-bit (126..65535) and 64-bit.
const SIZES = [0, 1, 125, 126, 127, 65535, 65536, 200_000];
const payloadOf = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff);

describe("a room's peer socket over a real ws connection", () => {
  let wss: WebSocketServer;
  let url: string;
  beforeAll(async () => {
    // As the collab upgrade makes them: no compression.
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
    await new Promise<void>((resolve) => wss.once("listening", resolve));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())));

  /** `count` clients and the server's PeerSocket for each, in the same order (opened one at a time). */
  async function connect(count: number) {
    const clients: WebSocket[] = [];
    const sockets: PeerSocket[] = [];
    for (let i = 0; i < count; i++) {
      const accepted = new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
      const client = new WebSocket(url);
      await new Promise<void>((resolve) => client.once("open", () => resolve()));
      clients.push(client);
      sockets.push(wsPeerSocket(await accepted));
    }
    return { clients, sockets };
  }

  /** Collects every binary message a client receives, and resolves once it has `count`. */
  function receive(client: WebSocket, count: number) {
    const messages: Buffer[] = [];
    const done = new Promise<Buffer[]>((resolve) => {
      if (count === 0) resolve(messages);
      client.on("message", (data, isBinary) => {
        expect(isBinary).toBe(true);
        messages.push(data as Buffer);
        if (messages.length === count) resolve(messages);
      });
    });
    return { messages, done };
  }

  it("delivers one message made ready once to several peers, each receiving exactly its bytes, at every frame length", async () => {
    const { clients, sockets } = await connect(3);
    const inboxes = clients.map((c) => receive(c, SIZES.length));
    for (const size of SIZES) {
      const message = outgoing(payloadOf(size));
      for (const socket of sockets) socket.send(message);
    }
    const received = await Promise.all(inboxes.map((i) => i.done));
    for (const messages of received) {
      expect(messages.map((m) => m.length)).toEqual(SIZES);
      messages.forEach((m, i) => expect(Buffer.compare(m, Buffer.from(payloadOf(SIZES[i]!)))).toBe(0));
    }
    clients.forEach((c) => c.close());
  });

  it("makes a message ready without copying it", () => {
    const bytes = payloadOf(300);
    const message = outgoing(bytes);
    bytes[0] = 0xee;
    expect(message[0]).toBe(0xee);
    expect(message.length).toBe(300);
  });

  it("skips a peer whose connection has closed, and the others still get every message", async () => {
    const { clients, sockets } = await connect(3);
    const [first, gone, last] = clients as [WebSocket, WebSocket, WebSocket];
    const goneClosed = new Promise<number>((resolve) => gone.once("close", (code) => resolve(code)));
    const goneGot: Buffer[] = [];
    gone.on("message", (data) => goneGot.push(data as Buffer));
    // Closed from the server's side (as a room's peer is), then sent to like any other peer.
    sockets[1]!.close(4403, "You no longer have access to this document");
    const inboxes = [receive(first, 2), receive(last, 2)];
    for (const text of ["before the close is acknowledged", "and after"]) {
      const message = outgoing(new TextEncoder().encode(text));
      for (const socket of sockets) expect(() => socket.send(message)).not.toThrow();
      if (text === "before the close is acknowledged") expect(await goneClosed).toBe(4403);
    }
    const received = await Promise.all(inboxes.map((i) => i.done));
    for (const messages of received) expect(messages.map((m) => m.toString())).toEqual(["before the close is acknowledged", "and after"]);
    expect(goneGot).toEqual([]);
    expect(() => sockets[1]!.close(4403, "again")).not.toThrow();
    clients.forEach((c) => c.close());
  });
});
