import { Editor, type Extensions } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";
import * as Y from "yjs";
import { richTextExtensions } from "~/components/editor/rich-text-extensions";
import { flatField, readFlat } from "~/realtime/flat-store";
import { flatFromDocJson } from "~/realtime/flat-text";
import { insertStepHeading } from "~/realtime/live-headings";
import { SERVER_CLIENT_ID } from "~/realtime/protocol";
import { loadStored } from "../../server/collab/log-load";
import { tokensOf } from "./text-tokens";

/**
 * A replayable round of concurrent writing: 2-3 real Tiptap editors (real ProseMirror views in
 * jsdom) bound to their own Y.Docs, a hub Y.Doc standing for the server (which logs every update
 * it takes and writes step headings of its own), and a network that delays, reorders, partitions,
 * reloads and reconnects, all from one seed. After the round everyone reconnects and the five
 * promises are checked:
 * 1. convergence; 2. every typed character exactly once unless someone deleted it;
 * 3. a run typed without moving the caret stays one contiguous run; 4. each keystroke lands right
 * after the previous one of its run (a caret never jumps into another person's line), and a line
 * started with Enter keeps what its writer typed into it, and no step heading lands inside a run;
 * 5. the same with the server's headings, reloads from the tablet's copy, offline stretches, and a
 * cold load of the server's log.
 */

export type Binding = "flat" | "xml";
export type RoundOptions = { writers?: 2 | 3; steps?: number; binding?: Binding };
export type Violation = string;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}

type Sv = Map<number, number>;
type Op = { client: number; from: number; to: number; sv: Sv };
type Typed = { ch: string; writer: number; id: string };
type Writer = {
  index: number;
  doc: Y.Doc;
  editor: Editor;
  online: boolean;
  /** Tokens of the current run, in typing order (ids "client:clock"). */
  run: string[];
};
type Msg = { at: number; update: Uint8Array };

const FIELD = "notes";

let jsdomReady = false;
export function prepareDom() {
  if (jsdomReady) return;
  jsdomReady = true;
  // jsdom has no layout; ProseMirror only asks for it to scroll the caret into view.
  const rect = () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) });
  for (const proto of [Element.prototype, Range.prototype] as unknown as { getClientRects: unknown; getBoundingClientRect: unknown }[]) {
    proto.getClientRects = () => [];
    proto.getBoundingClientRect = rect;
  }
  (document as unknown as { elementFromPoint: unknown }).elementFromPoint = () => null;
}

async function makeEditor(doc: Y.Doc, binding: Binding): Promise<Editor> {
  prepareDom();
  const element = document.createElement("div");
  document.body.append(element);
  let extensions: Extensions;
  if (binding === "flat") extensions = richTextExtensions({ doc, field: FIELD, headings: true, awareness: null });
  else {
    const { default: Collaboration } = await import("@tiptap/extension-collaboration");
    extensions = [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: doc, field: FIELD })];
  }
  const editor = new Editor({ element, extensions });
  // The binding shows the stored text in a microtask, once the view exists.
  await Promise.resolve();
  return editor;
}

export async function runRound(seed: number, options: RoundOptions = {}): Promise<Violation[]> {
  const { writers: count = 3, steps = 70, binding = "flat" } = options;
  const random = rng(seed);
  const pick = <T>(xs: T[]): T => xs[random.int(xs.length)]!;
  // Yjs orders concurrent insertions by client id: ids from the seed make a round replay exactly.
  const newDoc = () => {
    const doc = new Y.Doc();
    doc.clientID = 1 + random.int(0x7fffffff);
    return doc;
  };
  const server = newDoc();
  // The server writes its headings under its own client id, as the collab room does.
  server.clientID = SERVER_CLIENT_ID;
  const log: Uint8Array[] = [];
  const ops: Op[] = [];
  const typed = new Map<string, Typed>(); // by character
  const deleted = new Set<string>(); // characters someone deleted
  const headings: string[][] = [];
  const runs: string[][] = [];
  const newRun = (w: Writer, first?: string) => {
    w.run = first ? [first] : [];
    runs.push(w.run);
  };
  const violations: Violation[] = [];
  const up = new Map<number, Msg[]>();
  const down = new Map<number, Msg[]>();
  let now = 0;
  let nextChar = 0x4e00;

  server.on("update", (update: Uint8Array) => log.push(update));
  const writers: Writer[] = [];
  for (let i = 0; i < count; i++) {
    const doc = newDoc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), "net");
    writers.push(await attach(i, doc));
  }

  async function attach(index: number, doc: Y.Doc): Promise<Writer> {
    const w: Writer = { index, doc, editor: await makeEditor(doc, binding), online: true, run: [] };
    newRun(w);
    up.set(index, up.get(index) ?? []);
    down.set(index, down.get(index) ?? []);
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "net" || !w.online || writers[index] !== w) return;
      up.get(index)!.push({ at: now + delay(), update });
    });
    return w;
  }
  const delay = () => (random.chance(0.1) ? 20 + random.int(60) : random.int(8));

  // The server: applies what arrives, relays it to everyone else online, logs it.
  const receive = (from: number, update: Uint8Array) => {
    Y.applyUpdate(server, update, "net");
    for (const w of writers) if (w.index !== from && w.online) down.get(w.index)!.push({ at: now + delay(), update });
  };
  const deliver = (all: boolean) => {
    for (const w of writers) {
      for (const [queue, apply] of [
        [up.get(w.index)!, (m: Msg) => receive(w.index, m.update)],
        [down.get(w.index)!, (m: Msg) => Y.applyUpdate(w.doc, m.update, "net")],
      ] as const) {
        // Due messages in random order: the network reorders, Yjs must cope.
        const due = queue.filter((m) => all || m.at <= now);
        const rest = queue.filter((m) => !due.includes(m));
        queue.length = 0;
        queue.push(...rest);
        for (let i = due.length - 1; i > 0; i--) {
          const j = random.int(i + 1);
          [due[i], due[j]] = [due[j]!, due[i]!];
        }
        due.forEach(apply);
      }
    }
  };
  const reconnect = (w: Writer) => {
    w.online = true;
    // y-websocket's sync on connect: each side sends what the other lacks.
    const toServer = Y.encodeStateAsUpdate(w.doc, Y.encodeStateVector(server));
    const toClient = Y.encodeStateAsUpdate(server, Y.encodeStateVector(w.doc));
    receive(w.index, toServer);
    Y.applyUpdate(w.doc, toClient, "net");
  };

  const svOf = (doc: Y.Doc): Sv => Y.decodeStateVector(Y.encodeStateVector(doc));
  /** Runs a local edit, recording the Yjs clocks it created and what its writer had seen. */
  const edit = (doc: Y.Doc, change: () => void): Op => {
    const sv = svOf(doc);
    const from = sv.get(doc.clientID) ?? 0;
    change();
    const op = { client: doc.clientID, from, to: Y.getState(doc.store, doc.clientID), sv };
    if (op.to > op.from) ops.push(op);
    return op;
  };

  const typeChar = (w: Writer) => {
    const ch = String.fromCharCode(nextChar++);
    const { view } = w.editor;
    const op = edit(w.doc, () => {
      const { from, to } = view.state.selection;
      const deflt = () => view.state.tr.insertText(ch);
      if (!view.someProp("handleTextInput", (f) => f(view, from, to, ch, deflt))) view.dispatch(deflt());
    });
    const tokens = tokensOf(w.doc, FIELD, binding);
    const at = tokens.findIndex((t) => t.client === op.client && t.clock >= op.from && t.clock < op.to && t.ch === ch);
    const token = tokens[at];
    if (!token) return void violations.push(`writer ${w.index}: typed ${ch} but it is not in their own document`);
    trace(w, `typed ${ch} as ${token.id}`);
    const after = at > 0 ? tokens[at - 1]!.id : null;
    typed.set(ch, { ch, writer: w.index, id: token.id });
    // Promise 4: the keystroke follows the previous one of its run, wherever others' edits went.
    const previous = w.run.at(-1);
    const visible = previous !== undefined && tokens.some((t) => t.id === previous);
    if (visible && after !== previous) {
      violations.push(`writer ${w.index}: ${ch} was typed after ${describe(after)} instead of right after ${describe(previous)} (the caret moved)`);
    }
    w.run.push(token.id);
  };
  const describe = (id: string | null | undefined) => {
    for (const t of typed.values()) if (t.id === id) return `"${t.ch}"`;
    return id ? `item ${id}` : "the start";
  };

  const trace = (w: Writer | null, what: string) => {
    if (process.env.HARNESS_TRACE)
      console.log(
        `t=${now} ${w ? `w${w.index}` : "server"} ${what} :: ${w ? JSON.stringify(w.editor.getText({ blockSeparator: "|" })) + " sel=" + w.editor.state.selection.head : ""}`,
      );
  };
  /** The binding's invariant: the editor shows exactly the stored text (checked after every step). */
  const agrees = (w: Writer, when: string) => {
    if (binding !== "flat" || process.env.NO_AGREE) return;
    const stored = readFlat(flatField(w.doc, FIELD)).text;
    const onScreen = flatFromDocJson(w.editor.getJSON()).text;
    if (onScreen !== stored && onScreen !== "\n" + stored)
      violations.push(`writer ${w.index} after ${when} (t=${now}): the editor shows ${JSON.stringify(onScreen)} but its document holds ${JSON.stringify(stored)}`);
  };
  const act = (w: Writer) => {
    const editor = w.editor;
    const roll = random.next();
    trace(w, `roll ${roll.toFixed(2)}`);
    if (roll < 0.66) return typeChar(w);
    if (roll < 0.74) {
      const op = edit(w.doc, () => editor.commands.keyboardShortcut("Enter"));
      // The line this Enter started (not the first line's marker, which an editor may store with it).
      const marker = tokensOf(w.doc, FIELD, binding)
        .filter((t) => t.client === op.client && t.clock >= op.from && t.clock < op.to && t.block)
        .at(-1);
      newRun(w, marker?.id);
      return;
    }
    if (roll < 0.8) {
      const { $from, empty } = editor.state.selection;
      const before = empty && $from.parentOffset > 0 ? editor.state.doc.textBetween($from.pos - 1, $from.pos) : "";
      edit(w.doc, () => editor.commands.keyboardShortcut("Backspace"));
      if (typed.has(before)) deleted.add(before);
      newRun(w);
      return;
    }
    // What Mod-b runs (keyboardShortcut() in jsdom would drop the stored mark a collapsed caret gets).
    if (roll < 0.84) return void edit(w.doc, () => editor.commands.toggleBold());
    if (roll < 0.86) {
      edit(w.doc, () => editor.chain().toggleBulletList().run());
      newRun(w);
      return;
    }
    if (roll < 0.88) {
      edit(w.doc, () => editor.chain().toggleHeading({ level: 2 }).run());
      newRun(w);
      return;
    }
    moveCaret(w);
  };

  /** Carets go where they contend: another person's caret, a line's end or start, a word's middle. */
  const moveCaret = (w: Writer) => {
    const { doc } = w.editor.state;
    const blocks: { start: number; end: number }[] = [];
    doc.descendants((node, pos) => {
      if (node.isTextblock) blocks.push({ start: pos + 1, end: pos + 1 + node.content.size });
      return !node.isTextblock;
    });
    const other = pick(writers);
    const block = pick(blocks);
    const roll = random.next();
    let pos: number;
    if (roll < 0.4 && other !== w) pos = Math.min(other.editor.state.selection.head, doc.content.size);
    else if (roll < 0.7) pos = block.end;
    else if (roll < 0.85) pos = block.start;
    else pos = block.start + random.int(block.end - block.start + 1);
    const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
    w.editor.view.dispatch(w.editor.state.tr.setSelection(TextSelection.near($pos)));
    trace(w, `caret to ${w.editor.state.selection.head}`);
    newRun(w);
  };

  const serverHeading = (step: number) => {
    const title = Array.from({ length: 4 }, () => String.fromCharCode(nextChar++)).join("");
    trace(null, "heading");
    const op = edit(server, () => insertStepHeading(server, { conferenceId: "c", version: step, stepId: `s${step}`, title }, 0));
    const ids = [...title].map((ch) => tokensOf(server, FIELD, binding).find((t) => t.ch === ch && t.client === op.client)?.id ?? "?");
    [...title].forEach((ch, i) => typed.set(ch, { ch, writer: -1, id: ids[i]! }));
    headings.push(ids);
    for (const w of writers) if (w.online) down.get(w.index)!.push({ at: now + delay(), update: Y.encodeStateAsUpdate(server, Y.encodeStateVector(w.doc)) });
  };

  let headingStep = 0;
  for (let step = 0; step < steps; step++) {
    now += 1 + random.int(4);
    deliver(false);
    const roll = random.next();
    const w = pick(writers);
    if (roll < 0.8) act(w);
    else if (roll < 0.85 && binding === "flat") serverHeading(++headingStep);
    else if (roll < 0.9) {
      trace(w, w.online ? "goes offline" : "reconnects");
      if (w.online) w.online = false;
      else reconnect(w);
    } else if (roll < 0.92) {
      // A reload: the tablet's own copy (IndexedDB) into a new document and a new editor.
      trace(w, "reloads");
      const copy = newDoc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(w.doc), "net");
      w.editor.destroy();
      const fresh = await attach(w.index, copy);
      fresh.online = w.online;
      writers[w.index] = fresh;
      if (fresh.online) reconnect(fresh);
    } else act(w);
    for (const x of writers) agrees(x, x === w ? "its own step" : "a step");
  }
  for (const w of writers) if (!w.online) reconnect(w);
  for (let i = 0; i < 5; i++) deliver(true);
  for (const w of writers) reconnect(w);

  check(violations, { server, writers, typed, deleted, runs: [...runs, ...headings], ops, log, binding });
  for (const w of writers) w.editor.destroy();
  return violations;
}

type Final = { server: Y.Doc; writers: Writer[]; typed: Map<string, Typed>; deleted: Set<string>; runs: string[][]; ops: Op[]; log: Uint8Array[]; binding: Binding };

function check(violations: Violation[], f: Final) {
  const shown = f.writers.map((w) => JSON.stringify(w.editor.getJSON()));
  // 1. Convergence, and every editor shows what is stored.
  if (shown.some((s) => s !== shown[0])) violations.push(`tablets differ:\n${shown.join("\n")}`);
  if (f.binding === "flat") {
    const stored = readFlat(flatField(f.server, FIELD)).text;
    const onScreen = flatFromDocJson(f.writers[0]!.editor.getJSON()).text;
    if (!onScreen.endsWith(stored) || onScreen.length - stored.length > 1)
      violations.push(`the editor shows ${JSON.stringify(onScreen)} but the document holds ${JSON.stringify(stored)}`);
    // 5. A cold load of the server's log gives exactly the document.
    let end = 0;
    const loaded = loadStored({ snapshot: null, log: { bytes: Buffer.concat(f.log), ends: f.log.map((u) => (end += u.length)) } });
    const plain = new Y.Doc();
    f.log.forEach((u) => Y.applyUpdate(plain, u));
    for (const [name, doc] of [
      ["the folded cold load", loaded],
      ["applying the log one by one", plain],
    ] as const) {
      const same = (d: Y.Doc) => JSON.stringify(readFlat(flatField(d, FIELD)));
      if (same(doc) !== same(f.server)) violations.push(`${name} differs from the live document`);
    }
    // Not only the same text: the same items, deletions and clocks, so later updates apply alike.
    const svOf = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString("hex");
    if (!Y.equalSnapshots(Y.snapshot(loaded), Y.snapshot(plain)) || svOf(loaded) !== svOf(plain))
      violations.push("the folded cold load has other items, deletions or clocks than applying the log one by one");
  }
  const tokens = tokensOf(f.server, FIELD, f.binding);
  if (process.env.HARNESS_TRACE) {
    for (const t of tokens) {
      const item = Y.getItem(f.server.store, Y.createID(t.client, t.clock)) as Y.Item;
      const off = t.clock - item.id.clock;
      console.log(
        "TOKEN",
        JSON.stringify(t.ch),
        t.id,
        off === 0 ? `origin ${item.origin?.client}:${item.origin?.clock} right ${item.rightOrigin?.client}:${item.rightOrigin?.clock}` : "",
      );
    }
  }
  const at = new Map(tokens.map((t, i) => [t.id, i]));
  // 2. No loss, no duplication.
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t.ch, (counts.get(t.ch) ?? 0) + 1);
  for (const t of f.typed.values()) {
    const n = counts.get(t.ch) ?? 0;
    const expected = f.deleted.has(t.ch) ? 0 : 1;
    if (n > 1 || (n === 0 && expected === 1)) violations.push(`"${t.ch}" (writer ${t.writer}) is there ${n} times`);
  }
  // 3. Runs stay contiguous: between two neighbours of a run there is only what someone put there after seeing the first.
  const opOf = (id: string) => {
    const [client = 0, clock = 0] = id.split(":").map(Number);
    return f.ops.find((o) => o.client === client && clock >= o.from && clock < o.to);
  };
  const seen = (op: Op | undefined, id: string) => {
    const [client = 0, clock = 0] = id.split(":").map(Number);
    return op !== undefined && (op.sv.get(client) ?? 0) > clock;
  };
  for (const run of f.runs) {
    const alive = run.filter((id) => at.has(id));
    for (let i = 1; i < alive.length; i++) {
      const first = alive[i - 1]!;
      const a = at.get(first)!;
      const b = at.get(alive[i]!)!;
      if (b < a) violations.push(`run order reversed around ${tokens[b]!.ch}`);
      for (let k = a + 1; k < b; k++) {
        const t = tokens[k]!;
        if (!seen(opOf(t.id), first)) violations.push(`"${t.ch}" (${t.id}) landed inside a run, between "${tokens[a]!.ch}" and "${tokens[b]!.ch}", by someone who had not seen it`);
      }
      // The server has no caret: a heading goes after what a person is typing, never into it. (It
      // may sit beside another person's text that fairly went there, e.g. before their new line.)
      const between = tokens.slice(a + 1, b);
      if (between.length > 0 && tokens[a]!.client !== f.server.clientID && between.every((t) => t.client === f.server.clientID))
        violations.push(`a heading landed inside a run, between "${tokens[a]!.ch}" and "${tokens[b]!.ch}"`);
    }
  }
}
