// Runs untrusted Yjs updates against scratch documents off the main thread. Some crafted
// updates take seconds to decode; the parent times this worker out and replaces it.
// One message carries every update that arrived in one tick; answers come back in order.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

function decodes(update) {
  const doc = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(doc, update);
    return true;
  } catch {
    return false;
  } finally {
    doc.destroy();
  }
}

parentPort.on("message", ({ id, updates }) => {
  parentPort.postMessage({ id, results: updates.map(decodes) });
});
