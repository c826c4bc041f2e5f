// The fast paths added for speed (docs/performance.md) give exactly what the plain code they
// replace gives. Each reference below is the code as it was before the fast path, kept here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanMarkdown, cutSummary } from "../../src/core/clean";
import type { NoteDate } from "../../src/core/dates";
import type { ParsedNote } from "../../src/core/note";
import { compareNotes, sortNotes } from "../../src/core/page";
import { displayText, extractBodyLinks, mayHoldUrl } from "../../src/core/links";
import { applyEdits, type TaskEdit } from "../../src/core/writeback";
import { isThematic, listMarkerLength } from "../../src/core/block-starts";
import { cellCount, delimiterCells } from "../../src/core/gfm-tables";
import { scanMarkdown } from "../../src/core/markdown";
import { maskHidden, type Range } from "../../src/core/ranges";
import { isEdge, TermMatcher, type Mention } from "../../src/core/mentions";
import { Resolver } from "../../src/core/resolve";
import { customerFolderName, isNotePath } from "../../src/core/kinds";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { detach, endsWithMd, escapeCell, HTML_TAG, nfc, normaliseForDedup } from "../../src/core/text";

const RUNS = { numRuns: 2000 };

/** Strings over an alphabet of interesting pieces. */
const textOf = (pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 }), fc.string({ unit: "binary", maxLength: 3 })), { maxLength }).map((xs) => xs.join(""));

describe("nfc: text below U+0300 is returned as it is", () => {
  it("every character and every pair below U+0300 is already NFC", () => {
    for (let a = 0; a < 0x300; a++) {
      const x = String.fromCharCode(a);
      expect(x.normalize("NFC")).toBe(x);
      for (let b = 0; b < 0x300; b++) {
        const y = x + String.fromCharCode(b);
        if (y.normalize("NFC") !== y) expect.fail(`U+${a.toString(16)} U+${b.toString(16)}`);
      }
    }
  });

  it("equals String.prototype.normalize('NFC')", () => {
    const pieces = ["e", "\u0301", "é", "Å", "\u212b", "한", "\u1100\u1161", "ﬁ", "😀", "\ud800", "a b", "ÿ", "\u02ff", "\u0300"];
    fc.assert(
      fc.property(fc.oneof(textOf(pieces), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme-composite" })), (s) => {
        expect(nfc(s)).toBe(s.normalize("NFC"));
      }),
      RUNS,
    );
  });
});

// ---- clean.ts ----

function referenceCutSummary(s: string): string {
  const cps = [...s];
  if (cps.length <= 100) return s;
  let cut = -1;
  for (let i = Math.min(100, cps.length - 1); i >= 0; i--) {
    if (/\s/u.test(cps[i]!)) {
      cut = i;
      break;
    }
  }
  const kept = cps.slice(0, cut > 0 ? cut : 100).join("");
  return kept.replace(/[,;:\-–—\s]+$/u, "") + "...";
}

const IMAGE_MD = /!\[(?:[^[\]\n\\]|\\.|\[[^[\]\n]*\])*\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/g;
const LINK_MD = /\[((?:[^[\]\n\\]|\\.|\[[^[\]\n]*\])*)\]\((?:[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
// The tag grammar is text.ts's own (not a shortcut under test).
const STRONG = /(\*\*|__)(?=\S)((?:(?!\1).)*?\S)\1/gu;
const STRIKE = /~~(?=[^\s~])([^~]*?[^\s~])~~/gu;
const HIGHLIGHT = /==(?=[^\s=])([^=]*?[^\s=])==/gu;
const EM_STAR = /\*(?=[^\s*])([^*]*?[^\s*])\*/gu;
const EM_UNDER = /(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}])/gu;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

function referenceCleanProse(s: string): string {
  // Wikilinks are those the link parser finds (the same reading as everywhere else).
  let out = "";
  let pos = 0;
  for (const l of extractBodyLinks(s).links) {
    if (l.kind !== "wiki") continue;
    out += s.slice(pos, l.start) + (l.embed ? "" : displayText(l));
    pos = l.end;
  }
  let t = out + s.slice(pos);
  // Escaped characters are held apart from the markup passes and written back escaped.
  const held = !/[\uE000-\uE07F]/.test(t);
  if (held) t = t.replace(ESCAPE, (_w, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
  t = t.replace(IMAGE_MD, "");
  t = t.replace(LINK_MD, (_w, text: string) => text);
  t = t.replace(/<br[ \t]*\/?>/gi, " ");
  t = t.replace(HTML_TAG, "");
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(STRONG, "$2").replace(STRIKE, "$1").replace(HIGHLIGHT, "$1").replace(EM_STAR, "$1").replace(EM_UNDER, "$1$2");
    if (t === before) break;
  }
  return held ? t.replace(/[\uE000-\uE07F]/g, (c) => "\\" + String.fromCharCode(c.charCodeAt(0) - 0xe000)) : t;
}

function referenceCleanMarkdown(s: string): string {
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
    out += referenceCleanProse(s.slice(prose, i));
    let code = s.slice(i + n, close);
    if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
    out += code;
    i = close + n;
    prose = i;
  }
  out += referenceCleanProse(s.slice(prose));
  return out.replace(/\s+/gu, " ").trim();
}

describe("clean.ts fast paths", () => {
  const words = ["word", " ", "  ", "\t", "\n", "\u00a0", "\u3000", ",", ";", ":", "-", "–", "—", "😀", "é", "e\u0301", "x".repeat(30)];
  it("cutSummary equals the code-point version", () => {
    fc.assert(
      fc.property(fc.oneof(textOf(words, 80), fc.string({ unit: "binary", maxLength: 200 }), fc.string({ minLength: 90, maxLength: 130 })), (s) => {
        expect(cutSummary(s)).toBe(referenceCutSummary(s));
      }),
      RUNS,
    );
  });

  it("cleanMarkdown equals the version without shortcuts", () => {
    const md = ["`", "``", "\\", "\\`", "[[", "]]", "[[A|b]]", "[[A#H]]", "![[img.png]]", "[t](u)", "![i](p.png)", "<b>", "</i>", "**", "__", "_", "*", "~~", "==", " ", "  ", "\t", "\n", "word", "x_y", "\u00a0"];
    fc.assert(
      fc.property(fc.oneof(textOf(md), fc.string()), (s) => {
        expect(cleanMarkdown(s)).toBe(referenceCleanMarkdown(s));
      }),
      RUNS,
    );
  });
});

// ---- markdown.ts ----

function referenceMaskHidden(text: string, hidden: readonly Range[]): string {
  if (hidden.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const h of hidden) {
    out += text.slice(pos, h.start);
    out += text.slice(h.start, h.end).replace(/[^\r\n]/g, " ");
    pos = h.end;
  }
  return out + text.slice(pos);
}

/** Sorted, disjoint ranges within [0, length]. */
const rangesIn = (length: number): fc.Arbitrary<Range[]> =>
  fc.uniqueArray(fc.integer({ min: 0, max: length }), { maxLength: 12 }).map((xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const out: Range[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ start: sorted[i]!, end: sorted[i + 1]! });
    return out;
  });

describe("markdown.ts fast paths", () => {
  it("maskHidden equals the regex version", () => {
    const text = textOf(["a", "b c", "\n", "\r\n", "\r", "\t", "😀", "`x`"], 60);
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), rangesIn(t.length))),
        ([t, ranges]) => {
          expect(maskHidden(t, ranges)).toBe(referenceMaskHidden(t, ranges));
        },
      ),
      RUNS,
    );
  });

  const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
  const THEMATIC = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
  const lineText = textOf(["-", "*", "_", "+", " ", "\t", "1", "123456789", "0", ".", ")", "a", "\u00a0", "\r"], 12);

  it("listMarkerLength and isThematic equal the regexes", () => {
    fc.assert(
      fc.property(lineText, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (line, before, after) => {
        // The line sits inside a longer text, as it does in a note.
        const text = before + "\n" + line + "\n" + after;
        const q = before.length + 1;
        const le = q + line.length;
        const m = LIST_MARKER.exec(line);
        expect(listMarkerLength(text, q, le)).toBe(m ? m[0].length : 0);
        const first = text.charCodeAt(q);
        if (first === 45 || first === 42 || first === 95) expect(isThematic(text, q, le, first)).toBe(THEMATIC.test(line));
      }),
      { numRuns: 5000 },
    );
  });

  /** The table delimiter row check as it was before B31-A (2f051f1), its cells included. */
  function referenceDelimiterCells(line: string): number {
    if (!line.includes("|")) return -1;
    let cells = line.trim().split("|");
    if (cells[0]!.trim() === "") cells = cells.slice(1);
    if (cells.length > 0 && cells[cells.length - 1]!.trim() === "") cells = cells.slice(0, -1);
    if (cells.length === 0) return -1;
    for (const c of cells) if (!/^:?-+:?$/.test(c.trim())) return -1;
    return cells.length;
  }
  const rowText = textOf(["|", "-", ":", " ", "\t", "a", "\\", "\r", "\u00a0", "\v", "\f", "\u3000", "\ufeff", "---", "| :-: |"], 14);

  it("delimiterCells equals the split-and-trim check it replaced, white space of every kind included (B31-E)", () => {
    fc.assert(
      fc.property(rowText, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (line, before, after) => {
        const text = before + "\n" + line + "\n" + after;
        const q = before.length + 1;
        expect(delimiterCells(text, q, q + line.length)).toBe(referenceDelimiterCells(line));
      }),
      { numRuns: 20000 },
    );
  });

  it("cellCount: a row's unescaped pipes, less a leading and a trailing one (B31-E)", () => {
    // Worked out by GFM's reading: a backslash escapes the next character, pipes included.
    const cases: Array<[string, number]> = [
      ["a | b", 2],
      ["| a | b |", 2],
      ["  | a | b |  ", 2],
      ["a \\| b", 1],
      ["a \\|", 1],
      ["a \\\\|", 1],
      ["a \\\\| b", 2],
      ["|", 1],
      ["||", 1],
      ["| a |\u00a0", 1],
      ["\ufeff| a | b |", 2],
    ];
    for (const [row, n] of cases) expect([row, cellCount(row, 0, row.length)]).toEqual([row, n]);
  });

  /** The inline scan as it was (one character at a time), over paragraph lines only. */
  function referenceInlineHidden(text: string): Range[] {
    const hidden: Range[] = [];
    const add = (start: number, end: number): void => {
      if (end <= start) return;
      const last = hidden[hidden.length - 1];
      if (last && last.end >= start) last.end = Math.max(last.end, end);
      else hidden.push({ start, end });
    };
    let inline = "";
    // A closer's first position at or after `from`; a `$$` right after an odd run of backslashes is
    // escaped (checked one position at a time, with no shortcut).
    const find = (closer: string, from: number): number => {
      for (let k = from; k + closer.length <= text.length; k++) {
        if (!text.startsWith(closer, k)) continue;
        if (closer !== "$$") return k;
        let bs = 0;
        for (let j = k - 1; j >= from && text[j] === "\\"; j--) bs++;
        if (bs % 2 === 0 && !inCode(Math.max(from, text.lastIndexOf("\n", k) + 1), k)) return k;
      }
      return -1;
    };
    // Is k inside a code span of its line, read from `start` one character at a time (a `$$` in
    // code closes no math)?
    const inCode = (start: number, k: number): boolean => {
      const nl = text.indexOf("\n", k);
      const lineEnd = nl < 0 ? text.length : nl;
      let i = start;
      while (i < k) {
        if (text[i] === "\\") {
          i += 2;
          continue;
        }
        if (text[i] !== "`") {
          i++;
          continue;
        }
        let n = 0;
        while (text[i + n] === "`" && i + n < lineEnd) n++;
        let close = -1;
        for (let j = i + n; j < lineEnd; j++) {
          if (text[j] !== "`") continue;
          let m = 0;
          while (text[j + m] === "`" && j + m < lineEnd) m++;
          if (m === n) {
            close = j + m;
            break;
          }
          j += m - 1;
        }
        if (close < 0) {
          i += n;
          continue;
        }
        if (k < close) return true;
        i = close;
      }
      return false;
    };
    const scanInline = (from: number, end: number): void => {
      let i = from;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === 92 /* \ */) {
          i += 2;
          continue;
        }
        if (c === 96 /* ` */) {
          let n = 1;
          while (i + n < end && text.charCodeAt(i + n) === 96) n++;
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
            i += n;
            continue;
          }
          add(i, closed);
          i = closed;
          continue;
        }
        if (c === 37 /* % */ && text.charCodeAt(i + 1) === 37) {
          const k = text.indexOf("%%", i + 2);
          if (k >= 0 && k + 2 <= end) {
            add(i, k + 2);
            i = k + 2;
            continue;
          }
          add(i, end);
          inline = "%%";
          return;
        }
        if (c === 60 /* < */ && text.startsWith("<!--", i)) {
          const k = text.indexOf("-->", i + 4);
          if (k >= 0 && k + 3 <= end) {
            add(i, k + 3);
            i = k + 3;
            continue;
          }
          add(i, end);
          inline = "<!--";
          return;
        }
        if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 36) {
          const k = find("$$", i + 2);
          if (k >= 0 && k + 2 <= end) {
            add(i, k + 2);
            i = k + 2;
            continue;
          }
          if (k < 0) {
            // No `$$` anywhere after: text, not math (§1).
            i += 2;
            continue;
          }
          add(i, end);
          inline = "$$";
          return;
        }
        i++;
      }
    };
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      // A line ends before its line break, `\r\n` included.
      const end = nl < 0 ? text.length : nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      let from = start;
      if (inline !== "") {
        const closer = inline === "<!--" ? "-->" : inline;
        const k = find(closer, start);
        if (k >= 0 && k + closer.length <= end) {
          add(start, k + closer.length);
          inline = "";
          from = k + closer.length;
        } else {
          add(start, end);
          from = -1;
        }
      }
      if (from >= 0) scanInline(from, end);
      if (nl < 0) break;
      start = nl + 1;
    }
    return hidden;
  }

  it("the inline scan finds the same code, math and comments as the character-by-character scan", () => {
    const piece = ["x", " ", "`", "``", "```", "\\", "\\`", "%", "%%", "<", "<!--", "-->", "-", "$", "$$", "y z", "\r"];
    // Every line starts with a letter: paragraphs only, so no block rule is involved.
    const line = textOf(piece, 12).map((l) => "w" + l.replace(/\n/g, ""));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = lines.join("\n");
        expect(scanMarkdown(text).hidden).toEqual(referenceInlineHidden(text));
      }),
      { numRuns: 5000 },
    );
  });
});

// ---- links.ts ----

describe("links.ts fast paths", () => {
  // The bare-URL and e-mail search as it was before mayHoldUrl: a gate of `:`, `@` or `www.`.
  const BARE_URL = /\b(?:https?|ftp|obsidian|file|mailto):[^\s<>[\]]+|\bwww\.[^\s<>[\]]+/i;
  const EMAIL = /[\w.+-]@[\w-]+(?:\.[\w-]+)+/;

  it("mayHoldUrl is true of every text in which a bare URL or an e-mail address is found", () => {
    const pieces = ["http", "HTTPS", "hTtP", "ftp", "obsidian", "file", "mailto", "Mailto", ":", "://", "www.", "WwW.", "ww", "w.", "@", "a@b.c", "x", "é", " ", "\t", "\n", "\u00a0", "<", ">", "[", "]", "type: meeting", "e:", "s:", "\u0000"];
    let urls = 0;
    fc.assert(
      fc.property(textOf(pieces, 12), (s) => {
        const found = BARE_URL.test(s) || EMAIL.test(s);
        if (found) {
          urls++;
          expect(mayHoldUrl(s)).toBe(true);
        }
      }),
      { numRuns: 10000 },
    );
    // The generator reaches the case it is about: ≈ 1,075 of the 10,000 texts on average (30 runs:
    // 1,009–1,128; 40 more: 972–1,138, mean 1,072); a bound of 1,000 sat close enough below that to
    // fail now and then (983 once).
    expect(urls).toBeGreaterThan(500);
  });

  it("mayHoldUrl is false of a note's usual colons, and true of each kind of bare URL", () => {
    expect(mayHoldUrl("type: meeting\ndate: 2026-01-01\nNotes: see [[Acme]]\n")).toBe(false);
    expect(mayHoldUrl("a:b e: x s:\ty n:<z o:[w")).toBe(false);
    for (const url of ["https://x.org", "HTTP://x", "ftp:x", "obsidian://open", "file:///c", "mailto:a", "see www.x.org", "WWW.X", "a@b.co"]) expect(mayHoldUrl(`Notes ${url} end`)).toBe(true);
  });
});

// ---- writeback.ts ----

describe("writeback.ts fast paths", () => {
  /** applyEdits as it was before T16: each edit sliced into the text in turn, last offset first. */
  function referenceApplyEdits(text: string, edits: readonly TaskEdit[]): string {
    let out = text;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.status + out.slice(e.offset + 1);
    return out;
  }

  it("applyEdits in one pass equals applying the edits one by one (two at one offset included)", () => {
    const input = fc.string({ minLength: 1, maxLength: 60 }).chain((text) =>
      fc.tuple(
        fc.constant(text),
        fc.array(fc.record({ offset: fc.nat({ max: text.length - 1 }), status: fc.constantFrom("x", "X", "-", "/", " ", "?") }), { maxLength: 12 }),
      ),
    );
    let shared = 0;
    fc.assert(
      fc.property(input, ([text, edits]) => {
        if (new Set(edits.map((e) => e.offset)).size < edits.length) shared++;
        expect(applyEdits(text, edits as TaskEdit[])).toBe(referenceApplyEdits(text, edits as TaskEdit[]));
      }),
      { numRuns: 5000 },
    );
    // The generator reaches two edits at one offset: ≈ 3,210 of the 5,000 inputs (40 runs:
    // 3,150–3,290), far above 500 by chance.
    expect(shared).toBeGreaterThan(500);
  });
});

// ---- mentions.ts ----

/** Every position, every term: the definition of a mention, without keys or candidate search. */
function referenceFind(terms: ReadonlyMap<string, string>, s: string): Mention[] {
  const isSpace = (c: number): boolean => /\s/.test(String.fromCharCode(c));
  const list = [...terms].map(([raw, owner]) => ({ text: raw.normalize("NFC").trim().replace(/\s+/gu, " "), owner })).filter((t) => [...t.text].length >= 3);
  const cpBefore = (i: number): number => (i <= 0 ? -1 : String.fromCodePoint(...[...s.slice(0, i)].slice(-1).map((c) => c.codePointAt(0)!)).codePointAt(0)!);
  const found: Mention[] = [];
  for (let i = 0; i < s.length; i++) {
    for (const t of list) {
      if (!isEdge(cpBefore(i), t.text.codePointAt(0)!)) continue;
      let j = i;
      let ok = true;
      for (let k = 0; k < t.text.length && ok; k++) {
        const tc = t.text.charCodeAt(k);
        if (j >= s.length) ok = false;
        else if (tc === 32) {
          if (!isSpace(s.charCodeAt(j))) ok = false;
          while (j < s.length && isSpace(s.charCodeAt(j))) j++;
        } else if (s.charCodeAt(j) !== tc) ok = false;
        else j++;
      }
      if (!ok) continue;
      const lastCp = [...t.text].at(-1)!.codePointAt(0)!;
      if (!isEdge(j < s.length ? s.codePointAt(j)! : -1, lastCp)) continue;
      found.push({ start: i, end: j, owner: t.owner });
    }
  }
  if (found.length <= 1) return found;
  const byLength = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Mention[] = [];
  for (const m of byLength) {
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

describe("TermMatcher.find: candidate search and hashed keys", () => {
  const termPieces = ["Acme", "Acme Corp", "Ac", "ACME", " ", "  ", "Globex", "Ümlaut", "e\u0301", "漢字", "ไทย", "😀", "-", ".", "C1", "C10", "C100", "Ann"];
  const term = textOf(termPieces, 3).filter((t) => t.trim() !== "");
  const textPieces = [...termPieces, "\n", "\t", "\u00a0", "x", "9", "_", "[[", "]]", "\u0001"];

  it("finds exactly what checking every position against every term finds", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(term, fc.constantFrom("A", "B", "C")), { maxLength: 6 }), textOf(textPieces, 30), (pairs, text) => {
        const terms = new Map(pairs);
        expect(new TermMatcher(terms).find(text)).toEqual(referenceFind(terms, text));
      }),
      { numRuns: 3000 },
    );
  });
});

// ---- text.ts ----

describe("text.ts fast paths", () => {
  const pieces = ["Word", "word", " ", "  ", "\t", "\n", "\r\n", "\u00a0", ".", ";", ":", "|", "İ", "É", "e\u0301", "ß", "Σ"];
  it("normaliseForDedup equals NFC, lower case, \\s+ collapsed, trimmed, trailing .;: dropped", () => {
    const reference = (s: string): string =>
      s
        .normalize("NFC")
        .toLowerCase()
        .replace(/\s+/g, " ")
        .trim()
        .replace(/[.;:\s]+$/u, "");
    fc.assert(
      fc.property(fc.oneof(textOf(pieces), fc.string({ unit: "binary" })), (s) => {
        expect(normaliseForDedup(s)).toBe(reference(s));
      }),
      RUNS,
    );
  });

  it("escapeCell equals the two replacements", () => {
    fc.assert(
      fc.property(fc.oneof(textOf(pieces), fc.string()), (s) => {
        expect(escapeCell(s)).toBe(s.replace(/\r\n|\r|\n/g, " ").replace(/\|/g, "\\|"));
      }),
      RUNS,
    );
  });

  it("endsWithMd equals toLowerCase().endsWith('.md')", () => {
    const ends = ["", ".md", ".MD", ".Md", ".mD", ".m", "md", "İ", "İ.md", "\u212a", "x.mdx", ".", "ⅿ", "ⅾ", "\u0307"];
    fc.assert(
      fc.property(textOf(ends, 6), (s) => {
        expect(endsWithMd(s)).toBe(s.toLowerCase().endsWith(".md"));
      }),
      RUNS,
    );
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [`.${ch}d`, `.m${ch}`, `${ch}md`]) if (endsWithMd(s) !== s.toLowerCase().endsWith(".md")) expect.fail(`U+${c.toString(16)}`);
    }
  });

  it("customerFolderName equals the split version", () => {
    const reference = (path: string, folder: string): string | null => {
      const parts = path.split("/");
      if (parts.length < 3) return null;
      if (parts[0]!.toLowerCase() !== folder.toLowerCase()) return null;
      return parts[1]!;
    };
    const settings = { ...DEFAULT_SETTINGS, folders: { ...DEFAULT_SETTINGS.folders, customers: "Customers" } };
    fc.assert(
      fc.property(textOf(["Customers", "customers", "CUSTOMERS", "/", "Acme", "a.md", "x", ""], 6), (path) => {
        expect(customerFolderName(path, settings)).toBe(reference(path, "Customers"));
      }),
      RUNS,
    );
  });

  it("isNotePath equals the split version", () => {
    const reference = (path: string): boolean => {
      if (!path.endsWith(".md")) return false;
      for (const seg of path.split("/")) if (seg.startsWith(".")) return false;
      return true;
    };
    fc.assert(
      fc.property(textOf([".", "/", ".md", "a", ".obsidian", "x.md", "..", "/."], 8), (path) => {
        expect(isNotePath(path)).toBe(reference(path));
      }),
      RUNS,
    );
  });

  it("detach keeps the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.nat(40), fc.nat(40), (s, a, b) => {
        const cut = s.slice(Math.min(a, b), Math.max(a, b));
        expect(detach(cut)).toBe(cut);
      }),
      RUNS,
    );
  });
});

// ---- resolve.ts ----

/** Pages in the folders the paths below use, and one more. */
const PAGES = ["P.md", "X/P.md", "X/Y/P.md", "Z/P.md"];

describe("Resolver.linkText cache", () => {
  // Paths that differ only in case (`A.md`, `a.md`) are left out: the resolver keys paths
  // ignoring case, as Obsidian's file names are, so such a pair is one file to it.
  const paths = ["A.md", "X/A.md", "X/Y/a.md", "B.md", "X/b.md", "C.md", "Ü.md", "X/u\u0308.md"];
  const op = fc.oneof(
    fc.tuple(fc.constant("set" as const), fc.constantFrom(...paths), fc.boolean()),
    fc.tuple(fc.constant("remove" as const), fc.constantFrom(...paths), fc.boolean()),
  );
  it("answers what a resolver built from scratch answers, after any sequence of changes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const live = new Resolver();
        const present = new Map<string, boolean>();
        for (const [kind, path, empty] of ops) {
          if (kind === "set") {
            live.set(path, [], empty);
            present.set(path, empty);
          } else {
            live.remove(path);
            present.delete(path);
          }
          const fresh = new Resolver();
          for (const [p, e] of present) fresh.set(p, [], e);
          for (const p of paths) for (const page of PAGES) expect(live.linkText(p, page), `${p} from ${page}`).toBe(fresh.linkText(p, page));
        }
      }),
      RUNS,
    );
  });
});

describe("Resolver.linkText resolves back", () => {
  // Names shared across folders, empty notes, aliases equal to other notes' names, pages in every folder.
  const paths = ["A.md", "X/A.md", "X/Y/A.md", "Y/A.md", "Z/Y/A.md", "B.md", "X/B.md", "P.md", "X/P.md", "Z/X/P.md", "C#d.md", "X/C#d.md", "R.md.md", "X/R.md.md", "S.md.md"];
  const note = fc.tuple(fc.constantFrom(...paths), fc.subarray(["A", "B", "P", "X/A", "C#d"], { maxLength: 2 }), fc.boolean());
  it("the link a page writes to any note resolves, from that page, to that note (§3, §7)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(note, { selector: (n) => n[0], maxLength: paths.length }), fc.constantFrom(...paths, "Q/R/page.md"), (notes, page) => {
        const r = new Resolver();
        for (const [p, aliases, empty] of notes) r.set(p, aliases, empty);
        for (const [p] of notes) expect(r.resolve(r.linkText(p, page), page).path, `${p} from ${page}`).toBe(p);
      }),
      RUNS,
    );
  });
});

// ---- page.ts ----

describe("sortNotes", () => {
  const date = fc.option(
    fc.record({ year: fc.integer({ min: 2023, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.option(fc.integer({ min: 1, max: 3 })) }),
  );
  it("orders notes as sorting with compareNotes does", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a.md", "B.md", "b.md", "x/a.md", "é.md", "a"), date), { maxLength: 30 }), (rows) => {
        const notes = rows.map(([path, d]) => ({ path, date: d as NoteDate | null }) as ParsedNote);
        expect(sortNotes([...notes])).toEqual([...notes].sort(compareNotes));
      }),
      RUNS,
    );
  });
});
