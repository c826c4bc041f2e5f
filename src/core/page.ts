// A customer page's generated content (§6, §7 "Bodies"): harvested from the index, rendered to lines.
import { HTML_BLOCK } from "./block-starts";
import { lineCodeReader } from "./code-spans";
import { dateRank, formatDate, notAfter, type NoteDate } from "./dates";
import { asList, isEmptyValue, type FmValue } from "./frontmatter";
import { itemText, type ItemSection } from "./items";
import { linkOrText } from "./kinds";
import { replaceWikiLinks } from "./links";
import { scanMarkdown } from "./markdown";
import type { ParsedNote } from "./note";
import { firstValue, frontmatterTopics, PERSON_COMPANY_KEYS } from "./relate";
import type { SectionId, Settings } from "./settings";
import { basenameOf, compareCodeUnits, escapeCell, foldCase, lineBreaksAsSpaces, linkDestination, markdownNoteLink, normaliseForDedup, WIKI_UNSAFE } from "./text";
import type { RelatedEntry, VaultIndex } from "./vault-index";

export interface HarvestedItem {
  text: string;
  source: string;
  blockId: string | null;
}

export interface RecentLine {
  note: string;
  date: NoteDate | null;
  summary: string | null;
  /** Path of the entity a via note reaches the customer through; null for direct notes. */
  via: string | null;
}

export interface Collaborator {
  person: string;
  role: string;
  company: string;
  /** Related notes that link the person. */
  count: number;
}

export interface PageModel {
  customer: string;
  /** Totals before the list limits (the panel's counts). */
  totals: { openTasks: number; blockers: number; keyDecisions: number };
  lastContact: NoteDate | null;
  /** Every related note, in sort order (Recent Context shows the first few). */
  related: RecentLine[];
  keyFacts: HarvestedItem[];
  opportunities: HarvestedItem[];
  openTasks: HarvestedItem[];
  blockers: HarvestedItem[];
  keyDecisions: HarvestedItem[];
  topics: string[];
  accountStatus: Array<[string, string]>;
  keyContacts: string[];
  collaborators: Collaborator[];
}

/** §4 sort order: date descending (month after day on its first day), unknown last, then path. */
export function compareNotes(a: Pick<ParsedNote, "date" | "path">, b: Pick<ParsedNote, "date" | "path">): number {
  const ra = dateRank(a.date);
  const rb = dateRank(b.date);
  if (ra !== rb) return rb - ra;
  return compareCodeUnits(a.path, b.path);
}

/** Notes in §4 sort order (compareNotes), each date ranked once. */
export function sortNotes(notes: ParsedNote[]): ParsedNote[] {
  const ranked = notes.map((n) => ({ n, rank: dateRank(n.date) }));
  ranked.sort((a, b) => b.rank - a.rank || compareCodeUnits(a.n.path, b.n.path));
  return ranked.map((r) => r.n);
}

/** §4 name order: basename lower-cased by code units, then path. */
export function compareNames(a: ParsedNote | undefined, b: ParsedNote | undefined, pa: string, pb: string): number {
  const na = (a?.basename ?? pa).toLowerCase();
  const nb = (b?.basename ?? pb).toLowerCase();
  return compareCodeUnits(na, nb) || compareCodeUnits(pa, pb);
}

/** A frontmatter value as a table cell: links by basename (resolved) or target, lists joined. */
function valueText(v: FmValue | undefined, index: VaultIndex, sourcePath: string, linksAsNames: boolean): string {
  const parts: string[] = [];
  for (const el of asList(v)) {
    if (typeof el !== "string") continue;
    let s = el.trim();
    if (linksAsNames) {
      s = replaceWikiLinks(s, (link) => {
        const hit = index.resolve(link.target, sourcePath);
        return hit ? (index.note(hit)?.basename ?? link.target) : link.target;
      });
    }
    if (s !== "") parts.push(s);
  }
  return parts.join(", ");
}

/** Account Status rows (§7) from a customer's frontmatter. */
export function statusRows(customer: Pick<ParsedNote, "fm">, settings: Settings): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  // A key listed twice (in any case) reads one frontmatter value: one row.
  const seen = new Set<string>();
  for (const key of settings.accountStatusKeys) {
    const k = key.trim();
    const lower = k.toLowerCase();
    if (k === "" || seen.has(lower)) continue;
    seen.add(lower);
    const v = customer.fm.map.get(lower);
    if (isEmptyValue(v)) continue;
    // A block scalar's last line break (`status: |`) is no part of the value shown.
    const text = asList(v ?? null)
      .filter((x): x is string => typeof x === "string" && x.trim() !== "")
      .map((x) => x.trim())
      .join(", ");
    if (text.trim() === "") continue;
    rows.push([k.charAt(0).toUpperCase() + k.slice(1), text]);
  }
  return rows;
}

function ignoredPeople(index: VaultIndex, customerPath: string, names: readonly string[]): Set<string> {
  const out = new Set<string>();
  const wanted = new Set(names.map((n) => foldCase(linkOrText(n).text)).filter((n) => n !== ""));
  if (wanted.size === 0) return out;
  for (const name of names) {
    const { text } = linkOrText(name);
    if (text === "") continue;
    const hit = index.resolve(text, customerPath);
    if (hit) out.add(hit);
  }
  // Every person whose basename or an alias is one of the names.
  for (const name of wanted) for (const p of index.peopleNamed(name)) out.add(p);
  return out;
}

/**
 * The "ignored people" entries that leave nobody out — no person note is named by one (basename or
 * alias, ignoring case), nor is the note it opens from any customer page (`People/Jane Doe`): a typo
 * there would otherwise change nothing without a word. Each once, trimmed, in the setting's order.
 * Read from the index as it is, so that after any change it says what a rebuild would.
 */
export function unmatchedIgnoredPeople(index: VaultIndex, names: readonly string[] = index.settings.ignoredPeople): string[] {
  const out: string[] = [];
  // No customer page: links are read from the vault's top, as a page there would read them.
  const customers = index.customerPaths();
  const from = customers.length > 0 ? customers : [""];
  for (const name of names) {
    if (linkOrText(name).text === "" || out.includes(name.trim())) continue;
    const matches = from.some((c) => [...ignoredPeople(index, c, [name])].some((p) => index.note(p)?.kind === "person"));
    if (!matches) out.push(name.trim());
  }
  return out;
}

/** unmatchedIgnoredPeople as warnings about the setting, one per entry (the CLI names the settings file). */
export function ignoredPeopleWarnings(index: VaultIndex): string[] {
  return unmatchedIgnoredPeople(index).map((n) => `setting "ignoredPeople": no person note is named "${n}" (by name or alias), so it leaves nobody out`);
}

/** A person's Role and Company cells (§7 Collaborators) and the name people sort by (§4). */
interface PersonCells {
  note: ParsedNote;
  role: string;
  company: string;
  name: string;
  /** Place in §4 name order among all people (compareNames): people sort by it. */
  order: number;
  /** The person's Collaborators and Related People lines, guarded (renderBodies fills them in). */
  collabLine?: string;
  relatedLine?: string;
  /** The link text (Resolver.linkText) those lines hold: it may differ between pages in different folders. */
  linesLink?: string;
}

/**
 * Cells per person, kept while no person note and no link resolution has changed (Company shows
 * resolved links): a person appears on many pages and in many renders.
 */
const personCellCache = new WeakMap<VaultIndex, CellCache>();

interface CellCache {
  generation: number;
  people: number;
  cells: Map<string, PersonCells>;
  /** Every person's place in §4 name order, worked out when first needed. */
  order: Map<string, number> | null;
}

/** §4 name order (compareNames) of every person, once per change to the people. */
function nameOrder(index: VaultIndex, cache: CellCache): Map<string, number> {
  if (cache.order === null) {
    const people = [...index.personPaths()].map((p) => ({ p, name: basenameOf(p).toLowerCase() }));
    people.sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.p, b.p));
    cache.order = new Map(people.map((x, i) => [x.p, i]));
  }
  return cache.order;
}

function personCells(index: VaultIndex, path: string, note: ParsedNote): PersonCells;
function personCells(index: VaultIndex, path: string): PersonCells | undefined;
function personCells(index: VaultIndex, path: string, known?: ParsedNote): PersonCells | undefined {
  const generation = index.resolver.generation;
  const people = index.peopleVersion;
  let cache = personCellCache.get(index);
  if (!cache || cache.generation !== generation || cache.people !== people) personCellCache.set(index, (cache = { generation, people, cells: new Map(), order: null }));
  let c = cache.cells.get(path);
  if (c === undefined) {
    const note = known ?? index.note(path);
    if (note === undefined) return undefined;
    c = {
      note,
      role: valueText(note.fm.map.get("role"), index, path, false),
      company: valueText(firstValue(note, PERSON_COMPANY_KEYS), index, path, true),
      name: note.basename.toLowerCase(),
      order: nameOrder(index, cache).get(path) ?? -1,
    };
    cache.cells.set(path, c);
  }
  return c;
}

interface PersonRow {
  path: string;
  cells: PersonCells;
  /** Related notes that link the person. */
  count: number;
  /** Date of the newest related note that links the person (null: undated); undefined: none does. */
  newest: NoteDate | null | undefined;
}

const NO_TOPICS: readonly string[] = [];

/**
 * What pages read from a parsed note that no link resolution changes, worked out once per note
 * object (a note that changes is a new object). NoteHarvest builds on it and is made again after
 * every resolver change (a note created or renamed anywhere), so these keys are not recomputed then.
 */
interface NoteDerived {
  /** §6 frontmatter topics. */
  topics: readonly string[];
  /**
   * normaliseForDedup of each item's text; null for one with self-links, whose text depends on the
   * source link, or one the guard may change (its key is then the line's: shownKey).
   */
  keys: ReadonlyArray<string | null>;
}

const derivedOf = new WeakMap<ParsedNote, NoteDerived>();

/**
 * A note's items as pages show them, with their dedup keys: they depend on how pages write a link
 * to the note (self-links), so they are kept while the resolver is unchanged. Being the same objects
 * render after render, they also key the rendered lines (renderBodies).
 */
interface NoteHarvest {
  /** The index and resolver state the items were made for (link texts depend on them). */
  index: VaultIndex;
  generation: number;
  /** The note's link text its self-links were written with (it may differ between pages' folders). */
  link: string;
  topics: readonly string[];
  items: HarvestedItem[];
  /**
   * Per item, its dedup key's number (keyId) times 8 plus its section's index in ITEM_SECTIONS: a
   * render dedups on these numbers and reads no item, key or section object (at 50,000 notes,
   * reaching those objects was most of the cost).
   */
  codes: Int32Array;
  /** Each item's rendered line, once renderBodies has made it. */
  lines: Array<string | undefined>;
}

const ITEM_SECTIONS: readonly ItemSection[] = ["keyFacts", "topics", "openTasks", "opportunities", "blockers", "keyDecisions"];
const TOPICS = ITEM_SECTIONS.indexOf("topics");

const harvestOf = new WeakMap<ParsedNote, NoteHarvest>();

/** A number per dedup key ever harvested: equal keys, equal numbers (kept for the session; it grows only with new item texts). */
const keyIds = new Map<string, number>();

function keyId(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) keyIds.set(key, (id = keyIds.size));
  return id;
}

/**
 * The harvest each item of a model's list came from, per list, so that renderBodies finds the
 * lines kept there. A list built or changed elsewhere is rendered afresh: renderBodies uses a kept
 * line only for an item that is one of that harvest's own.
 */
const originsOf = new WeakMap<readonly HarvestedItem[], readonly NoteHarvest[]>();

function harvest(index: VaultIndex, n: ParsedNote, page: string): NoteHarvest {
  const generation = index.resolver.generation;
  const link = index.resolver.linkText(n.path, page);
  let h = harvestOf.get(n);
  if (h === undefined || h.generation !== generation || h.index !== index || h.link !== link) {
    const d = derived(n);
    const items: HarvestedItem[] = [];
    const codes = new Int32Array(n.items.length);
    for (let i = 0; i < n.items.length; i++) {
      const item = n.items[i]!;
      const text = itemText(item, link, n.path);
      const key = d.keys[i] ?? shownKey(text, prefixOf(item.section, index.settings), index.settings.sourceLinks ? sourceLink(link, n.path, item.blockId) : "", index.settings.sourceLinks);
      items.push({ text, source: n.path, blockId: item.blockId });
      codes[i] = keyId(key) * 8 + ITEM_SECTIONS.indexOf(item.section);
    }
    harvestOf.set(n, (h = { index, generation, link, topics: d.topics, items, codes, lines: [] }));
  }
  return h;
}

/** harvest(), kept with the related entry too: one lookup fewer in a vault-sized table per note and render. */
function entryHarvest(index: VaultIndex, e: RelatedEntry, page: string): NoteHarvest {
  const h = e.memo as NoteHarvest | null;
  if (h !== null && h.generation === index.resolver.generation && h.index === index && h.link === index.resolver.linkText(e.note.path, page)) return h;
  return (e.memo = harvest(index, e.note, page));
}

function derived(n: ParsedNote): NoteDerived {
  let d = derivedOf.get(n);
  if (d === undefined) {
    d = {
      topics: n.fm.map.get("topics") === undefined ? NO_TOPICS : frontmatterTopics(n),
      keys: n.items.map((item) => (item.selfLinks.length === 0 && !RISKY.test(item.text) ? normaliseForDedup(item.text) : null)),
    };
    derivedOf.set(n, d);
  }
  return d;
}

/** The newest known date among a customer's related notes that is not after today (§5). */
export function lastContactOf(index: VaultIndex, customerPath: string, today: NoteDate): NoteDate | null {
  // In §4 order the first note dated no later than today is the newest such (equal ranks, equal dates).
  for (const e of index.rankedEntries(customerPath)) if (e.note.date !== null && notAfter(e.note.date, today)) return e.note.date;
  return null;
}

// buildPageModel is a few small functions rather than one: V8 optimises each loop on its own, and
// a type it has not seen yet (the first page with no key contacts, the first entry with people
// kept) then sends one small function back to the interpreter, not a whole page's work — as one
// function it deoptimised on nearly every page of the first run over a vault.

function recentLines(rels: readonly RelatedEntry[]): RecentLine[] {
  const out: RecentLine[] = [];
  for (const r of rels) out.push({ note: r.path, date: r.note.date, summary: r.note.summary, via: r.via });
  return out;
}

/** §6 Topics: each topic once (by dedup key), counted once per source note that has it. */
class TopicTally {
  private readonly byKey = new Map<string, { form: string; count: number; order: number }>();
  private here = new Set<string>();

  /** A new source note: what it adds is counted once. */
  next(): void {
    for (const key of this.here) this.byKey.get(key)!.count++;
    if (this.here.size > 0) this.here = new Set<string>();
  }

  add(raw: string, key = normaliseForDedup(raw)): void {
    if (key === "") return;
    if (!this.byKey.has(key)) {
      // A frontmatter topic may hold line breaks; the Topics line is one line.
      const form = /[\r\n]/.test(raw) ? raw.replace(/\s+/g, " ").trim() : raw;
      this.byKey.set(key, { form, count: 0, order: this.byKey.size });
    }
    this.here.add(key);
  }

  /** Most notes first, then first seen. */
  topics(): string[] {
    this.next();
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || a.order - b.order).map((t) => t.form);
  }
}

function addFrontmatterTopics(index: VaultIndex, n: ParsedNote, topics: readonly string[], tally: TopicTally): void {
  for (const t of topics) {
    const { text, isLink } = linkOrText(t);
    if (isLink) {
      const hit = index.resolve(text, n.path);
      // §6: a link shows its target's basename, resolved or not.
      tally.add(hit ? (index.note(hit)?.basename ?? text) : basenameOf(text.slice(text.lastIndexOf("/") + 1)));
    } else tally.add(text);
  }
}

/** Items per section (by index in ITEM_SECTIONS), each dedup key once, with the harvest each came from. */
interface Sections {
  found: HarvestedItem[][];
  origins: NoteHarvest[][];
  topics: string[];
}

function harvestSections(index: VaultIndex, page: string, rels: readonly RelatedEntry[]): Sections {
  const found: HarvestedItem[][] = ITEM_SECTIONS.map(() => []);
  const origins: NoteHarvest[][] = ITEM_SECTIONS.map(() => []);
  // Per section, each key once: a code holds both, so one set of codes does.
  const seen = new Set<number>();
  const tally = new TopicTally();
  for (const r of rels) {
    if (!r.source) continue;
    tally.next();
    const h = entryHarvest(index, r, page);
    if (h.topics.length > 0) addFrontmatterTopics(index, r.note, h.topics, tally);
    const codes = h.codes;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      const section = code & 7;
      if (section === TOPICS) {
        // Topic items are few: their key (normaliseForDedup of the text as shown) is worked out again.
        tally.add(h.items[i]!.text);
        continue;
      }
      if (seen.has(code)) continue;
      seen.add(code);
      found[section]!.push(h.items[i]!);
      origins[section]!.push(h);
    }
  }
  return { found, origins, topics: tally.topics() };
}

/** A section's list, cut to `limit`, with its origins recorded for renderBodies. */
function sectionList(sections: Sections, id: ItemSection, limit?: number): HarvestedItem[] {
  const k = ITEM_SECTIONS.indexOf(id);
  const items = limit === undefined ? sections.found[k]! : sections.found[k]!.slice(0, limit);
  originsOf.set(items, limit === undefined ? sections.origins[k]! : sections.origins[k]!.slice(0, limit));
  return items;
}

/** The customer's people: its members (Key Contacts), then everyone its related notes link. */
function peopleRows(index: VaultIndex, customerPath: string, rels: readonly RelatedEntry[]): { members: PersonRow[]; people: Map<string, PersonRow> } {
  const people = new Map<string, PersonRow>();
  const members: PersonRow[] = [];
  for (const p of index.membersOf(customerPath)) {
    const note = index.note(p);
    if (note?.kind !== "person") continue;
    const r: PersonRow = { path: p, cells: personCells(index, p, note), count: 0, newest: undefined };
    people.set(p, r);
    members.push(r);
  }
  for (const r of rels) {
    const targets = index.personTargets(r);
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      let person = people.get(t);
      if (person === undefined) people.set(t, (person = { path: t, cells: personCells(index, t)!, count: 0, newest: undefined }));
      person.count++;
      if (person.newest === undefined) person.newest = r.note.date;
    }
  }
  return { members, people };
}

/** compareNames, by each person's place in name order (a note not among the people — none should be — by its name). */
function byName(a: PersonRow, b: PersonRow): number {
  return a.cells.order >= 0 && b.cells.order >= 0 ? a.cells.order - b.cells.order : compareCodeUnits(a.cells.name, b.cells.name) || compareCodeUnits(a.path, b.path);
}

/** Key Contacts: the newest related note that links them first, never linked last, then by name. */
function keyContactsOf(members: readonly PersonRow[]): string[] {
  const ranked = members.map((r) => ({ r, rank: r.newest !== undefined ? dateRank(r.newest) : -2 }));
  ranked.sort((a, b) => b.rank - a.rank || byName(a.r, b.r));
  return ranked.map((x) => x.r.path);
}

function collaboratorsOf(people: ReadonlyMap<string, PersonRow>, ignored: ReadonlySet<string>): Collaborator[] {
  const rows: PersonRow[] = [];
  for (const r of people.values()) if (!ignored.has(r.path)) rows.push(r);
  rows.sort((a, b) => b.count - a.count || byName(a, b));
  return rows.map((r) => ({ person: r.path, role: r.cells.role, company: r.cells.company, count: r.count }));
}

/** A customer's Key Contacts and Collaborators, as made for one `peopleInputsOf` stamp. */
interface PeopleSections {
  stamp: string;
  /** The "ignored people" setting they were made with (a host may change its settings in place). */
  ignored: readonly string[];
  keyContacts: string[];
  collaborators: Collaborator[];
}

/**
 * The people sections per customer, kept while the index's stamp for them is unchanged: most saves
 * change neither links nor dates, and at 50,000 notes a page lists about 200 people whose counting,
 * sorting and lines were a third of an edit's cost.
 */
const peopleKept = new WeakMap<VaultIndex, Map<string, PeopleSections>>();

function peopleSections(index: VaultIndex, customerPath: string, rels: readonly RelatedEntry[]): PeopleSections {
  const stamp = index.peopleInputsOf(customerPath);
  let byCustomer = peopleKept.get(index);
  if (byCustomer === undefined) peopleKept.set(index, (byCustomer = new Map<string, PeopleSections>()));
  const kept = byCustomer.get(customerPath);
  const ignored = index.settings.ignoredPeople;
  if (kept !== undefined && kept.stamp === stamp && kept.ignored === ignored) return kept;
  const { members, people } = peopleRows(index, customerPath, rels);
  const made: PeopleSections = {
    stamp,
    ignored,
    keyContacts: keyContactsOf(members),
    collaborators: collaboratorsOf(people, ignoredPeople(index, customerPath, ignored)),
  };
  byCustomer.set(customerPath, made);
  return made;
}

export function buildPageModel(index: VaultIndex, customerPath: string, today: NoteDate): PageModel {
  const settings = index.settings;
  const customer = index.note(customerPath);
  if (!customer) throw new Error(`not a note: ${customerPath}`);
  const rels = index.rankedEntries(customerPath);
  const sections = harvestSections(index, customerPath, rels);
  const total = (id: ItemSection): number => sections.found[ITEM_SECTIONS.indexOf(id)]!.length;
  const people = peopleSections(index, customerPath, rels);
  return {
    customer: customerPath,
    totals: { openTasks: total("openTasks"), blockers: total("blockers"), keyDecisions: total("keyDecisions") },
    lastContact: lastContactOf(index, customerPath, today),
    related: recentLines(rels),
    keyFacts: sectionList(sections, "keyFacts", settings.limits.keyFacts),
    opportunities: sectionList(sections, "opportunities", settings.limits.opportunities),
    openTasks: sectionList(sections, "openTasks"),
    blockers: sectionList(sections, "blockers"),
    keyDecisions: sectionList(sections, "keyDecisions", settings.limits.keyDecisions),
    topics: sections.topics.slice(0, settings.limits.topics),
    accountStatus: statusRows(customer, settings),
    keyContacts: people.keyContacts,
    collaborators: people.collaborators,
  };
}

/**
 * A link the page writes to a note (§7): `[[text]]`, or, for a name a wikilink cannot hold (WIKI_UNSAFE:
 * `#`, a backtick, `%%` … — possible for files made outside Obsidian), a markdown link to its path.
 */
export function noteLink(text: string, path: string, subpath = ""): string {
  if (!WIKI_UNSAFE.test(text)) return `[[${text}${subpath === "" ? "" : `#${subpath}`}]]`;
  return markdownNoteLink(text, linkDestination(text, path), subpath);
}

/** The source link after an item's line (§7): ` ([[source]])`, or ` ([[source#^block]])`. */
export function sourceLink(linkText: string, path: string, blockId: string | null): string {
  return ` (${noteLink(linkText, path, blockId !== null ? `^${blockId}` : "")})`;
}

/** What an item's line has between `- ` and its text (§7). */
function prefixOf(section: ItemSection, settings: Settings): string {
  if (section === "openTasks") return settings.openTasksAsCheckboxes ? "[ ] " : "";
  return section === "blockers" ? "❌ " : section === "keyDecisions" ? "✅ " : "";
}

/** A source link at the end of an item's line: ` ([[…]])`, or ` ([…](…))` for names a wikilink cannot hold. */
// Neither part may hold a `[`: each attempt stops at the next one (a line of ` ([[` runs stays linear).
const SOURCE = / \((?:\[\[([^[\]\n]*)\]\]|\[(?:[^[\]\\\n]|\\.)*\]\(([^()\s]*)\))\)/g;

/** An item line's text after its marker, without its source link (the last one), and that link. */
export function splitSource(after: string, sourceLinks: boolean): { rest: string; source: RegExpExecArray | null } {
  if (!sourceLinks) return { rest: after, source: null };
  let last: RegExpExecArray | null = null;
  SOURCE.lastIndex = 0;
  let s: RegExpExecArray | null;
  while ((s = SOURCE.exec(after)) !== null) last = s;
  return last === null ? { rest: after, source: null } : { rest: after.slice(0, last.index), source: last };
}

/**
 * The dedup key (§6) of an item's text as its line on the page shows it: made as renderBodies makes
 * the line (`- {prefix}{text}{src}`, guarded — its source link included, since the guard reads them
 * together) and read back without the source link. Two texts the guard writes alike (`Pay \$$`,
 * `Pay $$`) are one line, so one item: write-back could not tell them apart.
 */
export function shownKey(text: string, prefix: string, src: string, sourceLinks: boolean): string {
  return normaliseForDedup(splitSource(itemLine(prefix, text, src).slice(2 + prefix.length), sourceLinks).rest);
}

/** What a checkbox looks like at the start of a list item's text (Obsidian: any one character). */
const BOX_START = /^\[[^\]]\](?=[ \t]|$)/;

/**
 * An item's line as the page writes it. A plain item whose text starts like a checkbox (`[x] check
 * the box`, with Open Tasks as plain items, or a fact) gets a backslash: written bare, it would be
 * a task on the page — and a ticked one that write-back would read.
 */
function itemLine(prefix: string, text: string, src: string): string {
  return guardLine(`- ${prefix}${prefix === "" && BOX_START.test(text) ? "\\" : ""}${text}${src}`);
}

/** The body lines of every section (§7 "Bodies"); an empty list is an empty body. */
export function renderBodies(model: PageModel, index: VaultIndex): Record<SectionId, string[]> {
  const settings = index.settings;
  const page = model.customer;
  const link = (p: string): string => noteLink(index.resolver.linkText(p, page), p);
  const basename = (p: string): string => index.note(p)?.basename ?? p;
  const src = (i: HarvestedItem): string =>
    settings.sourceLinks ? sourceLink(index.resolver.linkText(i.source, page), i.source, i.blockId) : "";
  // Items and people come back render after render from the same harvests and person cells,
  // made again when the resolver changes: their lines are kept there (see originsOf).
  const lines = (items: HarvestedItem[], prefix: string): string[] => {
    const from = originsOf.get(items);
    return items.map((item, k) => {
      const h = from?.[k];
      const at = h !== undefined ? h.items.indexOf(item) : -1;
      let line = at >= 0 ? h!.lines[at] : undefined;
      if (line === undefined || !line.startsWith(prefix, 2)) {
        line = itemLine(prefix, item.text, src(item));
        if (at >= 0) h!.lines[at] = line;
      }
      return line;
    });
  };
  // A person's kept lines hold the link text of the page that made them: another folder may write another.
  const person = (p: string): PersonCells | undefined => {
    const cells = personCells(index, p);
    const text = index.resolver.linkText(p, page);
    if (cells !== undefined && cells.linesLink !== text) {
      cells.collabLine = cells.relatedLine = undefined;
      cells.linesLink = text;
    }
    return cells;
  };
  const collabLine = (c: Collaborator): string => {
    const cells = person(c.person);
    if (cells?.collabLine !== undefined && cells.role === c.role && cells.company === c.company) return cells.collabLine;
    const line = guardLine(`| ${escapeCell(link(c.person))} | ${escapeCell(c.role)} | ${escapeCell(c.company)} |`);
    if (cells && cells.role === c.role && cells.company === c.company) cells.collabLine = line;
    return line;
  };
  const relatedLine = (c: Collaborator): string => {
    const cells = person(c.person);
    if (cells?.relatedLine !== undefined) return cells.relatedLine;
    const line = guardLine(`- ${link(c.person)}`);
    if (cells) cells.relatedLine = line;
    return line;
  };

  const recent = model.related.slice(0, settings.limits.recentContext).map((r) => {
    let s = `- ${formatDate(r.date)}: ${link(r.note)}`;
    if (r.summary !== null && r.summary !== "") s += ` - ${r.summary}`;
    if (r.via !== null) s += ` (via ${lineBreaksAsSpaces(basename(r.via))})`;
    return guardLine(s);
  });

  const status = [
    "| Field | Value |",
    "|-------|-------|",
    ...model.accountStatus.map(([k, v]) => guardLine(`| **${escapeCell(k)}** | ${escapeCell(v)} |`)),
    `| **Last contact** | ${formatDate(model.lastContact)} |`,
  ];

  // A kept Collaborators list (peopleSections) comes back render after render: so do its lines.
  let people = peopleLines.get(model.collaborators);
  if (people === undefined) {
    people = {
      collaborators: model.collaborators.length === 0 ? [] : ["| Person | Role | Company |", "|--------|------|---------|", ...model.collaborators.map(collabLine)],
      relatedPeople: model.collaborators.map(relatedLine),
    };
    peopleLines.set(model.collaborators, people);
  }

  return {
    recentContext: recent,
    keyFacts: lines(model.keyFacts, prefixOf("keyFacts", settings)),
    topics: model.topics.length > 0 ? [guardLine(model.topics.join(", "))] : [],
    openTasks: lines(model.openTasks, prefixOf("openTasks", settings)),
    accountStatus: status,
    keyContacts: model.keyContacts.map((p) => guardLine(`- ${link(p)}`)),
    opportunities: lines(model.opportunities, prefixOf("opportunities", settings)),
    blockers: lines(model.blockers, prefixOf("blockers", settings)),
    keyDecisions: lines(model.keyDecisions, prefixOf("keyDecisions", settings)),
    collaborators: people.collaborators,
    relatedPeople: people.relatedPeople,
  };
}

/** The Collaborators and Related People lines of a collaborators list (see renderBodies). */
const peopleLines = new WeakMap<readonly Collaborator[], { collaborators: string[]; relatedPeople: string[] }>();


/**
 * What could let harvested text open a block on the page: a comment, math, a fence, a heading —
 * also one in a quote (a Topics line starting `> ## `), or a callout (`> [!note]`) — or be a
 * footnote definition: either would end the body (splice.ts).
 */
const RISKY = /%%|<!--|\$\$|```|~~~|^[ \t]*(?:[#>]|\[\^)/;
/**
 * A line (the Topics line: items start with `- `) opening with a tag: `<pre>`, `<script>`, `<?`, `<!X`
 * or `<![CDATA[` start raw HTML that runs to its end tag, over blank lines, to the end of the page.
 */
const TAG_START = /^[ \t]*</;
/**
 * A lone open or closing tag filling its line (CommonMark's HTML block type 7, approximately: to the
 * next blank line, hiding a heading right below it in Obsidian's view; the scanner does not read it).
 */
const LONE_TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:[ \t][^<>]*)?\/?>[ \t]*$/;
/** A footnote definition, which ends a managed body too (splice.ts): a Topics line must not be one. */
const FOOTNOTE_START = /^([ \t]*)\[(?=\^[^\]\s]+\]:)/;

/**
 * A generated line that cannot change the page's structure: text harvested from notes may hold a
 * `%%` or `<!--` that opens a block running to the end of the page, a `$$` (see escapeMath), a
 * fence, or a heading — the next run would then lose the sections after it. The opener gets a
 * backslash (CommonMark's escape, shown as the character itself).
 */
export function guardLine(line: string): string {
  // A lone CR (since B41-D a note's lone CRs are line breaks to its parse, but a frontmatter value
  // may still hold one: YAML's "\r") would be a line break on the page to Obsidian's editor: a
  // second item, a task with no source link whose tick is lost. It is the space that joins lines.
  // Each run of spaces, tabs and CRs is matched once, whole: a pattern that looked for the CR from
  // each space of a run read the rest of the run again from each (quadratic in a long run, B41-A).
  if (line.includes("\r")) line = line.replace(/[ \t\r]+/g, (run) => (run.includes("\r") ? " " : run));
  if (!RISKY.test(line) && !TAG_START.test(line)) return line;
  let s = escapeMath(line).replace(FOOTNOTE_START, "$1\\[");
  // A block-level tag (type 6) or a lone tag (type 7) opens raw HTML that runs to the next blank
  // line: the page writes one after the body, but a heading the user puts right below would be
  // hidden — and read as part of the body (type 6), the user's section replaced on the next run.
  const tag = /^ {0,3}</.exec(s); // four columns in, it is indented code
  if (tag !== null) {
    const at = tag[0].length - 1;
    const rest = s.slice(at);
    if (HTML_BLOCK.test(rest) || LONE_TAG.test(rest)) s = s.slice(0, at) + "\\" + rest;
  }
  for (let n = 0; n < 16; n++) {
    const scan = scanMarkdown(s);
    let at: number | null = scan.openAtEnd;
    if (at === null && scan.headings.length > 0) at = s.indexOf("#");
    // A callout's title: its `[` escaped, the line is a plain quote (no `[!` comes before it).
    if (at === null && scan.callouts.length > 0) at = s.indexOf("[!");
    if (at === null || at < 0) return s;
    s = s.slice(0, at) + "\\" + s.slice(at);
  }
  return s;
}

/**
 * Every `$$` outside inline code gets a backslash, closed pairs too: a `$$` the user left open
 * above the managed sections is text (§1) until a later `$$` closes it, and that could be one of
 * ours — the sections between would vanish (one in code closes nothing). Read as the scanner reads
 * (a backslash escapes the next character), each `$` followed by another is escaped, so `$$$`
 * becomes `\$\$$`.
 */
function escapeMath(s: string): string {
  if (!s.includes("$$")) return s;
  const inCode = lineCodeReader(s);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      out += s.slice(i, i + 2);
      i++;
    } else if (c === 36 /* $ */ && s.charCodeAt(i + 1) === 36 && !inCode(i)) out += "\\$";
    else out += s[i];
  }
  return out;
}
