// Whole-word mentions of customer names (§5), found in one pass over a note's text: candidate
// starts are word starts, looked up by their first three characters, then checked in full.
import { compareCodeUnits } from "./text";

const WORDISH = /[\p{L}\p{N}\p{M}]/u;
// Script_Extensions, not Script: the prolonged sound mark ー is "Common" but only ever written in kana.
const EDGE_SCRIPTS = [/\p{scx=Han}/u, /\p{scx=Hiragana}/u, /\p{scx=Katakana}/u, /\p{scx=Hangul}/u, /\p{scx=Thai}/u];

function isWordish(cp: number): boolean {
  if (cp < 128) {
    return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  }
  return WORDISH.test(String.fromCodePoint(cp));
}

/** The Han/Hiragana/Katakana/Hangul/Thai scripts a code point is written in, as bits (0: none). */
function edgeScripts(cp: number): number {
  if (cp < 0x0e00) return 0;
  const ch = String.fromCodePoint(cp);
  let bits = 0;
  for (let i = 0; i < EDGE_SCRIPTS.length; i++) if (EDGE_SCRIPTS[i]!.test(ch)) bits |= 1 << i;
  return bits;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x1680 || c === 0xfeff;
}

/** Is the boundary between `neighbour` and the term's end character `edge` a word edge? */
export function isEdge(neighbour: number, edge: number): boolean {
  if (neighbour < 0) return true;
  if (!isWordish(neighbour)) return true;
  const ns = edgeScripts(neighbour);
  return ns !== 0 && (edgeScripts(edge) & ns) === 0;
}

function codePointBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

function codePointAt(s: string, i: number): number {
  return i < s.length ? s.codePointAt(i)! : -1;
}

interface Term {
  /** Code units of the term with every whitespace run as one space. */
  text: string;
  owner: string;
  first: number;
  last: number;
}

export interface Mention {
  start: number;
  end: number;
  owner: string;
}

function keyAt(s: string, i: number): number {
  // Three code units, whitespace runs collapsed to one space, hashed to a small integer (the
  // terms under one key are checked in full, so two prefixes may share a key).
  let key = 0;
  let n = 0;
  let j = i;
  while (n < 3 && j < s.length) {
    let c = s.charCodeAt(j);
    if (isSpace(c)) {
      c = 32;
      while (j + 1 < s.length && isSpace(s.charCodeAt(j + 1))) j++;
    }
    key = (Math.imul(key, 31) + c) & 0x3fffffff;
    n++;
    j++;
  }
  return n === 3 ? key : -1;
}

/** A regex matching any one of the code units (no `u` flag: surrogates match one by one). */
function unitClass(units: ReadonlySet<number>): RegExp {
  let cls = "";
  for (const u of units) cls += "\\u" + u.toString(16).padStart(4, "0");
  return new RegExp(`[${cls}]`, "g");
}

/** The mention terms (term → customer) as one string, whatever their order: equal strings, equal terms. */
export function mentionTermsKey(terms: ReadonlyMap<string, string>): string {
  return JSON.stringify([...terms].sort((a, b) => compareCodeUnits(a[0], b[0])));
}

export class TermMatcher {
  private readonly byKey = new Map<number, Term[]>();
  /** Finds the next code unit that starts some term: every other position is skipped unseen. */
  private readonly starts: RegExp;
  readonly size: number;

  /** `terms`: term → the one customer (path) it belongs to. Terms under 3 code points are dropped. */
  constructor(terms: ReadonlyMap<string, string>) {
    let size = 0;
    for (const [raw, owner] of terms) {
      const text = raw.normalize("NFC").trim().replace(/\s+/gu, " ");
      if ([...text].length < 3) continue;
      const key = keyAt(text, 0);
      if (key < 0) continue;
      const term: Term = { text, owner, first: text.codePointAt(0)!, last: codePointBefore(text, text.length) };
      const list = this.byKey.get(key);
      if (list) list.push(term);
      else this.byKey.set(key, [term]);
      size++;
    }
    const firsts = new Set<number>();
    for (const list of this.byKey.values()) {
      list.sort((a, b) => b.text.length - a.text.length);
      for (const t of list) firsts.add(t.text.charCodeAt(0));
    }
    this.starts = unitClass(firsts);
    this.size = size;
  }

  /** Length of the text matched by `term` at `i` (whitespace runs for spaces), or -1. */
  private matchAt(s: string, i: number, term: Term): number {
    const t = term.text;
    let j = i;
    for (let k = 0; k < t.length; k++) {
      const tc = t.charCodeAt(k);
      if (j >= s.length) return -1;
      if (tc === 32) {
        if (!isSpace(s.charCodeAt(j))) return -1;
        while (j < s.length && isSpace(s.charCodeAt(j))) j++;
        continue;
      }
      if (s.charCodeAt(j) !== tc) return -1;
      j++;
    }
    return j;
  }

  /** Every mention in `s`, overlaps resolved so that the longest match wins its text. */
  find(s: string): Mention[] {
    if (this.size === 0 || s.length < 3) return [];
    const found: Mention[] = [];
    const starts = this.starts;
    starts.lastIndex = 0;
    // Only positions holding the first code unit of some term can start a match.
    while (starts.test(s)) {
      const i = starts.lastIndex - 1;
      const c = s.charCodeAt(i);
      const start = i > 0 ? s.charCodeAt(i - 1) : -1;
      // A candidate start needs an edge before it (checked per term for the script rule).
      if (start >= 0 && start < 128 && c < 128) {
        if ((start >= 65 && start <= 90) || (start >= 97 && start <= 122) || (start >= 48 && start <= 57)) continue;
      }
      const key = keyAt(s, i);
      if (key < 0) continue;
      const terms = this.byKey.get(key);
      if (!terms) continue;
      const before = codePointBefore(s, i);
      for (const term of terms) {
        if (!isEdge(before, term.first)) continue;
        const end = this.matchAt(s, i, term);
        if (end < 0) continue;
        if (!isEdge(codePointAt(s, end), term.last)) continue;
        found.push({ start: i, end, owner: term.owner });
      }
    }
    if (found.length <= 1) return found;
    // Found in order of start: when no match reaches into the next, nothing overlaps.
    let overlap = false;
    for (let k = 1; k < found.length && !overlap; k++) if (found[k]!.start < found[k - 1]!.end) overlap = true;
    if (!overlap) return found;
    // Longest first; among equals, the earlier one; a match is dropped when text it covers is taken.
    const byLength = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const base = found[0]!.start;
    let maxEnd = 0;
    for (const m of found) if (m.end > maxEnd) maxEnd = m.end;
    const taken = new Uint8Array(maxEnd - base);
    const kept: Mention[] = [];
    for (const m of byLength) {
      let free = true;
      for (let j = m.start; j < m.end && free; j++) if (taken[j - base] === 1) free = false;
      if (!free) continue;
      taken.fill(1, m.start - base, m.end - base);
      kept.push(m);
    }
    return kept.sort((a, b) => a.start - b.start);
  }

  /** The customers mentioned in any of the texts. */
  owners(...texts: string[]): Set<string> {
    const out = new Set<string>();
    for (const t of texts) for (const m of this.find(t)) out.add(m.owner);
    return out;
  }
}
