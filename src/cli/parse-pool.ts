// Reading and parsing a vault's notes on worker threads, for the CLI and the bench. parseNote is a
// pure function of (path, text, settings), so each worker reads and parses every n-th file and
// posts the notes back (see note-codec.ts), in batches the main thread decodes while the workers
// go on. Mention matching needs every customer first: the workers keep their notes' mention texts
// and match them once the main thread has sent the customer terms. The worker is this same bundle
// (dist/cli.mjs or dist/bench.mjs) started again with a job in workerData: nothing else to ship.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { isExcluded } from "../core/exclusion";
import { TermMatcher } from "../core/mentions";
import { parseNote, type ParsedNote } from "../core/note";
import type { Settings } from "../core/settings";
import { nfc } from "../core/text";
import { encodeNote, NoteReader, type Flat } from "./note-codec";
import { decode } from "./vault-fs";

const JOB = "customer-pages/parse";

interface Job {
  kind: typeof JOB;
  vault: string;
  /** This worker's files: every `stride`-th of the vault's, from `first`. */
  paths: string[];
  settings: Settings;
  excluded: string[];
}

type ToMain =
  | { type: "batch"; from: number; notes: Flat; lossy: number[] }
  | { type: "parsed" }
  | { type: "mentions"; found: Flat }
  | { type: "error"; message: string };

type ToWorker = { type: "terms"; terms: Array<[string, string]> } | { type: "exit" };

/** Notes per message: small enough to decode while the workers go on, big enough to be few. */
const BATCH = 250;

/** What VaultIndex.matchMentions does, for the notes whose mention texts are given. */
function matchMentions(texts: ReadonlyMap<string, { basename: string; text: string }>, terms: Iterable<[string, string]>): Flat {
  const matcher = new TermMatcher(new Map(terms));
  const found: Flat = [];
  for (const [path, { basename, text }] of texts) {
    const owners = matcher.owners(nfc(basename), text);
    if (owners.size === 0) continue;
    found.push(path, owners.size, ...owners);
  }
  return found;
}

function runWorker(job: Job, port: NonNullable<typeof parentPort>): void {
  const texts = new Map<string, { basename: string; text: string }>();
  try {
    let notes: Flat = [];
    let lossy: number[] = [];
    let from = 0;
    for (let k = 0; k < job.paths.length; k++) {
      const path = job.paths[k]!;
      const file = decode(readFileSync(join(job.vault, path)));
      if (file.lossy) lossy.push(k);
      // An excluded file is read (for the UTF-8 warning) but never parsed, as VaultIndex.build does.
      if (isExcluded(path, job.excluded)) notes.push(null);
      else {
        const { note, mentionText } = parseNote(path, file.text, job.settings);
        encodeNote(note, notes);
        if (note.kind === "meeting" || note.kind === "note") texts.set(path, { basename: note.basename, text: mentionText });
      }
      if (k + 1 - from === BATCH || k + 1 === job.paths.length) {
        port.postMessage({ type: "batch", from, notes, lossy } satisfies ToMain);
        notes = [];
        lossy = [];
        from = k + 1;
      }
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

if (!isMainThread && parentPort !== null && (workerData as Partial<Job> | null)?.kind === JOB) runWorker(workerData as Job, parentPort);

// ---- the main thread's side ----

export interface ParsedVault {
  /** Every file in the order given, with its note (null: excluded). */
  entries: Array<{ path: string; note: ParsedNote | null }>;
  /** Files that were not valid UTF-8. */
  lossy: string[];
  /** What VaultIndex.fromParsed asks for: the customers each meeting or note mentions. */
  mentions(terms: ReadonlyMap<string, string>): Promise<Array<[string, string[]]>>;
  /** Lets the workers go. */
  close(): void;
}

/** Fewer notes than this are parsed on the main thread: starting workers would cost more. */
export const PARALLEL_MIN_NOTES = 2000;
/** Fewer cores than this: parsed on the main thread (see workerCount). */
export const MIN_CORES = 4;

/**
 * How many workers to start: one per core but one (this thread builds the index meanwhile), on 4
 * cores or more; none for a small vault, or where they cannot run (the sources under vitest).
 * CUSTOMER_PAGES_WORKERS=n sets the number (0: parse on the main thread).
 */
export function workerCount(notes: number): number {
  if (!/\.m?js$/.test(fileURLToPath(import.meta.url))) return 0;
  const env = process.env.CUSTOMER_PAGES_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.min(Number(env), 16);
  if (notes < PARALLEL_MIN_NOTES) return 0;
  // On two cores the workers lost to this thread in every measurement (docs/performance.md): the
  // main thread still builds the index and renders, and two vCPUs gave ~1.3x, not 2x, in parallel.
  const cores = availableParallelism();
  return cores >= MIN_CORES ? Math.min(cores - 1, 8) : 0;
}

/**
 * Reads and parses `paths` (vault-relative, in the vault's order) on `n` workers, worker w taking
 * every n-th file from the w-th. Rejects when a worker fails (an unreadable file …): the caller
 * then does the work itself and reports it as usual.
 */
export function parseInWorkers(vault: string, paths: readonly string[], settings: Settings, excluded: readonly string[], n: number): Promise<ParsedVault> {
  const entries: ParsedVault["entries"] = paths.map((path) => ({ path, note: null }));
  const lossy: number[] = [];
  const workers: Worker[] = [];
  const found: Array<Flat | undefined> = [];
  let parsed = 0;
  let closed = false;
  // Whoever waits now (for the notes, then for the mentions) hears of a failure or of progress.
  let onFailure: (e: Error) => void = () => undefined;
  let onProgress: () => void = () => undefined;
  const fail = (e: Error): void => {
    if (closed) return;
    closed = true;
    for (const w of workers) void w.terminate();
    onFailure(e);
  };

  for (let w = 0; w < n; w++) {
    const mine: string[] = [];
    for (let i = w; i < paths.length; i += n) mine.push(paths[i]!);
    const job: Job = { kind: JOB, vault, paths: mine, settings, excluded: [...excluded] };
    const worker = new Worker(new URL(import.meta.url), { workerData: job, argv: [] });
    workers.push(worker);
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!closed) fail(new Error(`parse worker stopped (exit code ${code})`));
    });
    worker.on("message", (m: ToMain) => {
      if (closed) return;
      if (m.type === "batch") {
        const reader = new NoteReader(m.notes);
        for (let k = m.from; !reader.done; k++) {
          if (!reader.skipNull()) entries[w + k * n]!.note = reader.next();
        }
        for (const k of m.lossy) lossy.push(w + (m.from + k) * n);
      } else if (m.type === "parsed") {
        parsed++;
        onProgress();
      } else if (m.type === "mentions") {
        found[w] = m.found;
        onProgress();
      } else {
        fail(new Error(m.message));
      }
    });
  }

  const vault$: ParsedVault = {
    entries,
    lossy: [],
    mentions: (terms) =>
      new Promise((resolve, reject) => {
        if (closed) {
          reject(new Error("parse workers are gone"));
          return;
        }
        onFailure = reject;
        onProgress = () => {
          if (found.filter((f) => f !== undefined).length === n) resolve(readMentions(found as Flat[]));
        };
        for (const wk of workers) wk.postMessage({ type: "terms", terms: [...terms] } satisfies ToWorker);
      }),
    close: () => {
      if (closed) return;
      closed = true;
      for (const wk of workers) wk.postMessage({ type: "exit" } satisfies ToWorker);
    },
  };
  return new Promise((resolve, reject) => {
    onFailure = reject;
    onProgress = () => {
      if (parsed < n) return;
      vault$.lossy = lossy.sort((a, b) => a - b).map((i) => paths[i]!);
      resolve(vault$);
    };
  });
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
