// Runs untrusted Yjs updates against a scratch document off the main thread. Some crafted
// updates take seconds to decode; the parent times this worker out and replaces it.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

parentPort.on("message", ({ id, update }) => {
  try {
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, update);
    doc.destroy();
    parentPort.postMessage({ id, ok: true });
  } catch {
    parentPort.postMessage({ id, ok: false });
  }
});
