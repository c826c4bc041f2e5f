// Links as written (§3): wikilinks and embeds, markdown links to notes, and wikilinks inside
// frontmatter strings. Read from the visible text only, so code and comments never link.
import { HTML_BLOCK, indentedFour } from "./block-starts";
import { collectStrings, type Frontmatter } from "./frontmatter";
import { delimiterCells, headsTable } from "./gfm-tables";
import { scanMarkdown, type Scan } from "./markdown";
import { firstRangeEndingAfter } from "./ranges";
import { HTML_TAG, lineEnd, lowerBound } from "./text";

export type LinkKind = "wiki" | "md" | "fm";

export interface LinkRef {
  kind: LinkKind;
  embed: boolean;
  /** The target as written, trimmed, without `#subpath`; markdown links percent-decoded. Empty: the note itself. */
  target: string;
  /** Text after the first `#` (`Heading#Sub`, `^block`), or null. */
  subpath: string | null;
  /** Shown text after `|` (wikilinks) or between brackets (markdown links), or null. */
  alias: string | null;
  /** Offsets of the whole link in the file; -1 for frontmatter links. */
  start: number;
  end: number;
  /** Frontmatter key (top level) holding the link; undefined for body links. */
  key?: string | undefined;
  /** A markdown link's destination as written (`C%23ops.md`, `<Acme Corp.md>`); undefined for wikilinks. */
  dest?: string | undefined;
}

/** Obsidian's display text: the alias, else `X`, `X > H`, `X > ^b`, or `H` for the note itself. */
export function displayText(link: Pick<LinkRef, "target" | "subpath" | "alias">): string {
  if (link.alias !== null) return link.alias;
  if (link.subpath === null) return link.target;
  const sub = link.subpath.split("#").filter((s) => s !== "").join(" > ");
  return link.target === "" ? sub : `${link.target} > ${sub}`;
}

/** Parses what is between `[[` and `]]`; null when it is no link. */
export function parseWikiInner(inner: string): Pick<LinkRef, "target" | "subpath" | "alias"> | null {
  // Obsidian reads a `|` at the very start as part of the target (`[[|alias]]` links to "|alias").
  const pipe = inner.indexOf("|", 1);
  let linkpart = pipe < 0 ? inner : inner.slice(0, pipe);
  const alias = pipe < 0 ? null : inner.slice(pipe + 1);
  // `[[a\|b]]` is the table-safe way of writing `[[a|b]]`.
  if (pipe >= 0 && linkpart.endsWith("\\")) linkpart = linkpart.slice(0, -1);
  const hash = linkpart.indexOf("#");
  const target = (hash < 0 ? linkpart : linkpart.slice(0, hash)).trim();
  const subpath = hash < 0 ? null : linkpart.slice(hash + 1).trim();
  if (target === "" && (subpath === null || subpath === "")) return null;
  return { target, subpath, alias };
}

export interface Span {
  start: number;
  end: number;
}

export interface BodyLinks {
  links: LinkRef[];
  /** Spans to leave out of mention matching: note links with their text, URLs (§5). */
  maskSpans: Span[];
}

// The text may run over line breaks (CommonMark: a soft break is inline), never over a blank line,
// which ends the paragraph: hard-wrapped notes write `[the\nclient](Acme.md)`.
// An escape (`\\[`, `\\!`) is matched and skipped first: an escaped `[` starts no link, and no text
// is scanned from it (from each of a run of `\\[`, the text would run to the paragraph's end).
// A bracket pair inside the text ends at a `]` not escaped (CommonMark): `[a\\]` closes none, or
// from each `[` of `[#a\\][#a\\]…` the text would run on through every pair to the line's end.
// A pair may hold a line break as the text may, and a `\\` before one is a hard line break (CommonMark),
// not an escape of it: `[a [b⏎c]](x.md)` and `[a\\⏎b](x.md)` are links (B42-E).
export const MD_LINK =
  /\\[^]|(!?)\[((?:[^[\]\n\\]|\\?\n(?![ \t\r]*(?:\n|$))|\\[^\n]|\[(?:[^[\]\n\\]|\\?\n(?![ \t\r]*(?:\n|$))|\\[^\n])*\])*)\]\(\s*(<[^<>\n]*>|(?:[^()\s\\]|\\.|\((?:[^()\s])*\))*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)/g;
/** A line's leading spaces, tabs and quote markers, then its content (which may be empty). */
const LINE_LEAD = /[ \t>]*/y;
/** The same, list markers included: the quote a text starts in may open an item's content (`- > [a`). */
const FIRST_LEAD = /(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*/y;
/**
 * Blocks that may interrupt a paragraph (CommonMark), as the content of a line after its quote
 * markers: an ATX heading, a fence, a thematic break or setext underline, an HTML block of types
 * 1–5 (type 6 is HTML_BLOCK; type 7 cannot interrupt a paragraph). List items are the scanner's.
 */
const BLOCK_START =
  /^(?:#{1,6}(?:[ \t]|$)|`{3}|~{3}|(?:[-*_][ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$|<(?:script|pre|style|textarea)(?:[ \t>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[)/i;
/** Every GFM delimiter row holds a `|` with a cell's `-` or `:` next to it, white space between. */
const DELIMITER_HINT = /[-:]\s*\||\|\s*[-:]/;
/** An ATX heading's start, as a line's content. */
const ATX_HEADING = /^#{1,6}(?:[ \t\r]|$)/;
/** A list marker, an empty item's too (`1. [a` / `2.` / `b](x.md)` runs over two items). */
const LIST_START = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** What the link search reads of the note's scan: which lines are list items, which go on with a paragraph. */
export type LinkLines = Pick<Scan, "lineStart" | "items" | "continued" | "tables" | "itemQuotes" | "hidden" | "blocks">;

/** Quote markers (`>`) among a line's leading run (LINE_LEAD or FIRST_LEAD), and where its content starts. */
function lineLead(body: string, at: number, lead: RegExp = LINE_LEAD): { depth: number; content: number } {
  lead.lastIndex = at;
  const run = lead.exec(body)![0];
  let depth = 0;
  for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) === 62) depth++;
  return { depth, content: at + run.length };
}

/**
 * The column of the `n`-th `>` in a line's lead [from, to) (tabs stop every four columns), or -1;
 * with `rel`, counted from the content of the quote its `n - 1`-th `>` opens (past its optional space).
 */
function quoteCol(body: string, from: number, to: number, n: number, rel = false): number {
  let col = 0;
  let base = 0;
  for (let i = from; i < to; i++) {
    const c = body.charCodeAt(i);
    if (c === 62) {
      if (--n === 0) return col - base;
      if (rel && n === 1) base = col + (i + 1 < to && (body.charCodeAt(i + 1) === 32 || body.charCodeAt(i + 1) === 9) ? 2 : 1);
    }
    col = c === 9 ? col + 4 - (col % 4) : col + 1;
  }
  return -1;
}

const byNumber = (a: number, b: number): number => a - b;

/** The scanned line holding offset `at`. */
function lineAt(lines: LinkLines, at: number): number {
  return lowerBound(lines.lineStart, at + 1, byNumber) - 1;
}

/** Does a list item the scanner found start on `line`? */
function isItemLine(lines: LinkLines, line: number): boolean {
  return lines.items[lowerBound(lines.items, line, (item, l: number) => item.line - l)]?.line === line;
}

/** Is the scanned line `line` one the scanner read as going on with the paragraph above it? */
function isContinued(lines: LinkLines, line: number): boolean {
  return lines.continued[lowerBound(lines.continued, line, byNumber)] === line;
}

/** Where the content of the line starting at `at` of the note's text starts (a BOM opening the note is none of its text). */
function rawContent(raw: string, at: number, lead: RegExp = LINE_LEAD): number {
  return lineLead(raw, at === 0 && raw.charCodeAt(0) === 0xfeff ? 1 : at, lead).content;
}

/**
 * Is the line starting at `at` (in `raw`, whose content starts at `from` there) code or a comment or
 * math going on from a line above, as the scanner reads it: hidden from its start as a block, not
 * masked inline? Such a line is no paragraph text, so neither a header nor a delimiter row, whatever
 * it reads as written (`` `a|b` `` indented four columns, or a line of a fence in an item, or
 * `` `a|b` --> `` closing a comment, above `--|--`) (B34-B).
 */
function blockLine(lines: LinkLines, at: number, from: number): boolean {
  const b = lines.blocks[firstRangeEndingAfter(lines.blocks, at - 1)];
  if (b !== undefined && b.start < at) return true;
  // Indented code (and a fence's line in an item) is hidden from the line's start, its indentation
  // too; an inline code span or comment from its own opener on.
  const h = lines.hidden[firstRangeEndingAfter(lines.hidden, from)];
  return h !== undefined && h.start < from && h.start >= at;
}

/**
 * Is the line starting at `dStart` the delimiter row of a GFM table whose header is the line above it
 * (scanned line `hLine`, starting at `hStart`), in a paragraph at quote depth `paraDepth`? The header
 * may be any line of the paragraph (GFM: a table may interrupt one; markdown-it, Lezer), a lazy one
 * too; the delimiter row has the header's number of cells, lies in no deeper quote, and is no lazy line.
 */
function tableStartsAt(body: string, raw: string, shift: number, lines: LinkLines, hStart: number, hLine: number, dStart: number, paraDepth: number): boolean {
  const d = lineLead(body, dStart);
  // The rows' cells are counted on the note's text as written, as the scanner and GFM count them (a
  // pipe in a code span splits a cell; `` `a` |b `` has no leading pipe), from the line's lead read
  // there too: masked, a code span is white space that a lead runs on through, to a `>` or list
  // marker after it (`` `|` > b ``, `` - `|` - b ``: text, not markers) (B34-A, B34-B).
  const dFrom = rawContent(raw, dStart + shift);
  if (blockLine(lines, dStart + shift, dFrom)) return false;
  const first = raw.charCodeAt(dFrom);
  if (first !== 124 && first !== 45 && first !== 58) return false; // | - :
  const dEnd = lineEnd(body, dStart) + shift;
  const cells = delimiterCells(raw, dFrom, dEnd);
  if (cells <= 0) return false;
  const hItem = isItemLine(lines, hLine);
  const h = lineLead(body, hStart, hItem ? FIRST_LEAD : LINE_LEAD);
  const hEnd = lineEnd(body, hStart);
  const hFrom = rawContent(raw, hStart + shift, hItem ? FIRST_LEAD : LINE_LEAD);
  if (blockLine(lines, hStart + shift, hFrom)) return false;
  // A line the mask left blank is a header only as a code span (`` `a|b` ``, whose pipe splits it);
  // one of a comment or math (Obsidian's) is read as before: none.
  if (h.content >= hEnd && raw.charCodeAt(hFrom) !== 96) return false;
  if (!headsTable(raw, hFrom, hEnd + shift, cells)) return false;
  const hLazy = isContinued(lines, hLine);
  // A deeper quote than the header's is a new block, unless the header was a lazy line of it; a
  // shallower one than the paragraph's is a lazy line (`> > a | [b` / `> c](x.md)` / `> --|--`).
  if ((d.depth > h.depth && (!hLazy || d.depth > paraDepth)) || d.depth < paraDepth) return false;
  if (hLazy && indentedFour(raw, hStart + shift, hFrom)) return false;
  // A lazy line is the paragraph's text, never a delimiter row (cmark-gfm's containers; markdown-it and
  // Lezer read `> a | b` / `--|--` as a table, not `> a` / `> b | c` / `--|--`).
  return !isContinued(lines, hLine + 1);
}

/**
 * The last table search's start: the scanned line a text began on, and whether a GFM table's body
 * (in any container, or begun in the middle of a paragraph) held it. Texts are searched in order, so
 * each walk up stops where the one before began: linear in the note.
 */
interface TableMemo {
  line: number;
  inTable: boolean;
  /**
   * The same for the walks up from the line above a text's first line (afterQuoteTable): a walk of
   * its own, in order too. Sharing the slot above, each such walk found the text's own line there,
   * never met it going up, and ran to the top of the note: quadratic (B33-E).
   */
  above: { line: number; inTable: boolean };
  /** Could the text hold a delimiter row (a `|` next to a `-` or `:`)? Looked up once per text searched. */
  pipes: boolean;
}

/**
 * Is the line starting at `at` (scanned line `line`) a row of a table below its delimiter row? Walks
 * up over the lines of its block at its quote depth (a lazy line is no row: markdown-it) to a
 * delimiter row under a header with as many cells; a blank line, another block or the start of the
 * text ends the walk.
 */
function inTableBody(body: string, raw: string, shift: number, at: number, line: number, lines: LinkLines, memo: { line: number; inTable: boolean }): boolean {
  const depth = lineLead(body, at).depth;
  let result = false;
  let k = line;
  let start = at;
  for (;;) {
    if (k === memo.line) {
      result = memo.inTable;
      break;
    }
    if (start === 0) break;
    const above = start >= 2 ? body.lastIndexOf("\n", start - 2) + 1 : 0;
    if (k < line && tableStartsAt(body, raw, shift, lines, above, k - 1, start, depth)) {
      result = true;
      break;
    }
    if (isItemLine(lines, k - 1)) break;
    const lead = lineLead(body, above);
    const aboveEnd = lineEnd(body, above);
    if (lead.content >= aboveEnd || lead.depth !== depth) break;
    // Only a line opening with one of these may be another block (BLOCK_START, HTML_BLOCK).
    const c = body.charCodeAt(lead.content);
    if ((c === 35 || c === 96 || c === 126 || c === 45 || c === 42 || c === 95 || c === 61 || c === 60) && BLOCK_START.test(body.slice(lead.content, aboveEnd))) break;
    if (c === 60 && HTML_BLOCK.test(body.slice(lead.content, aboveEnd))) break;
    k--;
    start = above;
  }
  memo.line = line;
  memo.inTable = result;
  return result;
}

/**
 * Does a link text over [from, to) run from one block into another at one of its line breaks? Each
 * line after a break must go on with the paragraph: a line the scanner read so (lazy, or four columns
 * past its container), or one that opens no deeper quote (`[a` / `> b](x.md)`), no list item the
 * scanner found, and no other block. Linear in the text, with a binary search per line break.
 * `shift` turns offsets in `body` into offsets of the scanned text. A GFM table is looked for in the
 * text's own lines (a header and delimiter row may interrupt a paragraph, in any container) and, for
 * the line the text starts on, above it (`memo`).
 */
function crossesBlock(body: string, from: number, to: number, lines: LinkLines, shift: number, raw: string, memo: TableMemo): boolean {
  const firstStart = from === 0 ? 0 : body.lastIndexOf("\n", from - 1) + 1;
  const firstLine = lineAt(lines, firstStart + shift);
  const firstIsItem = isItemLine(lines, firstLine);
  // List markers are read through only where the scanner found an item: `text` / `2. > [a` is text.
  const lead = lineLead(body, firstStart, firstIsItem ? FIRST_LEAD : LINE_LEAD);
  const firstContinued = isContinued(lines, firstLine);
  // A paragraph's line four columns in holds no quote marker: `[a` / `    > [b` / `> c](x.md)` is text, then a quote.
  const first = firstContinued && lead.depth > 0 && quoteCol(body, firstStart, lead.content, 1) >= 4 ? { depth: 0, content: lead.content } : lead;
  // An ATX heading is one line: `# [a` / `b](x.md)` is a heading and a paragraph.
  if (ATX_HEADING.test(body.slice(first.content, first.content + 8)) && !firstContinued) return true;
  // A row of a table (a break between rows), or of one the scanner keeps no record of.
  const pipes = memo.pipes;
  if (pipes && !firstIsItem && inTableBody(body, raw, shift, firstStart, firstLine, lines, memo)) return true;
  // A line with fewer quote markers than a table's row right above it is no lazy line (only a
  // paragraph takes those): the table's quote has ended, and a later line with its markers opens
  // another (`> x | y` / `> --|--` / `[a` / `> b](x.md)`).
  let afterQuoteTable = false;
  if (pipes && firstContinued && firstStart > 0) {
    const aboveStart = firstStart >= 2 ? body.lastIndexOf("\n", firstStart - 2) + 1 : 0;
    const aboveDepth = lineLead(body, aboveStart).depth;
    if (aboveDepth > first.depth) {
      const headerStart = aboveStart >= 2 ? body.lastIndexOf("\n", aboveStart - 2) + 1 : 0;
      afterQuoteTable =
        (aboveStart > 0 && tableStartsAt(body, raw, shift, lines, headerStart, firstLine - 2, aboveStart, aboveDepth)) ||
        inTableBody(body, raw, shift, aboveStart, firstLine - 1, lines, memo.above);
    }
  }
  // A quote opened in an item's content (`- > [a`) goes on only on lines whose marker for it is at
  // the item's content column or past it: `> b` at column 0 opens a quote outside the item.
  const outer = first.depth > 0 ? lineLead(body, firstStart).depth : 0;
  const itemQuoteCol = first.depth > outer ? quoteCol(body, firstStart, first.content, outer + 1, true) : -1;
  // A quote inside an item on a line of its own (`- # h` / `  > [a`): a `>` left of the item's content
  // column opens a quote outside the item (`>b](x.md)`).
  const held = first.depth > 0 ? lines.itemQuotes[lowerBound(lines.itemQuotes, firstLine, (q, l: number) => q[0] - l)] : undefined;
  const heldCol = held !== undefined && held[0] === firstLine ? held[1] : -1;
  let prevStart = firstStart;
  for (let nl = body.indexOf("\n", from); nl >= 0 && nl < to; nl = body.indexOf("\n", nl + 1)) {
    const line = lineAt(lines, nl + 1 + shift);
    // A table's line break is between two rows.
    // The one table that can hold the line: the first to end at it or below (they are disjoint).
    const table = lines.tables[lowerBound(lines.tables, line, (t, l: number) => t[1] - l)];
    if (table !== undefined && table[0] < line) return true;
    const next = lineLead(body, nl + 1);
    if (pipes) {
      // The line above was a table's header and this its delimiter row, or this line is a header
      // (GFM: a table may interrupt a paragraph) with its delimiter row below.
      if (tableStartsAt(body, raw, shift, lines, prevStart, line - 1, nl + 1, first.depth)) return true;
      const after = body.indexOf("\n", nl + 1) + 1;
      if (after > 0 && tableStartsAt(body, raw, shift, lines, nl + 1, line, after, first.depth)) return true;
    }
    prevStart = nl + 1;
    if (isContinued(lines, line) && !(afterQuoteTable && next.depth > first.depth)) continue;
    // The text's own quote depth: a lazy line above (fewer markers) does not lower it.
    if (next.depth > first.depth) return true;
    if (itemQuoteCol >= 0 && next.depth > outer && quoteCol(body, nl + 1, next.content, outer + 1, true) < itemQuoteCol) return true;
    if (heldCol >= 0 && next.depth > 0 && quoteCol(body, nl + 1, next.content, 1) < heldCol) return true;
    const content = body.slice(next.content, lineEnd(body, nl + 1));
    // A line of quote markers alone (`>`) is a blank line of its quote: the paragraph ends there.
    if (content === "" || BLOCK_START.test(content) || HTML_BLOCK.test(content)) return true;
    // A comment opening the line is an HTML block (type 2) whatever follows it: masked, it reads as
    // the text after it (`<!-- c --> b](x.md)`), so the unmasked line is looked at.
    if (raw.startsWith("<!--", lineLead(raw, nl + 1 + shift).content)) return true;
    // Which marker starts an item (`2.` below a paragraph does not, below an item it does) is the
    // scanner's reading, so that a link never joins two items of the note.
    if (LIST_START.test(content) && isItemLine(lines, line)) return true;
  }
  return false;
}

export const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Bare URLs as GFM's autolinks read them: parentheses inside (`…/wiki/Foo_(Acme)`), `www.` links and,
// found by emailSpans, e-mail addresses.
const WWW = /www\./i;
const BARE_URL = /\b(?:https?|ftp|obsidian|file|mailto):[^\s<>[\]]+|\bwww\.[^\s<>[\]]+/gi;
const EMAIL_LOCAL = /[\w.+-]/;
const EMAIL_DOMAIN = /[\w-]+(?:\.[\w-]+)+/y;

/**
 * False only when neither BARE_URL nor emailSpans can find anything: a scheme's `:` follows its last
 * letter (p, s, n, e or o) and comes before a character a URL may hold; `www.` and `@` are looked for
 * as they are. Nearly every note holds a `:` (`type: meeting`), and BARE_URL, which has no literal to
 * search for, tries every position of the note (≈ 40 ms over the 10k bench vault, finding nothing).
 */
export function mayHoldUrl(body: string): boolean {
  if (body.includes("@")) return true;
  for (let at = body.indexOf(":"); at >= 0; at = body.indexOf(":", at + 1)) {
    const before = body.charCodeAt(at - 1) | 32;
    if (before !== 0x70 && before !== 0x73 && before !== 0x6e && before !== 0x65 && before !== 0x6f) continue;
    if (at + 1 === body.length) break;
    const after = body.charCodeAt(at + 1);
    if (after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d && after !== 0x3c && after !== 0x3e && after !== 0x5b && after !== 0x5d) return true;
  }
  return WWW.test(body);
}

/**
 * E-mail addresses (`jane@Acme.com`) whose `@` lies in [from, to), each ending at `to` at the latest,
 * found from each `@` outwards: linear in the text however its runs fall (a lookbehind would do it in
 * one pattern, but iOS before 16.4 cannot load a bundle holding one). Also the panel's reading of a
 * status value (status-parts.ts), which adds GFM's rules for where an address ends.
 */
export function emailSpans(text: string, from: number, to: number, add: (start: number, end: number) => void): void {
  let floor = from;
  for (let at = text.indexOf("@", from); at >= 0 && at < to; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > floor && EMAIL_LOCAL.test(text[start - 1]!)) start--;
    floor = at + 1;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const domain = EMAIL_DOMAIN.exec(text);
    if (domain === null) continue;
    const end = Math.min(at + 1 + domain[0].length, to);
    add(start, end);
    floor = end;
    at = end - 1;
  }
}

/**
 * A markdown link's destination to a note (`Ann%20Lee.md#Contact`), as the index reads it: decoded,
 * the fragment from the first literal `#` (`%23` in the path is part of the name). Also the panel's
 * reading of a status value's links (status-parts.ts), so both follow a link to the same note.
 */
export function noteDestination(dest: string): { target: string; subpath: string | null } {
  const hash = dest.indexOf("#");
  return {
    target: percentDecode(hash < 0 ? dest : dest.slice(0, hash)).trim(),
    subpath: hash < 0 ? null : percentDecode(dest.slice(hash + 1)).trim(),
  };
}

/** Decodes `%20`-style escapes; malformed sequences stay as written. */
export function percentDecode(s: string): string {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function wikiLinksIn(visible: string, out: LinkRef[], spans: Span[], kind: LinkKind, key?: string): void {
  let i = visible.indexOf("[[");
  // The next `]]` and line break, kept while they lie ahead: runs of `[[` stay linear.
  let close = -1;
  let nl = -2;
  while (i >= 0) {
    if (i > 0 && visible.charCodeAt(i - 1) === 92 /* \ */) {
      i = visible.indexOf("[[", i + 2);
      continue;
    }
    if (close < i + 2) close = visible.indexOf("]]", i + 2);
    if (close < 0) break;
    if (nl !== -1 && nl < i + 2) nl = visible.indexOf("\n", i + 2);
    if (nl >= 0 && nl < close) {
      i = visible.indexOf("[[", nl);
      continue;
    }
    const innerOpen = visible.indexOf("[[", i + 2);
    if (innerOpen >= 0 && innerOpen < close) {
      i = innerOpen;
      continue;
    }
    const parsed = parseWikiInner(visible.slice(i + 2, close));
    const embed = i > 0 && visible.charCodeAt(i - 1) === 33; /* ! */
    const start = embed ? i - 1 : i;
    if (parsed) {
      // Every link has the same fields in the same order (key undefined off the frontmatter): one
      // object shape keeps the code that reads links monomorphic.
      out.push({
        kind,
        embed,
        target: parsed.target,
        subpath: parsed.subpath,
        alias: parsed.alias,
        start: kind === "fm" ? -1 : start,
        end: kind === "fm" ? -1 : close + 2,
        key,
        dest: undefined,
      });
    }
    spans.push({ start, end: close + 2 });
    i = visible.indexOf("[[", close + 2);
  }
}

/** The wikilinks and embeds of a plain string (a frontmatter value), as this module reads them. */
export function wikiLinksOf(text: string): LinkRef[] {
  const links: LinkRef[] = [];
  if (text.includes("[[")) wikiLinksIn(text, links, [], "wiki");
  return links;
}

/**
 * Replaces every wikilink and embed of a text (as this module reads them) with what `fn` returns
 * for it; the text between them is passed through `other`.
 */
export function replaceWikiLinks(
  text: string,
  fn: (link: Pick<LinkRef, "target" | "subpath" | "alias" | "embed">) => string,
  other: (s: string) => string = (s) => s,
): string {
  if (!text.includes("[[")) return other(text);
  const links: LinkRef[] = [];
  const spans: Span[] = [];
  wikiLinksIn(text, links, spans, "wiki");
  let out = "";
  let pos = 0;
  let k = 0;
  for (const s of spans) {
    out += other(text.slice(pos, s.start));
    const l = links[k];
    if (l && l.start === s.start) {
      out += fn(l);
      k++;
    } else out += text.slice(s.start, s.end);
    pos = s.end;
  }
  return out + other(text.slice(pos));
}

/**
 * Links in the visible body text (invisible text already blanked). `lines`: the scan of the note (as
 * for parseNote; its offsets are the visible text's), else the visible text is scanned when a link's
 * text runs over a line break. `text`: the text `visible` was masked from (a comment opening a line
 * ends a link's text, §1's masking hides it).
 */
export function extractBodyLinks(visible: string, from = 0, lines?: LinkLines, text: string = visible): BodyLinks {
  const links: LinkRef[] = [];
  const maskSpans: Span[] = [];
  const body = from > 0 ? visible.slice(from) : visible;
  const shift = (s: Span): Span => (from === 0 ? s : { start: s.start + from, end: s.end + from });
  const wiki: LinkRef[] = [];
  const wikiSpans: Span[] = [];
  wikiLinksIn(body, wiki, wikiSpans, "wiki");
  for (const l of wiki) {
    l.start += from;
    l.end += from;
  }
  const md: LinkRef[] = [];
  if (body.includes("](")) {
    MD_LINK.lastIndex = 0;
    let m: RegExpExecArray | null;
    let w = 0;
    // Made on the first text over a line break: most notes have none.
    let memo: TableMemo | null = null;
    while ((m = MD_LINK.exec(body)) !== null) {
      if (m[2] === undefined) continue;
      const start = m.index;
      const end = start + m[0].length;
      // A text over a line break that starts another block (`- [a` / `- b](x.md)`) is no link: the
      // links inside it, or from a later bracket on its first line, are looked for again.
      if (m[2].includes("\n") && crossesBlock(body, start, start + m[1]!.length + 1 + m[2].length, (lines ??= scanMarkdown(visible)), from, text, (memo ??= { line: -1, inTable: false, above: { line: -1, inTable: false }, pipes: DELIMITER_HINT.test(body) }))) {
        MD_LINK.lastIndex = start + 1;
        continue;
      }
      // Wiki spans are sorted and disjoint, as are these matches: one pointer finds any overlap.
      while (w < wikiSpans.length && wikiSpans[w]!.end <= start) w++;
      if (w < wikiSpans.length && wikiSpans[w]!.start < end) continue;
      let dest = m[3]!;
      if (dest.startsWith("<")) dest = dest.slice(1, -1);
      dest = dest.trim();
      const textStart = start + m[1]!.length + 1;
      if (dest === "") continue;
      if (SCHEME.test(dest)) {
        // An external link: its text is prose, its URL is not.
        maskSpans.push(shift({ start: textStart + m[2].length, end }));
        continue;
      }
      const { target, subpath } = noteDestination(dest);
      if (target === "" && (subpath === null || subpath === "")) continue;
      md.push({
        kind: "md",
        embed: m[1] === "!",
        target,
        subpath,
        alias: m[2],
        start: start + from,
        end: end + from,
        key: undefined,
        // Warnings name the link as written: `target` is decoded, and encoding it again cannot
        // tell `C%23ops.md` (a name holding `#`) from `C#ops.md` (a heading of C).
        dest: m[3]!,
      });
      maskSpans.push(shift({ start, end }));
    }
  }
  for (const s of wikiSpans) maskSpans.push(shift(s));
  if (mayHoldUrl(body)) {
    BARE_URL.lastIndex = 0;
    let u: RegExpExecArray | null;
    while ((u = BARE_URL.exec(body)) !== null) maskSpans.push(shift({ start: u.index, end: u.index + u[0].length }));
    emailSpans(body, 0, body.length, (start, end) => maskSpans.push(shift({ start, end })));
  }
  if (md.length === 0) {
    for (const l of wiki) links.push(l);
  } else {
    let a = 0;
    let b = 0;
    while (a < wiki.length || b < md.length) {
      if (b >= md.length || (a < wiki.length && wiki[a]!.start < md[b]!.start)) links.push(wiki[a++]!);
      else links.push(md[b++]!);
    }
  }
  // An HTML tag shows none of its own text (`<span title="Acme">`): only what lies between tags is read.
  if (body.includes("<")) {
    HTML_TAG.lastIndex = 0;
    let t: RegExpExecArray | null;
    while ((t = HTML_TAG.exec(body)) !== null) maskSpans.push(shift({ start: t.index, end: t.index + t[0].length }));
  }
  // Often already in order (wikilinks only): no sort, no sort buffer.
  let sorted = true;
  for (let k = 1; k < maskSpans.length && sorted; k++) sorted = maskSpans[k - 1]!.start <= maskSpans[k]!.start;
  if (!sorted) maskSpans.sort((x, y) => x.start - y.start);
  return { links, maskSpans };
}

/** Wikilinks inside frontmatter strings, in file order (§3: only wikilinks count there). */
export function extractFrontmatterLinks(fm: Frontmatter): LinkRef[] {
  const out: LinkRef[] = [];
  for (const [key, value] of fm.entries) {
    for (const s of collectStrings(value)) {
      if (s.includes("[[")) wikiLinksIn(s, out, [], "fm", key);
    }
  }
  return out;
}
