// What the account-status panel shows, computed from the index: plain data, no DOM, no Obsidian.
import { dateRank, dayNumber, formatDate, type NoteDate } from "../core/dates";
import { statusRowsOfText } from "../core/engine";
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
