// One pass over a note's lines that finds what the rest of the engine reads: which text is
// invisible (code, math, comments — §1), the headings, the list items with their continuation
// lines, the top-level paragraphs, callout titles and bold pseudo-headings (§6). It follows
// CommonMark's container rules closely enough for notes, without building a syntax tree, so that
// a 50,000-note vault is scanned in well under a second.
import { FENCE_OPEN, htmlEnds, htmlStart, indentedFour, isThematic, itemFirstBlock, listMarkerLength, mayInterrupt, startsBlock } from "./block-starts";
import { isSpaceOrTab, SPACE, TAB } from "./char-codes";
import { closerFrom, fenceLineIn, mayBeCodeLine, ScanMemo } from "./code-spans";
import { delimiterCells, headsTable } from "./gfm-tables";
import { boldLineName, headingName, itemHeading, stripAtxClose, stripInlineMarkup } from "./heading-names";
import { afterQuoteMarkers, columnOf, indentation, quotedIndentation, quoteMarkersEnd } from "./indentation";
import { visibleSlice, type Range } from "./ranges";

export interface Heading {
  /** Line of the heading text (for setext headings, the text line). */
  line: number;
  /** Last line of the heading (the underline of a setext heading). */
  endLine: number;
  level: number;
  /** Heading text as written, trimmed, without the `#` markers (ATX) — Obsidian's `heading`. */
  text: string;
  /** Name for matching (§6): no surrounding `**`/`__`, no trailing `:`; compare with foldCase. */
  name: string;
  /** Not inside a quote, callout or list item: may be a managed section (§7). */
  topLevel: boolean;
  /**
   * For a heading inside a quote or callout (not in a list item), the quote's first line: the quote
   * ends a managed section's body (§7) and starts no section. -1 for any other heading.
   */
  quoteStart: number;
  /** The heading's line opens a comment or math block that runs on below it. */
  runsOn: boolean;
}

export interface ListItem {
  line: number;
  /** Last line that belongs to the item's text (its first line plus continuation lines). */
  endLine: number;
  /** Offset of the marker (`-`, `1.` …). */
  markerStart: number;
  /** Per line of the item's text: the range of its content (after marker, indentation, quotes). */
  lines: Range[];
  /** Status character of a task (`[ ]` → " "), or null for a plain item. */
  task: string | null;
  /** Offset of the status character. */
  taskOffset: number;
  /** Line of the parent item, or -(line of the list's first item) for a root item (Obsidian's `parent`). */
  parent: number;
  /** Headings, callout titles and bold lines above the item, innermost first (names as in Heading.name). */
  context: readonly string[];
  /** Its own text is only a heading or bold text and items are nested in it: a label for them (§6), not an item of its own. */
  heads: boolean;
}

export interface Scan {
  /** Invisible ranges (code, math, comments), sorted and disjoint. */
  hidden: Range[];
  /** The comment ranges among them (`%% %%`, `<!-- -->`), removed from items and summaries. */
  comments: Range[];
  headings: Heading[];
  items: ListItem[];
  /** Top-level paragraphs as [first line, last line]. */
  paragraphs: Array<[number, number]>;
  /** Offsets where each line starts. */
  lineStart: number[];
  /** Offsets where each line ends (before its line break). */
  lineEnd: number[];
  /** Where a fence, comment, math block or raw HTML block (types 1, 3, 4, 5) that is never closed starts (it runs to the end), or null. */
  openAtEnd: number | null;
  /**
   * Comments, math and fenced code that run on over more than one line: from the opener to the
   * start of the last line they go on to (sorted, disjoint). How such a line reads depends on the
   * lines above it, which the splice may replace.
   */
  blocks: Range[];
  /**
   * Each `$$` read as text because the one `$$` after it is code (§1): from that `$$` to the start
   * of the code line. Sorted, disjoint. Without that code the `$$` would pair with a later one.
   */
  codeClosed: Range[];
  /**
   * The callout titles in no list item, each as [its line, the first line of its quote]: a
   * callout ends a managed body as a heading in a quote does (§7).
   */
  callouts: Array<[number, number]>;
  /**
   * Lines read as the continuation of the paragraph above that a reading of lines alone may take for
   * a block of their own: lazy lines (`- a` then `b`) and lines four columns or more past what holds
   * them (`a` then `    - b`, which is no item: indented code cannot interrupt a paragraph), and a
   * quote's line with more markers than a lazy line above it in its paragraph (`> > a` / `> b` /
   * `> > c`: no new quote). Sorted.
   */
  continued: number[];
  /** The GFM tables in no quote or list item, as [header line, last row line]: no text runs from row to row. Sorted. */
  tables: Array<[number, number]>;
  /**
   * The lines of a quote inside a list item, not on the item's own line (`- a` / `  > b`), each as
   * [line, the content column of the item holding it]: a `>` left of that column opens another quote.
   * Sorted.
   */
  itemQuotes: Array<[number, number]>;
  /**
   * The lines inside a raw HTML block at the top level after its first (CommonMark types 1–6): no
   * markdown is read there, so a `>` starting one is text, not a quote marker. Sorted.
   */
  rawHtml: number[];
  /**
   * Where a line read as text starts with `>`, four columns or more into a paragraph's continuation
   * (`Big` / `    > Blue`, `> Big` / `>     > Blue`), or on a line of raw HTML in a list item past
   * the markers of a quote holding the item (`> - <div>` / `>   > Blue`): text, though it starts the
   * line. Sorted.
   */
  textGt: number[];
}

type InlineState = "" | "%%" | "<!--" | "$$";

interface OpenItem {
  item: ListItem;
  contentCol: number;
  quoteDepth: number;
  /** Still collecting continuation lines: no blank line seen yet. */
  textOpen: boolean;
  /** Opened inside a quote that is inside this (outer) item; null otherwise. */
  inQuoteOf: OpenItem | null;
  /** The `>` markers on its line when opened in a quote inside an item, and the column after them (0 otherwise). */
  marks: number;
  markBase: number;
  /**
   * Headings and bold lines inside this item (its own text, when that is a heading or bold only,
   * or a later line of its content): they head the items nested in it, and no others.
   */
  inner: ContextEntry[] | null;
  /** Its first line is only a heading or bold text: with items nested in it and no more text, a label. */
  label: boolean;
  /**
   * The lines of a later paragraph of its content (after a blank line or another block), from line
   * paraStart to paraEnd: one that paraEnd shows still open may be underlined as a heading, or continued.
   */
  para: Range[];
  paraStart: number;
  paraEnd: number;
  /**
   * Lazy lines of its first paragraph (unindented, so none of its text for §6), and the last of
   * them: a setext underline below them still makes that paragraph a heading (CommonMark).
   */
  lazy: Range[] | null;
  lazyEnd: number;
  /**
   * A GFM table ended its text: a header row and a delimiter row interrupt the item's paragraph
   * (GFM), and the rows below are a block of the item, not its text. textOpen stays as it was (the
   * rows go on as the paragraph did before, for code, lazy lines and the link search): only no line
   * is added to the text.
   */
  inTable: boolean;
  /**
   * paragraphFirst's answer for the item's first text line from firstStart to firstEnd (-1: not
   * asked yet): a line asks it of the item above it, and that first line may be long (B37-C).
   */
  firstStart: number;
  firstEnd: number;
  firstPara: boolean;
  // What the open items below it are, worked out as it is pushed (they stay while it is open: the
  // open items are a stack), so that no line walks them all (B37-C).
  /** The open items up to it have one quote depth and rising content columns (holding's binary search). */
  rising: boolean;
  /** The index in the open items of the last one up to it opened in no quote (-1: none). */
  lastPlain: number;
  /** The index of the first open item up to it opened inside a quote (-1: none). */
  firstQuoted: number;
}

interface Fence {
  char: number;
  length: number;
  quoteDepth: number;
  /** Content column of the list item holding the fence, 0 at top level. */
  baseCol: number;
  /** Offset of the opening fence's first character. */
  start: number;
  /** Opened inside a quote that is inside a list item: it ends with that quote. */
  inItemQuote: boolean;
}

interface ContextEntry {
  name: string;
  line: number;
  kind: "heading" | "callout" | "bold";
  level: number;
  /**
   * Quote depth it was found at: a heading or bold line in a quote heads only that quote's items, as
   * a callout's title does. In an item's `inner`, which ends with the item: the `>` count of a quote
   * inside the item holding it (B36-D), else 0.
   */
  depth: number;
}

/** A context entry of the note (not of an item), with the order it was found in. */
interface OrderedEntry extends ContextEntry {
  order: number;
}

interface ListRun {
  marker: string;
  startLine: number;
}

const SETEXT_EQ = /^=+[ \t]*$/;
const SETEXT_DASH = /^-+[ \t]*$/;
const CALLOUT = /^\[!([^\]]+)\]([+-]?)(.*)$/;
const BLOCK_ID_LINE = /^\^[A-Za-z0-9-]+$/;
const TASK_BOX = /^\[(.)\](?=[ \t]|$)/u;
/** What scanInline acts on; everything else on a line is skipped. */
const INLINE_SPECIAL = /\\|`|%%|<!--|\$\$/g;

/**
 * How many times one scan may start again to take back a `$$` it read as text (below): a few
 * such `$$` are rare in a note, and a hostile one costs at most this many more passes.
 */
const MAX_MATH_RESTARTS = 4;
/**
 * Items open at once, beyond which a list marker right after an item's marker is text, not another
 * item on that line (a bound like markdown-it's nesting limit; Lezer has none): every later line is checked against the
 * open items, and `- - - … x` would open one per marker, making a long note quadratic.
 */
const MAX_SAME_LINE_DEPTH = 100;

/** Scans `text` from `bodyStart` (just after the frontmatter). Offsets are into `text`. */
export function scanMarkdown(text: string, bodyStart = 0): Scan {
  // A `$$` whose closer lies past a fence line is read as text until the closer's line shows
  // whether that fence holds it (then it closes nothing: §1); if not, the `$$` was math after all,
  // and the scan starts again knowing so.
  let mathAt: Set<number> | null = null;
  for (;;) {
    const scan = scanOnce(text, bodyStart, mathAt);
    if (typeof scan === "number") {
      (mathAt ??= new Set()).add(scan);
      continue;
    }
    // A tab right after `>` moves the quote's content (B33-B); the line without `>` right after a
    // quote line is read as the scan before B33-B read it, lazy or not (B33-E): else a managed
    // section's setext heading below (`>\t  a` / `Key Facts` / `---`) would appear or vanish on a
    // page with the upgrade, and the user's lines below it be replaced (§7). Only a note holding `>\t`
    // is scanned again, once that way to learn those lines' reading, once with it.
    if (!text.includes(">\t")) return scan;
    const before = new Map<number, boolean>();
    if (typeof scanOnce(text, bodyStart, mathAt, before, true) === "number") return scan;
    const again = scanOnce(text, bodyStart, mathAt, before);
    return typeof again === "number" ? scan : again;
  }
}

/**
 * The headings in quotes (not in list items) of a note holding `>\t`, as the scan before B33-B read
 * them (a whole tab after `>` the marker's space); none for another note. The tab's columns can
 * unmake a quoted heading (`>\t  a` / `>\t---`: code and a rule now; `> a` / `>\t  ---`: one
 * paragraph): findSections still ends a managed body there, as the builds before did, so the user's
 * quote below it is not replaced on the upgrade (B33-H).
 */
export function quoteHeadingsBeforeTabs(text: string, bodyStart = 0): Heading[] {
  if (!text.includes(">\t")) return [];
  let mathAt: Set<number> | null = null;
  for (;;) {
    const scan = scanOnce(text, bodyStart, mathAt, new Map(), true);
    if (typeof scan === "number") {
      (mathAt ??= new Set()).add(scan);
      continue;
    }
    return scan.headings.filter((h) => !h.topLevel && h.quoteStart >= 0);
  }
}

/** One pass; returns the offset of a `$$` it read as text but must read as math, to start again. */
/**
 * `lazyBefore`, with `oldTabs`: read a tab right after `>` as the marker's space alone (as before
 * B33-B) and record, per line without `>` right after a quote line, whether it was a lazy line; without
 * `oldTabs`: take those readings (scanMarkdown).
 */
function scanOnce(text: string, bodyStart: number, mathAt: ReadonlySet<number> | null, lazyBefore: Map<number, boolean> | null = null, oldTabs = false): Scan | number {
  const hidden: Range[] = [];
  const comments: Range[] = [];
  const headings: Heading[] = [];
  const items: ListItem[] = [];
  const paragraphs: Array<[number, number]> = [];
  const lineStart: number[] = [];
  const lineEndArr: number[] = [];

  // Lines before bodyStart (frontmatter) are recorded so that line numbers match the file.
  {
    let s = 0;
    for (;;) {
      lineStart.push(s);
      const nl = text.indexOf("\n", s);
      if (nl < 0) {
        lineEndArr.push(text.length);
        break;
      }
      lineEndArr.push(nl > s && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      s = nl + 1;
    }
  }

  const blocks: Range[] = [];
  const codeClosed: Range[] = [];
  const callouts: Array<[number, number]> = [];
  const continued: number[] = [];
  const tables: Array<[number, number]> = [];
  const itemQuotes: Array<[number, number]> = [];
  const rawHtml: number[] = [];
  const textGt: number[] = [];
  /** A line's text starts at `at`: a `>` there is text (no quote marker would have been left there). */
  const textStarts = (at: number): void => {
    if (text.charCodeAt(at) === 62) textGt.push(at);
  };
  /** A block opened at `opener` goes on to the line starting at `at`. */
  const goesOn = (opener: number, at: number): void => {
    const last = blocks[blocks.length - 1];
    // A comment opened before a list item's fence on its line, going on with it: one block.
    if (last !== undefined && last.end >= opener) last.end = Math.max(last.end, at);
    else blocks.push({ start: opener, end: at });
  };

  const addHidden = (start: number, end: number, isComment: boolean): void => {
    if (end <= start) return;
    const last = hidden[hidden.length - 1];
    if (last && last.end >= start) last.end = Math.max(last.end, end);
    else hidden.push({ start, end });
    if (isComment) {
      const lc = comments[comments.length - 1];
      if (lc && lc.end >= start) lc.end = Math.max(lc.end, end);
      else comments.push({ start, end });
    }
  };

  let inline: InlineState = "";
  // Made by the first `$$` that looks for its closer: most notes have none.
  let memo: ScanMemo | null = null;
  const scanMemo = (): ScanMemo => (memo ??= new ScanMemo(text, lineStart, lineEndArr));
  let inlineStart = 0;
  /** Offset of the closer of the open comment or math block (-1: none in the rest of the text). */
  let closerAt = -1;
  let fence = null as Fence | null;
  /** The last line read as code: inside a fence (its opening line included) or indented code. */
  let codeLine = -1;
  /** A `$$` read as text for now, and the line of the closer it would have. */
  let pending = null as { opener: number; line: number } | null;
  const mayDefer = mathAt === null || mathAt.size < MAX_MATH_RESTARTS;
  const open: OpenItem[] = [];
  // The open items are a stack: an item is pushed once, when its line is read, and leaves by a pop or
  // a cut of `open.length`, so what lies below an open item stays as it was when it was pushed. Each
  // item keeps what a line asks of the items below it (OpenItem.rising, lastPlain, firstQuoted):
  // with N items open, a line walked them all to find the one holding it, and a run of
  // lazy (or blank) lines leaves them all open: N nested items and N² such lines were N^1.5 in the
  // note's length (B37-C). The items' content columns rise with their nesting, at one quote depth
  // (an item is pushed right onto the one holding its line, once the items above that one are
  // closed, or onto nothing), so the items holding a line are found by a binary search. A stack that
  // were otherwise (`rising` false; none of the notes, shapes and random notes of B37-C had one) is
  // walked as before.
  /** In a rising stack, how many open items have their content at column `col` or left of it (the first ones). */
  const risingCount = (col: number): number => {
    let lo = 0;
    let hi = open.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (open[mid]!.contentCol <= col) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The item holding a quote whose lines are being read: the last open item not opened inside one. */
  const quoteHolder = (): OpenItem | null => {
    const k = open.length === 0 ? -1 : open[open.length - 1]!.lastPlain;
    return k >= 0 ? open[k]! : null;
  };
  /** How many open items, from the outermost, hold a line at quote depth `quoteDepth` and column `col`: one past the innermost that does. */
  const holding = (quoteDepth: number, col: number): number => {
    const n = open.length;
    if (n === 0) return 0;
    const top = open[n - 1]!;
    if (top.quoteDepth === quoteDepth && col >= top.contentCol) return n;
    if (top.rising) return top.quoteDepth === quoteDepth ? risingCount(col) : 0;
    let keep = n - 1;
    while (keep > 0) {
      const o = open[keep - 1]!;
      if (o.quoteDepth === quoteDepth && col >= o.contentCol) break;
      keep--;
    }
    return keep;
  };
  /** The content column of the innermost open item, not opened inside a quote it holds, whose content holds column `ind` (0: none). */
  const plainColAt = (ind: number): number => {
    const n = open.length;
    if (n === 0) return 0;
    const top = open[n - 1]!;
    if (!top.rising) return itemColAt(open, ind);
    if (top.quoteDepth !== 0) return 0;
    const m = risingCount(ind);
    const k = m === 0 ? -1 : open[m - 1]!.lastPlain;
    return k >= 0 ? open[k]!.contentCol : 0;
  };
  /**
   * One past the items right after open item `h` opened inside a quote it holds (the items a line of
   * that quote keeps). Those are all the open items opened in its quote: an item's quote holder is
   * the last open item opened in no quote, so none is above `h` while they are pushed. Walked from the
   * innermost: the items walked are those the line then closes.
   */
  const keptAfter = (h: number): number => {
    const holder = open[h];
    let k = open.length - 1;
    while (k > h && open[k]!.inQuoteOf !== holder) k--;
    return k + 1;
  };
  /**
   * Open items below this index have no text open (textOpen only starts true, on an item's own
   * line): a blank line, a fence or a comment line ends the open items' text without walking those
   * ended already (B37-C: N nested items then N² blank lines walked them all on every line).
   */
  let textOpenFrom = 0;
  /** Ends the text of the open items at index `to` and below (all by default). */
  const endTexts = (to = open.length - 1): void => {
    for (let k = textOpenFrom; k <= to; k++) open[k]!.textOpen = false;
    if (to + 1 > textOpenFrom) textOpenFrom = to + 1;
  };
  /** Last list per nesting depth, to know whether a new root item starts a new list. */
  const listRuns: Array<ListRun | null> = [];
  let paraStart = -1; // first line of the open top-level paragraph
  let paraIsTable = false;
  /**
   * The open paragraph's second line looks like a delimiter row, of any cell count: no setext
   * underline below makes a heading of it. That is how every build before B33-I read a table (the
   * cell counts unchecked); kept for headings only, since a heading GFM sees there (`a` / `--|--` /
   * `---`) could make a managed section appear on a page where the user's lines below it were
   * theirs (B33-I). `paraIsTable` (the summary's run) follows GFM.
   */
  let paraNoSetext = false;
  /** The header line of the GFM table the open paragraph is (-1: none). */
  let tableStart = -1;
  let prevTextLine = false; // previous line was paragraph-like text (setext / lazy continuation)
  let prevTextTopLevel = false;
  let prevQuoteText = false; // previous line was paragraph text inside a quote (lazy continuation)
  let inItemQuote = false; // …a quote inside a list item
  let htmlBlock = false; // inside a top-level HTML block (type 6), which a blank line ends
  let htmlItem: OpenItem | null = null; // the list item holding the HTML block (type 6) the line is in
  /** The type of the raw HTML block htmlBlock or htmlItem is in: 6 ends at a blank line, 1, 3, 4 and 5 at their end (htmlEnds). */
  let htmlType = 6;
  /** Where the top-level HTML block of type 1, 3, 4 or 5 the line is in opened (-1: none): unclosed, it runs to the end. */
  let htmlAt = -1;
  let commentBlock = false; // inside a top-level HTML comment block (type 2), which its `-->` line ends
  // The note's headings, bold lines and callout titles heading the items below them (§6), kept so
  // that a line costs what it adds and what it ends, not all the others (B36-G: a quote holds one
  // bold line and six headings per depth, and a lazy line with fewer `>` keeps them all open, so
  // filtering and sorting them all on each bold line of a run of lazy lines was O(depth) a line).
  // Bold lines, and headings of each level (1–6), in stacks by quote depth, deepest last: one found
  // at a depth ends those of its depth and deeper, which are the top of the stack. Callout titles by
  // depth (`length` trimmed as quotes end: a note's deepest quote is not walked again on every end).
  const boldContext: OrderedEntry[] = [];
  const headingContext: OrderedEntry[][] = [[], [], [], [], [], [], []];
  const calloutAtDepth: Array<OrderedEntry | null> = [];
  /** The order entries were found in: names on one line keep it. */
  let contextOrder = 0;
  /** Their names, latest line first; null: to be worked out again when an item next takes them. */
  let contextNames: readonly string[] | null = [];
  let lastQuoteDepth = 0;
  /** The depth of the deepest quote still open for the note's context: lazy lines with fewer `>` keep it (B36-D). */
  let contextDepth = 0;
  let quoteStart = -1; // first line of the quote the line is in (see Heading.quoteStart)
  // The paragraph of a quote that is in no list item, which a setext underline at its depth makes
  // a heading: its first line, its depth and its last line (-1: none open).
  let quoteParaStart = -1;
  let quoteParaDepth = 0;
  let quoteParaEnd = -1;
  /**
   * The quote's paragraph began as a lazy line of a deeper quote's item or callout title (`> > - a`
   * then `> b`): that paragraph is the deeper one's, so a marker at this depth is no continuation of it.
   */
  let quoteParaLazy = false;
  /** The depth of that deeper quote (0: the paragraph is none such). */
  let quoteParaLazyDepth = 0;
  /** The fewest quote markers on a line of that paragraph so far (a lazy line has none). */
  let quoteParaMin = 0;
  // The paragraph of a quote inside a list item that is no item's text (`- a` / `  > q`): its lines
  // (lazy ones included), the `>` count of its first line, and its last line (-1: none open). A line
  // four columns past the quote's content continues it (`  >     more`: indented code cannot
  // interrupt a paragraph), and a setext underline at its depth makes it a heading in the item.
  const itemQuotePara: Range[] = [];
  let itemQuoteParaStart = -1;
  let itemQuoteParaMarks = 0;
  let itemQuoteParaEnd = -1;
  // The item holding that paragraph's quote: a line whose `>` another item holds (`- a` / `  - > q` /
  // `  >     x`: the inner item has ended, and its quote) opens a new quote, where the paragraph ends.
  let itemQuoteParaHolder: OpenItem | null = null;
  // Those readings (B33-C) change no line after the quote: a line without `>` right after a line of
  // the quote that they read otherwise is read as before them (lazy or not), and so all below it. A
  // setext heading with a managed name there (`Key Facts` / `---`) must not appear or vanish on a page
  // with an upgrade (§7: lines would be replaced). So such a line (quoteOldLine) is kept with what
  // prevTextLine was after it before (quoteOldPrev); and an item in the quote whose text an underline
  // now ends, where before its text went on (quoteOldText, through line quoteOldTextLine).
  let quoteOldLine = -1;
  let quoteOldPrev = false;
  let quoteOldText: OpenItem | null = null;
  let quoteOldTextLine = -1;

  /** Set once an item holds a heading or bold line: until then every item takes contextNames as it is. */
  let anyInner = false;
  /**
   * The deepest quote inside a list item (its `>` count there) whose heading or bold line an open
   * item's `inner` holds; 0: none. Such a quote's names end with it, as a top-level quote's do (B36-D).
   */
  let innerQuoteDepth = 0;
  const addInner = (o: OpenItem, entry: ContextEntry): void => {
    // One in a quote inside the item replaces only those of that quote (or of a deeper one in it).
    const kept = (o.inner ?? []).filter((c) => c.depth < entry.depth || (entry.kind === "bold" ? c.kind !== "bold" : c.kind === "heading" && c.level < entry.level));
    kept.push(entry);
    o.inner = kept;
    anyInner = true;
    if (entry.depth > innerQuoteDepth) innerQuoteDepth = entry.depth;
  };
  /** Quotes inside list items deeper than `marks` have ended: their headings and bold lines head nothing more. */
  const closeItemQuotes = (marks: number): void => {
    if (innerQuoteDepth <= marks) return;
    for (const o of open) if (o.inner !== null && o.inner.some((c) => c.depth > marks)) o.inner = o.inner.filter((c) => c.depth <= marks);
    innerQuoteDepth = marks;
  };
  /** A new item's context: the headings inside the items it is nested in (innermost first), then the note's. */
  const itemContext = (): readonly string[] => {
    const noteNames = (contextNames ??= sortedContextNames());
    if (!anyInner) return noteNames;
    let names: string[] | null = null;
    for (let k = open.length - 1; k >= 0; k--) {
      const inner = open[k]!.inner;
      if (inner !== null) for (let e = inner.length - 1; e >= 0; e--) (names ??= []).push(inner[e]!.name);
    }
    return names === null ? noteNames : [...names, ...noteNames];
  };
  /** The names of the note's context entries, latest line first (in the order found on one line). */
  const sortedContextNames = (): readonly string[] => {
    const all: OrderedEntry[] = [...boldContext];
    for (const level of headingContext) for (const c of level) all.push(c);
    for (const c of calloutAtDepth) if (c) all.push(c);
    all.sort((a, b) => b.line - a.line || a.order - b.order);
    return all.map((c) => c.name);
  };
  /** Ends the entries of `stack` (in depth order) found at quote depth `depth` or deeper. */
  const endFrom = (stack: OrderedEntry[], depth: number): boolean => {
    const n = stack.length;
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    return stack.length !== n;
  };

  /**
   * A bold line heads the items after it, up to the next heading or bold line (§6). In a quote, up
   * to the quote's end too, and those outside it stay: they hold again after the quote (B36-B).
   */
  const setBoldContext = (name: string, line: number, depth: number): void => {
    endFrom(boldContext, depth);
    boldContext.push({ name, line, kind: "bold", level: 7, depth, order: contextOrder++ });
    contextNames = null;
  };
  /** A heading ends the bold lines and the headings of its level or a lower one (`###` below `##`) of its quote and deeper ones. */
  const setHeadingContext = (name: string, level: number, line: number, depth: number): void => {
    endFrom(boldContext, depth);
    for (let l = level; l <= 6; l++) endFrom(headingContext[l]!, depth);
    headingContext[level]!.push({ name, line, kind: "heading", level, depth, order: contextOrder++ });
    contextNames = null;
  };

  /** The item's text so far is a setext heading, underlined on line `ln`. */
  const itemSetext = (o: OpenItem, level: number, ln: number, depth: number): void => {
    const item = o.item;
    const own = item.lines[0]!.start === item.lines[0]!.end ? item.lines.slice(1) : item.lines;
    const line = item.line + item.lines.length - own.length;
    const lines = o.lazy === null ? own : [...own, ...o.lazy].sort((a, b) => a.start - b.start);
    setextInItem(o, lines, line, level, ln, depth);
    if (line === item.line) o.label = true;
    item.task = null;
    item.taskOffset = -1;
    o.textOpen = false;
  };

  /** A later paragraph of the item, lines `o.para`, is a setext heading underlined on line `ln`. */
  const paraSetext = (o: OpenItem, level: number, ln: number): void => {
    setextInItem(o, o.para, o.paraStart, level, ln, 0);
    o.paraEnd = -1;
  };

  /** The heading in item `o` whose text is `lines` (from line `line`), underlined on line `ln`; `depth`: its `>` count in a quote inside the item (0: none). */
  const setextInItem = (o: OpenItem, lines: readonly Range[], line: number, level: number, ln: number, depth: number): void => {
    const raw = lines.map((r) => text.slice(r.start, r.end).trim()).join(" ").trim();
    const name = headingName(lines.map((r) => visibleSlice(text, r.start, r.end, hidden).trim()).join(" ").trim());
    headings.push({ line, endLine: ln, level, text: raw, name, topLevel: false, quoteStart: -1, runsOn: inline !== "" });
    addInner(o, { name, line, kind: "heading", level, depth });
  };

  /** The current candidate for a summary (§7): top-level lines not starting with `#`, `|` or `^id`. */
  let sumStart = -1;
  const closeSum = (line: number): void => {
    if (sumStart >= 0) paragraphs.push([sumStart, line - 1]);
    sumStart = -1;
  };
  /** Quotes deeper than `depth` have ended: their callout titles, headings and bold lines no longer head the items below. */
  const closeCallouts = (depth: number): void => {
    let changed = endFrom(boldContext, depth + 1);
    for (const level of headingContext) if (endFrom(level, depth + 1)) changed = true;
    for (let d = depth + 1; d < calloutAtDepth.length; d++) if (calloutAtDepth[d]) changed = true;
    if (calloutAtDepth.length > depth + 1) calloutAtDepth.length = depth + 1;
    if (changed) contextNames = null;
  };

  const closePara = (line: number): void => {
    if (tableStart >= 0) tables.push([tableStart, line - 1]);
    tableStart = -1;
    closeSum(line);
    paraStart = -1;
    paraIsTable = false;
    paraNoSetext = false;
  };

  /**
   * Is the line [from, to) (line `ln`) a delimiter row with as many cells as the line above, the
   * last of item `o`'s text or a lazy line of it? Then that line is a table's header: it leaves the
   * item's text (a header on the item's own line leaves it none, and no task).
   */
  const itemTableStarts = (o: OpenItem, ln: number, from: number, to: number): boolean => {
    const item = o.item;
    const own = item.endLine === ln - 1;
    if (!own && o.lazyEnd !== ln - 1) return false;
    const cells = delimiterCells(text, from, to);
    if (cells <= 0) return false;
    const header = own ? item.lines[item.lines.length - 1]! : o.lazy![o.lazy!.length - 1]!;
    if (!headsTable(text, header.start, header.end, cells)) return false;
    // A lazy line four columns past its last quote marker (its optional space not counted) heads no
    // table (links.ts's tableStartsAt asks the same).
    if (!own && indentedFour(text, text.lastIndexOf("\n", header.start - 1) + 1, header.start)) return false;
    if (!own) {
      o.lazy!.pop();
      o.lazyEnd = -1;
    } else if (item.lines.length > 1) {
      item.lines.pop();
      item.endLine = Math.max(item.line, ln - 2);
    } else {
      item.lines[0] = { start: header.end, end: header.end };
      item.task = null;
      item.taskOffset = -1;
      o.label = false;
    }
    return true;
  };

  // Where the next `\`, `` ` ``, `%%`, `<!--` or `$$` starts: found by one native search and
  // reused while the lines before it are scanned, so the text is searched once, not per character.
  let specialFrom = 0;
  let specialAt = -1;
  const nextSpecial = (i: number): number => {
    if (i < specialFrom || i > specialAt) {
      INLINE_SPECIAL.lastIndex = i;
      const m = INLINE_SPECIAL.exec(text);
      specialAt = m ? m.index : text.length;
      specialFrom = i;
    }
    return specialAt;
  };

  /** Hides inline code, math and comments within [from, end) of one line; returns the new state. */
  const scanInline = (from: number, end: number): void => {
    let i = from;
    // Made only on a line with an unclosed backtick run: most lines have none.
    let noCloser: number[] | null = null;
    while (i < end) {
      // Characters that start nothing are skipped in one jump.
      i = nextSpecial(i);
      if (i >= end) return;
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        i += 2;
        continue;
      }
      if (c === 96 /* ` */) {
        let n = 1;
        while (i + n < end && text.charCodeAt(i + n) === 96) n++;
        // No closer of this length after an earlier opener means none after this one either.
        if (noCloser !== null && noCloser.includes(n)) {
          i += n;
          continue;
        }
        let j = i + n;
        let closed = -1;
        while (j < end) {
          const k = text.indexOf("`", j);
          if (k < 0 || k >= end) break;
          let m = 1;
          while (k + m < end && text.charCodeAt(k + m) === 96) m++;
          if (m === n) {
            closed = k + m;
            break;
          }
          j = k + m;
        }
        if (closed < 0) {
          (noCloser ??= []).push(n);
          i += n;
          continue;
        }
        addHidden(i, closed, false);
        i = closed;
        continue;
      }
      const opener =
        c === 37 && text.charCodeAt(i + 1) === 37 ? "%%" : c === 60 && text.startsWith("<!--", i) ? "<!--" : c === 36 && text.charCodeAt(i + 1) === 36 ? "$$" : "";
      if (opener !== "") {
        const closer = opener === "<!--" ? "-->" : opener;
        const isComment = opener !== "$$";
        const k = closerFrom(text, closer, i + opener.length, scanMemo);
        if (k >= 0 && k + closer.length <= end) {
          addHidden(i, k + closer.length, isComment);
          i = k + closer.length;
          continue;
        }
        if (k < 0 && !isComment) {
          // §1: only an unclosed fence, `%%` or `<!--` runs to the end of the file; math is a
          // `$$…$$` pair, so a `$$` with no closer ("$$$", "costs $$5") is text.
          i += 2;
          continue;
        }
        if (!isComment && mayDefer && pending === null && !(mathAt?.has(i) ?? false) && (fenceLineIn(text, end, k) || mayBeCodeLine(text, scanMemo(), k))) {
          // A `$$` in a fenced or indented code block further down (`echo $$` in a shell script)
          // closes no math above it: read on as text until the closer's line shows whether it is code.
          pending = { opener: i, line: scanMemo().lineOf(k) };
          i += 2;
          continue;
        }
        // Not closed on this line: a block that runs on below, to its closer or the end (§1).
        addHidden(i, end, isComment);
        inline = opener;
        inlineStart = i;
        closerAt = k;
        return;
      }
      i++;
    }
  };

  /** In a comment or math block that started on an earlier line: returns where the line resumes, or -1. */
  const continueInline = (start: number, end: number): number => {
    goesOn(inlineStart, start);
    const closer = inline === "<!--" ? "-->" : inline;
    // Where the block closes was found when it opened; searching again on every line inside it
    // would cost the rest of the file per line.
    if (closerAt >= 0 && closerAt < start) closerAt = closerFrom(text, closer, start, scanMemo);
    const k = closerAt;
    if (k >= 0 && k + closer.length <= end) {
      addHidden(start, k + closer.length, inline !== "$$");
      inline = "";
      return k + closer.length;
    }
    addHidden(start, end, inline !== "$$");
    return -1;
  };

  const firstBodyLine = firstLineAt(lineStart, bodyStart);
  /**
   * A quote opening an item's content (`- > a`) is read as a quote in that item: the line is read
   * again from its `>`, at the item's content column (resumeCol), after the item is opened.
   */
  let resumeAt = -1;
  let resumeCol = 0;

  // The line loop below hands each kind of line to one of the readers that follow, which share the
  // scan's state with it. Written as one loop the scanner was one function that TurboFan took 225–258
  // ms to compile in a cold process (the CLI's first index), the scan running unoptimised all the
  // while; split, each reader is compiled on its own once it is hot, the largest in a fifth of that
  // (docs/performance.md, eighteenth round). A reader that answers `true` has read the line, and the
  // loop goes on to the next; `false` leaves the line to the loop, though the reader may have changed
  // state first (closed items, a fence, a quote in an item). quoteInItem is the exception: its `true`
  // only says how the rest of the line is read.

  /**
   * Would line `ln` continue the paragraph open in its innermost container `c` (if it starts no block)?
   * A quote starting on this line (after a paragraph, an item's text or in a quote) has no paragraph
   * yet (`text` then `>     code`). In a quote inside an item, the quote's paragraph goes on at its
   * depth or a shallower one (a deeper `>` opens a quote of its own, `  > a` / `  > >     code`).
   */
  const continuesParagraph = (c: OpenItem | undefined, ln: number, itemQuote: boolean, quoteMarks: number, quoteDepth: number): boolean =>
    prevTextLine &&
    (c
      ? c.textOpen || (itemQuote ? itemQuoteParaEnd === ln - 1 && quoteMarks <= itemQuoteParaMarks : c.paraEnd === ln - 1)
      : quoteDepth === 0
        ? paraStart >= 0
        : quoteDepth <= lastQuoteDepth);

  /** A line that starts inside a comment or math block opened on an earlier line. */
  const inlineLine = (ln: number, ls: number, le: number): void => {
    // Read as blank for the block structure: raw HTML (type 6) in an item ends here. Types 1, 3,
    // 4 and 5 go on over blank lines, to the line holding their end — in the comment too: the
    // block structure does not know comments (CommonMark), the comment still hides what it holds.
    if (htmlType === 6) htmlItem = null;
    else if ((htmlBlock || htmlItem !== null) && htmlEnds(text, htmlItem === null ? ls : Math.max(ls, itemTextStart(text, ls, le, htmlItem)), le, htmlType)) {
      htmlBlock = false;
      htmlItem = null;
      htmlAt = -1;
      htmlType = 6;
    }
    const resume = continueInline(ls, le);
    if (resume < 0) {
      // A line wholly inside a comment or math block counts as blank for the block structure.
      endTexts();
      closePara(ln);
      prevTextLine = false;
      return;
    }
    scanInline(resume, le);
    if (commentBlock) {
      // The line holding the `-->` ends the HTML block: the next line starts a block of its own.
      commentBlock = inline !== "";
      prevTextLine = false;
      return;
    }
    const innermost = open[open.length - 1];
    if (innermost && innermost.textOpen && !innermost.inTable) {
      innermost.item.lines.push({ start: resume, end: le });
      innermost.item.endLine = ln;
    }
  };

  // A quote indented into an open list item belongs to that item (CommonMark's containers nest
  // either way); it is none of that item's text, and no top-level block. Its lines are read with
  // their `>` markers taken as spaces: columns are kept, so the lists, fences and code inside the
  // quote nest under the item as they do inside the quote, and their items are found (§6: items at
  // any depth, inside quotes too). Callout titles there head nothing.
  /** A quote indented into an open list item: is line `ln` one (then the loop reads on, its markers taken as spaces)? */
  const quoteInItem = (ln: number, le: number, lineIndent: { col: number; end: number }): boolean => {
    let itemQuote = false;
    const { col: ind, end: r } = lineIndent;
    if (r >= le || text.charCodeAt(r) !== 62 /* > */) return false;
    const h = holding(0, ind) - 1;
    const holder = h >= 0 ? open[h] : undefined;
    // A fence of an inner item ends where the line starts left of its content.
    const fenceEnds = fence !== null && fence.quoteDepth === 0 && !fence.inItemQuote && ind < fence.baseCol;
    if (holder && ind - holder.contentCol < 4 && (fence === null || fence.inItemQuote || fenceEnds)) {
      if (fenceEnds) fence = null;
      // Items after the holder stay open only if they were opened inside this quote.
      const keepTo = keptAfter(h);
      open.length = keepTo;
      endTexts(h);
      if (!inItemQuote) {
        closePara(ln);
        // The item's paragraph above does not go on into the quote.
        prevTextLine = false;
      }
      itemQuote = true;
      inItemQuote = true;
      if (holder !== itemQuoteParaHolder) itemQuoteParaEnd = -1;
      itemQuoteParaHolder = holder;
      itemQuotes.push([ln, holder.contentCol]);
      prevQuoteText = true;
    }
    return itemQuote;
  };

  /** Line `ln`, no quote in an item: is it a lazy line of a quote's paragraph (then read)? If not, a quote in an item ends here. */
  const quoteLazy = (ln: number, le: number, lineIndent: { col: number; end: number }): boolean => {
    const { col: ind, end: r } = lineIndent;
    // Right after a line of the quote that ends otherwise than before B33-C, a line without `>` is
    // read as before (a lazy line or not), and so is everything after it.
    if (inItemQuote && quoteOldLine === ln - 1) prevTextLine = quoteOldPrev;
    // A plain line right after a quote's paragraph continues it (a lazy line), whatever follows.
    let lazy =
      prevQuoteText &&
      prevTextLine &&
      (lastQuoteDepth > 0 || inItemQuote) &&
      r < le &&
      // Four columns in, a `>` is no quote marker but text.
      (ind >= 4 || text.charCodeAt(r) !== 62) &&
      // Indented four or more, the line starts no block (indented code cannot interrupt a
      // paragraph): after a top-level quote's paragraph it is a lazy line too. After the paragraph
      // of a quote inside a list item, measured from the content of the item holding the line.
      (inItemQuote
        ? ind - plainColAt(ind) >= 4 || !startsBlock(text, r, le)
        : (ind < 4 ? !startsBlock(text, r, le) : lastQuoteDepth > 0) && holding(0, ind) === 0);
    if (lazyBefore !== null && (lastQuoteDepth > 0 || inItemQuote) && r < le && (ind >= 4 || text.charCodeAt(r) !== 62)) {
      // A line without `>` right after a quote line: lazy as it was before B33-B (scanMarkdown).
      if (oldTabs) lazyBefore.set(ln, lazy);
      else {
        const old = lazyBefore.get(ln);
        if (old !== undefined && old !== lazy) {
          lazy = old;
          if (!old) prevTextLine = false;
        }
      }
    }
    if (lazy) {
      textStarts(r);
      scanInline(r, le);
      continued.push(ln);
      if (quoteParaEnd === ln - 1) {
        quoteParaEnd = ln;
        quoteParaMin = 0;
      }
      if (itemQuoteParaEnd === ln - 1) {
        itemQuotePara.push({ start: r, end: le });
        itemQuoteParaEnd = ln;
      } else if (inItemQuote) {
        // A lazy line of the text of an item in that quote: an underline below may still head it.
        const o = open[open.length - 1];
        if (o !== undefined && o.inQuoteOf !== null && o.textOpen && (o.item.endLine === ln - 1 || o.lazyEnd === ln - 1)) {
          (o.lazy ??= []).push({ start: r, end: le });
          o.lazyEnd = ln;
        }
      }
      if (quoteOldTextLine === ln - 1) quoteOldTextLine = ln;
      prevTextTopLevel = false;
      return true;
    }
    if (inItemQuote) {
      // The quote has ended: so have the items and the fence inside it, and its headings.
      const k = open.length === 0 ? -1 : open[open.length - 1]!.firstQuoted;
      if (k >= 0) open.length = k;
      if (fence !== null && fence.inItemQuote) fence = null;
      closeItemQuotes(0);
    }
    inItemQuote = false;
    return false;
  };

  /** Inside a fenced code block: the fence ends at its closing line or when its container does. Is the line code? */
  const fenceLine = (ln: number, ls: number, le: number, p: number, col0: number, quoteDepth: number, itemQuote: boolean): boolean => {
    if (fence === null) return false;
    // A quote starting on the line of a list item's fence began left of the item's content.
    let closesContainer = quoteDepth < fence.quoteDepth || (quoteDepth > 0 && fence.quoteDepth === 0 && !fence.inItemQuote);
    const { col, end: q } = itemQuote ? quotedIndentation(text, p, le, col0) : indentation(text, p, le);
    const blank = q >= le;
    if (!blank && fence.baseCol > 0 && col < fence.baseCol) closesContainer = true;
    if (!closesContainer) {
      goesOn(fence.start, ls);
      if (!blank && col - fence.baseCol < 4 && text.charCodeAt(q) === fence.char) {
        let n = 0;
        while (q + n < le && text.charCodeAt(q + n) === fence.char) n++;
        let rest = q + n;
        while (rest < le && isSpaceOrTab(text.charCodeAt(rest))) rest++;
        if (n >= fence.length && rest >= le) {
          addHidden(ls, le, false);
          codeLine = ln;
          fence = null;
          prevTextLine = false;
          return true;
        }
      }
      addHidden(ls, le, false);
      codeLine = ln;
      return true;
    }
    fence = null;
    return false;
  };

  /** Closes the list items that do not hold line `ln`, unless it is a lazy line of one (then read). */
  const itemLazy = (ln: number, le: number, restStart: number, col: number, quoteDepth: number, itemQuote: boolean, quoteBase: number): boolean => {
    const innermostBefore = open[open.length - 1];
    const keep = holding(quoteDepth, col);
    let lazy = false;
    if (keep < open.length) {
      // Any paragraph of the item (its first or a later one) may continue lazily.
      if (
        innermostBefore &&
        prevTextLine &&
        !prevTextTopLevel &&
        quoteDepth === innermostBefore.quoteDepth &&
        // Four columns past what still holds the line (`  1. Plan` then `    - x`), it starts no
        // block: indented code cannot interrupt a paragraph (`  1. -` has none: its item is empty).
        ((col - Math.max(keep > 0 ? open[keep - 1]!.contentCol : 0, itemQuote ? quoteBase : 0) >= 4 &&
          (paragraphFirst(text, innermostBefore) || innermostBefore.paraEnd === ln - 1)) ||
          !startsBlock(text, restStart, le))
      ) {
        lazy = true;
      } else {
        open.length = keep;
      }
    }
    if (lazy) {
      // CommonMark keeps a lazy line in the item; §6 takes only indented continuation lines as its text.
      textStarts(restStart);
      scanInline(restStart, le);
      continued.push(ln);
      const o = innermostBefore!;
      if (o.textOpen && (o.item.endLine === ln - 1 || o.lazyEnd === ln - 1)) {
        (o.lazy ??= []).push({ start: restStart, end: le });
        o.lazyEnd = ln;
      }
      if (innermostBefore!.paraEnd === ln - 1) {
        innermostBefore!.para.push({ start: restStart, end: le });
        innermostBefore!.paraEnd = ln;
      }
      if (itemQuoteParaEnd === ln - 1) {
        itemQuotePara.push({ start: restStart, end: le });
        itemQuoteParaEnd = ln;
      }
      // §6: "a line that is only bold text acts as a heading for the items after it" — also one
      // written straight after a list item, unindented (`- fact` then `**Decisions:**`).
      if (col === 0 && quoteDepth === 0) {
        const bold = boldLineName(text, restStart, le);
        if (bold !== null) setBoldContext(bold, ln, 0);
      }
      lastQuoteDepth = quoteDepth;
      return true;
    }
    return false;
  };

  /** Raw HTML, indented code, a fence's opening line or a callout's title: is line `ln` one (then read)? */
  const blockStart = (ln: number, ls: number, le: number, q: number, first: number, quoteDepth: number, itemQuote: boolean, quoteMarks: number, container: OpenItem | undefined, baseCol: number, relIndent: number, inList: boolean, topLevel: boolean): boolean => {
    const restStart = q;
    // A comment starting a top-level line is an HTML block too (CommonMark type 2): it interrupts a
    // paragraph, and the line after the one holding its `-->` starts a block of its own — four
    // columns in, indented code, not a paragraph's continuation. A block-level tag (type 6) runs to
    // the next blank line; `<pre>`, `<script>`, `<style>`, `<textarea>`, `<?`, `<!X` and `<![CDATA[`
    // (types 1, 3, 4, 5) to the line holding their end, over blank lines, or to the end of the text.
    if (topLevel && relIndent < 4 && first === 60 /* < */) {
      const comment = text.startsWith("<!--", restStart);
      const type = comment ? 2 : htmlStart(text, restStart, le);
      if (type !== 0) {
        closePara(ln);
        if (listRuns.length !== 0) listRuns.length = 0;
        scanInline(restStart, le);
        if (comment) commentBlock = inline !== "";
        else if (type === 6) htmlBlock = true;
        else if (!htmlEnds(text, restStart, le, type)) {
          htmlBlock = true;
          htmlType = type;
          htmlAt = restStart;
        }
        prevTextLine = false;
        lastQuoteDepth = quoteDepth;
        return true;
      }
    }
    // Inside a list item raw HTML starts as at the top level (not in a quote the item holds: that
    // quote's lines are no item's).
    const itemHtml = container !== undefined && (!itemQuote || container.inQuoteOf !== null) && relIndent < 4 && first === 60 ? htmlStart(text, restStart, le) : 0;
    if (itemHtml !== 0) {
      scanInline(restStart, le);
      endTexts();
      if (itemHtml === 6 || !htmlEnds(text, restStart, le, itemHtml)) {
        htmlItem = container!;
        htmlType = itemHtml;
      }
      prevTextLine = false;
      lastQuoteDepth = quoteDepth;
      return true;
    }

    // Indented code: four columns past the container, when it cannot continue a paragraph.
    if (relIndent >= 4) {
      // Before B33-C (above): the text of an item that an underline has ended since.
      const oldText = itemQuote && container === quoteOldText && quoteOldTextLine === ln - 1;
      if (oldText) quoteOldTextLine = ln;
      if (!continuesParagraph(container, ln, itemQuote, quoteMarks, quoteDepth)) {
        if (oldText) {
          quoteOldLine = ln;
          quoteOldPrev = true;
        }
        addHidden(ls, le, false);
        codeLine = ln;
        prevTextLine = false;
        lastQuoteDepth = quoteDepth;
        return true;
      }
      if (itemQuote && !container!.textOpen && !oldText) {
        // Before B33-C, indented code.
        quoteOldLine = ln;
        quoteOldPrev = false;
      }
    }

    if (relIndent < 4 && (first === 96 || first === 126)) {
      const m = FENCE_OPEN.exec(text.slice(restStart, le));
      if (m && !(first === 96 && m[2]!.includes("`"))) {
        fence = { char: first, length: m[1]!.length, quoteDepth, baseCol, start: q, inItemQuote: itemQuote };
        codeLine = ln;
        addHidden(ls, le, false);
        endTexts();
        closePara(ln);
        prevTextLine = false;
        lastQuoteDepth = quoteDepth;
        return true;
      }
    }

    // Callout title: the first line of a quote at a new depth.
    if (quoteDepth > lastQuoteDepth && first === 91 /* [ */) {
      const m = CALLOUT.exec(text.slice(restStart, le));
      if (m) {
        const title = m[3]!.trim();
        const type = m[1]!.trim();
        const shown = title !== "" ? title : type.charAt(0).toUpperCase() + type.slice(1);
        calloutAtDepth[quoteDepth] = { name: headingName(stripInlineMarkup(shown)), line: ln, kind: "callout", level: 0, depth: quoteDepth, order: contextOrder++ };
        contextNames = null;
        scanInline(restStart, le);
        closePara(ln);
        if (!inList) callouts.push([ln, quoteStart]);
        // The title is the first line of the quote's paragraph (CommonMark, Obsidian): a plain line
        // after it is a lazy line of the callout, no paragraph of its own (nor a heading with `---`).
        // No underline makes it a heading, though: the callout's title is its heading.
        prevTextLine = true;
        prevTextTopLevel = false;
        prevQuoteText = true;
        quoteParaEnd = -1;
        lastQuoteDepth = quoteDepth;
        return true;
      }
    }
    return false;
  };

  /** A heading (ATX or setext, at the top level, in a quote or in an item) or a rule: is line `ln` one (then read)? */
  const headingLine = (ln: number, le: number, q: number, first: number, col: number, quoteDepth: number, itemQuote: boolean, quoteMarks: number, quoteBase: number, container: OpenItem | undefined, inList: boolean, topLevel: boolean): boolean => {
    const restStart = q;
    // ATX heading.
    if (first === 35 /* # */) {
      let n = 0;
      while (q + n < le && text.charCodeAt(q + n) === 35) n++;
      if (n <= 6 && (q + n >= le || isSpaceOrTab(text.charCodeAt(q + n)))) {
        scanInline(q + n, le);
        const raw = stripAtxClose(text.slice(q + n, le)).trim();
        const name = headingName(stripAtxClose(visibleSlice(text, q + n, le, hidden)));
        headings.push({ line: ln, endLine: ln, level: n, text: raw, name, topLevel, quoteStart: !inList && quoteDepth > 0 ? quoteStart : -1, runsOn: inline !== "" });
        if (!inList) {
          setHeadingContext(name, n, ln, quoteDepth);
          listRuns.length = 0;
        } else addInner(open[open.length - 1]!, { name, line: ln, kind: "heading", level: n, depth: itemQuote ? quoteMarks : 0 });
        endTexts();
        closePara(ln);
        prevTextLine = false;
        return true;
      }
    }

    // Setext underline under the item's own text (the line above was its text): a heading in the
    // item, which then holds no task (CommonMark, GFM); it heads the items nested after it. A lone
    // `-` there is an empty nested item, as Obsidian's editor (Lezer) reads it inside lists.
    if (
      (first === 61 || (first === 45 && listMarkerLength(text, q, le) === 0)) &&
      container !== undefined &&
      container.textOpen &&
      !container.inTable &&
      prevTextLine &&
      (container.item.endLine === ln - 1 || container.lazyEnd === ln - 1) &&
      paragraphFirst(text, container) &&
      // A comment line ended the paragraph above it (an HTML block, CommonMark type 2).
      !text.startsWith("<!--", container.item.lines[container.item.lines.length - 1]!.start) &&
      container.quoteDepth === quoteDepth &&
      // In a quote inside an item (only an item opened in it has its text open there), at the
      // item's own depth: a deeper `>` opens a quote, a shallower line is lazy.
      quoteMarks === container.marks &&
      // (and with its `>` where the item's line has it: the quote's columns are the line's here)
      quoteBase === container.markBase &&
      col >= container.contentCol
    ) {
      const t = text.slice(restStart, le);
      if ((first === 61 && SETEXT_EQ.test(t)) || (first === 45 && SETEXT_DASH.test(t))) {
        itemSetext(container, first === 61 ? 1 : 2, ln, itemQuote ? quoteMarks : 0);
        if (itemQuote && !(first === 45 && isThematic(text, q, le, first))) {
          // Before B33-C, a line of the item's text, which went on.
          quoteOldLine = ln;
          quoteOldPrev = true;
          quoteOldText = container;
          quoteOldTextLine = ln;
        }
        prevTextLine = false;
        return true;
      }
    }

    // Setext underline under a later paragraph of the item (after a blank line or another block):
    // a heading in the item too, heading the items nested after it (CommonMark, Lezer).
    if (
      (first === 61 || (first === 45 && listMarkerLength(text, q, le) === 0)) &&
      container !== undefined &&
      prevTextLine &&
      container.paraEnd === ln - 1 &&
      container.quoteDepth === quoteDepth &&
      !itemQuote
    ) {
      const t = text.slice(restStart, le);
      if ((first === 61 && SETEXT_EQ.test(t)) || (first === 45 && SETEXT_DASH.test(t))) {
        paraSetext(container, first === 61 ? 1 : 2, ln);
        prevTextLine = false;
        return true;
      }
    }

    // Setext underline after a paragraph line.
    if ((first === 61 || first === 45) && prevTextLine && paraStart >= 0 && !paraNoSetext && quoteDepth === 0 && !inList) {
      const t = text.slice(restStart, le);
      if ((first === 61 && SETEXT_EQ.test(t)) || (first === 45 && SETEXT_DASH.test(t))) {
        const level = first === 61 ? 1 : 2;
        const startLine = paraStart;
        const joinLines = (t: string): string =>
          t
            .split(/\r?\n/)
            .map((x) => x.trim())
            .join(" ")
            .trim();
        const raw = joinLines(text.slice(lineStart[startLine], lineEndArr[ln - 1]));
        const name = headingName(joinLines(visibleSlice(text, lineStart[startLine]!, lineEndArr[ln - 1]!, hidden)));
        headings.push({ line: startLine, endLine: ln, level, text: raw, name, topLevel: true, quoteStart: -1, runsOn: inline !== "" });
        setHeadingContext(name, level, startLine, 0);
        paraStart = -1;
        sumStart = -1;
        prevTextLine = false;
        return true;
      }
    }

    // Setext underline under a quote's paragraph, at the paragraph's depth (a lazy line in between
    // included; a lone `-` too, as in both CommonMark and Obsidian's editor outside lists): a
    // heading in the quote, which ends a managed body as an ATX heading there does (§7, B20).
    if ((first === 61 || first === 45) && quoteDepth > 0 && !inList && prevTextLine && quoteParaEnd === ln - 1 && quoteDepth === quoteParaDepth) {
      const t = text.slice(restStart, le);
      if ((first === 61 && SETEXT_EQ.test(t)) || (first === 45 && SETEXT_DASH.test(t))) {
        const level = first === 61 ? 1 : 2;
        // Its lines' text, found again only now (underlined quotes are rare; quoted lines are not).
        const para: Range[] = [];
        for (let l = quoteParaStart; l < ln; l++) para.push({ start: afterQuoteMarkers(text, Math.max(lineStart[l]!, bodyStart), lineEndArr[l]!), end: lineEndArr[l]! });
        const raw = para.map((r) => text.slice(r.start, r.end).trim()).join(" ").trim();
        const name = headingName(para.map((r) => visibleSlice(text, r.start, r.end, hidden).trim()).join(" ").trim());
        headings.push({ line: quoteParaStart, endLine: ln, level, text: raw, name, topLevel: false, quoteStart, runsOn: inline !== "" });
        setHeadingContext(name, level, quoteParaStart, quoteDepth);
        listRuns.length = 0;
        quoteParaEnd = -1;
        closePara(ln);
        prevTextLine = false;
        return true;
      }
    }

    // Setext underline under the paragraph of a quote inside a list item, at its depth (`- a` /
    // `  > Risks` / `  > ---`): a heading in the item, as an ATX heading there is; a lone `-` stays
    // an empty item (Lezer, as under an item's text).
    if (
      (first === 61 || (first === 45 && listMarkerLength(text, q, le) === 0)) &&
      itemQuote &&
      prevTextLine &&
      itemQuoteParaEnd === ln - 1 &&
      quoteMarks === itemQuoteParaMarks &&
      container !== undefined &&
      !container.textOpen
    ) {
      const t = text.slice(restStart, le);
      if ((first === 61 && SETEXT_EQ.test(t)) || (first === 45 && SETEXT_DASH.test(t))) {
        setextInItem(container, itemQuotePara, itemQuoteParaStart, first === 61 ? 1 : 2, ln, quoteMarks);
        itemQuoteParaEnd = -1;
        // Before B33-C, text (or a rule).
        quoteOldLine = ln;
        quoteOldPrev = !(first === 45 && isThematic(text, q, le, first));
        prevTextLine = false;
        return true;
      }
    }

    // Thematic break.
    if ((first === 45 || first === 42 || first === 95) && isThematic(text, q, le, first)) {
      if (!inList && listRuns.length !== 0) listRuns.length = 0;
      endTexts();
      closePara(ln);
      prevTextLine = false;
      return true;
    }
    return false;
  };

  /**
   * A list item (or several on one line, `- - a`): 0 if line `ln` opens none, 1 if it does, 2 if it
   * is to be read again from a quote opening the item's content (resumeAt). Called only for a line
   * whose content starts as a list marker may (`-`, `*`, `+`, a digit).
   */
  const listItemLine = (ln: number, le: number, q: number, first: number, col: number, tabBase: number, quoteDepth: number, itemQuote: boolean, quoteMarks: number, quoteBase: number, container: OpenItem | undefined, inList: boolean): number => {
    const markerLen = listMarkerLength(text, q, le);
    // Only a paragraph in no list item is held to the interrupt rule: inside items the containers'
    // paragraph state is not kept exactly enough to tell a paragraph line from an item, and a
    // sibling (`> 2.`, `   2.` under `1.`) must stay an item (Obsidian's editor agrees). A quote's
    // paragraph at its own depth is (`> see` / `> 2. c` is one paragraph: CommonMark, Lezer).
    const quoteParaGoesOn = quoteDepth > 0 && !inList && prevTextLine && quoteParaEnd === ln - 1 && quoteDepth === quoteParaDepth && !quoteParaLazy;
    if (markerLen > 0 && (container !== undefined || (quoteDepth > 0 && !quoteParaGoesOn) || !continuesParagraph(container, ln, itemQuote, quoteMarks, quoteDepth) || mayInterrupt(text, q, markerLen, le))) {
      let mq = q;
      let mcol = col;
      let mlen = markerLen;
      // No rule starts at an offset up to this one with this character: a rule's test reads to
      // the line's end, and `- - - … x` would be read once per marker (quadratic in the line).
      let noRuleTo = -1;
      let noRuleChar = 0;
      const ruleAt = (at: number): boolean => {
        const c = text.charCodeAt(at);
        if (c !== 45 && c !== 42 && c !== 95) return false;
        if (c === noRuleChar && at <= noRuleTo) return false;
        let count = 0;
        for (let i = at; i < le; i++) {
          const d = text.charCodeAt(i);
          if (d === c) count++;
          else if (!isSpaceOrTab(d)) {
            noRuleChar = c;
            noRuleTo = i;
            return false;
          }
        }
        if (count >= 3) return true;
        noRuleChar = c;
        noRuleTo = le;
        return false;
      };
      for (;;) {
        let r = mq + mlen;
        let spaces = 0;
        let rc = tabBase + mcol + mlen;
        while (r < le && isSpaceOrTab(text.charCodeAt(r)) && spaces < 5) {
          const w = text.charCodeAt(r) === TAB ? 4 - (rc % 4) : 1;
          spaces += w;
          rc += w;
          r++;
        }
        let contentStart = r;
        let contentCol = mcol + mlen + spaces;
        let codeFirst = false;
        if (r >= le) {
          contentCol = mcol + mlen + 1;
          contentStart = le;
        } else if (spaces > 4) {
          // Five or more spaces: the content is indented code (invisible, §1), so the item has no
          // text; its content column is one space in.
          contentCol = mcol + mlen + 1;
          contentStart = le;
          codeFirst = true;
        }
        // A list marker opening the content starts a list inside the item on the same line
        // (`- - a`, `1. -`): the item holds that list, and no text of its own (CommonMark; Obsidian
        // lists both items, the inner one's parent the outer's line). A rule there (`- * * *`) is none.
        const nested = !codeFirst && contentStart < le && open.length < MAX_SAME_LINE_DEPTH && !ruleAt(contentStart) ? listMarkerLength(text, contentStart, le) : 0;
        const innerStart = contentStart;
        // So does a quote there (`- > - [ ] x`): the item holds it, and the line is read again
        // from the `>` as a quote inside the item (not for an item in a quote: that is text).
        const quoteFirst = nested === 0 && !codeFirst && contentStart < le && text.charCodeAt(contentStart) === 62 && quoteDepth === 0 && !itemQuote;
        if (nested > 0 || quoteFirst) contentStart = le;
        closePara(ln);
        const parentOpen = open[open.length - 1];
        const depth = open.length;
        const markerChar = text.charAt(mq + mlen - 1);
        let run = listRuns[depth] ?? null;
        if (!run || run.marker !== markerChar) {
          run = { marker: markerChar, startLine: ln };
          listRuns[depth] = run;
        }
        if (listRuns.length !== depth + 1) listRuns.length = depth + 1;
        let task: string | null = null;
        let taskOffset = -1;
        if (contentStart < le && text.charCodeAt(contentStart) === 91) {
          const tm = TASK_BOX.exec(text.slice(contentStart, Math.min(le, contentStart + 8)));
          if (tm) {
            task = tm[1]!;
            taskOffset = contentStart + 1;
          }
        }
        const item: ListItem = {
          line: ln,
          endLine: ln,
          markerStart: mq,
          lines: [{ start: contentStart, end: le }],
          task,
          taskOffset,
          // Obsidian marks a root item with minus its list's first line (-1 for a list on line 0).
          parent: parentOpen ? parentOpen.item.line : run.startLine === 0 ? -1 : -run.startLine,
          context: itemContext(),
          heads: false,
        };
        // A label: its text is its first line alone, a heading or bold text (a continuation line
        // makes it an item with text of its own).
        if (parentOpen?.label === true && parentOpen.item.lines.length === 1) parentOpen.item.heads = true;
        items.push(item);
        const inQuoteOf = itemQuote ? quoteHolder() : null;
        const at = open.length;
        const opened: OpenItem = {
          item,
          contentCol,
          quoteDepth,
          textOpen: !codeFirst && nested === 0 && !quoteFirst,
          inQuoteOf,
          marks: quoteMarks,
          markBase: quoteBase,
          inner: null,
          label: false,
          para: [],
          paraStart: -1,
          paraEnd: -1,
          lazy: null,
          lazyEnd: -1,
          inTable: false,
          firstStart: -1,
          firstEnd: -1,
          firstPara: false,
          rising: parentOpen === undefined || (parentOpen.rising && parentOpen.quoteDepth === quoteDepth && parentOpen.contentCol < contentCol),
          lastPlain: inQuoteOf === null ? at : parentOpen ? parentOpen.lastPlain : -1,
          firstQuoted: parentOpen && parentOpen.firstQuoted >= 0 ? parentOpen.firstQuoted : inQuoteOf !== null ? at : -1,
        };
        if (textOpenFrom > open.length) textOpenFrom = open.length;
        open.push(opened);
        if (nested > 0) {
          mq = innerStart;
          mcol = contentCol;
          mlen = nested;
          continue;
        }
        if (quoteFirst) {
          scanInline(mq, innerStart);
          resumeAt = innerStart;
          resumeCol = contentCol;
          // The quote starts afresh: no paragraph above goes on into it.
          prevTextLine = false;
          return 2;
        }
        // The first line may hold a block that is no paragraph (CommonMark): a fence, whose code
        // runs on below inside the item, a heading, a rule or raw HTML. No line continues it lazily.
        const block = codeFirst || task !== null ? "" : itemFirstBlock(text, contentStart, le);
        if (block === "fence") {
          const c0 = text.charCodeAt(contentStart);
          let n = 0;
          while (text.charCodeAt(contentStart + n) === c0) n++;
          fence = { char: c0, length: n, quoteDepth, baseCol: contentCol, start: contentStart, inItemQuote: itemQuote };
          codeLine = ln;
          opened.textOpen = false;
        } else if (block === "html") {
          const type = htmlStart(text, contentStart, le);
          if (type === 6 || !htmlEnds(text, contentStart, le, type)) {
            htmlItem = opened;
            htmlType = type;
          }
          opened.textOpen = false;
        }
        if (codeFirst || block === "fence") {
          scanInline(mq, r);
          addHidden(r, le, false);
          codeLine = ln;
        } else scanInline(mq, le);
        // An item that is only a heading (`- ## Key Facts`) or bold text (`- **Decisions:**`), as
        // outliners write them, heads the items nested in it.
        const c0 = contentStart < le ? text.charCodeAt(contentStart) : 0;
        if (task === null && (c0 === 35 || c0 === 42 || c0 === 95)) {
          const own = itemHeading(text, contentStart, le, hidden);
          if (own !== null) {
            addInner(opened, { name: own.name, line: ln, kind: own.level === 7 ? "bold" : "heading", level: own.level, depth: itemQuote ? quoteMarks : 0 });
            opened.label = true;
          }
        }
        // An empty item, or one whose first line is another block, has no paragraph to continue.
        prevTextLine = contentStart < le && block === "";
        prevTextTopLevel = false;
        // An item's paragraph in a quote continues lazily too (`> - a` then `more`).
        prevQuoteText = quoteDepth > 0 || itemQuote;
        break;
      }
      return 1;
    }
    return 0;
  };

  /** Text in a list item (line `ln`, from restStart). */
  const itemText = (ln: number, le: number, restStart: number, first: number, col: number, relIndent: number, quoteDepth: number, itemQuote: boolean, quoteMarks: number): void => {
    const o = open[open.length - 1]!;
    // An item's line in a quote below a lazy line of its paragraph (`> - a` / `b` / `>   c`) goes
    // on with it, though it has more quote markers than the line above.
    if (relIndent < 4 && quoteDepth > 0 && prevTextLine && continued[continued.length - 1] === ln - 1) continued.push(ln);
    // A GFM table's delimiter row under a line of the item's text (or a lazy line of it): that line
    // is the table's header, and the table ends the text (B33-G). Tested only on a line that may be
    // one; a lazy line or one four columns in is none, as in the link search (links.ts).
    if (
      o.textOpen &&
      !o.inTable &&
      col >= o.contentCol &&
      relIndent < 4 &&
      (first === 124 || first === 45 || first === 58) &&
      continued[continued.length - 1] !== ln &&
      (!itemQuote || quoteMarks === o.marks) &&
      itemTableStarts(o, ln, restStart, le)
    ) {
      o.inTable = true;
      prevTextLine = true;
      prevTextTopLevel = false;
      return;
    }
    if (o.textOpen && col >= o.contentCol) {
      if (!o.inTable) {
        o.item.lines.push({ start: restStart, end: le });
        o.item.endLine = ln;
      }
      // A deeper `>` opens a quote (CommonMark), which the scanner reads as the item's text (B27-A):
      // no underline below makes a heading of it.
      if (itemQuote && quoteMarks > o.marks) o.marks = -1;
    } else {
      if (itemQuote && o === quoteOldText && quoteOldTextLine === ln - 1 && col >= o.contentCol) quoteOldTextLine = ln;
      // The line starts a paragraph: after no text, or as the first of a quote opened in the quote
      // inside the item right after a line of its paragraph (`  > a` / `  > > **Risks:**`, CommonMark).
      let paraStarts = !prevTextLine;
      if (itemQuote) {
        if (prevTextLine && itemQuoteParaEnd === ln - 1 && quoteMarks <= itemQuoteParaMarks) itemQuotePara.push({ start: restStart, end: le });
        else {
          if (prevTextLine && itemQuoteParaEnd === ln - 1) paraStarts = true;
          itemQuotePara.length = 0;
          itemQuotePara.push({ start: restStart, end: le });
          itemQuoteParaStart = ln;
          itemQuoteParaMarks = quoteMarks;
        }
        itemQuoteParaEnd = ln;
      }
      o.textOpen = false;
      // A line of only bold text in the item's content, not part of its text, heads the items
      // nested after it (§6), as it would at the top level.
      if (paraStarts && col >= o.contentCol) {
        const bold = boldLineName(text, restStart, le);
        if (bold !== null) addInner(o, { name: bold, line: ln, kind: "bold", level: 7, depth: itemQuote ? quoteMarks : 0 });
      }
      // A later paragraph of the item's content (a quote's in it is none): a setext underline or a
      // line four columns in may follow it.
      if (!itemQuote && o.quoteDepth === quoteDepth && col >= o.contentCol) {
        // A comment opening the line is an HTML block (type 2), no paragraph: it ends one.
        if (first === 60 && text.startsWith("<!--", restStart)) o.paraEnd = -1;
        else if (!prevTextLine) {
          o.para = [{ start: restStart, end: le }];
          o.paraStart = ln;
          o.paraEnd = ln;
        } else if (o.paraEnd === ln - 1) {
          o.para.push({ start: restStart, end: le });
          o.paraEnd = ln;
        }
      }
    }
    prevTextLine = true;
    prevTextTopLevel = false;
  };

  /** Text in no list item: a paragraph's line, at the top level or in a quote (line `ln`, from restStart). */
  const paraText = (ln: number, le: number, restStart: number, first: number, quoteDepth: number, depthBefore: number): void => {
    // Not in a list: a new root list after this starts afresh.
    if (listRuns.length !== 0) listRuns.length = 0;
    const bold = boldLineName(text, restStart, le);
    if (bold !== null) setBoldContext(bold, ln, quoteDepth);
    if (quoteDepth === 0) {
      // A paragraph for the block structure (a setext underline may follow) …
      if (paraStart < 0) {
        paraStart = ln;
        paraIsTable = first === 124; /* | */
        paraNoSetext = paraIsTable;
      } else if (ln === paraStart + 1 && (first === 58 /* : */ || first === 45 /* - */ || first === 124)) {
        const cells = delimiterCells(text, restStart, le);
        if (cells > 0) paraNoSetext = true;
        // A delimiter row with the header's number of cells (GFM; headsTable, as in an item and in
        // links.ts's tableStartsAt): the line above was a table's header, not a paragraph. One of
        // another count is the paragraph's text (B33-I).
        if (cells > 0 && headsTable(text, lineStart[paraStart]!, lineEndArr[paraStart]!, cells)) {
          if (!paraIsTable) {
            paraIsTable = true;
            sumStart = -1;
          }
          tableStart = paraStart;
        }
      }
      // … and a run of lines for the summary, which `#`, `|` and `^id` lines end.
      const noSummary =
        paraIsTable || first === 35 /* # */ || first === 124 || (first === 94 /* ^ */ && BLOCK_ID_LINE.test(text.slice(restStart, le).trimEnd()));
      if (noSummary) closeSum(ln);
      else if (sumStart < 0) sumStart = ln;
    } else {
      closePara(ln);
      // A quote's paragraph goes on at its own depth or a shallower one (`> > a` then `> b`), else
      // one starts here.
      if (!(prevTextLine && quoteParaEnd === ln - 1 && quoteDepth <= Math.max(quoteParaDepth, quoteParaLazyDepth))) {
        quoteParaStart = ln;
        quoteParaDepth = quoteDepth;
        // Text right below a deeper quote's item or callout title goes on with that (CommonMark):
        // lazily, and a later line may have that quote's markers again (`> > 2. a` / `> b` / `> > c`).
        quoteParaLazy = prevTextLine && depthBefore > quoteDepth;
        quoteParaLazyDepth = quoteParaLazy ? depthBefore : 0;
        if (quoteParaLazy && continued[continued.length - 1] !== ln) continued.push(ln);
        quoteParaMin = quoteDepth;
      } else if (quoteDepth > quoteParaMin) {
        // More markers than a line above in the paragraph (`> > a` / `> b` / `> > c`): no new quote.
        // (Raw HTML in a quote is read as text here: `<div>` is left to the link search's own check;
        // a list marker here is text: `> a` / `[b` / `> 2. c`.)
        if (itemFirstBlock(text, restStart, le) === "") continued.push(ln);
      } else {
        quoteParaMin = quoteDepth;
        // Fewer markers than the paragraph's quote (`> > a` / `> b`): a lazy line, paragraph text.
        if (quoteDepth < Math.max(quoteParaDepth, quoteParaLazyDepth)) continued.push(ln);
      }
      quoteParaEnd = ln;
    }
    prevTextLine = true;
    prevTextTopLevel = quoteDepth === 0;
    prevQuoteText = quoteDepth > 0;
  };

  for (let ln = firstBodyLine; ln < lineStart.length; ln++) {
    if (pending !== null && ln > pending.line) {
      if (codeLine !== pending.line) return pending.opener;
      codeClosed.push({ start: pending.opener, end: lineStart[pending.line]! });
      pending = null;
    }
    // The body may start inside the first line, just after a BOM.
    const ls = resumeAt >= 0 ? resumeAt : Math.max(lineStart[ln]!, bodyStart);
    const col0 = resumeAt >= 0 ? resumeCol : 0;
    resumeAt = -1;
    const le = lineEndArr[ln]!;

    if (inline !== "") {
      inlineLine(ln, ls, le);
      continue;
    }

    if (htmlBlock) {
      // Raw HTML: no headings, items or paragraphs in it (CommonMark); its links still count, as
      // Obsidian reads links in any text that is not code or a comment.
      if (htmlType !== 6) {
        // Types 1, 3, 4 and 5 run on over blank lines, to the line holding their end.
        rawHtml.push(ln);
        scanInline(ls, le);
        if (htmlEnds(text, ls, le, htmlType)) {
          htmlBlock = false;
          htmlAt = -1;
          htmlType = 6;
        }
        continue;
      }
      if (indentation(text, ls, le).end < le) {
        rawHtml.push(ln);
        scanInline(ls, le);
        continue;
      }
      htmlBlock = false;
    }
    const lineIndent = indentation(text, ls, le, col0);
    lineIndent.col += col0;
    if (htmlItem !== null) {
      // An HTML block in a list item ends at a blank line (type 6) or its end (types 1, 3, 4, 5), or
      // with its item: it has no lazy lines.
      const at = htmlGoesOn(text, ls, le, lineIndent, htmlItem, htmlType !== 6);
      if (at >= 0) {
        // Its text starts past the markers of a quote holding the item: those are still markers (a
        // name wrapped over the block's lines is one run of words), a `>` after them is text.
        let t = at;
        while (t < le && (text.charCodeAt(t) === 32 || text.charCodeAt(t) === 9)) t++;
        textStarts(t);
        scanInline(ls, le);
        // Its end is looked for past the quote markers: a quote's `>` does not end `<!X` (type 4).
        if (htmlType !== 6 && htmlEnds(text, at, le, htmlType)) {
          htmlItem = null;
          htmlType = 6;
        }
        continue;
      }
      htmlItem = null;
      htmlType = 6;
    }

    // Each reader below is called only for a line that may be what it reads (most lines are plain
    // text or items): a call for every line to each of them costs the warm scanner more than their
    // smaller compiles save.
    const itemQuote = open.length !== 0 && quoteInItem(ln, le, lineIndent);
    if (!itemQuote && (inItemQuote || prevQuoteText || lastQuoteDepth > 0) && quoteLazy(ln, le, lineIndent)) continue;

    // Container prefixes: block quotes — but a `>` line inside a fence that is in no quote is code.
    let p = ls;
    let quoteDepth = 0;
    const inItemFence = fence !== null && fence.quoteDepth === 0 && !fence.inItemQuote && lineIndent.col >= fence.baseCol;
    // A tab after a `>` is its optional space and, past that, indentation (CommonMark: `>\tb` is `b`
    // two columns into the quote, `> \t> b` a quote in it): the columns left over, and the line's column at p.
    let tabRest = 0;
    let pCol = col0;
    for (; !itemQuote && !inItemFence; ) {
      let q = p;
      let c = pCol;
      if (oldTabs) {
        // As before B33-B: up to three spaces before a `>`, a space or a whole tab after it.
        let sp = 0;
        while (sp < 3 && q < le && text.charCodeAt(q) === SPACE) {
          q++;
          sp++;
        }
        if (q < le && text.charCodeAt(q) === 62) {
          quoteDepth++;
          q++;
          if (q < le && isSpaceOrTab(text.charCodeAt(q))) q++;
          p = q;
          continue;
        }
        break;
      }
      // Up to three columns of spaces or tabs before a `>`.
      while (q < le) {
        const ch = text.charCodeAt(q);
        const next = ch === SPACE ? c + 1 : ch === TAB ? c + 4 - (c % 4) : -1;
        if (next < 0 || tabRest + next - pCol > 3) break;
        c = next;
        q++;
      }
      if (q < le && text.charCodeAt(q) === 62 /* > */) {
        quoteDepth++;
        q++;
        c++;
        tabRest = 0;
        if (q < le && text.charCodeAt(q) === SPACE) {
          q++;
          c++;
        } else if (q < le && text.charCodeAt(q) === TAB) {
          const width = 4 - (c % 4);
          q++;
          c += width;
          tabRest = width - 1;
        }
        p = q;
        pCol = c;
        continue;
      }
      break;
    }

    if (quoteDepth > 0 && lastQuoteDepth === 0) quoteStart = ln;
    const depthBefore = lastQuoteDepth;

    if (fence !== null && fenceLine(ln, ls, le, p, col0, quoteDepth, itemQuote)) continue;

    // Indentation of what follows the quote markers. Tabs stop every four columns of the line, not
    // of the quote's content: after `> ` a tab is two columns wide (`> \t- [ ] x` is an item).
    let quoteBase = 0;
    let quoteMarks = 0;
    let col: number;
    let q: number;
    const tabBase = quoteDepth > 0 ? columnOf(text, ls, p) : 0;
    if (itemQuote) ({ col, end: q, base: quoteBase, marks: quoteMarks } = quotedIndentation(text, p, le, col0));
    else {
      ({ col, end: q } = indentation(text, p, le, tabBase));
      col += tabRest;
    }
    const blank = q >= le;

    // Quote depth changes end the callouts, headings and bold lines of the quotes no longer open —
    // not on a line with fewer `>` that goes on with a deeper quote's paragraph (`> > - a` / `> b`
    // / `> > - c`: a lazy line, CommonMark; the deeper quote holds `c` too). (A line without any
    // `>` that is lazy was read by quoteLazy.)
    if (quoteDepth < contextDepth) {
      if (!(quoteDepth > 0 && !blank && prevTextLine && !startsBlock(text, q, le))) {
        closeCallouts(quoteDepth);
        contextDepth = quoteDepth;
      }
    } else contextDepth = quoteDepth;
    // So in a quote inside a list item, by its `>` count.
    if (itemQuote && quoteMarks < innerQuoteDepth && !(!blank && prevTextLine && !startsBlock(text, q, le))) closeItemQuotes(quoteMarks);

    if (blank) {
      // `>` alone at the start of a line is no part of a list item that is not in that quote.
      if (quoteDepth > 0) while (open.length > 0 && open[open.length - 1]!.quoteDepth !== quoteDepth) open.pop();
      // A truly blank line ends every quote, and the items in them.
      else while (open.length > 0 && open[open.length - 1]!.quoteDepth > 0) open.pop();
      // An item may begin with one blank line, not two: a marker alone on the line above ends here
      // (`-` / blank / `    - [ ] x` is code, not an item in it).
      while (open.length > 0 && startsEmpty(open[open.length - 1]!, ln - 1)) open.pop();
      endTexts();
      closePara(ln);
      prevTextLine = false;
      prevQuoteText = false;
      if (quoteDepth === 0 && lastQuoteDepth > 0) {
        // A truly blank line ends every quote and callout.
        closeCallouts(0);
      }
      lastQuoteDepth = quoteDepth;
      continue;
    }

    const first = text.charCodeAt(q);
    const restStart = q;

    if (open.length !== 0 && itemLazy(ln, le, restStart, col, quoteDepth, itemQuote, quoteBase)) continue;

    const container = open[open.length - 1];
    // In a quote inside a list item, code is measured from the quote's content, not the item's.
    const baseCol = Math.max(container ? container.contentCol : 0, itemQuote ? quoteBase : 0);
    const relIndent = col - baseCol;
    const inList = open.length > 0;
    const topLevel = !inList && quoteDepth === 0;

    if (
      (relIndent >= 4 || first === 60 || first === 96 || first === 126 || first === 91) &&
      blockStart(ln, ls, le, q, first, quoteDepth, itemQuote, quoteMarks, container, baseCol, relIndent, inList, topLevel)
    )
      continue;
    lastQuoteDepth = quoteDepth;

    if (relIndent < 4) {
      if ((first === 35 || first === 61 || first === 45 || first === 42 || first === 95) && headingLine(ln, le, q, first, col, quoteDepth, itemQuote, quoteMarks, quoteBase, container, inList, topLevel))
        continue;
      const opened = first === 45 || first === 42 || first === 43 || (first >= 48 && first <= 57) ? listItemLine(ln, le, q, first, col, tabBase, quoteDepth, itemQuote, quoteMarks, quoteBase, container, inList) : 0;
      if (opened !== 0) {
        if (opened === 2) ln--;
        continue;
      }
    }

    // Text.
    textStarts(restStart);
    scanInline(restStart, le);
    // Only a paragraph's continuation gets here four columns in (else it is indented code).
    if (relIndent >= 4) continued.push(ln);
    if (inList) itemText(ln, le, restStart, first, col, relIndent, quoteDepth, itemQuote, quoteMarks);
    else paraText(ln, le, restStart, first, quoteDepth, depthBefore);
  }
  if (pending !== null && codeLine !== pending.line) return pending.opener;
  closePara(lineStart.length);

  // A fence in a quote or list item ends with its container; only a top-level one runs to the end.
  // So does raw HTML of types 1, 3, 4 and 5 (opened before any comment still open inside it).
  const openAtEnd =
    fence !== null && fence.quoteDepth === 0 && fence.baseCol === 0 ? fence.start : htmlAt >= 0 ? htmlAt : inline !== "" ? inlineStart : null;
  return { hidden, comments, headings, items, paragraphs, lineStart, lineEnd: lineEndArr, openAtEnd, blocks, codeClosed, callouts, continued, tables, itemQuotes, rawHtml, textGt };
}

/**
 * Is open item `o`'s first text line a paragraph of its own? Not when it is another block, a nested
 * item (`- - a`, `1. -`) or a quote (`- > a`): the scanner reads those as the item's text, but no
 * line can underline them or continue them lazily from the item's column.
 */
function paragraphFirst(text: string, o: OpenItem): boolean {
  const item = o.item;
  const r = item.lines[0]!.start < item.lines[0]!.end ? item.lines[0]! : item.lines[1];
  if (r === undefined) return false;
  // Asked again for each line below the item (lazy lines, underlines): reading the line again each
  // time was quadratic for a long first line (`1.    ```` + 1 MB, then `    # x` lines: B37-C).
  if (r.start !== o.firstStart || r.end !== o.firstEnd) {
    o.firstStart = r.start;
    o.firstEnd = r.end;
    o.firstPara = itemFirstBlock(text, r.start, r.end) === "" && text.charCodeAt(r.start) !== 62 /* > */ && listMarkerLength(text, r.start, r.end) === 0;
  }
  return o.firstPara;
}

/**
 * Does the line [ls, le) go on with the raw HTML block in item `o`? Inside the item: after the quote
 * markers of the item's quote, as many as it has, at its content column or right of it (a quote
 * inside a list item is read with its `>` as spaces and needs one). Blank there (no text after the
 * markers), only when `overBlank`: types 1, 3, 4 and 5 go on over blank lines, type 6 ends at one.
 * Where the line's text past those quote markers starts when it goes on, -1 when not.
 */
function htmlGoesOn(text: string, ls: number, le: number, lineIndent: { col: number; end: number }, o: OpenItem, overBlank: boolean): number {
  if (o.inQuoteOf !== null) {
    // The quote's `>` stands in the item holding the quote, as the line's reading above requires.
    const holder = o.inQuoteOf;
    if (lineIndent.end >= le || text.charCodeAt(lineIndent.end) !== 62 || lineIndent.col < holder.contentCol || lineIndent.col - holder.contentCol >= 4) return -1;
    const { col, end, base } = quotedIndentation(text, ls, le);
    return base > 0 && (end < le ? col >= o.contentCol : overBlank) ? end : -1;
  }
  if (o.quoteDepth === 0) return (lineIndent.end < le ? lineIndent.col >= o.contentCol : overBlank) ? ls : -1;
  const p = quoteMarkersEnd(text, ls, le, o.quoteDepth);
  if (p < 0) return -1;
  const { col, end } = indentation(text, p, le, columnOf(text, ls, p));
  return (end < le ? col >= o.contentCol : overBlank) ? p : -1;
}

/**
 * Where the line's text after the markers of the quote holding item `o` starts (ls when none): an
 * end of raw HTML in the item is looked for from there — the quote's own `>` is no type-4 end. -1
 * when the line lacks the markers.
 */
function itemTextStart(text: string, ls: number, le: number, o: OpenItem): number {
  if (o.inQuoteOf !== null) return quotedIndentation(text, ls, le).end;
  return quoteMarkersEnd(text, ls, le, o.quoteDepth);
}

/** An item opened on line `ln` with only its marker there: no text yet, no code. */
function startsEmpty(o: OpenItem, ln: number): boolean {
  const first = o.item.lines[0]!;
  return o.item.line === ln && o.textOpen && o.item.lines.length === 1 && first.start === first.end;
}

/** The content column of the innermost open item, not opened inside a quote it holds, whose content holds column `ind` (0: none). */
function itemColAt(open: readonly OpenItem[], ind: number): number {
  for (let k = open.length - 1; k >= 0; k--) {
    const o = open[k]!;
    if (o.inQuoteOf === null && o.quoteDepth === 0 && ind >= o.contentCol) return o.contentCol;
  }
  return 0;
}

/** Line `l` of a scanned text, without its line break (and without a byte order mark on the first). */
export function lineTextAt(text: string, scan: Pick<Scan, "lineStart" | "lineEnd">, l: number): string {
  return text.slice(l === 0 && text.charCodeAt(0) === 0xfeff ? 1 : scan.lineStart[l], scan.lineEnd[l]);
}

/** The line that holds `offset`. */
export function firstLineAt(lineStart: readonly number[], offset: number): number {
  let l = 0;
  while (l + 1 < lineStart.length && lineStart[l + 1]! <= offset) l++;
  return l;
}
