// Regenerating a page in place (§7): managed section bodies are replaced, missing ones inserted,
// `last_contact` set — and every other byte of the page is kept.
import { isMap, isScalar, parseDocument, Scalar } from "yaml";
import { bodyStartOf, findFrontmatter, parseYamlFull, type FmValue } from "./frontmatter";
import { headingName } from "./heading-names";
import { firstLineAt, lineTextAt, quoteHeadingsBeforeTabs, scanMarkdown, type Heading, type Scan } from "./markdown";
import type { Range } from "./ranges";
import { DEFAULT_SECTION_NAMES, SECTION_IDS, type SectionId, type Settings } from "./settings";
import { crAsLf, detectEol, foldCase, FOOTNOTE_DEF } from "./text";
import { parseSimpleYaml } from "./yaml-fast";

export interface SpliceResult {
  text: string;
  warnings: string[];
}

interface Section {
  level: number;
  /** Raw heading lines (with their line breaks), or null for an inserted section. */
  heading: string[] | null;
  body: string[];
  id: SectionId | null;
}

/** Blank as CommonMark says: only spaces and tabs (a no-break space is text). */
function isBlankLine(line: string): boolean {
  return /^[ \t]*\r?\n?$/.test(line);
}

/**
 * Splits text into lines that keep their own line breaks: LF, CRLF or a lone CR (a line break to
 * Obsidian's editor, which crAsLf makes a LF at the same offset).
 */
function rawLines(text: string): string[] {
  const lf = crAsLf(text);
  const out: string[] = [];
  let s = 0;
  while (s < text.length) {
    const nl = lf.indexOf("\n", s);
    const e = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(s, e));
    s = e;
  }
  return out;
}

/** Whether a line of rawLines ends in its line break (only the text's last line may not). */
function hasEol(line: string): boolean {
  const c = line.charCodeAt(line.length - 1);
  return c === 10 || c === 13;
}

/**
 * A body's lines, each followed by `eol`, as one string. The people sections come back as the same
 * arrays render after render while nobody's links change (page.ts): their text is joined once.
 */
const joined = new WeakMap<readonly string[], { eol: string; text: string }>();

function joinedBody(body: readonly string[], eol: string): string {
  const kept = joined.get(body);
  if (kept !== undefined && kept.eol === eol) return kept.text;
  const text = body.join(eol) + eol;
  joined.set(body, { eol, text });
  return text;
}

function withEol(line: string, eol: string): string {
  return hasEol(line) ? line : line + eol;
}

/** Where a page's managed sections are: the first heading with each managed name. */
export interface PageSections {
  /** The page's own line ending (detectEol): the one lines the splice writes end in. */
  eol: "\n" | "\r\n" | "\r";
  bodyStart: number;
  /** Every top-level section, in order. */
  sections: Array<{ id: SectionId | null; level: number; headingStartLine: number; bodyStartLine: number; bodyEndLine: number; name: string }>;
  /** Line start offsets of the whole text, a lone CR ending a line (crAsLf). */
  lineStart: number[];
  duplicates: string[];
  /** Managed names whose heading line opens a comment or math block that runs past it (left alone). */
  openHeadings: string[];
  /** Why managed sections were left alone: a block opened in the body runs on past its end. */
  crossings: string[];
  /** Where a fence, comment or raw HTML block that never closes starts: nothing after it is visible. */
  openAtEnd: number | null;
  /** The managed sections the page can hold (see sectionNames). */
  regenerated: ReadonlySet<SectionId>;
}

/**
 * The managed sections a page can hold, by folded heading name, and why any is left out: a
 * section whose name is another managed section's (the first in canonical order keeps it), or
 * whose heading as the page would write it does not read back as that name (empty, a line break,
 * a closing `#` …). Neither could be found again, so each run would add it once more.
 */
export function sectionNames(settings: Settings): { byName: Map<string, SectionId>; problems: string[] } {
  const byName = new Map<string, SectionId>();
  const problems: string[] = [];
  for (const id of SECTION_IDS) {
    if (!settings.managedSections[id]) continue;
    const raw = settings.sectionNames[id];
    const name = nameKey(raw);
    const first = name === null ? undefined : byName.get(name);
    if (name === null) problems.push(`section name ${JSON.stringify(raw)} (${DEFAULT_SECTION_NAMES[id]}) cannot be found again as a heading; that section is not regenerated`);
    else if (first !== undefined) problems.push(`section name ${JSON.stringify(raw)} is used for both ${DEFAULT_SECTION_NAMES[first]} and ${DEFAULT_SECTION_NAMES[id]}; only ${DEFAULT_SECTION_NAMES[first]} is regenerated`);
    else byName.set(name, id);
  }
  return { byName, problems };
}

/** Why some managed sections are not regenerated with these names (sectionNames), for a warning. */
export function sectionNameProblems(settings: Settings): string[] {
  return sectionNames(settings).problems;
}

/** The folded name a section's written heading is found by, or null when it is not found by its own name. */
function nameKey(raw: string): string | null {
  let key = nameKeys.get(raw);
  if (key === undefined) {
    const name = foldCase(headingName(raw));
    const heading = name === "" ? undefined : scanMarkdown(`## ${raw}\n`).headings[0];
    key = heading !== undefined && heading.topLevel && foldCase(heading.name) === name ? name : null;
    if (nameKeys.size >= 1000) nameKeys.clear();
    nameKeys.set(raw, key);
  }
  return key;
}

const QUOTE_LINE = /^ {0,3}>/;

/** nameKey's answers: a page is spliced many times with the same few names. */
const nameKeys = new Map<string, string | null>();

/**
 * `scanned`: the text's scan from its body's start, when the caller has it (parseNote). The page is
 * read as Obsidian's editor shows it, a lone CR ending a line (crAsLf: each made a LF at its offset),
 * so every offset and line number is the page's own, and its lines may be sliced from `raw`.
 */
export function findSections(raw: string, settings: Settings, scanned: Scan | null = null): PageSections {
  const eol = detectEol(raw);
  const text = crAsLf(raw);
  const fm = findFrontmatter(text);
  const bodyStart = bodyStartOf(text, fm);
  const scan = scanned ?? scanMarkdown(text, bodyStart);
  const nLines = scan.lineStart[scan.lineStart.length - 1] === text.length ? scan.lineStart.length - 1 : scan.lineStart.length;
  const byName = sectionNames(settings).byName;
  // §7: a body runs to the next heading of any level. One in a quote or callout ends it too (the
  // user's quoted notes below a managed section are theirs), but starts no section, and lies deeper
  // than any heading (level 7) for where a missing section goes. One in a list item does not end it:
  // the page's own items may be such headings (`- ## Pricing`, as outliners write them).
  // The quote starts at the first of the `>` lines right above its heading: a lazy line or anything
  // else between ends the run. (Where the scanner's quote starts can depend on the line before it,
  // which the body being replaced may change: the next run must find the same start.)
  const startOf = (h: Heading): number => (h.topLevel ? h.line : h.quoteStart);
  const quoteLine = (l: number): boolean => QUOTE_LINE.test(lineTextAt(text, scan, l));
  const top: Heading[] = [];
  let floor = bodyStart > 0 ? firstLineAt(scan.lineStart, bodyStart) : 0;
  // A callout ends a body as a heading in a quote does: its title is its heading, and a body never
  // holds a `>` line (the guard), so a callout there is the user's.
  let headings = scan.callouts.length === 0 ? scan.headings : withCallouts(scan.headings, scan.callouts);
  // A heading in a quote that the tab after `>` unmade (B33-B) ends a body as it did before (B33-H).
  const before = quoteHeadingsBeforeTabs(text, bodyStart);
  if (before.length > 0) {
    const at = new Set(headings.map((h) => h.line));
    const more = before.filter((h) => !at.has(h.line));
    if (more.length > 0) headings = [...headings, ...more].sort((a, b) => a.line - b.line);
  }
  for (const h of headings) {
    if (h.topLevel) {
      top.push(h);
      floor = h.endLine + 1;
    } else if (h.quoteStart >= 0) {
      // Not before the scanner's own start either: `>` lines above it belong to something else (a
      // list item, a block opened in the body).
      let start = h.line;
      while (start > Math.max(floor, h.quoteStart) && quoteLine(start - 1)) start--;
      // A start within the boundary before it (a quoted setext heading whose text has a lazy line:
      // the run of `>` lines goes up to its underline) is that boundary's: two sections would both
      // hold those lines, and each run would write them once more.
      const last = top[top.length - 1];
      if (last === undefined || last.topLevel || start > last.endLine) top.push({ ...h, quoteStart: start });
    }
  }
  // A footnote definition starting a top-level paragraph ends a body the same way: Obsidian's
  // "Insert footnote" writes it at the end of the page, which is often inside the last managed body.
  let notes = 0;
  // Not one on a top-level heading's lines (a setext heading's text starting `[^1]:` above a `|`
  // line, which ends the summary's run there): the heading is that boundary, and two would
  // overlap, each run writing the lines between once more (B33-H).
  let hi = 0;
  for (const [first] of scan.paragraphs) {
    if (!FOOTNOTE_DEF.test(lineTextAt(text, scan, first))) continue;
    while (hi < scan.headings.length && scan.headings[hi]!.endLine < first) hi++;
    const h = scan.headings[hi];
    if (h !== undefined && h.line <= first && h.topLevel) continue;
    top.push({ line: first, endLine: first, level: 7, text: "", name: "", topLevel: false, quoteStart: first, runsOn: false });
    notes++;
  }
  if (notes > 0) top.sort((a, b) => startOf(a) - startOf(b));

  const used = new Set<SectionId>();
  const duplicates: string[] = [];
  const openHeadings: string[] = [];
  const crossings: string[] = [];
  const managedBodies: Array<[number, number]> = [];
  const rawHtmlAt = scan.openAtEnd !== null && rawHtmlEnd(text, scan.openAtEnd) !== null ? scan.openAtEnd : -1;
  const sections: PageSections["sections"] = top.map((h, i) => {
    let id = h.topLevel ? (byName.get(foldCase(h.name)) ?? null) : null;
    const next = top[i + 1];
    const bodyEndLine = next ? startOf(next) : nLines;
    // A heading whose line opens a comment or math block that runs on below it: replacing the body
    // would remove the closer and hide the rest of the page. Its section is left as it is.
    if (id !== null && h.runsOn) {
      openHeadings.push(h.text);
      id = null;
    }
    // The same from inside the body: a block opened there that goes on past its end (a comment
    // opened on a lazy line of a quote, closed in the quoted notes below it). Replacing the body
    // removes the opener, and the closer left below opens a block of its own on the next run.
    // (Only a heading's own line can open a block that crosses a body's start: that is runsOn.)
    const across = id !== null && next !== undefined ? blockAcross(scan.blocks, scan.lineStart[bodyEndLine]!) : undefined;
    if (across !== undefined) {
      const opened = firstLineAt(scan.lineStart, across.start) + 1;
      crossings.push(`section "${h.text}": ${blockKind(text, across.start)} opened on line ${opened} runs on past the section's end (line ${bodyEndLine + 1}); the section is left as it is`);
      id = null;
    }
    // Raw HTML opened in the body that is never closed (`<pre>` with no `</pre>` below: CommonMark's
    // types 1, 3, 4, 5) runs to the end of the page and hides every heading below it: the user's own
    // sections there would be read as the body and replaced. (An unclosed fence or comment there is
    // replaced with the body, B3; the page never writes such a line at the top level: guardLine.)
    if (id !== null && rawHtmlAt >= 0 && rawHtmlAt >= scan.lineStart[h.endLine + 1]! && (next === undefined || rawHtmlAt < scan.lineStart[bodyEndLine]!)) {
      const opened = firstLineAt(scan.lineStart, rawHtmlAt) + 1;
      crossings.push(`section "${h.text}": raw HTML opened on line ${opened} is never closed (no ${rawHtmlEnd(text, rawHtmlAt)} after it) and hides the rest of the page; the section is left as it is`);
      id = null;
    }
    // A `$$` in kept text above the body that is text only because the `$$` after it is code in the
    // body: with the body replaced it would pair with a `$$` below and hide the section's heading.
    // (One in a managed body above goes with that body.)
    const textMath = id !== null ? blockAcross(scan.codeClosed, scan.lineStart[h.endLine + 1] ?? text.length) : undefined;
    if (textMath !== undefined && (next === undefined || textMath.end < scan.lineStart[bodyEndLine]!)) {
      const opened = firstLineAt(scan.lineStart, textMath.start);
      if (!managedBodies.some(([a, b]) => opened >= a && opened < b)) {
        const closed = firstLineAt(scan.lineStart, textMath.end) + 1;
        crossings.push(`section "${h.text}": the $$ on line ${opened + 1} is text only because the $$ after it is code in this section (line ${closed}); the section is left as it is`);
        id = null;
      }
    }
    if (id !== null) {
      if (used.has(id)) {
        duplicates.push(h.text);
        id = null;
      } else used.add(id);
    }
    if (id !== null) managedBodies.push([h.endLine + 1, bodyEndLine]);
    return {
      id,
      level: h.topLevel ? h.level : 7,
      headingStartLine: startOf(h),
      bodyStartLine: h.endLine + 1,
      bodyEndLine,
      name: h.name,
    };
  });
  return { eol, bodyStart, sections, lineStart: scan.lineStart, duplicates, openHeadings, crossings, openAtEnd: scan.openAtEnd, regenerated: new Set(byName.values()) };
}

/** A line as written, with a task's status character as a space: `- [x] a` repeats `- [ ] a`. */
function untickedLine(line: string): string {
  return line.trim().replace(/^((?:[-*+]|\d{1,9}[.)])[ \t]+\[)[^\]]\]/, "$1 ]");
}

/**
 * A quote (a callout, a quoted heading) right under a managed heading ends the body there: the
 * section is written above it and the lines below it stay the user's. When some of those repeat the
 * section's own lines, they are most likely last run's, left below a quote the user put under the
 * heading since: they stay on the page for good, and a tick there is never written back. Said once:
 * the next run finds the section's lines above the quote.
 */
function repeatsBelowQuote(layout: PageSections, bodies: Partial<Record<SectionId, string[]>>, settings: Settings, lineText: (l: number) => string): string[] {
  const out: string[] = [];
  layout.sections.forEach((s, i) => {
    const next = layout.sections[i + 1];
    const body = s.id === null ? [] : (bodies[s.id] ?? []);
    if (body.length === 0 || next === undefined || next.id !== null || next.level !== 7) return;
    if (!QUOTE_LINE.test(lineText(next.headingStartLine))) return;
    for (let l = s.bodyStartLine; l < s.bodyEndLine; l++) if (!isBlankLine(lineText(l))) return;
    const own = new Set(body.map(untickedLine));
    let repeated = 0;
    for (let l = next.headingStartLine; l < next.bodyEndLine; l++) {
      const line = untickedLine(lineText(l));
      if (line !== "" && own.has(line)) repeated++;
    }
    if (repeated === 0) return;
    out.push(
      `section "${settings.sectionNames[s.id!]}": the quote on line ${next.headingStartLine + 1}, right under its heading, ends its body, so the section is written above the quote; ` +
        `${repeated} line(s) below the quote repeat the section's lines and are kept as yours (a tick there is not written back): delete them, or move the quote below the section`,
    );
  });
  return out;
}

/** The headings and the callout titles (as headings in a quote, with no name), in line order. */
function withCallouts(headings: readonly Heading[], callouts: ReadonlyArray<[number, number]>): Heading[] {
  const out: Heading[] = [];
  let i = 0;
  for (const [line, quoteStart] of callouts) {
    while (i < headings.length && headings[i]!.line < line) out.push(headings[i++]!);
    out.push({ line, endLine: line, level: 7, text: "", name: "", topLevel: false, quoteStart, runsOn: false });
  }
  while (i < headings.length) out.push(headings[i++]!);
  return out;
}

/** The block of Scan.blocks that goes on from above `offset` to the line starting there, if any. */
function blockAcross(blocks: readonly Range[], offset: number): Range | undefined {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  const b = blocks[lo - 1];
  return b !== undefined && b.end >= offset ? b : undefined;
}

/**
 * What would close the raw HTML block (CommonMark types 1, 3, 4, 5) opened at `opener` (`</pre>`,
 * `?>`, `]]>`, `>`), or null when a fence, comment or math block opens there.
 */
function rawHtmlEnd(text: string, opener: number): string | null {
  if (text.charCodeAt(opener) !== 60 || text.startsWith("<!--", opener)) return null;
  const tag = /^<(pre|script|style|textarea)/i.exec(text.slice(opener, opener + 10));
  if (tag !== null) return `</${tag[1]!.toLowerCase()}>`;
  if (text.startsWith("<?", opener)) return "?>";
  return text.startsWith("<![CDATA[", opener) ? "]]>" : ">";
}

function blockKind(text: string, opener: number): string {
  if (text.startsWith("$$", opener)) return "math";
  return text.startsWith("%%", opener) || text.startsWith("<!--", opener) ? "a comment" : "a code block";
}

/** Offsets [start, end) of the managed section bodies, flat: a page's generated text (§5). */
export function generatedRanges(text: string, settings: Settings, scan: Scan): number[] {
  const { sections, lineStart } = findSections(text, settings, scan);
  const out: number[] = [];
  for (const s of sections) {
    if (s.id === null || s.bodyStartLine >= s.bodyEndLine) continue;
    out.push(lineStart[s.bodyStartLine]!, lineStart[s.bodyEndLine] ?? text.length);
  }
  return out;
}

/** A YAML line holding only a null, with anchors or a `!!null` tag before it; then its comment and line break. */
const NULL_ONLY = /^[ \t]*(?:(?:&[^ \t\r\n#]+|!!null)[ \t]+)*(?:~|null|Null|NULL)((?:[ \t]+#[^\r\n]*)?[ \t]*)(\r\n?|\n)?$/;
/** A YAML line holding only a `!!null` tag (an empty node: a null), anchors around it. */
const NULL_TAG_ONLY = /^[ \t]*(?:&[^ \t\r\n#]+[ \t]+)*!!null(?:[ \t]+&[^ \t\r\n#]+)*((?:[ \t]+#[^\r\n]*)?[ \t]*)(\r\n?|\n)?$/;

/** A YAML line holding nothing but, at most, a comment. */
const BLANK_OR_COMMENT = /^[ \t]*(?:#.*)?\r?\n?$/;

/** Inserts or updates `key: value` in the YAML between the fences, keeping every other byte. */
export function setFrontmatterKey(yaml: string, key: string, value: string, eol: string): string {
  // A frontmatter written as JSON (Obsidian reads it) or as one flow mapping can hold a nested key
  // at the start of a line: only the mapping's own key is edited there.
  // (Its lines are read as the index reads them, a lone CR ending one: crAsLf, rawLines.)
  if (FLOW_ROOT.test(crAsLf(yaml))) {
    const edited = setFlowKey(yaml, key, value);
    if (edited !== undefined) return edited ?? yaml;
  }
  const lines = rawLines(yaml);
  // The key as written: plain, or in either quote style (`"last_contact": …` is the same key).
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const keyRe = new RegExp(`^(${k}|"${k}"|'${k}')([ \\t]*):(.*?)(\\r\\n?|\\n)?$`, "is");
  for (let i = 0; i < lines.length; i++) {
    const m = keyRe.exec(lines[i]!);
    if (!m) continue;
    const after = m[3]!;
    const lineEol = m[4] ?? "";
    const head = `${m[1]}${m[2]}:`;
    // An anchor or tag before the value (`&a 2025-01-01`) is kept: other keys may refer to it.
    const lead = /^[ \t]*(?:[&!][^ \t\r\n]*[ \t]+)*/.exec(after)![0];
    const rest = after.slice(lead.length);
    // Lines that continue this value (a block list or scalar, blank lines inside it too) are
    // replaced with it — except comment lines, which are no part of a value that is not a block
    // scalar (`|`, `>`): they are kept, just below the new value. Outside a block scalar a comment
    // may stand at any indent, unindented between a list's items too.
    const blockScalar = /^[|>]/.test(rest);
    const continues = (l: string): boolean => /^[ \t]+\S|^-\s/.test(l) && !/^\S[^:]*:/.test(l);
    const blank = (l: string): boolean => /^[ \t]*\r?\n?$/.test(l);
    const comment = (l: string): boolean => /^[ \t]*#/.test(l);
    const comments: string[] = [];
    let j = i + 1;
    for (;;) {
      let k = j;
      const skipped: string[] = [];
      while (k < lines.length && (blank(lines[k]!) || (!blockScalar && comment(lines[k]!)))) {
        if (!blank(lines[k]!)) skipped.push(lines[k]!);
        k++;
      }
      if (k >= lines.length || !continues(lines[k]!)) break;
      if (!blockScalar && comment(lines[k]!)) skipped.push(lines[k]!);
      comments.push(...skipped);
      j = k + 1;
    }
    let replaced: string;
    const q = rest[0];
    if (q === '"' || q === "'") {
      let k = 1;
      while (k < rest.length) {
        if (q === '"' && rest[k] === "\\") {
          k += 2;
          continue;
        }
        if (rest[k] === q) {
          if (q === "'" && rest[k + 1] === "'") {
            k += 2;
            continue;
          }
          break;
        }
        k++;
      }
      replaced = `${head}${lead}${q}${value}${q}${rest.slice(k + 1)}`;
    } else if (rest.startsWith("#")) {
      replaced = `${head}${lead === "" ? " " : lead}${value} ${rest}`;
    } else {
      const comment = /(\s+#.*)$/.exec(rest);
      const tail = comment ? comment[1]! : "";
      const token = comment ? rest.slice(0, comment.index) : rest;
      const trailing = /\s*$/.exec(token)![0];
      replaced = `${head}${lead === "" ? " " : lead}${value}${token.trim() === "" ? "" : trailing}${tail}`;
    }
    // A value with lines below it has its own line break, and a comment line kept keeps its own.
    lines.splice(i, j - i, replaced + (lineEol || (j < lines.length ? eol : "")), ...comments);
    return lines.join("");
  }
  // Before a closing `...` (YAML's document end), which nothing may follow.
  let at = lines.length;
  // (Blank and comment lines may follow it.)
  while (at > 0 && BLANK_OR_COMMENT.test(lines[at - 1]!)) at--;
  if (at === 0 || !/^\.\.\.[ \t]*(?:#.*)?\r?\n?$/.test(lines[at - 1]!)) at = lines.length;
  else at--;
  // A frontmatter that is only a null (`~`: YAML's empty mapping, which a template may leave) would
  // not be a mapping with the key below it: the key takes the null's place, its comment kept. So
  // does a null with an anchor or a `!!null` tag (`&a ~`, `!!null ~`, `!!null` alone): with the key
  // below it, the tag would name the new mapping (js-yaml refuses it). An anchor alone anchors the
  // mapping below it, as YAML allows, and stays.
  const tokens = lines.slice(0, at).filter((l) => !BLANK_OR_COMMENT.test(l));
  const nul = tokens.length === 1 ? (NULL_ONLY.exec(tokens[0]!) ?? NULL_TAG_ONLY.exec(tokens[0]!)) : null;
  if (nul) {
    const i = lines.indexOf(tokens[0]!);
    lines[i] = `${key}: ${value}${nul[1]}${nul[2] ?? eol}`;
    return lines.join("");
  }
  const before = lines[at - 1];
  if (before !== undefined && !hasEol(before)) lines[at - 1] = before + eol;
  lines.splice(at, 0, `${key}: ${value}${eol}`);
  return lines.join("");
}

/** The YAML's first token (after blank and comment lines) opens a flow mapping. */
const FLOW_ROOT = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*\{/;

/**
 * `key` set in a root flow mapping: its value token replaced, keeping its quote style, or the pair
 * added after the last one (quoted like JSON when the mapping's keys are). Null when the value is
 * a list, a map or a block scalar; undefined when the root is no flow mapping after all (a block
 * mapping whose first key is one: `{a: 1}: b`).
 */
function setFlowKey(yaml: string, key: string, value: string): string | null | undefined {
  // Parsed with its lone CRs as line breaks (the index's reading), cut at the same offsets in `yaml`.
  const doc = parseDocument(crAsLf(yaml), { schema: "core", uniqueKeys: false, prettyErrors: false });
  const map = doc.contents;
  if (doc.errors.length > 0) return null;
  if (!isMap(map) || !map.flow || !map.range) return undefined;
  const json = map.items.every((p) => isScalar(p.key) && p.key.type === Scalar.QUOTE_DOUBLE);
  const plain = json ? `"${value}"` : value;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === key);
  if (pair) {
    const v = pair.value;
    // `{last_contact}`: a key with no value.
    if (v === null && isScalar(pair.key) && pair.key.range) return yaml.slice(0, pair.key.range[1]) + `: ${plain}` + yaml.slice(pair.key.range[1]);
    if (!isScalar(v) || !v.range) return null;
    // A plain token (`null`, empty, a number) is written as the mapping writes strings.
    const token = v.type === Scalar.QUOTE_DOUBLE ? `"${value}"` : v.type === Scalar.QUOTE_SINGLE ? `'${value}'` : v.type === Scalar.PLAIN ? plain : null;
    if (token === null) return null;
    return yaml.slice(0, v.range[0]) + token + yaml.slice(v.range[1]);
  }
  const added = json ? `"${key}": "${value}"` : `${key}: ${value}`;
  const last = map.items[map.items.length - 1];
  if (last === undefined) {
    const open = yaml.indexOf("{", map.range[0]);
    return yaml.slice(0, open + 1) + added + yaml.slice(open + 1);
  }
  // Every node the library gives has its range; `{a}` has a key and no value.
  const end = ((last.value ?? last.key) as { range?: [number, number, number] } | null)?.range?.[1];
  if (end === undefined) return null;
  return yaml.slice(0, end) + `, ${added}` + yaml.slice(end);
}

type Entries = Array<[string, FmValue]>;

/**
 * The top-level entries as written (aliases unresolved, so that two texts compare as written), or
 * null when the YAML is no valid mapping (its aliases resolved). The plain shape is parsed once.
 */
function validEntries(raw: string): Entries | null {
  // Read as the index reads a page's frontmatter: a lone CR ends a line (crAsLf).
  const yaml = crAsLf(raw);
  const fast = parseSimpleYaml(yaml);
  if (fast) return fast;
  if ("error" in parseYamlFull(yaml)) return null;
  const full = parseYamlFull(yaml, true);
  return "error" in full ? null : full.entries;
}

/**
 * Whether `after` holds `key` (matched ignoring case, the first spelling, as it is read) with
 * `value`, and says everything else exactly as `before` does: an edit that changed a nested key
 * of the same name, or anything else, is not made.
 */
export function onlyKeyChanged(before: string, after: string, key: string, value: string): boolean {
  const b = validEntries(before);
  return b !== null && keyOnlyChanged(b, after, key, value);
}

function keyOnlyChanged(b: Entries, after: string, key: string, value: string): boolean {
  const a = validEntries(after);
  if (a === null) return false;
  const at = a.findIndex(([k]) => k.toLowerCase() === key);
  if (at < 0 || a[at]![1] !== value) return false;
  const bt = b.findIndex(([k]) => k.toLowerCase() === key);
  const rest = (es: Entries, i: number): string => JSON.stringify(i < 0 ? es : [...es.slice(0, i), ...es.slice(i + 1)]);
  return rest(a, at) === rest(b, bt);
}

/**
 * Regenerates a page: `bodies` holds the new body lines of each managed section (empty: no body).
 */
export function splicePage(text: string, bodies: Partial<Record<SectionId, string[]>>, settings: Settings, lastContact: string): SpliceResult {
  // A lone CR is a line break to Obsidian's editor and CommonMark: the page's sections are found in
  // the lines Obsidian shows (findSections reads it through crAsLf, every offset the text's own), and
  // each line kept is cut from the text as it is, its own line break with it.
  const warnings: string[] = [];
  const layout = findSections(text, settings);
  const { eol, bodyStart, lineStart } = layout;
  for (const d of layout.duplicates) warnings.push(`section "${d}" appears more than once; only the first is regenerated`);
  for (const h of layout.openHeadings) warnings.push(`heading "${h}" opens a comment that runs on below it; its section is left as it is`);
  warnings.push(...layout.crossings);

  const lineText = (l: number): string => text.slice(Math.max(lineStart[l]!, bodyStart), lineStart[l + 1] ?? text.length);
  const range = (a: number, b: number): string[] => {
    const out: string[] = [];
    for (let l = a; l < b; l++) out.push(lineText(l));
    return out;
  };

  warnings.push(...repeatsBelowQuote(layout, bodies, settings, lineText));

  const firstBodyLine = bodyStart >= text.length ? lineStart.length : firstLineAt(lineStart, bodyStart);
  const firstHeading = layout.sections[0]?.headingStartLine;
  const nLines = lineStart[lineStart.length - 1] === text.length ? lineStart.length - 1 : lineStart.length;
  const preamble = range(firstBodyLine, firstHeading ?? nLines);
  const sections: Section[] = layout.sections.map((s) => ({
    level: s.level,
    heading: range(s.headingStartLine, s.bodyStartLine),
    body: range(s.bodyStartLine, s.bodyEndLine),
    id: s.id,
  }));

  // Missing sections with something to show, in canonical order. A section that would land at the
  // end of a page that ends inside an unclosed fence or comment would be invisible there, and
  // inserted again on every run: it is left out, with a warning.
  let blocked = false;
  // An unclosed block that starts inside a managed body is replaced with that body.
  let openAtEnd = layout.openAtEnd;
  if (openAtEnd !== null) {
    const openLine = firstLineAt(lineStart, openAtEnd);
    if (layout.sections.some((s) => s.id !== null && openLine >= s.bodyStartLine && openLine < s.bodyEndLine)) openAtEnd = null;
  }
  for (let k = 0; k < SECTION_IDS.length; k++) {
    const id = SECTION_IDS[k]!;
    if (!layout.regenerated.has(id)) continue;
    if (sections.some((s) => s.id === id)) continue;
    const body = bodies[id] ?? [];
    if (body.length === 0) continue;
    const fresh: Section = { level: 2, heading: null, body: [], id };
    let at = -1;
    for (let e = k - 1; e >= 0 && at < 0; e--) {
      const earlier = sections.findIndex((s) => s.id === SECTION_IDS[e]);
      if (earlier < 0) continue;
      const level = sections[earlier]!.level;
      let j = earlier + 1;
      while (j < sections.length && sections[j]!.level > level) j++;
      fresh.level = level;
      at = j;
    }
    for (let e = k + 1; e < SECTION_IDS.length && at < 0; e++) {
      const later = sections.findIndex((s) => s.id === SECTION_IDS[e]);
      if (later < 0) continue;
      fresh.level = sections[later]!.level;
      at = later;
    }
    if (at < 0) at = sections.length;
    if (at === sections.length && openAtEnd !== null) {
      blocked = true;
      continue;
    }
    sections.splice(at, 0, fresh);
  }
  if (blocked) {
    const line = firstLineAt(lineStart, openAtEnd!) + 1;
    const html = rawHtmlEnd(text, openAtEnd!);
    warnings.push(
      html === null
        ? `page ends inside a code block or comment that is never closed (line ${line}); missing sections were not added after it`
        : `page ends inside raw HTML that is never closed (line ${line}: no ${html} after it); missing sections were not added after it`,
    );
  }

  // Frontmatter: `last_contact` edited as text; invalid frontmatter is left alone. (Worked out first:
  // the body written after it needs to know how it ends; its warnings come last, as ever.)
  const fmWarnings: string[] = [];
  let prefix = text.slice(0, bodyStart);
  const fm = findFrontmatter(crAsLf(text));
  if (fm) {
    const yaml = text.slice(fm.yamlStart, fm.yamlEnd);
    const entries = validEntries(yaml);
    if (entries !== null) {
      const closing = text.slice(fm.yamlEnd, fm.end);
      const edited = setFrontmatterKey(yaml, "last_contact", lastContact, eol);
      // An edit that would leave the frontmatter invalid (an alias to the old value …), or change
      // anything but the key's own value, is not made.
      if (keyOnlyChanged(entries, edited, "last_contact", lastContact)) prefix = text.slice(0, fm.yamlStart) + edited + closing;
      else fmWarnings.push("last_contact could not be set without breaking the frontmatter; left as it is");
    } else {
      fmWarnings.push("frontmatter is invalid; last_contact not updated");
    }
    // The file ends with one line break after its last line (§7 layout), even with no body.
    if (!hasEol(prefix)) prefix += eol;
  } else {
    const bom = text.charCodeAt(0) === 0xfeff ? "\uFEFF" : "";
    prefix = `${bom}---${eol}last_contact: ${lastContact}${eol}---${eol}`;
  }

  const out: string[] = [...preamble];
  /**
   * A line the splice writes. A blank one right after a line ending in a lone CR takes a lone CR
   * too where the page's line ending is LF: the CR and that LF would be one CRLF line break, so
   * the user's line would lose its own line ending and the page its blank line.
   */
  const put = (line: string): void => {
    const above = out.length > 0 ? out[out.length - 1]! : prefix;
    out.push(eol === "\n" && line.charCodeAt(0) === 10 && above.endsWith("\r") ? `\r${line.slice(1)}` : line);
  };
  const trimBlankTail = (): void => {
    while (out.length > 0 && isBlankLine(out[out.length - 1]!)) out.pop();
    if (out.length > 0) out[out.length - 1] = withEol(out[out.length - 1]!, eol);
  };
  for (let si = 0; si < sections.length; si++) {
    const s = sections[si]!;
    if (s.heading === null) {
      trimBlankTail();
      put(eol);
      put(`${"#".repeat(s.level)} ${settings.sectionNames[s.id!]}${eol}`);
    } else {
      if (out.length > 0) out[out.length - 1] = withEol(out[out.length - 1]!, eol);
      for (const h of s.heading) out.push(h);
    }
    if (s.id === null) {
      for (const line of s.body) out.push(line);
      continue;
    }
    out[out.length - 1] = withEol(out[out.length - 1]!, eol);
    const body = bodies[s.id] ?? [];
    put(eol);
    if (body.length > 0) {
      // One string per body rather than per line (Collaborators run to hundreds of lines); a blank
      // last line keeps an element of its own, since trimBlankTail drops blank elements at the end.
      if (isBlankLine(body[body.length - 1]!)) for (const line of body) put(line + eol);
      else put(joinedBody(body, eol));
      // A heading indented two or three spaces after a list would continue its last item
      // (CommonMark): an empty comment ends whatever the body opened, so the heading stays one.
      const next = sections[si + 1]?.heading?.[0];
      if (next !== undefined && /^[ \t]/.test(next)) put(`<!-- -->${eol}`);
      put(eol);
    }
  }
  trimBlankTail();

  warnings.push(...fmWarnings);
  return { text: prefix + out.join(""), warnings };
}
