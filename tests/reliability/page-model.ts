// Generated customer pages for the reliability tests, and an independent reader of their structure.
//
// The reader (`readPage`) is written from the contract (§1 frontmatter and invisible text, §6 heading
// names, §7 managed sections) and CommonMark's block rules, line by line, without any of src/core's
// parsing: it is the oracle that says which bytes of a page lie outside managed bodies. It handles
// the block shapes the generator below produces (ATX and setext headings, paragraphs, lists with
// lazy continuation lines, quotes and callouts, fenced and indented code, `%%` / `<!-- -->` / `$$`
// blocks, thematic breaks, tables), which is all the property tests feed it.
import fc from "fast-check";
import { isMap, isScalar, parseDocument } from "yaml";
import { DEFAULT_SECTION_NAMES, SECTION_IDS, type SectionId } from "../../src/core/settings";

export type Bodies = Partial<Record<SectionId, string[]>>;

// ---------------------------------------------------------------------------------------------
// Reading a page
// ---------------------------------------------------------------------------------------------

/** Lines that keep their own line break ("\n" or "\r\n"); the last one may have none. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let s = 0;
  while (s < text.length) {
    const nl = text.indexOf("\n", s);
    const e = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(s, e));
    s = e;
  }
  return out;
}

/** A line without its line break. */
export function content(line: string): string {
  if (line.endsWith("\r\n")) return line.slice(0, -2);
  if (line.endsWith("\n")) return line.slice(0, -1);
  return line;
}

/** CommonMark's blank line: nothing but spaces and tabs. */
export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(content(line));
}

/** NFC and lower case: "compared ignoring case" (§6). */
export function fold(s: string): string {
  return s.normalize("NFC").toLowerCase();
}

/** §6: trimmed, without surrounding `**`/`__`, then without one trailing `:`. */
export function sectionName(raw: string): string {
  const strip = (t: string): string => {
    for (const w of ["**", "__"]) {
      if (t.length >= 2 * w.length && t.startsWith(w) && t.endsWith(w)) return t.slice(w.length, t.length - w.length).trim();
    }
    return t;
  };
  let s = strip(raw.trim());
  if (s.endsWith(":")) s = s.slice(0, -1).trim();
  return strip(s);
}

/** Heading text without its invisible parts (§1): inline code, `%%…%%`, `<!--…-->`, `$$…$$`. */
function visibleText(s: string): string {
  return s
    .replace(/(`+)[^`]*?\1/g, "")
    .replace(/%%.*?%%/g, "")
    .replace(/<!--.*?-->/g, "")
    .replace(/\$\$.*?\$\$/g, "");
}

const MANAGED = new Map<string, SectionId>(SECTION_IDS.map((id) => [fold(DEFAULT_SECTION_NAMES[id]), id]));

export function managedId(name: string): SectionId | null {
  return MANAGED.get(fold(name)) ?? null;
}

export interface OracleHeading {
  /** First and one-past-last body line of the heading (setext headings span their paragraph). */
  start: number;
  end: number;
  level: number;
  name: string;
  /**
   * A heading inside a quote or callout, or a footnote definition starting a paragraph: it ends a
   * managed body (a quote at its first line, `start`) and is no section of its own; its level is 7,
   * deeper than any heading, for where a missing section goes (§7 as the README reads it).
   */
  boundary?: true;
}

export interface OraclePage {
  bom: boolean;
  /** Raw lines of the frontmatter block (opening and closing `---` included), or null. */
  fm: string[] | null;
  /** Raw lines after the frontmatter (or after the BOM). */
  body: string[];
  /** Top-level headings outside invisible text, in order. */
  headings: OracleHeading[];
  /** The page ends inside a fence, a `%%`/`<!--` comment or a `$$` block. */
  openAtEnd: boolean;
}

function indentOf(s: string): number {
  let col = 0;
  for (const ch of s) {
    if (ch === " ") col++;
    else if (ch === "\t") col += 4 - (col % 4);
    else break;
  }
  return col;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;

function atxName(rest: string | undefined): string {
  let s = (rest ?? "").replace(/[ \t]+$/, "");
  if (/^#+$/.test(s)) s = "";
  else s = s.replace(/[ \t]+#+$/, "");
  return sectionName(visibleText(s));
}

function fenceOpen(s: string): { ch: string; len: number } | null {
  const m = FENCE.exec(s);
  if (!m) return null;
  const run = m[1]!;
  if (run[0] === "`" && m[2]!.includes("`")) return null;
  return { ch: run[0]!, len: run.length };
}

function fenceCloses(s: string, f: { ch: string; len: number }): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(s);
  return m !== null && m[1]![0] === f.ch && m[1]!.length >= f.len;
}

/**
 * `para`: a paragraph starts on the item's line — not when its content is only another item's
 * marker (`1. -`), whose list the item holds on that line, or a quote opening with a heading, a
 * fence or nothing (`- > ## x`, CommonMark).
 */
function listItem(s: string): { col: number; hasContent: boolean; para: boolean; ordered: boolean; start: number } | null {
  if (HR.test(s)) return null;
  const m = LIST_ITEM.exec(s);
  if (!m) return null;
  const indent = m[1]!.length;
  const marker = m[2]!;
  const spaces = m[3] ?? "";
  const rest = m[4] ?? "";
  const hasContent = rest.trim() !== "";
  const width = !hasContent || spaces.length > 4 ? 1 : spaces.length;
  const ordered = /\d/.test(marker);
  const inner = hasContent && spaces.length <= 4 ? listItem(rest) : null;
  const quoted = hasContent && spaces.length <= 4 && rest.startsWith(">") ? rest.replace(/^> ?/, "") : null;
  const para = inner !== null ? inner.para : quoted !== null ? !(/^[ \t]*$/.test(quoted) || ATX.test(quoted) || fenceOpen(quoted) || HR.test(quoted)) : hasContent;
  return { col: indent + marker.length + width, hasContent, para, ordered, start: ordered ? Number(marker.slice(0, -1)) : 0 };
}

/** Could this line continue a paragraph lazily (CommonMark), i.e. it starts no other block? */
function lazyLine(s: string): boolean {
  if (/^[ \t]*$/.test(s)) return false;
  if (indentOf(s) < 4) {
    // `<!--` starts an HTML block, which ends a paragraph instead of continuing it.
    if (ATX.test(s) || fenceOpen(s) || HR.test(s) || /^ {0,3}>/.test(s) || /^ {0,3}<!--/.test(s)) return false;
    const li = listItem(s);
    if (li && li.hasContent && (!li.ordered || li.start === 1)) return false;
  }
  return true;
}

// A Map, not an object: a line `constructor` must find nothing.
const OPENERS = new Map([["%%", "%%"], ["<!--", "-->"], ["$$", "$$"]]);

/** The closer of the multi-line invisible block a text line opens (`%%`, `<!--`, `$$` alone), or null. */
function opens(s: string): string | null {
  return OPENERS.get(s.trim()) ?? null;
}

/** Does the line hold the closer? An escaped `\$$` (odd backslashes before it) closes no math. */
function closes(line: string, closer: string): boolean {
  if (closer !== "$$") return line.includes(closer);
  return /(^|[^\\])(\\\\)*\$\$/.test(line);
}

/** opens(), for line i of the body: a `$$` with no `$$` on any later line opens nothing (§1: math is a closed pair). */
function opensBelow(s: string, body: readonly string[], i: number): string | null {
  const closer = opens(s);
  if (closer !== "$$") return closer;
  for (let k = i + 1; k < body.length; k++) if (closes(body[k]!, "$$")) return closer;
  return null;
}

export function readPage(text: string): OraclePage {
  const bom = text.startsWith("\uFEFF");
  const lines = splitLines(bom ? text.slice(1) : text);
  let fm: string[] | null = null;
  let bodyFrom = 0;
  if (lines.length > 1 && /^---[ \t]*$/.test(content(lines[0]!)) && lines[0]!.endsWith("\n")) {
    for (let i = 1; i < lines.length; i++) {
      if (/^---[ \t]*$/.test(content(lines[i]!))) {
        fm = lines.slice(0, i + 1);
        bodyFrom = i + 1;
        break;
      }
    }
  }
  const body = lines.slice(bodyFrom);
  const headings: OracleHeading[] = [];

  let fence: { ch: string; len: number } | null = null;
  let block: string | null = null;
  let para = -1;
  // `empty`: the item's marker stood alone on its line and nothing has followed yet.
  let list: { col: number; empty: boolean } | null = null;
  let listText = false;
  let quoteText = false;
  // How many `>` markers the quote's paragraph stands behind: an underline at that depth makes it a heading.
  let quoteTextDepth = 0;
  // The quote depth of the line before (kept over a lazy line): a callout starts a quote at a new depth.
  let lastDepth = 0;
  let quoteFence: { ch: string; len: number } | null = null;
  let prevBlank = true;
  // The first line of the quote the reader is in (a `>` line or a lazy line continues it), or -1.
  let quoteStart = -1;
  // Where the boundary of a setext heading of the quote's paragraph would start: the first `>` line
  // of the run holding the paragraph's first line (a lazy line in its text ends a run, not the text).
  let quoteParaFrom = -1;
  // A boundary starting inside the one before it (their runs of `>` lines overlap) is that one's.
  const boundary = (start: number, end: number, name: string): void => {
    const last = headings[headings.length - 1];
    if (last === undefined || !last.boundary || start >= last.end) headings.push({ start, end, level: 7, name, boundary: true });
  };

  for (let i = 0; i < body.length; i++) {
    const s = content(body[i]!);
    const prevDepth = lastDepth;
    lastDepth = 0;
    if (block !== null) {
      if (closes(s, block)) block = null;
      para = -1;
      listText = false;
      quoteText = false;
      prevBlank = false;
      continue;
    }
    if (fence) {
      if (fenceCloses(s, fence)) fence = null;
      continue;
    }
    if (/^[ \t]*$/.test(s)) {
      // CommonMark: an item may begin with at most one blank line; one that is only its marker ends here.
      if (list?.empty) list = null;
      para = -1;
      listText = false;
      quoteText = false;
      quoteFence = null;
      quoteStart = -1;
      prevBlank = true;
      continue;
    }
    const wasBlank = prevBlank;
    prevBlank = false;
    const indent = indentOf(s);

    if (list) {
      if (indent >= list.col) {
        list.empty = false;
        const inner = s.trimStart();
        listText = !(ATX.test(inner) || fenceOpen(inner) || HR.test(inner));
        if (listText) block = opensBelow(s, body, i);
        continue;
      }
      const li = indent < 4 ? listItem(s) : null;
      if (li) {
        list = { col: li.col, empty: !li.hasContent };
        listText = li.para;
        continue;
      }
      if (listText && !wasBlank && lazyLine(s)) {
        block = opensBelow(s, body, i);
        continue;
      }
      list = null;
      listText = false;
    }

    if (indent < 4 && /^ {0,3}>/.test(s)) {
      para = -1;
      if (quoteStart < 0) quoteStart = i;
      let c = s;
      let depth = 0;
      while (/^ {0,3}>/.test(c)) {
        c = c.replace(/^ {0,3}> ?/, "");
        depth++;
      }
      lastDepth = depth;
      if (quoteFence) {
        if (fenceCloses(c, quoteFence)) quoteFence = null;
        quoteText = false;
        continue;
      }
      const f = fenceOpen(c);
      if (f) {
        quoteFence = f;
        quoteText = false;
        continue;
      }
      // A callout ends a managed body as a heading in a quote does; its title starts the quote's
      // paragraph, which a plain line below continues lazily.
      if (depth > prevDepth && /^ {0,3}\[![^\]]+\]/.test(c)) {
        boundary(quoteStart, i + 1, "");
        quoteText = true;
        quoteTextDepth = depth;
        quoteParaFrom = quoteStart;
        continue;
      }
      const qa = ATX.exec(c);
      if (qa) boundary(quoteStart, i + 1, atxName(qa[2]));
      // A setext underline under the quote's paragraph, at its depth: a heading in the quote too.
      if (quoteText && depth === quoteTextDepth && SETEXT.test(c)) {
        boundary(quoteParaFrom, i + 1, "");
        quoteText = false;
        continue;
      }
      const text = !(/^[ \t]*$/.test(c) || ATX.test(c) || HR.test(c));
      // A paragraph goes on at its own depth or a shallower one (a lazy line of the deeper quote).
      if (text && !(quoteText && depth <= quoteTextDepth)) {
        quoteTextDepth = depth;
        quoteParaFrom = quoteStart;
      }
      quoteText = text;
      continue;
    }
    quoteFence = null;
    // A quote's boundary starts at the first of the `>` lines right above its heading: a lazy line
    // is in the quote, but ends that run.
    quoteStart = -1;
    if (quoteText && lazyLine(s)) {
      lastDepth = prevDepth;
      continue;
    }
    quoteText = false;

    if (indent >= 4) {
      if (para >= 0) block = opensBelow(s, body, i);
      continue;
    }
    const atx = ATX.exec(s);
    if (atx) {
      headings.push({ start: i, end: i + 1, level: atx[1]!.length, name: atxName(atx[2]) });
      para = -1;
      continue;
    }
    const f = fenceOpen(s);
    if (f) {
      fence = f;
      para = -1;
      continue;
    }
    const st = SETEXT.exec(s);
    if (para >= 0 && st) {
      // A footnote definition that turns out to be a setext heading's text is that heading.
      const last = headings[headings.length - 1];
      if (last?.boundary && last.start === para) headings.pop();
      const raw = body
        .slice(para, i)
        .map((l) => content(l).trim())
        .join(" ");
      headings.push({ start: para, end: i + 1, level: st[1]![0] === "=" ? 1 : 2, name: sectionName(visibleText(raw)) });
      para = -1;
      continue;
    }
    if (HR.test(s)) {
      para = -1;
      continue;
    }
    const li = listItem(s);
    if (li && !(para >= 0 && (!li.hasContent || (li.ordered && li.start !== 1)))) {
      list = { col: li.col, empty: !li.hasContent };
      listText = li.para;
      para = -1;
      if (li.hasContent) block = opensBelow(s.slice(li.col), body, i);
      continue;
    }
    if (para < 0) {
      para = i;
      if (/^ {0,3}\[\^[^\]\s]+\]:/.test(s)) headings.push({ start: i, end: i + 1, level: 7, name: "", boundary: true });
    }
    block = opensBelow(s, body, i);
    if (block !== null) para = -1;
  }
  return { bom, fm, body, headings, openAtEnd: fence !== null || block !== null };
}

export interface OracleSection {
  heading: OracleHeading;
  id: SectionId | null;
  /** Raw heading lines and raw body lines (up to the next top-level heading, or quote holding one). */
  headingLines: string[];
  bodyLines: string[];
}

export interface OracleLayout {
  page: OraclePage;
  preamble: string[];
  sections: OracleSection[];
  /** Managed names that appear more than once (the later ones are not managed). */
  duplicates: number;
}

export function layoutOf(text: string): OracleLayout {
  const page = readPage(text);
  const { body, headings } = page;
  const used = new Set<SectionId>();
  let duplicates = 0;
  const sections = headings.map((h, k): OracleSection => {
    let id = h.boundary ? null : managedId(h.name);
    if (id !== null) {
      if (used.has(id)) {
        duplicates++;
        id = null;
      } else used.add(id);
    }
    const next = headings[k + 1];
    return { heading: h, id, headingLines: body.slice(h.start, h.end), bodyLines: body.slice(h.end, next ? next.start : body.length) };
  });
  return { page, preamble: body.slice(0, headings[0]?.start ?? body.length), sections, duplicates };
}

// ---------------------------------------------------------------------------------------------
// Frontmatter: validity by the `yaml` package directly, and the expected `last_contact` edit
// ---------------------------------------------------------------------------------------------

/** §1: YAML 1.2 core schema, duplicate keys invalid, a mapping (empty counts as one). */
export function yamlIsMapping(yaml: string): boolean {
  try {
    const doc = parseDocument(yaml, { schema: "core", uniqueKeys: true });
    if (doc.errors.length > 0) return false;
    const c = doc.contents;
    if (c === null || (isScalar(c) && (c.value === null || c.value === undefined))) return true;
    return isMap(c);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

export const SECTION_NAMES = SECTION_IDS.map((id) => DEFAULT_SECTION_NAMES[id]);

const WORDS = ["alpha", "Beta", "notes", "Key", "Facts", "Topics", "Status", "γάμμα", "数据", "שלום", "مرحبا", "😀", "café", "x", "Acme", "Ünïcødé"];
/** Inline pieces that stay on their line: balanced code, comments, math, links, emphasis. */
const INLINE = [
  "[[Link]]",
  "[[A|b]]",
  "[[#Key Facts]]",
  "`code`",
  "`## Key Facts`",
  "**bold**",
  "_em_",
  "%%c%%",
  "<!-- c -->",
  "$$x$$",
  "#tag",
  "https://example.com/a_b",
  "[md](Some%20Note.md)",
  "a:b",
  "~~s~~",
  "==h==",
  "\\*",
  "—",
  "\t",
];

const word = fc.constantFrom(...WORDS);
export const textLine: fc.Arbitrary<string> = fc
  .tuple(word, fc.array(fc.oneof(word, fc.constantFrom(...INLINE)), { maxLength: 5 }))
  .map(([w, rest]) => [w, ...rest].join(" "));
/** Text for the inside of comment and math blocks: no closer can appear in it. */
const plainLine: fc.Arbitrary<string> = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(" "));

export const managedName: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...SECTION_NAMES),
    fc.constantFrom<(n: string) => string>(
      (n) => n,
      (n) => n.toLowerCase(),
      (n) => n.toUpperCase(),
      (n) => `**${n}**`,
      (n) => `${n}:`,
      (n) => `**${n}:**`,
      (n) => `**${n}**:`,
      (n) => `__${n}__`,
      (n) => `${n} %%c%%`,
      (n) => `  ${n}  `,
      (n) => `*${n}*`,
    ),
  )
  .map(([n, f]) => f(n));

const manualName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("Notes", "Related", "Intro", "Key Facts of 2024", "Mine", "", "Facts", "Open", "`Key Facts`"),
  plainLine,
);
const anyName = fc.oneof({ weight: 3, arbitrary: managedName }, { weight: 2, arbitrary: manualName });

const atxHeading: fc.Arbitrary<string[]> = fc
  .record({ level: fc.integer({ min: 1, max: 6 }), lead: fc.integer({ min: 0, max: 3 }), name: anyName, closing: fc.boolean() })
  .map(({ level, lead, name, closing }) => [`${" ".repeat(lead)}${"#".repeat(level)}${name === "" ? "" : " " + name}${closing ? " ##" : ""}`]);

const setextHeading: fc.Arbitrary<string[]> = fc
  .record({ name: fc.oneof(managedName, plainLine), two: fc.boolean(), ch: fc.constantFrom("=", "-"), n: fc.integer({ min: 1, max: 5 }), sp: fc.constantFrom("", "  ") })
  .map(({ name, two, ch, n, sp }) => {
    const text = name.trim() === "" ? "x" : name;
    return [...(two ? ["Some"] : []), text, ch.repeat(n) + sp];
  });

const paragraph = fc.array(textLine, { minLength: 1, maxLength: 3 });

const listBlock: fc.Arbitrary<string[]> = fc
  .array(
    fc.record({
      text: textLine,
      extra: fc.constantFrom("none", "cont", "nested", "heading", "quote", "lazy"),
      // The item holds another on its own line (`- - text`, `1. -`), or a quote (`- > text`).
      same: fc.constantFrom("", "", "", "", "", "", "- ", "-", "> ", "> ## ", "> ```"),
      heading: managedName,
    }),
    { minLength: 1, maxLength: 4 },
  )
  .chain((items) =>
    fc.constantFrom("-", "*", "+", "1.").map((m) => {
      const out: string[] = [];
      items.forEach((it, k) => {
        const marker = m === "1." ? `${k + 1}.` : m;
        const pad = " ".repeat(marker.length + 1);
        // (Numbered, only the last: a lazy line after `1. -` is a paragraph, and a `2.` below it would
        // be that paragraph's text where this reader, unlike commonmark.js, reads a quote's lazy line.)
        const same = m === "1." && k < items.length - 1 ? "" : it.same;
        out.push(same === "-" || same === "> ```" ? `${marker} ${same}` : `${marker} ${same}${it.text}`);
        if (it.extra === "cont") out.push(`${pad}more ${it.text}`);
        if (it.extra === "nested") out.push(`${pad}- nested ${it.text}`);
        if (it.extra === "heading") out.push(`${pad}## ${it.heading}`);
        // (Not into the fence a `- > ```` item opened: the reader above follows no fence in an item.)
        if (it.extra === "quote" && same !== "> ```") out.push(`${pad}> quoted`);
        if (it.extra === "lazy") out.push(`lazy ${it.text}`);
      });
      return out;
    }),
  );

const quoteBlock: fc.Arbitrary<string[]> = fc.array(
  fc.oneof(
    textLine.map((t) => [`> ${t}`]),
    managedName.map((n) => [`> ## ${n}`]),
    managedName.map((n) => [`> [!info] ${n}`, "> - fact"]),
    fc.constant([">"]),
    fc.constant(["> - item"]),
    managedName.map((n) => [`>> ### ${n}`]),
    managedName.map((n) => ["> ```", `> ## ${n}`, "> ```"]),
    // A setext heading in the quote (after a blank quote line and unindented: no item's paragraph
    // in the quote to continue, which the reader above does not follow).
    fc
      .record({
        t: fc.oneof(textLine, managedName),
        ch: fc.constantFrom("=", "-"),
        n: fc.integer({ min: 1, max: 3 }),
        // A lazy line in its text, and a heading of the quote right after it (B29-G).
        lazy: fc.boolean(),
        after: fc.oneof(fc.constant(null), managedName),
      })
      .map(({ t, ch, n, lazy, after }) => [">", `> ${t.trim()}`, ...(lazy ? ["typed without the marker"] : []), `> ${ch.repeat(n)}`, ...(after === null ? [] : [`> ## ${after}`])]),
    // A callout whose title a plain line continues (no heading, though `---` follows it).
    fc
      .record({ t: managedName, lazy: fc.oneof(managedName, textLine) })
      .map(({ t, lazy }) => [`> [!note] ${t.trim()}`, lazy.trim() === "" ? "x" : lazy.trim(), "---"]),
  ),
  { minLength: 1, maxLength: 3 },
).map((parts) => parts.flat());

const fenceBlock = (closed: boolean): fc.Arbitrary<string[]> =>
  fc
    .record({
      open: fc.constantFrom("```", "~~~", "````", "```js", "~~~ text"),
      body: fc.array(fc.oneof(anyName.map((n) => `## ${n}`), textLine, fc.constant("```"), fc.constant("~~~"), fc.constant("")), { maxLength: 4 }),
    })
    .map(({ open, body }) => {
      const ch = open[0]!;
      const len = open.startsWith("````") ? 4 : 3;
      // Nothing inside may close the fence.
      const inner = body.filter((l) => !(l.startsWith(ch.repeat(len)) && l.trim() === l.trim()[0]!.repeat(l.trim().length)));
      return closed ? [open, ...inner, ch.repeat(len)] : [open, ...inner];
    });

const invisibleBlock = (closed: boolean): fc.Arbitrary<string[]> =>
  fc
    .record({
      kind: fc.constantFrom(["%%", "%%"], ["<!--", "-->"], ["$$", "$$"]),
      // No closer inside (a `%%c%%` in a heading would close a `%%` block).
      body: fc.array(fc.oneof(managedName.map((n) => `## ${n.replace(" %%c%%", "")}`), plainLine, fc.constant("")), { minLength: 1, maxLength: 3 }),
    })
    .map(({ kind, body }) => {
      const inner = body.some((l) => l !== "") ? body : [...body, "x"];
      return closed ? [kind[0], ...inner, kind[1]] : [kind[0], ...inner];
    });

const indentedCode: fc.Arbitrary<string[]> = managedName.map((n) => ["", `    ## ${n}`, "    code", ""]);
const hr = fc.constantFrom<string[]>(["---"], ["***"], ["___"], ["- - -"], ["* * *"]).map((l) => ["", ...l]);
const table = fc.constant<string[]>(["", "| a | b |", "|---|---|", "| 1 | 2 |", ""]);
const tagLine = fc.constant<string[]>(["#tag and text", ""]);
/** Footnote definitions as Obsidian writes them (each ends a managed body), one with a continuation line. */
const footnotes = fc.constantFrom<string[]>(["[^1]: a footnote"], ["[^n2]: first", "    more of it"], ["[^1]: one", "[^2]: two"]);
const blank = fc.constantFrom<string[]>([""], ["   "], ["\t"], ["", ""]);
/** Not a blank line for CommonMark (only spaces and tabs are): a paragraph of one no-break space. */
const nbsp = fc.constantFrom<string[]>(["\u00A0"], ["\u3000"]);

export interface GenBlock {
  lines: string[];
  /** The block may not be followed directly by text (lazy continuation would change its meaning). */
  needsBlankAfter: boolean;
}

const blockOf = (a: fc.Arbitrary<string[]>, needsBlankAfter = false): fc.Arbitrary<GenBlock> => a.map((lines) => ({ lines, needsBlankAfter }));

export const block: fc.Arbitrary<GenBlock> = fc.oneof(
  { weight: 6, arbitrary: blockOf(atxHeading) },
  { weight: 2, arbitrary: blockOf(setextHeading) },
  { weight: 5, arbitrary: blockOf(paragraph) },
  { weight: 3, arbitrary: blockOf(listBlock) },
  { weight: 2, arbitrary: blockOf(quoteBlock, true) },
  { weight: 2, arbitrary: blockOf(fenceBlock(true)) },
  { weight: 1, arbitrary: blockOf(invisibleBlock(true)) },
  { weight: 1, arbitrary: blockOf(indentedCode) },
  { weight: 1, arbitrary: blockOf(hr) },
  { weight: 1, arbitrary: blockOf(table, true) },
  { weight: 1, arbitrary: blockOf(tagLine, true) },
  { weight: 1, arbitrary: blockOf(footnotes, true) },
  { weight: 2, arbitrary: blockOf(blank) },
  { weight: 1, arbitrary: blockOf(nbsp, true) },
);

/** Blocks joined, a blank line or nothing between them. */
export const bodyLines = (blocks: fc.Arbitrary<GenBlock[]>): fc.Arbitrary<string[]> =>
  fc.tuple(blocks, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 })).map(([bs, seps]) => {
    const out: string[] = [];
    bs.forEach((b, k) => {
      out.push(...b.lines);
      if (k < bs.length - 1 && (b.needsBlankAfter || seps[k % seps.length]!)) out.push("");
    });
    return out;
  });

// ---- frontmatter ----

export interface GenFrontmatter {
  kind: "none" | "valid" | "invalid";
  /** YAML lines (no fences). */
  yaml: string[];
  open: string;
  close: string;
  /** For valid frontmatter: the YAML lines expected after the edit, given the new value. */
  expected: ((value: string) => string[]) | null;
}

/** A `last_contact` line as written, and what it becomes (§7: only the value token changes). */
const lastContactLine: fc.Arbitrary<{ lines: string[]; after: (v: string) => string }> = fc.constantFrom(
  { lines: ["last_contact: 2024-01-01"], after: (v: string) => `last_contact: ${v}` },
  { lines: ['last_contact: "2024-01-01"'], after: (v: string) => `last_contact: "${v}"` },
  { lines: ["last_contact: '2024-01-01'"], after: (v: string) => `last_contact: '${v}'` },
  { lines: ["last_contact:   2024-01-01   # from the old tool"], after: (v: string) => `last_contact:   ${v}   # from the old tool` },
  { lines: ['last_contact: "2024-01-01" # kept'], after: (v: string) => `last_contact: "${v}" # kept` },
  { lines: ["last_contact:"], after: (v: string) => `last_contact: ${v}` },
  { lines: ["last_contact: ~"], after: (v: string) => `last_contact: ${v}` },
  { lines: ["Last_Contact: unknown"], after: (v: string) => `Last_Contact: ${v}` },
  { lines: ["last_contact : 2024-01-01"], after: (v: string) => `last_contact : ${v}` },
  { lines: ["last_contact: [2024-01-01]"], after: (v: string) => `last_contact: ${v}` },
  { lines: ["last_contact:", "  - 2024-01-01"], after: (v: string) => `last_contact: ${v}` },
  { lines: ["last_contact: >-", "  2024-01-01"], after: (v: string) => `last_contact: ${v}` },
);

const otherKeys: Array<[string, string[]]> = [
  ["type", ["type: customer"]],
  ["status", ["status: Active"]],
  ["aliases", ["aliases: [Acme Corp, ACME]"]],
  ["tags", ["tags:", "  - customer", "  - type/customer"]],
  ["title", ['title: "Acme: the company"']],
  ["comment", ["# a comment line"]],
  ["meta", ["meta:", "  last_contact: 2020-01-01"]],
  ["empty", ["empty:"]],
  ["quoted", ["quoted: 'it''s'"]],
  ["unicode", ["名前: 数据"]],
  ["notes", ["notes: |", "  last_contact: not this one", "  ## Key Facts"]],
];

const validFm: fc.Arbitrary<GenFrontmatter> = fc
  .record({
    keys: fc.subarray(otherKeys),
    last: fc.option(lastContactLine, { nil: null }),
    at: fc.nat(),
    open: fc.constantFrom("---", "--- "),
    close: fc.constantFrom("---", "---  "),
  })
  .map(({ keys, last, at, open, close }) => {
    const parts = keys.map(([, ls]) => ls);
    const pos = parts.length === 0 ? 0 : at % (parts.length + 1);
    const yaml = [...parts.slice(0, pos).flat(), ...(last ? last.lines : []), ...parts.slice(pos).flat()];
    const expected = (v: string): string[] =>
      last
        ? [...parts.slice(0, pos).flat(), last.after(v), ...parts.slice(pos).flat()]
        : [...parts.flat(), `last_contact: ${v}`];
    return { kind: "valid" as const, yaml, open, close, expected };
  });

const invalidFm: fc.Arbitrary<GenFrontmatter> = fc
  .record({
    yaml: fc.constantFrom<string[]>(
      ["type: customer", "title: [unclosed"],
      ["type: customer", "type: person"],
      ["- a", "- b"],
      ["just a scalar"],
      ["type: customer", 'title: "unterminated'],
      ["type: customer", "last_contact: 2024-01-01", "last_contact: 2024-02-02"],
      ["last_contact: 2024-01-01", "  bad: indentation: here"],
    ),
    open: fc.constantFrom("---", "--- "),
  })
  .map(({ yaml, open }) => ({ kind: "invalid" as const, yaml, open, close: "---", expected: null }));

export const frontmatter: fc.Arbitrary<GenFrontmatter> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<GenFrontmatter>({ kind: "none", yaml: [], open: "", close: "", expected: null }) },
  { weight: 4, arbitrary: validFm },
  { weight: 1, arbitrary: invalidFm },
  { weight: 1, arbitrary: fc.constant<GenFrontmatter>({ kind: "valid", yaml: [], open: "---", close: "---", expected: (v) => [`last_contact: ${v}`] }) },
);

export interface GenPage {
  text: string;
  fm: GenFrontmatter;
  eol: "\n" | "\r\n";
  bom: boolean;
  finalEol: boolean;
}

export function assemble(fm: GenFrontmatter, body: string[], eol: "\n" | "\r\n", bom: boolean, finalEol: boolean): string {
  let lines = fm.kind === "none" ? [...body] : [fm.open, ...fm.yaml, fm.close, ...body];
  // Without frontmatter, a body that starts with `---` … `---` would be read as frontmatter.
  if (fm.kind === "none" && lines.length > 0 && /^---[ \t]*$/.test(lines[0]!)) lines = ["Intro", ...lines];
  let text = lines.join(eol);
  if (finalEol && lines.length > 0) text += eol;
  return (bom ? "\uFEFF" : "") + text;
}

export const pageOf = (blocks: fc.Arbitrary<GenBlock[]>): fc.Arbitrary<GenPage> =>
  fc
    .record({ fm: frontmatter, body: bodyLines(blocks), eol: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"), bom: fc.boolean(), finalEol: fc.boolean() })
    .map(({ fm, body, eol, bom, finalEol }) => ({ text: assemble(fm, body, eol, bom, finalEol), fm, eol, bom, finalEol }));

/** Pages whose every fence, comment and math block is closed. */
export const page: fc.Arbitrary<GenPage> = pageOf(fc.array(block, { maxLength: 24 }));

/** Pages that end inside an unclosed fence, comment or math block (§1: it runs to the end of the file). */
export const pageOpenAtEnd: fc.Arbitrary<GenPage> = pageOf(
  fc
    .tuple(fc.array(block, { maxLength: 12 }), fc.oneof(blockOf(fenceBlock(false)), blockOf(invisibleBlock(false))))
    .map(([bs, last]) => [...bs, last]),
);

// ---- bodies ----

const itemText = fc
  .array(fc.oneof(word, fc.constantFrom("[[Other]]", "`code`", "**b**", "#tag", "(x)", "1.2 PB", "a|b")), { minLength: 1, maxLength: 4 })
  .map((ws) => ws.join(" "));
const src = fc.constantFrom("2025-01-02 - Call", "Meetings/Sync", "Daily 😀");
export const bodyLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(itemText, src).map(([t, s]) => `- ${t} ([[${s}]])`),
  fc.tuple(itemText, src).map(([t, s]) => `- [ ] ${t} ([[${s}]])`),
  fc.tuple(itemText, src).map(([t, s]) => `- ❌ ${t} ([[${s}]])`),
  fc.tuple(itemText, src).map(([t, s]) => `- ✅ ${t} ([[${s}]])`),
  fc.tuple(src, itemText).map(([s, t]) => `- 2025-01-02: [[${s}]] - ${t}`),
  fc.constantFrom("| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-01-02 |", "| [[Ann]] | CTO | Acme |"),
  fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(", ")),
);

export const bodies: fc.Arbitrary<Bodies> = fc
  .array(fc.tuple(fc.constantFrom(...SECTION_IDS), fc.array(bodyLine, { maxLength: 3 })), { maxLength: 11 })
  .map((pairs) => Object.fromEntries(pairs) as Bodies);

export const lastContact = fc.constantFrom("2025-03-04", "unknown", "2025-03");
