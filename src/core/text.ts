// Small helpers over strings that every other module shares.

export const BOM = "\uFEFF";

/**
 * The page's own line ending: the first line break decides (a lone CR is one, as it is to Obsidian's
 * editor); LF when there is none. Only the first line is walked for a CR: a page without one pays
 * nothing more than the `indexOf`.
 */
export function detectEol(text: string): "\n" | "\r\n" | "\r" {
  const i = text.indexOf("\n");
  const end = i < 0 ? text.length : i;
  for (let k = 0; k < end; k++) if (text.charCodeAt(k) === 13) return k + 1 === i ? "\r\n" : "\r";
  return "\n";
}

/** A CR not followed by LF: a line ending to CommonMark and Obsidian's editor; the scanner splits at LF. */
const LONE_CR = /\r(?!\n)/;
const LONE_CRS = /\r(?!\n)/g;

/**
 * Whether some of the text's lines end in a lone CR (classic Mac OS line ends, or mixed with LF).
 * One search for a text without any CR, nearly every note.
 */
export function hasLoneCr(text: string): boolean {
  return text.indexOf("\r") >= 0 && LONE_CR.test(text);
}

/**
 * The text with each lone CR made a LF, so that a note's or a page's lines are the lines Obsidian
 * shows (its editor splits at `\r\n?|\n`, as CommonMark does) while the scanner splits at LF. One
 * code unit for one: every offset read from it is the same offset in the text, where ticks are
 * written and a page's kept lines are cut from (splicePage).
 */
export function crAsLf(text: string): string {
  // The text itself when it holds none: a CRLF note is not copied (hasLoneCr's one search).
  return hasLoneCr(text) ? text.replace(LONE_CRS, "\n") : text;
}

// Every character below U+0300 is NFC on its own and combines with nothing before it (the
// combining marks start at U+0300), so text made only of such characters is already NFC.
const MAYBE_NOT_NFC = /[\u0300-\uffff]/;

/** `s.normalize("NFC")`, without the call for text that cannot change (most of a vault). */
export function nfc(s: string): string {
  return MAYBE_NOT_NFC.test(s) ? s.normalize("NFC") : s;
}

/**
 * The same text in memory of its own. V8 keeps a slice of 13 or more characters as a view on the
 * string it was cut from, so a link target kept in the index would keep its whole note text alive;
 * gluing a character on and slicing it off again makes V8 copy the characters into a new string.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

/** Lower-cased NFC form used wherever names are compared ignoring case. */
export function foldCase(s: string): string {
  return nfc(s).toLowerCase();
}

/**
 * `t.toLowerCase().endsWith(".md")` without lower-casing all of t: no character other than `M` and
 * `D` lower-cases to `m` or `d`, and the one mapping that lengthens a string (İ) ends in U+0307.
 */
export function endsWithMd(t: string): boolean {
  const n = t.length;
  return n >= 3 && t.charCodeAt(n - 3) === 46 && (t.charCodeAt(n - 2) | 32) === 109 && (t.charCodeAt(n - 1) | 32) === 100;
}

export function basenameOf(path: string): string {
  const slash = path.lastIndexOf("/");
  const name = slash < 0 ? path : path.slice(slash + 1);
  return endsWithMd(name) ? name.slice(0, -3) : name;
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

export function stripMd(path: string): string {
  return endsWithMd(path) ? path.slice(0, -3) : path;
}

/** End of the line that starts at `start`, without its `\n` or `\r\n`. */
export function lineEnd(text: string, start: number): number {
  let end = text.indexOf("\n", start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where `x` is, or would go, in a list sorted by `compare`: the first place not before it. */
export function lowerBound<T, X = T>(list: readonly T[], x: X, compare: (a: T, b: X) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whitespace other than a single space: what `\s+` → " " would change. */
const NOT_SINGLE_SPACES = /[^\S ]| {2}/;

/** Normalised text for de-duplication (§6): NFC, lower case, whitespace collapsed, trailing `.;:` dropped. */
export function normaliseForDedup(s: string): string {
  const t = nfc(s).toLowerCase();
  if (NOT_SINGLE_SPACES.test(t)) return trimDedupEnd(t.replace(/\s+/g, " ").trim());
  return trimDedupEnd(t);
}

/** Drops a leading space and the trailing run of `.`, `;`, `:` and spaces (no regex: linear). */
function trimDedupEnd(t: string): string {
  const start = t.charCodeAt(0) === 32 ? 1 : 0;
  let end = t.length;
  while (end > start) {
    const c = t.charCodeAt(end - 1);
    if (c !== 46 && c !== 59 && c !== 58 && c !== 32) break;
    end--;
  }
  return start === 0 && end === t.length ? t : t.slice(start, end);
}

/** Escapes a table cell: `|` becomes `\|`, a line break a space. */
export function escapeCell(s: string): string {
  if (!CELL_SPECIAL.test(s)) return s;
  return s.replace(/\r\n|\r|\n/g, " ").replace(/\|/g, "\\|");
}

const CELL_SPECIAL = /[\r\n|]/;

/** A 32-bit FNV-1a hash of a text: enough to tell "the same text again" without keeping the text. */
export function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ s.length) >>> 0;
}

/**
 * What a wikilink's target cannot hold (possible in names of files made outside Obsidian): `#|^[]`,
 * a line break (a link is on one line; Linux allows one in a file name), and what would open a comment, math or code around it — `%%`, `$$`, `<!--` (the page escapes
 * them, and a backslash in a target is part of the name) and a backtick (it may pair with another
 * one further along the line).
 */
export const WIKI_UNSAFE = /[#|^[\]`\r\n]|%%|\$\$|<!--/;

/** A footnote definition's first line (`[^1]: …`), as Obsidian writes them; the label captured. */
export const FOOTNOTE_DEF = /^ {0,3}\[\^([^\]\s]+)\]:/;

/**
 * An HTML open or closing tag by CommonMark's grammar (a tag name, then attributes whose names start
 * with a letter, `_` or `:`; whitespace between them may hold one line ending): `<span title="Acme">`,
 * `</b>`, `<br/>`, `<img src="a.png"` / `alt="Acme">` — not `<p99 at Acme is 2s>`, nor a `<` whose `>`
 * is past a blank line.
 */
const W = String.raw`(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)`;
const W0 = String.raw`[ \t]*(?:\r?\n[ \t]*)?`;
const ATTRIBUTE = String.raw`${W}[A-Za-z_:][A-Za-z0-9_.:-]*(?:${W0}=${W0}(?:[^\s"'=<>\`]+|'[^'\n]*'|"[^"\n]*"))?`;
export const HTML_TAG = new RegExp(String.raw`<(?:[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*${W0}\/?|\/[A-Za-z][A-Za-z0-9-]*${W0})>`, "g");

/** Where a markdown link written as `text` (Resolver.linkText) points: the relative path it is, or the note's path. */
export function linkDestination(text: string, path: string): string {
  if (!text.startsWith("./") && !text.startsWith("../")) return path;
  // A link drops one trailing .md: a text that already ends in one (a name ending in .md) keeps it.
  return endsWithMd(text) ? text : `${text}.md`;
}

/** A markdown link to a note by its path: `[text](Folder/C%23ops.md#sub)`; `label` is its text, already written. */
export function markdownNoteLink(text: string, path: string, subpath = "", label = markdownLinkText(text)): string {
  const enc = (s: string): string => encodeURIComponent(s).replace(/[()]/g, (c) => (c === "(" ? "%28" : "%29"));
  const dest = path.split("/").map(enc).join("/") + (subpath === "" ? "" : `#${enc(subpath)}`);
  return `[${label}](${dest})`;
}

/** Text as a markdown link's text: brackets and backslashes escaped. */
export function markdownLinkText(text: string): string {
  // A line break in a name is a space in the link's text: the link stays on its item's line.
  // A backtick is written as its character reference: escaped, it would still close a code span
  // that a lone backtick earlier on the line (in a task's text) opened, and the link would be in it.
  return lineBreaksAsSpaces(text.replace(/[[\]\\]/g, "\\$&").replaceAll("`", "&#96;"));
}

/** A name on one line of a page (Linux allows a line break in a file name; it would end the item). */
export function lineBreaksAsSpaces(s: string): string {
  return s.replace(/\r\n?|\n/g, " ");
}

/** JSON text as editors save it — some put a byte order mark first, which JSON.parse refuses: the value, or why not. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What JSON.parse (or anything else) said went wrong, on one line, for a warning that quotes it. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ");
}
