// An independent model of WHAT a customer page's managed sections hold (§2 kinds, §3 resolution,
// §4 dates, §5 relations, §6 harvest, §7 bodies), written from the contract alone for a RESTRICTED
// vault shape: plain frontmatter, wikilinks, dated and undated note names, one-line items and tasks
// under category headings or bold lines, mentions of terms, via-relations through people and
// projects. It never parses markdown: the generator builds each note as a structure (tokens, blocks,
// frontmatter entries), renders it to text for the engine, and the model reads the structure. What
// the restricted shape leaves out (continuation lines, quotes, callouts, code, comments, tables,
// self-links, attachments, empty notes, markdown links) has oracles of its own.
import type { Settings } from "../../src/core/settings";

// ---------------------------------------------------------------------------------------------
// The vault as the generator builds it.

/** A piece of a line: words and terms are separated by one space when rendered. */
export type Tok =
  | { k: "w"; s: string }
  /** A customer's term (or a case variant of one), with glue written right before and after it. */
  | { k: "term"; s: string; pre: string; post: string }
  | { k: "link"; target: string; heading: string | null; shown: string | null }
  | { k: "tag"; s: string }
  /** Inline code: invisible to mentions (§1), its text kept in items and summaries. */
  | { k: "code"; s: string }
  /** Emphasis, strike or highlight around a word or term. */
  | { k: "emph"; s: string; mark: string }
  /** An external link: its text is searched for mentions, its URL is not. */
  | { k: "ext"; text: string; url: string }
  /** A markdown link to a note (`[text](People/Maya%20Lin.md)`, `[text](<People/Maya Lin.md>)`). */
  | { k: "md"; text: string; href: string };

export type Block =
  /** `tight`: an ATX heading or an item that can interrupt a paragraph follows it with no blank line. */
  | { k: "para"; lines: Tok[][]; tight?: boolean }
  /** `raw` is the heading's text as written after the `#`s; `toks` when it is free text. */
  | { k: "heading"; level: number; raw: string; toks: Tok[] | null; setext?: boolean }
  /** A line that is only bold text, as written, and its name (§6). */
  | { k: "bold"; line: string; name: string }
  /** A group of consecutive items (no blank line between them). */
  | { k: "items"; items: GItem[] };

export interface GItem {
  depth: 0 | 1;
  marker: "-" | "*" | "+" | "1." | "1)";
  /** null: no checkbox; " " open; "x", "X", "-", "/" closed or other statuses; "ab" is no checkbox but text. */
  box: " " | "x" | "X" | "-" | "/" | "ab" | null;
  /** A leading emoji written before the text. */
  emoji: string | null;
  toks: Tok[];
  blockId: string | null;
}

/**
 * A frontmatter value: a plain scalar (written as is), a quoted scalar, a flow list of quoted strings,
 * or an unquoted wikilink (`company: [[Acme]]`, which YAML reads as `[["Acme"]]` and §3 as `[[Acme]]`).
 */
export type FmVal = { k: "plain"; s: string } | { k: "quoted"; s: string } | { k: "list"; items: string[] } | { k: "raw"; s: string };

export interface GNote {
  path: string;
  fm: Array<[string, FmVal]> | null;
  blocks: Block[];
  /** Frontmatter made invalid (§1: read as empty): its first key written twice, or a line YAML cannot read. */
  invalidFm?: "duplicate" | "syntax";
}

export function renderTok(t: Tok): string {
  switch (t.k) {
    case "w":
      return t.s;
    case "term":
      return t.pre + t.s + t.post;
    case "tag":
      return t.s;
    case "code":
      return `\`${t.s}\``;
    case "emph":
      return t.mark + t.s + t.mark;
    case "ext":
      return `[${t.text}](${t.url})`;
    case "md":
      return `[${t.text}](${t.href})`;
    case "link":
      return `[[${t.target}${t.heading === null ? "" : `#${t.heading}`}${t.shown === null ? "" : `|${t.shown}`}]]`;
  }
}

export function renderToks(ts: readonly Tok[]): string {
  return ts.map(renderTok).join(" ");
}

function itemText(it: GItem): string {
  const parts: string[] = [];
  if (it.emoji !== null) parts.push(it.emoji);
  const t = renderToks(it.toks);
  if (t !== "") parts.push(t);
  let s = parts.join(" ");
  if (it.blockId !== null) s += ` ^${it.blockId}`;
  return s;
}

function renderFmVal(v: FmVal): string {
  switch (v.k) {
    case "plain":
    case "raw":
      return v.s;
    case "quoted":
      return JSON.stringify(v.s);
    case "list":
      return `[${v.items.map((s) => JSON.stringify(s)).join(", ")}]`;
  }
}

export function renderNote(n: GNote): string {
  const out: string[] = [];
  if (n.fm !== null) {
    out.push("---");
    for (const [k, v] of n.fm) out.push(`${k}: ${renderFmVal(v)}`);
    if (n.invalidFm === "duplicate" && n.fm.length > 0) out.push(`${n.fm[0]![0]}: ${renderFmVal(n.fm[0]![1])}`);
    if (n.invalidFm === "syntax") out.push("bad: [unclosed");
    out.push("---");
  }
  const chunks: string[] = [];
  for (const b of n.blocks) {
    switch (b.k) {
      case "para":
        chunks.push(b.lines.map(renderToks).join("\n"));
        break;
      case "heading": {
        const text = b.toks === null ? b.raw : renderToks(b.toks);
        chunks.push(b.setext ? `${text}\n${b.level === 1 ? "===" : "---"}` : `${"#".repeat(b.level)} ${text}`);
        break;
      }
      case "bold":
        chunks.push(b.line);
        break;
      case "items":
        chunks.push(
          b.items
            .map((it) => `${it.depth === 1 ? "    " : ""}${it.marker} ${it.box === null ? "" : `[${it.box}] `}${itemText(it)}`)
            .join("\n"),
        );
        break;
    }
  }
  // Blocks are separated by a blank line, except a bold line and the items right after it, and a
  // tight paragraph and the items or ATX heading right after it.
  let body = "";
  n.blocks.forEach((b, i) => {
    const prev = n.blocks[i - 1];
    const tight = (prev?.k === "bold" && b.k === "items") || (prev?.k === "para" && prev.tight === true && (b.k === "items" || (b.k === "heading" && !b.setext)));
    if (i > 0) body += tight ? "\n" : "\n\n";
    body += chunks[i];
  });
  out.push(body);
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// The model.

interface Day {
  year: number;
  month: number;
  day: number | null;
}

interface MNote {
  path: string;
  base: string;
  folder: string;
  /** "excluded": in an excluded folder — a link target, nothing more (§1). */
  kind: "customer" | "person" | "project" | "meeting" | "note" | "excluded";
  /** Only whitespace: a candidate of §3 step 4 only when step 5 finds nothing. */
  empty: boolean;
  fm: Map<string, FmVal>; // lower-cased keys
  fmOrder: Array<[string, FmVal]>;
  aliases: string[];
  date: Day | null;
  /** Link targets in position order (frontmatter first), as written (before `#`). */
  links: string[];
  blocks: Block[];
}

const lc = (s: string): string => s.toLowerCase();
const ext = (p: string): string => p.replace(/\.md$/, "");
const baseOf = (p: string): string => ext(p).split("/").pop()!;
const folderOf = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");

function codeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function valStrings(v: FmVal | undefined): string[] {
  if (v === undefined) return [];
  return v.k === "list" ? v.items : [v.s];
}

/** The targets of every wikilink in a string. */
function allLinks(s: string): string[] {
  return [...s.matchAll(/\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]/g)].map((m) => m[1]!.trim());
}

const WIKI = /^\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]$/;

function linkTargetOf(s: string): string | null {
  const m = WIKI.exec(s.trim());
  return m ? m[1]!.trim() : null;
}

// §4 dates.
function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
function mkDay(y: number, m: number, d: number): Day | null {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) ? { year: y, month: m, day: d } : null;
}
function mkMonth(y: number, m: number): Day | null {
  return m >= 1 && m <= 12 ? { year: y, month: m, day: null } : null;
}
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** The forms of §4 rule 2 for a basename. */
export function dateOfName(name: string): Day | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(name);
  if (m) {
    const d = mkDay(+m[1]!, +m[2]!, +m[3]!);
    if (d) return d;
  }
  m = /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(name);
  if (m) {
    const d = mkDay(+m[1]!, +m[2]!, +m[3]!);
    if (d) return d;
  }
  m = /^([A-Za-z]+) (\d{1,2})(?:st|nd|rd|th)?, (\d{4})$/.exec(name);
  if (m) {
    const w = lc(m[1]!);
    let mi = MONTH_NAMES.indexOf(w);
    if (mi < 0) mi = w === "sept" ? 8 : MONTHS.indexOf(w);
    if (mi >= 0) {
      const d = mkDay(+m[3]!, mi + 1, +m[2]!);
      if (d) return d;
    }
  }
  m = /^(\d{4})-(\d{2})(?!\d|-\d)/.exec(name);
  if (m) {
    const d = mkMonth(+m[1]!, +m[2]!);
    if (d) return d;
  }
  const re = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
  for (let x = re.exec(name); x; x = re.exec(name)) {
    if (x.index === 0) continue;
    const d = mkDay(+x[1]!, +x[2]!, +x[3]!);
    if (d) return d;
  }
  return null;
}

function dateOfValue(v: FmVal | undefined): Day | null {
  if (v === undefined || v.k === "list") return null;
  const s = v.s.trim();
  const t = linkTargetOf(s);
  const whole = t ?? s;
  // Rule 1: any form of rule 2 as the whole value; an ISO date-time's leading date.
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2})?)?$/.exec(whole);
  if (m) return mkDay(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(whole);
  if (m) return mkDay(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})-(\d{2})$/.exec(whole);
  if (m) return mkMonth(+m[1]!, +m[2]!);
  m = /^([A-Za-z]+) (\d{1,2})(?:st|nd|rd|th)?, (\d{4})$/.exec(whole);
  if (m) {
    const w = lc(m[1]!);
    let mi = MONTH_NAMES.indexOf(w);
    if (mi < 0) mi = w === "sept" ? 8 : MONTHS.indexOf(w);
    return mi >= 0 ? mkDay(+m[3]!, mi + 1, +m[2]!) : null;
  }
  return null;
}

function noteDate(n: { base: string; fm: Map<string, FmVal> }): Day | null {
  return dateOfValue(n.fm.get("date")) ?? dateOfValue(n.fm.get("meeting_date")) ?? dateOfName(n.base) ?? dateOfValue(n.fm.get("created"));
}

export function fmtDate(d: Day | null): string {
  if (!d) return "unknown";
  const mm = String(d.month).padStart(2, "0");
  return d.day === null ? `${d.year}-${mm}` : `${d.year}-${mm}-${String(d.day).padStart(2, "0")}`;
}

/** Larger is newer: a month sorts as its first day, after a day-precision date on that day. */
function rank(d: Day | null): number {
  if (!d) return -Infinity;
  return (d.year * 10000 + d.month * 100 + (d.day ?? 1)) * 2 + (d.day === null ? 0 : 1);
}

function notAfterToday(d: Day, today: Day): boolean {
  if (d.year !== today.year) return d.year < today.year;
  if (d.month !== today.month) return d.month < today.month;
  return d.day === null || d.day <= today.day!;
}

function compareNotes(a: MNote, b: MNote): number {
  const ra = rank(a.date);
  const rb = rank(b.date);
  if (ra !== rb) return rb > ra ? 1 : -1;
  return codeUnit(a.path, b.path);
}

function compareNames(a: MNote, b: MNote): number {
  return codeUnit(lc(a.base), lc(b.base)) || codeUnit(a.path, b.path);
}

function kindOf(path: string, fm: Map<string, FmVal>, s: Settings): MNote["kind"] {
  for (const t of valStrings(fm.get("type"))) {
    const v = lc((linkTargetOf(t) ?? t).split("/").pop()!.trim());
    if (v === "customer" || v === "account") return "customer";
    if (v === "person" || v === "people" || v === "contact") return "person";
    if (v === "project") return "project";
    if (v === "meeting") return "meeting";
  }
  const tags = fm.get("tags");
  for (const t of tags === undefined ? [] : tags.k === "list" ? tags.items : tags.s.split(/[\s,]+/)) {
    const v = lc(t.trim().replace(/^#/, ""));
    if (v === "type/customer") return "customer";
    if (v === "type/person") return "person";
    if (v === "type/project") return "project";
    if (v === "type/meeting") return "meeting";
  }
  for (const t of valStrings(fm.get("categories")).flatMap(allLinks)) {
    const v = lc(t.split("/").pop()!);
    if (v === "customers" || v === "accounts") return "customer";
    if (v === "people") return "person";
    if (v === "projects") return "project";
    if (v === "meetings") return "meeting";
  }
  const parts = path.split("/");
  const top = parts[0]!;
  if (parts.length > 1) {
    if (top === s.folders.people) return "person";
    if (top === s.folders.projects) return "project";
    if (top === s.folders.meetings) return "meeting";
    if (top === s.folders.customers) {
      if (parts.length === 2) return "customer";
      if (parts.length === 3 && ext(parts[2]!) === parts[1]) return "customer";
    }
  }
  return "note";
}

/** A markdown link's target: `<…>` unwrapped, `%20`-style escapes decoded (§3 step 1). */
function mdTarget(href: string): string {
  const h = href.startsWith("<") && href.endsWith(">") ? href.slice(1, -1) : href;
  return decodeURIComponent(h);
}

function tokLinks(ts: readonly Tok[]): string[] {
  return ts.flatMap((t) => (t.k === "link" ? [t.target.trim()] : t.k === "md" ? [mdTarget(t.href)] : []));
}

function blockLinks(b: Block): string[] {
  switch (b.k) {
    case "para":
      return b.lines.flatMap(tokLinks);
    case "heading":
      return b.toks ? tokLinks(b.toks) : [];
    case "bold":
      return [];
    case "items":
      return b.items.flatMap((it) => tokLinks(it.toks));
  }
}

/** The visible text a mention is searched in, one string per line; a link is a boundary. */
function mentionTexts(n: MNote): string[] {
  const seg = (ts: readonly Tok[]): string =>
    ts.map((t) => (t.k === "link" || t.k === "code" || t.k === "md" ? "\u0001" : t.k === "ext" ? `${t.text} \u0001` : renderTok(t))).join(" ");
  const out = [n.base];
  for (const b of n.blocks) {
    if (b.k === "para") out.push(...b.lines.map(seg));
    else if (b.k === "heading") out.push(b.toks ? seg(b.toks) : b.raw);
    else if (b.k === "bold") out.push(b.line);
    else for (const it of b.items) out.push(seg(it.toks) + (it.blockId ? ` ^${it.blockId}` : ""));
  }
  return out;
}

const WORDCH = /[\p{L}\p{N}\p{M}]/u;

function scriptOf(ch: string): string {
  if (/\p{Script=Han}/u.test(ch)) return "han";
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) return "kana";
  if (/\p{Script=Hangul}/u.test(ch)) return "hangul";
  if (/\p{Script=Thai}/u.test(ch)) return "thai";
  return "other";
}

/** §5: a neighbour that is no letter, digit or mark is an edge; so is a Han, Kana, Hangul or Thai one of another script than the term's end. */
function isEdge(neighbour: string | undefined, termEnd: string): boolean {
  if (neighbour === undefined || !WORDCH.test(neighbour)) return true;
  const sn = scriptOf(neighbour);
  return sn !== "other" && sn !== scriptOf(termEnd);
}

/** The customers each line mentions: leftmost-longest matching of every usable term. */
function mentionsIn(texts: readonly string[], terms: ReadonlyArray<{ term: string; customer: string }>): Set<string> {
  const out = new Set<string>();
  const sorted = [...terms].sort((a, b) => b.term.length - a.term.length);
  for (const text of texts) {
    const chars = [...text.normalize("NFC")];
    let i = 0;
    while (i < chars.length) {
      let hit: { len: number; customer: string } | null = null;
      const rest = chars.slice(i).join("");
      for (const t of sorted) {
        const term = t.term.normalize("NFC");
        const re = new RegExp(`^${term.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+")}`, "u");
        const m = re.exec(rest);
        if (!m) continue;
        const len = [...m[0]].length;
        if (!isEdge(chars[i - 1], chars[i]!) || !isEdge(chars[i + len], chars[i + len - 1]!)) continue;
        if (!hit || len > hit.len) hit = { len, customer: t.customer };
      }
      if (hit) {
        out.add(hit.customer);
        i += hit.len;
      } else i++;
    }
  }
  return out;
}

const CATEGORY_NAMES: Record<string, Category> = {
  "key facts": "keyFacts",
  facts: "keyFacts",
  "key points": "keyFacts",
  blockers: "blockers",
  risks: "blockers",
  issues: "blockers",
  decisions: "keyDecisions",
  "key decisions": "keyDecisions",
  opportunities: "opportunities",
  topics: "topics",
};
type Category = "keyFacts" | "blockers" | "keyDecisions" | "opportunities" | "topics";
const TAGS: Record<string, Category> = { fact: "keyFacts", blocker: "blockers", decision: "keyDecisions", opportunity: "opportunities" };

/** A heading's name (§6): trimmed, without closing `#`s and surrounding `**`/`__`, then one trailing `:`. */
export function headingName(raw: string): string {
  let s = raw.trim().replace(/\s+#+\s*$/, "").trim();
  const m = /^(\*\*|__)(.*)\1$/.exec(s);
  if (m) s = m[2]!.trim();
  return s.replace(/:$/, "").trim();
}

function categoryOf(raw: string): Category | null {
  return CATEGORY_NAMES[lc(headingName(raw))] ?? null;
}

export function normalise(s: string): string {
  return lc(s.normalize("NFC")).replace(/\s+/g, " ").trim().replace(/[.;: ]+$/, "");
}

interface Harvested {
  text: string;
  source: MNote;
  blockId: string | null;
}

export interface ModelPage {
  /** The page's whole expected text. */
  text: string;
  lastContact: string;
  bodies: Record<string, string[]>;
}

export const SECTION_ORDER: Array<[string, string]> = [
  ["recentContext", "Recent Context"],
  ["keyFacts", "Key Facts"],
  ["topics", "Topics"],
  ["openTasks", "Open Tasks"],
  ["accountStatus", "Account Status"],
  ["keyContacts", "Key Contacts"],
  ["opportunities", "Opportunities"],
  ["blockers", "Blockers"],
  ["keyDecisions", "Key Decisions"],
  ["collaborators", "Collaborators"],
  ["relatedPeople", "Related People"],
];

const cps = (s: string): string[] => [...s];

function cutSummary(s: string): string {
  const c = cps(s);
  if (c.length <= 100) return s;
  let cut = -1;
  for (let i = Math.min(100, c.length - 1); i >= 0; i--) {
    if (/\s/.test(c[i]!)) {
      cut = i;
      break;
    }
  }
  const kept = cut > 0 ? c.slice(0, cut).join("") : c.slice(0, 100).join("");
  return kept.replace(/[,;:\-–—\s]+$/u, "") + "...";
}

function cleanToks(ts: readonly Tok[]): string {
  return ts
    .map((t) =>
      t.k === "link" ? (t.shown ?? (t.heading === null ? t.target : `${t.target} > ${t.heading}`)) : t.k === "code" || t.k === "emph" ? t.s : t.k === "ext" || t.k === "md" ? t.text : renderTok(t),
    )
    .join(" ");
}

function cleanText(s: string): string {
  // The restricted shape's only markup in summaries: wikilinks and `**` of a bold line.
  return s
    .replace(/\[\[([^\]|#]*)(?:#([^\]|]*))?(?:\|([^\]]*))?\]\]/g, (_m, t: string, h: string | undefined, shown: string | undefined) =>
      shown ?? (h === undefined ? t : `${t} > ${h}`),
    )
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export class ContractModel {
  readonly notes = new Map<string, MNote>();
  private readonly customers: MNote[];
  private readonly direct = new Map<string, Set<string>>(); // note → customers
  private readonly via = new Map<string, Map<string, string>>(); // note → customer → entity path
  private readonly belongs = new Map<string, Set<string>>(); // entity → customers
  private readonly usableTerms = new Map<string, string[]>(); // customer → terms (not shared)

  constructor(
    gnotes: readonly GNote[],
    private readonly settings: Settings,
    private readonly today: Day,
  ) {
    for (const g of gnotes) {
      const excluded = settings.excludedFolders.some((f) => g.path.startsWith(`${f}/`));
      const fmOrder = g.invalidFm || excluded ? [] : (g.fm ?? []);
      const fm = new Map<string, FmVal>();
      for (const [k, v] of fmOrder) fm.set(lc(k), v);
      const n: MNote = {
        path: g.path,
        base: baseOf(g.path),
        folder: folderOf(g.path),
        kind: excluded ? "excluded" : kindOf(g.path, fm, settings),
        empty: !excluded && renderNote(g).trim() === "",
        fm,
        fmOrder,
        aliases: [fm.get("aliases"), fm.get("alias")]
          .flatMap((v) => (v === undefined ? [] : v.k === "list" ? v.items : v.s.split(",")))
          .map((a) => a.trim())
          .filter((a) => a !== ""),
        date: null,
        links: [],
        blocks: excluded ? [] : g.blocks,
      };
      n.date = noteDate(n);
      // Every wikilink in every frontmatter string, in the order written.
      for (const [, v] of n.fmOrder) for (const s of valStrings(v)) n.links.push(...allLinks(s));
      for (const b of n.blocks) n.links.push(...blockLinks(b));
      this.notes.set(n.path, n);
    }
    this.customers = [...this.notes.values()].filter((n) => n.kind === "customer").sort((a, b) => codeUnit(a.path, b.path));
    // §5 terms: a term of more than one customer (ignoring case) is used by none.
    const owners = new Map<string, Set<string>>();
    const termsOf = (c: MNote): string[] => {
      const title = c.fm.get("title");
      return [c.base, ...(title && title.k !== "list" ? [title.s.trim()] : []), ...c.aliases].filter((t) => t !== "");
    };
    for (const c of this.customers) for (const t of termsOf(c)) {
      if (!owners.has(lc(t))) owners.set(lc(t), new Set());
      owners.get(lc(t))!.add(c.path);
    }
    for (const c of this.customers) this.usableTerms.set(c.path, [...new Set(termsOf(c).filter((t) => owners.get(lc(t))!.size === 1))]);
    // Belongs (§5).
    const addBelongs = (e: string, c: string): void => {
      if (!this.belongs.has(e)) this.belongs.set(e, new Set());
      this.belongs.get(e)!.add(c);
    };
    for (const e of this.notes.values()) {
      const keys = e.kind === "person" ? ["company", "organization", "org", "account"] : e.kind === "project" ? ["customer", "account", "company"] : null;
      if (!keys) continue;
      // An empty value (null, "", []) is no value: the next key decides (README, "Choices where the contract is silent").
      const key = keys.find((k) => valStrings(e.fm.get(k)).some((x) => x.trim() !== ""));
      if (key === undefined) continue;
      for (const c of this.customers) if (this.namesValue(e.fm.get(key), e, c)) addBelongs(e.path, c.path);
    }
    // Every link of an entry (README): `"[[Ann Lee]] (CTO)"`, `"[[Ann Lee]], [[Cid]]"`; an entry with
    // no link is tried as one (`contacts: [Bo]`), as a company's plain value is.
    const listed = (entry: string): string[] => (entry.includes("[[") ? allLinks(entry) : [entry.trim()]);
    for (const c of this.customers) for (const key of ["contacts", "projects"]) for (const t of valStrings(c.fm.get(key)).flatMap(listed)) {
      const r = this.resolve(t, c);
      if (r && (r.kind === "person" || r.kind === "project")) addBelongs(r.path, c.path);
    }
    // Relations.
    const terms = this.customers.filter((c) => this.mentionsOn(c)).flatMap((c) => this.usableTerms.get(c.path)!.filter((t) => cps(t).length >= 3).map((term) => ({ term, customer: c.path })));
    for (const n of this.notes.values()) {
      if (n.kind !== "meeting" && n.kind !== "note") continue;
      const d = new Set<string>();
      const resolved = n.links.map((t) => this.resolve(t, n));
      for (const r of resolved) if (r && r.kind === "customer") d.add(r.path);
      for (const key of ["customer", "account", "company", "org", "organization"]) for (const c of this.customers) if (this.namesValue(n.fm.get(key), n, c)) d.add(c.path);
      for (const c of mentionsIn(mentionTexts(n), terms)) d.add(c);
      const parts = n.path.split("/");
      if (parts[0] === settings.folders.customers && parts.length >= 3) for (const c of this.customers) if (c.base === parts[1]) d.add(c.path);
      this.direct.set(n.path, d);
      const v = new Map<string, string>();
      for (const c of this.customers) {
        if (d.has(c.path)) continue;
        const a = resolved.find((r) => r && (r.kind === "person" || r.kind === "project") && this.belongs.get(r.path)?.has(c.path));
        if (a) v.set(c.path, a.path);
      }
      this.via.set(n.path, v);
    }
  }

  private mentionsOn(c: MNote): boolean {
    const v = c.fm.get("mentions");
    return !(v && v.k === "plain" && lc(v.s) === "false");
  }

  /** §3 steps 4–5 for a target without `./`, `../` or `/` at its start. */
  resolve(target: string, from: MNote): MNote | null {
    let t = target.trim().replace(/\.md$/i, "");
    if (t === "") return null;
    // Steps 2–3: relative to the linking note's folder, or from the vault's root, exactly.
    if (t.startsWith("./") || t.startsWith("../") || t.startsWith("/")) {
      const parts = t.startsWith("/") ? [] : from.folder === "" ? [] : from.folder.split("/");
      for (const seg of t.replace(/^\//, "").split("/")) {
        if (seg === "..") {
          if (parts.length === 0) return null;
          parts.pop();
        } else if (seg !== ".") parts.push(seg);
      }
      t = parts.join("/");
      return [...this.notes.values()].find((n) => lc(ext(n.path)) === lc(t)) ?? null;
    }
    const last = lc(t.split("/").pop()!);
    const all = [...this.notes.values()].filter((n) => lc(n.base) === last && (lc(ext(n.path)) === lc(t) || lc(ext(n.path)).endsWith("/" + lc(t))));
    const pick = (cands: MNote[]): MNote | null =>
      cands.sort((a, b) => Number(b.folder === from.folder) - Number(a.folder === from.folder) || a.path.length - b.path.length || codeUnit(a.path, b.path))[0] ?? null;
    const full = pick(all.filter((n) => !n.empty));
    if (full) return full;
    const byAlias = [...this.notes.values()].filter((n) => n.aliases.some((a) => lc(a) === lc(t)));
    if (byAlias.length === 1) return byAlias[0]!;
    return pick(all.filter((n) => n.empty));
  }

  /** Whether a frontmatter value names customer c (§5). */
  private namesValue(v: FmVal | undefined, from: MNote, c: MNote): boolean {
    for (const s of valStrings(v)) {
      const t = linkTargetOf(s);
      if (t !== null) {
        if (this.resolve(t, from) === c) return true;
        continue;
      }
      const plain = s.trim();
      if (plain === "") continue;
      if (this.resolve(plain, from) === c) return true;
      if (this.usableTerms.get(c.path)!.some((term) => lc(term) === lc(plain))) return true;
    }
    return false;
  }

  /** §7 link rule. */
  private linkText(n: MNote, page: MNote): string {
    const twins = [...this.notes.values()].filter((o) => o !== n && lc(o.base) === lc(n.base));
    const text = twins.length > 0 ? ext(n.path) : n.base;
    // README: a link that would open another note from the page's folder is written relative to it.
    if (this.resolve(text, page) === n) return text;
    const from = page.folder === "" ? [] : page.folder.split("/");
    const to = ext(n.path).split("/");
    let k = 0;
    while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
    const up = from.length - k;
    return (up === 0 ? "./" : "../".repeat(up)) + to.slice(k).join("/");
  }


  /** §5 related notes of C in §4 order. */
  private relatedOf(c: MNote): MNote[] {
    return [...this.notes.values()].filter((n) => this.direct.get(n.path)?.has(c.path) || this.via.get(n.path)?.has(c.path)).sort(compareNotes);
  }

  /** §6 sources of C: its direct notes, and via notes direct for no other customer, in §4 order. */
  private sourcesOf(c: MNote): MNote[] {
    return this.relatedOf(c).filter((n) => this.direct.get(n.path)!.has(c.path) || ![...this.direct.get(n.path)!].some((o) => o !== c.path));
  }

  /**
   * §8 write-back, from the contract and the README's choices where it is silent.
   * `ticks` are the lines of pages' Open Tasks whose box the user changed, in the order the run meets
   * them (pages by path, lines top down). Each names its source by the last ` ([[…]])` on the line,
   * resolved from the page's folder (source links off: the first of C's §6 sources holding an open
   * task of its text); the first open task there whose normalised text (§6) is the
   * line's gets the status, and so does every other open task of that text in the page's §6 sources
   * (§8) — except that of identical task lines (the whole line but its status character) in one note
   * only the first open one is ticked (README). Every tick is looked for in the notes as they were
   * before the run. Dropped with a warning: a tick whose named note holds no such open task (§8),
   * though another source hold one. Not written to a note, with a warning naming it, that holds one
   * of the tick's tasks on identical lines of which some are closed already (README: which line the
   * tick meant cannot be told there); the other notes still take it. The same task ticked on two
   * pages is one tick; ticked with two statuses, the page read first wins and the other page gets a
   * warning for each note where that happened (README). A tick no note took (its notes unreadable)
   * stays ticked on its page; of two lines of one page ticking one task so, the upper line's status
   * stays, and the lower line, of another status, is dropped with a warning (README, B39-B).
   * A ticked line is read as the user and their plugins leave it (B38-B): bullet or numbered; a
   * block id Obsidian appends and the Tasks plugin's done or cancelled date are no part of the task;
   * its text edited is matched as it then reads (§8's normalised text). Source links off, a line with
   * such a date or id cut off is dropped when the page cannot tell which task it is (README, "Tasks
   * and Dataview"; `shownOpen`, the page's lines still open, tells one case).
   * Returns the notes as they are then (only those status characters changed), the number of boxes
   * changed per note, and the warnings by kind.
   */
  writeBack(
    gnotes: readonly GNote[],
    ticks: ReadonlyArray<{ page: string; line: string }>,
    /** Per page, the normalised texts of its Open Tasks lines still open (bullet or numbered). */
    shownOpen: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
    /** Notes read when the run started that cannot be read when the ticks are written back. */
    unreadable: ReadonlySet<string> = new Set(),
  ): {
    notes: GNote[];
    changed: Map<string, number>;
    warnings: Array<{ page: string; line: string; kind: "dropped" | "identical" | "status" }>;
    /** The unreadable notes that held a task of a tick: each warned about. */
    unread: string[];
    /** Ticks no note took, kept ticked on their pages: the page's line of that text gets the status (the upper line's, of two). */
    kept: Array<{ page: string; key: string; status: string }>;
  } {
    const notes = structuredClone(gnotes) as GNote[];
    const unread = new Set<string>();
    const kept: Array<{ page: string; key: string; status: string }> = [];
    const byPath = new Map(notes.map((g) => [g.path, g]));
    const changed = new Map<string, number>();
    const warnings: Array<{ page: string; line: string; kind: "dropped" | "identical" | "status" }> = [];
    const claimed = new Map<GItem, string>();
    // The run's report says each warning once: two lines of a page alike (edited to read alike, or
    // ticked twice over) that meet the same fate in the same note give one.
    const said = new Set<string>();
    const warn = (t: { page: string; line: string }, kind: "dropped" | "identical" | "status", note: string): void => {
      const k = JSON.stringify([t.page, t.line, kind, note]);
      if (said.has(k)) return;
      said.add(k);
      warnings.push({ page: t.page, line: t.line, kind });
    };
    // The tasks of a note as they stood before the run: the item to change (in the copy), its status
    // then, its §6 text normalised, and its line but the status character.
    const tasks = (n: MNote, page: MNote): Array<{ it: GItem; box: string; key: string; line: string }> => {
      if (n.kind !== "meeting" && n.kind !== "note") return [];
      const out: Array<{ it: GItem; box: string; key: string; line: string }> = [];
      const copy = byPath.get(n.path)!;
      n.blocks.forEach((b, bi) => {
        if (b.k !== "items") return;
        b.items.forEach((it, ii) => {
          if (it.box === null || it.box === "ab") return;
          const text = itemText({ ...it, blockId: null }).replace(/\[\[#/g, `[[${this.linkText(n, page)}#`);
          if (text === "") return;
          const line = `${it.depth}|${it.marker}|${itemText(it)}`;
          out.push({ it: (copy.blocks[bi] as { items: GItem[] }).items[ii]!, box: it.box, key: normalise(text), line });
        });
      });
      return out;
    };
    // README ("Choices where the contract is silent"): a tick on an Open Tasks line, bullet or
    // numbered (`1. [x] …`, as "Toggle numbered list" leaves it).
    const parsed = ticks.map((t) => {
      const m = /^(?:[-*+]|\d{1,9}[.)]) \[([^ ])\] (.*)$/.exec(t.line);
      if (!m) throw new Error(`not a ticked line: ${t.line}`);
      // README ("Tasks and Dataview"): a block id Obsidian appends to the line (` ^a1b2c3`), and the
      // date the Tasks plugin stamps on a line it closes (` ✅ 2025-06-20`, ` ❌ …`,
      // `[completion:: …]`, `[cancelled:: …]`), are no part of the task. The stamp comes first: the
      // Tasks plugin writes it before a block id the line holds.
      const body = m[2]!.replace(/ \^[A-Za-z0-9-]+$/, "").replace(/ (?:[✅❌] \d{4}-\d{2}-\d{2}|\[(?:completion|cancelled):: \d{4}-\d{2}-\d{2}\])$/u, "");
      const at = this.settings.sourceLinks ? body.lastIndexOf(" ([[") : body.length;
      return { t, status: m[1]!, body, key: normalise(body.slice(0, at)), cut: body !== m[2]!, link: this.settings.sourceLinks ? body.slice(at + 4, body.length - 3) : null };
    });
    // Source links off, a line whose end was cut off may be the Tasks plugin's tick of a task whose
    // own text ends in such a date (README, "Tasks and Dataview": shown with it, the plugin puts
    // today's date in its place), as well as the task of its text; this vault shape has no such
    // task, but the page does not tell. So (README): "a task whose line still stands open on the page
    // is not the one you ticked" — an Open Tasks line reading as the cut text, still open, bullet or
    // numbered; and "when the page cannot tell which task a tick is (… two such lines ticked with two
    // statuses, a stale line ticked beside a click on a task of its text …), the tick is dropped with
    // a warning" — a cut line reading as a line of the page ticked with another status, cut or not.
    const cantTell = (x: (typeof parsed)[number]): boolean =>
      !this.settings.sourceLinks &&
      x.cut &&
      (shownOpen.get(x.t.page)?.has(x.key) === true || parsed.some((y) => y !== x && y.t.page === x.t.page && y.key === x.key && y.status !== x.status));
    const dropped = new Set(parsed.filter(cantTell));
    for (const x of parsed) {
      const { t, status, key } = x;
      const page = this.notes.get(t.page)!;
      if (dropped.has(x)) {
        warn(t, "dropped", "");
        continue;
      }
      let source: MNote | null;
      if (x.link !== null) {
        source = this.resolve(x.link.split("#")[0]!, page);
      } else {
        // §8: with source links off, the sources are C's related notes in §6 order — read as C's §6
        // sources, the notes its Open Tasks come from (README, "Choices where the contract is silent").
        source = this.sourcesOf(page).find((n) => tasks(n, page).some((y) => y.box === " " && y.key === key)) ?? null;
      }
      const there = source ? tasks(source, page) : [];
      const first = there.find((x) => x.box === " " && x.key === key);
      if (!first) {
        warn(t, "dropped", source?.path ?? "");
        continue;
      }
      // A note that holds one of its tasks on identical lines of which some are closed is not
      // written (README): which line the tick means cannot be told there. Each such note, a warning.
      const refused = new Set<string>();
      const targets: Array<(typeof there)[number] & { path: string }> = [];
      const take = (n: MNote, all: typeof there, x: (typeof there)[number]): void => {
        // A note that cannot be read when the tick is written back is not told about (README: the tick
        // "is tried again by the next run", which reads the note's lines).
        if (all.some((y) => y.line === x.line && y.box !== " ") && !unreadable.has(n.path)) refused.add(n.path);
        targets.push({ ...x, path: n.path });
      };
      take(source!, there, first);
      for (const n of this.sourcesOf(page)) {
        const all = tasks(n, page);
        const lines = new Set(n === source ? [first.line] : []);
        for (const x of all) {
          if (x.box !== " " || x.key !== key || x.it === first.it || lines.has(x.line)) continue;
          lines.add(x.line);
          take(n, all, x);
        }
      }
      for (const p of refused) warn(t, "identical", p);
      // A warning names the note where another page's status was written (README: each such note).
      const conflicts = new Set<string>();
      // A note read when the run started that cannot be read when the tick is written back keeps its
      // task open, with a warning naming it (README, the CLI's exit code 3: "the tick is kept as for a
      // note that cannot be written"); the tick stays ticked on the page unless another note took it.
      let took = false;
      let missed = false;
      for (const x of targets.filter((y) => !refused.has(y.path))) {
        if (unreadable.has(x.path)) {
          unread.add(x.path);
          missed = true;
          continue;
        }
        took = true;
        const before = claimed.get(x.it);
        if (before !== undefined) {
          if (before !== status) conflicts.add(x.path);
          continue;
        }
        claimed.set(x.it, status);
        x.it.box = status as GItem["box"];
        changed.set(x.path, (changed.get(x.path) ?? 0) + 1);
      }
      for (const p of conflicts) warn(t, "status", p);
      // Two lines of one page ticking one task "are read top down: the upper line's status is
      // written, or kept on the page when its note cannot be written then" (README): a lower line of
      // another status is gone from the page, and said, as a note written says it ("status" above).
      if (missed && !took) {
        const above = kept.find((y) => y.page === t.page && y.key === key);
        if (above === undefined) kept.push({ page: t.page, key, status });
        else if (above.status !== status) warn(t, "dropped", "a line above");
      }
    }
    return { notes, changed, warnings, unread: [...unread].sort(), kept };
  }

  customerPaths(): string[] {
    return this.customers.map((c) => c.path);
  }

  /** `keep`: managed sections the page holds already (§7: never removed, kept with an empty body). */
  page(customerPath: string, pageText: string, keep: ReadonlySet<string> = new Set()): ModelPage {
    const c = this.notes.get(customerPath)!;
    const s = this.settings;
    const related = this.relatedOf(c);
    const isDirect = (n: MNote): boolean => this.direct.get(n.path)!.has(c.path);
    // Last contact.
    let last: Day | null = null;
    for (const n of related) if (n.date && notAfterToday(n.date, this.today) && rank(n.date) > rank(last)) last = n.date;
    const lastContact = fmtDate(last);
    // Recent Context.
    const recent = related.slice(0, s.limits.recentContext).map((n) => {
      const summary = this.summaryOf(n);
      const via = isDirect(n) ? "" : ` (via ${baseOf(this.via.get(n.path)!.get(c.path)!)})`;
      return `- ${fmtDate(n.date)}: [[${this.linkText(n, c)}]]${summary === "" ? "" : ` - ${summary}`}${via}`;
    });
    // Harvest.
    const sources = this.sourcesOf(c);
    const cats: Record<Category | "openTasks", Harvested[]> = { keyFacts: [], blockers: [], keyDecisions: [], opportunities: [], topics: [], openTasks: [] };
    const topicNotes = new Map<string, { form: string; notes: Set<string>; first: number }>();
    let seen = 0;
    const addTopic = (text: string, n: MNote): void => {
      const k = normalise(text);
      if (k === "") return;
      if (!topicNotes.has(k)) topicNotes.set(k, { form: text, notes: new Set(), first: seen++ });
      topicNotes.get(k)!.notes.add(n.path);
    };
    for (const n of sources) {
      const ft = n.fm.get("topics");
      if (ft) {
        const list = ft.k === "list" ? ft.items : ft.s.split(",");
        for (const raw of list) {
          const t = linkTargetOf(raw);
          const shown = t !== null ? (this.resolve(t, n)?.base ?? t.split("/").pop()!) : raw.trim();
          addTopic(shown, n);
        }
      }
      for (const h of this.harvestNote(n, c)) {
        if (h.cat === "topics") addTopic(h.text, n);
        else cats[h.cat].push({ text: h.text, source: n, blockId: h.blockId });
      }
    }
    const dedupe = (xs: Harvested[]): Harvested[] => {
      const keys = new Set<string>();
      return xs.filter((x) => {
        const k = normalise(x.text);
        if (keys.has(k)) return false;
        keys.add(k);
        return true;
      });
    };
    const src = (h: Harvested): string => (s.sourceLinks ? ` ([[${this.linkText(h.source, c)}${h.blockId ? `#^${h.blockId}` : ""}]])` : "");
    const facts = dedupe(cats.keyFacts).slice(0, s.limits.keyFacts).map((h) => `- ${h.text}${src(h)}`);
    const opps = dedupe(cats.opportunities).slice(0, s.limits.opportunities).map((h) => `- ${h.text}${src(h)}`);
    const tasks = dedupe(cats.openTasks).map((h) => `${s.openTasksAsCheckboxes ? "- [ ] " : "- "}${h.text}${src(h)}`);
    const blockers = dedupe(cats.blockers).map((h) => `- ❌ ${h.text}${src(h)}`);
    const decisions = dedupe(cats.keyDecisions).slice(0, s.limits.keyDecisions).map((h) => `- ✅ ${h.text}${src(h)}`);
    const topicList = [...topicNotes.values()].sort((a, b) => b.notes.size - a.notes.size || a.first - b.first).slice(0, s.limits.topics).map((t) => t.form);
    const topics = topicList.length > 0 ? [topicList.join(", ")] : [];
    // Account Status.
    const status = ["| Field | Value |", "|-------|-------|"];
    for (const key of s.accountStatusKeys) {
      const v = c.fm.get(lc(key));
      if (!v) continue;
      const text = v.k === "list" ? v.items.join(", ") : v.s;
      if (text === "") continue;
      status.push(`| **${key[0]!.toUpperCase()}${key.slice(1)}** | ${text.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
    }
    status.push(`| **Last contact** | ${lastContact} |`);
    // People.
    const people = [...this.notes.values()].filter((p) => p.kind === "person");
    const belongsC = (p: MNote): boolean => this.belongs.get(p.path)?.has(c.path) === true;
    const linking = new Map<string, MNote[]>();
    for (const n of related) {
      const ps = new Set<string>();
      for (const t of n.links) {
        const r = this.resolve(t, n);
        if (r && r.kind === "person") ps.add(r.path);
      }
      for (const p of ps) {
        if (!linking.has(p)) linking.set(p, []);
        linking.get(p)!.push(n);
      }
    }
    const contactKey = (p: MNote): number => {
      const ns = linking.get(p.path);
      if (!ns) return -2;
      const dated = ns.filter((n) => n.date !== null);
      return dated.length === 0 ? -1 : Math.max(...dated.map((n) => rank(n.date)));
    };
    const contacts = people.filter(belongsC).sort((a, b) => contactKey(b) - contactKey(a) || compareNames(a, b)).map((p) => `- [[${this.linkText(p, c)}]]`);
    const ignored = new Set(s.ignoredPeople.map((name) => this.resolve(name, c)?.path));
    const collabPeople = people
      .filter((p) => (belongsC(p) || linking.has(p.path)) && !ignored.has(p.path))
      .sort((a, b) => (linking.get(b.path)?.length ?? 0) - (linking.get(a.path)?.length ?? 0) || compareNames(a, b));
    const cell = (p: MNote, keys: string[]): string => {
      for (const k of keys) {
        const v = p.fm.get(k);
        if (!v) continue;
        const parts = valStrings(v).map((x) => {
          const t = linkTargetOf(x);
          return t === null ? x : (this.resolve(t, p)?.base ?? t);
        });
        const text = parts.join(", ");
        if (text !== "") return text.replace(/\|/g, "\\|");
      }
      return "";
    };
    const collaborators = collabPeople.length === 0 ? [] : [
      "| Person | Role | Company |",
      "|--------|------|---------|",
      ...collabPeople.map((p) => `| [[${this.linkText(p, c)}]] | ${cell(p, ["role"])} | ${cell(p, ["company", "organization", "org", "account"])} |`),
    ];
    const relatedPeople = collabPeople.map((p) => `- [[${this.linkText(p, c)}]]`);
    const bodies: Record<string, string[]> = {
      recentContext: recent,
      keyFacts: facts,
      topics,
      openTasks: tasks,
      accountStatus: status,
      keyContacts: contacts,
      opportunities: opps,
      blockers,
      keyDecisions: decisions,
      collaborators,
      relatedPeople,
    };
    return { text: this.splice(pageText, bodies, lastContact, keep), lastContact, bodies };
  }

  /** The restricted page: frontmatter, then text with no managed section; every section is appended. */
  private splice(pageText: string, bodies: Record<string, string[]>, lastContact: string, keep: ReadonlySet<string>): string {
    const lines = pageText.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    if (lines[0] === "---") {
      const close = lines.indexOf("---", 1);
      const at = lines.findIndex((l, i) => i > 0 && i < close && /^last_contact:/.test(l));
      if (at >= 0) lines[at] = `last_contact: ${lastContact}`;
      else lines.splice(close, 0, `last_contact: ${lastContact}`);
    } else lines.unshift("---", `last_contact: ${lastContact}`, "---");
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
    for (const [id, name] of SECTION_ORDER) {
      const body = bodies[id]!;
      if (body.length === 0) {
        // §7 layout: `heading EOL EOL` for an empty body.
        if (keep.has(name)) lines.push("", `## ${name}`);
        continue;
      }
      lines.push("", `## ${name}`, "", ...body);
    }
    return lines.join("\n") + "\n";
  }

  private summaryOf(n: MNote): string {
    for (const key of ["summary", "description"]) {
      const v = n.fm.get(key);
      if (v && v.k !== "list" && cleanText(v.s) !== "") return cutSummary(cleanText(v.s));
    }
    for (const b of n.blocks) {
      if (b.k === "para") return cutSummary(cleanText(b.lines.map(cleanToks).join(" ")));
      if (b.k === "bold") return cutSummary(cleanText(b.line));
    }
    return "";
  }

  /** The items of one note in position order, each with its category (or open task). */
  private harvestNote(n: MNote, page: MNote): Array<{ cat: Category | "openTasks"; text: string; blockId: string | null }> {
    const out: Array<{ cat: Category | "openTasks"; text: string; blockId: string | null }> = [];
    const stack: Array<{ level: number; cat: Category | null }> = [];
    let bold: Category | null | undefined; // undefined: no bold line in force
    for (const b of n.blocks) {
      if (b.k === "heading") {
        while (stack.length > 0 && stack[stack.length - 1]!.level >= b.level) stack.pop();
        stack.push({ level: b.level, cat: b.toks ? categoryOf(renderToks(b.toks)) : categoryOf(b.raw) });
        bold = undefined;
      } else if (b.k === "bold") {
        bold = categoryOf(b.name);
      } else if (b.k === "items") {
        for (const it of b.items) {
          let text = itemText({ ...it, blockId: null }).replace(/\[\[#/g, `[[${this.linkText(n, page)}#`);
          if (it.box === "ab") text = `[ab] ${text}`.trim();
          else if (it.box !== null) {
            // A task keeps its text whole: tags, and a leading emoji (README).
            if (it.box === " " && text !== "") out.push({ cat: "openTasks", text, blockId: it.blockId });
            continue;
          }
          let cat: Category | null = null;
          const tagRe = /(^|\s)#(fact|blocker|decision|opportunity)(\/[\p{L}\p{N}_\-/]*)?(?![\p{L}\p{N}_\-/])/iu;
          const m = tagRe.exec(text);
          if (m) {
            cat = TAGS[lc(m[2]!)]!;
            const start = m.index + m[1]!.length;
            const end = start + m[0].length - m[1]!.length;
            // The tag and one adjacent space.
            if (text[end] === " ") text = text.slice(0, start) + text.slice(end + 1);
            else if (start > 0 && text[start - 1] === " ") text = text.slice(0, start - 1) + text.slice(end);
            else text = text.slice(0, start) + text.slice(end);
          } else {
            // A bold line heads the items after it, below the headings above it: one that names no
            // category leaves theirs in force, as a subheading does.
            cat = bold ?? [...stack].reverse().find((h) => h.cat !== null)?.cat ?? null;
          }
          text = text.replace(/^[❌✅⚠]\uFE0F?\s*/u, "");
          if (text === "" || cat === null) continue;
          out.push({ cat, text, blockId: it.blockId });
        }
      }
    }
    return out;
  }
}

/** A page of the restricted shape, section by section: `last_contact` and each `## ` heading's body. */
export function sectionsOf(text: string): Record<string, string[]> {
  const lines = text.split("\n");
  const out: Record<string, string[]> = {};
  const lc = lines.find((l) => l.startsWith("last_contact:"));
  out["(last_contact)"] = lc === undefined ? [] : [lc];
  let name: string | null = null;
  for (const l of lines) {
    if (l.startsWith("## ")) {
      name = l.slice(3);
      out[name] = [];
    } else if (name !== null && l !== "") out[name]!.push(l);
  }
  return out;
}
