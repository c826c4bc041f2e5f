// What the account-status panel shows, computed from the index: plain data, no DOM, no Obsidian.
import { dateRank, dayNumber, formatDate, type NoteDate } from "../core/dates";
import { statusRowsOfText } from "../core/engine";
import { displayText, MD_LINK, percentDecode, SCHEME, wikiLinksOf } from "../core/links";
import { buildPageModel, lastContactOf, statusRows } from "../core/page";
import { compareCodeUnits } from "../core/text";
import type { VaultIndex } from "../core/vault-index";

export interface PanelLink {
  path: string;
  label: string;
}

export interface PanelCustomer {
  path: string;
  name: string;
  status: Array<[string, string]>;
  lastContact: string;
  /** "23 days ago", "today", or null when unknown. */
  lastContactRelative: string | null;
  /** Last contact older than the stale setting, or none known. */
  stale: boolean;
  counts: { openTasks: number; blockers: number; decisions: number };
  recent: Array<PanelLink & { date: string }>;
  contacts: PanelLink[];
}

export interface PanelRow {
  path: string;
  name: string;
  status: string | null;
  lastContact: string;
  lastContactRelative: string | null;
  stale: boolean;
}

/** A customer page's text as an open editor holds it, or null when no editor has it open. */
export type PageText = (path: string) => string | null;

/** Account Status rows from the page as its editor holds it (frontmatter typed, not saved yet), else null. */
function typedStatus(index: VaultIndex, path: string, pageText: PageText): Array<[string, string]> | null {
  const text = pageText(path);
  return text === null ? null : statusRowsOfText(index, path, text);
}

const NO_EDITOR: PageText = () => null;

/**
 * A piece of an Account Status value as Obsidian shows the page's table cell holding it: text, a
 * link to a note (`linktext`, read by Obsidian as the page's own link is: `Note#Heading`), or a web
 * link.
 */
export type StatusPart = { text: string } | { text: string; linktext: string } | { text: string; url: string };

// Web links Obsidian opens in the browser. Another scheme (`javascript:`, `file:`) stays text: a
// value is the user's, but the panel makes no link of a kind Obsidian would not open from a page.
const WEB = /^(?:https?:\/\/|mailto:)/i;
// GFM's autolinks, the `www.` form left out (its href would need a scheme made up for it).
const BARE_URL = /\bhttps?:\/\/[^\s<>[\]]+/gi;

/** A bare URL's end as GFM's autolink reads it: trailing punctuation, and a `)` it does not open, are not part of it. */
function urlEnd(url: string): number {
  let end = url.length;
  for (;;) {
    const c = url[end - 1];
    if (c !== undefined && "?!.,:*_~'\"".includes(c)) end--;
    else if (c === ")" && count(url.slice(0, end), ")") > count(url.slice(0, end), "(")) end--;
    else return end;
  }
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}

function pushText(parts: StatusPart[], text: string): void {
  if (text === "") return;
  const last = parts[parts.length - 1];
  if (last !== undefined && !("linktext" in last) && !("url" in last)) last.text += text;
  else parts.push({ text });
}

/** Bare web addresses in text that holds no other link. */
function urlParts(parts: StatusPart[], text: string): void {
  let pos = 0;
  for (const m of text.matchAll(BARE_URL)) {
    const url = m[0].slice(0, urlEnd(m[0]));
    pushText(parts, text.slice(pos, m.index));
    parts.push({ text: url, url });
    pos = m.index + url.length;
  }
  pushText(parts, text.slice(pos));
}

/** Markdown links (`[x](Note.md)`, `[x](https://…)`) in text between wikilinks, then bare web addresses. */
function markdownParts(parts: StatusPart[], text: string): void {
  if (!text.includes("](")) return urlParts(parts, text);
  const re = new RegExp(MD_LINK.source, "g");
  let pos = 0;
  for (const m of text.matchAll(re)) {
    // An escape (`\[`), matched only to be skipped, or an embed (`![x](y)`, an image on the page).
    if (m[2] === undefined || m[1] === "!") continue;
    let dest = m[3]!;
    if (dest.startsWith("<")) dest = dest.slice(1, -1);
    dest = dest.trim();
    const label = m[2].trim();
    let part: StatusPart | null = null;
    if (SCHEME.test(dest)) {
      if (WEB.test(dest)) part = { text: label === "" ? dest : label, url: dest };
    } else if (dest !== "") {
      // As the index reads a markdown link: decoded, the fragment from the first literal `#`.
      const hash = dest.indexOf("#");
      const target = percentDecode(hash < 0 ? dest : dest.slice(0, hash)).trim();
      const subpath = hash < 0 ? "" : percentDecode(dest.slice(hash + 1)).trim();
      if (target !== "" || subpath !== "") part = { text: label === "" ? target : label, linktext: subpath === "" ? target : `${target}#${subpath}` };
    }
    if (part === null) continue;
    urlParts(parts, text.slice(pos, m.index));
    parts.push(part);
    pos = m.index + m[0].length;
  }
  urlParts(parts, text.slice(pos));
}

/**
 * An Account Status value as the page's table shows it in Obsidian: `[[Note]]`, `[[Note|alias]]`,
 * `[x](Note.md)` and web addresses as links, showing what Obsidian shows of them; the rest as
 * written (its other markdown — emphasis, code — is not drawn).
 */
export function statusParts(value: string): StatusPart[] {
  const parts: StatusPart[] = [];
  let pos = 0;
  // Embeds too (`![[logo.png]]`): a link to what the page's cell would show there.
  for (const l of wikiLinksOf(value)) {
    markdownParts(parts, value.slice(pos, l.start));
    const sub = l.subpath === null || l.subpath === "" ? "" : `#${l.subpath}`;
    // `[[Note|]]` would be a link of no text, which nobody could click: its target shows instead.
    const shown = displayText(l);
    parts.push({ text: shown.trim() === "" ? l.target || sub.slice(1) : shown, linktext: `${l.target}${sub}` });
    pos = l.end;
  }
  markdownParts(parts, value.slice(pos));
  return parts;
}

export type PanelModel =
  | { mode: "loading" }
  | { mode: "customers"; customers: PanelCustomer[] }
  | { mode: "all"; rows: PanelRow[] };

export function relativeDay(d: NoteDate | null, today: NoteDate): string | null {
  if (!d) return null;
  const days = dayNumber(today) - dayNumber(d);
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  const n = Math.abs(days);
  const span = `${n} day${n === 1 ? "" : "s"}`;
  return days > 0 ? `${span} ago` : `in ${span}`;
}

function isStale(d: NoteDate | null, today: NoteDate, staleDays: number): boolean {
  if (!d) return true;
  return dayNumber(today) - dayNumber(d) > staleDays;
}

/** The customers a note stands for: a customer page itself, or those a note or person relates to. */
export function customersFor(index: VaultIndex, path: string | null): string[] {
  if (path === null) return [];
  if (index.isCustomer(path)) return [path];
  const note = index.note(path);
  if (!note) return [];
  if (note.kind === "person" || note.kind === "project") return [...index.belongsTo(path)].sort(compareCodeUnits);
  return [...index.relationsOf(path).keys()].sort(compareCodeUnits);
}

export function customerPanel(index: VaultIndex, path: string, today: NoteDate, staleDays: number, pageText: PageText = NO_EDITOR): PanelCustomer {
  const model = buildPageModel(index, path, today);
  const note = index.note(path)!;
  // The model lists every related note already in §4 sort order.
  const recent = model.related.slice(0, 5).map((r) => ({ path: r.note, label: index.note(r.note)?.basename ?? r.note, date: formatDate(r.date) }));
  return {
    path,
    name: note.basename,
    status: typedStatus(index, path, pageText) ?? model.accountStatus,
    lastContact: formatDate(model.lastContact),
    lastContactRelative: relativeDay(model.lastContact, today),
    stale: isStale(model.lastContact, today, staleDays),
    counts: { openTasks: model.totals.openTasks, blockers: model.totals.blockers, decisions: model.totals.keyDecisions },
    recent,
    contacts: model.keyContacts.map((p) => ({ path: p, label: index.note(p)?.basename ?? p })),
  };
}

/** Every customer by last contact, oldest first (none known first), then by name. */
export function allCustomers(index: VaultIndex, today: NoteDate, staleDays: number, pageText: PageText = NO_EDITOR): PanelRow[] {
  const rows = index.customerPaths().map((path) => {
    const note = index.note(path)!;
    const last = lastContactOf(index, path, today);
    const rows = typedStatus(index, path, pageText) ?? statusRows(note, index.settings);
    const status = rows.find(([k]) => k.toLowerCase() === "status")?.[1] ?? null;
    return {
      row: {
        path,
        name: note.basename,
        status,
        lastContact: formatDate(last),
        lastContactRelative: relativeDay(last, today),
        stale: isStale(last, today, staleDays),
      },
      rank: dateRank(last),
    };
  });
  rows.sort((a, b) => a.rank - b.rank || compareCodeUnits(a.row.name.toLowerCase(), b.row.name.toLowerCase()) || compareCodeUnits(a.row.path, b.row.path));
  return rows.map((r) => r.row);
}

/** `pageText`: customer pages as their open editors hold them (Account Status shows what is typed). */
export function panelModel(index: VaultIndex | null, activePath: string | null, today: NoteDate, staleDays: number, pageText: PageText = NO_EDITOR): PanelModel {
  if (!index) return { mode: "loading" };
  const customers = customersFor(index, activePath);
  if (customers.length === 0) return { mode: "all", rows: allCustomers(index, today, staleDays, pageText) };
  return { mode: "customers", customers: customers.map((c) => customerPanel(index, c, today, staleDays, pageText)) };
}
