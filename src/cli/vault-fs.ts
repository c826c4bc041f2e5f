// The vault on disk: finding its notes, reading them as UTF-8, writing pages atomically.
import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Dirent } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { isExcluded } from "../core/exclusion";
import { compareCodeUnits } from "../core/text";

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

/**
 * Vault-relative paths (with `/`) of every `.md` file outside dot-folders. Symbolic links are
 * followed as Obsidian follows them: a link to a folder counts when its target lies outside the
 * vault and apart from every other linked folder (neither holds the other; the first in path order
 * wins), so no loop and no folder twice; a link to an `.md` file is a note; a dangling link is nothing.
 * What cannot be listed under `excluded` (isExcluded's prefixes) is a warning, not an error. A
 * folder (not excluded) gone since its parent was listed is left out and put in `gone`.
 */
export function listNotes(
  vault: string,
  excluded: readonly string[] = [],
  warnings: Array<{ file: string; message: string }> = [],
  gone: string[] = [],
): string[] {
  const out: string[] = [];
  // A link's target may be a note or a folder: `ex` as either (unknown when it cannot be reached), `exFolder` as a folder.
  const links: Array<{ full: string; rel: string; ex: boolean; exFolder: boolean }> = [];
  // An excluded folder's notes are never read, only link targets: one it cannot list loses no
  // line of a page, so the run goes on without them and says so.
  const skipped = (rel: string, why: string): void => {
    warnings.push({ file: rel, message: `${why}; it is excluded, so the run goes on, but links to what it holds do not resolve` });
  };
  const walk = (dir: string, rel: string, ex: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // A folder gone since its parent was listed is nothing; one that cannot be read stops the run:
      // pages made without its notes would lose what they hold.
      if (rel !== "" && isGone(e)) {
        if (!ex) gone.push(rel);
        return;
      }
      if (ex) return skipped(rel, `cannot be read (${errorCode(e) ?? (e as Error).message})`);
      throw e;
    }
    let badNames: Set<string> | null = null;
    // Asked for folders and links (few), and for a note only when its name needs it. A folder is
    // excluded when what it holds is: isExcluded's `Archive` covers the note `Archive.md`, not the
    // notes of a folder `Archive.md/`, which the index reads.
    const exAt = (r: string, folder: boolean): boolean => ex || isExcluded(folder ? `${r}/` : r, excluded);
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.name.includes("\uFFFD") && (e.isDirectory() || e.isSymbolicLink() || e.name.endsWith(".md"))) {
        badNames ??= namesNotUtf8(dir);
        // The name as listed, its bytes replaced, opens nothing: the folder would be skipped as if
        // gone and the note fail as if missing (ENOENT) — pages made without them would lose what
        // they hold, as for a folder that cannot be read.
        if (badNames.has(e.name)) {
          const why = "the name is not valid UTF-8 (shown here with U+FFFD); rename it";
          if (exAt(r, e.isDirectory())) {
            skipped(r, why);
            continue;
          }
          throw new Error(`the name of ${r} is not valid UTF-8 (shown here with U+FFFD); rename it`);
        }
      }
      if (e.isDirectory()) walk(join(dir, e.name), r, exAt(r, true));
      else if (e.isSymbolicLink()) links.push({ full: join(dir, e.name), rel: r, ex: exAt(r, false), exFolder: exAt(r, true) });
      else if (e.name.endsWith(".md") && e.isFile()) out.push(r);
    }
  };
  walk(vault, "", false);
  const taken = [realpathSync(vault)];
  // In rounds, each in path order: the links found inside linked folders make the next round.
  while (links.length > 0) {
    const round = links.splice(0).sort((a, b) => compareCodeUnits(a.rel, b.rel));
    for (const { full, rel, ex, exFolder } of round) {
      let target: string;
      let folder: boolean;
      try {
        target = realpathSync(full);
        const st = statSync(target);
        folder = st.isDirectory();
        if (!folder && !(rel.endsWith(".md") && st.isFile())) continue;
      } catch (e) {
        // Dangling, or a loop of links: nothing. A target that cannot be reached stops the run, as
        // an unreadable folder does.
        const code = errorCode(e);
        if (code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR") continue;
        if (ex) {
          skipped(rel, `its target cannot be reached (${code ?? (e as Error).message})`);
          continue;
        }
        throw e;
      }
      // A linked note is a note, as Obsidian lists it (its rule against repeats is for folders).
      if (!folder) out.push(rel);
      else if (!taken.some((t) => nested(t, target) || nested(target, t))) {
        taken.push(target);
        walk(full, rel, exFolder);
      }
    }
  }
  return out.sort();
}

/** The names in a folder whose bytes are not valid UTF-8, as readdirSync gives them (invalid bytes replaced). */
function namesNotUtf8(dir: string): Set<string> {
  const out = new Set<string>();
  for (const raw of readdirSync(dir, { encoding: "buffer" })) {
    const { text, lossy } = decode(raw);
    if (lossy) out.add(text);
  }
  return out;
}

/** Is `inner` the folder `outer` or inside it? */
function nested(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

export function readNote(vault: string, path: string): DiskFile {
  const { text, lossy } = decode(readFileSync(join(vault, path)));
  return { path, text, lossy };
}

/**
 * A note listed by listNotes, or null when it is gone since (deleted in Obsidian while the run goes
 * on): it counts as deleted before the run, as a folder gone since its parent was listed does. A
 * note that is there but cannot be read throws, as readNote does.
 */
export function readListedNote(vault: string, path: string): DiskFile | null {
  try {
    return readNote(vault, path);
  } catch (e) {
    if (isGone(e)) return null;
    throw e;
  }
}

/** Is this the error of a file or folder that is no longer there? */
export function isGone(e: unknown): boolean {
  return errorCode(e) === "ENOENT";
}

/** A file system error's code (`ENOENT`, `EACCES` …), if it has one. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The file's text, or null when there is no such file; any other failure (permissions …) throws. */
export function readOptional(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = errorCode(e);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw e;
  }
}

/**
 * Writes through a temporary file in the same folder and a rename, so a reader never sees half a page.
 * A file that exists keeps its permissions and owner (keepOwnerAndMode); a new one gets `newMode`.
 * A symbolic link stays one: its target is written (renaming onto the link would replace the link
 * with a copy). With `unchanged`, nothing is written (false) when it says, just before the rename,
 * that the file changed meanwhile.
 */
export function writeAtomic(path: string, text: string, newMode = 0o644, unchanged?: () => boolean): boolean {
  const file = linkTarget(path);
  const tmp = join(dirname(file), `.${shortened(basename(file))}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let old: { mode: number; uid: number; gid: number } | undefined;
  try {
    const st = statSync(file);
    old = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch {
    old = undefined;
  }
  const fd = openSync(tmp, "w", old?.mode ?? newMode);
  try {
    if (old !== undefined) keepOwnerAndMode(fd, old);
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
    // Checked last, right before the rename: writing and syncing take long enough for an editor to save in between.
    if (unchanged !== undefined && !unchanged()) {
      unlinkSync(tmp);
      return false;
    }
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing left to clean.
    }
    throw e;
  }
  return true;
}

/**
 * The replacement takes the old file's permissions and owner, as an editor saving in place keeps
 * them: the mode given to open() loses what the umask masks (a page shared with a group, 0664,
 * would become 0644), and a run as root (a root crontab) would leave a user's page owned by root,
 * which the user's Obsidian could then no longer save. Another user's file may be given away only
 * by root: for anyone else a refused chown leaves the file theirs, as before.
 */
function keepOwnerAndMode(fd: number, old: { mode: number; uid: number; gid: number }): void {
  // Best effort, each: a file system without owners or modes (FAT, some network shares) refuses
  // them, and the page is then written as it was before these calls existed.
  try {
    fchownSync(fd, old.uid, old.gid);
  } catch {
    // Not root, or no owners here: the new file stays the writer's.
  }
  try {
    // After the chown, which may clear the set-id bits.
    fchmodSync(fd, old.mode);
  } catch {
    // No modes here: open() gave what it could.
  }
}

/** Bytes a file name may hold on common file systems (ext4, APFS, NTFS: 255). */
const NAME_MAX = 255;

/**
 * A file name cut so that the temporary name made from it stays within NAME_MAX bytes: a note
 * whose own name is close to the limit (76 CJK characters are 228 bytes) can still be written.
 */
function shortened(name: string): string {
  // The temporary name is `.{name}.{pid}.{8 hex}.tmp`.
  const room = NAME_MAX - ".".length - ".4294967295.ffffffff.tmp".length;
  let out = "";
  let bytes = 0;
  for (const ch of name) {
    bytes += Buffer.byteLength(ch, "utf8");
    if (bytes > room) break;
    out += ch;
  }
  return out;
}

/** What a folder or file is asked for by stickyRefuses: its mode and owner, as stat gives them. */
export interface ModeAndOwner {
  mode: number;
  uid: number;
}

/** The sticky bit (S_ISVTX; not among Node's fs.constants). */
const STICKY = 0o1000;

/**
 * Whether the system refuses to replace `file` by a rename in `folder` (writeAtomic's last step) to
 * a process of effective user id `uid`, though access(W_OK) allows both: in a folder with the
 * sticky bit (/tmp, a shared team folder at 1777) only the file's owner or the folder's may remove or
 * replace a file, or root (CAP_FOWNER) — Linux's check_sticky, and BSD's and macOS's rule alike.
 * `file` null: there is none yet, and making one is allowed. `uid` undefined: a system without
 * owners (Windows), where there is no such rule. Creating the temporary file is not refused there
 * (fs.protected_regular asks only of an O_CREAT open of a file already there, root included, and the
 * temporary name is new).
 */
export function stickyRefuses(folder: ModeAndOwner, file: ModeAndOwner | null, uid: number | undefined): boolean {
  if (uid === undefined || uid === 0 || file === null || (folder.mode & STICKY) === 0) return false;
  return folder.uid !== uid && file.uid !== uid;
}

/** The file a symbolic link leads to (itself when it is none, or when the link dangles). */
export function linkTarget(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch {
    return path;
  }
}
