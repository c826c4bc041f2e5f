// The CLI's cache of parsed notes (`--cache FILE`): a note whose file has the size, times and inode
// it had when it was parsed is taken from the cache instead of being read and parsed again. The file
// also keeps, per meeting or note, the customers it mentions, valid while the customers' names are
// the ones recorded with them. Anything else — another build of the tool, other settings, a file
// that is not a whole cache — and the notes are parsed as without a cache.
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import type { ParsedNote } from "../core/note";
import type { Settings } from "../core/settings";
import type { Warning } from "../core/vault-index";
import { encodeNote, NoteReader, type Flat } from "./note-codec";
import { readOptional, writeAtomic } from "./vault-fs";

declare const __CUSTOMER_PAGES_BUILD__: string | undefined;

/** Which code parsed the notes: the bundles carry a hash of the sources (esbuild.config.mjs). */
const BUILD = typeof __CUSTOMER_PAGES_BUILD__ === "string" ? __CUSTOMER_PAGES_BUILD__ : "unbundled";
const FORMAT = 8;
/** Every cache file starts with this: no other file is ever overwritten. */
const MAGIC = '{"customerPagesCache":';
/**
 * The whole file: `{"customerPagesCache":FORMAT,"sha1":"…","data":DATA}`, the hash of DATA (the
 * JSON of a CacheFile) written ahead of it, so that a file damaged into other valid JSON (a bad
 * block, a sync merge, a hand edit) is caught rather than read as other notes.
 */
const HEADER = /^\{"customerPagesCache":\d+,"sha1":"([0-9a-f]{40})","data":/;

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** Size, modification and change times, inode: a write changes the change time, whatever it does to the rest. */
export type Stamp = readonly [number, number, number, number];

export interface CachedNote {
  stamp: Stamp;
  note: ParsedNote;
  /** The customers the note mentions (meetings and notes), under the cache's terms. */
  owners: readonly string[];
}

export interface OpenedCache {
  notes: Map<string, CachedNote>;
  /** mentionTermsKey() of the customer names the owners were matched against; null without a cache. */
  terms: string | null;
  /** False when the file is something else than a cache: it is then neither read nor written. */
  writable: boolean;
}

interface CacheFile {
  build: string;
  key: string;
  terms: string;
  /** Per note: path, the four numbers of its stamp, the number of owners, the owners. */
  files: Flat;
  /** Every string of `notes`, once. */
  strings: string[];
  /** The notes, encoded (note-codec.ts), in the order of `files`, packed (pack()). */
  notes: number[];
}

/**
 * The notes' flat encoding as integers only, its strings kept once in `strings`: an integer n is
 * 4n, the k-th string 4k + 1, null 2, false 6, true 10. An array of small integers is read back
 * without an object per element, and the notes share the strings they repeat (link targets,
 * names): at 50k notes the file is a fifth smaller and a run over it a few percent faster.
 */
function pack(flat: Flat, strings: string[], ids: Map<string, number>): number[] {
  const out: number[] = new Array<number>(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i]!;
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v * 4)) throw new Error(`cannot pack ${v}`);
      out[i] = v * 4;
    } else if (typeof v === "string") {
      let k = ids.get(v);
      if (k === undefined) {
        k = strings.length;
        strings.push(v);
        ids.set(v, k);
      }
      out[i] = k * 4 + 1;
    } else {
      out[i] = v === null ? 2 : v ? 10 : 6;
    }
  }
  return out;
}

function unpack(nums: readonly unknown[], strings: readonly unknown[]): Flat {
  const out: Flat = new Array<string | number | boolean | null>(nums.length);
  for (let i = 0; i < nums.length; i++) {
    const x = nums[i];
    if (typeof x !== "number" || !Number.isSafeInteger(x)) throw new Error("a packed value is not an integer");
    const r = ((x % 4) + 4) % 4;
    if (r === 0) out[i] = x / 4;
    else if (r === 1) {
      const s = strings[(x - 1) / 4];
      if (typeof s !== "string") throw new Error("a packed string is missing");
      out[i] = s;
    } else if (x === 2) out[i] = null;
    else if (x === 6) out[i] = false;
    else if (x === 10) out[i] = true;
    else throw new Error(`${x} is no packed value`);
  }
  return out;
}

/** What, besides the code, decides how a note parses. */
export function cacheKey(settings: Settings, excluded: readonly string[]): string {
  return JSON.stringify([settings, excluded]);
}

/** The file's stamp now, or null when it cannot be had. */
export function stampOf(file: string): Stamp | null {
  const s = statSync(file, { throwIfNoEntry: false });
  return s === undefined ? null : [s.size, s.mtimeMs, s.ctimeMs, s.ino];
}

export function sameStamp(a: Stamp, b: Stamp): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

function empty(): OpenedCache {
  return { notes: new Map(), terms: null, writable: true };
}

/** Reads the cache file; a missing, stale or damaged one gives no notes (damage: with a warning). */
export function openCache(file: string, key: string, warnings: Warning[]): OpenedCache {
  let text: string | null;
  try {
    text = readOptional(file);
  } catch {
    // Unreadable (a folder, no permission): parsed afresh; writing it says what is wrong.
    return empty();
  }
  if (text === null) return empty();
  if (!text.startsWith(MAGIC)) {
    // Empty, or cut off inside the first bytes of a cache: damaged, not someone else's file — if it
    // is a file at all (`/dev/null` reads as empty too, and must never be replaced).
    if (MAGIC.startsWith(text) && statSync(file, { throwIfNoEntry: false })?.isFile() === true) {
      warnings.push({ file, message: "the cache is damaged (cut short); the notes are parsed again and the cache rewritten" });
      return empty();
    }
    warnings.push({ file, message: "is not a Customer Pages cache: not read, and not overwritten" });
    return { notes: new Map(), terms: null, writable: false };
  }
  let notes: Map<string, CachedNote>;
  let data: CacheFile;
  try {
    // Another format (an older build's): stale, not damaged.
    const format = /^\{"customerPagesCache":(\d+)/.exec(text.slice(0, 40));
    if (format !== null && Number(format[1]) !== FORMAT) return empty();
    const head = HEADER.exec(text.slice(0, 120));
    if (head === null) throw new Error("no header");
    if (!text.endsWith("}")) throw new Error("it does not end as a cache ends: cut short, or changed");
    const body = text.slice(head[0].length, -1);
    if (sha1(body) !== head[1]) throw new Error("its contents do not match their checksum");
    data = JSON.parse(body) as CacheFile;
    if (data.build !== BUILD || data.key !== key) return empty();
    notes = readNotes(data);
  } catch (e) {
    warnings.push({ file, message: `the cache is damaged (${(e as Error).message}); the notes are parsed again and the cache rewritten` });
    return empty();
  }
  return { notes, terms: data.terms, writable: true };
}

function readNotes(data: CacheFile): Map<string, CachedNote> {
  const { files } = data;
  if (!Array.isArray(files) || !Array.isArray(data.notes) || !Array.isArray(data.strings) || typeof data.terms !== "string") throw new Error("missing parts");
  const reader = new NoteReader(unpack(data.notes, data.strings));
  const notes = new Map<string, CachedNote>();
  let i = 0;
  while (i < files.length) {
    const path = files[i++];
    const stamp = files.slice(i, i + 4);
    i += 4;
    const n = files[i++];
    if (typeof path !== "string" || typeof n !== "number" || stamp.length !== 4 || stamp.some((x) => typeof x !== "number")) {
      throw new Error("a file's entry is not path, stamp, owners");
    }
    const owners = files.slice(i, i + n);
    i += n;
    if (owners.length !== n || owners.some((o) => typeof o !== "string")) throw new Error(`the owners of ${path} are not names`);
    if (reader.done) throw new Error("fewer notes than files");
    const note = reader.next();
    if (note.path !== path) throw new Error(`the note for ${path} is ${note.path}`);
    notes.set(path, { stamp: stamp as unknown as Stamp, note, owners: owners as string[] });
  }
  if (!reader.done) throw new Error("more notes than files");
  return notes;
}

/** Writes the cache (atomically); a failure is a warning: the run does not depend on it. */
export function saveCache(file: string, key: string, terms: string, notes: Iterable<CachedNote>, warnings: Warning[]): void {
  const data: CacheFile = { build: BUILD, key, terms, files: [], strings: [], notes: [] };
  const flat: Flat = [];
  for (const c of notes) {
    data.files.push(c.note.path, ...c.stamp, c.owners.length, ...c.owners);
    encodeNote(c.note, flat);
  }
  try {
    data.notes = pack(flat, data.strings, new Map());
    // It holds what the notes say: readable by its owner only, unless they chose otherwise.
    const body = JSON.stringify(data);
    writeAtomic(file, `${MAGIC}${FORMAT},"sha1":"${sha1(body)}","data":${body}}`, 0o600);
  } catch (e) {
    warnings.push({ file, message: `cannot write the cache (${(e as Error).message})` });
  }
}
