// List items of a related note turned into harvested items (§6): their text, their category.
import { escapedAt } from "./char-codes";
import { lineCodeReader } from "./code-spans";
import type { ListItem, Scan } from "./markdown";
import { firstRangeEndingAfter, type Range } from "./ranges";
import type { SectionId } from "./settings";
import { readTags } from "./status-parts";
import { foldCase, linkDestination, markdownLinkText, markdownNoteLink, WIKI_UNSAFE } from "./text";

export type ItemSection = Extract<SectionId, "keyFacts" | "topics" | "openTasks" | "opportunities" | "blockers" | "keyDecisions">;

export interface Item {
  section: ItemSection;
  /** The text as it will be written, before self-links get the source's name. */
  text: string;
  /** Indices in `text` just after `[[` of self-links (`[[#…]]`), rewritten when rendered. */
  selfLinks: number[];
  blockId: string | null;
  /** Line of the item in its note. */
  line: number;
  /** Offset of a task's status character in its note (write-back), -1 otherwise. */
  taskOffset: number;
}

// Maps, not object literals: a heading or word from a note ("Constructor", "__proto__") must not
// find Object.prototype's members.
const CATEGORY_HEADINGS = new Map<string, ItemSection>([
  ["key facts", "keyFacts"],
  ["facts", "keyFacts"],
  ["key points", "keyFacts"],
  ["blockers", "blockers"],
  ["risks", "blockers"],
  ["issues", "blockers"],
  ["decisions", "keyDecisions"],
  ["key decisions", "keyDecisions"],
  ["opportunities", "opportunities"],
  ["topics", "topics"],
]);

const CATEGORY_TAGS = new Map<string, ItemSection>([
  ["fact", "keyFacts"],
  ["blocker", "blockers"],
  ["decision", "keyDecisions"],
  ["opportunity", "opportunities"],
]);

// An item's text may hold a category tag only if it holds this (as the tag reader lower-cases,
// `u`: the Kelvin sign is a `k`): most hold none, and are not read for tags at all.
const MAY_HOLD_TAG = /#(?:fact|blocker|decision|opportunity)/iu;
export const BLOCK_ID = /\s\^([A-Za-z0-9-]+)$/;
const LEADING_MARK = /^(?:❌|✅|⚠)\uFE0F?\s*/u;

const NO_SELF_LINKS = Object.freeze([]) as unknown as number[];

export function categoryOfHeading(name: string): ItemSection | undefined {
  return CATEGORY_HEADINGS.get(foldCase(name.trim()));
}

/** The item's text and, aligned with it, the same text with inline code blanked. */
interface Pair {
  text: string;
  vis: string;
}

function slicePair(p: Pair, start: number, end = p.text.length): Pair {
  return { text: p.text.slice(start, end), vis: p.vis.slice(start, end) };
}

function cutPair(p: Pair, start: number, end: number): Pair {
  return { text: p.text.slice(0, start) + p.text.slice(end), vis: p.vis.slice(0, start) + p.vis.slice(end) };
}

function trimPair(p: Pair): Pair {
  const lead = p.text.length - p.text.trimStart().length;
  const trail = p.text.length - p.text.trimEnd().length;
  return slicePair(p, lead, p.text.length - trail);
}

/** The pieces of [start, end) outside comments, from the text and its masked twin. */
function lineOutside(text: string, visible: string, r: Range, comments: readonly Range[]): Pair {
  let t = "";
  let v = "";
  let pos = r.start;
  // The last character of t, kept aside: reading it from t, a string built by `+=`, made V8 copy
  // all of t into one piece for every comment (quadratic in a line of many comments: B37-C).
  let last = NaN;
  for (let i = firstRangeEndingAfter(comments, pos); i < comments.length; i++) {
    const c = comments[i]!;
    if (c.start >= r.end) break;
    if (c.start > pos) {
      t += text.slice(pos, c.start);
      v += visible.slice(pos, c.start);
      last = text.charCodeAt(c.start - 1);
    }
    pos = Math.max(pos, c.end);
    // `fact <!-- c --> end`: the spaces on both sides of a comment taken out are one space.
    if (last === 32 || last === 9) while (pos < r.end && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) pos++;
  }
  if (pos < r.end) {
    t += text.slice(pos, r.end);
    v += visible.slice(pos, r.end);
  }
  return { text: t, vis: v };
}

/** Joins an item's lines: each trimmed, comments removed, single spaces between. */
export function joinLines(text: string, visible: string, lines: readonly Range[], comments: readonly Range[]): Pair {
  let out: Pair = { text: "", vis: "" };
  for (const r of lines) {
    const p = trimPair(lineOutside(text, visible, r, comments));
    if (p.text === "") continue;
    out = out.text === "" ? p : { text: `${out.text} ${p.text}`, vis: `${out.vis} ${p.vis}` };
  }
  return out;
}

/**
 * The item's lines with a backslash hard line break taken off each line but the last (CommonMark:
 * an odd run of backslashes right before the line break, outside code); on the last it is text.
 */
function withoutHardBreaks(visible: string, lines: readonly Range[]): readonly Range[] {
  let out: Range[] | null = null;
  for (let k = 0; k + 1 < lines.length; k++) {
    const r = lines[k]!;
    if (escapedAt(visible, r.end, r.start)) (out ??= lines.slice())[k] = { start: r.start, end: r.end - 1 };
  }
  return out ?? lines;
}

/**
 * The first category tag of an item's text (§6), where Obsidian's metadata cache records a tag
 * (readTags: after white space, and right after what the app reads as a piece of its own —
 * `**#fact**`, `[[N]]#fact`, `` `x`#fact `` —; in a link's text; not in a code span, a wikilink,
 * math or after punctuation that is text). What goes with it: the emphasis, strikethrough or
 * highlight spans holding nothing but the tag (`**#fact** price` is `price`, not `**** price`), and
 * bracketed text holding nothing but it (`[#fact] price`).
 */
function categoryTag(p: Pair): { section: ItemSection; start: number; end: number } | null {
  if (!MAY_HOLD_TAG.test(p.vis)) return null;
  for (const t of readTags(p.text)) {
    // Blanked in `vis` (code the note's scan found, display math): text, whatever the line alone reads.
    if (p.vis.charCodeAt(t.start) !== 35) continue;
    const lower = t.text.toLowerCase();
    const slash = lower.indexOf("/");
    const section = CATEGORY_TAGS.get(lower.slice(1, slash < 0 ? lower.length : slash));
    if (section === undefined) continue;
    let start = t.outerStart;
    let end = t.outerEnd;
    // Bracketed text holding nothing but the tag (`[#fact] price`, no link: no `(` after it) goes
    // with it too, as an empty span does; a `[` escaped is text, not the bracket's.
    if (p.text.charAt(start - 1) === "[" && p.text.charAt(end) === "]" && !escapedAt(p.text, start - 1)) {
      // A link's whole text (`[#fact](…)`): it selects the category and stays, or the link would
      // be left with no text to show (`[](…)`, nothing to click on the page).
      if (p.text.charAt(end + 1) === "(") return { section, start: end, end };
      start--;
      end++;
    }
    return { section, start, end };
  }
  return null;
}

const SPAN_MARK = /[*_=~]/;

/**
 * Whether what ends at `at` leaves a tag starting there apart from the text before it: white space,
 * the start, a `[`, or a run of emphasis, highlight or strikethrough marks that opens (`**#fact x**`);
 * not text, a wikilink, a code span or a run that closes (`**ARR**#fact`).
 */
function apartBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && SPAN_MARK.test(text.charAt(i))) i--;
  return i < 0 || /\s/.test(text.charAt(i)) || text.charAt(i) === "[";
}

/**
 * Whether what starts at `at` is apart from a tag ending there: white space, the end, a closing
 * mark (`*`, `]`, …) or punctuation that ends a phrase (`price #fact.` is `price.`); not text.
 */
function apartAfter(text: string, at: number): boolean {
  return at >= text.length || /[\s*_=~\])}.,;:!?]/.test(text.charAt(at));
}

function buildItem(text: string, visible: string, scan: Scan, li: ListItem): Item | null {
  let p = joinLines(text, visible, withoutHardBreaks(visible, li.lines), scan.comments);
  let section: ItemSection | undefined;
  if (li.task !== null) {
    if (li.task !== " ") return null;
    section = "openTasks";
    // Drop the checkbox: `[`, the status character, `]`.
    const box = 2 + li.task.length;
    if (p.text.startsWith("[")) p = trimPair(slicePair(p, box));
  }
  let blockId: string | null = null;
  const b = BLOCK_ID.exec(p.text);
  if (b) {
    blockId = b[1]!;
    p = trimPair(slicePair(p, 0, b.index));
  } else if (/^\^[A-Za-z0-9-]+$/.test(p.text)) {
    return null;
  }
  if (section === undefined) {
    const tag = categoryTag(p);
    if (tag) {
      section = tag.section;
      let { start, end } = tag;
      // One space beside it goes (§6), where the tag stands apart on its other side: glued to what
      // is before it (`[[Pricing]]#fact 5`) or after it, the space is all that keeps two pieces of
      // text apart once the tag is gone (`[[Pricing]] 5`, never `[[Pricing]]5`).
      if (p.text.charAt(end) === " " && apartBefore(p.text, start)) end++;
      else if (start > 0 && p.text.charAt(start - 1) === " " && apartAfter(p.text, end)) start--;
      p = trimPair(cutPair(p, start, end));
    } else {
      for (const name of li.context) {
        section = categoryOfHeading(name);
        if (section) break;
      }
    }
    if (section === undefined) return null;
    const lead = LEADING_MARK.exec(p.text);
    if (lead) p = trimPair(slicePair(p, lead[0].length));
  }
  if (p.text === "") return null;
  const selfLinks: number[] = [];
  let at = p.vis.indexOf("[[#");
  while (at >= 0) {
    selfLinks.push(at + 2);
    at = p.vis.indexOf("[[#", at + 3);
  }
  return {
    section,
    text: p.text,
    // Most items have none: they share one frozen empty list (fewer objects to keep and to collect).
    selfLinks: selfLinks.length === 0 ? NO_SELF_LINKS : selfLinks,
    blockId,
    line: li.line,
    taskOffset: li.task !== null ? li.taskOffset : -1,
  };
}

/** Items of a note in file order: open tasks, and items in a category (§6). */
export function harvestItems(text: string, visible: string, scan: Scan): Item[] {
  const out: Item[] = [];
  for (const li of scan.items) {
    if (li.heads) continue;
    const item = buildItem(text, visible, scan, li);
    if (item) out.push(item);
  }
  return out;
}

/**
 * An item's text with self-links pointing at its source (`[[#H]]` → `[[Source#H]]`). Without
 * `keepCode`, as pages were written before markdown self-links kept their code spans.
 */
export function itemText(item: Pick<Item, "text" | "selfLinks">, sourceLink: string, sourcePath: string, keepCode = true): string {
  if (item.selfLinks.length === 0) return item.text;
  // A name a wikilink cannot hold (`C# review`) is linked as the page links it: a markdown link.
  if (WIKI_UNSAFE.test(sourceLink)) {
    const dest = linkDestination(sourceLink, sourcePath);
    const kept = keepCode ? asMarkdownLinks(item, sourceLink, dest, true) : null;
    return kept?.intact ? kept.text : asMarkdownLinks(item, sourceLink, dest, false).text;
  }
  let t = item.text;
  for (let i = item.selfLinks.length - 1; i >= 0; i--) {
    const at = item.selfLinks[i]!;
    t = t.slice(0, at) + sourceLink + t.slice(at);
  }
  return t;
}

/**
 * The self-links of an item as markdown links to its source. With `keepCode`, a shown text keeps
 * its own code spans (`` the `deploy` step ``) as written, so they show as code as in the note;
 * `intact` then says whether every such link still stands outside code on the line (a backtick run
 * before it could pair with one in its text).
 */
function asMarkdownLinks(item: Pick<Item, "text" | "selfLinks">, sourceLink: string, dest: string, keepCode: boolean): { text: string; intact: boolean } {
  const t = item.text;
  let out = "";
  let pos = 0;
  // Offsets in `out` of each link's `[` and of the `]` ending its text, asked in increasing order.
  const edges: number[] = [];
  for (const at of item.selfLinks) {
    const close = t.indexOf("]]", at);
    if (close < 0) {
      out += t.slice(pos, at) + sourceLink;
      pos = at;
      continue;
    }
    const inner = t.slice(at + 1, close); // after the `#`
    const pipe = inner.indexOf("|");
    const sub = pipe < 0 ? inner : inner.slice(0, pipe);
    const shown = pipe < 0 ? sub : inner.slice(pipe + 1);
    out += t.slice(pos, at - 2);
    const label = keepCode ? labelKeepingCode(shown) : markdownLinkText(shown);
    edges.push(out.length, out.length + 1 + label.length);
    out += markdownNoteLink(shown, dest, sub, label);
    pos = close + 2;
  }
  out += t.slice(pos);
  if (!keepCode || !out.includes("`")) return { text: out, intact: true };
  const inCode = lineCodeReader(out);
  return { text: out, intact: edges.every((k) => !inCode(k)) };
}

/**
 * A markdown link's text keeping the code spans of `shown` (read as the inline scan reads them) as
 * written; elsewhere escaped as markdownNoteLink escapes it, a backtick outside a span included.
 */
function labelKeepingCode(shown: string): string {
  if (!shown.includes("`")) return markdownLinkText(shown);
  const reader = lineCodeReader(shown);
  const code: boolean[] = [];
  for (let k = 0; k <= shown.length; k++) code.push(reader(k));
  let out = "";
  let from = 0;
  for (let k = 0; k < shown.length; ) {
    // A span is its opening run (not itself "in code") and every offset in code after it.
    if (shown[k] !== "`" || !code[k + 1]) {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < shown.length && code[end]) end++;
    out += markdownLinkText(shown.slice(from, k)) + shown.slice(k, end);
    from = k = end;
  }
  return out + markdownLinkText(shown.slice(from));
}
