// An Account Status value read as Obsidian's reading view reads the page's table cell holding it:
// plain data (a tree of parts), no DOM, no Obsidian. The renderer builds each part with DOM helpers;
// nothing here or there ever turns the user's text into HTML. Core's category tags (items.ts) are
// the tags this reader finds (readTags), so the page and the panel agree on what a tag is.
import { displayText, emailSpans, MD_LINK, noteDestination, parseWikiInner, SCHEME } from "./links";
import { isDigit } from "./char-codes";
import type { Range } from "./ranges";
import { HTML_TAG } from "./text";
import { namedEntity } from "./html-entities";

/**
 * A piece of an Account Status value as Obsidian shows the page's table cell holding it: text, a
 * code span, a tag (`#tag`, as written), emphasis (`em`, `strong`), strikethrough (`del`), a
 * highlight (`mark`), a link to a note (`linktext`, read by Obsidian as the page's own link is:
 * `Note#Heading`), or a web link.
 */
export type StatusPart =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "tag"; text: string }
  | { kind: "em" | "strong" | "del" | "mark"; parts: StatusPart[] }
  | { kind: "link"; linktext: string; parts: StatusPart[] }
  | { kind: "web"; url: string; parts: StatusPart[] };

// Web links Obsidian opens in the browser. Another scheme (`javascript:`, `file:`) stays text: a
// value is the user's, but the panel makes no link of a kind Obsidian would not open from a page.
const WEB = /^(?:https?:\/\/|mailto:)/i;
// CommonMark: any ASCII punctuation may be escaped.
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;
// GFM's extended autolinks: `http(s)://…` and `www.…` up to white space or `<`, e-mail addresses.
// The panel, as the index (links.ts), ends a bare address at a bracket: `[[`, `[x](…)` next to it
// stay links of their own.
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<>[\]]+/iy;
// The same, up to a `%%` (a comment there ends the address): a run of addresses each ending in a
// comment is not read to its end again from each (B41-F).
const BARE_URL_TO_COMMENT = /(?:https?:\/\/|www\.)(?:[^\s<>[\]%]|%(?!%))+/iy;
const PREFIX = /https?:\/\/|www\./iy;
const ENTITY_END = /&[A-Za-z0-9]+;$/;
// A CommonMark autolink, `<https://…>` or `<jane@example.com>`.
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>|<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
// What may not come right before a bare address (B39-H's `\b`, kept: GFM's own list — white
// space, `*`, `_`, `~`, `(` — would leave `"https://…"` text).
const WORD = /[A-Za-z0-9_]/;
const HOST = /^(?:https?:\/\/|www\.)[A-Za-z0-9_-]/i;
const HOST_CHAR = /[A-Za-z0-9_-]/;
// Tried at one place each (`sticky` sets lastIndex before each use). A link's text is found by
// linkTextEnd (code spans and comments in it hide its brackets); the rest is MD_LINK's, from the
// `](` that closes the text on.
const LINK_TAIL_AT = new RegExp(MD_LINK.source.slice(MD_LINK.source.indexOf("\\]\\(")), "y");
const HTML_TAG_AT = new RegExp(HTML_TAG.source, "y");
// A tag as Obsidian reads one: `#` and the characters a tag may hold, up to white space, ASCII
// punctuation other than `-`, `_` and `/`, or Unicode's general and supplemental punctuation
// (letters of any script, digits and emoji are tag characters). One of only digits is no tag.
const TAG_AT = /#[^\s\u2000-\u206F\u2E00-\u2E7F!"#$%&'()*+,.:;<=>?@[\\\]^`{|}~]+/uy;
/**
 * Up to the first bracket not escaped: a `[#` is bracketed text when that is a `]` (not of a
 * `]]`). Only to the first: a run of `[#` never closed reads each stretch between them once.
 */
const TO_BRACKET = /(?:[^[\]\\]|\\[^])*([[\]])/y;
/** `#1984`: no tag (Obsidian's rule). */
const ALL_DIGITS = /^#\d+$/;
// CommonMark's entity and numeric character references: a name HTML5 knows, `&#` and 1–7 decimal
// digits, `&#x` and 1–6 hex digits, each ending in `;`.
const ENTITY_AT = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
/** An embed's `|100` or `|100x50` is the picture's size, not a name to show. */
const SIZE = /^\s*\d+(?:x\d+)?\s*$/;

/** A bare address's end as GFM's autolink reads it: trailing punctuation, a `)` it does not open, an entity-like `&x;`. */
function urlEnd(url: string): number {
  // Counted once: trimming a long run of `)` one by one stays linear.
  let open = 0;
  let close = 0;
  for (const c of url) {
    if (c === "(") open++;
    else if (c === ")") close++;
  }
  let end = url.length;
  for (;;) {
    const c = url[end - 1];
    if (c !== undefined && "?!.,:*_~'\"".includes(c)) end--;
    else if (c === ")" && close > open) {
      end--;
      close--;
    } else if (c === ";") {
      const entity = ENTITY_END.exec(url.slice(Math.max(0, end - 40), end));
      if (entity === null) return end;
      end -= entity[0].length;
    } else return end;
  }
}

/** A `*`, `_`, `~~` or `==` run, waiting to be paired (CommonMark's delimiter run). */
interface Delimiter {
  ch: string;
  /** Characters of the run not used yet; `length` its length as written (the rule of 3). */
  left: number;
  length: number;
  canOpen: boolean;
  canClose: boolean;
  /** Its place among the runs as written: openers at or below a closer's bottom need no second look. */
  seq: number;
  /** Where its characters not used yet start in the value (readTags: where a span it opens or closes is). */
  at: number;
}

/** Where readTags's tags, and the emphasis, strikethrough and highlight spans, stand in the value. */
type Offsets = Map<StatusPart, Range>;

/** One node of a level's inline list: a part made, or a delimiter run. */
interface Node {
  part: StatusPart | null;
  delim: Delimiter | null;
  prev: Node | null;
  next: Node | null;
  /** The delimiter runs still waiting, linked among themselves (CommonMark's delimiter stack): looking back from a closer passes over no text. */
  prevD: Node | null;
  nextD: Node | null;
  /**
   * A tag right after a `*`, `~~` or `==` run: one if that run pairs, so that the tag starts what the
   * reading view draws as an element (`**#a**`, `**x**#a`); text if the run stays text (`a *#b`).
   */
  ifAfterElement?: true;
}

/** The text an entity or numeric character reference stands for (CommonMark), or undefined when it is none. */
function entityText(m: RegExpExecArray): string | undefined {
  if (m[3] !== undefined) return namedEntity(m[3]);
  const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
  // CommonMark: a code point that is none (0, a surrogate, past U+10FFFF) is U+FFFD.
  return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? "\ufffd" : String.fromCodePoint(code);
}

/**
 * The first place at or after `from` where `isAt` holds, remembered: the answer found from an
 * earlier place stands for a later one short of it (none found stays none), so openers never
 * closed, or closed far ahead, search the value once, not again from each.
 */
function finder(src: string, ch: string, isAt: (k: number) => boolean): (from: number) => number {
  let searchedFrom = Infinity;
  let found = -1;
  return (from) => {
    if (from >= searchedFrom && (found < 0 || found >= from)) return found;
    searchedFrom = from;
    found = -1;
    for (let k = src.indexOf(ch, from); k >= 0; k = src.indexOf(ch, k + 1)) {
      if (isAt(k)) {
        found = k;
        break;
      }
    }
    return found;
  };
}

/**
 * Where the comments and inline math of a value close. Obsidian hides a `%%comment%%` (its text
 * runs to the next `%%`, whatever it holds) and an HTML comment `<!-- … -->` in reading view, as
 * the page's scanner does (markdown.ts's scanInline). Math (`$x^2$`) is shown as written (see
 * statusParts), none of its text read as markdown: it opens at a `$` with no white space after
 * it and closes at the next `$` with none before it, no `\` before it and no digit after it.
 */
interface Closers {
  percent: (from: number) => number;
  dashes: (from: number) => number;
  dollar: (from: number) => number;
}

function closers(src: string): Closers {
  return {
    percent: finder(src, "%", (k) => src[k + 1] === "%"),
    dashes: finder(src, "-", (k) => src.startsWith("-->", k)),
    dollar: finder(src, "$", (k) => !SPACE.test(src[k - 1] ?? " ") && src[k - 1] !== "\\" && !isDigit(src.charCodeAt(k + 1))),
  };
}

/** The end of the comment opening at `i` and closing before `to`, or -1 (an unclosed one is text). */
function commentEnd(src: string, i: number, to: number, close: Closers): number {
  if (src[i] === "%" && src[i + 1] === "%") {
    const k = close.percent(i + 2);
    return k >= 0 && k + 2 <= to ? k + 2 : -1;
  }
  if (src.startsWith("<!--", i)) {
    const k = close.dashes(i + 4);
    return k >= 0 && k + 3 <= to ? k + 3 : -1;
  }
  return -1;
}

/**
 * Per run length, the first place a run of it was found to close nowhere before `to`: a run from
 * there on closes nowhere either, its search being part of that one (runs of many lengths never
 * closed stay linear). The place, not the length alone: linkTextEnd reads ahead of the reader, and
 * the run it found closing nowhere may close a run the reader meets before it — in ``[a `b` c` ``
 * the reader's `` `b` `` is code, and was drawn as text (B43-C).
 */
type Unclosed = Map<number, number>;

/**
 * The code span whose opening backtick run starts at `i`: its end and content, or null when no run of
 * that length closes it before `to`.
 */
function codeSpan(src: string, i: number, to: number, unclosed: Unclosed): { end: number; text: string } | null {
  let n = 0;
  while (i + n < to && src[i + n] === "`") n++;
  const known = unclosed.get(n);
  if (known !== undefined && known <= i) return null;
  for (let j = i + n; j < to; ) {
    if (src[j] !== "`") {
      j++;
      continue;
    }
    let m = 0;
    while (j + m < to && src[j + m] === "`") m++;
    if (m === n) {
      let text = src.slice(i + n, j);
      // CommonMark strips one space each side when both are there and the span is not all spaces.
      if (text.length >= 2 && text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "") text = text.slice(1, -1);
      return { end: j + m, text };
    }
    j += m;
  }
  if (known === undefined || i < known) unclosed.set(n, i);
  return null;
}

/**
 * The `]` closing the link text that starts at `from` (after its `[`), or -1: MD_LINK's text (one
 * level of bracket pairs, escapes), except that a code span or a comment closing before `to` is
 * passed over whole, its brackets none of the text's — CommonMark's code spans bind tighter than
 * a link's brackets, and the index blanks both before MD_LINK runs (links.ts). Backticks are paired
 * left to right from `from`, as the panel reads on from there; what came before the `[` (a math
 * span, an autolink, a tag, a wikilink holding backticks) was taken by the reader already. Each
 * `[` reads to its second bracket outside code at most, so a run of them stays linear.
 */
function linkTextEnd(src: string, from: number, to: number, unclosed: Unclosed, close: Closers): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if ((c === "%" && src[i + 1] === "%") || (c === "<" && src.startsWith("<!--", i))) {
      const end = commentEnd(src, i, to, close);
      if (end >= 0) i = end - 1;
    } else if (c === "`") {
      const span = codeSpan(src, i, to, unclosed);
      if (span !== null) i = span.end - 1;
      else while (src[i + 1] === "`") i++;
    } else if (c === "[") {
      if (depth === 1) return -1;
      depth = 1;
    } else if (c === "]") {
      if (depth === 0) return i;
      depth = 0;
    }
  }
  return -1;
}

/**
 * The e-mail addresses of [from, to) (GFM's extended autolinks, `mailto:` before one included), as
 * start → end: found from each `@` outwards, as the index finds them (links.ts's emailSpans), so
 * that a long run of what an address may hold is read once, not again from each of its letters.
 */
function emailsOf(src: string, from: number, to: number): Map<number, number> {
  const out = new Map<number, number>();
  emailSpans(src, from, to, (start, end) => {
    // GFM: an address ending in `-` or `_` is none (a `.` it ends in is the sentence's: not matched).
    if (/[-_]$/.test(src.slice(start, end))) return;
    const mailto = start >= from + 7 && src.slice(start - 7, start).toLowerCase() === "mailto:";
    out.set(mailto ? start - 7 : start, end);
  });
  return out;
}

/** What a wikilink or embed shows: the alias (an embed's size is none), else its name (`Note > Heading`). */
function wikiText(l: NonNullable<ReturnType<typeof parseWikiInner>>, embed: boolean): string {
  const shown = displayText(embed && l.alias !== null && SIZE.test(l.alias) ? { ...l, alias: null } : l);
  // `[[Note|]]` would be a link of no text, which nobody could click: its target shows instead.
  return shown.trim() === "" ? l.target || (l.subpath ?? "") : shown;
}

/** A markdown link's destination as a part: a note (decoded, as the index reads it) or a web link; null when the panel makes no link of it. */
function destination(dest: string, parts: StatusPart[], label: string): StatusPart | null {
  if (dest.startsWith("<")) dest = dest.slice(1, -1);
  dest = dest.trim();
  if (SCHEME.test(dest)) return WEB.test(dest) ? { kind: "web", url: dest, parts: label.trim() === "" ? [{ kind: "text", text: dest }] : parts } : null;
  if (dest === "") return null;
  // As the index reads a markdown link.
  const { target, subpath: sub } = noteDestination(dest);
  const subpath = sub ?? "";
  if (target === "" && subpath === "") return null;
  const linktext = subpath === "" ? target : `${target}#${subpath}`;
  return { kind: "link", linktext, parts: label.trim() === "" ? [{ kind: "text", text: target || subpath }] : parts };
}

/**
 * The parts of `src` [from, to): left to right, the constructs that bind tightest taken first
 * (escapes, code spans, autolinks and HTML tags, links, bare addresses), `*`, `_`, `~~` and `==`
 * runs kept as delimiters and paired afterwards, as CommonMark does. `inLink`: inside a link's text,
 * which holds no other link.
 */
function inline(src: string, from: number, to: number, inLink: boolean, closing: Closers = closers(src), offsets: Offsets | null = null): StatusPart[] {
  const head: Node = { part: null, delim: null, prev: null, next: null, prevD: null, nextD: null };
  let tail = head;
  let lastDelim = head;
  let seq = 0;
  const add = (part: StatusPart | null, delim: Delimiter | null = null, maybe = false): void => {
    if (part?.kind === "text" && tail.part?.kind === "text") {
      tail.part.text += part.text;
      return;
    }
    const node: Node = { part, delim, prev: tail, next: null, prevD: null, nextD: null };
    if (maybe) node.ifAfterElement = true;
    tail.next = node;
    tail = node;
    if (delim !== null) {
      node.prevD = lastDelim;
      lastDelim.nextD = node;
      lastDelim = node;
    }
  };
  const text = (t: string): void => add({ kind: "text", text: t });
  const sticky = (re: RegExp, at: number): RegExpExecArray | null => {
    re.lastIndex = at;
    const m = re.exec(src);
    return m !== null && m.index + m[0].length <= to ? m : null;
  };

  const unclosed: Unclosed = new Map();
  const emails = inLink ? new Map<number, number>() : emailsOf(src, from, to);
  // The next `]]`, kept while it lies ahead: runs of `[[` never closed stay linear.
  let close = -2;
  // Where the last of what Obsidian reads as a piece of its own ended (an escape, a code span, a
  // link, an HTML tag, a tag, a bracketed `[…]`), and where the last `*`, `_`, `~~` or `==` run
  // did: a `#` right there starts a tag as one after white space does (below). `underscores`: the
  // length of that run when it was of `_` and may open, 0 otherwise. `maybeEnd`: where the last tag
  // read after such a run ended (a tag glued to it is one only if it is).
  let elementEnd = -1;
  let delimEnd = -1;
  let underscores = 0;
  let maybeEnd = -1;
  // The `[` that opened the bracketed text read last, while no other bracket has come (-1: none).
  let bracket = -1;

  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c === "\\" && i + 1 < to && ESCAPABLE.test(src[i + 1]!)) {
      text(src[i + 1]!);
      i += 2;
      elementEnd = i;
      continue;
    }
    if (c === "&") {
      const m = sticky(ENTITY_AT, i);
      const decoded = m === null ? undefined : entityText(m);
      // Decoded, it is text: `&#42;x&#42;` is no emphasis, `&#35;x` no tag.
      if (decoded !== undefined) {
        text(decoded);
        i += m![0].length;
        continue;
      }
    }
    if ((c === "%" && src[i + 1] === "%") || (c === "<" && src[i + 1] === "!")) {
      const end = commentEnd(src, i, to, closing);
      if (end >= 0) {
        i = end;
        continue;
      }
      if (c === "%") {
        text("%%");
        i += 2;
        continue;
      }
    }
    if (c === "$" && src[i + 1] !== undefined && !SPACE.test(src[i + 1]!) && src[i + 1] !== "$") {
      const k = closing.dollar(i + 2);
      if (k >= 0 && k < to) {
        text(src.slice(i, k + 1));
        i = k + 1;
        continue;
      }
    }
    if (c === "$" && src[i + 1] === "$") {
      // Display math's `$$` (which the page writes escaped) opens no inline math.
      text("$$");
      i += 2;
      continue;
    }
    if (c === "`") {
      const span = codeSpan(src, i, to, unclosed);
      if (span !== null) {
        add({ kind: "code", text: span.text });
        i = span.end;
        elementEnd = i;
      } else {
        // An unclosed run is text, all of it (a shorter run inside it closes nothing).
        let n = 0;
        while (src[i + n] === "`") n++;
        text("`".repeat(n));
        i += n;
      }
      continue;
    }
    if (c === "<") {
      const auto = sticky(AUTOLINK, i);
      if (auto !== null) {
        const url = auto[1] ?? `mailto:${auto[2]}`;
        if (!inLink && WEB.test(url)) add({ kind: "web", url, parts: [{ kind: "text", text: auto[1] ?? auto[2]! }] });
        else text(auto[0]);
        i += auto[0].length;
        elementEnd = i;
        continue;
      }
      // HTML is shown as written, whole: `*` inside a tag's attributes pairs with nothing.
      const tag = sticky(HTML_TAG_AT, i);
      if (tag !== null) {
        text(tag[0]);
        i += tag[0].length;
        elementEnd = i;
        continue;
      }
    }
    const embed = c === "!" && src[i + 1] === "[";
    const open = embed ? i + 1 : i;
    if (src.startsWith("[[", open)) {
      if (close !== -1 && close < open + 2) close = src.indexOf("]]", open + 2);
      // `[[a [[b]]`: the link is the inner one, as the index reads it (links.ts's wikiLinksIn).
      const innerOpen = close < 0 ? -1 : src.indexOf("[[", open + 2);
      if (close >= 0 && close + 2 <= to && (innerOpen < 0 || innerOpen > close)) {
        const l = parseWikiInner(src.slice(open + 2, close));
        // Not a link (`[[#]]`): shown as written. Inside a link's text: its name, as text.
        if (l === null) text(src.slice(i, close + 2));
        else if (inLink) text(wikiText(l, embed));
        else {
          const sub = l.subpath === null || l.subpath === "" ? "" : `#${l.subpath}`;
          add({ kind: "link", linktext: `${l.target}${sub}`, parts: [{ kind: "text", text: wikiText(l, embed) }] });
        }
        i = close + 2;
        if (l !== null) elementEnd = i;
        continue;
      }
    }
    if (src[open] === "[" && (!inLink || embed)) {
      const labelFrom = open + 1;
      const labelTo = linkTextEnd(src, labelFrom, to, unclosed, closing);
      const m = labelTo < 0 ? null : sticky(LINK_TAIL_AT, labelTo);
      if (m !== null) {
        const end = m.index + m[0].length;
        if (inLink) {
          // An image inside a link's text (`[![Logo](logo.png)](Note.md)`): its alt text.
          for (const part of inline(src, labelFrom, labelTo, true, closing)) add(part);
          i = end;
          continue;
        }
        // An image (`![Logo](logo.png)`), as an embed: a link to it, showing its alt text. A link's
        // text holds the tags Obsidian's metadata cache reads there, when readTags asks.
        const part = destination(m[1]!, inline(src, labelFrom, labelTo, true, closing, embed ? null : offsets), src.slice(labelFrom, labelTo));
        // A link the panel does not make (`javascript:`) is shown as written, whole.
        if (part !== null) add(part);
        else text(src.slice(i, end));
        i = end;
        elementEnd = i;
        continue;
      }
    }
    const before = i === 0 ? " " : src[i - 1]!;
    // A tag starts a value or follows white space, or what Obsidian reads as a piece of its own
    // (`\]#a`, `` `x`#a ``, `[[N]]#a`, `<br>#a`, `#a#b`, `[#a]`, `[a]#b`; after a `*`, `_`, `~~` or
    // `==` run, if the run pairs: `**#a**`, `_#a_`): not after punctuation that is text (`(#a)`, `"#a"`), nor
    // inside a word. Inside a link's text it is text to the panel (it draws the text as the link);
    // readTags reads it as Obsidian's metadata cache does, the text's start a start too.
    const afterRun = i === delimEnd;
    if (c === "#" && (!inLink || offsets !== null) && (SPACE.test(before) || i === elementEnd || afterRun || (inLink && i === from) || (bracket === i - 1 && sticky(TO_BRACKET, i)?.[1] === "]" && src[TO_BRACKET.lastIndex] !== "]"))) {
      const m = sticky(TAG_AT, i);
      if (m !== null) {
        let t = m[0];
        // `_` is a tag's character, but right after a run of `_` a run of as many ending the tag is
        // the closing one (`_#a_`, `__#a__`, `_#a_b_` hold `#a`, `#a`, `#a_b`: Obsidian's cache, as
        // read back by cyanheads/obsidian-mcp-server's tests). A run of another length makes the
        // `#` text (`_#a__`: no tag to the cache), the run left to pair as CommonMark pairs it. After
        // a run that only closes the tag keeps its `_` (`_a_#b_` holds `#b_`).
        if (afterRun && underscores > 0) {
          let k = 0;
          while (t[t.length - 1 - k] === "_") k++;
          if (k > 0) {
            const rest = t.slice(0, t.length - k);
            if (k !== underscores || rest.length < 2) {
              text(rest);
              i += rest.length;
              continue;
            }
            t = rest;
          }
        }
        const digits = ALL_DIGITS.test(t);
        // `#1984` is no tag (Obsidian's rule): text, and its digits start nothing.
        if (digits) text(t);
        else {
          const tag: StatusPart = { kind: "tag", text: t };
          offsets?.set(tag, { start: i, end: i + t.length });
          const maybe = afterRun || i === maybeEnd;
          add(tag, null, maybe);
          if (maybe) maybeEnd = i + t.length;
        }
        i += t.length;
        if (!digits) elementEnd = i;
        continue;
      }
    }
    if (!inLink && (c === "h" || c === "H" || c === "w" || c === "W") && !WORD.test(before)) {
      const prefix = sticky(PREFIX, i);
      // No host right after the prefix (`(http://(http://…`): no address, and the rest of the value is
      // not read from here (it would be again from each such prefix).
      let m = prefix === null || !HOST_CHAR.test(src[i + prefix[0].length] ?? "") ? null : sticky(BARE_URL_TO_COMMENT, i);
      // A `%%` that closes nowhere is text, and the address runs on through it.
      if (m !== null && src.startsWith("%%", m.index + m[0].length) && commentEnd(src, m.index + m[0].length, to, closing) < 0) m = sticky(BARE_URL, i);
      if (prefix !== null && m === null) {
        text(prefix[0]);
        i += prefix[0].length;
        continue;
      }
      if (prefix !== null && m !== null) {
        // A comment ends an address: hidden, as it is wherever it stands outside code. (One `%%` that
        // closes nowhere means no `%%` after it either: the first is the only one to look at.)
        const url = m[0].slice(0, urlEnd(m[0]));
        // `www.` alone, or a scheme with no host, is no address: its prefix is text (and read once).
        if (HOST.test(url)) add({ kind: "web", url: /^www\./i.test(url) ? `http://${url}` : url, parts: [{ kind: "text", text: url }] });
        else text(prefix[0]);
        i += HOST.test(url) ? url.length : prefix[0].length;
        if (HOST.test(url)) elementEnd = i;
        continue;
      }
    }
    const email = emails.get(i);
    if (email !== undefined) {
      const address = src.slice(i, email);
      add({ kind: "web", url: address.toLowerCase().startsWith("mailto:") ? address : `mailto:${address}`, parts: [{ kind: "text", text: address }] });
      i = email;
      elementEnd = i;
      continue;
    }
    if (c === "*" || c === "_" || c === "~" || c === "=") {
      let n = 1;
      while (i + n < to && src[i + n] === c) n++;
      // Strikethrough and highlight are runs of exactly two; `~` and `=` otherwise are text.
      if ((c === "~" || c === "=") && n !== 2) {
        text(c.repeat(n));
        i += n;
        continue;
      }
      const after = i + n < src.length ? src[i + n]! : " ";
      const beforeSpace = SPACE.test(before);
      const afterSpace = SPACE.test(after);
      const beforePunct = PUNCTUATION.test(before);
      const afterPunct = PUNCTUATION.test(after);
      const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
      const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
      // `_` inside a word (`snake_case`) is no emphasis; `*` may be.
      const canOpen = c === "_" ? leftFlanking && (!rightFlanking || beforePunct) : leftFlanking;
      const canClose = c === "_" ? rightFlanking && (!leftFlanking || afterPunct) : rightFlanking;
      add(null, { ch: c, left: n, length: n, canOpen, canClose, seq: seq++, at: i });
      i += n;
      delimEnd = i;
      underscores = c === "_" && canOpen ? n : 0;
      continue;
    }
    // Bracketed text that is no link is still a piece of its own to Obsidian: a `[` closed by a `]`
    // with no bracket between (not a footnote's `[^`, not a `]]`, not empty).
    if (c === "[") bracket = src[i + 1] === "^" ? -1 : i;
    else if (c === "]") {
      if (bracket >= 0 && i > bracket + 1 && src[i + 1] !== "]") elementEnd = i + 1;
      bracket = -1;
    }
    text(c);
    i++;
  }
  pairDelimiters(head, offsets);
  return partsOf(head.next, null);
}

/** The parts of the nodes from `first` up to `stop`: a delimiter's unused characters as text. */
function partsOf(first: Node | null, stop: Node | null): StatusPart[] {
  const out: StatusPart[] = [];
  for (let n = first; n !== null && n !== stop; n = n.next) {
    let part: StatusPart = n.part ?? { kind: "text", text: n.delim!.ch.repeat(n.delim!.left) };
    const last = out[out.length - 1];
    // The run before it stayed text (`a *#b`), or some of it did and comes right before (`**a***#b`):
    // so is the tag.
    if (n.ifAfterElement === true && part.kind === "tag" && last?.kind === "text") part = { kind: "text", text: part.text };
    if (part.kind === "text" && last?.kind === "text") out[out.length - 1] = { kind: "text", text: last.text + part.text };
    else if (part.kind !== "text" || part.text !== "") out.push(part);
  }
  return out;
}

/** CommonMark's "process emphasis", over one level's nodes (a link's text is a level of its own). */
function pairDelimiters(head: Node, offsets: Offsets | null): void {
  const unlink = (n: Node): void => {
    n.prev!.next = n.next;
    if (n.next !== null) n.next.prev = n.prev;
  };
  const unstack = (n: Node): void => {
    n.prevD!.nextD = n.nextD;
    if (n.nextD !== null) n.nextD.prevD = n.prevD;
  };
  // The seq of the run at or below which no opener can pair with a closer of this kind (CommonMark's
  // openers_bottom): each run is looked at back from each closer at most once per kind.
  const bottom = new Map<string, number>();
  let closer = head.nextD;
  while (closer !== null) {
    const d = closer.delim!;
    if (!d.canClose) {
      closer = closer.nextD;
      continue;
    }
    const key = d.ch === "*" || d.ch === "_" ? `${d.ch}${d.canOpen ? 1 : 0}${d.length % 3}` : d.ch;
    const floor = bottom.get(key) ?? -1;
    let opener = closer.prevD;
    while (opener !== head && opener !== null && opener.delim!.seq > floor) {
      const o = opener.delim!;
      if (o.ch === d.ch && o.canOpen) {
        // The rule of 3: `*foo**bar*` pairs the single stars.
        const odd = (d.ch === "*" || d.ch === "_") && (o.canClose || d.canOpen) && d.length % 3 !== 0 && (o.length + d.length) % 3 === 0;
        if (!odd) break;
      }
      opener = opener.prevD;
    }
    if (opener === head || opener === null || opener.delim!.seq <= floor) {
      bottom.set(key, d.seq - 1);
      const next = closer.nextD;
      // Neither an opener nor a closer any more: its characters are text where they are.
      if (!d.canOpen) unstack(closer);
      closer = next;
      continue;
    }
    const o = opener.delim!;
    const use = d.ch === "~" || d.ch === "=" ? 2 : o.left >= 2 && d.left >= 2 ? 2 : 1;
    const kind = d.ch === "~" ? "del" : d.ch === "=" ? "mark" : use === 2 ? "strong" : "em";
    // An opener gives its last characters not used yet, a closer its first (they stand next to the text they wrap).
    const span = { start: o.at + o.left - use, end: d.at + use };
    o.left -= use;
    d.left -= use;
    d.at += use;
    const wrapped: Node = { part: { kind, parts: partsOf(opener.next, closer) }, delim: null, prev: opener, next: closer, prevD: null, nextD: null };
    offsets?.set(wrapped.part!, span);
    opener.next = wrapped;
    closer.prev = wrapped;
    // The runs between are inside the wrapped part now, as text: off the stack.
    opener.nextD = closer;
    closer.prevD = opener;
    if (o.left === 0) {
      unlink(opener);
      unstack(opener);
    }
    if (d.left === 0) {
      const next = closer.nextD;
      unlink(closer);
      unstack(closer);
      closer = next;
    }
  }
}

/**
 * An Account Status value as the page's table cell shows it in Obsidian's reading view: links
 * (`[[Note]]`, `[[Note|alias]]`, `[x](Note.md)`, web addresses, `www.` and e-mail addresses) showing
 * what Obsidian shows of them, code spans, `*emphasis*`, `**strong**`, `~~strikethrough~~` and
 * `==highlight==`, `#tags`, backslash escapes taken, entities (`&amp;`, `&#35;`) decoded,
 * `%%comments%%` and `<!-- -->` hidden; HTML as written. An embed (`![[logo.png]]`,
 * `![Logo](logo.png)`) is a link to its file. The table cell holds the value on one line.
 *
 * Shown as written, where the reading view draws them: math (`$x^2$`), whose text is not read as
 * markdown — Obsidian's `renderMath` needs MathJax loaded first (`loadMathJax`, asynchronous, where
 * the panel draws at once), draws elements of MathJax's making into the sidebar, and has nothing
 * in the fake Obsidian to test it by —; and a footnote reference (`[^1]`), which in the sidebar
 * would point at a footnote that is not there.
 */
export function statusParts(value: string): StatusPart[] {
  const line = value.replace(/\r\n|\r|\n/g, " ");
  return inline(line, 0, line.length, false);
}

/** A tag as Obsidian reads one in a line of markdown, and where it stands. */
export interface TagAt {
  /** As written: `#fact/pricing`. */
  text: string;
  start: number;
  end: number;
  /**
   * The emphasis, strikethrough and highlight spans holding nothing but the tag, the outermost's
   * first run to its last (`**#fact**`, `*==#fact==*`); the tag's own offsets when there is none
   * (`**#fact price**`).
   */
  outerStart: number;
  outerEnd: number;
}

/**
 * The tags of a line of markdown (a list item's text), in order: where the panel draws a tag
 * (statusParts), and in a link's text (`[Pricing #fact](…)`), where Obsidian's metadata cache
 * records one though the panel draws the link's text. Core's category tags (§6) are read here, so
 * that a tag the app lists is one to the page too (`**#fact**`, `[[N]]#fact`), and one it does not
 * (`(#fact)`, `$x #fact$`, `[[N|a #fact]]`) is none.
 */
export function readTags(line: string): TagAt[] {
  // Offsets kept: a line break is one character, as the item's text holds none anyway.
  const src = line.replace(/[\r\n]/g, " ");
  const offsets: Offsets = new Map();
  const out: TagAt[] = [];
  // `outer`: the span holding nothing but the part the parts are, when they are one.
  const walk = (parts: readonly StatusPart[], outer: Range | null): void => {
    const sole = parts.length === 1 ? outer : null;
    for (const p of parts) {
      if (p.kind === "tag") {
        const at = offsets.get(p)!;
        const o = sole ?? at;
        out.push({ text: p.text, start: at.start, end: at.end, outerStart: o.start, outerEnd: o.end });
      } else if (p.kind === "link" || p.kind === "web") walk(p.parts, null);
      else if (p.kind !== "text" && p.kind !== "code") walk(p.parts, sole ?? offsets.get(p) ?? null);
    }
  };
  walk(inline(src, 0, src.length, false, closers(src), offsets), null);
  return out;
}
