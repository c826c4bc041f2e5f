// Link resolution (§3): Obsidian's getFirstLinkpathDest over every `.md` file outside dot-folders,
// plus our alias rule. Kept incrementally: notes come and go one at a time.
import { basenameOf, compareCodeUnits, endsWithMd, folderOf, foldCase, lowerBound, nfc, stripMd } from "./text";

export interface ResolvedTarget {
  /** The note the link resolves to, or null. */
  path: string | null;
  /** Unresolved, but names a file that is not a note (`.png`, `.pdf`, `.canvas` …). */
  attachment: boolean;
}

const ATTACHMENT_EXT = /\.[A-Za-z][A-Za-z0-9]{0,7}$/;

function unresolved(t: string): ResolvedTarget {
  return { path: null, attachment: ATTACHMENT_EXT.test(t.slice(t.lastIndexOf("/") + 1)) };
}

/** Joins `./` and `../` segments against a folder; null when it climbs above the vault. */
export function joinRelative(folder: string, target: string): string | null {
  const parts = folder === "" ? [] : folder.split("/");
  for (const seg of target.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join("/");
}

/** A path relative to a folder, starting with `./` or `../` (§3 step 2). */
export function relativeLink(folder: string, path: string): string {
  const from = folder === "" ? [] : folder.split("/");
  const to = path.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  return (up === 0 ? "./" : "../".repeat(up)) + to.slice(common).join("/");
}

/**
 * A note named `README.md` (file `README.md.md`) is linked as `[[README.md.md]]`: §3 drops one
 * trailing `.md` from a link, which would leave `README`.
 */
export function withMd(text: string): string {
  return endsWithMd(text) ? `${text}.md` : text;
}

/** See Resolver.relinked. */
export interface Relink {
  /** The notes' basename, folded. */
  name: string;
  /** Only pages in this folder may write them otherwise (null: pages anywhere). */
  folder: string | null;
  /** Only the empty notes of that name (their links are resolved in full: see resolvesBack). */
  onlyEmpty: boolean;
  /** Only this note of that name. */
  only: string | null;
}

/** Does the path's folded form (how candidates are matched) have another length than the path (how they are ranked)? NFD names, İ. */
function foldsToOtherLength(path: string): boolean {
  const bare = stripMd(path);
  return foldCase(bare).length !== bare.length;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A target as written, trimmed, without one trailing `.md`: what "spells a path exactly" compares (case and Unicode form kept). */
function asWritten(target: string): string {
  const t = target.trim();
  return endsWithMd(t) ? t.slice(0, -3) : t;
}

/** A target as resolve() reads it: in NFC, trimmed, without one trailing `.md`. */
function targetText(target: string): string {
  return asWritten(nfc(target));
}

/** Does `text` spell the note's path exactly — the path without `.md`, or its end after a `/` — case and Unicode form included? */
function spells(path: string, text: string): boolean {
  const q = stripMd(path);
  return q === text || (q.length > text.length && q.endsWith(text) && q.charCodeAt(q.length - text.length - 1) === 47);
}

export class Resolver {
  private readonly byName = new Map<string, string[]>();
  /** Folded path (no `.md`) → the note there; of notes sharing it (see samePath), the first in code-unit order. */
  private readonly byPath = new Map<string, string>();
  /**
   * Folded path → the notes at it, in code-unit order, when there are several: paths that differ
   * only in case or Unicode form (`Meetings/Sync.md`, `meetings/sync.md`; `Café.md` composed and
   * decomposed), which a case-sensitive file system (Linux) allows. Usually empty.
   */
  private readonly samePath = new Map<string, string[]>();
  private readonly byAlias = new Map<string, string[]>();
  private readonly aliasesOf = new Map<string, string[]>();
  private readonly empty = new Set<string>();
  /** See relinked. */
  private relinkedLast: readonly Relink[] = [];
  /** linkText's first choice per note; it changes only when a basename becomes shared or stops being shared. */
  private readonly linkTexts = new Map<string, string>();
  /** Per name (folded), how many of its notes have a path whose folded form has another length (see resolvesBack). */
  private readonly oddLengths = new Map<string, number>();
  /** Notes whose first choice may resolve elsewhere from some folder: a shared basename, or an empty note. */
  private readonly checkLinks = new Set<string>();
  private changes = 0;

  /** Counts the calls to set and remove: while it stays the same, every resolution gives the same answer. */
  get generation(): number {
    return this.changes;
  }

  has(path: string): boolean {
    return this.hasAt(foldCase(stripMd(path)), path);
  }

  /** has(), with the path's folded key already made (set() makes it once per note of a build). */
  private hasAt(key: string, path: string): boolean {
    return this.byPath.get(key) === path || (this.samePath.size > 0 && (this.samePath.get(key)?.includes(path) ?? false));
  }

  private addPath(key: string, path: string): void {
    const there = this.byPath.get(key);
    if (there === undefined || there === path) {
      this.byPath.set(key, path);
      return;
    }
    let group = this.samePath.get(key);
    if (group === undefined) this.samePath.set(key, (group = [there]));
    if (group.includes(path)) return;
    group.splice(lowerBound(group, path, compareCodeUnits), 0, path);
    this.byPath.set(key, group[0]!);
  }

  private removePath(key: string, path: string): void {
    const group = this.samePath.get(key);
    if (group === undefined) {
      if (this.byPath.get(key) === path) this.byPath.delete(key);
      return;
    }
    const i = group.indexOf(path);
    if (i < 0) return;
    group.splice(i, 1);
    if (group.length === 1) this.samePath.delete(key);
    this.byPath.set(key, group[0]!);
  }

  /**
   * The note at a folded path: of several that differ only in case or Unicode form, the one whose
   * path is `exact()` as written, else the first in code-unit order (never the order notes came in).
   */
  private atPath(key: string, exact: () => string | null): string | undefined {
    const group = this.samePath.get(key);
    if (group === undefined) return this.byPath.get(key);
    const e = exact();
    return group.find((p) => stripMd(p) === e) ?? group[0];
  }

  /**
   * Notes whose paths differ only in case or Unicode form, each group in code-unit order: links
   * cannot tell them apart ignoring case (§3), nor can Obsidian's (a warning says so).
   */
  samePathGroups(): Iterable<readonly string[]> {
    return this.samePath.values();
  }

  /** Adds or replaces a note. Returns the lookup keys whose answers may have changed. */
  set(path: string, aliases: readonly string[], isEmpty: boolean): string[] {
    this.changes++;
    const name = foldCase(basenameOf(path));
    const countBefore = this.byName.get(name)?.length ?? 0;
    const pathKey = foldCase(stripMd(path));
    const present = this.hasAt(pathKey, path);
    const wasEmpty = this.empty.has(path);
    const aliasesBefore = this.aliasesOf.get(path) ?? [];
    const changed = present ? this.remove(path) : [];
    const list = this.byName.get(name);
    // Kept in code-unit order by inserting in place: sorting on every note made a name that
    // thousands of notes share quadratic-log to build.
    if (list) list.splice(lowerBound(list, path, compareCodeUnits), 0, path);
    else this.byName.set(name, [path]);
    this.addPath(pathKey, path);
    if (foldsToOtherLength(path)) this.oddLengths.set(name, (this.oddLengths.get(name) ?? 0) + 1);
    changed.push(name);
    // Most notes have no aliases: nothing to fold, nothing to keep.
    const keys = aliases.length === 0 ? [] : [...new Set(aliases.map((a) => foldCase(a.trim())).filter((a) => a !== ""))];
    if (keys.length > 0) this.aliasesOf.set(path, keys);
    else this.aliasesOf.delete(path);
    for (const k of keys) {
      const owners = this.byAlias.get(k);
      if (owners) owners.push(path);
      else this.byAlias.set(k, [path]);
      changed.push(k);
    }
    if (isEmpty) this.empty.add(path);
    const count = this.byName.get(name)!.length;
    this.afterChange(name, path, countBefore, count, !present, present && wasEmpty !== isEmpty, present ? aliasesBefore : [], keys);
    this.linkTexts.delete(path);
    return changed;
  }

  remove(path: string): string[] {
    this.changes++;
    const changed: string[] = [];
    const name = foldCase(basenameOf(path));
    const countBefore = this.byName.get(name)?.length ?? 0;
    const aliasesBefore = this.aliasesOf.get(path) ?? [];
    const list = this.byName.get(name);
    let had = false;
    if (list) {
      const i = list.indexOf(path);
      had = i >= 0;
      if (had) list.splice(i, 1);
      if (list.length === 0) this.byName.delete(name);
    }
    this.removePath(foldCase(stripMd(path)), path);
    if (had && foldsToOtherLength(path)) {
      const n = (this.oddLengths.get(name) ?? 0) - 1;
      if (n > 0) this.oddLengths.set(name, n);
      else this.oddLengths.delete(name);
    }
    changed.push(name);
    for (const k of this.aliasesOf.get(path) ?? []) {
      const owners = this.byAlias.get(k);
      if (owners) {
        const i = owners.indexOf(path);
        if (i >= 0) owners.splice(i, 1);
        if (owners.length === 0) this.byAlias.delete(k);
      }
      changed.push(k);
    }
    this.aliasesOf.delete(path);
    this.empty.delete(path);
    this.afterChange(name, path, countBefore, this.byName.get(name)?.length ?? 0, true, false, aliasesBefore, []);
    this.linkTexts.delete(path);
    this.checkLinks.delete(path);
    return changed;
  }

  /**
   * Works out relinked for a set or remove of `path`, named `name` (folded). How a page writes a
   * link to a note (linkText) changes when its basename becomes or stops being shared (every page);
   * when a note of a shared name comes or goes (pages in that note's folder: §3 step 4 puts a
   * note in the linking note's folder first); when a note turns empty or stops being empty, or a
   * note of a name some empty note has comes or goes (empty notes come last, after aliases: every
   * page); and when an alias comes or goes that an empty note's link text names (every page).
   */
  private afterChange(
    name: string,
    path: string,
    countBefore: number,
    count: number,
    cameOrWent: boolean,
    emptinessChanged: boolean,
    aliasesBefore: readonly string[],
    aliases: readonly string[],
  ): void {
    const out: Relink[] = [];
    if (countBefore > 1 !== count > 1) {
      this.linkTexts.clear();
      out.push({ name, folder: null, onlyEmpty: false, only: null });
    } else if (cameOrWent || emptinessChanged) {
      // The note itself, wherever it is shown; its namesakes, on pages in its folder; empty namesakes anywhere.
      if (emptinessChanged) out.push({ name, folder: null, onlyEmpty: false, only: path });
      // Names whose notes fold to other lengths are resolved in full (resolvesBack): any namesake may count.
      const odd = (this.oddLengths.get(name) ?? 0) > 0 || foldsToOtherLength(path);
      if (count > 1 || countBefore > 1) out.push({ name, folder: odd ? null : folderOf(path), onlyEmpty: false, only: null });
      if (this.hasEmpty(name)) out.push({ name, folder: null, onlyEmpty: true, only: null });
    }
    if (!sameStrings(aliasesBefore, aliases)) {
      for (const k of [...aliasesBefore, ...aliases]) {
        const named = k.slice(k.lastIndexOf("/") + 1);
        if (this.hasEmpty(named)) out.push({ name: named, folder: null, onlyEmpty: true, only: null });
      }
    }
    this.relinkedLast = out;
  }

  private hasEmpty(name: string): boolean {
    if (this.empty.size === 0) return false;
    for (const p of this.byName.get(name) ?? []) if (this.empty.has(p)) return true;
    return false;
  }

  /**
   * The notes (by folded name) whose links a page writes may have changed with the last set or
   * remove (see linkText), and the folder of the pages that may write them otherwise (null: any).
   */
  get relinked(): readonly Relink[] {
    return this.relinkedLast;
  }

  /** The notes a Relink names (see relinked). */
  relinkedNotes(r: Relink): readonly string[] {
    const all = this.byName.get(r.name) ?? [];
    if (r.only !== null) return all.includes(r.only) ? [r.only] : [];
    return r.onlyEmpty ? all.filter((p) => this.empty.has(p)) : all;
  }

  /** The keys a resolution of `target` looks at: change one, and the answer may change. */
  static keysOf(target: string): string[] {
    let t = nfc(target);
    if (endsWithMd(t)) t = t.slice(0, -3);
    const last = t.slice(t.lastIndexOf("/") + 1);
    const a = foldCase(last);
    const b = foldCase(t);
    return a === b ? [a] : [a, b];
  }

  resolve(target: string, sourcePath: string): ResolvedTarget {
    const t = targetText(target);
    if (t === "") return { path: sourcePath, attachment: false };
    if (t.startsWith("./") || t.startsWith("../")) {
      const joined = joinRelative(folderOf(sourcePath), t);
      const hit = joined === null ? undefined : this.atPath(foldCase(joined), () => joinRelative(folderOf(sourcePath), asWritten(target)));
      return hit ? { path: hit, attachment: false } : unresolved(t);
    }
    if (t.startsWith("/")) {
      const hit = this.atPath(foldCase(t.replace(/^\/+/, "")), () => asWritten(target).replace(/^\/+/, ""));
      return hit ? { path: hit, attachment: false } : unresolved(t);
    }
    const folded = foldCase(t);
    const slash = folded.lastIndexOf("/");
    const last = slash < 0 ? folded : folded.slice(slash + 1);
    const named = this.byName.get(last) ?? [];
    // The usual case: a bare name that one non-empty note carries (what the general rule gives too).
    if (slash < 0 && named.length === 1 && !this.empty.has(named[0]!)) return { path: named[0]!, attachment: false };
    let candidates = named;
    if (folded.includes("/")) {
      candidates = named.filter((p) => {
        const q = foldCase(stripMd(p));
        return q === folded || q.endsWith("/" + folded);
      });
    }
    const full = candidates.filter((p) => !this.empty.has(p));
    if (full.length > 0) return { path: this.choose(full, sourcePath, target), attachment: false };
    const owners = this.byAlias.get(folded);
    if (owners && owners.length === 1) return { path: owners[0]!, attachment: false };
    if (candidates.length > 0) return { path: this.choose(candidates, sourcePath, target), attachment: false };
    return unresolved(t);
  }

  /**
   * §3 step 4's pick; when the note picked shares its path but for case or Unicode form with other
   * candidates, the one the target spells exactly (case and form as written) instead, if any: §3's
   * order, which compares ignoring case, cannot tell them apart, and would open whichever sorts first.
   */
  private choose(candidates: readonly string[], sourcePath: string, target: string): string {
    const best = this.pick(candidates, sourcePath);
    if (this.samePath.size === 0) return best;
    const group = this.samePath.get(foldCase(stripMd(best)));
    if (group === undefined) return best;
    const written = asWritten(target);
    const exact = group.filter((p) => spells(p, written) && candidates.includes(p));
    return exact.length === 0 ? best : this.pick(exact, sourcePath);
  }

  private pick(candidates: readonly string[], sourcePath: string): string {
    if (candidates.length === 1) return candidates[0]!;
    const folder = folderOf(sourcePath);
    const same = candidates.filter((p) => folderOf(p) === folder);
    if (same.length > 0) return same[0]!;
    let best = candidates[0]!;
    for (const p of candidates) {
      if (p.length < best.length || (p.length === best.length && compareCodeUnits(p, best) < 0)) best = p;
    }
    return best;
  }

  /**
   * How the note at `from` (a page) writes a link to `path` (§7): the basename, or the path when the
   * basename is shared. Should that resolve, from the page's folder, to another note — a note of the
   * same name in the page's own folder comes first (§3 step 4), an alias before an empty note (step 5)
   * — the path relative to the page (`../Sync`, `./Sync`), which resolves exactly (step 2).
   */
  linkText(path: string, from: string): string {
    let text = this.linkTexts.get(path);
    if (text === undefined) {
      const named = this.byName.get(foldCase(basenameOf(path)));
      const shared = named !== undefined && named.length > 1;
      text = withMd(shared ? stripMd(path) : basenameOf(path));
      this.linkTexts.set(path, text);
      if (shared || this.empty.has(path)) this.checkLinks.add(path);
      else this.checkLinks.delete(path);
    }
    if (!this.checkLinks.has(path) || this.resolvesBack(text, path, from)) return text;
    return withMd(relativeLink(folderOf(from), stripMd(path)));
  }

  /**
   * Every text linkText may have given for `path` on the page at `from`, in some state of the vault,
   * today's first: a task's self-links carry it (`[[Sync#Details]]`), and a note of the same name
   * coming since the page was written changes it (`[[../Sync#Details]]`) — a tick is still for
   * that task. Names ending in .md were written without withMd's extra .md before it existed.
   */
  linkTextForms(path: string, from: string): string[] {
    const bare = stripMd(path);
    const forms = [basenameOf(path), bare, relativeLink(folderOf(from), bare)];
    return [...new Set([this.linkText(path, from), ...forms.map(withMd), ...forms])];
  }

  /**
   * Does `text`, written in the note at `from`, resolve to the note at `path` — resolve()'s answer,
   * in constant time for a non-empty note: its text is then its own path (exact, and shorter than
   * any other path ending in it) or a name no other note has, so only a non-empty note of its name
   * in the linking note's own folder that the text also names comes before it (§3 step 4).
   */
  private resolvesBack(text: string, path: string, from: string): boolean {
    if (this.empty.has(path) || text.trim() !== text || endsWithMd(text)) return this.resolve(text, from).path === path;
    // Notes that differ only in case or Unicode form are told apart by the exact spelling: resolve.
    if (this.samePath.size > 0 && this.samePath.has(foldCase(stripMd(path)))) return this.resolve(text, from).path === path;
    // "Shorter" compares the paths as written, candidates are found folded: the same order only
    // when no note of the name folds to another length (NFD names, İ).
    if ((this.oddLengths.get(foldCase(basenameOf(path))) ?? 0) > 0) return this.resolve(text, from).path === path;
    const folder = folderOf(from);
    const base = basenameOf(path);
    const siblingKey = foldCase(folder === "" ? base : `${folder}/${base}`);
    if (this.samePath.has(siblingKey)) return this.resolve(text, from).path === path;
    const sibling = this.byPath.get(siblingKey);
    if (sibling === undefined || sibling === path || this.empty.has(sibling) || folderOf(sibling) !== folder) return true;
    const q = foldCase(stripMd(sibling));
    const t = foldCase(text);
    return q !== t && !q.endsWith(`/${t}`);
  }

  /**
   * The notes carrying `target` as an alias, read as resolve() reads a target (a trailing `.md`
   * dropped; a relative or rooted target is no alias), in path order: for the warning on a link
   * that step 5 leaves unresolved because several notes carry it.
   */
  aliasOwners(target: string): readonly string[] {
    const t = targetText(target);
    if (t === "" || t.startsWith("./") || t.startsWith("../") || t.startsWith("/")) return [];
    const owners = this.byAlias.get(foldCase(t));
    return owners === undefined ? [] : [...owners].sort(compareCodeUnits);
  }
}
