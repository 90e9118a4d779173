// Decodes untrusted Yjs updates off the main thread (the validator sends only updates too large to
// decode inline, see validator.ts). Some crafted updates take seconds to decode; the parent times
// this worker out and replaces it. One message carries every update that arrived in one tick;
// answers come back in order. Keep `decodes` identical to decodesCleanly() in validator.ts.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

function decodes(update) {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

parentPort.on("message", ({ id, updates }) => {
  parentPort.postMessage({ id, results: updates.map(decodes) });
});
