import { setFlagsFromString } from "node:v8";

/**
 * V8 settings for a server that allocates many short-lived objects per message (every collab
 * update is a Yjs transaction with its own maps and sets). Imported first by server/index.ts.
 *
 * One more flag cannot be set from here (V8 reads it when the process starts) and is in
 * server/node-args.json, the arguments npm start, the tests and the benchmarks all use:
 * `--single-threaded-gc`. Without it V8 marks and sweeps on helper threads; on a machine where the
 * server has one core to itself (the benchmark pins it to one) those threads do not run beside the
 * event loop but take turns with it, and every turn is a gap of milliseconds in which no edit is
 * relayed. With the collection on the event loop (incremental, in small steps) the collab p99 at
 * 500 documents went from 37-45 ms to 17-27 ms in the same benchmark, at the same CPU.
 *
 * Allocation-site pretenuring: when objects from one allocation site survive a few young-generation
 * collections (as they do during a burst, or while thousands of sockets connect), V8 starts
 * allocating that site's objects directly in the old generation. For Yjs transactions that guess
 * is wrong: they die within a millisecond, so the old generation fills with garbage, RSS rises by
 * tens of MB and full collections run far more often. Measured with the collab benchmark at 500
 * documents (bench/README.md): objects surviving into the old generation fell from ~23 MB/s to
 * ~8 MB/s. The flag is read when V8 decides, so setting it at start-up is enough.
 */
setFlagsFromString("--no-allocation-site-pretenuring");

/**
 * Old-generation growth: after each full collection V8 lets the old generation grow to a multiple
 * of what survived (up to 4x) before collecting again. What does reach it here (updates waiting
 * for their commit, sockets' buffers) dies soon after, so that headroom is mostly garbage that
 * RSS carries: at 500 active documents the old generation swung between ~45 MB live and ~130 MB.
 * Growing it by at most 25% means a full collection every few seconds instead (incremental, a few
 * ms each on a ~50 MB heap) and about 80 MB less RSS in the same benchmark, with the same CPU and
 * latency.
 */
setFlagsFromString("--heap-growing-percent=25");
