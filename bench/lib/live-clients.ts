import { io, type Socket } from "socket.io-client";

export type LiveStateLite = { version: number; currentStepId: string | null; status: string };
type StateListener = (conferenceId: string, state: LiveStateLite, at: number) => void;

/** A tablet for the bench: a real Socket.IO client with the session cookie and Origin a browser sends. */
export class LiveTablet {
  readonly socket: Socket;
  state: LiveStateLite | null = null;
  constructor(
    origin: string,
    cookie: string,
    readonly conferenceId: string,
    onState?: StateListener,
  ) {
    this.socket = io(origin, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { Cookie: cookie, Origin: origin },
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    this.socket.on("live:state", (p: { conferenceId: string; state: LiveStateLite }) => {
      const at = performance.now();
      if (p.conferenceId !== conferenceId) return;
      if (!this.state || p.state.version > this.state.version) this.state = p.state;
      onState?.(conferenceId, p.state, at);
    });
  }

  async connect(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", (e) => reject(e));
    });
    const ack = (await this.socket.timeout(10_000).emitWithAck("live:join", { conferenceId: this.conferenceId })) as { ok: boolean; state?: LiveStateLite; message?: string };
    if (!ack.ok || !ack.state) throw new Error(`live:join refused: ${ack.message}`);
    this.state = ack.state;
  }

  /** Sends one command against the version this tablet holds; resolves with the ack and its round trip. */
  async command(command: Record<string, unknown>): Promise<{ ok: boolean; error?: string; ms: number }> {
    const t0 = performance.now();
    const ack = (await this.socket.timeout(10_000).emitWithAck("live:command", {
      conferenceId: this.conferenceId,
      command: { ...command, expectedVersion: this.state!.version },
    })) as { ok: boolean; error?: string };
    return { ...ack, ms: performance.now() - t0 };
  }

  close() {
    this.socket.close();
  }
}
