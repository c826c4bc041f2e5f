// The vault as the engine sees it: parsed notes, resolved links, customers, and who is related
// to whom. Fed all at once (the CLI) or one change at a time (the plugin); a change costs what it
// touches — the note itself, the notes whose links or relations it can alter — not the vault.
import { dateRank } from "./dates";
import { isExcluded } from "./exclusion";
import { asList, type FmValue } from "./frontmatter";
import { customerFolderName, isNotePath, linkOrText } from "./kinds";
import { wikiLinksOf } from "./links";
import { mentionTermsKey, TermMatcher } from "./mentions";
import { parseNote, type ParsedNote } from "./note";
import {
  buildTerms,
  firstValue,
  isHarvestSource,
  namedCustomers,
  NOTE_CUSTOMER_KEYS,
  PERSON_COMPANY_KEYS,
  PROJECT_CUSTOMER_KEYS,
  relateNote,
  termsOf,
  type CustomerTerms,
  type RelateContext,
  type Relations,
} from "./relate";
import { Resolver } from "./resolve";
import type { Settings } from "./settings";
import { compareCodeUnits, folderOf, foldCase, lowerBound, nfc } from "./text";

/**
 * A link's text wrapped over lines, on one: each line break with the spaces and tabs around it is
 * one space. By hand, not by a pattern: `[ \t]*` before a line break, tried from each space of a
 * long run and failing at its end, read the run again from each (quadratic, B41-A).
 */
function onOneLine(text: string): string {
  if (!text.includes("\n") && !text.includes("\r")) return text;
  const lines = text.split(/\r\n?|\n/);
  const last = lines.length - 1;
  const blank = (c: string | undefined): boolean => c === " " || c === "\t";
  return lines
    .map((line, k) => {
      let a = 0;
      let b = line.length;
      if (k > 0) while (a < b && blank(line[a])) a++;
      if (k < last) while (b > a && blank(line[b - 1])) b--;
      return line.slice(a, b);
    })
    .join(" ");
}

export interface Warning {
  file: string;
  message: string;
}

export interface VaultFile {
  path: string;
  text: string;
}

/**
 * A note related to a customer, as a page reads it: kept with the customer, so that a render does
 * not look each related note up in vault-sized tables (at 50,000 notes those lookups, not the work,
 * were most of a render). Made again whenever the note or its relations change.
 */
export interface RelatedEntry {
  readonly path: string;
  readonly note: ParsedNote;
  /** null: direct; a path: via that entity. */
  readonly via: string | null;
  /** A §6 source for this customer (isHarvestSource). */
  readonly source: boolean;
  /** dateRank of the note's date: §4 order is rank descending, then path. */
  readonly rank: number;
  /** The note's resolved link targets when the entry was made (see peopleInputsOf). */
  readonly targets: ReadonlyArray<string | null>;
  /** personTargets, while `peopleVersion` is the index's. */
  people: { version: number; paths: readonly string[] } | null;
  /** What the page renderer keeps of the note for this entry (page.ts checks it is current). */
  memo: unknown;
}

/** What a change did: the customers whose pages may now read differently. */
export interface ChangeResult {
  affected: Set<string>;
  /**
   * Customer names changed: every note's mentions must be matched again. The host calls
   * `rematch` with the notes' texts (the index keeps no text).
   */
  needsRematch: boolean;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function json(v: FmValue | undefined): string {
  return JSON.stringify(v ?? null);
}

/** What of a note can change other notes' relations, beyond its links. */
function entityKey(n: ParsedNote | undefined): string {
  if (!n) return "";
  if (n.kind === "person") return `person\u0000${json(firstValue(n, PERSON_COMPANY_KEYS))}`;
  if (n.kind === "project") return `project\u0000${json(firstValue(n, PROJECT_CUSTOMER_KEYS))}`;
  if (n.kind === "customer") {
    const m = n.fm.map.get("mentions");
    return `customer\u0000${JSON.stringify(termsOf(n))}\u0000${json(m)}\u0000${json(n.fm.map.get("contacts"))}\u0000${json(n.fm.map.get("projects"))}`;
  }
  return n.kind;
}

/** What of a person shows on other pages (Collaborators). */
function displayKey(n: ParsedNote | undefined): string {
  if (!n || n.kind !== "person") return "";
  return `${n.basename}\u0000${json(n.fm.map.get("role"))}\u0000${json(firstValue(n, PERSON_COMPANY_KEYS))}`;
}

export class VaultIndex {
  readonly notes = new Map<string, ParsedNote>();
  /** `.md` files under excluded folders: link targets, nothing more. */
  private readonly excludedNotes = new Set<string>();
  readonly resolver = new Resolver();
  /** Per note, the resolved path of each of its links (parallel to note.links). */
  private readonly targets = new Map<string, Array<string | null>>();
  /**
   * What only a change reads — target → the notes linking to it; resolver key → the notes whose links
   * look it up (a note's keys follow from the note: see keysOfNote) — made when the index first
   * changes (or by prepareUpdatesSteps): a one-off build, the CLI's, never needs them.
   */
  private linkers: Map<string, Set<string>> | null = null;
  private dependents: Map<string, Set<string>> | null = null;
  /** Per note, the customers its text mentions. */
  private readonly mentioned = new Map<string, Set<string>>();
  /** Folded basename or alias → the people carrying it (for the "ignored people" setting). */
  private readonly peopleByName = new Map<string, Set<string>>();
  /** Every person note. */
  private readonly persons = new Set<string>();

  private customers = new Set<string>();
  private terms: CustomerTerms = { owners: new Map(), mentionTerms: new Map(), unique: new Map(), shared: [], lookAlikes: [] };
  private matcher = new TermMatcher(new Map());
  private termsKey = "";
  private customerFolders = new Map<string, string[]>();
  private belongs = new Map<string, Set<string>>();
  private members = new Map<string, Set<string>>();
  private readonly relations = new Map<string, Relations>();
  private readonly relatedOf = new Map<string, Map<string, RelatedEntry>>();
  /**
   * Per customer, its related entries in §4 order, made when first asked for and then kept in order
   * as entries come, go and change (an edit moves one entry, where sorting again visited them all).
   */
  private readonly rankedOf = new Map<string, RelatedEntry[]>();
  /** Changes whenever a person note comes, goes or changes (see personTargets). */
  private people = 0;
  /** Stamps for peopleInputsOf: one counter, so that no two changes ever share a stamp. */
  private stamps = 0;
  /** Changes whenever customers, members or every relation are worked out again. */
  private peopleEpoch = 0;
  /** Per customer: changes whenever a related note that may link other people comes, goes or changes. */
  private readonly peopleStamp = new Map<string, number>();

  constructor(
    readonly settings: Settings,
    readonly excluded: readonly string[] = [],
  ) {}

  /** Builds the whole index: notes first, then customer names, then mentions and relations. */
  static build(files: Iterable<VaultFile>, settings: Settings, excluded: readonly string[] = []): VaultIndex {
    return finish(VaultIndex.buildSteps(files, settings, excluded));
  }

  /**
   * build(), in small steps: the generator yields after each note and every few dozen links or
   * relations, and returns the index. A host that must stay responsive (the plugin, on a vault of
   * tens of thousands of notes) can pause between steps; nothing may use the index before the end.
   */
  static *buildSteps(files: Iterable<VaultFile>, settings: Settings, excluded: readonly string[] = []): Generator<void, VaultIndex> {
    const index = new VaultIndex(settings, excluded);
    const mentionTexts = new Map<string, string>();
    for (const f of files) {
      if (!index.addPath(f.path)) continue;
      const { note, mentionText } = parseNote(f.path, f.text, settings);
      index.addParsed(note);
      // An empty body still has a name that may mention a customer (§5).
      if (note.kind === "meeting" || note.kind === "note") mentionTexts.set(f.path, mentionText);
      yield;
    }
    index.refreshCustomers();
    let k = 0;
    for (const [path, text] of mentionTexts) {
      index.matchMentions(path, text);
      if (++k % STEP === 0) yield;
    }
    mentionTexts.clear();
    yield* index.finishBuildSteps();
    return index;
  }

  /**
   * build(), for notes parsed elsewhere (parseNote in worker threads). `entries` are the vault's
   * files in the order build() would get them, each with its parsed note (null for a file that is
   * excluded). `mentions` is called once, with the customer terms, unless there are none: it gives,
   * per meeting or note, what `new TermMatcher(terms).owners(nfc(note.basename), mentionText)` gives.
   */
  static async fromParsed(
    entries: Iterable<{ path: string; note: ParsedNote | null }>,
    settings: Settings,
    excluded: readonly string[],
    mentions: (terms: ReadonlyMap<string, string>) => Promise<Iterable<[string, Iterable<string>]>>,
  ): Promise<VaultIndex> {
    const index = new VaultIndex(settings, excluded);
    for (const e of entries) {
      if (!index.addPath(e.path)) continue;
      if (e.note === null || e.note.path !== e.path) throw new Error(`no parsed note for ${e.path}`);
      index.addParsed(e.note);
    }
    index.refreshCustomers();
    if (index.matcher.size > 0) {
      for (const [path, owners] of await mentions(index.terms.mentionTerms)) {
        const note = index.notes.get(path);
        if (note && (note.kind === "meeting" || note.kind === "note")) index.setMentioned(path, new Set(owners));
      }
    }
    index.finishBuild();
    return index;
  }

  /** A file of the vault, before its note is added: false when it is no note, or an excluded one. */
  private addPath(path: string): boolean {
    if (!isNotePath(path)) return false;
    if (isExcluded(path, this.excluded)) {
      this.excludedNotes.add(path);
      this.resolver.set(path, [], false);
      return false;
    }
    return true;
  }

  private addParsed(note: ParsedNote): void {
    this.notes.set(note.path, note);
    this.addPerson(note);
    this.resolver.set(note.path, note.aliases, note.empty);
  }

  /** After every note is in and mentions are matched: links, then relations. */
  private finishBuild(): void {
    finish(this.finishBuildSteps());
  }

  private *finishBuildSteps(): Generator<void, void> {
    let k = 0;
    for (const path of this.notes.keys()) {
      this.resolveLinks(path);
      if (++k % STEP === 0) yield;
    }
    yield* this.recomputeAllSteps();
  }

  /**
   * Makes, in steps, what changes read (linkers, dependents): a host that will change the index
   * (the plugin) runs these after the build, so that its first change costs no more than any other.
   * Without them, the first change makes them at once.
   */
  *prepareUpdatesSteps(): Generator<void, void> {
    if (this.dependents !== null) return;
    const linkers = new Map<string, Set<string>>();
    const dependents = new Map<string, Set<string>>();
    let k = 0;
    for (const [path, note] of this.notes) {
      for (const t of this.targets.get(path) ?? []) if (t !== null) addTo(linkers, t, path);
      for (const key of this.keysOfNote(note)) addTo(dependents, key, path);
      if (++k % STEP === 0) yield;
    }
    // A change between the steps made them already, from the notes as they are now: theirs stand.
    if (this.dependents !== null) return;
    this.linkers = linkers;
    this.dependents = dependents;
  }

  private prepareUpdates(): { linkers: Map<string, Set<string>>; dependents: Map<string, Set<string>> } {
    if (this.dependents === null) finish(this.prepareUpdatesSteps());
    return { linkers: this.linkers!, dependents: this.dependents! };
  }

  // ---- changes ----

  /** Adds or replaces a note with new text. */
  set(path: string, text: string): ChangeResult {
    const affected = new Set<string>();
    if (!isNotePath(path)) return { affected, needsRematch: false };
    this.prepareUpdates();
    if (isExcluded(path, this.excluded)) {
      if (this.notes.has(path)) return this.delete(path);
      if (this.excludedNotes.has(path)) return { affected, needsRematch: false };
      this.excludedNotes.add(path);
      return this.afterResolverChange(this.resolver.set(path, [], false), path, affected, false);
    }
    const old = this.notes.get(path);
    const { note, mentionText } = parseNote(path, text, this.settings);
    this.notes.set(path, note);
    if (old?.kind === "person" || note.kind === "person") this.people++;
    if (old) {
      this.removeKeys(path, old);
      this.removePerson(old);
    }
    this.addKeys(path, note);
    this.addPerson(note);
    const sameTarget = old !== undefined && old.empty === note.empty && sameList(old.aliases, note.aliases);
    const keys = sameTarget ? [] : this.resolver.set(path, note.aliases, note.empty);
    if (note.kind === "meeting" || note.kind === "note") this.matchMentions(path, mentionText);
    else this.mentioned.delete(path);
    this.resolveLinks(path);

    const structural = entityKey(old) !== entityKey(note) && (old?.kind === "customer" || note.kind === "customer");
    if (structural) return this.structuralChange(affected);
    if (note.kind === "customer") affected.add(path);
    if (displayKey(old) !== displayKey(note)) for (const c of this.customersShowing(path)) affected.add(c);
    const entityChanged = entityKey(old) !== entityKey(note) && (isEntity(old) || isEntity(note));
    return this.afterResolverChange(keys, path, affected, entityChanged);
  }

  delete(path: string): ChangeResult {
    const affected = new Set<string>();
    this.prepareUpdates();
    if (this.excludedNotes.delete(path)) {
      return this.afterResolverChange(this.resolver.remove(path), null, affected, false);
    }
    const old = this.notes.get(path);
    if (!old) return { affected, needsRematch: false };
    for (const c of this.customersShowing(path)) affected.add(c);
    this.notes.delete(path);
    if (old.kind === "person") this.people++;
    this.dropLinks(path);
    this.removeKeys(path, old);
    this.removePerson(old);
    this.targets.delete(path);
    this.mentioned.delete(path);
    const oldRel = this.relations.get(path);
    if (oldRel) {
      for (const c of oldRel.keys()) {
        affected.add(c);
        this.dropEntry(c, path);
        this.peopleStamp.set(c, ++this.stamps);
      }
      this.relations.delete(path);
    }
    const keys = this.resolver.remove(path);
    if (old.kind === "customer") return this.structuralChange(affected);
    return this.afterResolverChange(keys, null, affected, isEntity(old));
  }

  rename(oldPath: string, newPath: string, text: string): ChangeResult {
    const a = this.delete(oldPath);
    const b = this.set(newPath, text);
    return { affected: new Set([...a.affected, ...b.affected]), needsRematch: a.needsRematch || b.needsRematch };
  }

  /** Matches every note's text against the current customer names (after `needsRematch`). */
  rematch(textOf: (path: string) => string | undefined): Set<string> {
    return finish(this.rematchSteps(textOf));
  }

  /**
   * rematch(), in steps (one per note) that leave the index as it was until the last one, so that
   * a host may pause between them and go on using and changing the index meanwhile. A note changed
   * in between keeps what its change matched; if the customer names change again in between,
   * nothing is applied (that change asks for a rematch of its own) and the result is empty.
   */
  *rematchSteps(textOf: (path: string) => string | undefined): Generator<void, Set<string>> {
    const matcher = this.matcher;
    const todo: Array<[string, ParsedNote]> = [];
    for (const [path, note] of this.notes) if (note.kind === "meeting" || note.kind === "note") todo.push([path, note]);
    const found: Array<[string, ParsedNote, Set<string> | null]> = [];
    for (const [path, note] of todo) {
      const text = textOf(path);
      if (text === undefined) continue;
      const owners = matcher.size === 0 ? null : matcher.owners(nfc(note.basename), parseNote(path, text, this.settings).mentionText);
      found.push([path, note, owners]);
      yield;
    }
    if (this.matcher !== matcher) return new Set();
    for (const [path, note, owners] of found) if (this.notes.get(path) === note) this.setMentioned(path, owners);
    return this.recomputeAll();
  }

  /** Re-resolves the notes whose links looked up a changed key, then re-relates what moved. */
  private afterResolverChange(keys: readonly string[], changed: string | null, affected: Set<string>, entityChanged: boolean): ChangeResult {
    const touched = new Set<string>();
    if (changed !== null) touched.add(changed);
    const seen = new Set<string>();
    for (const k of keys) {
      for (const p of this.dependents?.get(k) ?? []) {
        if (seen.has(p) || p === changed) continue;
        seen.add(p);
        const before = this.targets.get(p) ?? [];
        this.resolveLinks(p);
        const after = this.targets.get(p) ?? [];
        if (!sameTargets(before, after)) {
          touched.add(p);
          // A person's cells show the basename of the note a link opens: every page listing them.
          if (this.notes.get(p)?.kind === "person") for (const c of this.customersShowing(p)) affected.add(c);
          // A customer page's links decide nothing, but contacts/projects lists resolve through the resolver too.
          if (this.customers.has(p)) entityChanged = true;
        }
      }
    }
    if (keys.length > 0) {
      // A basename now shared (or no longer), or a shared one's notes changed, can change how pages write links to them (§7).
      for (const r of this.resolver.relinked) {
        const here = (c: string): boolean => r.folder === null || folderOf(c) === r.folder;
        for (const p of this.resolver.relinkedNotes(r)) {
          for (const c of this.relations.get(p)?.keys() ?? []) if (here(c)) affected.add(c);
          for (const c of this.customersShowing(p)) if (here(c)) affected.add(c);
        }
      }
    }
    if (entityChanged || keys.length > 0) {
      const changedEntities = this.recomputeBelongs();
      for (const e of changedEntities.entities) for (const p of this.linkers?.get(e) ?? []) touched.add(p);
      for (const c of changedEntities.customers) affected.add(c);
    }
    for (const p of touched) this.relate(p, affected);
    return { affected, needsRematch: false };
  }

  /** A customer came, went or changed its names: recompute every relation. */
  private structuralChange(affected: Set<string>): ChangeResult {
    const needsRematch = this.refreshCustomers();
    for (const path of this.notes.keys()) this.resolveLinks(path);
    for (const c of this.recomputeAll()) affected.add(c);
    for (const c of this.customers) affected.add(c);
    return { affected, needsRematch };
  }

  // ---- internals ----

  private matchMentions(path: string, mentionText: string): void {
    const note = this.notes.get(path);
    if (!note) return;
    this.setMentioned(path, this.matcher.size === 0 ? null : this.matcher.owners(nfc(note.basename), mentionText));
  }

  private setMentioned(path: string, owners: Set<string> | null): void {
    if (owners !== null && owners.size > 0) this.mentioned.set(path, owners);
    else this.mentioned.delete(path);
  }

  /** The resolver keys a note's lookups depend on: its links' targets, and plain-text naming values. */
  private keysOfNote(note: ParsedNote): Set<string> {
    const keys = new Set<string>();
    // A page links the same few names many times: each target's keys once.
    const seen = new Set<string>();
    for (const l of note.links) {
      if (l.target === "" || seen.has(l.target)) continue;
      seen.add(l.target);
      for (const k of Resolver.keysOf(l.target)) keys.add(k);
    }
    // Frontmatter values that name customers or entities (company, contacts …) resolve as plain text too.
    for (const key of NAMING_KEYS) {
      const v = note.fm.map.get(key);
      if (v === undefined || v === null) continue;
      for (const el of asList(v)) {
        if (typeof el !== "string" || el.includes("[[")) continue;
        const { text } = linkOrText(el);
        if (text !== "" && text.length <= 200) for (const k of Resolver.keysOf(text)) keys.add(k);
      }
    }
    return keys;
  }

  private personNames(note: ParsedNote): Set<string> {
    const names = new Set<string>([foldCase(note.basename)]);
    for (const a of note.aliases) names.add(foldCase(a));
    return names;
  }

  private addPerson(note: ParsedNote): void {
    if (note.kind !== "person") return;
    this.persons.add(note.path);
    for (const name of this.personNames(note)) {
      let set = this.peopleByName.get(name);
      if (!set) this.peopleByName.set(name, (set = new Set()));
      set.add(note.path);
    }
  }

  private removePerson(note: ParsedNote): void {
    if (note.kind !== "person") return;
    this.persons.delete(note.path);
    for (const name of this.personNames(note)) {
      const set = this.peopleByName.get(name);
      if (set) {
        set.delete(note.path);
        if (set.size === 0) this.peopleByName.delete(name);
      }
    }
  }

  private addKeys(path: string, note: ParsedNote): void {
    const dependents = this.dependents;
    if (dependents === null) return;
    for (const k of this.keysOfNote(note)) addTo(dependents, k, path);
  }

  private removeKeys(path: string, note: ParsedNote): void {
    const dependents = this.dependents;
    if (dependents === null) return;
    for (const k of this.keysOfNote(note)) removeFrom(dependents, k, path);
  }

  private dropLinks(path: string): void {
    const linkers = this.linkers;
    if (linkers === null) return;
    for (const t of this.targets.get(path) ?? []) if (t !== null) removeFrom(linkers, t, path);
  }

  /** Resolves the note's links afresh (its resolver keys are registered separately: addKeys). */
  private resolveLinks(path: string): void {
    const note = this.notes.get(path);
    if (!note) return;
    this.dropLinks(path);
    const targets: Array<string | null> = [];
    // Resolving depends on the target and this note's folder only: a page that links the same
    // names many times resolves each once.
    const memo = note.links.length > 8 ? new Map<string, string | null>() : null;
    for (const l of note.links) {
      let t = memo?.get(l.target);
      if (t === undefined) {
        t = this.resolver.resolve(l.target, path).path;
        memo?.set(l.target, t);
      }
      targets.push(t);
      if (t !== null && this.linkers !== null) addTo(this.linkers, t, path);
    }
    this.targets.set(path, targets);
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
    for (const c of this.customers) if (!this.relatedOf.has(c)) this.relatedOf.set(c, new Map());
    for (const c of [...this.relatedOf.keys()]) {
      if (this.customers.has(c)) continue;
      this.relatedOf.delete(c);
      this.rankedOf.delete(c);
      this.peopleStamp.delete(c);
    }
    this.peopleEpoch = ++this.stamps;
    const key = mentionTermsKey(this.terms.mentionTerms);
    const changed = key !== this.termsKey;
    if (changed) {
      this.termsKey = key;
      this.matcher = new TermMatcher(this.terms.mentionTerms);
    }
    return changed;
  }

  private context(): RelateContext {
    return { resolver: this.resolver, notes: this.notes, customers: this.customers, terms: this.terms };
  }

  /** Belongs from scratch (people, projects and customer lists are a small part of a vault). */
  private recomputeBelongs(): { entities: Set<string>; customers: Set<string> } {
    this.peopleEpoch = ++this.stamps;
    const ctx = this.context();
    const next = new Map<string, Set<string>>();
    const add = (entity: string, customer: string): void => {
      let set = next.get(entity);
      if (!set) next.set(entity, (set = new Set()));
      set.add(customer);
    };
    for (const note of this.notes.values()) {
      if (note.kind === "person") {
        for (const c of namedCustomers(firstValue(note, PERSON_COMPANY_KEYS), note.path, ctx)) add(note.path, c);
      } else if (note.kind === "project") {
        for (const c of namedCustomers(firstValue(note, PROJECT_CUSTOMER_KEYS), note.path, ctx)) add(note.path, c);
      }
    }
    for (const cPath of this.customers) {
      const c = this.notes.get(cPath)!;
      for (const key of ["contacts", "projects"]) {
        for (const el of asList(c.fm.map.get(key))) {
          if (typeof el !== "string") continue;
          // Every link in an element lists its note (`"[[Bob]] (CTO)"`, `"[[Ann]], [[Cid]]"`), as
          // every link in a company's value names (namedCustomers); plain text is tried as a target.
          const targets = el.includes("[[") ? wikiLinksOf(el).map((l) => l.target) : [linkOrText(el).text];
          for (const text of targets) {
            if (text === "") continue;
            const hit = this.resolver.resolve(text, cPath).path;
            const kind = hit ? this.notes.get(hit)?.kind : undefined;
            if (hit && (kind === "person" || kind === "project")) add(hit, cPath);
          }
        }
      }
    }
    const entities = new Set<string>();
    const customers = new Set<string>();
    for (const e of new Set([...this.belongs.keys(), ...next.keys()])) {
      const a = this.belongs.get(e) ?? new Set<string>();
      const b = next.get(e) ?? new Set<string>();
      if (a.size === b.size && [...a].every((x) => b.has(x))) continue;
      entities.add(e);
      for (const c of a) if (!b.has(c)) customers.add(c);
      for (const c of b) if (!a.has(c)) customers.add(c);
    }
    this.belongs = next;
    const members = new Map<string, Set<string>>();
    for (const [e, cs] of next) {
      for (const c of cs) {
        let set = members.get(c);
        if (!set) members.set(c, (set = new Set()));
        set.add(e);
      }
    }
    this.members = members;
    return { entities, customers };
  }

  private relationsFor(path: string, note: ParsedNote, ctx: RelateContext): Relations {
    return relateNote(
      note,
      this.targets.get(path) ?? [],
      this.mentioned.get(path) ?? EMPTY,
      this.belongs,
      this.customerFolders,
      customerFolderName(path, this.settings),
      ctx,
    );
  }

  /** Relates one note afresh; the customers whose related set or via changed go into `affected`. */
  private relate(path: string, affected: Set<string>): void {
    const note = this.notes.get(path);
    const old = this.relations.get(path);
    let rel: Relations | undefined;
    if (note && (note.kind === "meeting" || note.kind === "note")) {
      rel = this.relationsFor(path, note, this.context());
      if (rel.size === 0) rel = undefined;
    }
    // The note itself may have changed: every customer it relates to, before or after, is affected.
    if (old) for (const c of old.keys()) affected.add(c);
    if (rel) for (const c of rel.keys()) affected.add(c);
    if (old) {
      for (const c of old.keys()) {
        if (rel?.has(c)) continue;
        this.dropEntry(c, path);
        this.peopleStamp.set(c, ++this.stamps);
      }
    }
    if (rel) {
      this.relations.set(path, rel);
      const targets = this.targets.get(path) ?? NO_TARGETS;
      for (const [c, via] of rel) {
        const entries = this.relatedOf.get(c);
        if (!entries) continue;
        const before = entries.get(path);
        const entry = relatedEntry(path, note!, via, rel, c, targets);
        // Most saves change neither a note's links nor its date: the people sections stay as they are.
        if (!before || !sameTargets(before.targets, targets) || before.rank !== entry.rank) this.peopleStamp.set(c, ++this.stamps);
        entries.set(path, entry);
        const ranked = this.rankedOf.get(c);
        if (ranked !== undefined) {
          if (before) ranked.splice(rankedIndex(ranked, before), 1);
          ranked.splice(rankedIndex(ranked, entry), 0, entry);
        }
      }
    } else this.relations.delete(path);
  }

  /** Every relation from scratch; returns the customers whose related notes changed. */
  private recomputeAll(): Set<string> {
    return finish(this.recomputeAllSteps());
  }

  private *recomputeAllSteps(): Generator<void, Set<string>> {
    this.recomputeBelongs();
    const before = new Map(this.relations);
    this.relations.clear();
    for (const c of this.customers) this.relatedOf.set(c, new Map());
    this.rankedOf.clear();
    this.peopleEpoch = ++this.stamps;
    const ctx = this.context();
    let k = 0;
    for (const [path, note] of this.notes) {
      if (++k % STEP === 0) yield;
      if (note.kind !== "meeting" && note.kind !== "note") continue;
      const rel = this.relationsFor(path, note, ctx);
      if (rel.size === 0) continue;
      this.relations.set(path, rel);
      const targets = this.targets.get(path) ?? NO_TARGETS;
      for (const [c, via] of rel) this.relatedOf.get(c)?.set(path, relatedEntry(path, note, via, rel, c, targets));
    }
    // Pages rendered between the steps above read a partial index: their people and order are not kept.
    this.peopleEpoch = ++this.stamps;
    this.rankedOf.clear();
    const affected = new Set<string>();
    for (const [path, rel] of this.relations) {
      const old = before.get(path);
      for (const [c, via] of rel) if (!old || old.get(c) !== via) affected.add(c);
      if (old) for (const c of old.keys()) if (!rel.has(c)) affected.add(c);
    }
    for (const [path, old] of before) if (!this.relations.has(path)) for (const c of old.keys()) affected.add(c);
    return affected;
  }

  /** Customers whose pages show this note: it belongs to them, or a note related to them links it. */
  private customersShowing(path: string): Set<string> {
    const out = new Set<string>(this.belongs.get(path) ?? []);
    for (const p of this.prepareUpdates().linkers.get(path) ?? []) for (const c of this.relations.get(p)?.keys() ?? []) out.add(c);
    if (this.customers.has(path)) out.add(path);
    return out;
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

  /** How many files it holds: its notes and the excluded notes (link targets only). */
  get fileCount(): number {
    return this.notes.size + this.excludedNotes.size;
  }

  /** Counts the changes to person notes: while it stays the same, so do the people. */
  get peopleVersion(): number {
    return this.people;
  }

  /**
   * What a customer's people sections read from the index, as a stamp: it changes whenever a related
   * note comes or goes or changes its links or date, whenever members or relations are worked out
   * again, and with the resolver (`Resolver.generation`) or the people (`peopleVersion`). Equal
   * stamps: the same people, counts, dates, members and cells.
   */
  peopleInputsOf(customerPath: string): string {
    return `${this.peopleEpoch}:${this.peopleStamp.get(customerPath) ?? 0}:${this.resolver.generation}:${this.people}`;
  }

  /**
   * The people a related note links, each once, in link order; kept with the entry while no
   * person note changes (an entry is made again when the note's links resolve differently).
   */
  personTargets(entry: RelatedEntry): readonly string[] {
    if (entry.people !== null && entry.people.version === this.people) return entry.people.paths;
    const paths: string[] = [];
    for (const t of entry.targets) {
      if (t === null || paths.includes(t) || this.notes.get(t)?.kind !== "person") continue;
      paths.push(t);
    }
    entry.people = { version: this.people, paths: paths.length === 0 ? NO_PATHS : paths };
    return entry.people.paths;
  }

  /** Notes whose links resolve to `path`. */
  linkersOf(path: string): ReadonlySet<string> {
    return this.prepareUpdates().linkers.get(path) ?? new Set();
  }

  /** How `notePath` relates to each customer (null: direct; a path: via that entity). */
  relationsOf(notePath: string): ReadonlyMap<string, string | null> {
    return this.relations.get(notePath) ?? new Map();
  }

  relatedNotes(customerPath: string): ReadonlySet<string> {
    return new Set(this.relatedOf.get(customerPath)?.keys());
  }

  /** The customer's related notes, each with how it relates. */
  relatedEntries(customerPath: string): Iterable<RelatedEntry> {
    return this.relatedOf.get(customerPath)?.values() ?? NO_ENTRIES;
  }

  /**
   * The customer's related notes in §4 order (date descending, unknown last, then path): the index's
   * own list, which later changes update in place — read it, do not change or keep it.
   */
  rankedEntries(customerPath: string): readonly RelatedEntry[] {
    let ranked = this.rankedOf.get(customerPath);
    if (ranked === undefined) {
      const entries = this.relatedOf.get(customerPath);
      if (entries === undefined) return NO_ENTRIES;
      ranked = [...entries.values()].sort(compareRanked);
      this.rankedOf.set(customerPath, ranked);
    }
    return ranked;
  }

  /** Removes a note's entry from a customer's related notes (and from their §4 order). */
  private dropEntry(customerPath: string, path: string): void {
    const entries = this.relatedOf.get(customerPath);
    const entry = entries?.get(path);
    if (entry === undefined) return;
    entries!.delete(path);
    const ranked = this.rankedOf.get(customerPath);
    if (ranked !== undefined) ranked.splice(rankedIndex(ranked, entry), 1);
  }

  belongsTo(entityPath: string): ReadonlySet<string> {
    return this.belongs.get(entityPath) ?? new Set();
  }

  /** Every entity that belongs to a customer. */
  membersOf(customerPath: string): string[] {
    return [...(this.members.get(customerPath) ?? [])].sort(compareCodeUnits);
  }

  resolve(target: string, sourcePath: string): string | null {
    return this.resolver.resolve(target, sourcePath).path;
  }

  /** Every person note's path. */
  personPaths(): ReadonlySet<string> {
    return this.persons;
  }

  /** The people whose basename or an alias is `name`, ignoring case. */
  peopleNamed(name: string): ReadonlySet<string> {
    return this.peopleByName.get(foldCase(name)) ?? EMPTY;
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
      // A customer page's own warning says so when it is regenerated (splicePage: left as it is).
      const targets = this.targets.get(path) ?? [];
      // A set, in first-seen order: a list searched for every link took a note's unresolved links
      // squared (T18: a page of 50,000 lines of links to notes not written yet, 23 s).
      const missing = new Set<string>();
      note.links.forEach((l, i) => {
        if (targets[i] !== null || inRanges(note.generated, l.start)) return;
        if (this.resolver.resolve(l.target, path).attachment) return;
        // A markdown link is shown as written (`[x](C%23ops.md)`), text the note holds, where the
        // decoded `[[C#ops.md]]` would name another link.
        // A text wrapped over lines (`[the\nghost](x.md)`) is shown on one: the warning is one line.
        const shown =
          l.kind === "md" ? `[${onOneLine(l.alias ?? "")}](${l.dest ?? ""})` : `[[${l.target}${l.subpath !== null ? "#" + l.subpath : ""}]]`;
        // §3 step 5 resolves an alias only when one note carries it: say which notes do, or the
        // link looks fine to the user (a copy of a page carries the same aliases).
        const carriers = this.resolver.aliasOwners(l.target);
        const why = carriers.length > 1 ? ` (an alias of ${carriers.slice(0, -1).join(", ")} and ${carriers[carriers.length - 1]!})` : "";
        missing.add(shown + why);
      });
      if (missing.size > 0) {
        out.push({ file: path, message: `unresolved link${missing.size > 1 ? "s" : ""} ${[...missing].join(", ")}` });
      }
    }
    out.push(...samePathWarnings(this.resolver.samePathGroups()));
    const names: Warning[] = [];
    for (const s of this.terms.lookAlikes) names.push({ file: s.file, message: lookAlikeMessage(s) });
    for (const s of this.terms.shared) {
      names.push({
        file: s.file,
        message: `name "${s.term}" is shared with ${s.others.join(", ")}; not used for mentions or plain-text matches`,
      });
    }
    // By page (a stable sort: a look-alike's warning before its names shared with others).
    out.push(...names.sort((a, b) => compareCodeUnits(a.file, b.file)));
    return out;
  }
}

/** Frontmatter keys whose plain-text values are resolved like links (§5 "names C", contacts, projects). */
const NAMING_KEYS = [...new Set<string>([...NOTE_CUSTOMER_KEYS, ...PERSON_COMPANY_KEYS, ...PROJECT_CUSTOMER_KEYS, "contacts", "projects"])];

const EMPTY: ReadonlySet<string> = new Set();

/** Notes (links, relations) per step of buildSteps after the parsing: about a millisecond's work. */
const STEP = 64;

/** Runs steps to the end. */
function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
const NO_PATHS = Object.freeze([]) as unknown as string[];

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) {
    set.delete(value);
    if (set.size === 0) map.delete(key);
  }
}
const NO_TARGETS: ReadonlyArray<string | null> = Object.freeze([]);
const NO_ENTRIES: readonly RelatedEntry[] = Object.freeze([]);

function relatedEntry(path: string, note: ParsedNote, via: string | null, rel: Relations, customer: string, targets: ReadonlyArray<string | null>): RelatedEntry {
  return { path, note, via, source: isHarvestSource(rel, customer), rank: dateRank(note.date), targets, people: null, memo: null };
}

/** §4 order of related entries: date rank descending, then path. */
function compareRanked(a: RelatedEntry, b: RelatedEntry): number {
  return b.rank - a.rank || compareCodeUnits(a.path, b.path);
}

/** Where `entry` is, or would go, in a list in §4 order (paths are unique within it). */
function rankedIndex(ranked: readonly RelatedEntry[], entry: RelatedEntry): number {
  return lowerBound(ranked, entry, compareRanked);
}

function isEntity(n: ParsedNote | undefined): boolean {
  return n !== undefined && (n.kind === "person" || n.kind === "project");
}

function sameTargets(a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether an offset lies in one of the flat ranges [start, end). */
function inRanges(ranges: readonly number[], at: number): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (at >= ranges[k]! && at < ranges[k + 1]!) return true;
  return false;
}

/**
 * One warning on each note whose path differs from another's only in case or Unicode form
 * (possible on Linux), naming the others, in path order. §3 compares paths ignoring case, and so
 * does Obsidian: a link to one of them may open another.
 */
function samePathWarnings(groups: Iterable<readonly string[]>): Warning[] {
  const out: Warning[] = [];
  for (const group of groups) for (const path of group) out.push({ file: path, message: samePathMessage(path, group.filter((p) => p !== path)) });
  return out.sort((a, b) => compareCodeUnits(a.file, b.file));
}

/** The warning on `path`, whose folded form (NFC, lower case) `others` share. */
function samePathMessage(path: string, others: readonly string[]): string {
  // Equal folded forms: what differs after NFC is case; what lower-casing leaves different, the form.
  const inCase = others.some((p) => nfc(p) !== nfc(path));
  const inForm = others.some((p) => p.toLowerCase() !== path.toLowerCase());
  const what = inCase && inForm ? "case and Unicode form" : inCase ? "case" : "Unicode form";
  const form = inForm ? ` (this one ${path === nfc(path) ? "composed, NFC" : "decomposed, not NFC"}${inCase ? "" : ": the names look alike"})` : "";
  const either = others.length > 1 ? "any of them" : "either";
  const obsidian = inCase ? `Obsidian may open ${others.length > 1 ? "another" : "the other"}; ` : "";
  const spelled = inCase && inForm ? "case and form included" : inCase ? "case included" : "in the same form";
  return `path differs from ${others.join(", ")} only in ${what}${form}: a link to ${either} is ambiguous (${obsidian}here it opens the one it spells exactly, ${spelled}); rename one`;
}

/** The warning on a customer page with the same title and aliases as others (§5: shared names). */
function lookAlikeMessage(s: { names: readonly string[]; aliases: boolean; others: readonly string[] }): string {
  const what = s.aliases ? "title and aliases" : "title";
  const names = s.names.map((n) => `"${n}"`).join(", ");
  const byAlias = s.aliases ? ", and a link by alias opens neither" : "";
  return (
    `same ${what} as ${s.others.join(", ")} (${names}), as a copy has (a sync conflict, "Make a copy"): ` +
    `while both are customer pages these names are not used for mentions or plain-text matches${byAlias}, ` +
    "so notes that only write them are on neither page; delete the copy, or give it names of its own"
  );
}
