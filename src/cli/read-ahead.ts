// Reading a vault's files on a worker thread while this thread parses them. Parsing on two
// threads gained nothing on two cores (parse-pool.ts), but the file calls (open, fstat, read,
// close: a fifth of a cold index build) need no compiled JavaScript warmed up: a small worker
// makes them ahead of the parser and hands the bytes over. The files come out in the vault's
// order, exactly as readListedNote gives them, so the index built from them is the same.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { readListedNote, decode, type DiskFile } from "./vault-fs";

/** Files per message. */
const CHUNK = 32;
/** How many chunks the reader may be ahead of the parser: bounds the bytes held at once. */
const AHEAD = 48;
/** A reader silent this long is given up on, and this thread reads the rest itself. */
const STALL_MS = 2000;

// Shared state, one Int32 each.
const NEXT = 0; // next chunk to claim (by either thread)
const USED = 1; // chunks this thread has taken in
const STOP = 2; // 1: the reader stops
const POSTED = 3; // chunks the reader has posted

/**
 * The reader: plain JavaScript, evaluated in the worker, needing nothing but node:fs. It claims
 * chunks in order from the shared counter, so that this thread can take any chunk it gets to first.
 */
const READER = `
const { workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { vault, paths, chunk, ahead, state, port } = workerData;
const s = new Int32Array(state);
const total = Math.ceil(paths.length / chunk);
while (Atomics.load(s, ${STOP}) === 0) {
  const c = Atomics.add(s, ${NEXT}, 1);
  if (c >= total) break;
  for (let used = Atomics.load(s, ${USED}); c - used > ahead && Atomics.load(s, ${STOP}) === 0; used = Atomics.load(s, ${USED})) {
    Atomics.wait(s, ${USED}, used, 50);
  }
  const files = [];
  const transfer = [];
  let error = null;
  for (let k = c * chunk; k < Math.min((c + 1) * chunk, paths.length); k++) {
    try {
      const b = readFileSync(join(vault, paths[k]));
      files.push(b);
      if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) transfer.push(b.buffer);
    } catch (e) {
      // Gone since the vault was listed: null, skipped as readListedNote skips it.
      if (e && e.code === "ENOENT") {
        files.push(null);
        continue;
      }
      error = String((e && e.message) || e);
      break;
    }
  }
  port.postMessage({ c, files: error === null ? files : null }, error === null ? transfer : []);
  Atomics.add(s, ${POSTED}, 1);
  Atomics.notify(s, ${POSTED});
}
port.close();
`;

interface Chunk {
  c: number;
  /**
   * null: the reader could not read one of them; this thread reads the chunk and reports it. A
   * file's null: it was gone.
   */
  files: Array<Uint8Array | null> | null;
}

/**
 * Whether to read on a worker: for a big vault, or as CUSTOMER_PAGES_READER says (0: never;
 * 1: always; all: always, and the worker reads every file — for tests, where this thread would
 * otherwise read a small vault before the worker has started).
 */
export function readerMode(notes: number): "off" | "on" | "all" {
  const env = process.env.CUSTOMER_PAGES_READER;
  if (env === "0") return "off";
  if (env === "1") return "on";
  if (env === "all") return "all";
  return notes >= 2000 ? "on" : "off";
}

/**
 * The vault's files in order, as readListedNote gives them (a file gone since the listing is left
 * out), read ahead on a worker. A file that cannot be read throws here, on this thread, as
 * readListedNote would; a worker that cannot start or goes silent leaves the reading to this thread.
 */
export function* readAhead(vault: string, paths: readonly string[], options: { mainReads?: boolean } = {}): Generator<DiskFile> {
  const mainReads = options.mainReads ?? true;
  const total = Math.ceil(paths.length / CHUNK);
  const state = new SharedArrayBuffer(4 * 4);
  const s = new Int32Array(state);
  let worker: Worker | null = null;
  let port: MessagePort | null = null;
  try {
    const channel = new MessageChannel();
    port = channel.port1;
    worker = new Worker(READER, {
      eval: true,
      workerData: { vault, paths: [...paths], chunk: CHUNK, ahead: AHEAD, state, port: channel.port2 },
      transferList: [channel.port2],
    });
    // A worker that fails to start is as good as a silent one: this thread reads everything.
    worker.on("error", () => Atomics.store(s, STOP, 1));
    worker.unref();
  } catch {
    Atomics.store(s, STOP, 1);
  }

  const received = new Map<number, Chunk>();
  /** Waits for the reader's chunk c; null when the reader is gone or silent. */
  const fromReader = (c: number): Chunk | null => {
    let waited = 0;
    for (;;) {
      const got = received.get(c);
      if (got) {
        received.delete(c);
        return got;
      }
      const m = port ? receiveMessageOnPort(port) : undefined;
      if (m !== undefined) {
        const chunk = m.message as Chunk;
        received.set(chunk.c, chunk);
        continue;
      }
      if (waited >= STALL_MS || Atomics.load(s, STOP) !== 0) return null;
      const posted = Atomics.load(s, POSTED);
      const t0 = Date.now();
      Atomics.wait(s, POSTED, posted, 20);
      waited += Math.max(1, Date.now() - t0);
    }
  };

  try {
    for (let c = 0; c < total; c++) {
      // The chunk is this thread's if the reader has not claimed it yet.
      const mine = (mainReads || Atomics.load(s, STOP) !== 0) && Atomics.compareExchange(s, NEXT, c, c + 1) === c;
      const chunk = mine ? null : fromReader(c);
      if (chunk === null && !mine) Atomics.store(s, STOP, 1);
      const end = Math.min((c + 1) * CHUNK, paths.length);
      for (let k = c * CHUNK; k < end; k++) {
        const bytes = chunk?.files?.[k - c * CHUNK];
        if (bytes === null) continue;
        if (bytes !== undefined) {
          yield { path: paths[k]!, ...decode(bytes) };
          continue;
        }
        const file = readListedNote(vault, paths[k]!);
        if (file !== null) yield file;
      }
      Atomics.store(s, USED, c + 1);
      Atomics.notify(s, USED);
    }
  } finally {
    Atomics.store(s, STOP, 1);
    Atomics.notify(s, USED);
    port?.close();
    if (worker) void worker.terminate();
  }
}
