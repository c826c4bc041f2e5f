// Turning markdown into the plain one-line summaries of Recent Context (§7 "Cleaning").
import { displayText, replaceWikiLinks } from "./links";
import { HTML_TAG } from "./text";

const IMAGE_MD = /!\[(?:[^[\]\n\\]|\\.|\[[^[\]\n]*\])*\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/g;
const LINK_MD = /\[((?:[^[\]\n\\]|\\.|\[[^[\]\n]*\])*)\]\((?:[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
// Written without lookbehind: some iOS versions of Obsidian cannot run it.
const STRONG = /(\*\*|__)(?=\S)((?:(?!\1).)*?\S)\1/gu;
// The inner text holds no `~` / `=`, so a search never runs past the next marker (linear).
const STRIKE = /~~(?=[^\s~])([^~]*?[^\s~])~~/gu;
const HIGHLIGHT = /==(?=[^\s=])([^=]*?[^\s=])==/gu;
const EM_STAR = /\*(?=[^\s*])([^*]*?[^\s*])\*/gu;
const EM_UNDER = /(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}])/gu;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const FOOTNOTE_REF = /\[\^([^\]\s]+)\](?!:)/g;
const NO_FOOTNOTES: ReadonlySet<string> = new Set();
const BR = /<br[ \t]*\/?>/gi;
/** Private-use characters standing for escaped ones while markup is removed (cleanProse). */
const HELD = /[\uE000-\uE07F]/g;
const HAS_HELD = /[\uE000-\uE07F]/;

/** Every rule of cleanProse needs one of these characters; text without them is left as it is. */
const PROSE_MARKUP = /[[<*_~=\\]/;

function cleanProse(s: string, footnotes: ReadonlySet<string>): string {
  if (!PROSE_MARKUP.test(s)) return s;
  // Wikilinks as the link parser reads them: embeds dropped, links shown by their display text.
  let t = replaceWikiLinks(s, (l) => (l.embed ? "" : displayText(l)));
  // An escaped character is text, not markup (`5\*3\*`, `\<div\>`, `\[[not a link]]`): it is held
  // apart while markup is removed and written back escaped, since the summary lands on a markdown
  // page where the bare character could be markup again (a live link, a tag, emphasis).
  const held = t.includes("\\") && !HAS_HELD.test(t);
  if (held) t = t.replace(ESCAPE, (_w, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
  t = t.replace(IMAGE_MD, "").replace(LINK_MD, (_w, text: string) => text);
  // A reference to one of the note's footnotes would open the page's own there (`[^a-z]` in a regex
  // named in the text is no reference); a line break is a space.
  if (footnotes.size > 0) t = t.replace(FOOTNOTE_REF, (ref, label: string) => (footnotes.has(label.toLowerCase()) ? "" : ref));
  t = t.replace(BR, " ").replace(HTML_TAG, "");
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(STRONG, "$2").replace(STRIKE, "$1").replace(HIGHLIGHT, "$1").replace(EM_STAR, "$1").replace(EM_UNDER, "$1$2");
    if (t === before) break;
  }
  return held ? t.replace(HELD, (c) => `\\${String.fromCharCode(c.charCodeAt(0) - 0xe000)}`) : t;
}

/**
 * Cleans markdown to plain text: code keeps its text (without backticks), links show their text,
 * references to `footnotes` (the labels the note defines, in lower case) go.
 */
export function cleanMarkdown(s: string, footnotes: ReadonlySet<string> = NO_FOOTNOTES): string {
  // Without a backtick there is no code span: the whole text is prose.
  if (!s.includes("`")) return collapseSpaces(cleanProse(s, footnotes));
  let out = "";
  let i = 0;
  let prose = 0;
  while (i < s.length) {
    if (s.charCodeAt(i) === 92) {
      i += 2;
      continue;
    }
    if (s.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    let n = 1;
    while (s.charCodeAt(i + n) === 96) n++;
    let j = i + n;
    let close = -1;
    for (;;) {
      const k = s.indexOf("`", j);
      if (k < 0) break;
      let m = 1;
      while (s.charCodeAt(k + m) === 96) m++;
      if (m === n) {
        close = k;
        break;
      }
      j = k + m;
    }
    if (close < 0) {
      i += n;
      continue;
    }
    out += cleanProse(s.slice(prose, i), footnotes);
    let code = s.slice(i + n, close);
    if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
    out += code;
    i = close + n;
    prose = i;
  }
  out += cleanProse(s.slice(prose), footnotes);
  return collapseSpaces(out);
}

/** Only single spaces between words: nothing for `\s+` to replace. */
const NOT_SIMPLE_SPACE = /[^\S ]| {2}/u;

function collapseSpaces(s: string): string {
  return (NOT_SIMPLE_SPACE.test(s) ? s.replace(/\s+/gu, " ") : s).trim();
}

const CUT_AT = 100;
const SURROGATE = /[\uD800-\uDFFF]/;
const WHITESPACE = /\s/;
const CUT_TRAIL = /[,;:\-–—\s]+$/u;

/** cutSummary for text without surrogates, where each code unit is one code point. */
function cutUnits(s: string): string {
  let cut = -1;
  for (let i = Math.min(CUT_AT, s.length - 1); i >= 0; i--) {
    if (WHITESPACE.test(s[i]!)) {
      cut = i;
      break;
    }
  }
  return s.slice(0, cut > 0 ? cut : CUT_AT).replace(CUT_TRAIL, "") + "...";
}

/** Cuts a summary longer than 100 code points at a word boundary and adds `...` (§7). */
export function cutSummary(s: string): string {
  // Never more code points than code units: a short text needs no counting.
  if (s.length <= CUT_AT) return s;
  if (!SURROGATE.test(s)) return cutUnits(s);
  const cps = [...s];
  if (cps.length <= CUT_AT) return s;
  let cut = -1;
  for (let i = Math.min(CUT_AT, cps.length - 1); i >= 0; i--) {
    if (/\s/u.test(cps[i]!)) {
      cut = i;
      break;
    }
  }
  const kept = cps.slice(0, cut > 0 ? cut : CUT_AT).join("");
  return kept.replace(/[,;:\-–—\s]+$/u, "") + "...";
}
