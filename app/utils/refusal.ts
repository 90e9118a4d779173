import type { Ack, AckError } from "~/realtime/protocol";

/**
 * The one way a rule says no to a change (docs/conventions.md §2): thrown by a model, usually
 * inside its transaction, so nothing is written. `message` is a sentence the person can act on;
 * `reasons` lists the separate reasons when a gate gave several (the case screen shows them as a
 * list); `status` is the HTTP answer (409 by default: the thing is not in a state that allows it;
 * 400 when what was asked cannot be done as asked); `field` puts the message beside a form field.
 * `tamper` marks an attempt to change what may never change (an approved agreement): the route
 * audits it. Routes answer it with `refusalAnswer`, Socket.IO handlers with `refusalAck`.
 */
export class Refusal extends Error {
  readonly reasons: string[];
  readonly status: number;
  readonly field: string;
  readonly tamper: boolean;

  constructor(reasons: string | string[], options: { status?: 400 | 404 | 409 | 410; field?: string; tamper?: boolean } = {}) {
    const list = typeof reasons === "string" ? [reasons] : reasons;
    super(list.join(" "));
    this.name = "Refusal";
    this.reasons = list;
    this.status = options.status ?? 409;
    this.field = options.field ?? "form";
    this.tamper = options.tamper ?? false;
  }
}

export const isRefusal = (error: unknown): error is Refusal => error instanceof Refusal;

/** What a form gets back for a refusal: the message beside its field, and the reasons as a list. */
export type RefusalBody = { ok: false; errors: Record<string, string>; reasons: string[]; intent?: string };

export function refusalBody(refusal: Refusal, intent?: string): RefusalBody {
  return { ok: false, errors: { [refusal.field]: refusal.message }, reasons: refusal.reasons, intent };
}

/** The ack a Socket.IO handler answers a refusal with. */
export function refusalAck(refusal: Refusal): Ack {
  const error: AckError = refusal.status === 404 ? "not_found" : refusal.status === 400 ? "invalid" : "forbidden";
  return { ok: false, error, message: refusal.message };
}
