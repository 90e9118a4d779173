// @hocuspocus/server with its default configuration: no extensions (no persistence), no auth hook.
import { Server } from "@hocuspocus/server";

const server = new Server({
  port: Number(process.env.PORT ?? 1234),
  address: process.env.HOST ?? "127.0.0.1",
  quiet: true,
});
await server.listen();
