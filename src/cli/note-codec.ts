// Parsed notes as one flat array of strings, numbers, booleans and nulls, for postMessage between
// worker threads. The structured clone of a flat array is several times cheaper to read back than
// that of the same notes as objects (Maps, arrays, small objects), and reading it back here builds
// each object once, with the shape parseNote gives it. decode(encode(x)) equals x: a property test
// (tests/cli/note-codec-property.test.ts) checks every field on parsed corpora and fuzzed notes.
import type { NoteDate } from "../core/dates";
import { EMPTY_FRONTMATTER, frontmatterOf, type FmObject, type FmValue } from "../core/frontmatter";
import type { Item, ItemSection } from "../core/items";
import type { Kind } from "../core/kinds";
import type { LinkKind, LinkRef } from "../core/links";
import type { ParsedNote } from "../core/note";
import { basenameOf, folderOf } from "../core/text";

export type Flat = Array<string | number | boolean | null>;

const KINDS: readonly Kind[] = ["customer", "person", "project", "meeting", "note"];
const LINK_KINDS: readonly LinkKind[] = ["wiki", "md", "fm"];
const SECTIONS: readonly ItemSection[] = ["keyFacts", "topics", "openTasks", "opportunities", "blockers", "keyDecisions"];

/** As parseNote shares one frozen empty list among notes without aliases and items without self-links. */
const NONE = Object.freeze([]) as unknown as string[];

// Frontmatter values are strings, nulls, lists and maps: numbers can mark the last two.
const LIST = -1;
const MAP = -2;

function indexOf<T>(values: readonly T[], v: T): number {
  const i = values.indexOf(v);
  if (i < 0) throw new Error(`cannot encode ${String(v)}`);
  return i;
}

function encodeValue(v: FmValue, out: Flat): void {
  if (v === null || typeof v === "string") {
    out.push(v);
  } else if (Array.isArray(v)) {
    out.push(LIST, v.length);
    for (const x of v) encodeValue(x, out);
  } else {
    const keys = Object.keys(v);
    out.push(MAP, keys.length);
    for (const k of keys) {
      out.push(k);
      encodeValue(v[k] ?? null, out);
    }
  }
}

/** Appends one note to `out`. */
export function encodeNote(n: ParsedNote, out: Flat): void {
  out.push(n.path, indexOf(KINDS, n.kind), n.fmError);
  if (n.fmBlock === null) out.push(-1);
  else out.push(n.fmBlock.open, n.fmBlock.yamlStart, n.fmBlock.yamlEnd, n.fmBlock.end);
  out.push(n.fmText);
  out.push(n.fm.entries.length);
  for (const [k, v] of n.fm.entries) {
    out.push(k);
    encodeValue(v, out);
  }
  if (n.date === null) out.push(-1);
  else out.push(n.date.year, n.date.month, n.date.day);
  out.push(n.links.length);
  for (const l of n.links) {
    out.push(indexOf(LINK_KINDS, l.kind), l.embed, l.target, l.subpath, l.alias, l.start, l.end, l.key ?? null, l.dest ?? null);
  }
  out.push(n.aliases.length, ...n.aliases, n.empty, n.summary);
  out.push(n.items.length);
  for (const it of n.items) {
    out.push(indexOf(SECTIONS, it.section), it.text, it.selfLinks.length, ...it.selfLinks, it.blockId, it.line, it.taskOffset);
  }
  out.push(n.generated.length);
  for (const g of n.generated) out.push(g);
}

/** Reads notes back from a flat array, in order. */
export class NoteReader {
  private i = 0;

  constructor(private readonly a: Flat) {}

  get done(): boolean {
    return this.i >= this.a.length;
  }

  /** A null in place of a note (a file that was not parsed): true, and it is read. */
  skipNull(): boolean {
    if (this.a[this.i] !== null) return false;
    this.i++;
    return true;
  }

  private str(): string {
    return this.a[this.i++] as string;
  }

  private num(): number {
    return this.a[this.i++] as number;
  }

  private strOrNull(): string | null {
    return this.a[this.i++] as string | null;
  }

  private value(): FmValue {
    const v = this.a[this.i++] as string | number | null;
    if (v === null || typeof v === "string") return v;
    const n = this.num();
    if (v === LIST) {
      const list: FmValue[] = [];
      for (let k = 0; k < n; k++) list.push(this.value());
      return list;
    }
    const obj: FmObject = Object.create(null) as FmObject;
    for (let k = 0; k < n; k++) {
      const key = this.str();
      obj[key] = this.value();
    }
    return obj;
  }

  next(): ParsedNote {
    const path = this.str();
    const kind = KINDS[this.num()]!;
    const fmError = this.strOrNull();
    const open = this.num();
    const fmBlock = open < 0 ? null : { open, yamlStart: this.num(), yamlEnd: this.num(), end: this.num() };
    const fmText = this.strOrNull();
    const nEntries = this.num();
    const entries: Array<[string, FmValue]> = [];
    for (let k = 0; k < nEntries; k++) {
      const key = this.str();
      entries.push([key, this.value()]);
    }
    const year = this.num();
    let date: NoteDate | null = null;
    if (year >= 0) date = { year, month: this.num(), day: this.a[this.i++] as number | null };
    const nLinks = this.num();
    const links: LinkRef[] = [];
    for (let k = 0; k < nLinks; k++) {
      const link: LinkRef = {
        kind: LINK_KINDS[this.num()]!,
        embed: this.a[this.i++] as boolean,
        target: this.str(),
        subpath: this.strOrNull(),
        alias: this.strOrNull(),
        start: this.num(),
        end: this.num(),
        key: this.strOrNull() ?? undefined,
        dest: this.strOrNull() ?? undefined,
      };
      links.push(link);
    }
    const nAliases = this.num();
    const aliases: string[] = nAliases === 0 ? NONE : [];
    for (let k = 0; k < nAliases; k++) aliases.push(this.str());
    const empty = this.a[this.i++] as boolean;
    const summary = this.strOrNull();
    const nItems = this.num();
    const items: Item[] = [];
    for (let k = 0; k < nItems; k++) {
      const section = SECTIONS[this.num()]!;
      const text = this.str();
      const nSelf = this.num();
      const selfLinks: number[] = nSelf === 0 ? (NONE as unknown as number[]) : [];
      for (let s = 0; s < nSelf; s++) selfLinks.push(this.num());
      items.push({ section, text, selfLinks, blockId: this.strOrNull(), line: this.num(), taskOffset: this.num() });
    }
    const nGenerated = this.num();
    const generated: number[] = nGenerated === 0 ? (NONE as unknown as number[]) : [];
    for (let k = 0; k < nGenerated; k++) generated.push(this.num());
    return {
      path,
      basename: basenameOf(path),
      folder: folderOf(path),
      kind,
      fm: entries.length === 0 ? EMPTY_FRONTMATTER : frontmatterOf(entries),
      fmError,
      fmBlock,
      fmText,
      date,
      links,
      aliases,
      empty,
      summary,
      items,
      generated,
    };
  }
}
