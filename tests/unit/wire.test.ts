import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { frameBinary, framePayload, sendFrame } from "../../server/collab/wire";

// Every header length RFC 6455 has: 7-bit (0..125), 16-bit (126..65535) and 64-bit lengths.
const SIZES = [0, 1, 125, 126, 127, 65535, 65536, 200_000];
const payloadOf = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff);

describe("frameBinary", () => {
  it("keeps the payload whole after the header, for every header length", () => {
    for (const size of SIZES) expect(Buffer.compare(framePayload(frameBinary(payloadOf(size))), Buffer.from(payloadOf(size)))).toBe(0);
  });
});

describe("sendFrame over a real WebSocket", () => {
  let wss: WebSocketServer;
  let url: string;
  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
    await new Promise<void>((resolve) => wss.once("listening", resolve));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())));

  it("delivers one frame, written once, to several clients as the exact binary message", async () => {
    const clients = [new WebSocket(url), new WebSocket(url)];
    const received = clients.map(() => [] as Buffer[]);
    const done = clients.map(
      (ws, i) =>
        new Promise<void>((resolve) => {
          ws.on("message", (data, isBinary) => {
            expect(isBinary).toBe(true);
            received[i]!.push(data as Buffer);
            if (received[i]!.length === SIZES.length) resolve();
          });
        }),
    );
    const servers: WebSocket[] = [];
    await new Promise<void>((resolve) =>
      wss.on("connection", (ws) => {
        servers.push(ws);
        if (servers.length === clients.length) resolve();
      }),
    );
    for (const size of SIZES) {
      const frame = frameBinary(payloadOf(size));
      for (const ws of servers) sendFrame(ws, frame);
    }
    await Promise.all(done);
    for (const messages of received) expect(messages.map((m) => m.length)).toEqual(SIZES);
    for (const messages of received) messages.forEach((m, i) => expect(Buffer.compare(m, Buffer.from(payloadOf(SIZES[i]!)))).toBe(0));
    clients.forEach((ws) => ws.close());
  });

  it("sends nothing on a socket that is no longer open", async () => {
    const client = new WebSocket(url);
    const got: unknown[] = [];
    client.on("message", (data) => got.push(data));
    const server = await new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
    await new Promise<void>((resolve) => client.once("open", () => resolve()));
    server.close();
    expect(() => sendFrame(server, frameBinary(payloadOf(10)))).not.toThrow();
    await new Promise<void>((resolve) => client.once("close", () => resolve()));
    expect(got).toEqual([]);
  });
});
