// Decodes untrusted Yjs updates off the main thread (the validator sends only updates too large to
// decode inline, see validator.ts). Some crafted updates take seconds to decode; the parent times
// this worker out and replaces it. One message carries every update that arrived in one tick;
// answers come back in order. Keep `decodes` identical to decodesCleanly() and withinBounds() in validator.ts.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

const MAX_CLOCK = 2 ** 31;

function decodes(update) {
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const s of structs) {
      if (s.id.clock + s.length > MAX_CLOCK) return false;
      if (s instanceof Y.Item && s.content instanceof Y.ContentDoc) return false;
    }
    for (const ranges of ds.clients.values()) for (const r of ranges) if (r.clock + r.len > MAX_CLOCK) return false;
    return true;
  } catch {
    return false;
  }
}

parentPort.on("message", ({ id, updates }) => {
  parentPort.postMessage({ id, results: updates.map(decodes) });
});
