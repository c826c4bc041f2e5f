// The vault on disk: finding its notes, reading them as UTF-8, writing pages atomically.
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, type Dirent } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface DiskFile {
  path: string;
  text: string;
  /** The bytes were not valid UTF-8: invalid sequences were replaced. */
  lossy: boolean;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function decode(bytes: Uint8Array): { text: string; lossy: boolean } {
  try {
    return { text: strict.decode(bytes), lossy: false };
  } catch {
    return { text: lenient.decode(bytes), lossy: true };
  }
}

/** Vault-relative paths (with `/`) of every `.md` file outside dot-folders. */
export function listNotes(vault: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      if (rel === "") throw e;
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full, r);
      else if (e.name.endsWith(".md")) {
        if (e.isFile()) out.push(r);
        else if (e.isSymbolicLink()) {
          try {
            if (statSync(full).isFile()) out.push(r);
          } catch {
            // A dangling link is no note.
          }
        }
      }
    }
  };
  walk(vault, "");
  return out.sort();
}

export function readNote(vault: string, path: string): DiskFile {
  const { text, lossy } = decode(readFileSync(join(vault, path)));
  return { path, text, lossy };
}

export function readOptional(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Writes through a temporary file in the same folder and a rename, so a reader never sees half a page.
 * A file that exists keeps its permissions; a new one gets `newMode`.
 */
export function writeAtomic(file: string, text: string, newMode = 0o644): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const fd = openSync(tmp, "w", mode ?? newMode);
  try {
    const data = Buffer.from(text, "utf8");
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing left to clean.
    }
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing left to clean.
    }
    throw e;
  }
}
