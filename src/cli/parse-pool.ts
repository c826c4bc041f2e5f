// Reading and parsing a vault's notes on this thread and on worker threads at once, for the CLI and
// the bench. parseNote is a pure function of (path, text, settings), so the files are cut into
// chunks that every thread — this one too — claims in turn from a shared counter until none are
// left: a thread that starts late or goes slowly simply takes fewer. Workers post their notes back
// (see note-codec.ts); this thread reads those messages between its own chunks, so nothing waits.
// Mention matching needs every customer first: each thread keeps its notes' mention texts and
// matches them once the customer terms are known. The worker is this same bundle (dist/cli.mjs or
// dist/bench.mjs) started again with a job in workerData: nothing else to ship.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from "node:worker_threads";
import { isExcluded } from "../core/exclusion";
import { TermMatcher } from "../core/mentions";
import { parseNote, type ParsedNote } from "../core/note";
import type { Settings } from "../core/settings";
import { nfc } from "../core/text";
import { encodeNote, NoteReader, type Flat } from "./note-codec";
import { readListedNote } from "./vault-fs";

const JOB = "customer-pages/parse";

/** Files per claim: small enough that the threads finish together, big enough to be few messages. */
const CHUNK = 32;

interface Job {
  kind: typeof JOB;
  vault: string;
  /** Every file of the vault; chunk c is paths[c * CHUNK …]. */
  paths: string[];
  settings: Settings;
  excluded: string[];
  /** One Int32: the next chunk to claim, shared by every thread. */
  counter: SharedArrayBuffer;
  port: MessagePort;
}

type ToMain =
  | { type: "batch"; from: number; notes: Flat; lossy: number[]; gone: number[] }
  | { type: "parsed" }
  | { type: "mentions"; found: Flat }
  | { type: "error"; message: string };

type ToWorker = { type: "terms"; terms: Array<[string, string]> } | { type: "exit" };

type MentionTexts = Map<string, { basename: string; text: string }>;

/** Claims the next chunk: its first file, or -1 when every file is taken. */
function claim(counter: Int32Array, total: number): number {
  const from = Atomics.add(counter, 0, 1) * CHUNK;
  return from < total ? from : -1;
}

/**
 * Reads and parses paths[from …] (one chunk) and hands each note to `put` (null: excluded, never
 * read; or gone since the listing, noted in `gone`); keeps the mention texts.
 */
function parseChunk(
  job: { vault: string; paths: readonly string[]; settings: Settings; excluded: readonly string[] },
  from: number,
  texts: MentionTexts,
  found: { lossy: number[]; gone: number[] },
  put: (k: number, note: ParsedNote | null) => void,
): void {
  const end = Math.min(from + CHUNK, job.paths.length);
  for (let k = from; k < end; k++) {
    const path = job.paths[k]!;
    if (isExcluded(path, job.excluded)) {
      put(k, null);
      continue;
    }
    const file = readListedNote(job.vault, path);
    if (file === null) {
      found.gone.push(k);
      put(k, null);
      continue;
    }
    if (file.lossy) found.lossy.push(k);
    const { note, mentionText } = parseNote(path, file.text, job.settings);
    put(k, note);
    if (note.kind === "meeting" || note.kind === "note") texts.set(path, { basename: note.basename, text: mentionText });
  }
}

/** What VaultIndex.matchMentions does, for the notes whose mention texts are given. */
function matchMentions(texts: MentionTexts, terms: Iterable<[string, string]>): Flat {
  const matcher = new TermMatcher(new Map(terms));
  const found: Flat = [];
  for (const [path, { basename, text }] of texts) {
    const owners = matcher.owners(nfc(basename), text);
    if (owners.size === 0) continue;
    found.push(path, owners.size, ...owners);
  }
  return found;
}

function runWorker(job: Job): void {
  const port = job.port;
  const texts: MentionTexts = new Map();
  try {
    const counter = new Int32Array(job.counter);
    for (let from = claim(counter, job.paths.length); from >= 0; from = claim(counter, job.paths.length)) {
      const notes: Flat = [];
      const found = { lossy: [] as number[], gone: [] as number[] };
      parseChunk(job, from, texts, found, (_k, note) => {
        if (note === null) notes.push(null);
        else encodeNote(note, notes);
      });
      port.postMessage({ type: "batch", from, notes, ...found } satisfies ToMain);
    }
    port.postMessage({ type: "parsed" } satisfies ToMain);
  } catch (e) {
    port.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e) } satisfies ToMain);
    return;
  }
  port.on("message", (m: ToWorker) => {
    if (m.type === "exit") {
      port.close();
      return;
    }
    const found = matchMentions(texts, m.terms);
    texts.clear();
    port.postMessage({ type: "mentions", found } satisfies ToMain);
  });
}

if (!isMainThread && (workerData as Partial<Job> | null)?.kind === JOB) runWorker(workerData as Job);

// ---- the main thread's side ----

export interface ParsedVault {
  /** Every file in the order given, with its note (null: excluded), but those gone since the listing. */
  entries: Array<{ path: string; note: ParsedNote | null }>;
  /** Files that were not valid UTF-8. */
  lossy: string[];
  /** What VaultIndex.fromParsed asks for: the customers each meeting or note mentions. */
  mentions(terms: ReadonlyMap<string, string>): Promise<Array<[string, string[]]>>;
  /** Lets the workers go. */
  close(): void;
}

/** Fewer notes than this are parsed on the main thread alone: starting a worker would cost more. */
export const PARALLEL_MIN_NOTES = 2000;
/** Fewer cores than this: parsed on the main thread alone (see workerCount). */
export const MIN_CORES = 4;

/**
 * How many workers to start besides this thread: one per core but this one, on 4 cores or more,
 * for a vault big enough; none where they cannot run (the sources under vitest).
 * CUSTOMER_PAGES_WORKERS=n sets the number (0: parse on the main thread only).
 */
export function workerCount(notes: number): number {
  if (!/\.m?js$/.test(fileURLToPath(import.meta.url))) return 0;
  const env = process.env.CUSTOMER_PAGES_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.min(Number(env), 16);
  if (notes < PARALLEL_MIN_NOTES) return 0;
  // On two cores a worker gained nothing in any measurement (docs/performance.md): each thread
  // warms up its own compiled code and its own heap, and the worker starts ~100 ms late; in that
  // cold, allocation-heavy phase the two threads together parsed no faster than this one alone.
  const cores = availableParallelism();
  return cores >= MIN_CORES ? Math.min(cores - 1, 7) : 0;
}

/**
 * Reads and parses `paths` (vault-relative, in the vault's order) on this thread and `n` workers.
 * Rejects when a file cannot be read or a worker fails: the caller then does the work itself, on
 * this thread, and reports it as usual.
 */
export async function parseInWorkers(vault: string, paths: readonly string[], settings: Settings, excluded: readonly string[], n: number): Promise<ParsedVault> {
  const entries: ParsedVault["entries"] = paths.map((path) => ({ path, note: null }));
  const lossy: number[] = [];
  const gone: number[] = [];
  const counterBuffer = new SharedArrayBuffer(4);
  const counter = new Int32Array(counterBuffer);
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  const found: Array<Flat | undefined> = [];
  let parsed = 0;
  let closed = false;
  // Boxed: set by callbacks, read here after them.
  const state: { failure: Error | null } = { failure: null };
  // Whoever waits (for the notes, then for the mentions) hears of a failure or of progress.
  let wake: () => void = () => undefined;
  const fail = (e: Error): void => {
    if (closed) return;
    closed = true;
    state.failure = e;
    for (const w of workers) void w.terminate();
    for (const p of ports) p.close();
    wake();
  };
  const handle = (w: number, m: ToMain): void => {
    if (closed) return;
    if (m.type === "batch") {
      const reader = new NoteReader(m.notes);
      for (let k = m.from; !reader.done; k++) if (!reader.skipNull()) entries[k]!.note = reader.next();
      for (const k of m.lossy) lossy.push(k);
      for (const k of m.gone) gone.push(k);
    } else if (m.type === "parsed") {
      parsed++;
    } else if (m.type === "mentions") {
      found[w] = m.found;
    } else {
      fail(new Error(m.message));
    }
    wake();
  };
  /** Reads what the workers have posted so far, without waiting. */
  const drain = (): void => {
    for (let w = 0; w < ports.length && !closed; w++) {
      for (let m = receiveMessageOnPort(ports[w]!); m !== undefined && !closed; m = receiveMessageOnPort(ports[w]!)) handle(w, m.message as ToMain);
    }
  };
  const until = (done: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      wake = () => {
        if (state.failure) reject(state.failure);
        else if (done()) resolve();
      };
      wake();
    });

  for (let w = 0; w < n; w++) {
    const { port1, port2 } = new MessageChannel();
    const job: Job = { kind: JOB, vault, paths: [...paths], settings, excluded: [...excluded], counter: counterBuffer, port: port2 };
    const worker = new Worker(new URL(import.meta.url), { workerData: job, transferList: [port2], argv: [] });
    workers.push(worker);
    ports.push(port1);
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!closed) fail(new Error(`parse worker stopped (exit code ${code})`));
    });
  }

  // This thread's share, reading the workers' batches between its chunks. (The tests set
  // CUSTOMER_PAGES_MAIN_PARSES=0 so that the workers parse every file of a small vault.)
  const texts: MentionTexts = new Map();
  const job = { vault, paths, settings, excluded };
  const share = process.env.CUSTOMER_PAGES_MAIN_PARSES !== "0";
  try {
    for (let from = share ? claim(counter, paths.length) : -1; from >= 0 && !closed; from = claim(counter, paths.length)) {
      parseChunk(job, from, texts, { lossy, gone }, (k, note) => {
        entries[k]!.note = note;
      });
      drain();
    }
  } catch (e) {
    fail(e instanceof Error ? e : new Error(String(e)));
  }
  if (state.failure) throw state.failure;
  drain();
  ports.forEach((p, w) => p.on("message", (m: ToMain) => handle(w, m)));
  await until(() => parsed === n);

  const left = new Set(gone);
  return {
    entries: left.size === 0 ? entries : entries.filter((_e, k) => !left.has(k)),
    lossy: lossy.sort((a, b) => a - b).map((i) => paths[i]!),
    mentions: async (terms) => {
      if (closed) throw state.failure ?? new Error("parse workers are gone");
      for (const p of ports) p.postMessage({ type: "terms", terms: [...terms] } satisfies ToWorker);
      const mine = matchMentions(texts, terms);
      texts.clear();
      await until(() => found.filter((f) => f !== undefined).length === n);
      return readMentions([mine, ...(found as Flat[])]);
    },
    close: () => {
      if (closed) return;
      closed = true;
      for (const p of ports) {
        p.postMessage({ type: "exit" } satisfies ToWorker);
        p.close();
      }
    },
  };
}

function readMentions(results: Flat[]): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const found of results) {
    for (let i = 0; i < found.length; ) {
      const path = found[i++] as string;
      const count = found[i++] as number;
      out.push([path, found.slice(i, i + count) as string[]]);
      i += count;
    }
  }
  return out;
}
