// The vault as the engine sees it: parsed notes, resolved links, customers, and who is related
// to whom. Fed one note at a time (the plugin) or all at once (the CLI); both end in the same state.
import { isExcluded } from "./exclusion";
import { isNotePath, customerFolderName } from "./kinds";
import { TermMatcher } from "./mentions";
import { parseNote, type ParsedNote } from "./note";
import {
  buildTerms,
  computeBelongs,
  relateNote,
  type CustomerTerms,
  type RelateContext,
  type Relations,
} from "./relate";
import { Resolver } from "./resolve";
import type { Settings } from "./settings";
import { compareCodeUnits, foldCase } from "./text";

export interface Warning {
  file: string;
  message: string;
}

export interface VaultFile {
  path: string;
  text: string;
}

/** What a change did: the customers whose pages may now read differently. */
export interface ChangeResult {
  affected: Set<string>;
  /** Customer names changed: every note's mentions must be matched again (see `rematch`). */
  needsRematch: boolean;
}

export class VaultIndex {
  readonly notes = new Map<string, ParsedNote>();
  /** `.md` files under excluded folders: link targets, nothing more. */
  private readonly excludedNotes = new Set<string>();
  readonly resolver = new Resolver();
  /** Per note, the resolved path of each of its links (parallel to note.links). */
  private readonly targets = new Map<string, Array<string | null>>();
  /** Per note, the customers its text mentions. */
  private readonly mentioned = new Map<string, Set<string>>();

  private customers = new Set<string>();
  private terms: CustomerTerms = { owners: new Map(), mentionTerms: new Map(), unique: new Map(), shared: [] };
  private matcher = new TermMatcher(new Map());
  private termsKey = "";
  private belongs = new Map<string, Set<string>>();
  private relations = new Map<string, Relations>();
  private relatedOf = new Map<string, Set<string>>();
  private customerFolders = new Map<string, string[]>();
  private derivedDirty = true;

  constructor(
    readonly settings: Settings,
    readonly excluded: readonly string[] = [],
  ) {}

  /** Builds the whole index: notes first, then customer names, then mentions and relations. */
  static build(files: Iterable<VaultFile>, settings: Settings, excluded: readonly string[] = []): VaultIndex {
    const index = new VaultIndex(settings, excluded);
    const mentionTexts = new Map<string, string>();
    for (const f of files) {
      if (!isNotePath(f.path)) continue;
      if (isExcluded(f.path, excluded)) {
        index.excludedNotes.add(f.path);
        index.resolver.set(f.path, [], false);
        continue;
      }
      const { note, mentionText } = parseNote(f.path, f.text, settings);
      index.notes.set(f.path, note);
      index.resolver.set(f.path, note.aliases, note.empty);
      if (mentionText !== "") mentionTexts.set(f.path, mentionText);
    }
    index.refreshCustomers();
    for (const [path, text] of mentionTexts) index.matchMentions(path, text);
    for (const path of index.notes.keys()) index.resolveLinks(path);
    index.derivedDirty = true;
    return index;
  }

  // ---- changes ----

  /** Adds or replaces a note with new text. */
  set(path: string, text: string): ChangeResult {
    if (!isNotePath(path)) return { affected: new Set(), needsRematch: false };
    const before = this.snapshotRelations();
    if (isExcluded(path, this.excluded)) {
      this.excludedNotes.add(path);
      this.resolver.set(path, [], false);
      this.reresolveAll();
      return this.finish(before, false);
    }
    const { note, mentionText } = parseNote(path, text, this.settings);
    this.notes.set(path, note);
    this.resolver.set(path, note.aliases, note.empty);
    const termsChanged = this.refreshCustomers();
    if (mentionText !== "") this.matchMentions(path, mentionText);
    else this.mentioned.delete(path);
    this.reresolveAll();
    return this.finish(before, termsChanged);
  }

  delete(path: string): ChangeResult {
    const before = this.snapshotRelations();
    const had = this.notes.delete(path) || this.excludedNotes.delete(path);
    if (!had) return { affected: new Set(), needsRematch: false };
    this.resolver.remove(path);
    this.targets.delete(path);
    this.mentioned.delete(path);
    const termsChanged = this.refreshCustomers();
    this.reresolveAll();
    const result = this.finish(before, termsChanged);
    return result;
  }

  rename(oldPath: string, newPath: string, text: string): ChangeResult {
    const a = this.delete(oldPath);
    const b = this.set(newPath, text);
    return { affected: new Set([...a.affected, ...b.affected]), needsRematch: a.needsRematch || b.needsRematch };
  }

  /** Matches every note's text against the current customer names (after `needsRematch`). */
  rematch(textOf: (path: string) => string | undefined): Set<string> {
    const before = this.snapshotRelations();
    for (const [path, note] of this.notes) {
      if (note.kind !== "meeting" && note.kind !== "note") continue;
      const text = textOf(path);
      if (text === undefined) continue;
      const { mentionText } = parseNote(path, text, this.settings);
      this.matchMentions(path, mentionText);
    }
    this.derivedDirty = true;
    return this.finish(before, false).affected;
  }

  private finish(before: Map<string, Relations>, termsChanged: boolean): ChangeResult {
    this.derivedDirty = true;
    this.ensureDerived();
    const affected = new Set<string>();
    const after = this.relations;
    for (const [path, rel] of after) {
      const old = before.get(path);
      for (const [c, via] of rel) if (!old || old.get(c) !== via) affected.add(c);
      if (old) for (const c of old.keys()) if (!rel.has(c)) affected.add(c);
    }
    for (const [path, old] of before) if (!after.has(path)) for (const c of old.keys()) affected.add(c);
    return { affected, needsRematch: termsChanged };
  }

  private snapshotRelations(): Map<string, Relations> {
    this.ensureDerived();
    return new Map(this.relations);
  }

  private matchMentions(path: string, mentionText: string): void {
    const note = this.notes.get(path);
    if (!note) return;
    this.mentioned.set(path, this.matcher.owners(note.basename.normalize("NFC"), mentionText));
  }

  private resolveLinks(path: string): void {
    const note = this.notes.get(path);
    if (!note) return;
    this.targets.set(
      path,
      note.links.map((l) => this.resolver.resolve(l.target, path).path),
    );
  }

  private reresolveAll(): void {
    for (const path of this.notes.keys()) this.resolveLinks(path);
  }

  /** Recomputes the customer set and names; true when the mention terms changed. */
  private refreshCustomers(): boolean {
    const customers: ParsedNote[] = [];
    for (const n of this.notes.values()) if (n.kind === "customer") customers.push(n);
    customers.sort((a, b) => compareCodeUnits(a.path, b.path));
    this.customers = new Set(customers.map((c) => c.path));
    this.terms = buildTerms(customers, this.settings.mentions);
    const folders = new Map<string, string[]>();
    for (const c of customers) {
      const k = foldCase(c.basename);
      const list = folders.get(k);
      if (list) list.push(c.path);
      else folders.set(k, [c.path]);
    }
    this.customerFolders = folders;
    const key = JSON.stringify([...this.terms.mentionTerms].sort((a, b) => compareCodeUnits(a[0], b[0])));
    const changed = key !== this.termsKey;
    if (changed) {
      this.termsKey = key;
      this.matcher = new TermMatcher(this.terms.mentionTerms);
    }
    this.derivedDirty = true;
    return changed;
  }

  private context(): RelateContext {
    return { resolver: this.resolver, notes: this.notes, customers: this.customers, terms: this.terms };
  }

  private ensureDerived(): void {
    if (!this.derivedDirty) return;
    const ctx = this.context();
    this.belongs = computeBelongs(ctx);
    const relations = new Map<string, Relations>();
    const relatedOf = new Map<string, Set<string>>();
    for (const c of this.customers) relatedOf.set(c, new Set());
    for (const [path, note] of this.notes) {
      if (note.kind !== "meeting" && note.kind !== "note") continue;
      const rel = relateNote(
        note,
        this.targets.get(path) ?? [],
        this.mentioned.get(path) ?? new Set(),
        this.belongs,
        this.customerFolders,
        customerFolderName(path, this.settings),
        ctx,
      );
      if (rel.size === 0) continue;
      relations.set(path, rel);
      for (const c of rel.keys()) relatedOf.get(c)?.add(path);
    }
    this.relations = relations;
    this.relatedOf = relatedOf;
    this.derivedDirty = false;
  }

  // ---- queries ----

  customerPaths(): string[] {
    return [...this.customers].sort(compareCodeUnits);
  }

  isCustomer(path: string): boolean {
    return this.customers.has(path);
  }

  note(path: string): ParsedNote | undefined {
    return this.notes.get(path);
  }

  linkTargets(path: string): ReadonlyArray<string | null> {
    return this.targets.get(path) ?? [];
  }

  /** How `notePath` relates to each customer (null: direct; a path: via that entity). */
  relationsOf(notePath: string): ReadonlyMap<string, string | null> {
    this.ensureDerived();
    return this.relations.get(notePath) ?? new Map();
  }

  relatedNotes(customerPath: string): ReadonlySet<string> {
    this.ensureDerived();
    return this.relatedOf.get(customerPath) ?? new Set();
  }

  belongsTo(entityPath: string): ReadonlySet<string> {
    this.ensureDerived();
    return this.belongs.get(entityPath) ?? new Set();
  }

  /** Every entity that belongs to a customer. */
  membersOf(customerPath: string): string[] {
    this.ensureDerived();
    const out: string[] = [];
    for (const [entity, cs] of this.belongs) if (cs.has(customerPath)) out.push(entity);
    return out.sort(compareCodeUnits);
  }

  /** True when the note is direct for some customer other than `except`. */
  isDirectForOther(notePath: string, except: string): boolean {
    for (const [c, via] of this.relationsOf(notePath)) if (via === null && c !== except) return true;
    return false;
  }

  resolve(target: string, sourcePath: string): string | null {
    return this.resolver.resolve(target, sourcePath).path;
  }

  /** Obsidian's resolvedLinks: note → note → count, every indexed note a key. */
  linkGraph(): Record<string, Record<string, number>> {
    const graph: Record<string, Record<string, number>> = {};
    const paths = [...this.notes.keys()].sort(compareCodeUnits);
    for (const path of paths) {
      const out: Record<string, number> = {};
      for (const t of this.targets.get(path) ?? []) {
        if (t === null) continue;
        out[t] = (out[t] ?? 0) + 1;
      }
      graph[path] = out;
    }
    return graph;
  }

  /** Warnings about the vault itself: invalid frontmatter, unresolved links, shared names. */
  warnings(): Warning[] {
    const out: Warning[] = [];
    const paths = [...this.notes.keys()].sort(compareCodeUnits);
    for (const path of paths) {
      const note = this.notes.get(path)!;
      if (note.fmError !== null) out.push({ file: path, message: `invalid frontmatter ignored (${note.fmError})` });
      const targets = this.targets.get(path) ?? [];
      const missing: string[] = [];
      note.links.forEach((l, i) => {
        if (targets[i] !== null) return;
        if (this.resolver.resolve(l.target, path).attachment) return;
        const shown = `[[${l.target}${l.subpath !== null ? "#" + l.subpath : ""}]]`;
        if (!missing.includes(shown)) missing.push(shown);
      });
      if (missing.length > 0) {
        out.push({ file: path, message: `unresolved link${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` });
      }
    }
    for (const s of this.terms.shared) {
      out.push({
        file: s.file,
        message: `name "${s.term}" is shared with ${s.others.join(", ")}; not used for mentions`,
      });
    }
    return out;
  }
}
